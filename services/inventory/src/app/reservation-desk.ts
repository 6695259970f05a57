import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_WAREHOUSE, StockReserved, type Actor } from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import { OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { planAcrossWarehouses, type StockLevel, type WantedLine, type WarehousePlan } from '../domain/reservation.js';
import { ReservationEntity } from '../infra/persistence/inventory.entities.js';

export type Cause = { id: string; correlationId: string } | { requestId: string };

/**
 * Reserves an order's stock without ever overselling: the stock rows of its SKUs are locked in one
 * global order, the plan is made on what is locked, each update is conditional as well, and the
 * table's CHECK backs both. All or nothing per order, in one warehouse.
 */
@Injectable()
export class ReservationDesk {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  async tryReserve(tx: EntityManager, orderId: string, lines: WantedLine[], actor: Actor, cause: Cause): Promise<WarehousePlan> {
    const skus = [...new Set(lines.map((l) => l.sku))].sort();
    // Every warehouse's rows of these SKUs, locked in one global order (SKU, warehouse) so racing orders queue instead of deadlocking.
    const rows: Array<{ sku_code: string; warehouse_code: string; on_hand: number; reserved: number }> = await tx.query(
      `SELECT sku_code, warehouse_code, on_hand, reserved FROM stock_levels WHERE sku_code = ANY($1) ORDER BY sku_code, warehouse_code FOR UPDATE`,
      [skus],
    );
    const codes: Array<{ code: string }> = await tx.query(`SELECT code FROM warehouses ORDER BY code <> $1, code`, [DEFAULT_WAREHOUSE]);
    const warehouses = codes.map(({ code }) => ({
      code,
      levels: new Map<string, StockLevel>(rows.filter((r) => r.warehouse_code === code).map((r) => [r.sku_code, { onHand: r.on_hand, reserved: r.reserved }])),
    }));
    const plan = planAcrossWarehouses(lines, warehouses);
    if (plan.kind === 'shortage') return plan;
    const { warehouseCode } = plan;
    for (const line of plan.lines) {
      const updated: [unknown[], number] = await tx.query(
        `UPDATE stock_levels SET reserved = reserved + $3 WHERE sku_code = $1 AND warehouse_code = $2 AND on_hand - reserved >= $3`,
        [line.sku, warehouseCode, line.quantity],
      );
      if (updated[1] !== 1) throw new Error(`stock of ${line.sku} changed under the lock`);
      await tx.insert(ReservationEntity, { orderId, skuCode: line.sku, warehouseCode, quantity: line.quantity, shippedQuantity: 0, status: 'reserved' });
    }
    await this.outbox.append(tx, StockReserved, {
      aggregateId: orderId,
      actor,
      cause,
      data: { orderId, lines: plan.lines.map((l) => ({ sku: l.sku, warehouseCode, quantity: l.quantity })) },
    });
    return plan;
  }

  /**
   * Stock of `sku` arrived: backordered orders waiting for it are reserved in order of registration
   * (DESIGN §4.5). The queue is strict: the first one that still cannot be filled keeps its place,
   * and later ones do not jump ahead of it.
   */
  async fillBackorders(tx: EntityManager, sku: string, actor: Actor, cause: Cause): Promise<string[]> {
    const waiting: Array<{ id: string; order_id: string; lines: WantedLine[] }> = await tx.query(
      `SELECT id, order_id, lines FROM backorders WHERE status = 'open' AND lines @> $1::jsonb ORDER BY id FOR UPDATE`,
      [JSON.stringify([{ sku }])],
    );
    const filled: string[] = [];
    for (const backorder of waiting) {
      const plan = await this.tryReserve(tx, backorder.order_id, backorder.lines, actor, cause);
      if (plan.kind === 'shortage') break;
      await tx.query(`UPDATE backorders SET status = 'filled', filled_at = clock_timestamp() WHERE id = $1`, [backorder.id]);
      filled.push(backorder.order_id);
    }
    return filled;
  }
}
