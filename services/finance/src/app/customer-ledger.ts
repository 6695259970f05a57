import { Inject, Injectable } from '@nestjs/common';
import { businessDate, businessYear, PaymentConfirmed, ReceivableChanged, type Actor, type InvoiceSeries } from '@ops/contracts';
import type { OutboxWriter } from '@ops/messaging';
import { nextDocumentNumber } from '@ops/persistence';
import { OUTBOX } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { invoiceEntry, invoiceVoidEntry, receiptEntry } from '../domain/journal.js';
import { applyReceipt, invoice as billInvoice, voidInvoice, type OrderMoney } from '../domain/order-account.js';
import { dueDate, positionChanged, positionOn, settleOldestFirst } from '../domain/receivable.js';
import {
  CustomerBalanceEntity, InvoiceEntity, OrderAccountEntity, PrepaymentMovementEntity, ReceiptEntity, ReceivableEntity,
} from '../infra/persistence/finance.entities.js';
import { post } from './journal.js';

export type Cause = { id: string; correlationId: string } | { requestId: string };

/** Credit terms when the placement did not say (orders placed before sales sent them). */
const DEFAULT_TERMS_DAYS = 30;

export const moneyOf = (a: OrderAccountEntity): OrderMoney => ({
  totalFen: a.totalFen, paidFen: a.paidFen, coveredFen: a.coveredFen, invoicedFen: a.invoicedFen, confirmed: a.confirmedAt !== null,
});

/**
 * The customer's side of finance in one place: money counted against orders, invoices and the
 * receivables they leave, the prepayment balance, and telling sales when the receivable changes.
 * Every method works in the caller's transaction.
 */
