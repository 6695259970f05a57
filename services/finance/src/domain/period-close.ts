import { addDays, DomainError, formatFen, type FieldError, type Step } from '@ops/kernel';

/**
 * Month-end close (月末结账): a finance manager closes a month once it has ended on the business clock, the
 * months before it are closed (or never held an entry), and the books agree with finance's own records. From
 * then on nothing posts into it (the journal's trigger); corrections go to the open month.
 *
 * The checklist is a pure function over figures read in the close's transaction. The subledgers keep no history,
 * so (b) to (d) compare the journal's balances now with the subledgers now: the whole books agree at the close.
 */
export type CloseCheckName = 'cashier-days' | 'receivables' | 'payables' | 'supplier-prepayments' | 'stock' | 'vouchers';

export const CLOSE_CHECKS: readonly CloseCheckName[] = ['cashier-days', 'receivables', 'payables', 'supplier-prepayments', 'stock', 'vouchers'];

/** Something that does not agree: which check, what a person reads, and the figures behind it (fen or counts). */
export interface CloseProblem {
  check: CloseCheckName;
  detail: string;
  amounts: Record<string, number>;
}

export interface CloseFigures {
  month: string;
  /** (a) Receipts dated (cashier date) in the month whose cashier's day is not closed. */
  receiptsOfOpenDays: ReadonlyArray<{ number: string; cashierId: string; cashierDate: string; amountFen: number }>;
  /**
   * (a) Each closed cashier day of the month: what its count took as recorded (lines' recorded, refunds paid
   * added back) against the receipts of the day now, and its counted receipts against their journal entries.
   */
  closedDays: ReadonlyArray<{ cashierId: string; businessDate: string; countedReceiptsFen: number; receiptsFen: number; bookedReceiptsFen: number; journalFen: number }>;
  /** (b) Open receivables (the subledger) and the balance of 1122. */
  receivables: { subledgerFen: number; journalFen: number };
  /** (c) Open payables and the balance of 2202 (credit). */
  payables: { subledgerFen: number; journalFen: number };
  /** (c) Prepayments held for suppliers and the balance of 1123. */
  supplierPrepayments: { subledgerFen: number; journalFen: number };
  /** (d) Finance's record of stock costs (receipts' net cost less returns less costed waste) and the balance of 1405. */
  stock: { recordFen: number; journalFen: number };
  /** (e) Vouchers dated in the month, submitted and not yet reviewed. */
  vouchersAwaiting: ReadonlyArray<{ number: string; entryDate: string; totalFen: number }>;
}

export interface CheckResult {
  check: CloseCheckName;
  agrees: boolean;
  problems: CloseProblem[];
}

const LISTED = 50;

