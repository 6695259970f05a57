import { addDays, chain, DomainError, formatFen, note, StateMachine, type Step } from '@ops/kernel';
import { atLeast, calendarStage, clearStage, type CollectionRow } from './collection-ladder.js';

/** A credit sale's receivable (domain.md §5): due `termsDays` calendar days after the invoice's business date. */
export function dueDate(invoiceBusinessDate: string, termsDays: number): string {
  return addDays(invoiceBusinessDate, termsDays);
}

/**
 * A receivable is open until the money against it settles it in full; voiding its invoice takes it off
 * the books whether or not it was settled (the money goes back to the customer's prepayments). A doubtful
 * one may be written off (collection-ladder.ts), and money that arrives later reinstates it.
 */
export type ReceivableStatus = CollectionRow['status'];

export const RECEIVABLE = new StateMachine<ReceivableStatus>('receivable', {
  open: ['settled', 'voided', 'written_off'],
  settled: ['voided'],
  voided: [],
  written_off: ['open'],
});

export interface ReceivableRow {
  amountFen: number;
  settledFen: number;
  dueDate: string;
  status: ReceivableStatus;
}

export interface Receivable extends CollectionRow {
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
 * A customer's open and overdue receivable on a business date. Overdue is what sales and inventory act on:
 * the open receivables past the current stage (unpaid from the 5th of the month after the due month), not
 * those merely past their due date.
 */
export function positionOn(rows: ReceivableRow[], today: string): ReceivablePosition {
  const open = rows.filter((r) => r.status === 'open' && r.amountFen > r.settledFen);
  const overdue = open.filter((r) => atLeast(calendarStage(r.dueDate, today), 'unpaid'));
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
type NewReceivable = Omit<Receivable, 'status' | 'settledFen' | 'stage' | 'stageRevision' | 'doubtfulReason' | 'dunningPlan' | 'problemReport' | 'writeOff'>;

export function openReceivable<R extends NewReceivable>(receivable: R, invoiceNumber: string): Step<R & Omit<Receivable, keyof NewReceivable>> {
  return {
    state: { ...receivable, status: 'open', settledFen: 0, stage: 'current', stageRevision: 0, doubtfulReason: null, dunningPlan: null, problemReport: null, writeOff: null },
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
export function settle<R extends Receivable>(receivable: R, settleFen: number, receiptNumber: string): Step<R> {
  const settledFen = receivable.settledFen + settleFen;
  if (receivable.status !== 'open' || settleFen <= 0 || settledFen > receivable.amountFen) {
    throw new DomainError('conflict', 'receivable-overpaid', `${formatFen(settleFen)} cannot settle a receivable that is ${receivable.status} with ${formatFen(receivable.amountFen - receivable.settledFen)} owed`);
  }
  const reason = `${formatFen(settleFen)} settled by receipt ${receiptNumber}`;
  const transition = settledFen === receivable.amountFen ? RECEIVABLE.move('open', 'settled', reason) : note<ReceivableStatus>('open', reason);
  const settled: Step<R> = { state: { ...receivable, settledFen, status: transition.to }, transitions: [transition], events: [] };
  // Paid in full: the stage clears, and sales and a collection hold hear of it (collection-ladder.ts).
  return transition.to === 'settled' ? chain(receivable, () => settled, (r) => clearStage(r, `paid by receipt ${receiptNumber}`)) : settled;
}

/** Its invoice was voided: the receivable leaves the books. */
export function voidReceivable<R extends Receivable>(receivable: R, invoiceNumber: string): Step<R> {
  const t = RECEIVABLE.move(receivable.status, 'voided', `invoice ${invoiceNumber} voided`);
  return chain(receivable, () => ({ state: { ...receivable, status: t.to }, transitions: [t], events: [] }), (r) => clearStage(r, `invoice ${invoiceNumber} voided`));
}
