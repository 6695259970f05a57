import { Injectable } from '@nestjs/common';
import { ChangeFeed, type Acting } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { cancelBackorder, fillBackorder, registerBackorder } from '../domain/backorder.js';
import type { WantedLine } from '../domain/reservation.js';
import { compare } from '../domain/stock-ledger.js';
import { BackorderEntity, SkuEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { BackorderStore } from '../infra/persistence/stores.js';
import { pickGateChanged } from './outbound-checks.js';

/** Backorders waiting for freed stock, in line order, with every SKU they may take locked. */
export interface BackorderLine {
  skus: string[];
  waiting: BackorderEntity[];
}

const OPEN_FOR_SKUS = `SELECT id, lines FROM backorders WHERE status = 'open' AND EXISTS (SELECT 1 FROM jsonb_array_elements(lines) AS l WHERE l->>'sku' = ANY($1::text[])) ORDER BY id`;

/**
 * Orders and the stock they wait for: an order is reserved at once or waits in line as a backorder;
 * stock that arrives or is released serves the line first, strictly in its order (domain.md §4.5).
 *
 * The stock lock of its SKUs is the line's lock (see StockLedgerStore): a backorder is registered,
 * filled or cancelled only by a transaction holding the lock of every SKU it names, so backorder rows
 * need no lock of their own, and one whose SKUs are not all held is left alone (it keeps its place).
 */
@Injectable()
export class ReservationDesk {
  constructor(private readonly ledger: StockLedgerStore, private readonly backorders: BackorderStore, private readonly changes: ChangeFeed) {}

  /**
   * All or nothing, in one warehouse, and never ahead of a waiting backorder; a shortage registers the
   * order as a backorder at the end of the line and tells sales its place.
   */
  async reserveOrWait(tx: EntityManager, orderId: string, lines: WantedLine[], acting: Acting): Promise<void> {
    const outcome = await this.ledger.reserve(tx, { orderId, lines }, acting);
    if (outcome.kind === 'reserved') return;
    // Model and version go with the shortage: the register is read by people who order from suppliers.
    const skus = await tx.findBy(SkuEntity, { code: In(outcome.shortages.map((s) => s.sku)) });
    const shortages = outcome.shortages.map((s) => {
      const sku = skus.find((k) => k.code === s.sku);
      return sku ? { ...s, model: sku.model, version: sku.version } : s;
    });
    // Drawn while the order's SKUs are locked: after every backorder of them registered before, ahead of any after.
    const sequence = await this.backorders.nextSequence(tx);
    await this.backorders.create(tx, registerBackorder(sequence, orderId, lines, shortages), acting);
  }

  /**
   * The line for `skus`, taken before their stock changes: the stock of every SKU they or the
   * backorders waiting for them name (locked in one sweep, so filling them later in this transaction
   * never locks a SKU out of order), then the waiting backorders in line order. A backorder registered
   * between the two reads may name a SKU outside the sweep: it keeps its place (see `serve`).
   */
  async lineFor(tx: EntityManager, skus: string[]): Promise<BackorderLine> {
    const freed = [...new Set(skus)].sort(compare);
    const seen: Array<{ id: string; lines: WantedLine[] }> = await tx.query(OPEN_FOR_SKUS, [freed]);
    await this.ledger.lock(tx, [...freed, ...seen.flatMap((b) => b.lines.map((l) => l.sku))]);
    // Under the SKUs' lock the line of `freed` changes only in this transaction.
    return { skus: freed, waiting: await this.waiting(tx, freed) };
  }

  /**
   * Serves the line from the stock that just arrived or was released: per SKU, backorders in line order
   * are reserved until the first that still cannot be, which keeps its place and holds the rest back.
   * A backorder filled leaves the line of each of its SKUs, so those lines are served again: the next
   * in them may have waited only behind it.
   */
  async serve(tx: EntityManager, line: BackorderLine, acting: Acting): Promise<string[]> {
    const filled: string[] = [];
    const todo = [...line.skus];
    for (let sku = todo.shift(); sku !== undefined; sku = todo.shift()) {
      for (const backorder of await this.waiting(tx, [sku])) {
        // A backorder naming a SKU this transaction could not lock in order waits for the next arrival, and so do those behind it.
        if (!this.ledger.holds(tx, backorder.lines.map((l) => l.sku))) break;
        const outcome = await this.ledger.reserve(tx, { orderId: backorder.orderId, lines: backorder.lines }, acting);
        if (outcome.kind === 'shortage') break;
        await this.backorders.apply(tx, backorder, (state) => fillBackorder(state), acting);
        filled.push(backorder.orderId);
        await this.changes.changed(tx, pickGateChanged(backorder.orderId));
        for (const other of backorder.lines.map((l) => l.sku)) if (other !== sku && !todo.includes(other)) todo.push(other);
      }
    }
    return filled;
  }

  /** The open backorders of `skus`, in line order; the caller holds the SKUs' stock lock, so the line holds still. */
  private async waiting(tx: EntityManager, skus: string[]): Promise<BackorderEntity[]> {
    const ids: Array<{ id: string }> = await tx.query(OPEN_FOR_SKUS, [skus]);
    return ids.length ? tx.find(BackorderEntity, { where: { id: In(ids.map((r) => r.id)) }, order: { id: 'ASC' } }) : [];
  }

  /**
   * A cancelled order leaves the line, or gives back what it held; either way the line behind it is
   * served, since stock it waited for or held may now go to the next in line.
   */
  async cancel(tx: EntityManager, orderId: string, reason: string, acting: Acting): Promise<void> {
    const reservations = await this.ledger.reservationsOf(tx, orderId);
    const held = reservations.filter((r) => r.status === 'reserved');
    const backorder = await tx.findOneBy(BackorderEntity, { orderId, status: 'open' });
    const skus = [...held.map((r) => r.skuCode), ...(backorder?.lines.map((l) => l.sku) ?? [])];
    if (!skus.length) return;
    // Its own SKUs are among those locked, so its backorder, if still open, is the caller's to cancel.
    const line = await this.lineFor(tx, skus);
    const waiting = line.waiting.find((b) => b.orderId === orderId);
    if (waiting) await this.backorders.apply(tx, waiting, (state) => cancelBackorder(state, reason), acting);
    // What it holds now, under the lock: also what a fill that got in before the lock reserved for it.
    await this.ledger.release(tx, { orderId, reason }, acting);
    await this.serve(tx, line, acting);
  }
}
