import { Injectable } from '@nestjs/common';
import {
  GoodsShipped, OrderCancelled, OrderPlaced, ProductionCompleted, type EventEnvelope, type GoodsShippedData, type OrderCancelledData, type OrderPlacedData, type ProductionCompletedData,
} from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey, rowsWhere } from '@ops/persistence';
import { ChangeFeed, OnEvent, type Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { cancelAccount, issueBalanceNotice, openAccount, shipmentAmount, statusOf } from '../domain/order-account.js';
import { oweRefund, refundShares } from '../domain/refund.js';
import { InvoiceEntity, OrderAccountEntity, ReceiptEntity } from '../infra/persistence/finance.entities.js';
import { OrderAccountStore, RefundStore } from '../infra/persistence/stores.js';
import { orderAccountOpened } from './change-keys.js';
import { CustomerLedger } from './customer-ledger.js';

@Injectable()
export class AccountReactions {
  constructor(
    private readonly ledger: CustomerLedger,
    private readonly accounts: OrderAccountStore,
    private readonly refunds: RefundStore,
    private readonly changes: ChangeFeed,
  ) {}

  /** A placed order opens its amount due, paid at once from the customer's prepayment where there is some. */
  @OnEvent(OrderPlaced, 'open-order-account')
  async onOrderPlaced(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const o = event.data;
    // Safe to run again (a replay past the inbox): the order is opened, and its prepayment applied, once.
    // Both read in one round trip; the customer's prepayment is locked only when there is some.
    const [opened, balance] = await Promise.all([rowByKey(tx, OrderAccountEntity, 'orderId', o.orderId, { lock: false }), this.ledger.prepaymentHeld(tx, o.customerId)]);
    if (opened) return;
    const acting = { actor: event.actor, cause: causedBy(event) };
    const step = openAccount({
      orderId: o.orderId, orderNumber: o.orderNumber, customerId: o.customerId, customerName: o.customerName, customerTaxId: o.customerTaxId ?? null, salesRep: o.salesRep ?? null, region: o.region ?? null,
      paymentTerms: o.paymentTerms, totalFen: o.totalFen,
      creditTermsDays: o.creditTermsDays ?? null, lines: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
      requiredDepositFen: o.requiredDepositFen ?? null, madeToOrder: o.lines.some((l) => l.madeToOrder === true),
    }, balance?.prepaymentFen ?? 0);
    await this.accounts.create(tx, step, acting);
    if (balance && step.prepaymentUsedFen > 0) await this.ledger.usePrepayment(tx, balance, o.orderId, step.prepaymentUsedFen, acting);
    await this.changes.changed(tx, orderAccountOpened(o.orderId));
  }

  /**
   * Every made-to-order line of the order is produced and reserved for it: the customer is told the balance due
   * (sales shows it on the order). Once per order; a replay, or an order cancelled meanwhile, tells nobody anything.
   */
  @OnEvent(ProductionCompleted, 'issue-balance-notice')
  async onProductionCompleted(event: EventEnvelope<ProductionCompletedData>, tx: EntityManager): Promise<void> {
    const account = await rowByKey(tx, OrderAccountEntity, 'orderId', event.data.orderId, { lock: true });
    if (!account) throw new Error(`production of order ${event.data.orderId} completed, which finance has not opened yet`);
    if (account.balanceNotice !== null || statusOf(account) === 'cancelled') return;
    await this.accounts.apply(tx, account, (a) => issueBalanceNotice(a), { actor: event.actor, cause: causedBy(event) });
  }

  /**
   * A cancelled order's money is refunded or kept as the customer's prepayment, as the customer chose
   * (domain.md §4). Kept money stays where it already is, owed to the customer (2203). Money to refund
   * becomes refunds due — one per way it came in — which a cashier pays (RefundCommands); until then it
   * too stays owed to the customer in 2203, so nothing is posted here.
   */
  @OnEvent(OrderCancelled, 'settle-cancellation')
  async onOrderCancelled(event: EventEnvelope<OrderCancelledData>, tx: EntityManager): Promise<void> {
    const account = await rowByKey(tx, OrderAccountEntity, 'orderId', event.data.orderId, { lock: true });
    if (!account) throw new Error(`cancellation of order ${event.data.orderId}, which finance has not opened yet`);
    if (statusOf(account) === 'cancelled') return;
    const acting = { actor: event.actor, cause: causedBy(event) };
    // An order invoiced on full payment may still be cancelled before it ships: its sale is taken back
    // first, so the money it had covered is the customer's again (2203) and is refunded or kept from there.
    for (const invoice of await tx.find(InvoiceEntity, { where: { orderId: account.orderId, status: 'issued' }, order: { issuedAt: 'ASC' }, lock: { mode: 'pessimistic_write' } })) {
      await this.ledger.voidInvoice(tx, account, invoice, `order ${account.orderNumber} cancelled: ${event.data.reason}`.slice(0, 500), acting);
    }
    const step = cancelAccount(account, event.data.moneyDisposition, event.data.reason);
    await this.accounts.apply(tx, account, () => step, acting);
    if (step.refundFen > 0) await this.oweRefunds(tx, account, step.refundFen, event.data.reason, acting);
    if (step.keptFen > 0) await this.ledger.addPrepayment(tx, account.customerId, account.orderId, step.keptFen, 'kept_from_cancellation', acting);
  }

  /** The order's paid money, owed back the way it came in: one refund due per way (domain/refund.ts). */
  private async oweRefunds(tx: EntityManager, account: OrderAccountEntity, refundFen: number, reason: string, acting: Acting): Promise<void> {
    const [{ used }]: Array<{ used: string }> = await tx.query(
      `SELECT COALESCE(-SUM(amount_fen), 0) AS used FROM prepayment_movements WHERE order_id = $1 AND kind = 'applied_to_order'`,
      [account.orderId],
    );
    const counted = (await tx.find(ReceiptEntity, { where: { orderId: account.orderId, status: 'counted' } }))
      .map((r) => ({ receipt: r, countedAt: Math.max(...[r.recordedAt, r.verifiedAt, r.depositSalesApprovedAt, r.depositFinanceApprovedAt].filter((d): d is Date => d !== null).map((d) => d.getTime())) }))
      .sort((a, b) => a.countedAt - b.countedAt || a.receipt.number.localeCompare(b.receipt.number))
      .map(({ receipt }) => ({ id: receipt.id, number: receipt.number, method: receipt.method, amountFen: receipt.amountFen }));
    for (const share of refundShares(refundFen, Number(used), counted)) {
      await this.refunds.create(tx, oweRefund({
        id: uuidv7(), number: await nextDocumentNumber(tx, 'RF', businessYear()), orderId: account.orderId, customerId: account.customerId,
        amountFen: share.amountFen, method: share.method, sources: share.sources, reason, createdBy: acting.actor.userId,
      }, account.orderNumber), acting);
    }
  }

  /**
   * Each shipment is invoiced for what it carries, in the customer's name as on the order; a credit
   * order's unpaid part becomes a receivable due after the customer's terms (domain.md §4.10).
   */
  @OnEvent(GoodsShipped, 'invoice-shipment')
  async onGoodsShipped(event: EventEnvelope<GoodsShippedData>, tx: EntityManager): Promise<void> {
    // The account, locked, and the shipment's invoice if it has one already (a replay), in one round trip.
    const [account, invoiced] = await Promise.all([
      rowByKey(tx, OrderAccountEntity, 'orderId', event.data.orderId, { lock: true }),
      rowsWhere(tx, InvoiceEntity, '{shipmentId} = $1 LIMIT 1', [event.data.shipmentId]),
    ]);
    if (!account) throw new Error(`shipment ${event.data.shipmentId} names order ${event.data.orderId}, which finance has not opened yet`);
    if (invoiced.length) return;
    const amountFen = shipmentAmount(account.lines, event.data.lines, account.totalFen - account.invoicedFen, event.data.complete ?? true);
    // Already billed in full (invoiced on payment before it shipped): nothing more to invoice.
    if (amountFen <= 0) return;
    await this.ledger.issueInvoice(tx, account, amountFen, {
      shipmentId: event.data.shipmentId, series: 'INV', why: `shipment ${event.data.shipmentNumber}`,
      goods: event.data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: account.lines.find((o) => o.sku === l.sku)?.unitPriceFen ?? 0 })),
    }, { actor: event.actor, cause: causedBy(event) });
  }
}
