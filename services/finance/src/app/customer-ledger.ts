import { Inject, Injectable } from '@nestjs/common';
import { businessDate, businessYear } from '@ops/kernel';
import { numberAtCommit, rowByKey } from '@ops/persistence';
import type { Acting } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { recoverWrittenOff, stopsSupply, type AnnouncedStage } from '../domain/collection-ladder.js';
import { holdPrepayment, reportReceivables, supplyFollowsCollection, usePrepayment } from '../domain/customer-balance.js';
import { invoiceLines, issueInvoice, voidInvoice, type Seller } from '../domain/invoice.js';
import { invoiceEntry, invoiceVoidEntry, receiptEntry, writeOffRecoveryEntry } from '../domain/journal.js';
import { billInvoice, countReceipt, takeBackInvoice } from '../domain/order-account.js';
import { dueDate, openReceivable, owedOn, positionOn, settle, settlementsOldestFirst, voidReceivable } from '../domain/receivable.js';
import {
  CustomerBalanceEntity, InvoiceEntity, OrderAccountEntity, PrepaymentMovementEntity, ReceiptEntity, ReceivableEntity, ReceivableSettlementEntity,
} from '../infra/persistence/finance.entities.js';
import { CustomerBalanceStore, InvoiceStore, OrderAccountStore, ReceivableStore } from '../infra/persistence/stores.js';
import { SELLER } from '../infra/seller.js';
import { post } from './journal.js';

/** Credit terms when the placement did not say (orders placed before sales sent them). */
const DEFAULT_TERMS_DAYS = 30;

/**
 * The customer's side of finance in one place: money counted against orders, invoices and the
 * receivables they leave, the prepayment balance, and telling sales when the receivable changes. Each
 * method lets the domain decide and the aggregates' stores write, with the journal entry posted
 * beside them, all in the caller's transaction. The caller holds the order account's lock.
 */
@Injectable()
export class CustomerLedger {
  constructor(
    private readonly accounts: OrderAccountStore,
    private readonly invoices: InvoiceStore,
    private readonly receivables: ReceivableStore,
    private readonly balances: CustomerBalanceStore,
    @Inject(SELLER) private readonly seller: Seller,
  ) {}

  /** Money that counts: booked (receivables first), set against the order, the excess to the customer's prepayment. */
  async count(tx: EntityManager, account: OrderAccountEntity, receipt: ReceiptEntity, acting: Acting): Promise<void> {
    const step = countReceipt(account, receipt);
    await post(tx, {
      sourceType: 'receipt', sourceId: receipt.id, customerId: account.customerId, postedBy: acting.actor.userId,
      memo: `Receipt ${receipt.number} for order ${account.orderNumber}`, lines: receiptEntry(receipt.method, receipt.amountFen, step.toReceivablesFen),
    });
    await this.accounts.apply(tx, account, () => step, acting);
    if (step.toReceivablesFen > 0) {
      const owed = await tx.find(ReceivableEntity, { where: { orderId: account.orderId, status: In(['open', 'written_off']) }, lock: { mode: 'pessimistic_write' } });
      const open = await this.recoverWrittenOff(tx, owed, step.toReceivablesFen, receipt, acting);
      const settledOn = businessDate();
      for (const { receivable, settleFen } of settlementsOldestFirst(open, step.toReceivablesFen)) {
        await this.receivables.apply(tx, receivable, (r) => settle(r, settleFen, receipt.number), acting);
        await tx.insert(ReceivableSettlementEntity, { receivableId: receivable.id, receiptId: receipt.id, amountFen: settleFen, settledOn });
      }
    }
    if (step.overpaidFen > 0) await this.addPrepayment(tx, account.customerId, account.orderId, step.overpaidFen, 'overpayment', acting);
    if (step.toReceivablesFen > 0) {
      await this.reportReceivables(tx, account.customerId, `receipt ${receipt.number}`, acting);
      await this.followCollection(tx, account.customerId, `paid: receipt ${receipt.number}`, acting);
    }
  }

