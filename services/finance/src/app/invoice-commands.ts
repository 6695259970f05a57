import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type CreditHoldRequest, type CreditHoldView, type CustomerIdRequest, type CustomerPrepaymentView, type InvoiceDocumentView, type InvoiceIdRequest, type InvoiceView, type IssueInvoiceRequest,
  type ListInvoicesQuery, type Page, type StatementRequest, type StatementView, type VoidInvoiceRequest,
} from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import { rowByKey } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { FindOptionsWhere } from 'typeorm';
import { placeCreditHold, releaseCreditHold } from '../domain/customer-balance.js';
import { splitVat, VAT_RATE_PERCENT } from '../domain/journal.js';
import { handInvoiceAmount } from '../domain/order-account.js';
import { statement, type StatementEntry } from '../domain/statement.js';
import { CustomerBalanceEntity, InvoiceEntity, PrepaymentMovementEntity } from '../infra/persistence/finance.entities.js';
import { CustomerBalanceStore, InvoiceStore, OrderAccountStore } from '../infra/persistence/stores.js';
import { CustomerLedger } from './customer-ledger.js';

/** Invoices (issue, void), receivables, statements, prepayment balances and credit holds (domain.md §4.10, §5). */
@Injectable()
export class InvoiceCommands {
  constructor(
    private readonly ledger: CustomerLedger,
    private readonly accounts: OrderAccountStore,
    private readonly invoices: InvoiceStore,
    private readonly balances: CustomerBalanceStore,
  ) {}

  /**
   * Invoices what is left of an order by hand: a prepaid order once fully paid (before it ships), or an
   * order whose invoice was voided. The name on the invoice is always the name on the order.
   */
  @Handles(FinanceCatalog.issueInvoice)
  async issueInvoice(request: IssueInvoiceRequest, { tx, actor, cause }: CommandContext): Promise<InvoiceView> {
    const account = await this.accounts.get(tx, request.orderId);
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
    // A re-issue bills the goods of the void it replaces; an invoice on full payment, the order's.
    const replaced = await tx.findOne(InvoiceEntity, { where: { orderId: account.orderId, status: 'voided', amountFen }, order: { voidedAt: 'DESC' } });
    const goods = replaced?.lines.length ? replaced.lines : account.lines;
    const invoice = await this.ledger.issueInvoice(tx, account, amountFen, { shipmentId: null, series: request.series ?? 'INV', why: 'issued by hand', goods }, { actor, cause });
    return invoiceView(invoice);
  }

  /** A finance manager voids an invoice with a reason: a reversing entry, never an edit (domain.md §4.10, §5). */
  @Handles(FinanceCatalog.voidInvoice)
  async voidInvoice(request: VoidInvoiceRequest, { tx, actor, cause }: CommandContext): Promise<InvoiceView> {
    // The order account first, then the invoice: the same lock order as invoicing a shipment.
    const found = await this.invoices.get(tx, request.invoiceId, { lock: false });
    const account = await this.accounts.get(tx, found.orderId);
    const invoice = await this.invoices.get(tx, request.invoiceId);
    await this.ledger.voidInvoice(tx, account, invoice, request.reason.trim(), { actor, cause });
    return invoiceView(invoice);
  }

  @Handles(FinanceCatalog.getInvoice)
  async getInvoice(request: InvoiceIdRequest, { tx }: CommandContext): Promise<InvoiceDocumentView> {
    const invoice = await this.invoices.get(tx, request.invoiceId, { lock: false });
    const account = await this.accounts.get(tx, invoice.orderId, { lock: false });
    const { netFen, vatFen } = splitVat(invoice.amountFen);
    return {
      ...invoiceView(invoice), orderNumber: account.orderNumber, lines: invoice.lines, netFen, vatFen, vatRatePercent: VAT_RATE_PERCENT,
      seller: { name: invoice.seller.name, taxId: invoice.seller.taxId, address: invoice.seller.address, bankAccount: invoice.seller.bankAccount },
      buyer: { name: invoice.customerName, taxId: invoice.buyerTaxId },
    };
  }

  @Handles(FinanceCatalog.listInvoices)
  async listInvoices(query: ListInvoicesQuery, { tx }: CommandContext): Promise<Page<InvoiceView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<InvoiceEntity> = {};
    if (query.orderId) where.orderId = query.orderId;
    if (query.customerId) where.customerId = query.customerId;
    if (query.status) where.status = query.status;
    if (query.series) where.series = query.series;
    const [rows, total] = await tx.findAndCount(InvoiceEntity, { where, order: { issuedAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(invoiceView), page, pageSize, total };
  }

  /** What the customer owes, from the journal: receivables (1122) less money held for them (2203), line by line. */
  @Handles(FinanceCatalog.getCustomerStatement)
  async getCustomerStatement(request: StatementRequest, { tx }: CommandContext): Promise<StatementView> {
    if (request.to < request.from) throw new DomainError('invalid', 'bad-period', 'The period ends before it starts', [{ field: 'to', message: 'must not be before from' }]);
    const rows: Array<{ day: string; number: string; source_type: string; document_number: string; memo: string; debit: string; credit: string }> = await tx.query(
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

  @Handles(FinanceCatalog.getCustomerPrepayment)
  async getCustomerPrepayment(request: CustomerIdRequest, { tx }: CommandContext): Promise<CustomerPrepaymentView> {
    const balance = await rowByKey(tx, CustomerBalanceEntity, 'customerId', request.customerId, { lock: false });
    const movements = await tx.find(PrepaymentMovementEntity, { where: { customerId: request.customerId }, order: { id: 'DESC' }, take: 200 });
    return {
      customerId: request.customerId, balanceFen: balance?.prepaymentFen ?? 0,
      movements: movements.map((m) => ({ orderId: m.orderId, amountFen: m.amountFen, kind: m.kind, at: m.at.toISOString() })),
    };
  }

  /** Supply stopped by hand (the collection stages will also do it): sales refuses the customer's new orders. */
  @Handles(FinanceCatalog.placeCreditHold)
  placeCreditHold(request: CreditHoldRequest, context: CommandContext): Promise<CreditHoldView> {
    return this.setHold(request, context, true);
  }

  @Handles(FinanceCatalog.releaseCreditHold)
  releaseCreditHold(request: CreditHoldRequest, context: CommandContext): Promise<CreditHoldView> {
    return this.setHold(request, context, false);
  }

  private async setHold(request: CreditHoldRequest, { tx, actor, cause }: CommandContext, onHold: boolean): Promise<CreditHoldView> {
    const reason = request.reason.trim();
    const balance = await this.balances.lock(tx, request.customerId);
    const { row } = await this.balances.apply(tx, balance, (c) => (onHold ? placeCreditHold : releaseCreditHold)(c, reason, actor.userId), { actor, cause });
    return { customerId: row.customerId, onHold: row.onHold, reason, changedBy: row.holdChangedBy, changedAt: row.holdChangedAt!.toISOString() };
  }
}

export function invoiceView(i: InvoiceEntity): InvoiceView {
  return {
    id: i.id, number: i.number, series: i.series, orderId: i.orderId, shipmentId: i.shipmentId, customerId: i.customerId, customerName: i.customerName,
    amountFen: i.amountFen, currency: 'CNY', status: i.status, issuedBy: i.issuedBy, issuedAt: i.issuedAt.toISOString(),
    voidReason: i.voidReason, voidedBy: i.voidedBy, voidedAt: i.voidedAt ? i.voidedAt.toISOString() : null,
  };
}
