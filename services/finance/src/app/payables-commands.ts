import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type CreatePaymentRequestRequest, type ListPayablesQuery, type ListPaymentRequestsQuery, type ListPoPrepaymentsQuery, type ListSupplierAccountsQuery,
  type Page, type PayableView, type PaymentRequestIdRequest, type PaymentRequestView, type PayPaymentRequestRequest, type PoPrepaymentView, type RecordSupplierInvoiceRequest,
  type RejectPaymentRequestRequest, type SupplierAccountView, type SupplierInvoiceView, type WeeklySummaryLineView, type WeeklySummaryQuery,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkSupplierInvoice, markInvoiced, prepaymentUseEntry, settlePayable, weekBefore } from '../domain/payable.js';
import { holdPrepayment, maskAccount, usePrepayment } from '../domain/supplier-account.js';
import { payPrepayment } from '../domain/po-prepayment.js';
import { approvePaymentRequest, payPaymentRequest, planPayment, refuseUnpayableSupplier, rejectPaymentRequest, requestPayment, supplierPaymentEntry } from '../domain/supplier-payment.js';
import { PayableEntity, PaymentRequestEntity, PoPrepaymentEntity, SupplierAccountEntity, SupplierInvoiceEntity } from '../infra/persistence/payables.entities.js';
import { PayableStore, PaymentRequestStore, PoPrepaymentStore, SupplierAccountStore } from '../infra/persistence/payables.stores.js';
import { post } from './journal.js';

/**
 * Supplier payments and what finance reads of payables (domain/supplier-payment.ts, domain/payable.ts): payment
 * requests created by purchasers, approved by a purchasing manager then a general manager, paid by finance;
 * supplier VAT invoices recorded by accountants; payables, supplier balances, prepayments awaited and the weekly
 * summary. Locks go supplier first, then its payables, as in the event reactions.
 */
@Injectable()
export class PayablesCommands {
  constructor(
    private readonly suppliers: SupplierAccountStore,
    private readonly payables: PayableStore,
    private readonly prepayments: PoPrepaymentStore,
    private readonly requests: PaymentRequestStore,
  ) {}

  @Handles(FinanceCatalog.createPaymentRequest)
  async createPaymentRequest(request: CreatePaymentRequestRequest, { tx, actor, cause }: CommandContext): Promise<PaymentRequestView> {
    const supplier = await this.suppliers.get(tx, request.supplierId, { lock: false });
    refuseUnpayableSupplier(supplier, null);
    const payables = request.payableIds?.length ? await tx.findBy(PayableEntity, { id: In(request.payableIds) }) : [];
    let prepayment: { purchaseOrderNumber: string; supplierId: string; outstandingFen: number } | null = null;
    if (request.purchaseOrderId && !request.payableIds) {
      // The order's row under lock: two requests for one prepayment never ask for more than it requires together.
      const po = await rowByKey(tx, PoPrepaymentEntity, 'purchaseOrderId', request.purchaseOrderId, { lock: true });
      if (po) {
        const [{ pending }] = await tx.query(
          `SELECT COALESCE(sum(amount_fen), 0)::bigint AS pending FROM payment_requests WHERE purchase_order_id = $1 AND status IN ('submitted', 'manager_approved', 'approved')`, [po.purchaseOrderId],
        );
        prepayment = { purchaseOrderNumber: po.purchaseOrderNumber, supplierId: po.supplierId, outstandingFen: po.requiredFen - po.paidFen - Number(pending) };
      }
    }
    const step = requestPayment(
      { ...request, id: uuidv7(), number: await nextDocumentNumber(tx, 'SPR', businessYear()), createdBy: actor.userId },
      { payables, prepayment },
      businessNow(),
    );
    const row = await this.requests.create(tx, step, { actor, cause });
    return requestView(row, supplier.name);
  }

