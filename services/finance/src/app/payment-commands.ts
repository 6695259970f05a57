import { Inject, Injectable } from '@nestjs/common';
import {
  businessYear, DomainError, FinanceRpc, GetOrderAccountRequest, ListInvoicesQuery, ListJournalQuery, ListReceiptsQuery, pageWindow, PaymentConfirmed,
  RecordReceiptRequest, VerifyTransferRequest, type InvoiceView, type OrderAccountView, type Page, type ReceiptView, type RecordedReceiptView,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { receiptEntry } from '../domain/journal.js';
import { applyReceipt } from '../domain/order-account.js';
import { assertCanVerifyTransfer, countsAtOnce, receiptDetails, receiptProblems } from '../domain/receipt-rules.js';
import { listEntries, post, trialBalance } from './journal.js';
import { InvoiceEntity, OrderAccountEntity, ReceiptEntity } from '../infra/persistence/finance.entities.js';

@Injectable()
export class PaymentCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /** The cashier records money received for an order; the receipt that completes it confirms payment. */
  @RpcHandler(FinanceRpc.recordReceipt, RecordReceiptRequest)
  async recordReceipt(request: RecordReceiptRequest, context: RpcContext): Promise<RecordedReceiptView> {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, FinanceRpc.recordReceipt, async () => {
        const account = await tx.findOne(OrderAccountEntity, { where: { orderId: request.orderId }, lock: { mode: 'pessimistic_write' } });
        if (!account) {
          throw new DomainError('rule_violated', 'order-not-payable', `Finance has no placed order ${request.orderId}: it is unknown, not yet approved, or still on its way from sales`, [{ field: 'orderId', message: 'names no placed order' }]);
        }
        if (account.cancellation) {
          throw new DomainError('rule_violated', 'order-cancelled', `Order ${account.orderNumber} was cancelled; record money for the customer against another order`, [{ field: 'orderId', message: 'names a cancelled order' }]);
        }
        const problems = receiptProblems(request);
        if (problems.length) throw new DomainError('rule_violated', 'receipt-incomplete', `This ${request.method} receipt cannot be recorded as it is`, problems);
        const receipt = await tx.save(tx.create(ReceiptEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'RC', businessYear()), orderId: account.orderId, method: request.method,
          amountFen: request.amountFen, payerName: request.payerName ?? null, recordedBy: context.actor.userId,
          status: countsAtOnce(request.method) ? 'counted' : 'pending_verification', details: receiptDetails(request), verifiedBy: null, verifiedAt: null,
        }));
        if (receipt.status === 'counted') await this.count(tx, account, receipt, context);
        return { ...receiptView(receipt), orderFullyPaid: account.confirmedAt !== null, outstandingFen: Math.max(0, account.totalFen - account.paidFen), prepaymentFen: account.prepaymentFen };
      }),
    );
  }

  /** Finance sees the transfer in the bank; only then does it count. The cashier who recorded it may not verify it. */
  @RpcHandler(FinanceRpc.verifyTransfer, VerifyTransferRequest)
  async verifyTransfer(request: VerifyTransferRequest, context: RpcContext): Promise<RecordedReceiptView> {
    return this.dataSource.transaction(async (tx) => {
      const receipt = await tx.findOne(ReceiptEntity, { where: { id: request.receiptId }, lock: { mode: 'pessimistic_write' } });
      if (!receipt) throw new DomainError('not_found', 'receipt-not-found', `No receipt ${request.receiptId}`);
      assertCanVerifyTransfer(receipt, context.actor.userId);
      const account = await tx.findOne(OrderAccountEntity, { where: { orderId: receipt.orderId }, lock: { mode: 'pessimistic_write' } });
      if (!account || account.cancellation) throw new DomainError('rule_violated', 'order-cancelled', `The order of ${receipt.number} was cancelled`);
      Object.assign(receipt, { status: 'counted', verifiedBy: context.actor.userId, verifiedAt: new Date() });
      await tx.save(receipt);
      await this.count(tx, account, receipt, context);
      return { ...receiptView(receipt), orderFullyPaid: account.confirmedAt !== null, outstandingFen: Math.max(0, account.totalFen - account.paidFen), prepaymentFen: account.prepaymentFen };
    });
  }

  /** Money that counts: booked, added to the order, and the payment confirmed once the order is paid in full. */
  private async count(tx: EntityManager, account: OrderAccountEntity, receipt: ReceiptEntity, context: RpcContext): Promise<void> {
    const outcome = applyReceipt({ orderId: account.orderId, totalFen: account.totalFen, paidFen: account.paidFen, confirmed: account.confirmedAt !== null }, receipt.amountFen);
    await post(tx, {
      sourceType: 'receipt', sourceId: receipt.id, customerId: account.customerId, postedBy: context.actor.userId,
      memo: `Receipt ${receipt.number} for order ${account.orderNumber}`, lines: receiptEntry(receipt.method, receipt.amountFen),
    });
    account.paidFen = outcome.account.paidFen;
    account.prepaymentFen += outcome.overpaidFen;
    if (outcome.nowFullyPaid) {
      account.confirmedAt = new Date();
      await this.outbox.append(tx, PaymentConfirmed, {
        aggregateId: account.orderId,
        actor: context.actor,
        cause: { requestId: context.requestId },
        data: { orderId: account.orderId, customerId: account.customerId, totalFen: account.totalFen, paidFen: account.paidFen },
      });
    }
    await tx.save(account);
  }

  @RpcHandler(FinanceRpc.listReceipts, ListReceiptsQuery)
  async listReceipts(query: ListReceiptsQuery): Promise<Page<ReceiptView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(ReceiptEntity).findAndCount({
      where: query.orderId ? { orderId: query.orderId } : {}, order: { number: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(receiptView), page, pageSize, total };
  }

  @RpcHandler(FinanceRpc.getOrderAccount, GetOrderAccountRequest)
  async getOrderAccount(request: GetOrderAccountRequest): Promise<OrderAccountView> {
    const account = await this.dataSource.getRepository(OrderAccountEntity).findOneBy({ orderId: request.orderId });
    if (!account) throw new DomainError('not_found', 'order-account-not-found', `Finance has no account for order ${request.orderId}`);
    return {
      orderId: account.orderId, orderNumber: account.orderNumber, customerId: account.customerId, customerName: account.customerName,
      paymentTerms: account.paymentTerms, totalFen: account.totalFen, paidFen: account.paidFen, outstandingFen: Math.max(0, account.totalFen - account.paidFen),
      prepaymentFen: account.prepaymentFen, fullyPaid: account.confirmedAt !== null, cancellation: account.cancellation, confirmedAt: account.confirmedAt?.toISOString() ?? null, openedAt: account.openedAt.toISOString(),
    };
  }

  @RpcHandler(FinanceRpc.listInvoices, ListInvoicesQuery)
  async listInvoices(query: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(InvoiceEntity).findAndCount({
      where: query.orderId ? { orderId: query.orderId } : {}, order: { number: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map((i) => ({ ...i, currency: 'CNY', issuedAt: i.issuedAt.toISOString() })), page, pageSize, total };
  }

  @RpcHandler(FinanceRpc.listJournal, ListJournalQuery)
  listJournal(query: ListJournalQuery): Promise<Page<object>> {
    return this.dataSource.transaction((tx) => listEntries(tx, query));
  }

  /** Every account's debits, credits and balance; the totals are equal when the books are right. */
  @RpcHandler(FinanceRpc.getTrialBalance)
  getTrialBalance() {
    return this.dataSource.transaction('REPEATABLE READ', (tx) => trialBalance(tx));
  }
}

function receiptView(r: ReceiptEntity): ReceiptView {
  return {
    id: r.id, number: r.number, orderId: r.orderId, method: r.method, amountFen: r.amountFen, currency: 'CNY', payerName: r.payerName, recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(), status: r.status, verifiedBy: r.verifiedBy, details: r.details,
  };
}
