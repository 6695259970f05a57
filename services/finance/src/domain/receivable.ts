import { addDays, daysBetween, DomainError, formatFen, note, StateMachine, type Step } from '@ops/kernel';

/** A credit sale's receivable (domain.md §5): due `termsDays` calendar days after the invoice's business date. */
export function dueDate(invoiceBusinessDate: string, termsDays: number): string {
  return addDays(invoiceBusinessDate, termsDays);
}

/**
 * A receivable is open until the money against it settles it in full; voiding its invoice takes it off
 * the books whether or not it was settled (the money goes back to the customer's prepayments).
 */
export type ReceivableStatus = 'open' | 'settled' | 'voided';

export const RECEIVABLE = new StateMachine<ReceivableStatus>('receivable', {
  open: ['settled', 'voided'],
  settled: ['voided'],
  voided: [],
});

export interface ReceivableRow {
  amountFen: number;
  settledFen: number;
  dueDate: string;
  status: ReceivableStatus;
}

export interface Receivable extends ReceivableRow {
  id: string;
  invoiceId: string;
  orderId: string;
  customerId: string;
}

export interface ReceivablePosition {
  openFen: number;
  /** Of the open receivables, those unpaid (past the current collection stage), not merely past their due date. */
  overdueFen: number;
  oldestDueDate?: string;
}

/**
 * Where an open receivable is in collection (collection rules 9-05). A credit sale due in a month and not
 * collected by the 5th of the following month is unpaid from that day: that is when a new credit order of
 * the customer needs the sales VP and their credit-terms orders stop going out (sales and inventory hear
 * it as `overdueFen`). Before that it is current, however many days it is past its due date. Dunning,
 * supply stopped, doubtful and written off follow in a later issue.
 */
export type CollectionStage = 'current' | 'unpaid';

/** The day the 5th of the month after the due date's month falls: the first business date the receivable is unpaid. */
export function unpaidFrom(due: string): string {
  const [year, month] = due.split('-').map(Number);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return `${String(next.year).padStart(4, '0')}-${String(next.month).padStart(2, '0')}-05`;
}

/**
 * The earliest due date still current on `today`: every open receivable due before it is unpaid. From the
 * 5th of a month, everything due before that month; before the 5th, everything due before last month.
 * (Lets a query ask `due_date < cutoff` with the rule kept here.)
 */
export function unpaidCutoff(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  const back = day >= 5 ? 0 : 1;
  const m = month - back;
  const first = m >= 1 ? { year, month: m } : { year: year - 1, month: 12 };
  return `${String(first.year).padStart(4, '0')}-${String(first.month).padStart(2, '0')}-01`;
}

/** The collection stage of a receivable on a business date; null once it is settled or voided. */
export function collectionStage(row: Pick<ReceivableRow, 'status' | 'dueDate'>, today: string): CollectionStage | null {
  if (row.status !== 'open') return null;
  return today >= unpaidFrom(row.dueDate) ? 'unpaid' : 'current';
}

/** Days an open receivable is past its due date on a business date; 0 when it is not past due (or not open). */
export function daysPastDue(row: Pick<ReceivableRow, 'status' | 'dueDate'>, today: string): number {
  if (row.status !== 'open' || row.dueDate >= today) return 0;
  return daysBetween(row.dueDate, today);
}

/** Due date, days past due and collection stage: separate facts of one receivable on a business date. */
export function collectionFacts(row: Pick<ReceivableRow, 'status' | 'dueDate'>, today: string) {
  const stage = collectionStage(row, today);
  return { dueDate: row.dueDate, daysPastDue: daysPastDue(row, today), unpaidFrom: unpaidFrom(row.dueDate), stage, overdue: stage !== null && stage !== 'current' };
}

/**
 * A customer's open and overdue receivable on a business date. Overdue is what sales and inventory act on:
 * the open receivables past the current stage (unpaid from the 5th of the month after the due month), not
 * those merely past their due date.
 */
