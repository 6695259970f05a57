import { Inject, Injectable } from '@nestjs/common';
import {
  businessDate, CreditHoldRequest, CustomerCreditHold, CustomerCreditReleased, CustomerIdRequest, DomainError, FinanceRpc, IssueInvoiceRequest, ListInvoicesQuery,
  ListReceivablesQuery, pageWindow, StatementRequest, VoidInvoiceRequest,
  type CreditHoldView, type CustomerPrepaymentView, type InvoiceView, type Page, type ReceivableView, type StatementView,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { handInvoiceAmount } from '../domain/order-account.js';
import { daysOverdue } from '../domain/receivable.js';
import { statement, type StatementEntry } from '../domain/statement.js';
import {
  CustomerBalanceEntity, InvoiceEntity, OrderAccountEntity, PrepaymentMovementEntity, ReceivableEntity,
} from '../infra/persistence/finance.entities.js';
import { CustomerLedger } from './customer-ledger.js';

/** Invoices (issue, void), receivables, statements, prepayment balances and credit holds (DESIGN §4.10, §5). */
@Injectable()
export class InvoiceCommands {
  constructor(private readonly dataSource: DataSource, private readonly ledger: CustomerLedger, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /**
   * Invoices what is left of an order by hand: a prepaid order once fully paid (before it ships), or an
   * order whose invoice was voided. The name on the invoice is always the name on the order.
   */
  @RpcHandler(FinanceRpc.issueInvoice, IssueInvoiceRequest)
  issueInvoice(request: IssueInvoiceRequest, context: RpcContext): Promise<InvoiceView> {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, FinanceRpc.issueInvoice, async () => {
        const account = await tx.findOne(OrderAccountEntity, { where: { orderId: request.orderId }, lock: { mode: 'pessimistic_write' } });
        if (!account) throw new DomainError('not_found', 'order-account-not-found', `Finance has no order ${request.orderId}`);
        const [{ voided, reissued }]: Array<{ voided: string; reissued: string }> = await tx.query(
          `SELECT COALESCE(SUM(amount_fen) FILTER (WHERE status = 'voided'), 0) AS voided,
                  COALESCE(SUM(amount_fen) FILTER (WHERE status = 'issued' AND shipment_id IS NULL), 0) AS reissued
             FROM invoices WHERE order_id = $1`,
          [account.orderId],
        );
        const amountFen = handInvoiceAmount({
          orderNumber: account.orderNumber, customerName: account.customerName, paymentTerms: account.paymentTerms, confirmed: account.confirmedAt !== null,
          cancelled: account.cancellation !== null, totalFen: account.totalFen, invoicedFen: account.invoicedFen, voidedFen: Number(voided), reissuedFen: Number(reissued),
        }, request.customerName);
        const invoice = await this.ledger.issueInvoice(tx, account, amountFen, { shipmentId: null, series: request.series ?? 'INV', actor: context.actor, cause: { requestId: context.requestId } });
        return invoiceView(invoice);
      }),
    );
  }

  /** A finance manager voids an invoice with a reason: a reversing entry, never an edit (DESIGN §4.10, §5). */
  @RpcHandler(FinanceRpc.voidInvoice, VoidInvoiceRequest)
  voidInvoice(request: VoidInvoiceRequest, context: RpcContext): Promise<InvoiceView> {
    return this.dataSource.transaction(async (tx) => {
      // The order account first, then the invoice: the same lock order as invoicing a shipment.
      const found = await tx.findOneBy(InvoiceEntity, { id: request.invoiceId });
      if (!found) throw new DomainError('not_found', 'invoice-not-found', `No invoice ${request.invoiceId}`);
      const account = await tx.findOneOrFail(OrderAccountEntity, { where: { orderId: found.orderId }, lock: { mode: 'pessimistic_write' } });
      const invoice = await tx.findOneOrFail(InvoiceEntity, { where: { id: request.invoiceId }, lock: { mode: 'pessimistic_write' } });
      if (invoice.status === 'voided') throw new DomainError('conflict', 'invoice-already-voided', `Invoice ${invoice.number} was voided by ${invoice.voidedBy}: ${invoice.voidReason}`);
      await this.ledger.voidInvoice(tx, account, invoice, request.reason.trim(), context.actor, { requestId: context.requestId });
      return invoiceView(invoice);
    });
  }

  @RpcHandler(FinanceRpc.listInvoices, ListInvoicesQuery)
  async listInvoices(query: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<InvoiceEntity> = {};
    if (query.orderId) where.orderId = query.orderId;
    if (query.customerId) where.customerId = query.customerId;
    if (query.status) where.status = query.status;
    if (query.series) where.series = query.series;
    const [rows, total] = await this.dataSource.getRepository(InvoiceEntity).findAndCount({ where, order: { issuedAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(invoiceView), page, pageSize, total };
  }

  @RpcHandler(FinanceRpc.listReceivables, ListReceivablesQuery)
  async listReceivables(query: ListReceivablesQuery): Promise<Page<ReceivableView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const qb = this.dataSource.getRepository(ReceivableEntity).createQueryBuilder('r').innerJoin(InvoiceEntity, 'i', 'i.id = r.invoice_id').addSelect('i.number', 'invoice_number');
    if (query.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.overdue === 'true') qb.andWhere(`r.status = 'open' AND r.due_date < :today`, { today });
    if (query.overdue === 'false') qb.andWhere(`NOT (r.status = 'open' AND r.due_date < :today)`, { today });
    const total = await qb.getCount();
    const { entities, raw } = await qb.orderBy('r.due_date', 'ASC').addOrderBy('r.id', 'ASC').offset(offset).limit(pageSize).getRawAndEntities();
    const items = entities.map((r, i) => {
      const days = daysOverdue(r, today);
      return {
        id: r.id, invoiceId: r.invoiceId, invoiceNumber: raw[i].invoice_number as string, orderId: r.orderId, customerId: r.customerId, amountFen: r.amountFen,
        settledFen: r.settledFen, openFen: r.status === 'voided' ? 0 : r.amountFen - r.settledFen, dueDate: r.dueDate, status: r.status, overdue: days > 0, daysOverdue: days,
      };
    });
    return { items, page, pageSize, total };
  }

  /** What the customer owes, from the journal: receivables (1122) less money held for them (2203), line by line. */
  @RpcHandler(FinanceRpc.getCustomerStatement, StatementRequest)
  async getCustomerStatement(request: StatementRequest): Promise<StatementView> {
    if (request.to < request.from) throw new DomainError('invalid', 'bad-period', 'The period ends before it starts', [{ field: 'to', message: 'must not be before from' }]);
    const rows: Array<{ day: string; number: string; source_type: string; document_number: string; memo: string; debit: string; credit: string }> = await this.dataSource.query(
      `SELECT to_char(e.posted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, e.number, e.source_type, e.memo,
              COALESCE(MIN(rc.number), MIN(i.number), MIN(rf.number), '') AS document_number,
              SUM(l.debit_fen) AS debit, SUM(l.credit_fen) AS credit
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
              LEFT JOIN receipts rc ON e.source_type = 'receipt' AND rc.id = e.source_id
              LEFT JOIN invoices i ON e.source_type IN ('invoice', 'invoice_void') AND i.id = e.source_id
              LEFT JOIN refunds rf ON e.source_type = 'refund' AND rf.id = e.source_id
        WHERE e.customer_id = $1 AND l.account IN ('1122', '2203') AND (e.posted_at AT TIME ZONE 'Asia/Shanghai')::date <= $2::date
        GROUP BY e.id ORDER BY e.posted_at, e.number`,
      [request.customerId, request.to],
    );
    const entries: StatementEntry[] = rows.map((r) => ({
      date: r.day, entryNumber: r.number, sourceType: r.source_type, documentNumber: r.document_number, memo: r.memo, debitFen: Number(r.debit), creditFen: Number(r.credit),
    }));
    return { customerId: request.customerId, ...statement(entries, request.from, request.to) };
  }

  @RpcHandler(FinanceRpc.getCustomerPrepayment, CustomerIdRequest)
  async getCustomerPrepayment(request: CustomerIdRequest): Promise<CustomerPrepaymentView> {
    const balance = await this.dataSource.getRepository(CustomerBalanceEntity).findOneBy({ customerId: request.customerId });
    const movements = await this.dataSource.getRepository(PrepaymentMovementEntity).find({ where: { customerId: request.customerId }, order: { id: 'DESC' }, take: 200 });
    return {
      customerId: request.customerId, balanceFen: balance?.prepaymentFen ?? 0,
      movements: movements.map((m) => ({ orderId: m.orderId, amountFen: m.amountFen, kind: m.kind, at: m.at.toISOString() })),
    };
  }

  /** Supply stopped by hand (the collection stages will also do it): sales refuses the customer's new orders. */
  @RpcHandler(FinanceRpc.placeCreditHold, CreditHoldRequest)
  placeCreditHold(request: CreditHoldRequest, context: RpcContext): Promise<CreditHoldView> {
    return this.setHold(request, context, true);
  }

  @RpcHandler(FinanceRpc.releaseCreditHold, CreditHoldRequest)
  releaseCreditHold(request: CreditHoldRequest, context: RpcContext): Promise<CreditHoldView> {
    return this.setHold(request, context, false);
  }

  private setHold(request: CreditHoldRequest, context: RpcContext, onHold: boolean): Promise<CreditHoldView> {
    const reason = request.reason.trim();
    return this.dataSource.transaction(async (tx) => {
      const balance = await this.ledger.balance(tx, request.customerId);
      if (balance.onHold === onHold) throw new DomainError('conflict', onHold ? 'already-on-hold' : 'not-on-hold', onHold ? `The customer is already on credit hold: ${balance.holdReason}` : 'The customer is not on credit hold');
      Object.assign(balance, { onHold, holdReason: onHold ? reason : null, holdChangedBy: context.actor.userId, holdChangedAt: new Date() });
      await tx.save(balance);
      await this.outbox.append(tx, onHold ? CustomerCreditHold : CustomerCreditReleased, {
        aggregateId: request.customerId, actor: context.actor, cause: { requestId: context.requestId },
        data: { customerId: request.customerId, reason },
      });
      return { customerId: balance.customerId, onHold, reason, changedBy: balance.holdChangedBy, changedAt: balance.holdChangedAt!.toISOString() };
    });
  }
}

export function invoiceView(i: InvoiceEntity): InvoiceView {
  return {
    id: i.id, number: i.number, series: i.series, orderId: i.orderId, shipmentId: i.shipmentId, customerId: i.customerId, customerName: i.customerName,
    amountFen: i.amountFen, currency: 'CNY', status: i.status, issuedBy: i.issuedBy, issuedAt: i.issuedAt.toISOString(),
    voidReason: i.voidReason, voidedBy: i.voidedBy, voidedAt: i.voidedAt ? i.voidedAt.toISOString() : null,
  };
}
