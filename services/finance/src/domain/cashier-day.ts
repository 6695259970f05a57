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
  /** Receipts of the day no invoice bills and invoices of the day no receipt paid (see `unmatchedDocuments`). */
  documents: DayDocument[];
  countedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
}

/**
 * A receipt recorded on the day that no invoice of its order bills, or an invoice the cashier issued on the
 * day that no receipt of its order paid, each for the part unmatched. Explained by its document number.
 */
export interface DayDocument {
  kind: 'receipt' | 'invoice';
  id: string;
  /** The receipt's (RC-…) or invoice's (INV-…, SVAT-…) number: the key of its explanation. */
  number: string;
  orderId: string;
  orderNumber: string;
  amountFen: number;
  /** The part of the document no document of the other kind matches (the whole of it, or less). */
  unmatchedFen: number;
  explanation: string | null;
}

/** One order's money documents, as the matching sees them. */
export interface OrderDocuments {
  orderId: string;
  orderNumber: string;
  /** Every receipt of the order, whoever recorded it, in the order they were recorded. */
  receipts: Array<{ id: string; number: string; amountFen: number; recordedBy: string; cashierDate: string }>;
  /** The order's live (not voided) invoices, in the order they were issued; `cashierDate` is the cashier's day each belongs to (`cashierDayOf`). */
  invoices: Array<{ id: string; number: string; amountFen: number; issuedBy: string | null; cashierDate: string }>;
}

export interface DayCount {
  /** Per way of payment, what the cashier counted. */
  counted: Record<ReceiptMethod, number>;
  /** Why a way of payment is over or short (needed before the day can close). */
  explanations: Partial<Record<ReceiptMethod, string>>;
  /** Why a receipt or an invoice of the day is unmatched, keyed by its number. */
  documentExplanations?: Readonly<Record<string, string>>;
}

/** What the books say the cashier took in that day: receipts recorded less refunds paid, by way of payment. */
export interface DayRecord {
  receiptsFen: Partial<Record<ReceiptMethod, number>>;
  refundsFen: Partial<Record<ReceiptMethod, number>>;
  receiptCount: number;
  /** The orders of the cashier's receipts and invoices of the day, each with all its receipts and live invoices. */
  orders?: OrderDocuments[];
  /** Cash of the day already handed to the treasurer (cash-handover.ts): a recount never counts less. */
  handedOverCashFen?: number;
}

function linesOf(record: DayRecord, count: DayCount): DayLine[] {
  return DAY_METHODS.map((method) => {
    const recordedFen = (record.receiptsFen[method] ?? 0) - (record.refundsFen[method] ?? 0);
    const countedFen = count.counted[method];
    const explanation = count.explanations[method]?.trim() || null;
    return { method, recordedFen, countedFen, differenceFen: countedFen - recordedFen, explanation };
  });
}

const describe = (lines: DayLine[], documents: readonly DayDocument[] = []) =>
  [
    ...lines.filter((l) => l.differenceFen !== 0).map((l) => `${l.method} ${l.differenceFen > 0 ? 'over' : 'short'} ${formatFen(Math.abs(l.differenceFen))}`),
    ...documents.map((d) => `${d.kind} ${d.number} ${d.kind === 'receipt' ? 'not invoiced' : 'not paid'} ${formatFen(d.unmatchedFen)}`),
  ].join(', ') || 'no difference';

/**
 * Receipts against invoices (the cashier's instructions: the money taken in a day and the invoices issued
 * that day must answer for each other). The rule, per order, from what finance holds — its receipts, its
 * invoices and the order account they both belong to:
 *
 * - money is matched first come, first served: the order's receipts, in the order they were recorded (by
 *   anyone, on any day), are billed by the order's live invoices (voided ones bill nothing) up to what those
 *   invoices add up to; the first `invoiced` fen of receipts are invoiced, the rest is not. A receipt of the
 *   cashier's day is **not invoiced** for the part of it beyond that: a prepaid order paid in full with no
 *   invoice issued, a deposit before the goods ship, money beyond the order's total (kept as the customer's
 *   prepayment), money of an order cancelled since;
 * - the same the other way: the order's live invoices, in the order they were issued, are paid by its
 *   receipts up to what those add up to. An invoice the cashier issued on the day (shipment invoices are the
 *   system's, not a cashier's) is **not paid** for the part beyond that: an invoice on credit, or one whose
 *   order was paid from the customer's prepayment and so has no receipt of its own.
 *
 * Each unmatched document is a difference of the day: it needs an explanation, keyed by its number, before
 * the day can close. Explanations given for documents that match are ignored.
 */