@Injectable()
export class CustomerLedger {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /** The customer's balance row, locked: one writer per customer at a time. */
  async balance(tx: EntityManager, customerId: string): Promise<CustomerBalanceEntity> {
    await tx.query(`INSERT INTO customer_balances (customer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [customerId]);
    return tx.findOneOrFail(CustomerBalanceEntity, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Money that counts: booked (receivables first), set against the order, the excess to the customer's prepayment. */
  async count(tx: EntityManager, account: OrderAccountEntity, receipt: ReceiptEntity, actor: Actor, cause: Cause): Promise<void> {
    const outcome = applyReceipt(moneyOf(account), receipt.amountFen);
    await post(tx, {
      sourceType: 'receipt', sourceId: receipt.id, customerId: account.customerId, postedBy: actor.userId,
      memo: `Receipt ${receipt.number} for order ${account.orderNumber}`, lines: receiptEntry(receipt.method, receipt.amountFen, outcome.toReceivablesFen),
    });
    Object.assign(account, { paidFen: outcome.order.paidFen, coveredFen: outcome.order.coveredFen });
    if (outcome.toReceivablesFen > 0) {
      const open = await tx.find(ReceivableEntity, { where: { orderId: account.orderId, status: 'open' }, lock: { mode: 'pessimistic_write' } });
      for (const row of settleOldestFirst(open, outcome.toReceivablesFen)) await tx.update(ReceivableEntity, { id: row.id }, { settledFen: row.settledFen, status: row.status });
    }
    if (outcome.overpaidFen > 0) {
      account.prepaymentFen += outcome.overpaidFen;
      await this.addPrepayment(tx, account.customerId, account.orderId, outcome.overpaidFen, 'overpayment');
    }
    if (outcome.nowFullyPaid) await this.confirmPayment(tx, account, actor, cause);
    await tx.save(account);
    if (outcome.toReceivablesFen > 0) await this.reportReceivables(tx, account.customerId, `receipt ${receipt.number}`, actor, cause);
  }

  async confirmPayment(tx: EntityManager, account: OrderAccountEntity, actor: Actor, cause: Cause): Promise<void> {
    account.confirmedAt = new Date();
    await this.outbox.append(tx, PaymentConfirmed, {
      aggregateId: account.orderId, actor, cause,
      data: { orderId: account.orderId, customerId: account.customerId, totalFen: account.totalFen, paidFen: account.paidFen },
    });
  }

  async addPrepayment(tx: EntityManager, customerId: string, orderId: string | null, amountFen: number, kind: 'overpayment' | 'kept_from_cancellation'): Promise<void> {
    const balance = await this.balance(tx, customerId);
    balance.prepaymentFen += amountFen;
    await tx.save(balance);
    await tx.insert(PrepaymentMovementEntity, { customerId, orderId, amountFen, kind });
  }

  /**
   * A new order of a customer who has money with us is paid from it first (DESIGN §5: overpayment is used
   * against later amounts). No journal entry: the money was credited to customer prepayments (2203) when
   * it arrived, and it stays there; it is still owed to the same customer (journal entries are tagged by
   * customer, not order), only now earmarked for this order. An entry would debit and credit 2203 for the
   * same customer and amount, changing no balance and no statement. The move is kept in the sub-ledger
   * instead: the customer's balance goes down, the order's paid money (paid − covered) goes up, so 2203
   * still equals balances + uncovered paid money of live orders (the platform tests check this). The sale
   * uses it later: invoicing debits 2203 for the covered part (invoiceEntry), and a cancellation refunds
   * it from 2203 or returns it to the balance.
   */
  async applyPrepayment(tx: EntityManager, account: OrderAccountEntity, actor: Actor, cause: Cause): Promise<void> {
    // Most customers hold no prepayment: look without a lock first, so their orders do not queue on one row.
    const held = await tx.findOneBy(CustomerBalanceEntity, { customerId: account.customerId });
    if (!held || held.prepaymentFen === 0) return;
    const balance = await this.balance(tx, account.customerId);
    const amountFen = Math.min(balance.prepaymentFen, account.totalFen - account.paidFen);
    if (amountFen <= 0) return;
    balance.prepaymentFen -= amountFen;
    await tx.save(balance);
    await tx.insert(PrepaymentMovementEntity, { customerId: account.customerId, orderId: account.orderId, amountFen: -amountFen, kind: 'applied_to_order' });
    account.paidFen += amountFen;
    if (account.paidFen >= account.totalFen && account.confirmedAt === null) await this.confirmPayment(tx, account, actor, cause);
  }

  /** Bills `amountFen` of the order: paid money covers it first, the rest is a receivable due after the credit terms. */
  async issueInvoice(
    tx: EntityManager,
    account: OrderAccountEntity,
    amountFen: number,
    details: { shipmentId: string | null; series: InvoiceSeries; actor: Actor; cause: Cause },
  ): Promise<InvoiceEntity> {
    const billed = billInvoice(moneyOf(account), amountFen);
    const invoice = tx.create(InvoiceEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, details.series, businessYear()), series: details.series, orderId: account.orderId,
      shipmentId: details.shipmentId, customerId: account.customerId, customerName: account.customerName, amountFen, status: 'issued',
      issuedBy: details.actor.userId, voidReason: null, voidedBy: null, voidedAt: null,
    });
    await tx.insert(InvoiceEntity, invoice);
    await post(tx, {
      sourceType: 'invoice', sourceId: invoice.id, customerId: account.customerId, postedBy: details.actor.userId,
      memo: `Invoice ${invoice.number} for order ${account.orderNumber}`, lines: invoiceEntry(amountFen, billed.prepaidUsedFen),
    });
    Object.assign(account, { invoicedFen: billed.order.invoicedFen, coveredFen: billed.order.coveredFen });
    await tx.save(account);
    if (billed.receivableFen > 0) {
      await tx.insert(ReceivableEntity, {
        id: uuidv7(), invoiceId: invoice.id, orderId: account.orderId, customerId: account.customerId, amountFen: billed.receivableFen, settledFen: 0,
        dueDate: dueDate(businessDate(), account.creditTermsDays ?? DEFAULT_TERMS_DAYS), status: 'open',
      });
      await this.reportReceivables(tx, account.customerId, `invoice ${invoice.number}`, details.actor, details.cause);
    }
    return invoice;
  }

  /**
   * Takes an invoice back with a reversing entry (DESIGN §5: corrections are reversing entries): revenue
   * and VAT reversed, what was still owed leaves receivables, the money that had covered it is held for
   * the customer again (2203). The invoice's number stays used. The caller holds the order account's lock.
   */
  async voidInvoice(tx: EntityManager, account: OrderAccountEntity, invoice: InvoiceEntity, reason: string, actor: Actor, cause: Cause): Promise<void> {
    const receivable = await tx.findOne(ReceivableEntity, { where: { invoiceId: invoice.id }, lock: { mode: 'pessimistic_write' } });
    const stillOwedFen = receivable && receivable.status === 'open' ? receivable.amountFen - receivable.settledFen : 0;
    const { order } = voidInvoice(moneyOf(account), invoice.amountFen, stillOwedFen);
    Object.assign(account, { invoicedFen: order.invoicedFen, coveredFen: order.coveredFen });
    await tx.save(account);
    Object.assign(invoice, { status: 'voided', voidReason: reason, voidedBy: actor.userId, voidedAt: new Date() });
    await tx.save(invoice);
    const [original]: Array<{ id: string }> = await tx.query(`SELECT id FROM journal_entries WHERE source_id = $1 AND source_type = 'invoice' LIMIT 1`, [invoice.id]);
    await post(tx, {
      sourceType: 'invoice_void', sourceId: invoice.id, customerId: invoice.customerId, postedBy: actor.userId, reversalOf: original?.id ?? null,
      memo: `Void of invoice ${invoice.number}: ${reason}`, lines: invoiceVoidEntry(invoice.amountFen, stillOwedFen),
    });
    if (receivable) {
      await tx.update(ReceivableEntity, { id: receivable.id }, { status: 'voided' });
      if (stillOwedFen > 0) await this.reportReceivables(tx, invoice.customerId, `invoice ${invoice.number} voided`, actor, cause);
    }
  }

  /**
   * Tells sales the customer's receivable position when it differs from what sales last heard (or
   * always, when `force`). The revision lets sales ignore an older report arriving late.
   */
  async reportReceivables(tx: EntityManager, customerId: string, reason: string, actor: Actor, cause?: Cause, force = true): Promise<boolean> {
    const balance = await this.balance(tx, customerId);
    const rows = await tx.findBy(ReceivableEntity, { customerId, status: In(['open']) });
    const position = positionOn(rows, businessDate());
    if (!force && !positionChanged({ openFen: balance.reportedOpenFen, overdueFen: balance.reportedOverdueFen }, position)) return false;
    Object.assign(balance, { receivableRevision: balance.receivableRevision + 1, reportedOpenFen: position.openFen, reportedOverdueFen: position.overdueFen });
    await tx.save(balance);
    await this.outbox.append(tx, ReceivableChanged, {
      aggregateId: customerId, actor, ...(cause ? { cause } : {}),
      data: { customerId, revision: balance.receivableRevision, openFen: position.openFen, overdueFen: position.overdueFen, ...(position.oldestDueDate ? { oldestDueDate: position.oldestDueDate } : {}), reason },
    });
    return true;
  }
}
