import { AvailabilityChanged } from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import type { Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';

/**
 * The available stock of the SKUs the online store lists (`followed_skus`, migration 1765710000000): on hand less
 * reserved over the sellable warehouses of kind `warehouse` (an outlet's `store` warehouse sells from its own shelf).
 *
 * Called by the stock ledger after every movement with the SKUs whose levels it changed, in the movement's
 * transaction and under the SKUs' lock, so each SKU's reports are in commit order and their sequence rises with them.
 * Which of them are followed comes with the ledger's level update, or costs one primary-key lookup; a followed SKU
 * is reported only when its figure changed (`force` when inventory starts following it).
 */
export interface FollowedSku {
  sku: string;
  listing_id: string;
  available_quantity: number | null;
}

/** `followed`: the rows of `skus` the store follows, when the caller read them already (the ledger, with its level update). */
export async function reportAvailability(
  tx: EntityManager, outbox: OutboxWriter, skus: readonly string[], acting: Acting, { force = false, followed: known }: { force?: boolean; followed?: FollowedSku[] } = {},
): Promise<void> {
  const followed: FollowedSku[] = known ?? await tx.query(
    `SELECT sku, listing_id, available_quantity FROM followed_skus WHERE sku = ANY($1::text[]) AND following`,
    [skus],
  );
  if (!followed.length) return;
  const figures: Array<{ sku: string; available: number }> = await tx.query(
    `SELECT s.sku, COALESCE(SUM(l.on_hand - l.reserved) FILTER (WHERE w.kind = 'warehouse' AND w.sellable), 0)::int AS available
       FROM unnest($1::text[]) AS s(sku)
       LEFT JOIN stock_levels l ON l.sku_code = s.sku
       LEFT JOIN warehouses w ON w.code = l.warehouse_code
      GROUP BY s.sku`,
    [followed.map((f) => f.sku)],
  );
  for (const f of followed) {
    const available = Math.max(0, figures.find((x) => x.sku === f.sku)?.available ?? 0);
    if (!force && f.available_quantity === available) continue;
    const [{ sequence, asOf }]: Array<{ sequence: string; asOf: Date }> = await tx.query(`SELECT nextval('availability_report_seq') AS sequence, now() AS "asOf"`);
    await tx.query(`UPDATE followed_skus SET available_quantity = $2, reported_at = $3 WHERE sku = $1`, [f.sku, available, asOf]);
    await outbox.append(tx, AvailabilityChanged, {
      aggregateId: f.listing_id, actor: acting.actor, cause: acting.cause,
      data: { sku: f.sku, availableQuantity: available, sequence: Number(sequence), asOf: new Date(asOf).toISOString() },
    });
  }
}
