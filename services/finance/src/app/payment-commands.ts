import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type GetOrderAccountRequest, type ListJournalQuery, type ListReceiptsQuery, type OrderAccountView, type Page, type ReceiptIdRequest,
  type ReceiptView, type RecordedReceiptView, type RecordReceiptRequest, type VerifyTransferRequest,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { numberAtCommit, rowByKey } from '@ops/persistence';
import { ChangeFeed, Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { agreementHeld, moneyOf, openReceivableOf } from '../domain/order-account.js';
import { approveDeposit, counts, recordReceipt, verifyTransfer } from '../domain/receipt.js';
import { OrderAccountEntity, ReceiptEntity } from '../infra/persistence/finance.entities.js';
import { cashierDateFor } from './cashier-day-commands.js';
import { OrderAccountStore, ReceiptStore } from '../infra/persistence/stores.js';
import { CustomerLedger } from './customer-ledger.js';
import { orderAccountOpened } from './change-keys.js';
import { listEntries, trialBalance } from './journal.js';

@Injectable()
export class PaymentCommands {
  constructor(
    private readonly ledger: CustomerLedger,
    private readonly accounts: OrderAccountStore,
    private readonly receipts: ReceiptStore,
    private readonly changes: ChangeFeed,
  ) {}

  /** The cashier records money received for an order; the receipt that completes it confirms payment. */
  @Handles(FinanceCatalog.recordReceipt)
  async recordReceipt(request: RecordReceiptRequest, { tx, actor, cause }: CommandContext): Promise<RecordedReceiptView> {
    // The account, locked, and the cashier's open day, in one round trip.
    const [account, cashierDate] = await Promise.all([rowByKey(tx, OrderAccountEntity, 'orderId', request.orderId, { lock: true }), cashierDateFor(tx, actor.userId)]);
    if (!account) {
      throw new DomainError('rule_violated', 'order-not-payable', `Finance has no placed order ${request.orderId}: it is unknown, not yet approved, or still on its way from sales`, [{ field: 'orderId', message: 'names no placed order' }]);
    }
    const step = recordReceipt({ ...request, id: uuidv7(), number: await numberAtCommit(tx, 'RC', businessYear()), recordedBy: actor.userId, cashierDate }, account);
    const receipt = await this.receipts.create(tx, step, { actor, cause });
    if (counts(receipt)) await this.ledger.count(tx, account, receipt, { actor, cause });
    return recordedView(receipt, account);
  }

  /** Finance sees the transfer in the bank; only then does it count. The cashier who recorded it may not verify it. */
  @Handles(FinanceCatalog.verifyTransfer)
  async verifyTransfer(request: VerifyTransferRequest, { tx, actor, cause }: CommandContext): Promise<RecordedReceiptView> {
    // The order account first, then the receipt: the same lock order as recording one or accepting a deposit.
    const found = await this.receipts.get(tx, request.receiptId, { lock: false });
    const account = await this.accounts.get(tx, found.orderId);
    const receipt = await this.receipts.get(tx, request.receiptId);
    await this.receipts.apply(tx, receipt, (r) => verifyTransfer(r, actor.userId, account), { actor, cause });
    if (counts(receipt)) await this.ledger.count(tx, account, receipt, { actor, cause });
    return recordedView(receipt, account);
  }

  /**
   * A first payment below the required deposit counts once sales management and a finance manager have
   * both accepted it (domain.md §5); the approver's roles decide which side they fill.
   */
  @Handles(FinanceCatalog.approveDeposit)
  async approveDeposit(request: ReceiptIdRequest, { tx, actor, cause }: CommandContext): Promise<RecordedReceiptView> {
    // The order account first, then the receipt: the same lock order as recording one.
    const found = await this.receipts.get(tx, request.receiptId, { lock: false });
    const account = await this.accounts.get(tx, found.orderId);
    const receipt = await this.receipts.get(tx, request.receiptId);
    await this.receipts.apply(tx, receipt, (r) => approveDeposit(r, actor, account), { actor, cause });
    if (counts(receipt)) await this.ledger.count(tx, account, receipt, { actor, cause });
    return recordedView(receipt, account);
  }

  @Handles(FinanceCatalog.getReceipt)
  async getReceipt(request: ReceiptIdRequest, { tx }: CommandContext): Promise<ReceiptView> {
    return receiptView(await this.receipts.get(tx, request.receiptId, { lock: false }));
  }

  @Handles(FinanceCatalog.listReceipts)
  async listReceipts(query: ListReceiptsQuery, { tx }: CommandContext): Promise<Page<ReceiptView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ReceiptEntity, {
      where: { ...(query.orderId ? { orderId: query.orderId } : {}), ...(query.status ? { status: query.status } : {}), ...(query.method ? { method: query.method } : {}) },
      order: { number: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(receiptView), page, pageSize, total };
  }

  /** With `waitSeconds`, a long poll: the answer waits for the account to open (sales.order.placed reaching finance). */
  @Handles(FinanceCatalog.getOrderAccount)
  async getOrderAccount(request: GetOrderAccountRequest, { tx }: CommandContext): Promise<OrderAccountView> {
    const read = () => this.orderAccountView(tx, request.orderId);
    const view = request.waitSeconds ? await this.changes.until(orderAccountOpened(request.orderId), request.waitSeconds, read, (v) => v !== null) : await read();
    if (!view) throw this.accounts.notFound(request.orderId);
    return view;
  }

  private async orderAccountView(tx: EntityManager, orderId: string): Promise<OrderAccountView | null> {
    const account = await rowByKey(tx, OrderAccountEntity, 'orderId', orderId, { lock: false });
    if (!account) return null;
    const [refunds]: Array<{ due: string; paid: string }> = await tx.query(
      `SELECT COALESCE(SUM(amount_fen) FILTER (WHERE status = 'due'), 0) AS due, COALESCE(SUM(amount_fen) FILTER (WHERE status = 'paid'), 0) AS paid FROM refunds WHERE order_id = $1`,
      [account.orderId],
    );
    return {
      orderId: account.orderId, orderNumber: account.orderNumber, customerId: account.customerId, customerName: account.customerName,
      paymentTerms: account.paymentTerms, totalFen: account.totalFen, requiredDepositFen: account.requiredDepositFen, depositAccepted: account.depositAcceptedAt !== null,
      madeToOrder: account.madeToOrder, depositConfirmedAt: account.depositConfirmedAt?.toISOString() ?? null, balanceNotice: account.balanceNotice,
      agreementHeld: agreementHeld(account), paidFen: account.paidFen, outstandingFen: account.totalFen - account.paidFen,
      invoicedFen: account.invoicedFen, openReceivableFen: openReceivableOf(moneyOf(account)), prepaymentFen: account.prepaymentFen, fullyPaid: account.confirmedAt !== null,
      cancellation: account.cancellation, refundDueFen: Number(refunds.due), refundedFen: Number(refunds.paid),
      confirmedAt: account.confirmedAt?.toISOString() ?? null, openedAt: account.openedAt.toISOString(),
    };
  }

  @Handles(FinanceCatalog.listJournal)
  listJournal(query: ListJournalQuery, { tx }: CommandContext): Promise<Page<object>> {
    return listEntries(tx, query);
  }

  /** Every account's debits, credits and balance; the totals are equal when the books are right. */
  @Handles(FinanceCatalog.getTrialBalance)
  getTrialBalance(_request: unknown, { tx }: CommandContext) {
    // The query's one snapshot covers every account's sums, so a posting committing meanwhile cannot unbalance the answer.
    return trialBalance(tx);
  }
}

function receiptView(r: ReceiptEntity): ReceiptView {
  return {
    id: r.id, number: r.number, orderId: r.orderId, method: r.method, amountFen: r.amountFen, currency: 'CNY', payerName: r.payerName, recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(), cashierDate: r.cashierDate, status: r.status, verifiedBy: r.verifiedBy, depositSalesApprovedBy: r.depositSalesApprovedBy,
    depositFinanceApprovedBy: r.depositFinanceApprovedBy, details: r.details,
  };
}

function recordedView(r: ReceiptEntity, account: OrderAccountEntity): RecordedReceiptView {
  return { ...receiptView(r), orderFullyPaid: account.confirmedAt !== null, outstandingFen: account.totalFen - account.paidFen, prepaymentFen: account.prepaymentFen };
}
