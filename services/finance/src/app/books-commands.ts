import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type CreateVoucherRequest, type ListVouchersQuery, type Page, type PeriodCloseCheckView, type PeriodMonthRequest, type PeriodView,
  type RejectVoucherRequest, type ReverseVoucherRequest, type ReviseVoucherRequest, type VoucherIdRequest, type VoucherView,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { chartAccount } from '../domain/chart-of-accounts.js';
import { VAT_RATE_PERCENT } from '../domain/journal.js';
import { closeChecklist, closePeriod, lastDayOf, refuseUnclosable, refuseUnreconciled, type CheckResult, type CloseFigures } from '../domain/period-close.js';
import {
  approveVoucher, draftVoucher, journalLines, markReversed, refuseUnapprovable, rejectVoucher, reversalOf, reviseVoucher, submitVoucher,
} from '../domain/voucher.js';
import { AccountingPeriodEntity, VoucherEntity } from '../infra/persistence/voucher.entities.js';
import { AccountingPeriodStore, VoucherStore } from '../infra/persistence/voucher.stores.js';
import { post } from './journal.js';

/**
 * The books (domain/voucher.ts, domain/period-close.ts): vouchers drafted, reviewed by another accountant and
 * posted; months closed once the checklist agrees. The closed-month guard itself is the journal's trigger, so it
 * holds for every posting path, not only these.
 */
@Injectable()
export class BooksCommands {
  constructor(private readonly vouchers: VoucherStore, private readonly periods: AccountingPeriodStore) {}

  @Handles(FinanceCatalog.createVoucher)
  async createVoucher(request: CreateVoucherRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const closed = await closedMonths(tx);
    const step = draftVoucher({ id: uuidv7(), number: await nextDocumentNumber(tx, 'PZ', businessYear()), preparedBy: actor.userId }, request, closed, businessNow());
    return voucherView(await this.vouchers.create(tx, step, { actor, cause }));
  }

  @Handles(FinanceCatalog.reviseVoucher)
  async reviseVoucher(request: ReviseVoucherRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const closed = await closedMonths(tx);
    const { row } = await this.vouchers.change(tx, request.voucherId, (v) => reviseVoucher(v, actor.userId, request, closed), { actor, cause });
    return voucherView(row);
  }

  @Handles(FinanceCatalog.submitVoucher)
  async submitVoucher(request: VoucherIdRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const closed = await closedMonths(tx);
    const { row } = await this.vouchers.change(tx, request.voucherId, (v) => submitVoucher(v, actor.userId, closed, businessNow()), { actor, cause });
    return voucherView(row);
  }

  /** The reviewer approves: posted to the journal in this transaction (the trigger refuses a closed month), the entry's number kept. */
  @Handles(FinanceCatalog.approveVoucher)
  async approveVoucher(request: VoucherIdRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const voucher = await this.vouchers.get(tx, request.voucherId);
    refuseUnapprovable(voucher, actor.userId, await closedMonths(tx));
    const entryId = await post(tx, {
      sourceType: 'voucher', sourceId: voucher.id, customerId: null, postedBy: actor.userId, entryDate: voucher.entryDate,
      memo: `Voucher ${voucher.number}: ${voucher.memo}`, lines: journalLines(voucher),
      reversalOf: voucher.reversalOf ? await journalEntryOf(tx, voucher.reversalOf) : null,
    });
    const [{ number }] = await tx.query(`SELECT number FROM journal_entries WHERE id = $1`, [entryId]);
    const { row } = await this.vouchers.apply(tx, voucher, (v) => approveVoucher(v, actor.userId, { id: entryId, number }, new Set(), businessNow()), { actor, cause });
    return voucherView(row);
  }

  @Handles(FinanceCatalog.rejectVoucher)
  async rejectVoucher(request: RejectVoucherRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const { row } = await this.vouchers.change(tx, request.voucherId, (v) => rejectVoucher(v, actor.userId, request.reason, businessNow()), { actor, cause });
    return voucherView(row);
  }