  /**
   * Money for an order whose receivable was written off (9-06): the open ones take it first; what they
   * cannot take reinstates written-off ones, oldest first, each with the write-off reversed in the journal.
   * The receivables the money may then settle.
   */
  private async recoverWrittenOff(tx: EntityManager, owed: ReceivableEntity[], amountFen: number, receipt: ReceiptEntity, acting: Acting): Promise<ReceivableEntity[]> {
    const open = owed.filter((r) => r.status === 'open');
    let uncovered = amountFen - open.reduce((sum, r) => sum + r.amountFen - r.settledFen, 0);
    for (const written of owed.filter((r) => r.status === 'written_off').sort((a, b) => a.dueDate.localeCompare(b.dueDate))) {
      if (uncovered <= 0) break;
      const { row } = await this.receivables.apply(tx, written, (r) => recoverWrittenOff(r, `receipt ${receipt.number}`, businessDate()), acting);
      await post(tx, {
        sourceType: 'write_off_recovery', sourceId: receipt.id, customerId: row.customerId, postedBy: acting.actor.userId,
        memo: `Write-off reversed: receipt ${receipt.number} recovers a bad debt`, lines: writeOffRecoveryEntry(written.writeOff!.writtenOffFen),
      });
      open.push(row);
      uncovered -= row.amountFen - row.settledFen;
    }
    return open;
  }

  /**
   * Supply follows the collection ladder: on hold while one of the customer's open receivables stands at
   * supply stopped or doubtful, resumed (a ladder's hold only) when none does any more.
   */
  async followCollection(tx: EntityManager, customerId: string, reason: string, acting: Acting): Promise<void> {
    const stages: Array<{ stage: AnnouncedStage }> = await tx.query(`SELECT DISTINCT stage FROM receivables WHERE customer_id = $1 AND status = 'open'`, [customerId]);
    const balance = await this.balances.lock(tx, customerId);
    await this.balances.apply(tx, balance, (c) => supplyFollowsCollection(c, stopsSupply(stages.map((s) => s.stage)), reason, acting.actor.userId), acting);
  }

  async addPrepayment(tx: EntityManager, customerId: string, orderId: string | null, amountFen: number, kind: 'overpayment' | 'kept_from_cancellation' | 'referral_reward', acting: Acting): Promise<void> {
    await this.balances.apply(tx, await this.balances.lock(tx, customerId), (c) => holdPrepayment(c, amountFen), acting);
    await tx.insert(PrepaymentMovementEntity, { customerId, orderId, amountFen, kind });
  }

  /**
   * The customer's balance, locked, when they hold a prepayment a new order may use; null otherwise.
   * Most customers hold none: look without a lock first, so their orders do not queue on one row.
   */
  async prepaymentHeld(tx: EntityManager, customerId: string): Promise<CustomerBalanceEntity | null> {
    const held = await rowByKey(tx, CustomerBalanceEntity, 'customerId', customerId, { lock: false });
    if (!held || held.prepaymentFen === 0) return null;
    return this.balances.lock(tx, customerId);
  }

  /**
   * A new order is paid from the customer's prepayment (domain.md §5: overpayment is used against later
   * amounts). No journal entry: the money was credited to customer prepayments (2203) when it arrived,
   * and it stays there; it is still owed to the same customer (journal entries are tagged by customer,
   * not order), only now earmarked for this order. An entry would debit and credit 2203 for the same
   * customer and amount, changing no balance and no statement. The move is kept in the sub-ledger
   * instead: the customer's balance goes down, the order's paid money (paid − covered) goes up, so 2203
   * still equals balances + uncovered paid money of live orders (the platform tests check this). The
   * sale uses it later: invoicing debits 2203 for the covered part (invoiceEntry), and a cancellation
   * refunds it from 2203 or returns it to the balance.
   */
  async usePrepayment(tx: EntityManager, balance: CustomerBalanceEntity, orderId: string, amountFen: number, acting: Acting): Promise<void> {
    await this.balances.apply(tx, balance, (c) => usePrepayment(c, amountFen), acting);
    await tx.insert(PrepaymentMovementEntity, { customerId: balance.customerId, orderId, amountFen: -amountFen, kind: 'applied_to_order' });
  }

