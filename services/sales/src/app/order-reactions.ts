import { Injectable } from '@nestjs/common';
import {
  DeliveryConfirmed, GoodsShipped, PaymentConfirmed, StockReserved, StockShortage,
  type DeliveryConfirmedData, type EventEnvelope, type GoodsShippedData, type PaymentConfirmedData, type StockReservedData, type StockShortageData,
} from '@ops/contracts';
import { OnEvent } from '@ops/service-kit';
import { IsNull, type EntityManager } from 'typeorm';
import { closeIfSettled, delivered, paymentConfirmed, shipped, stockReserved, stockShort, type OrderState, type Transition } from '../domain/order.js';
import { noticeDateFor } from '../domain/shipping-notice.js';
import { OrderEntity, OrderHistoryEntity, ShippingNoticeEntity, ShortageEntity } from '../infra/persistence/sales.entities.js';

/** How sales keeps its orders in step with what inventory and finance report. */
@Injectable()
export class OrderReactions {
  @OnEvent(StockReserved, 'order-reserved')
  async onStockReserved(event: EventEnvelope<StockReservedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.orderId, stockReserved);
    await tx.update(ShortageEntity, { orderId: event.data.orderId, filledAt: IsNull() }, { filledAt: new Date(event.occurredAt) });
  }

  @OnEvent(StockShortage, 'order-short')
  async onStockShortage(event: EventEnvelope<StockShortageData>, tx: EntityManager): Promise<void> {
    const order = await this.advance(tx, event, event.data.orderId, stockShort);
    await tx.save(event.data.shortages.map((s) => tx.create(ShortageEntity, {
      orderId: order.id, sku: s.sku, model: s.model ?? null, version: s.version ?? null, requested: s.requested, available: s.available, requestedDate: order.requestedDate, filledAt: null,
    })));
  }

  @OnEvent(PaymentConfirmed, 'order-paid')
  async onPaymentConfirmed(event: EventEnvelope<PaymentConfirmedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.orderId, paymentConfirmed, closeIfSettled);
  }

  /** Each shipment counts against the order's lines; the last one ships the order. The customer is told the next day. */
  @OnEvent(GoodsShipped, 'order-shipped')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const complete = d.complete ?? true;
    const order = await this.advance(tx, event, d.orderId, (state) => shipped(state, complete));
    for (const line of d.lines) {
      await tx.query(`UPDATE order_lines SET shipped_quantity = shipped_quantity + $3 WHERE order_id = $1 AND sku = $2`, [order.id, line.sku, line.quantity]);
    }
    if (!complete) {
      await tx.insert(OrderHistoryEntity, { orderId: order.id, fromStatus: order.status, toStatus: order.status, reason: `shipped in part: ${d.shipmentNumber}`, actorId: event.actor.userId, eventId: event.id });
    }
    await tx.save(tx.create(ShippingNoticeEntity, {
      shipmentId: d.shipmentId, orderId: order.id, shippingMethod: order.shippingMethod, carrier: d.carrier,
      trackingNumber: d.trackingNumber, pieces: d.pieces, notifyOn: noticeDateFor(new Date(d.shippedAt)),
    }));
  }

  /**
   * The customer signed for one shipment. The order is delivered once it has fully shipped and every
   * shipment is signed for. Shipment and delivery come through separate consumers, so a delivery heard
   * of before its shipment is refused here and retried by the consumer until it fits.
   */
  @OnEvent(DeliveryConfirmed, 'order-delivered')
  async onDeliveryConfirmed(event: EventEnvelope<DeliveryConfirmedData>, tx: EntityManager): Promise<void> {
    const notice = await tx.findOneBy(ShippingNoticeEntity, { shipmentId: event.data.shipmentId });
    if (!notice) throw new Error(`delivery of shipment ${event.data.shipmentId} before sales heard of the shipment`);
    await tx.update(ShippingNoticeEntity, { shipmentId: notice.shipmentId }, { deliveredAt: new Date(event.data.signedAt), deliverySignedBy: event.data.signedBy });
    const undelivered = await tx.countBy(ShippingNoticeEntity, { orderId: notice.orderId, deliveredAt: IsNull() });
    if (undelivered > 0) return;
    const order = await tx.findOneByOrFail(OrderEntity, { id: notice.orderId });
    // Still ready to ship: what was shipped is all signed for, but part of the order has not left yet.
    if (order.status !== 'shipped') return;
    await this.advance(tx, event, notice.orderId, delivered, closeIfSettled);
  }

  /** Loads the order under a row lock, applies the domain steps in turn, records each transition made. */
  private async advance(
    tx: EntityManager,
    event: EventEnvelope<unknown>,
    orderId: string,
    ...steps: Array<(state: OrderState) => { state: OrderState; transition?: Transition }>
  ): Promise<OrderEntity> {
    const order = await tx.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    // Thrown, not skipped: the order's own transaction may not be visible yet; a retry will find it.
    if (!order) throw new Error(`${event.type} ${event.id} names order ${orderId}, which sales does not have`);
    let state: OrderState = order;
    const transitions: Transition[] = [];
    for (const step of steps) {
      const outcome = step(state);
      state = outcome.state;
      if (outcome.transition) transitions.push(outcome.transition);
    }
    Object.assign(order, { status: state.status, stockReserved: state.stockReserved, paid: state.paid, shippedInPart: state.shippedInPart ?? order.shippedInPart });
    await tx.save(order);
    for (const t of transitions) {
      await tx.insert(OrderHistoryEntity, { orderId, fromStatus: t.from, toStatus: t.to, reason: t.reason, actorId: event.actor.userId, eventId: event.id });
    }
    return order;
  }
}
