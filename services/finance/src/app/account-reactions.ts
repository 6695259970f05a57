import { Injectable } from '@nestjs/common';
import {
  businessYear, GoodsShipped, OrderCancelled, OrderPlaced, type EventEnvelope, type GoodsShippedData, type OrderCancelledData, type OrderPlacedData,
} from '@ops/contracts';
import { nextDocumentNumber } from '@ops/persistence';
import { OnEvent } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { refundEntry } from '../domain/journal.js';
import { settleCancellation, shipmentAmount } from '../domain/order-account.js';
import { InvoiceEntity, OrderAccountEntity } from '../infra/persistence/finance.entities.js';
import { CustomerLedger } from './customer-ledger.js';
import { post } from './journal.js';

@Injectable()
export class AccountReactions {
  constructor(private readonly ledger: CustomerLedger) {}

  /** A placed order opens its amount due, paid at once from the customer's prepayment where there is some. */
  @OnEvent(OrderPlaced, 'open-order-account')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const o = event.data;
    // Safe to run again (a replay past the inbox): the order is opened, and its prepayment applied, once.
    if (await tx.existsBy(OrderAccountEntity, { orderId: o.orderId })) return;
    const account = tx.create(OrderAccountEntity, {
      orderId: o.orderId, orderNumber: o.orderNumber, customerId: o.customerId, customerName: o.customerName,
      paymentTerms: o.paymentTerms, totalFen: o.totalFen, paidFen: 0, coveredFen: 0, invoicedFen: 0, prepaymentFen: 0, confirmedAt: null,
      creditTermsDays: o.creditTermsDays ?? null, lines: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
    });
    await tx.insert(OrderAccountEntity, account);
    await this.ledger.applyPrepayment(tx, account, event.actor, { id: event.id, correlationId: event.correlationId });
    await tx.save(account);
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
    // An order invoiced on full payment may still be cancelled before it ships: its sale is taken back
    // first, so the money it had covered is the customer's again (2203) and is refunded or kept from there.
    const cause = { id: event.id, correlationId: event.correlationId };
    for (const invoice of await tx.find(InvoiceEntity, { where: { orderId: account.orderId, status: 'issued' }, order: { issuedAt: 'ASC' }, lock: { mode: 'pessimistic_write' } })) {
      await this.ledger.voidInvoice(tx, account, invoice, `order ${account.orderNumber} cancelled: ${event.data.reason}`.slice(0, 500), event.actor, cause);
    }
    account.cancellation = settleCancellation(account.paidFen, event.data.moneyDisposition);
    if (account.cancellation === 'refunded') {
      const refund = { id: uuidv7(), number: await nextDocumentNumber(tx, 'RF', businessYear()) };
      await tx.query(`INSERT INTO refunds (id, number, order_id, amount_fen, reason, refunded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [refund.id, refund.number, account.orderId, account.paidFen, event.data.reason, event.actor.userId]);
      await post(tx, {
        sourceType: 'refund', sourceId: refund.id, customerId: account.customerId, postedBy: event.actor.userId,
        memo: `Refund ${refund.number} for cancelled order ${account.orderNumber}`, lines: refundEntry(account.paidFen),
      });
    } else if (account.cancellation === 'kept_as_prepayment') {
      account.prepaymentFen += account.paidFen;
      await this.ledger.addPrepayment(tx, account.customerId, account.orderId, account.paidFen, 'kept_from_cancellation');
    }
    await tx.save(account);
  }

  /**
   * Each shipment is invoiced for what it carries, in the customer's name as on the order; a credit
   * order's unpaid part becomes a receivable due after the customer's terms (DESIGN §4.10).
   */
  @OnEvent(GoodsShipped, 'invoice-shipment')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    const account = await tx.findOne(OrderAccountEntity, { where: { orderId: event.data.orderId }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw new Error(`shipment ${event.data.shipmentId} names order ${event.data.orderId}, which finance has not opened yet`);
    if (await tx.existsBy(InvoiceEntity, { shipmentId: event.data.shipmentId })) return;
    const amountFen = shipmentAmount(account.lines, event.data.lines, account.totalFen - account.invoicedFen, event.data.complete ?? true);
    // Already billed in full (invoiced on payment before it shipped): nothing more to invoice.
    if (amountFen <= 0) return;
    await this.ledger.issueInvoice(tx, account, amountFen, { shipmentId: event.data.shipmentId, series: 'INV', actor: event.actor, cause: { id: event.id, correlationId: event.correlationId } });
  }
}