/** Every check with what does not agree in it; a month closes only when every one agrees. */
export function closeChecklist(f: CloseFigures): CheckResult[] {
  const problems: CloseProblem[] = [];
  const days = new Map<string, { fen: number; receipts: string[] }>();
  for (const r of f.receiptsOfOpenDays) {
    const key = `${r.cashierId} ${r.cashierDate}`;
    const day = days.get(key) ?? { fen: 0, receipts: [] };
    day.fen += r.amountFen;
    day.receipts.push(r.number);
    days.set(key, day);
  }
  for (const r of f.receiptsOfOpenDays.slice(0, LISTED)) {
    problems.push({
      check: 'cashier-days', detail: `Receipt ${r.number} (${formatFen(r.amountFen)}) belongs to ${r.cashierId}'s day ${r.cashierDate}, which is not closed`,
      amounts: { amountFen: r.amountFen, dayReceiptsFen: days.get(`${r.cashierId} ${r.cashierDate}`)!.fen },
    });
  }
  if (f.receiptsOfOpenDays.length > LISTED) {
    problems.push({ check: 'cashier-days', detail: `… and ${f.receiptsOfOpenDays.length - LISTED} more receipts of days not closed`, amounts: { receipts: f.receiptsOfOpenDays.length } });
  }
  for (const d of f.closedDays) {
    if (d.countedReceiptsFen !== d.receiptsFen) {
      problems.push({
        check: 'cashier-days', detail: `${d.cashierId}'s closed day ${d.businessDate} counted receipts of ${formatFen(d.countedReceiptsFen)}, but its receipts now add up to ${formatFen(d.receiptsFen)}`,
        amounts: { countedReceiptsFen: d.countedReceiptsFen, receiptsFen: d.receiptsFen },
      });
    }
    if (d.bookedReceiptsFen !== d.journalFen) {
      problems.push({
        check: 'cashier-days', detail: `${d.cashierId}'s closed day ${d.businessDate}: receipts counted ${formatFen(d.bookedReceiptsFen)}, booked in the journal ${formatFen(d.journalFen)}`,
        amounts: { bookedReceiptsFen: d.bookedReceiptsFen, journalFen: d.journalFen },
      });
    }
  }
  const balance = (check: CloseCheckName, label: string, account: string, subledgerFen: number, journalFen: number) => {
    if (subledgerFen !== journalFen) {
      problems.push({
        check, detail: `${label} add up to ${formatFen(subledgerFen)}; the journal's ${account} holds ${formatFen(journalFen)} (difference ${formatFen(journalFen - subledgerFen)})`,
        amounts: { subledgerFen, journalFen, differenceFen: journalFen - subledgerFen },
      });
    }
  };
  balance('receivables', 'Open receivables', '1122', f.receivables.subledgerFen, f.receivables.journalFen);
  balance('payables', 'Open payables', '2202', f.payables.subledgerFen, f.payables.journalFen);
  balance('supplier-prepayments', 'Prepayments held for suppliers', '1123', f.supplierPrepayments.subledgerFen, f.supplierPrepayments.journalFen);
  balance('stock', 'Stock costs (receipts net of VAT, less returns and costed waste)', '1405', f.stock.recordFen, f.stock.journalFen);
  for (const v of f.vouchersAwaiting) {
    problems.push({ check: 'vouchers', detail: `Voucher ${v.number} dated ${v.entryDate} (${formatFen(v.totalFen)}) is submitted and not yet reviewed`, amounts: { totalFen: v.totalFen } });
  }
  return CLOSE_CHECKS.map((check) => {
    const own = problems.filter((p) => p.check === check);
    return { check, agrees: own.length === 0, problems: own };
  });
}

/** The last business date of a month (`YYYY-MM`). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * May the month be closed at all, before its checklist? It has ended on the business clock (today is after its
 * last day), it is not closed, and no earlier month that held entries is still open: months close in order.
 */
export function refuseUnclosable(month: string, today: string, closedMonths: ReadonlySet<string>, monthsWithEntries: readonly string[]): void {
  if (closedMonths.has(month)) throw new DomainError('conflict', 'period-already-closed', `The books of ${month} are closed already`);
  if (today <= lastDayOf(month)) {
    throw new DomainError('conflict', 'period-not-ended', `${month} has not ended yet (today is ${today}): a month closes once its last day is over`);
  }
  const earlier = monthsWithEntries.filter((m) => m < month && !closedMonths.has(m)).sort();
  if (earlier.length) {
    throw new DomainError('conflict', 'earlier-period-open', `Close ${earlier[0]} first: months close in order, and ${earlier.join(', ')} ${earlier.length > 1 ? 'are' : 'is'} still open`);
  }
}

/** Refused with every disagreement listed (422 `period-not-reconciled`: `errors[]` with the check as `field`, the detail as `message`, and `amounts`), or nothing when all agree. */
export function refuseUnreconciled(month: string, checks: readonly CheckResult[]): void {
  const problems = checks.flatMap((c) => c.problems);
  if (problems.length) {
    // Each disagreement is one entry of the problem's `errors`: named by its check, what a person reads, and its figures.
    const errors: FieldError[] = problems.map((p) => Object.assign({ field: p.check, message: p.detail }, { amounts: p.amounts }));
    throw new DomainError('rule_violated', 'period-not-reconciled', `The books of ${month} do not agree, so the month stays open: ${problems.map((p) => p.detail).join('; ')}`, errors);
  }
}

export interface ClosedPeriod {
  month: string;
  status: 'closed';
  closedBy: string;
  closedAt: Date;
  checks: CheckResult[];
  entryCount: number;
}

/** The month closed: its row made, `finance.period.closed` published. Call after `refuseUnclosable` and `refuseUnreconciled`. */
export function closePeriod(month: string, closedBy: string, checks: CheckResult[], entryCount: number, now = new Date()): Step<ClosedPeriod> {
  return {
    state: { month, status: 'closed', closedBy, closedAt: now, checks, entryCount },
    transitions: [{ from: 'open', to: 'closed', reason: `books of ${month} closed: ${entryCount} entries, every check agrees` }],
    events: [{ type: 'finance.period.closed', data: { month, closedBy, closedAt: now.toISOString(), entryCount } }],
  };
}
