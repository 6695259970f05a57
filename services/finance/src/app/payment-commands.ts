import { Injectable } from '@nestjs/common';
import { refuseSelfApproval } from '@ops/auth';
import {
  businessYear, DomainError, FinanceRpc, GetOrderAccountRequest, ListJournalQuery, ListReceiptsQuery, pageWindow, ReceiptIdRequest,
  RecordReceiptRequest, VerifyTransferRequest, type OrderAccountView, type Page, type ReceiptView, type RecordedReceiptView,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { RpcHandler } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isDepositBelowRequired, openReceivableOf } from '../domain/order-account.js';
import { assertCanVerifyTransfer, countsAtOnce, receiptDetails, receiptProblems } from '../domain/receipt-rules.js';
import { OrderAccountEntity, ReceiptEntity } from '../infra/persistence/finance.entities.js';
import { CustomerLedger, moneyOf } from './customer-ledger.js';
import { listEntries, trialBalance } from './journal.js';

@Injectable()
export class PaymentCommands {
  constructor(private readonly dataSource: DataSource, private readonly ledger: CustomerLedger) {}

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
        const receipt = tx.create(ReceiptEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'RC', businessYear()), orderId: account.orderId, method: request.method,
          amountFen: request.amountFen, payerName: request.payerName ?? null, recordedBy: context.actor.userId,
          status: countsAtOnce(request.method) ? 'counted' : 'pending_verification', details: receiptDetails(request), verifiedBy: null, verifiedAt: null,
          depositApprovedBy: null, depositApprovedAt: null,
        });
        if (receipt.status === 'counted' && this.needsDepositApproval(account, receipt)) receipt.status = 'awaiting_deposit_approval';
        await tx.save(receipt);
        if (receipt.status === 'counted') await this.ledger.count(tx, account, receipt, context.actor, { requestId: context.requestId });
        return recordedView(receipt, account);
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
      if (this.needsDepositApproval(account, receipt)) receipt.status = 'awaiting_deposit_approval';
      await tx.save(receipt);
      if (receipt.status === 'counted') await this.ledger.count(tx, account, receipt, context.actor, { requestId: context.requestId });
      return recordedView(receipt, account);
    });
  }

  /**
   * A deposit below the required amount (DESIGN §5) counts once a sales manager — or anyone above,
   * never the person who recorded it — accepts it.
   */
  @RpcHandler(FinanceRpc.approveDeposit, ReceiptIdRequest)
  async approveDeposit(request: ReceiptIdRequest, context: RpcContext): Promise<RecordedReceiptView> {
    return this.dataSource.transaction(async (tx) => {
      const receipt = await tx.findOne(ReceiptEntity, { where: { id: request.receiptId }, lock: { mode: 'pessimistic_write' } });
      if (!receipt) throw new DomainError('not_found', 'receipt-not-found', `No receipt ${request.receiptId}`);
      if (receipt.status !== 'awaiting_deposit_approval') throw new DomainError('conflict', 'not-a-pending-deposit', `Receipt ${receipt.number} is ${receipt.status}, not a deposit waiting for approval`);
      refuseSelfApproval({ kind: 'deposit receipt', number: receipt.number, createdBy: receipt.recordedBy }, context.actor.userId);
      const account = await tx.findOne(OrderAccountEntity, { where: { orderId: receipt.orderId }, lock: { mode: 'pessimistic_write' } });
      if (!account || account.cancellation) throw new DomainError('rule_violated', 'order-cancelled', `The order of ${receipt.number} was cancelled`);
      Object.assign(receipt, { status: 'counted', depositApprovedBy: context.actor.userId, depositApprovedAt: new Date() });
      await tx.save(receipt);
      await this.ledger.count(tx, account, receipt, context.actor, { requestId: context.requestId });
      return recordedView(receipt, account);
    });
  }

  private needsDepositApproval(account: OrderAccountEntity, receipt: ReceiptEntity): boolean {
    return receipt.depositApprovedBy === null && isDepositBelowRequired({ ...moneyOf(account), paymentTerms: account.paymentTerms }, receipt.amountFen);
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
      paymentTerms: account.paymentTerms, totalFen: account.totalFen, paidFen: account.paidFen, outstandingFen: account.totalFen - account.paidFen,
      invoicedFen: account.invoicedFen, openReceivableFen: openReceivableOf(moneyOf(account)), prepaymentFen: account.prepaymentFen, fullyPaid: account.confirmedAt !== null, cancellation: account.cancellation, confirmedAt: account.confirmedAt?.toISOString() ?? null, openedAt: account.openedAt.toISOString(),
    };
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
    recordedAt: r.recordedAt.toISOString(), status: r.status, verifiedBy: r.verifiedBy, depositApprovedBy: r.depositApprovedBy, details: r.details,
  };
}

function recordedView(r: ReceiptEntity, account: OrderAccountEntity): RecordedReceiptView {
  return { ...receiptView(r), orderFullyPaid: account.confirmedAt !== null, outstandingFen: account.totalFen - account.paidFen, prepaymentFen: account.prepaymentFen };
}
