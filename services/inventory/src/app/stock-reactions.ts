import { Injectable } from '@nestjs/common';
import {
  CustomerCreditHold, CustomerCreditReleased, IncidentReported, OrderCancelled, OrderPlaced, PaymentConfirmed, ReceivableChanged, ShippingExceptionApproved, type OrderCancelledData,
  type CreditHoldData, type EventEnvelope, type IncidentReportedData, type OrderPlacedData, type PaymentConfirmedData, type ReceivableChangedData, type ShippingExceptionData,
} from '@ops/contracts';
import { causedBy } from '@ops/messaging';
import { rowByKey } from '@ops/persistence';
import { ChangeFeed, OnEvent, type Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { requestRecount } from '../domain/recount-policy.js';
import { releaseOrder, type ReleaseNews } from '../domain/release-policy.js';
import { OrderReleaseEntity } from '../infra/persistence/inventory.entities.js';
import { OrderReleaseStore, RecountRequestStore } from '../infra/persistence/stores.js';
import { pickGateChanged } from './outbound-checks.js';
import { ProductionReactions } from './production-reactions.js';
import { ReservationDesk } from './reservation-desk.js';

const acting = (event: EventEnvelope<unknown>): Acting => ({ actor: event.actor, cause: causedBy(event) });

@Injectable()
export class StockReactions {
  constructor(
    private readonly desk: ReservationDesk,
    private readonly releases: OrderReleaseStore,
    private readonly recounts: RecountRequestStore,
    private readonly changes: ChangeFeed,
    private readonly production: ProductionReactions,
  ) {}

  /** A placed order is reserved at once, or registered as a backorder to be filled when stock arrives. */
  @OnEvent(OrderPlaced, 'reserve-stock')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const order = event.data;
    if (order.paymentTerms === 'credit') {
      // Approved credit terms release the order for picking without waiting for money (domain.md §4.6).
      await this.release(tx, event, { orderId: order.orderId, customerId: order.customerId, basis: 'credit_terms', eventId: event.id });
    }
    // An order with made-to-order lines is reserved whole when its production is received (ProductionCommands), not now.
    if (order.lines.some((l) => l.madeToOrder)) return this.production.recordOrder(event, tx);
    await this.desk.reserveOrWait(tx, order.orderId, order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), acting(event));
    await this.changes.changed(tx, pickGateChanged(order.orderId));
  }

  /** A cancelled order gives its reserved stock back; backorders waiting for it are served from it. */
  @OnEvent(OrderCancelled, 'release-cancelled-order')
  async onOrderCancelled(event: EventEnvelope<OrderCancelledData>, tx: EntityManager): Promise<void> {
    await this.desk.cancel(tx, event.data.orderId, `order cancelled: ${event.data.reason}`, acting(event));
    await this.production.cancelOrder(event, tx);
  }

  /** Paid orders are released for picking (domain.md §4.6). */
  @OnEvent(PaymentConfirmed, 'release-paid-order')
  async onPaymentConfirmed(event: EventEnvelope<PaymentConfirmedData>, tx: EntityManager): Promise<void> {
    await this.release(tx, event, { orderId: event.data.orderId, customerId: event.data.customerId, basis: 'payment', eventId: event.id });
  }

  /** The sales VP's written exception releases an order unpaid, or for a customer with an overdue credit sale. */
  @OnEvent(ShippingExceptionApproved, 'release-by-exception')
  async onShippingException(event: EventEnvelope<ShippingExceptionData>, tx: EntityManager): Promise<void> {
    await this.release(tx, event, { orderId: event.data.orderId, customerId: event.data.customerId, basis: 'exception', eventId: event.id, exceptionReason: event.data.reason });
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

  /** Finance stops supply to a customer (domain.md §4.4, rule 9-06): nothing of theirs is picked or shipped until it resumes. */
  @OnEvent(CustomerCreditHold, 'customer-credit-hold')
  async onCreditHold(event: EventEnvelope<CreditHoldData>, tx: EntityManager): Promise<void> {
    await this.setHold(tx, event, true);
  }

  @OnEvent(CustomerCreditReleased, 'customer-credit-released')
  async onCreditReleased(event: EventEnvelope<CreditHoldData>, tx: EntityManager): Promise<void> {
    await this.setHold(tx, event, false);
  }

  /**
   * Hold and release come through separate consumers, so they may arrive in either order: the newer
   * decision (by when finance made it, then by event id) wins, and an older one arriving later changes nothing.
   */
  private async setHold(tx: EntityManager, event: EventEnvelope<CreditHoldData>, onHold: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO customer_standing (customer_id, on_hold, hold_reason, hold_changed_at, hold_event_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id) DO UPDATE SET on_hold = EXCLUDED.on_hold, hold_reason = EXCLUDED.hold_reason, hold_changed_at = EXCLUDED.hold_changed_at, hold_event_id = EXCLUDED.hold_event_id
        WHERE customer_standing.hold_changed_at IS NULL
           OR (customer_standing.hold_changed_at, customer_standing.hold_event_id) < (EXCLUDED.hold_changed_at, EXCLUDED.hold_event_id)`,
      [event.data.customerId, onHold, event.data.reason, new Date(event.occurredAt), event.id],
    );
  }

  /** Theft or damage puts a location's count in doubt: ask for a recount there. */
  @OnEvent(IncidentReported, 'recount-after-incident')
  async onIncidentReported(event: EventEnvelope<IncidentReportedData>, tx: EntityManager): Promise<void> {
    const step = requestRecount(event.data);
    if (step) await this.recounts.create(tx, step, acting(event));
  }

  private async release(tx: EntityManager, event: EventEnvelope<unknown>, news: ReleaseNews): Promise<void> {
    const current = await rowByKey(tx, OrderReleaseEntity, 'orderId', news.orderId, { lock: true });
    if (current) await this.releases.apply(tx, current, (state) => releaseOrder(state, news), acting(event));
    else await this.releases.create(tx, releaseOrder(null, news), acting(event));
    await this.changes.changed(tx, pickGateChanged(news.orderId));
  }
}
