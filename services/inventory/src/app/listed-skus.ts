import { Inject, Injectable } from '@nestjs/common';
import { ListingPublished, ListingUnlisted, type EventEnvelope, type ListingPublishedData, type ListingUnlistedData } from '@ops/contracts';
import { causedBy, type OutboxWriter } from '@ops/messaging';
import { OnEvent, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { reportAvailability } from '../infra/persistence/followed-skus.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';

/**
 * Which SKUs the online store lists (sales' `sales.listing.published` / `unlisted`): inventory follows them in
 * `followed_skus` and reports their available stock (`inventory.availability.changed`) once when it starts following
 * one and then after each movement that changes it (infra/persistence/followed-skus.ts, called by the stock ledger).
 * The two events come through separate consumers, so each is applied only when newer than the last one applied to its
 * SKU (by the listing event's time); a repeat or a late one changes nothing.
 */
@Injectable()
export class ListedSkus {
  constructor(private readonly ledger: StockLedgerStore, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  @OnEvent(ListingPublished, 'follow-listed-sku')
  async onPublished(event: EventEnvelope<ListingPublishedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    // The SKU's stock lock: the report below and every movement's report of the SKU queue on it, so they go out in order.
    await this.ledger.lock(tx, [d.sku]);
    const [row]: Array<{ following: boolean; newer: boolean }> = await tx.query(
      `SELECT following, changed_at < $2::timestamptz AS newer FROM followed_skus WHERE sku = $1 FOR UPDATE`, [d.sku, d.at],
    );
    if (row && !row.newer) return;
    await tx.query(
      `INSERT INTO followed_skus (sku, listing_id, following, changed_at) VALUES ($1, $2, true, $3)
       ON CONFLICT (sku) DO UPDATE SET listing_id = EXCLUDED.listing_id, following = true, changed_at = EXCLUDED.changed_at`,
      [d.sku, d.listingId, d.at],
    );
    if (!row?.following) await reportAvailability(tx, this.outbox, [d.sku], { actor: event.actor, cause: causedBy(event) }, { force: true });
  }

  @OnEvent(ListingUnlisted, 'unfollow-unlisted-sku')
  async onUnlisted(event: EventEnvelope<ListingUnlistedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await tx.query(
      `INSERT INTO followed_skus (sku, listing_id, following, changed_at) VALUES ($1, $2, false, $3)
       ON CONFLICT (sku) DO UPDATE SET following = false, changed_at = EXCLUDED.changed_at WHERE followed_skus.changed_at < EXCLUDED.changed_at`,
      [d.sku, d.listingId, d.at],
    );
  }
}