  @Handles(FinanceCatalog.approvePaymentRequest)
  async approvePaymentRequest(request: PaymentRequestIdRequest, { tx, actor, cause }: CommandContext): Promise<PaymentRequestView> {
    const { row } = await this.requests.change(tx, request.requestId, (r) => approvePaymentRequest(r, actor, businessNow()), { actor, cause });
    return requestView(row, await supplierName(tx, row.supplierId));
  }

  @Handles(FinanceCatalog.rejectPaymentRequest)
  async rejectPaymentRequest(request: RejectPaymentRequestRequest, { tx, actor, cause }: CommandContext): Promise<PaymentRequestView> {
    const { row } = await this.requests.change(tx, request.requestId, (r) => rejectPaymentRequest(r, actor, request.reason, businessNow()), { actor, cause });
    return requestView(row, await supplierName(tx, row.supplierId));
  }

  @Handles(FinanceCatalog.payPaymentRequest)
  async payPaymentRequest(request: PayPaymentRequestRequest, { tx, actor, cause }: CommandContext): Promise<PaymentRequestView> {
    const acting = { actor, cause };
    const paying = await this.requests.get(tx, request.requestId);
    const supplier = await this.suppliers.lock(tx, paying.supplierId);
    refuseUnpayableSupplier(supplier, request.method);
    const listed = paying.kind === 'payables'
      ? await tx.find(PayableEntity, { where: { id: In(paying.payableIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })
      : [];
    const plan = planPayment(paying, listed, supplier.prepaymentFen);
    const now = businessNow();
    const { row } = await this.requests.apply(tx, paying, (r) => payPaymentRequest(r, { method: request.method, bankReference: request.bankReference ?? null, paidBy: actor.userId }, plan, now), acting);
    const byId = new Map(listed.map((p) => [p.id, p]));
    for (const s of plan.settlements) {
      await this.payables.apply(tx, byId.get(s.payableId)!, (p) => settlePayable(p, s.fromPrepaymentFen + s.fromMoneyFen, `payment request ${row.number}`), acting);
    }
    if (plan.prepaymentUsedFen > 0) {
      await this.suppliers.apply(tx, supplier, (a) => usePrepayment(a, plan.prepaymentUsedFen, `payment request ${row.number}`), acting);
      await post(tx, {
        sourceType: 'supplier_prepayment_use', sourceId: row.id, customerId: null, postedBy: actor.userId,
        memo: `Payment request ${row.number}: supplier ${supplier.code} prepayment used`, lines: prepaymentUseEntry(plan.prepaymentUsedFen),
      });
    }
    if (plan.toPrepaymentFen > 0) {
      const why = row.kind === 'prepayment' ? `payment request ${row.number}: prepayment of order ${row.purchaseOrderNumber}` : `payment request ${row.number}: paid beyond what was owed`;
      await this.suppliers.apply(tx, supplier, (a) => holdPrepayment(a, plan.toPrepaymentFen, why), acting);
    }
    if (row.kind === 'prepayment' && row.purchaseOrderId) {
      const po = await this.prepayments.get(tx, row.purchaseOrderId);
      await this.prepayments.apply(tx, po, (p) => payPrepayment(p, row.amountFen, row.number), acting);
    }
    await post(tx, {
      sourceType: 'supplier_payment', sourceId: row.id, customerId: null, postedBy: actor.userId,
      memo: `Payment request ${row.number} paid to supplier ${supplier.code} by ${row.method}${row.bankReference ? ` (${row.bankReference})` : ''}`,
      lines: supplierPaymentEntry(request.method, row.amountFen, plan.toPayablesFen),
    });
    return requestView(row, supplier.name);
  }

  @Handles(FinanceCatalog.recordSupplierInvoice)
  async recordSupplierInvoice(request: RecordSupplierInvoiceRequest, { tx, actor, cause }: CommandContext): Promise<SupplierInvoiceView> {
    const supplier = await this.suppliers.lock(tx, request.supplierId);
    const number = request.invoiceNumber.trim();
    if (await tx.existsBy(SupplierInvoiceEntity, { supplierId: supplier.id, invoiceNumber: number })) {
      throw new DomainError('conflict', 'supplier-invoice-recorded', `Invoice ${number} of this supplier is recorded already`);
    }
    const listed = await tx.find(PayableEntity, { where: { id: In(request.payableIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    checkSupplierInvoice({ supplierId: supplier.id, amountFen: request.amountFen, invoiceNumber: number }, request.payableIds, listed);
    const invoice: SupplierInvoiceEntity = {
      id: uuidv7(), supplierId: supplier.id, invoiceNumber: number, invoiceDate: request.invoiceDate, amountFen: request.amountFen, payableIds: [...request.payableIds],
      recordedBy: actor.userId, recordedAt: businessNow(),
    };
    await tx.insert(SupplierInvoiceEntity, invoice);
    for (const payable of listed) await this.payables.apply(tx, payable, (p) => markInvoiced(p, invoice.id, number), { actor, cause });
    return { ...invoice, recordedAt: invoice.recordedAt.toISOString() };
  }

  @Handles(FinanceCatalog.listPayables)
  async listPayables(query: ListPayablesQuery, { tx }: CommandContext): Promise<Page<PayableView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.supplierId) conditions.push(`p.supplier_id = ${param(query.supplierId)}`);
    if (query.status) conditions.push(`p.status = ${param(query.status)}`);
    if (query.overdue) conditions.push(`${query.overdue === 'true' ? '' : 'NOT '}(p.status = 'open' AND p.due_date < ${param(today)})`);
    if (query.missingInvoice) conditions.push(`p.supplier_invoice_id IS ${query.missingInvoice === 'true' ? '' : 'NOT '}NULL`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM payables p ${where}`, params);
    const rows: PayableRow[] = await tx.query(
      `SELECT p.*, to_char(p.due_date, 'YYYY-MM-DD') AS due_on, to_char(p.audit_date, 'YYYY-MM-DD') AS audit_on, s.code AS supplier_code, s.name AS supplier_name, i.invoice_number
         FROM payables p JOIN supplier_accounts s ON s.id = p.supplier_id LEFT JOIN supplier_invoices i ON i.id = p.supplier_invoice_id
        ${where} ORDER BY p.due_date, p.receipt_number LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map((r) => payableView(r, today)), page, pageSize, total };
  }

  @Handles(FinanceCatalog.listSupplierAccounts)
  async listSupplierAccounts(query: ListSupplierAccountsQuery, { tx }: CommandContext): Promise<Page<SupplierAccountView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const balances = `
      SELECT s.*, COALESCE(sum(p.amount_fen - p.settled_fen) FILTER (WHERE p.status = 'open'), 0)::bigint AS owed_fen,
             COALESCE(sum(p.amount_fen - p.settled_fen) FILTER (WHERE p.status = 'open' AND p.due_date < $1), 0)::bigint AS overdue_fen,
             (count(p.id) FILTER (WHERE p.status = 'open'))::int AS open_payables, (count(p.id) FILTER (WHERE p.supplier_invoice_id IS NULL))::int AS missing_invoices
        FROM supplier_accounts s LEFT JOIN payables p ON p.supplier_id = s.id GROUP BY s.id`;
    const where = query.withBalance === 'true' ? 'WHERE b.owed_fen > 0 OR b.prepayment_fen > 0' : query.withBalance === 'false' ? 'WHERE b.owed_fen = 0 AND b.prepayment_fen = 0' : '';
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM (${balances}) b ${where}`, [today]);
    const rows: Array<Record<string, any>> = await tx.query(`SELECT * FROM (${balances}) b ${where} ORDER BY b.code, b.id LIMIT ${pageSize} OFFSET ${offset}`, [today]);
    return {
      items: rows.map((s) => ({
        id: s.id, code: s.code, name: s.name, paymentTermsDays: s.payment_terms_days, bankAccount: maskAccount(s.bank_account), bankName: s.bank_name, active: s.active,
        revision: s.revision, owedFen: Number(s.owed_fen), overdueFen: Number(s.overdue_fen), prepaymentFen: Number(s.prepayment_fen), openPayables: s.open_payables,
        missingInvoices: s.missing_invoices,
      })),
      page, pageSize, total,
    };
  }

  @Handles(FinanceCatalog.listPoPrepayments)
  async listPoPrepayments(query: ListPoPrepaymentsQuery, { tx }: CommandContext): Promise<Page<PoPrepaymentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = { ...(query.status ? { status: query.status } : {}), ...(query.supplierId ? { supplierId: query.supplierId } : {}) };
    const [rows, total] = await tx.findAndCount(PoPrepaymentEntity, { where, order: { approvedAt: 'DESC', purchaseOrderNumber: 'DESC' }, skip: offset, take: pageSize });
    const names = await supplierNames(tx, rows.map((r) => r.supplierId));
    return {
      items: rows.map((r) => ({
        purchaseOrderId: r.purchaseOrderId, purchaseOrderNumber: r.purchaseOrderNumber, supplierId: r.supplierId, supplierName: names.get(r.supplierId) ?? '', orderAmountFen: r.orderAmountFen,
        requiredFen: r.requiredFen, paidFen: r.paidFen, status: r.status, approvedAt: r.approvedAt.toISOString(),
      })),
      page, pageSize, total,
    };
  }

  @Handles(FinanceCatalog.listPaymentRequests)
  async listPaymentRequests(query: ListPaymentRequestsQuery, { tx }: CommandContext): Promise<Page<PaymentRequestView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = { ...(query.status ? { status: query.status } : {}), ...(query.supplierId ? { supplierId: query.supplierId } : {}) };
    const [rows, total] = await tx.findAndCount(PaymentRequestEntity, { where, order: { createdAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    const names = await supplierNames(tx, rows.map((r) => r.supplierId));
    return { items: rows.map((r) => requestView(r, names.get(r.supplierId) ?? '')), page, pageSize, total };
  }

  @Handles(FinanceCatalog.getPaymentRequest)
  async getPaymentRequest(request: PaymentRequestIdRequest, { tx }: CommandContext): Promise<PaymentRequestView> {
    const row = await this.requests.get(tx, request.requestId, { lock: false });
    return requestView(row, await supplierName(tx, row.supplierId));
  }

  @Handles(FinanceCatalog.getPayablesWeeklySummary)
  async getPayablesWeeklySummary(query: WeeklySummaryQuery, { tx }: CommandContext): Promise<Page<WeeklySummaryLineView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const { weekFrom, weekTo } = weekBefore(query.weekOf ?? today);
    const base = { weekFrom, weekTo };
    const paid: Array<Record<string, any>> = await tx.query(
      `SELECT r.number, r.supplier_id, s.code, s.name, r.amount_fen, to_char(r.paid_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS paid_on
         FROM payment_requests r JOIN supplier_accounts s ON s.id = r.supplier_id
        WHERE r.status = 'paid' AND (r.paid_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2 ORDER BY r.paid_at, r.number`,
      [weekFrom, weekTo],
    );
    const owed: Array<Record<string, any>> = await tx.query(
      `SELECT p.supplier_id, s.code, s.name, sum(p.amount_fen - p.settled_fen)::bigint AS owed_fen,
              COALESCE(sum(p.amount_fen - p.settled_fen) FILTER (WHERE p.due_date < $1), 0)::bigint AS overdue_fen, count(*)::int AS payables,
              to_char(min(p.due_date), 'YYYY-MM-DD') AS first_due
         FROM payables p JOIN supplier_accounts s ON s.id = p.supplier_id WHERE p.status = 'open' GROUP BY p.supplier_id, s.code, s.name ORDER BY s.code, p.supplier_id`,
      [today],
    );
    const missing: Array<Record<string, any>> = await tx.query(
      `SELECT p.receipt_number, p.supplier_id, s.code, s.name, p.amount_fen, to_char(p.due_date, 'YYYY-MM-DD') AS due
         FROM payables p JOIN supplier_accounts s ON s.id = p.supplier_id WHERE p.supplier_invoice_id IS NULL ORDER BY p.due_date, p.receipt_number`,
    );
    const lines: WeeklySummaryLineView[] = [
      ...paid.map((r) => ({ ...base, section: 'paid', supplierId: r.supplier_id, supplierCode: r.code, supplierName: r.name, documentNumber: r.number, date: r.paid_on, amountFen: Number(r.amount_fen), overdueFen: 0, count: 1 })),
      ...owed.map((r) => ({
        ...base, section: 'owed', supplierId: r.supplier_id, supplierCode: r.code, supplierName: r.name, documentNumber: null, date: r.first_due, amountFen: Number(r.owed_fen),
        overdueFen: Number(r.overdue_fen), count: r.payables,
      })),
      ...missing.map((r) => ({ ...base, section: 'missing_invoice', supplierId: r.supplier_id, supplierCode: r.code, supplierName: r.name, documentNumber: r.receipt_number, date: r.due, amountFen: Number(r.amount_fen), overdueFen: 0, count: 1 })),
    ];
    return { items: lines.slice(offset, offset + pageSize), page, pageSize, total: lines.length };
  }
}

type PayableRow = Record<string, any>;

function payableView(r: PayableRow, today: string): PayableView {
  const dueDate: string = r.due_on;
  const remainingFen = Number(r.amount_fen) - Number(r.settled_fen);
  return {
    id: r.id, supplierId: r.supplier_id, supplierCode: r.supplier_code, supplierName: r.supplier_name, receiptId: r.receipt_id, receiptNumber: r.receipt_number,
    purchaseOrderId: r.purchase_order_id, purchaseOrderNumber: r.purchase_order_number, amountFen: Number(r.amount_fen), netFen: Number(r.net_fen), vatFen: Number(r.vat_fen),
    settledFen: Number(r.settled_fen), returnedFen: Number(r.returned_fen), remainingFen, status: r.status, auditDate: r.audit_on, paymentTermsDays: r.payment_terms_days,
    termsProvisional: r.terms_provisional, dueDate, overdue: r.status === 'open' && dueDate < today, supplierInvoiceNumber: r.invoice_number ?? null,
    missingInvoice: r.supplier_invoice_id === null, raisedAt: new Date(r.raised_at).toISOString(),
  };
}

function requestView(r: PaymentRequestEntity, supplierName: string): PaymentRequestView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id, number: r.number, supplierId: r.supplierId, supplierName, kind: r.kind, payableIds: r.payableIds, purchaseOrderId: r.purchaseOrderId, purchaseOrderNumber: r.purchaseOrderNumber,
    amountFen: r.amountFen, reason: r.reason, status: r.status, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), managerApprovedBy: r.managerApprovedBy,
    managerApprovedAt: iso(r.managerApprovedAt), approvedBy: r.approvedBy, approvedAt: iso(r.approvedAt), rejectedBy: r.rejectedBy, rejectionReason: r.rejectionReason,
    method: r.method, bankReference: r.bankReference, paidBy: r.paidBy, paidAt: iso(r.paidAt), prepaymentUsedFen: r.prepaymentUsedFen, toPayablesFen: r.toPayablesFen,
    toPrepaymentFen: r.toPrepaymentFen,
  };
}

async function supplierName(tx: EntityManager, id: string): Promise<string> {
  return (await supplierNames(tx, [id])).get(id) ?? '';
}

async function supplierNames(tx: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.find(SupplierAccountEntity, { where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