  /** Bills `amountFen` of the order: paid money covers it first, the rest is a receivable due after the credit terms. */
  async issueInvoice(
    tx: EntityManager,
    account: OrderAccountEntity,
    amountFen: number,
    details: { shipmentId: string | null; series: string; why: string; goods: ReadonlyArray<{ sku: string; quantity: number; unitPriceFen: number }> },
    acting: Acting,
  ): Promise<InvoiceEntity> {
    const number = await numberAtCommit(tx, details.series, businessYear());
    const billed = billInvoice(account, number, amountFen);
    const invoice = await this.invoices.create(tx, issueInvoice({
      id: uuidv7(), number, series: details.series, orderId: account.orderId, shipmentId: details.shipmentId,
      customerId: account.customerId, customerName: account.customerName, amountFen, issuedBy: acting.actor.userId,
      lines: invoiceLines(details.goods, amountFen), buyerTaxId: account.customerTaxId, seller: this.seller,
    }, details.why), acting);
    await post(tx, {
      sourceType: 'invoice', sourceId: invoice.id, customerId: account.customerId, postedBy: acting.actor.userId,
      memo: `Invoice ${invoice.number} for order ${account.orderNumber}`, lines: invoiceEntry(amountFen, billed.prepaidUsedFen),
    });
    await this.accounts.apply(tx, account, () => billed, acting);
    if (billed.receivableFen > 0) {
      await this.receivables.create(tx, openReceivable({
        id: uuidv7(), invoiceId: invoice.id, orderId: account.orderId, customerId: account.customerId, amountFen: billed.receivableFen,
        dueDate: dueDate(businessDate(), account.creditTermsDays ?? DEFAULT_TERMS_DAYS), invoiceDate: businessDate(),
      }, invoice.number), acting);
      await this.reportReceivables(tx, account.customerId, `invoice ${invoice.number}`, acting);
    }
    return invoice;
  }

  /**
   * Takes an invoice back with a reversing entry (domain.md §5: corrections are reversing entries): revenue
   * and VAT reversed, what was still owed leaves receivables, the money that had covered it is held for
   * the customer again (2203). The invoice's number stays used. The caller holds the invoice's lock.
   */
  async voidInvoice(tx: EntityManager, account: OrderAccountEntity, invoice: InvoiceEntity, reason: string, acting: Acting): Promise<void> {
    await this.invoices.apply(tx, invoice, (i) => voidInvoice(i, reason, acting.actor.userId), acting);
    const receivable = await rowByKey(tx, ReceivableEntity, 'invoiceId', invoice.id, { lock: true });
    const stillOwedFen = owedOn(receivable);
    await this.accounts.apply(tx, account, (a) => takeBackInvoice(a, invoice.number, invoice.amountFen, stillOwedFen), acting);
    const [original]: Array<{ id: string }> = await tx.query(`SELECT id FROM journal_entries WHERE source_id = $1 AND source_type = 'invoice' LIMIT 1`, [invoice.id]);
    await post(tx, {
      sourceType: 'invoice_void', sourceId: invoice.id, customerId: invoice.customerId, postedBy: acting.actor.userId, reversalOf: original?.id ?? null,
      memo: `Void of invoice ${invoice.number}: ${reason}`, lines: invoiceVoidEntry(invoice.amountFen, stillOwedFen),
    });
    if (receivable) {
      await this.receivables.apply(tx, receivable, (r) => voidReceivable(r, invoice.number), acting);
      if (stillOwedFen > 0) {
        await this.reportReceivables(tx, invoice.customerId, `invoice ${invoice.number} voided`, acting);
        await this.followCollection(tx, invoice.customerId, `invoice ${invoice.number} voided`, acting);
      }
    }
  }

  /**
   * Tells sales the customer's receivable position when it differs from what sales last heard (or
   * always, when `force`); whether it did.
   */
  async reportReceivables(tx: EntityManager, customerId: string, reason: string, acting: Acting, force = true): Promise<boolean> {
    const balance = await this.balances.lock(tx, customerId);
    const open = await tx.findBy(ReceivableEntity, { customerId, status: 'open' });
    const step = reportReceivables(balance, positionOn(open, businessDate()), reason, force);
    await this.balances.apply(tx, balance, () => step, acting);
    return step.reported;
  }
}
