import type { DomainError } from '@ops/kernel';
import { cashierDayOf, confirmDay, countDay, unmatchedDocuments, type DayCount, type DayRecord, type OrderDocuments } from './cashier-day.js';

const day = { cashierId: 'cashier-1', businessDate: '2026-11-30' };
const start = { id: 'day-1', ...day };
const receipt = (number: string, amountFen: number, more: Partial<OrderDocuments['receipts'][number]> = {}) => ({ id: number, number, amountFen, recordedBy: 'cashier-1', cashierDate: '2026-11-30', ...more });
const invoice = (number: string, amountFen: number, more: Partial<OrderDocuments['invoices'][number]> = {}) => ({ id: number, number, amountFen, issuedBy: 'cashier-1', cashierDate: '2026-11-30', ...more });
const order = (n: number, receipts: OrderDocuments['receipts'], invoices: OrderDocuments['invoices']): OrderDocuments => ({ orderId: `o${n}`, orderNumber: `SO-2026-00000${n}`, receipts, invoices });
const failure = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return [(e as DomainError).code, ...((e as DomainError).errors ?? []).map((x) => x.field)].join(' '); } };
const summary = (docs: ReturnType<typeof unmatchedDocuments>) => docs.map((d) => `${d.kind} ${d.number} ${d.unmatchedFen}`);

describe('the cashier\'s day: receipts against invoices', () => {
  it('matches a paid-in-full order with its invoice, and lists one paid in full with no invoice', () => {
    expect(summary(unmatchedDocuments([order(1, [receipt('RC-1', 30_000)], [invoice('INV-1', 30_000)])], day))).toEqual([]);
    expect(summary(unmatchedDocuments([order(2, [receipt('RC-2', 30_000)], [])], day))).toEqual(['receipt RC-2 30000']);
  });

  it('matches money first come, first served: the part of a receipt beyond what the order\'s invoices bill is not invoiced', () => {
    // An earlier day's deposit is billed first; today's balance is billed only up to the invoice (a shipment of part of the goods).
    const partShipped = order(3, [receipt('RC-3a', 10_000, { cashierDate: '2026-11-29' }), receipt('RC-3b', 20_000)], [invoice('INV-3', 25_000, { issuedBy: null })]);
    expect(summary(unmatchedDocuments([partShipped], day))).toEqual(['receipt RC-3b 5000']);
    // Overpaid: the money beyond the order's total is the customer's prepayment, invoiced with no order of its own.
    expect(summary(unmatchedDocuments([order(4, [receipt('RC-4', 12_000)], [invoice('INV-4', 10_000)])], day))).toEqual(['receipt RC-4 2000']);
  });

  it('lists an invoice the cashier issued that day with no receipt behind it, and only theirs and only that day\'s', () => {
    const credit = order(5, [], [invoice('INV-5', 40_000)]);
    expect(summary(unmatchedDocuments([credit], day))).toEqual(['invoice INV-5 40000']);
    expect(summary(unmatchedDocuments([order(6, [], [invoice('INV-6', 40_000, { issuedBy: 'accountant-1' })])], day))).toEqual([]);
    expect(summary(unmatchedDocuments([order(7, [], [invoice('INV-7', 40_000, { cashierDate: '2026-11-29' })])], day))).toEqual([]);
    // Another cashier's receipts are matched but never listed on this cashier's day.
    expect(summary(unmatchedDocuments([order(8, [receipt('RC-8', 5_000, { recordedBy: 'cashier-2' })], [invoice('INV-8', 15_000)])], day))).toEqual(['invoice INV-8 10000']);
  });

  it('keeps each explanation by document number, and closes only once each unmatched document has one', () => {
    const record: DayRecord = { receiptsFen: { cash: 30_000 }, refundsFen: {}, receiptCount: 1, orders: [order(2, [receipt('RC-2', 30_000)], []), order(5, [], [invoice('INV-5', 40_000)])] };
    const count: DayCount = { counted: { cash: 30_000, pos: 0, transfer: 0 }, explanations: {}, documentExplanations: { 'RC-2': '  invoice wanted with the goods ' } };
    const counted = countDay(null, start, record, count).state;
    expect(counted.documents).toEqual([
      { kind: 'receipt', id: 'RC-2', number: 'RC-2', orderId: 'o2', orderNumber: 'SO-2026-000002', amountFen: 30_000, unmatchedFen: 30_000, explanation: 'invoice wanted with the goods' },
      { kind: 'invoice', id: 'INV-5', number: 'INV-5', orderId: 'o5', orderNumber: 'SO-2026-000005', amountFen: 40_000, unmatchedFen: 40_000, explanation: null },
    ]);
    expect(failure(() => confirmDay(counted, 'accountant-1'))).toBe('unexplained-difference documentExplanations.INV-5');
    const explained = countDay(counted, start, record, { ...count, documentExplanations: { ...count.documentExplanations, 'INV-5': 'credit customer, pays at month end' } });
    expect(explained.transitions[0].reason).toBe('recounted: receipt RC-2 not invoiced 300.00, invoice INV-5 not paid 400.00');
    expect(confirmDay(explained.state, 'accountant-1').state.status).toBe('closed');
  });

  it('never recounts less cash than was already handed to the treasurer', () => {
    const record: DayRecord = { receiptsFen: { cash: 30_000 }, refundsFen: {}, receiptCount: 1, handedOverCashFen: 20_000 };
    const count: DayCount = { counted: { cash: 19_999, pos: 0, transfer: 0 }, explanations: { cash: 'miscounted' } };
    expect(failure(() => countDay(null, start, record, count))).toBe('less-than-handed-over cashFen');
    expect(failure(() => countDay(null, start, record, { ...count, counted: { cash: 20_000, pos: 0, transfer: 0 } }))).toBe('ok');
  });

  it('puts an invoice issued after its day closed on the next open day, as money', () => {
    const closes = [{ businessDate: '2026-11-30', confirmedAt: new Date('2026-11-30T10:00:00Z') }];
    expect(cashierDayOf('2026-11-30', new Date('2026-11-30T09:00:00Z'), closes)).toBe('2026-11-30');
    expect(cashierDayOf('2026-11-30', new Date('2026-11-30T11:00:00Z'), closes)).toBe('2026-12-01');
  });
});
