import { Inject, Injectable } from '@nestjs/common';
import {
  IncidentReported, OrderCancelled, OrderPlaced, PaymentConfirmed, ReceivableChanged, ShippingExceptionApproved, StockShortage, type OrderCancelledData,
  type EventEnvelope, type IncidentReportedData, type OrderPlacedData, type PaymentConfirmedData, type ReceivableChangedData, type ShippingExceptionData,
} from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import { OnEvent, OUTBOX } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { needsRecount, parseLocation } from '../domain/recount-policy.js';
import { strongerBasis, type ReleaseBasis } from '../domain/release-policy.js';
import { OrderReleaseEntity, RecountRequestEntity, SkuEntity } from '../infra/persistence/inventory.entities.js';
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
      await this.release(tx, order.orderId, order.customerId, 'credit_terms', event.id);
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
    await this.release(tx, event.data.orderId, event.data.customerId, 'payment', event.id);
  }

  /** The sales VP's written exception releases an order unpaid, or for a customer with an overdue credit sale. */
  @OnEvent(ShippingExceptionApproved, 'release-by-exception')
  async onShippingException(event: EventEnvelope<ShippingExceptionData>, tx: EntityManager): Promise<void> {
    await this.release(tx, event.data.orderId, event.data.customerId, 'exception', event.id, event.data.reason);
  }

  /** Finance's word on overdue credit, newest revision wins: credit-terms releases of an overdue customer wait. */
  @OnEvent(ReceivableChanged, 'customer-standing')
  async onReceivableChanged(event: EventEnvelope<ReceivableChangedData>, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO customer_standing (customer_id, overdue_fen, revision) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET overdue_fen = EXCLUDED.overdue_fen, revision = EXCLUDED.revision WHERE customer_standing.revision < EXCLUDED.revision`,
      [event.data.customerId, event.data.overdueFen, event.data.revision],
    );
  }

  private async release(tx: EntityManager, orderId: string, customerId: string, basis: ReleaseBasis, eventId: string, exceptionReason?: string): Promise<void> {
    const current = await tx.findOne(OrderReleaseEntity, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
    const next = strongerBasis(current?.basis, basis);
    await tx.save(tx.create(OrderReleaseEntity, {
      ...current, orderId, customerId, basis: next, eventId: current?.eventId ?? eventId,
      exceptionReason: next === 'exception' ? (exceptionReason ?? current?.exceptionReason ?? null) : (current?.exceptionReason ?? null),
    }));
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
