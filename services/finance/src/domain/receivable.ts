import { DomainError } from '@ops/contracts';

/** A credit sale's receivable (DESIGN §5): due `termsDays` business days' calendar after invoicing. */
export function dueDate(invoiceBusinessDate: string, termsDays: number): string {
  const d = new Date(`${invoiceBusinessDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + termsDays);
  return d.toISOString().slice(0, 10);
}

export interface ReceivableRow {
  amountFen: number;
  settledFen: number;
  dueDate: string;
  status: 'open' | 'settled' | 'voided';
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

/** Money against an order's receivables settles the oldest first. */
export function settleOldestFirst<R extends ReceivableRow & { dueDate: string }>(rows: R[], amountFen: number): R[] {
  let left = amountFen;
  const sorted = [...rows].filter((r) => r.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const changed: R[] = [];
  for (const row of sorted) {
    if (left === 0) break;
    const take = Math.min(left, row.amountFen - row.settledFen);
    if (take <= 0) continue;
    left -= take;
    const settledFen = row.settledFen + take;
    changed.push({ ...row, settledFen, status: settledFen === row.amountFen ? 'settled' : 'open' });
  }
  if (left > 0) throw new DomainError('conflict', 'receivable-overpaid', `${left} fen more than the open receivables`);
  return changed;
}
