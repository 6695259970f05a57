import { DomainError } from '@ops/kernel';
import { closeChecklist, closePeriod, lastDayOf, refuseUnclosable, refuseUnreconciled, type CloseFigures } from './period-close.js';

const AGREEING: CloseFigures = {
  month: '2026-11',
  receiptsOfOpenDays: [],
  closedDays: [{ cashierId: 'cashier', businessDate: '2026-11-30', countedReceiptsFen: 40_000, receiptsFen: 40_000, bookedReceiptsFen: 30_000, journalFen: 30_000 }],
  receivables: { subledgerFen: 5_000, journalFen: 5_000 },
  payables: { subledgerFen: 113_000, journalFen: 113_000 },
  supplierPrepayments: { subledgerFen: 0, journalFen: 0 },
  stock: { recordFen: 100_000, journalFen: 100_000 },
  vouchersAwaiting: [],
};
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('month-end close', () => {
  it('agrees on every check when the books and the records agree', () => {
    const checks = closeChecklist(AGREEING);
    expect(checks.map((c) => [c.check, c.agrees])).toEqual([
      ['cashier-days', true], ['receivables', true], ['payables', true], ['supplier-prepayments', true], ['stock', true], ['vouchers', true],
    ]);
    expect(() => refuseUnreconciled('2026-11', checks)).not.toThrow();
  });

  it('lists everything that does not agree, with its figures, and refuses to close (422 period-not-reconciled)', () => {
    const checks = closeChecklist({
      ...AGREEING,
      receiptsOfOpenDays: [{ number: 'RC-2026-000007', cashierId: 'cashier', cashierDate: '2026-11-29', amountFen: 20_000 }, { number: 'RC-2026-000008', cashierId: 'cashier', cashierDate: '2026-11-29', amountFen: 5_000 }],
      closedDays: [{ cashierId: 'cashier', businessDate: '2026-11-30', countedReceiptsFen: 40_000, receiptsFen: 50_000, bookedReceiptsFen: 30_000, journalFen: 20_000 }],
      receivables: { subledgerFen: 5_000, journalFen: 6_000 },
      payables: { subledgerFen: 113_000, journalFen: 100_000 },
      supplierPrepayments: { subledgerFen: 1_000, journalFen: 0 },
      stock: { recordFen: 100_000, journalFen: 99_000 },
      vouchersAwaiting: [{ number: 'PZ-2026-000003', entryDate: '2026-11-30', totalFen: 12_000 }],
    });
    expect(checks.every((c) => !c.agrees)).toBe(true);
    const problems = checks.flatMap((c) => c.problems);
    expect(problems).toEqual([
      { check: 'cashier-days', detail: expect.stringContaining('RC-2026-000007'), amounts: { amountFen: 20_000, dayReceiptsFen: 25_000 } },
      { check: 'cashier-days', detail: expect.stringContaining('RC-2026-000008'), amounts: { amountFen: 5_000, dayReceiptsFen: 25_000 } },
      { check: 'cashier-days', detail: expect.stringContaining('counted receipts of 400.00'), amounts: { countedReceiptsFen: 40_000, receiptsFen: 50_000 } },
      { check: 'cashier-days', detail: expect.stringContaining('booked in the journal 200.00'), amounts: { bookedReceiptsFen: 30_000, journalFen: 20_000 } },
      { check: 'receivables', detail: expect.stringContaining('1122'), amounts: { subledgerFen: 5_000, journalFen: 6_000, differenceFen: 1_000 } },
      { check: 'payables', detail: expect.stringContaining('2202'), amounts: { subledgerFen: 113_000, journalFen: 100_000, differenceFen: -13_000 } },
      { check: 'supplier-prepayments', detail: expect.stringContaining('1123'), amounts: { subledgerFen: 1_000, journalFen: 0, differenceFen: -1_000 } },
      { check: 'stock', detail: expect.stringContaining('1405'), amounts: { subledgerFen: 100_000, journalFen: 99_000, differenceFen: -1_000 } },
      { check: 'vouchers', detail: expect.stringContaining('PZ-2026-000003'), amounts: { totalFen: 12_000 } },
    ]);
    const error = refusal(() => refuseUnreconciled('2026-11', checks));
    expect([error.status, error.code, error.errors]).toEqual([422, 'period-not-reconciled', problems.map((p) => ({ field: p.check, message: p.detail, amounts: p.amounts }))]);
  });

  it('closes a month only after it has ended, in order, once', () => {
    expect(lastDayOf('2026-11')).toBe('2026-11-30');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(refusal(() => refuseUnclosable('2026-11', '2026-11-30', new Set(), [])).code).toBe('period-not-ended');
    expect(() => refuseUnclosable('2026-11', '2026-12-01', new Set(), ['2026-11', '2026-12'])).not.toThrow();
    const earlier = refusal(() => refuseUnclosable('2026-11', '2026-12-01', new Set(), ['2026-09', '2026-10', '2026-11']));
    expect([earlier.status, earlier.code, earlier.message]).toEqual([409, 'earlier-period-open', expect.stringContaining('Close 2026-09 first')]);
    expect(() => refuseUnclosable('2026-11', '2026-12-01', new Set(['2026-09', '2026-10']), ['2026-09', '2026-10', '2026-11'])).not.toThrow();
    expect(refusal(() => refuseUnclosable('2026-11', '2026-12-01', new Set(['2026-11']), ['2026-11'])).code).toBe('period-already-closed');
  });

  it('records the close with its checks and publishes finance.period.closed', () => {
    const checks = closeChecklist(AGREEING);
    const step = closePeriod('2026-11', 'wang.zhuguan', checks, 12, new Date('2026-12-01T02:00:00Z'));
    expect(step.state).toMatchObject({ month: '2026-11', status: 'closed', closedBy: 'wang.zhuguan', entryCount: 12, checks });
    expect(step.events).toEqual([{ type: 'finance.period.closed', data: { month: '2026-11', closedBy: 'wang.zhuguan', closedAt: '2026-12-01T02:00:00.000Z', entryCount: 12 } }]);
  });
});
