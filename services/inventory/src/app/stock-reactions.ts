import { Inject, Injectable } from '@nestjs/common';
import {
  IncidentReported, OrderCancelled, OrderPlaced, PaymentConfirmed, StockShortage, type OrderCancelledData,
  type EventEnvelope, type IncidentReportedData, type OrderPlacedData, type PaymentConfirmedData,
} from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import { OnEvent, OUTBOX } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { needsRecount, parseLocation } from '../domain/recount-policy.js';
import { RecountRequestEntity, SkuEntity } from '../infra/persistence/inventory.entities.js';
import { ReservationDesk } from './reservation-desk.js';

@Injectable()
export class StockReactions {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter, private readonly desk: ReservationDesk) {}

  /** A placed order is reserved at once, or registered as a backorder to be filled when stock arrives. */
  @OnEvent(OrderPlaced, 'reserve-stock')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const order = event.data;
    const cause = { id: event.id, correlationId: event.correlationId };
    const lines = order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
    if (order.paymentTerms === 'credit') {
      // Approved credit terms release the order for picking without waiting for money (DESIGN §4.6).
      await tx.query(`INSERT INTO order_releases (order_id, event_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING`, [order.orderId, event.id]);
    }
    const plan = await this.desk.tryReserve(tx, order.orderId, lines, event.actor, cause);
    if (plan.kind === 'shortage') {
      await tx.query(`INSERT INTO backorders (order_id, lines, status) VALUES ($1, $2, 'open')`, [order.orderId, JSON.stringify(lines)]);
      // Model and version go with the shortage: the register is read by people who order from suppliers.
      const skus = await tx.findBy(SkuEntity, { code: In(plan.shortages.map((s) => s.sku)) });
      const shortages = plan.shortages.map((s) => {
        const sku = skus.find((k) => k.code === s.sku);
        return sku ? { ...s, model: sku.model, version: sku.version } : s;
      });
      await this.outbox.append(tx, StockShortage, { aggregateId: order.orderId, actor: event.actor, cause, data: { orderId: order.orderId, shortages } });
    }
  }

  /** A cancelled order gives its reserved stock back; backorders waiting for it are served from it. */
  @OnEvent(OrderCancelled, 'release-cancelled-order')
  async onOrderCancelled(event: EventEnvelope<OrderCancelledData>, tx: EntityManager): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [released]: [Array<{ sku_code: string; warehouse_code: string; quantity: number }>, number] = await tx.query(
      `UPDATE reservations SET status = 'released' WHERE order_id = $1 AND status = 'reserved' RETURNING sku_code, warehouse_code, quantity - shipped_quantity AS quantity`,
      [event.data.orderId],
    );
    for (const r of [...released].sort((a, b) => a.sku_code.localeCompare(b.sku_code))) {
      await tx.query(`UPDATE stock_levels SET reserved = reserved - $3 WHERE sku_code = $1 AND warehouse_code = $2`, [r.sku_code, r.warehouse_code, r.quantity]);
    }
    await tx.query(`UPDATE backorders SET status = 'cancelled' WHERE order_id = $1 AND status = 'open'`, [event.data.orderId]);
    const cause = { id: event.id, correlationId: event.correlationId };
    for (const sku of new Set(released.map((r) => r.sku_code))) await this.desk.fillBackorders(tx, sku, event.actor, cause);
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
