import { daysPastDue } from './collection-ladder.js';

/** How long open receivables are past their due date, in the buckets credit control reads (collection rules 9-05). */
export const AGING_BUCKETS = ['not_due', 'days_1_30', 'days_31_60', 'days_61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The bucket of a receivable so many days past its due date: not yet due (due today or later), 1–30, 31–60, 61–90, over 90. */
export function agingBucket(daysPast: number): AgingBucket {
  if (daysPast <= 0) return 'not_due';
  if (daysPast <= 30) return 'days_1_30';
  if (daysPast <= 60) return 'days_31_60';
  if (daysPast <= 90) return 'days_61_90';
  return 'over_90';
}

/** Open receivables due on one date: how many, and what is still owed on them. */
export interface OpenOnDueDate {
  dueDate: string;
  receivables: number;
  openFen: number;
}

export interface Aging {
  buckets: Array<{ bucket: AgingBucket; receivables: number; openFen: number }>;
  totalOpenFen: number;
}

/**
 * The open receivables on a business date by days past their due date: all five buckets, in order, with
 * zeros where none falls; the total is what is owed over all of them.
 */
export function agingOn(rows: readonly OpenOnDueDate[], today: string): Aging {
  const buckets = new Map(AGING_BUCKETS.map((bucket) => [bucket, { bucket, receivables: 0, openFen: 0 }]));
  for (const row of rows) {
    const bucket = buckets.get(agingBucket(daysPastDue({ status: 'open', dueDate: row.dueDate }, today)))!;
    bucket.receivables += row.receivables;
    bucket.openFen += row.openFen;
  }
  const list = [...buckets.values()];
  return { buckets: list, totalOpenFen: list.reduce((sum, b) => sum + b.openFen, 0) };
}
