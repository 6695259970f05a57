import { DomainError } from '@ops/kernel';
import { daysOverdue, dueDate, openReceivable, owedOn, positionChanged, positionOn, RECEIVABLE, settle, settlementsOldestFirst, voidReceivable, type ReceivableRow } from './receivable.js';

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

  it.each([
    ['nothing changed', { openFen: 1_000, overdueFen: 0 }, { openFen: 1_000, overdueFen: 0 }, false],
    ['a receivable fell overdue', { openFen: 1_000, overdueFen: 0 }, { openFen: 1_000, overdueFen: 1_000 }, true],
    ['one was paid', { openFen: 1_000, overdueFen: 1_000 }, { openFen: 400, overdueFen: 400 }, true],
    ['a new invoice, none overdue', { openFen: 0, overdueFen: 0 }, { openFen: 700, overdueFen: 0 }, true],
    ['the due date moved with the same amounts', { openFen: 700, overdueFen: 700 }, { openFen: 700, overdueFen: 700, oldestDueDate: '2026-01-01' }, false],
  ])('are reported to sales again only when open or overdue changed: %s', (_case, reported, position, expected) => {
    expect(positionChanged(reported, position)).toBe(expected);
  });

  it('settle the oldest first and refuse more than is owed', () => {
    const rows = [row(500, 0, '2026-12-01'), row(1_000, 0, '2026-11-01'), row(800, 800, '2026-10-01', 'settled')];
    const settlements = settlementsOldestFirst(rows, 1_200);
    expect(settlements.map((s) => [s.receivable.dueDate, s.settleFen])).toEqual([['2026-11-01', 1_000], ['2026-12-01', 200]]);
    expect(settlements.map((s) => settle(s.receivable, s.settleFen, 'RC-1').state)).toEqual([row(1_000, 1_000, '2026-11-01', 'settled'), row(500, 200, '2026-12-01')]);
    expect(() => settlementsOldestFirst(rows, 1_501)).toThrow(/more than the open receivables/);
  });

  it('are settled when paid in full, and a part payment is a line in their history', () => {
    const full = settle(row(1_000, 400, '2026-11-01'), 600, 'RC-2026-000009');
    expect(full).toEqual({ state: row(1_000, 1_000, '2026-11-01', 'settled'), transitions: [{ from: 'open', to: 'settled', reason: '6.00 settled by receipt RC-2026-000009' }], events: [] });
    const part = settle(row(1_000, 0, '2026-11-01'), 300, 'RC-2026-000010');
    expect(part.state).toEqual(row(1_000, 300, '2026-11-01'));
    expect(part.transitions).toEqual([{ from: 'open', to: 'open', reason: '3.00 settled by receipt RC-2026-000010' }]);
    expect(() => settle(row(1_000, 0, '2026-11-01'), 1_001, 'RC-1')).toThrow(DomainError);
    expect(() => settle(row(1_000, 1_000, '2026-11-01', 'settled'), 1, 'RC-1')).toThrow(DomainError);
  });

  it('open with the invoice, owe nothing once settled or voided, and leave the books with their invoice', () => {
    const opened = openReceivable({ id: 'r', invoiceId: 'i', orderId: 'o', customerId: 'c', amountFen: 2_500, dueDate: '2026-12-22' }, 'INV-2026-000001');
    expect(opened.state).toMatchObject({ status: 'open', settledFen: 0, amountFen: 2_500 });
    expect(opened.transitions).toEqual([{ from: 'new', to: 'open', reason: 'invoice INV-2026-000001 leaves 25.00 owed, due 2026-12-22' }]);
    expect(owedOn(row(1_000, 300, '2026-11-01'))).toBe(700);
    expect(owedOn(row(1_000, 1_000, '2026-11-01', 'settled'))).toBe(0);
    expect(owedOn(null)).toBe(0);
    expect(voidReceivable(row(1_000, 300, '2026-11-01'), 'INV-1').transitions).toEqual([{ from: 'open', to: 'voided', reason: 'invoice INV-1 voided' }]);
    expect(voidReceivable(row(1_000, 1_000, '2026-11-01', 'settled'), 'INV-1').state.status).toBe('voided');
    expect(() => voidReceivable(row(1_000, 0, '2026-11-01', 'voided'), 'INV-1')).toThrow(DomainError);
    expect(RECEIVABLE.can('settled', 'open')).toBe(false);
  });

  it('count the days past due only for open ones', () => {
    expect(daysOverdue(row(1, 0, '2026-11-20'), '2026-11-22')).toBe(2);
    expect(daysOverdue(row(1, 0, '2026-11-22'), '2026-11-22')).toBe(0);
    expect(daysOverdue(row(1, 1, '2026-01-01', 'settled'), '2026-11-22')).toBe(0);
    expect(daysOverdue(row(1, 0, '2026-02-28'), '2026-03-01')).toBe(1);
  });
});
