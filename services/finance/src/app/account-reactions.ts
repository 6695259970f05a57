import { Injectable } from '@nestjs/common';
import {
  businessYear, GoodsShipped, OrderCancelled, OrderPlaced, type EventEnvelope, type GoodsShippedData, type OrderCancelledData, type OrderPlacedData,
} from '@ops/contracts';
import { nextDocumentNumber } from '@ops/persistence';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { invoiceEntry, refundEntry } from '../domain/journal.js';
import { settleCancellation } from '../domain/order-account.js';
import { InvoiceEntity, OrderAccountEntity } from '../infra/persistence/finance.entities.js';
import { post } from './journal.js';

@Injectable()
export class AccountReactions {
  /** A placed order opens its amount due. */
  @OnEvent(OrderPlaced, 'open-order-account')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const o = event.data;
    await tx.insert(OrderAccountEntity, {
      orderId: o.orderId, orderNumber: o.orderNumber, customerId: o.customerId, customerName: o.customerName,
      paymentTerms: o.paymentTerms, totalFen: o.totalFen, paidFen: 0, prepaymentFen: 0, confirmedAt: null,
    });
  }

  /**
   * A cancelled order's money is refunded or kept as the customer's prepayment, as the customer chose
   * (DESIGN §4); kept money stays where it already is, owed to the customer (2203).
   */
  @OnEvent(OrderCancelled, 'settle-cancellation')
  async onOrderCancelled(event: EventEnvelope<OrderCancelledData>, tx: EntityManager): Promise<void> {
    const account = await tx.findOne(OrderAccountEntity, { where: { orderId: event.data.orderId }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw new Error(`cancellation of order ${event.data.orderId}, which finance has not opened yet`);
    if (account.cancellation) return;
    account.cancellation = settleCancellation(account.paidFen, event.data.moneyDisposition);
    if (account.cancellation === 'refunded') {
      const refund = { id: uuidv7(), number: await nextDocumentNumber(tx, 'RF', businessYear()) };
      await tx.query(`INSERT INTO refunds (id, number, order_id, amount_fen, reason, refunded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [refund.id, refund.number, account.orderId, account.paidFen, event.data.reason, event.actor.userId]);
      await post(tx, {
        sourceType: 'refund', sourceId: refund.id, customerId: account.customerId, postedBy: event.actor.userId,
        memo: `Refund ${refund.number} for cancelled order ${account.orderNumber}`, lines: refundEntry(account.paidFen),
      });
    } else if (account.cancellation === 'kept_as_prepayment') {
      account.prepaymentFen = account.paidFen;
    }
    await tx.save(account);
  }

  /** Shipped goods are invoiced, once per order, in the customer's name as on the order. */
  @OnEvent(GoodsShipped, 'invoice-shipment')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const account = await tx.findOneBy(OrderAccountEntity, { orderId: event.data.orderId });
    if (!account) throw new Error(`shipment ${event.data.shipmentId} names order ${event.data.orderId}, which finance has not opened yet`);
    if (await tx.existsBy(InvoiceEntity, { orderId: account.orderId })) return;
    const invoice = { id: uuidv7(), number: await nextDocumentNumber(tx, 'INV', businessYear()) };
    await tx.insert(InvoiceEntity, {
      ...invoice, orderId: account.orderId, shipmentId: event.data.shipmentId,
      customerId: account.customerId, customerName: account.customerName, amountFen: account.totalFen,
    });
    await post(tx, {
      sourceType: 'invoice', sourceId: invoice.id, customerId: account.customerId, postedBy: event.actor.userId,
      memo: `Invoice ${invoice.number} for order ${account.orderNumber}`, lines: invoiceEntry(account.totalFen, account.paidFen),
    });
  }
}
