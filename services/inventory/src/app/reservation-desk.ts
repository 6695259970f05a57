import { Injectable } from '@nestjs/common';
import type { Acting } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { cancelBackorder, fillBackorder, registerBackorder, waitsFor } from '../domain/backorder.js';
import type { WantedLine } from '../domain/reservation.js';
import { compare } from '../domain/stock-ledger.js';
import { BackorderEntity, SkuEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { BackorderStore } from '../infra/persistence/stores.js';

/** Backorders waiting for freed stock, locked in line order, with every SKU they may take locked too. */
export interface BackorderLine {
  skus: string[];
  waiting: BackorderEntity[];
}

/**
 * Orders and the stock they wait for: an order is reserved at once or waits in line as a backorder;
 * stock that arrives or is released serves the line first (domain.md §4.5).
 */
@Injectable()
export class ReservationDesk {
  constructor(private readonly ledger: StockLedgerStore, private readonly backorders: BackorderStore) {}

  /** All or nothing, in one warehouse; a shortage registers the order as a backorder and tells sales. */
  async reserveOrWait(tx: EntityManager, orderId: string, lines: WantedLine[], acting: Acting): Promise<void> {
    const outcome = await this.ledger.reserve(tx, { orderId, lines }, acting);
    if (outcome.kind === 'reserved') return;
    // Model and version go with the shortage: the register is read by people who order from suppliers.
    const skus = await tx.findBy(SkuEntity, { code: In(outcome.shortages.map((s) => s.sku)) });
    const shortages = outcome.shortages.map((s) => {
      const sku = skus.find((k) => k.code === s.sku);
      return sku ? { ...s, model: sku.model, version: sku.version } : s;
    });
    await this.backorders.create(tx, registerBackorder(orderId, lines, shortages), acting);
  }

  /**
   * The line for `skus`, taken before their stock changes: the waiting backorders (locked, oldest
   * first) and the stock of every SKU they or `skus` name (locked in one sweep, so filling them later
   * in this transaction never locks a SKU out of order).
   */
  async lineFor(tx: EntityManager, skus: string[]): Promise<BackorderLine> {
    const freed = [...new Set(skus)].sort(compare);
    const ids: Array<{ id: string }> = await tx.query(
      `SELECT id FROM backorders WHERE status = 'open' AND EXISTS (SELECT 1 FROM jsonb_array_elements(lines) AS l WHERE l->>'sku' = ANY($1::text[])) ORDER BY id FOR UPDATE`,
      [freed],
    );
    const waiting = ids.length ? await tx.find(BackorderEntity, { where: { id: In(ids.map((r) => r.id)) }, order: { id: 'ASC' } }) : [];
    await this.ledger.lock(tx, [...freed, ...waiting.flatMap((b) => b.lines.map((l) => l.sku))]);
    return { skus: freed, waiting };
  }

  /**
   * Serves the line from the stock that just arrived or was released: per SKU, backorders in order of
   * registration are reserved until the first that still cannot be, which keeps its place.
   */
  async serve(tx: EntityManager, line: BackorderLine, acting: Acting): Promise<string[]> {
    const filled: string[] = [];
    for (const sku of line.skus) {
      for (const backorder of line.waiting) {
        if (!waitsFor(backorder, sku)) continue;
        const outcome = await this.ledger.reserve(tx, { orderId: backorder.orderId, lines: backorder.lines }, acting);
        if (outcome.kind === 'shortage') break;
        await this.backorders.apply(tx, backorder, (state) => fillBackorder(state), acting);
        filled.push(backorder.orderId);
      }
    }
    return filled;
  }

  /** A cancelled order leaves the line, or gives back what it held, which serves the line. */
  async cancel(tx: EntityManager, orderId: string, reason: string, acting: Acting): Promise<void> {
    const reservations = await this.ledger.reservationsOf(tx, orderId);
    const waiting = await tx.findOne(BackorderEntity, { where: { orderId, status: 'open' }, lock: { mode: 'pessimistic_write' } });
    if (waiting) await this.backorders.apply(tx, waiting, (state) => cancelBackorder(state, reason), acting);
    const held = reservations.filter((r) => r.status === 'reserved');
    if (!held.length) return;
    const line = await this.lineFor(tx, held.map((r) => r.skuCode));
    await this.ledger.release(tx, { orderId, reason }, acting);
    await this.serve(tx, line, acting);
  }
}
