import { DomainError, formatFen, note, StateMachine, type Step } from '@ops/kernel';

/** A credit sale's receivable (domain.md §5): due `termsDays` business days' calendar after invoicing. */
export function dueDate(invoiceBusinessDate: string, termsDays: number): string {
  const d = new Date(`${invoiceBusinessDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + termsDays);
  return d.toISOString().slice(0, 10);
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
  overdueFen: number;
  oldestDueDate?: string;
}

/** Days an open receivable is past its due date on a business date; 0 when it is not overdue. */
export function daysOverdue(row: Pick<ReceivableRow, 'status' | 'dueDate'>, today: string): number {
  if (row.status !== 'open' || row.dueDate >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${row.dueDate}T00:00:00Z`)) / 86_400_000);
}

/** A customer's open and overdue receivable on a business date: overdue once the due date has passed. */
export function positionOn(rows: ReceivableRow[], today: string): ReceivablePosition {
  const open = rows.filter((r) => r.status === 'open' && r.amountFen > r.settledFen);
  const overdue = open.filter((r) => daysOverdue(r, today) > 0);
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
