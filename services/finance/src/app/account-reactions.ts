import { Injectable } from '@nestjs/common';
import { businessYear, GoodsShipped, OrderPlaced, type EventEnvelope, type GoodsShippedData, type OrderPlacedData } from '@ops/contracts';
import { nextDocumentNumber } from '@ops/persistence';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { invoiceEntry } from '../domain/journal.js';
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
