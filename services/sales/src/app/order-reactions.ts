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

  @OnEvent(GoodsShipped, 'order-shipped')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const order = await this.advance(tx, event, event.data.orderId, shipped);
    const d = event.data;
    await tx.save(tx.create(ShippingNoticeEntity, {
      shipmentId: d.shipmentId, orderId: order.id, shippingMethod: order.shippingMethod, carrier: d.carrier,
      trackingNumber: d.trackingNumber, pieces: d.pieces, notifyOn: noticeDateFor(new Date(d.shippedAt)),
    }));
  }

  @OnEvent(DeliveryConfirmed, 'order-delivered')
  async onDeliveryConfirmed(event: EventEnvelope<DeliveryConfirmedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.orderId, delivered, closeIfSettled);
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
    Object.assign(order, { status: state.status, stockReserved: state.stockReserved, paid: state.paid });
    await tx.save(order);
    for (const t of transitions) {
      await tx.insert(OrderHistoryEntity, { orderId, fromStatus: t.from, toStatus: t.to, reason: t.reason, actorId: event.actor.userId, eventId: event.id });
    }
    return order;
  }
}