export function unmatchedDocuments(orders: readonly OrderDocuments[], day: { cashierId: string; businessDate: string }, explanations: Readonly<Record<string, string>> = {}): DayDocument[] {
  const found: DayDocument[] = [];
  const because = (number: string) => explanations[number]?.trim() || null;
  for (const order of orders) {
    const invoicedFen = order.invoices.reduce((sum, i) => sum + i.amountFen, 0);
    const receivedFen = order.receipts.reduce((sum, r) => sum + r.amountFen, 0);
    let received = 0;
    for (const r of order.receipts) {
      received += r.amountFen;
      const unmatchedFen = Math.min(r.amountFen, Math.max(0, received - invoicedFen));
      if (unmatchedFen > 0 && r.recordedBy === day.cashierId && r.cashierDate === day.businessDate) {
        found.push({ kind: 'receipt', id: r.id, number: r.number, orderId: order.orderId, orderNumber: order.orderNumber, amountFen: r.amountFen, unmatchedFen, explanation: because(r.number) });
      }
    }
    let invoiced = 0;
    for (const i of order.invoices) {
      invoiced += i.amountFen;
      const unmatchedFen = Math.min(i.amountFen, Math.max(0, invoiced - receivedFen));
      if (unmatchedFen > 0 && i.issuedBy === day.cashierId && i.cashierDate === day.businessDate) {
        found.push({ kind: 'invoice', id: i.id, number: i.number, orderId: order.orderId, orderNumber: order.orderNumber, amountFen: i.amountFen, unmatchedFen, explanation: because(i.number) });
      }
    }
  }
  return found.sort((a, b) => (a.kind === b.kind ? a.number.localeCompare(b.number) : a.kind === 'receipt' ? -1 : 1));
}

/**
 * The cashier's day a document issued at `at` (on the business date `on`) belongs to: its date, unless the
 * cashier's day of that date had already closed then — then the first day after it that had not, as for money.
 */
export function cashierDayOf(on: string, at: Date, closes: ReadonlyArray<{ businessDate: string; confirmedAt: Date | null }>): string {
  return openCashierDate(on, new Set(closes.filter((c) => c.confirmedAt && c.confirmedAt.getTime() <= at.getTime()).map((c) => c.businessDate)));
}

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
  if (count.counted.cash < (record.handedOverCashFen ?? 0)) {
    throw new DomainError('rule_violated', 'less-than-handed-over', `Cash of the day was already handed to the treasurer`, [
      { field: 'cashFen', message: `${formatFen(record.handedOverCashFen ?? 0)} of the day's cash was handed over already; the count cannot be less` },
    ]);
  }
  const lines = linesOf(record, count);
  const documents = unmatchedDocuments(record.orders ?? [], { cashierId: day?.cashierId ?? start.cashierId, businessDate: day?.businessDate ?? start.businessDate }, count.documentExplanations);
  const state: CashierDay = {
    ...(day ?? { ...start, confirmedBy: null, confirmedAt: null }), status: 'counted', lines, documents, receiptCount: record.receiptCount, countedAt: now,
  };
  const reason = `counted: ${describe(lines, documents)}`;
  return { state, transitions: [day ? note('counted', `recounted: ${describe(lines, documents)}`) : { from: 'new', to: 'counted', reason }], events: [] };
}

/**
 * A second person in finance confirms the count and the day closes: never the cashier, and never with a
 * difference nobody explained (each named by its field: `explanations.<method>` for a way of payment,
 * `documentExplanations.<number>` for a receipt not invoiced or an invoice not paid).
 */
export function confirmDay<D extends CashierDay>(day: D, confirmer: string, now = new Date()): Step<D> {
  if (day.status === 'closed') throw new DomainError('conflict', 'day-closed', `The day ${day.businessDate} was already closed by ${day.confirmedBy}`);
  if (confirmer === day.cashierId) {
    throw new DomainError('forbidden', 'cashier-confirms-own-day', 'The cashier counted this day; someone else in finance must confirm it');
  }
  const unexplained: FieldError[] = [
    ...unexplainedLines(day.lines)
      .map((l) => ({ field: `explanations.${l.method}`, message: `${l.differenceFen > 0 ? 'over' : 'short'} by ${formatFen(Math.abs(l.differenceFen))}: explain the difference before the day closes` })),
    ...unexplainedDocuments(day.documents ?? []).map((d) => ({
      field: `documentExplanations.${d.number}`,
      message: d.kind === 'receipt'
        ? `receipt ${d.number} (order ${d.orderNumber}): ${formatFen(d.unmatchedFen)} no invoice bills; explain it before the day closes`
        : `invoice ${d.number} (order ${d.orderNumber}): ${formatFen(d.unmatchedFen)} no receipt paid; explain it before the day closes`,
    })),
  ];
  if (unexplained.length) throw new DomainError('rule_violated', 'unexplained-difference', `The day ${day.businessDate} has differences nobody explained`, unexplained);
  const t = CASHIER_DAY.move(day.status, 'closed', `confirmed by ${confirmer}: ${describe(day.lines, day.documents ?? [])}`, `The day ${day.businessDate}`);
  return { state: { ...day, status: t.to, confirmedBy: confirmer, confirmedAt: now }, transitions: [t], events: [] };
}

/** The ways of payment that are over or short with nobody saying why: each stops the day from closing. */
export function unexplainedLines(lines: readonly DayLine[]): DayLine[] {
  return lines.filter((l) => l.differenceFen !== 0 && !l.explanation);
}

/** The receipts not invoiced and invoices not paid with nobody saying why: each stops the day from closing. */
export function unexplainedDocuments(documents: readonly DayDocument[]): DayDocument[] {
  return documents.filter((d) => !d.explanation);
}

/** The day new money of a cashier belongs to: today, unless their day is closed, then the first day after that is not. */
export function openCashierDate(today: string, closed: ReadonlySet<string>): string {
  let date = today;
  while (closed.has(date)) date = addDays(date, 1);
  return date;
}
