import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_WAREHOUSE, IncidentReported, OrderPlaced, PaymentConfirmed, StockReserved, StockShortage,
  type EventEnvelope, type IncidentReportedData, type OrderPlacedData, type PaymentConfirmedData,
} from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import { OnEvent, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { needsRecount, parseLocation } from '../domain/recount-policy.js';
import { planReservation, type StockLevel } from '../domain/reservation.js';
import { RecountRequestEntity, ReservationEntity } from '../infra/persistence/inventory.entities.js';

@Injectable()
export class StockReactions {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /**
   * Reserves a placed order without ever overselling: the stock rows of its SKUs are locked in SKU
   * order (so racing orders queue instead of deadlocking), the plan is made on what is locked, and
   * each update is conditional as well, backed by the table's CHECK.
   */
  @OnEvent(OrderPlaced, 'reserve-stock')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const order = event.data;
    const warehouseCode = DEFAULT_WAREHOUSE;
    const skus = [...new Set(order.lines.map((l) => l.sku))].sort();
    const rows: Array<{ sku_code: string; on_hand: number; reserved: number }> = await tx.query(
      `SELECT sku_code, on_hand, reserved FROM stock_levels WHERE warehouse_code = $1 AND sku_code = ANY($2) ORDER BY sku_code FOR UPDATE`,
      [warehouseCode, skus],
    );
    const levels = new Map<string, StockLevel>(rows.map((r) => [r.sku_code, { onHand: r.on_hand, reserved: r.reserved }]));
    const plan = planReservation(order.lines, levels);
    const cause = { id: event.id, correlationId: event.correlationId };
    if (plan.kind === 'shortage') {
      await this.outbox.append(tx, StockShortage, { aggregateId: order.orderId, actor: event.actor, cause, data: { orderId: order.orderId, shortages: plan.shortages } });
      return;
    }
    for (const line of plan.lines) {
      const updated: [unknown[], number] = await tx.query(
        `UPDATE stock_levels SET reserved = reserved + $3 WHERE sku_code = $1 AND warehouse_code = $2 AND on_hand - reserved >= $3`,
        [line.sku, warehouseCode, line.quantity],
      );
      if (updated[1] !== 1) throw new Error(`stock of ${line.sku} changed under the lock`);
      await tx.insert(ReservationEntity, { orderId: order.orderId, skuCode: line.sku, warehouseCode, quantity: line.quantity, status: 'reserved' });
    }
    await this.outbox.append(tx, StockReserved, {
      aggregateId: order.orderId,
      actor: event.actor,
      cause,
      data: { orderId: order.orderId, lines: plan.lines.map((l) => ({ sku: l.sku, warehouseCode, quantity: l.quantity })) },
    });
  }

  /** Paid orders are released for picking (DESIGN §4.6). */
  @OnEvent(PaymentConfirmed, 'release-paid-order')
  async onPaymentConfirmed(event: EventEnvelope<PaymentConfirmedData>, tx: EntityManager): Promise<void> {
    await tx.query(`INSERT INTO order_releases (order_id, event_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING`, [event.data.orderId, event.id]);
  }

  /** Theft or damage puts a location's count in doubt: ask for a recount there. */
  @OnEvent(IncidentReported, 'recount-after-incident')
  async onIncidentReported(event: EventEnvelope<IncidentReportedData>, tx: EntityManager): Promise<void> {
    const incident = event.data;
    const place = parseLocation(incident.location);
    if (!needsRecount(incident.type) || !place) return;
    const { warehouseCode, location } = place;
    await tx.insert(RecountRequestEntity, {
      incidentId: incident.incidentId,
      incidentNumber: incident.incidentNumber,
      warehouseCode,
      location,
      reason: `${incident.type} incident ${incident.incidentNumber}: ${incident.description}`.slice(0, 500),
      status: 'open',
    });
  }
}