export function positionOn(rows: ReceivableRow[], today: string): ReceivablePosition {
  const open = rows.filter((r) => r.status === 'open' && r.amountFen > r.settledFen);
  const overdue = open.filter((r) => collectionStage(r, today) === 'unpaid');
  const oldest = open.map((r) => r.dueDate).sort()[0];
  return {
    openFen: open.reduce((s, r) => s + r.amountFen - r.settledFen, 0),
    overdueFen: overdue.reduce((s, r) => s + r.amountFen - r.settledFen, 0),
    ...(oldest ? { oldestDueDate: oldest } : {}),
  };
}

/**
 * Whether sales must hear of the customer's position again: the open or the overdue amount differs from
 * what was last reported. (A receivable falling overdue changes the overdue amount with no command.)
 */
export function positionChanged(reported: { openFen: number; overdueFen: number }, position: ReceivablePosition): boolean {
  return reported.openFen !== position.openFen || reported.overdueFen !== position.overdueFen;
}

/** What is still owed on a receivable; nothing once it is settled or voided. */
export const owedOn = (row: ReceivableRow | null | undefined): number => (row && row.status === 'open' ? row.amountFen - row.settledFen : 0);

/** The unpaid part of a credit invoice, due after the customer's terms. */
export function openReceivable<R extends Omit<Receivable, 'status' | 'settledFen'>>(receivable: R, invoiceNumber: string): Step<R & { status: ReceivableStatus; settledFen: number }> {
  return {
    state: { ...receivable, status: 'open', settledFen: 0 },
    transitions: [{ from: 'new', to: 'open', reason: `invoice ${invoiceNumber} leaves ${formatFen(receivable.amountFen)} owed, due ${receivable.dueDate}` }],
    events: [],
  };
}

/** Money against an order's receivables settles the oldest first: how much goes to each. */
export function settlementsOldestFirst<R extends ReceivableRow>(rows: R[], amountFen: number): Array<{ receivable: R; settleFen: number }> {
  let left = amountFen;
  const sorted = [...rows].filter((r) => r.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const settlements: Array<{ receivable: R; settleFen: number }> = [];
  for (const receivable of sorted) {
    if (left === 0) break;
    const settleFen = Math.min(left, receivable.amountFen - receivable.settledFen);
    if (settleFen <= 0) continue;
    left -= settleFen;
    settlements.push({ receivable, settleFen });
  }
  if (left > 0) throw new DomainError('conflict', 'receivable-overpaid', `${left} fen more than the open receivables`);
  return settlements;
}

/** Part of the money of a receipt settles the receivable; in full, it is settled. */
export function settle<R extends ReceivableRow>(receivable: R, settleFen: number, receiptNumber: string): Step<R> {
  const settledFen = receivable.settledFen + settleFen;
  if (receivable.status !== 'open' || settleFen <= 0 || settledFen > receivable.amountFen) {
    throw new DomainError('conflict', 'receivable-overpaid', `${formatFen(settleFen)} cannot settle a receivable that is ${receivable.status} with ${formatFen(receivable.amountFen - receivable.settledFen)} owed`);
  }
  const reason = `${formatFen(settleFen)} settled by receipt ${receiptNumber}`;
  const transition = settledFen === receivable.amountFen ? RECEIVABLE.move('open', 'settled', reason) : note<ReceivableStatus>('open', reason);
  return { state: { ...receivable, settledFen, status: transition.to }, transitions: [transition], events: [] };
}

/** Its invoice was voided: the receivable leaves the books. */
export function voidReceivable<R extends ReceivableRow>(receivable: R, invoiceNumber: string): Step<R> {
  const t = RECEIVABLE.move(receivable.status, 'voided', `invoice ${invoiceNumber} voided`);
  return { state: { ...receivable, status: t.to }, transitions: [t], events: [] };
}