  /** A new draft with the posted voucher's sides swapped; the original notes it (one reversal at most). */
  @Handles(FinanceCatalog.reverseVoucher)
  async reverseVoucher(request: ReverseVoucherRequest, { tx, actor, cause }: CommandContext): Promise<VoucherView> {
    const original = await this.vouchers.get(tx, request.voucherId);
    const content = reversalOf(original, request.entryDate ?? businessDate());
    const step = draftVoucher({ id: uuidv7(), number: await nextDocumentNumber(tx, 'PZ', businessYear()), preparedBy: actor.userId, reversalOf: original.id }, content, await closedMonths(tx), businessNow());
    const reversal = await this.vouchers.create(tx, step, { actor, cause });
    await this.vouchers.apply(tx, original, (v) => markReversed(v, reversal.id, reversal.number), { actor, cause });
    return voucherView(reversal);
  }

  @Handles(FinanceCatalog.listVouchers)
  async listVouchers(query: ListVouchersQuery, { tx }: CommandContext): Promise<Page<VoucherView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.status) conditions.push(`status = $${params.push(query.status)}`);
    if (query.month) conditions.push(`to_char(entry_date, 'YYYY-MM') = $${params.push(query.month)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM vouchers ${where}`, params);
    const ids: Array<{ id: string }> = await tx.query(`SELECT id FROM vouchers ${where} ORDER BY prepared_at DESC, number DESC LIMIT ${pageSize} OFFSET ${offset}`, params);
    const rows = ids.length ? await tx.find(VoucherEntity, { where: { id: In(ids.map((r) => r.id)) }, order: { preparedAt: 'DESC', number: 'DESC' } }) : [];
    return { items: rows.map(voucherView), page, pageSize, total };
  }

  @Handles(FinanceCatalog.getVoucher)
  async getVoucher(request: VoucherIdRequest, { tx }: CommandContext): Promise<VoucherView> {
    return voucherView(await this.vouchers.get(tx, request.voucherId, { lock: false }));
  }

  @Handles(FinanceCatalog.listPeriods)
  async listPeriods(_request: unknown, { tx }: CommandContext): Promise<PeriodView[]> {
    const counts: Array<{ month: string; n: number }> = await tx.query(
      `SELECT to_char(entry_date, 'YYYY-MM') AS month, count(*)::int AS n FROM journal_entries GROUP BY 1`,
    );
    const closed = await tx.find(AccountingPeriodEntity);
    const byMonth = new Map(counts.map((c) => [c.month, c.n]));
    const months = new Set<string>([...byMonth.keys(), ...closed.map((c) => c.month), businessDate().slice(0, 7)]);
    const first = [...months].sort()[0];
    // Every month from the first to the current one, gaps included (a month without entries may be closed too).
    const all: string[] = [];
    for (let m = first; m <= businessDate().slice(0, 7); m = nextMonth(m)) all.push(m);
    const closedBy = new Map(closed.map((c) => [c.month, c]));
    return all.reverse().map((month) => {
      const c = closedBy.get(month);
      return {
        month, status: c ? 'closed' : 'open', entryCount: byMonth.get(month) ?? 0, closedBy: c?.closedBy ?? null, closedAt: c ? new Date(c.closedAt).toISOString() : null,
        lastCheck: c ? (c.checks as CheckResult[]) : null,
      };
    });
  }

  @Handles(FinanceCatalog.getPeriodCloseCheck)
  async getPeriodCloseCheck(request: PeriodMonthRequest, { tx }: CommandContext): Promise<PeriodCloseCheckView> {
    const today = businessDate();
    const closed = await closedMonths(tx);
    let blockedBy: string | null = null;
    try {
      refuseUnclosable(request.month, today, closed, await monthsWithEntries(tx));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      blockedBy = error.message;
    }
    const checks = closeChecklist(await closeFigures(tx, request.month));
    return {
      month: request.month, status: closed.has(request.month) ? 'closed' : 'open', ended: today > lastDayOf(request.month), blockedBy,
      closable: blockedBy === null && checks.every((c) => c.agrees), checks, checkedAt: businessNow().toISOString(),
    };
  }

  /**
   * Holds every posting (SHARE ROW EXCLUSIVE on the journal: inserts wait, reads go on) while the checklist runs on
   * what has committed, then records the month closed; a posting waiting for it then meets the trigger.
   */
  @Handles(FinanceCatalog.closePeriod)
  async closePeriod(request: PeriodMonthRequest, { tx, actor, cause }: CommandContext): Promise<PeriodView> {
    await tx.query(`LOCK TABLE journal_entries IN SHARE ROW EXCLUSIVE MODE`);
    refuseUnclosable(request.month, businessDate(), await closedMonths(tx), await monthsWithEntries(tx));
    const checks = closeChecklist(await closeFigures(tx, request.month));
    refuseUnreconciled(request.month, checks);
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM journal_entries WHERE to_char(entry_date, 'YYYY-MM') = $1`, [request.month]);
    const row = await this.periods.create(tx, closePeriod(request.month, actor.userId, checks, n, businessNow()), { actor, cause });
    return { month: row.month, status: 'closed', entryCount: row.entryCount, closedBy: row.closedBy, closedAt: row.closedAt.toISOString(), lastCheck: checks };
  }
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

async function closedMonths(tx: EntityManager): Promise<Set<string>> {
  return new Set((await tx.find(AccountingPeriodEntity, { select: { month: true } })).map((p) => p.month));
}

async function monthsWithEntries(tx: EntityManager): Promise<string[]> {
  return (await tx.query(`SELECT DISTINCT to_char(entry_date, 'YYYY-MM') AS month FROM journal_entries`)).map((r: { month: string }) => r.month);
}

async function journalEntryOf(tx: EntityManager, voucherId: string): Promise<string | null> {
  const [row] = await tx.query(`SELECT journal_entry_id FROM vouchers WHERE id = $1`, [voucherId]);
  return row?.journal_entry_id ?? null;
}

/** The figures of the checklist, read in the caller's transaction (domain/period-close.ts says what each is). */
async function closeFigures(tx: EntityManager, month: string): Promise<CloseFigures> {
  const from = `${month}-01`;
  const to = lastDayOf(month);
  const open: Array<{ number: string; cashier_id: string; cashier_date: string; amount_fen: string }> = await tx.query(
    `SELECT r.number, r.recorded_by AS cashier_id, to_char(r.cashier_date, 'YYYY-MM-DD') AS cashier_date, r.amount_fen FROM receipts r
      WHERE r.cashier_date BETWEEN $1 AND $2
        AND NOT EXISTS (SELECT 1 FROM cashier_days c WHERE c.cashier_id = r.recorded_by AND c.business_date = r.cashier_date AND c.status = 'closed')
      ORDER BY r.cashier_date, r.number`,
    [from, to],
  );
  const days: Array<Record<string, string>> = await tx.query(
    `SELECT c.cashier_id, to_char(c.business_date, 'YYYY-MM-DD') AS business_date,
            (SELECT COALESCE(sum((l->>'recordedFen')::bigint), 0) FROM jsonb_array_elements(c.lines) l)
              + (SELECT COALESCE(sum(f.amount_fen), 0) FROM refunds f WHERE f.paid_by = c.cashier_id AND f.paid_on = c.business_date) AS counted_receipts,
            (SELECT COALESCE(sum(r.amount_fen), 0) FROM receipts r WHERE r.recorded_by = c.cashier_id AND r.cashier_date = c.business_date) AS receipts,
            (SELECT COALESCE(sum(r.amount_fen), 0) FROM receipts r WHERE r.recorded_by = c.cashier_id AND r.cashier_date = c.business_date AND r.status = 'counted') AS booked,
            (SELECT COALESCE(sum(l.debit_fen), 0) FROM receipts r JOIN journal_entries e ON e.source_id = r.id AND e.source_type = 'receipt'
               JOIN journal_lines l ON l.entry_id = e.id AND l.account IN ('1001', '1002', '1012')
              WHERE r.recorded_by = c.cashier_id AND r.cashier_date = c.business_date) AS journal
       FROM cashier_days c WHERE c.status = 'closed' AND c.business_date BETWEEN $1 AND $2 ORDER BY c.business_date, c.cashier_id`,
    [from, to],
  );
  const [b]: Array<Record<string, string>> = await tx.query(
    `SELECT (SELECT COALESCE(sum(amount_fen - settled_fen), 0) FROM receivables WHERE status = 'open') AS receivables,
            (SELECT COALESCE(sum(amount_fen - settled_fen), 0) FROM payables WHERE status = 'open') AS payables,
            (SELECT COALESCE(sum(prepayment_fen), 0) FROM supplier_accounts) AS supplier_prepayments,
            (SELECT COALESCE(sum(net_fen), 0) FROM payables)
              - (SELECT COALESCE(sum(round(amount_fen * 100.0 / (100 + $1))), 0) FROM purchase_returns_booked)
              - (SELECT COALESCE(sum(cost_fen), 0) FROM outlet_waste_costs) AS stock,
            (SELECT COALESCE(sum(debit_fen - credit_fen), 0) FROM journal_lines WHERE account = '1122') AS j1122,
            (SELECT COALESCE(sum(credit_fen - debit_fen), 0) FROM journal_lines WHERE account = '2202') AS j2202,
            (SELECT COALESCE(sum(debit_fen - credit_fen), 0) FROM journal_lines WHERE account = '1123') AS j1123,
            (SELECT COALESCE(sum(debit_fen - credit_fen), 0) FROM journal_lines WHERE account = '1405') AS j1405`,
    [VAT_RATE_PERCENT],
  );
  const awaiting: Array<{ number: string; entry_date: string; total_fen: string }> = await tx.query(
    `SELECT number, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, total_fen FROM vouchers WHERE status = 'submitted' AND entry_date BETWEEN $1 AND $2 ORDER BY number`,
    [from, to],
  );
  return {
    month,
    receiptsOfOpenDays: open.map((r) => ({ number: r.number, cashierId: r.cashier_id, cashierDate: r.cashier_date, amountFen: Number(r.amount_fen) })),
    closedDays: days.map((d) => ({
      cashierId: d.cashier_id, businessDate: d.business_date, countedReceiptsFen: Number(d.counted_receipts), receiptsFen: Number(d.receipts), bookedReceiptsFen: Number(d.booked), journalFen: Number(d.journal),
    })),
    receivables: { subledgerFen: Number(b.receivables), journalFen: Number(b.j1122) },
    payables: { subledgerFen: Number(b.payables), journalFen: Number(b.j2202) },
    supplierPrepayments: { subledgerFen: Number(b.supplier_prepayments), journalFen: Number(b.j1123) },
    stock: { recordFen: Number(b.stock), journalFen: Number(b.j1405) },
    vouchersAwaiting: awaiting.map((v) => ({ number: v.number, entryDate: v.entry_date, totalFen: Number(v.total_fen) })),
  };
}

function voucherView(v: VoucherEntity): VoucherView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: v.id, number: v.number, entryDate: v.entryDate, memo: v.memo, attachmentCount: v.attachmentCount, attachmentRefs: v.attachmentRefs,
    lines: v.lines.map((l) => ({ ...l, accountName: chartAccount(l.accountCode)?.name ?? l.accountCode })), totalFen: v.totalFen, status: v.status,
    preparedBy: v.preparedBy, preparedAt: new Date(v.preparedAt).toISOString(), submittedAt: iso(v.submittedAt), reviewedBy: v.reviewedBy, reviewedAt: iso(v.reviewedAt),
    rejectionReason: v.rejectionReason, journalEntryNumber: v.journalEntryNumber, reversalOf: v.reversalOf, reversedBy: v.reversedBy,
  };
}
