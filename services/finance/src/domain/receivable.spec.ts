import { dueDate, positionOn, settleOldestFirst, type ReceivableRow } from './receivable.js';

const row = (amountFen: number, settledFen: number, due: string, status: ReceivableRow['status'] = 'open') => ({ amountFen, settledFen, dueDate: due, status });

describe('receivables', () => {
  it('fall due the terms\' days after the invoice date, across months and years', () => {
    expect(dueDate('2026-11-22', 30)).toBe('2026-12-22');
    expect(dueDate('2026-12-15', 30)).toBe('2027-01-14');
    expect(dueDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(dueDate('2026-11-22', 0)).toBe('2026-11-22');
  });

  it('are overdue only after the due date, open until settled, and ignore voided ones', () => {
    const rows = [row(1_000, 0, '2026-11-21'), row(500, 200, '2026-11-22'), row(700, 700, '2026-01-01', 'settled'), row(900, 0, '2026-01-01', 'voided')];
    expect(positionOn(rows, '2026-11-22')).toEqual({ openFen: 1_300, overdueFen: 1_000, oldestDueDate: '2026-11-21' });
    expect(positionOn(rows, '2026-11-23')).toEqual({ openFen: 1_300, overdueFen: 1_300, oldestDueDate: '2026-11-21' });
    expect(positionOn([], '2026-11-23')).toEqual({ openFen: 0, overdueFen: 0 });
  });

  it('settle the oldest first and refuse more than is owed', () => {
    const rows = [row(500, 0, '2026-12-01'), row(1_000, 0, '2026-11-01')];
    expect(settleOldestFirst(rows, 1_200)).toEqual([row(1_000, 1_000, '2026-11-01', 'settled'), row(500, 200, '2026-12-01')]);
    expect(() => settleOldestFirst(rows, 1_501)).toThrow(/more than the open receivables/);
  });
});
