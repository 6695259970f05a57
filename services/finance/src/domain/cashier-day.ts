import { addDays, DomainError, formatFen, note, StateMachine, type FieldError, type Step } from '@ops/kernel';
import type { ReceiptMethod } from './receipt-rules.js';

/**
 * The cashier's day (domain.md §5, the cashier's notes of seed 000): at the end of each business day the
 * cashier counts what they hold by way of payment — cash in the drawer, POS slips, bank credits — against
 * the receipts they recorded that day less the refunds they paid. Every difference must be explained; the
 * day closes only when a second person in finance, never the cashier, confirms the count. A closed day
 * never changes: money recorded after the close belongs to the cashier's next day (corrections go there).
 */
export type CashierDayStatus = 'counted' | 'closed';

export const CASHIER_DAY = new StateMachine<CashierDayStatus>('cashier day', { counted: ['closed'], closed: [] });

export const DAY_METHODS: readonly ReceiptMethod[] = ['cash', 'pos', 'transfer'];

export interface DayLine {
  method: ReceiptMethod;
  /** Receipts recorded that day less refunds paid, by this way of payment. */
  recordedFen: number;
  /** What the cashier counted: cash in the drawer, the POS slips' total, the bank credits. */
  countedFen: number;
  /** counted − recorded: positive is money over, negative money short. */
  differenceFen: number;
  explanation: string | null;
}

export interface CashierDay {
  id: string;
  cashierId: string;
  businessDate: string;
  status: CashierDayStatus;
  lines: DayLine[];
  receiptCount: number;
  countedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
}

export interface DayCount {
  /** Per way of payment, what the cashier counted. */
  counted: Record<ReceiptMethod, number>;
  /** Why a way of payment is over or short (needed before the day can close). */
  explanations: Partial<Record<ReceiptMethod, string>>;
}

/** What the books say the cashier took in that day: receipts recorded less refunds paid, by way of payment. */
export interface DayRecord {
  receiptsFen: Partial<Record<ReceiptMethod, number>>;
  refundsFen: Partial<Record<ReceiptMethod, number>>;
  receiptCount: number;
}

function linesOf(record: DayRecord, count: DayCount): DayLine[] {
  return DAY_METHODS.map((method) => {
    const recordedFen = (record.receiptsFen[method] ?? 0) - (record.refundsFen[method] ?? 0);
    const countedFen = count.counted[method];
    const explanation = count.explanations[method]?.trim() || null;
    return { method, recordedFen, countedFen, differenceFen: countedFen - recordedFen, explanation };
  });
}

const describe = (lines: DayLine[]) =>
  lines.filter((l) => l.differenceFen !== 0).map((l) => `${l.method} ${l.differenceFen > 0 ? 'over' : 'short'} ${formatFen(Math.abs(l.differenceFen))}`).join(', ') || 'no difference';

/**
 * The cashier counts their day (again, as often as needed until it is closed): each way of payment against
 * the books. A closed day is refused: what comes after belongs to the next day.
 */
export function countDay(
  day: CashierDay | null,
  start: { id: string; cashierId: string; businessDate: string },
  record: DayRecord,
  count: DayCount,
  now = new Date(),
): Step<CashierDay> {
  if (day?.status === 'closed') {
    throw new DomainError('conflict', 'day-closed', `The day ${day.businessDate} was closed by ${day.confirmedBy}; corrections go to the next day`);
  }
  const lines = linesOf(record, count);
  const state: CashierDay = {
    ...(day ?? { ...start, confirmedBy: null, confirmedAt: null }), status: 'counted', lines, receiptCount: record.receiptCount, countedAt: now,
  };
  const reason = `counted: ${describe(lines)}`;
  return { state, transitions: [day ? note('counted', `recounted: ${describe(lines)}`) : { from: 'new', to: 'counted', reason }], events: [] };
}

/**
 * A second person in finance confirms the count and the day closes: never the cashier, and never with a
 * difference nobody explained (each named by its field, `explanations.<method>`).
 */
export function confirmDay<D extends CashierDay>(day: D, confirmer: string, now = new Date()): Step<D> {
  if (day.status === 'closed') throw new DomainError('conflict', 'day-closed', `The day ${day.businessDate} was already closed by ${day.confirmedBy}`);
  if (confirmer === day.cashierId) {
    throw new DomainError('forbidden', 'cashier-confirms-own-day', 'The cashier counted this day; someone else in finance must confirm it');
  }
  const unexplained: FieldError[] = unexplainedLines(day.lines)
    .map((l) => ({ field: `explanations.${l.method}`, message: `${l.differenceFen > 0 ? 'over' : 'short'} by ${formatFen(Math.abs(l.differenceFen))}: explain the difference before the day closes` }));
  if (unexplained.length) throw new DomainError('rule_violated', 'unexplained-difference', `The day ${day.businessDate} has differences nobody explained`, unexplained);
  const t = CASHIER_DAY.move(day.status, 'closed', `confirmed by ${confirmer}: ${describe(day.lines)}`, `The day ${day.businessDate}`);
  return { state: { ...day, status: t.to, confirmedBy: confirmer, confirmedAt: now }, transitions: [t], events: [] };
}

/** The ways of payment that are over or short with nobody saying why: each stops the day from closing. */
export function unexplainedLines(lines: readonly DayLine[]): DayLine[] {
  return lines.filter((l) => l.differenceFen !== 0 && !l.explanation);
}

/** The day new money of a cashier belongs to: today, unless their day is closed, then the first day after that is not. */
export function openCashierDate(today: string, closed: ReadonlySet<string>): string {
  let date = today;
  while (closed.has(date)) date = addDays(date, 1);
  return date;
}
