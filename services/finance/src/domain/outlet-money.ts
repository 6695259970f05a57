import { DomainError } from '@ops/kernel';
import { balanced, MONEY_ACCOUNT, splitVat, type AccountKey, type JournalLine } from './journal.js';
import type { ReceiptMethod } from './receipt-rules.js';

/**
 * The outlets' money in the books (a store, a bar counter: sales' tills; libs/contracts sales/outlet-events.ts).
 * Till prices include VAT, so a paid ticket is booked like an invoice paid at once: the money where each tender
 * went (cash on hand 1001, POS clearing 1012, the bank 1002 for a transfer — as receipts are booked) against
 * revenue (6001) net and output VAT (2221), split as invoices are. A void is the same entry reversed. A handover's
 * cash over is non-operating income, cash short a non-operating expense. Approved waste is costed at the last
 * purchase price finance booked for the SKU (net of VAT), else the price list's floor net of VAT, and booked as a
 * selling expense out of inventory goods (1405).
 */

export interface Tender {
  method: ReceiptMethod;
  amountFen: number;
}

const debit = (account: AccountKey, fen: number): JournalLine => ({ account, debitFen: fen, creditFen: 0 });
const credit = (account: AccountKey, fen: number): JournalLine => ({ account, debitFen: 0, creditFen: fen });

/** Per way of payment, what a ticket's tenders paid (cash net of change). */
export function tenderTotals(tenders: readonly Tender[]): Record<ReceiptMethod, number> {
  const totals: Record<ReceiptMethod, number> = { cash: 0, pos: 0, transfer: 0 };
  for (const t of tenders) totals[t.method] += t.amountFen;
  return totals;
}

/**
 * A paid ticket's entry: each way of payment debited to its money account, revenue and output VAT credited. The
 * tenders must add up to the ticket's total (sales promises it; a ticket that breaks it is refused, not booked
 * wrong). A ticket of nothing (all given away) books nothing.
 */
export function tillTakingsEntry(totalFen: number, tenders: readonly Tender[]): JournalLine[] {
  const totals = tenderTotals(tenders);
  const paid = totals.cash + totals.pos + totals.transfer;
  if (paid !== totalFen) throw new DomainError('rule_violated', 'tenders-disagree', `The ticket's tenders add up to ${paid} fen, its total is ${totalFen} fen`);
  if (totalFen === 0) return [];
  const { netFen, vatFen } = splitVat(totalFen);
  const money = (Object.keys(totals) as ReceiptMethod[]).filter((m) => totals[m] > 0);
  // POS and transfer may both be "bank" money in other charts: one line per account here.
  const byAccount = new Map<AccountKey, number>();
  for (const m of money) byAccount.set(MONEY_ACCOUNT[m], (byAccount.get(MONEY_ACCOUNT[m]) ?? 0) + totals[m]);
  return balanced([
    ...[...byAccount].map(([account, fen]) => debit(account, fen)),
    credit('revenue', netFen),
    ...(vatFen > 0 ? [credit('vatOutput', vatFen)] : []),
  ]);
}

/** The same lines the other way round: how a voided ticket's takings come out of the books. */
export function reversing(lines: readonly JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ account: l.account, debitFen: l.creditFen, creditFen: l.debitFen }));
}

export function tillVoidEntry(totalFen: number, tenders: readonly Tender[]): JournalLine[] {
  return reversing(tillTakingsEntry(totalFen, tenders));
}

/**
 * The cash over or short found at a handover (counted − expected): over is cash found, non-operating income (6301);
 * short is cash lost, a non-operating expense (6711). Nothing when the drawer agreed.
 */
export function shiftDifferenceEntry(differenceFen: number): JournalLine[] {
  if (!Number.isSafeInteger(differenceFen)) throw new DomainError('invalid', 'bad-difference', 'A cash difference is a whole number of fen');
  if (differenceFen === 0) return [];
  return differenceFen > 0
    ? balanced([debit('cash', differenceFen), credit('nonOperatingIncome', differenceFen)])
    : balanced([debit('nonOperatingExpense', -differenceFen), credit('cash', -differenceFen)]);
}

/** One unit's purchase cost net of VAT, from a receipt line's price (VAT included), as payables split it. */
export function netUnitCost(unitPriceFen: number): number {
  return splitVat(unitPriceFen).netFen;
}

export interface WasteLine {
  lineNo: number;
  sku: string;
  quantity: number;
  /** The price list's floor for one, VAT included. */
  floorPriceFen: number;
}

export interface CostedWasteLine {
  lineNo: number;
  sku: string;
  quantity: number;
  unitCostFen: number;
  costBasis: 'last-purchase' | 'price-list-floor';
}

/**
 * Each line at the last purchase price finance booked for the SKU (net of VAT), else at the floor price net of VAT;
 * `costFen` is the lines' costs added up.
 */
export function costWaste(lines: readonly WasteLine[], lastNetCost: (sku: string) => number | undefined): { lines: CostedWasteLine[]; costFen: number } {
  const costed = lines.map((l): CostedWasteLine => {
    const last = lastNetCost(l.sku);
    return last === undefined
      ? { lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitCostFen: splitVat(l.floorPriceFen).netFen, costBasis: 'price-list-floor' }
      : { lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitCostFen: last, costBasis: 'last-purchase' };
  });
  return { lines: costed, costFen: costed.reduce((s, l) => s + l.quantity * l.unitCostFen, 0) };
}

/** The loss of costed waste: a selling expense (6601) out of inventory goods (1405); nothing for waste of no cost. */
export function wasteLossEntry(costFen: number): JournalLine[] {
  return costFen > 0 ? balanced([debit('sellingExpenses', costFen), credit('inventory', costFen)]) : [];
}

export interface OutletShiftFigures {
  countedCashFen: number;
  expectedCashFen: number;
  differenceFen: number;
  floatFen: number;
  posFen: number;
  transferFen: number;
}

/**
 * What a business date's outlet shifts add to the cashier's day close: the cash counted beyond the floats left in
 * the drawers (the outlets' cash takings to come in), their POS and transfer takings, and the differences booked.
 */
export function outletDayTotals(shifts: readonly OutletShiftFigures[]): { cashFen: number; posFen: number; transferFen: number; differenceFen: number } {
  return shifts.reduce(
    (t, s) => ({ cashFen: t.cashFen + s.countedCashFen - s.floatFen, posFen: t.posFen + s.posFen, transferFen: t.transferFen + s.transferFen, differenceFen: t.differenceFen + s.differenceFen }),
    { cashFen: 0, posFen: 0, transferFen: 0, differenceFen: 0 },
  );
}
