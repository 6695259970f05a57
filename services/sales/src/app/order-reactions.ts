import { Injectable } from '@nestjs/common';
import {
  DeliveryConfirmed, GoodsShipped, PaymentConfirmed, StockReserved, StockShortage,
  type DeliveryConfirmedData, type EventEnvelope, type GoodsShippedData, type PaymentConfirmedData, type StockReservedData, type StockShortageData,
} from '@ops/contracts';
import { chain, unchanged, type Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { insertAtFlush, rowByKey, writeAtFlush } from '@ops/persistence';
import { OnEvent } from '@ops/service-kit';
import { IsNull, type EntityManager } from 'typeorm';
import { closeIfSettled, delivered, hasShortagesToFill, paymentConfirmed, shipped, stockReserved, stockShort } from '../domain/order.js';
import { noticeDateFor } from '../domain/shipping-notice.js';
import { ShippingNoticeEntity, ShortageEntity, type OrderEntity } from '../infra/persistence/sales.entities.js';
import { OrderStore } from '../infra/persistence/stores.js';

/**
 * These consumers each lock the order an event names: a batch takes its orders in id order, so two
 * batches (of one consumer, or of two) never wait for each other in a cycle (a deadlock, which Postgres
 * breaks only after a second).
 */
const BY_ORDER = { lockedBy: (event: EventEnvelope<{ orderId: string }>) => event.data.orderId };

/** How sales keeps its orders in step with what inventory and finance report. */
@Injectable()
export class OrderReactions {
  constructor(private readonly orders: OrderStore) {}

  @OnEvent(StockReserved, 'order-reserved', BY_ORDER)
  async onStockReserved(event: EventEnvelope<StockReservedData>, tx: EntityManager): Promise<void> {
    let fillsShortages = false;
    await this.advance(tx, event, event.data.orderId, (state) => {
      fillsShortages = hasShortagesToFill(state);
      return stockReserved(state);
    });
    if (fillsShortages) await tx.update(ShortageEntity, { orderId: event.data.orderId, filledAt: IsNull() }, { filledAt: new Date(event.occurredAt) });
  }

  /** The shortage is registered at the place in line inventory gave the backorder, whatever order sales hears of them in. */
  @OnEvent(StockShortage, 'order-short', BY_ORDER)
  async onStockShortage(event: EventEnvelope<StockShortageData>, tx: EntityManager): Promise<void> {
    const order = await this.advance(tx, event, event.data.orderId, stockShort);
    await tx.insert(ShortageEntity, event.data.shortages.map((s) => tx.create(ShortageEntity, {
      orderId: order.id, sku: s.sku, model: s.model ?? null, version: s.version ?? null, requested: s.requested, available: s.available, requestedDate: order.requestedDate,
      sequence: event.data.sequence ?? null, filledAt: null,
    })));
  }

  @OnEvent(PaymentConfirmed, 'order-paid', BY_ORDER)
  async onPaymentConfirmed(event: EventEnvelope<PaymentConfirmedData>, tx: EntityManager): Promise<void> {
    await this.advance(tx, event, event.data.orderId, paymentConfirmed, closeIfSettled);
  }

  /** Each shipment counts against the order's lines; the last one ships the order. The customer is told the next day. */
  @OnEvent(GoodsShipped, 'order-shipped', BY_ORDER)
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const order = await this.advance(tx, event, d.orderId, (state) => shipped(state, d.complete ?? true, d.shipmentNumber));
    // Nothing here is read back: the lines' counts and the notice go with the COMMIT.
    for (const line of d.lines) {
      await writeAtFlush(tx, [`UPDATE order_lines SET shipped_quantity = shipped_quantity + $3 WHERE order_id = $1 AND sku = $2`, [order.id, line.sku, line.quantity]]);
    }
    await insertAtFlush(tx, ShippingNoticeEntity, [tx.create(ShippingNoticeEntity, {
      shipmentId: d.shipmentId, orderId: order.id, shippingMethod: order.shippingMethod, carrier: d.carrier,
      trackingNumber: d.trackingNumber, pieces: d.pieces, notifyOn: noticeDateFor(new Date(d.shippedAt)),
    })]);
  }

  /**
   * The customer signed for one shipment. The order is delivered once it has fully shipped and every
   * shipment is signed for. Shipment and delivery come through separate consumers, so a delivery heard
   * of before its shipment is refused here and retried by the consumer until it fits.
   */
  @OnEvent(DeliveryConfirmed, 'order-delivered')
  async onDeliveryConfirmed(event: EventEnvelope<DeliveryConfirmedData>, tx: EntityManager): Promise<void> {
    const notice = await rowByKey(tx, ShippingNoticeEntity, 'shipmentId', event.data.shipmentId, { lock: false });
    if (!notice) throw new Error(`delivery of shipment ${event.data.shipmentId} before sales heard of the shipment`);
    await tx.update(ShippingNoticeEntity, { shipmentId: notice.shipmentId }, { deliveredAt: new Date(event.data.signedAt), deliverySignedBy: event.data.signedBy });
    const undelivered = await tx.countBy(ShippingNoticeEntity, { orderId: notice.orderId, deliveredAt: IsNull() });
    if (undelivered > 0) return;
    // Still ready to ship: what was shipped is all signed for, but part of the order has not left yet.
    await this.advance(tx, event, notice.orderId, (state) => (state.fulfilment === 'shipped' ? chain(state, delivered, closeIfSettled) : unchanged(state)));
  }

  /**
   * Applies the domain steps in turn through the order's store. A refusal is thrown, not skipped: the
   * order's own transaction may not be visible yet, or a fact may have overtaken another; the consumer retries.
   */
  private async advance(tx: EntityManager, event: EventEnvelope<unknown>, orderId: string, ...steps: Array<(state: OrderEntity) => Step<OrderEntity>>): Promise<OrderEntity> {
    const { row } = await this.orders.change(tx, orderId, (state) => chain(state, ...steps), { actor: event.actor, cause: causedBy(event) });
    return row;
  }
}
