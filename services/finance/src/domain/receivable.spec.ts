import { DomainError } from '@ops/kernel';
import { atLeast, collectionFacts, daysPastDue, stageOf, unpaidCutoff, unpaidFrom } from './collection-ladder.js';
import { dueDate, openReceivable, owedOn, positionChanged, positionOn, RECEIVABLE, settle, settlementsOldestFirst, voidReceivable, type Receivable } from './receivable.js';

const row = (amountFen: number, settledFen: number, due: string, status: Receivable['status'] = 'open'): Receivable => ({
  id: 'r', invoiceId: 'i', orderId: 'o', customerId: 'c', amountFen, settledFen, dueDate: due, status, invoiceDate: '2026-01-01', stage: 'current', stageRevision: 0,
  doubtfulReason: null, dunningPlan: null, problemReport: null, writeOff: null,
});
const collectionStage = stageOf;

describe('receivables', () => {
  it('fall due the terms\' days after the invoice date, across months and years', () => {
    expect(dueDate('2026-11-22', 30)).toBe('2026-12-22');
    expect(dueDate('2026-12-15', 30)).toBe('2027-01-14');
    expect(dueDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(dueDate('2026-11-22', 0)).toBe('2026-11-22');
  });

  it('count as overdue only once unpaid, not the day after the due date; open until settled, and ignore voided ones', () => {
    const rows = [row(1_000, 0, '2026-11-21'), row(500, 200, '2026-11-22'), row(700, 700, '2026-01-01', 'settled'), row(900, 0, '2026-01-01', 'voided')];
    expect(positionOn(rows, '2026-11-23')).toEqual({ openFen: 1_300, overdueFen: 0, oldestDueDate: '2026-11-21' });
    expect(positionOn(rows, '2026-12-04')).toEqual({ openFen: 1_300, overdueFen: 0, oldestDueDate: '2026-11-21' });
    expect(positionOn(rows, '2026-12-05')).toEqual({ openFen: 1_300, overdueFen: 1_300, oldestDueDate: '2026-11-21' });
    expect(positionOn([row(1_000, 0, '2026-10-31'), row(500, 0, '2026-11-01')], '2026-11-05')).toEqual({ openFen: 1_500, overdueFen: 1_000, oldestDueDate: '2026-10-31' });
    expect(positionOn([], '2026-11-23')).toEqual({ openFen: 0, overdueFen: 0 });
  });

  it.each([
    ['the middle of a month', '2026-11-15', '2026-12-05'],
    ['the 31st of a month', '2026-10-31', '2026-11-05'],
    ['the 1st of a month', '2026-11-01', '2026-12-05'],
    ['the end of February', '2026-02-28', '2026-03-05'],
    ['December, into January', '2026-12-20', '2027-01-05'],
    ['the 31st of December', '2026-12-31', '2027-01-05'],
  ])('become unpaid from the 5th of the month after the due date: due on %s', (_case, due, from) => {
    expect(unpaidFrom(due)).toBe(from);
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(collectionStage(row(1, 0, due), dayBefore)).toBe('current');
    expect(collectionStage(row(1, 0, due), from)).toBe('unpaid');
  });

  it('are current, not unpaid, on 2026-12-04 when due on 2026-11-15, and unpaid on 2026-12-05', () => {
    expect(collectionFacts(row(1, 0, '2026-11-15'), '2026-12-04')).toMatchObject({ dueDate: '2026-11-15', daysPastDue: 19, unpaidFrom: '2026-12-05', stage: 'current', overdue: false });
    expect(collectionFacts(row(1, 0, '2026-11-15'), '2026-12-05')).toMatchObject({ dueDate: '2026-11-15', daysPastDue: 20, unpaidFrom: '2026-12-05', stage: 'unpaid', overdue: true });
    expect(collectionFacts(row(1, 1, '2026-11-15', 'settled'), '2027-01-05')).toMatchObject({ daysPastDue: 0, stage: null, overdue: false });
  });

  it('are unpaid exactly when due before the cutoff a query uses, on every day of two years', () => {
    const dues = ['2025-12-31', '2026-01-04', '2026-01-05', '2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-11-15', '2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'];
    for (let t = Date.parse('2025-12-01T00:00:00Z'); t <= Date.parse('2027-12-31T00:00:00Z'); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      for (const due of dues) expect([today, due, atLeast(collectionStage(row(1, 0, due), today), 'unpaid')]).toEqual([today, due, due < unpaidCutoff(today)]);
    }
    expect(unpaidCutoff('2026-12-04')).toBe('2026-11-01');
    expect(unpaidCutoff('2026-12-05')).toBe('2026-12-01');
    expect(unpaidCutoff('2027-01-04')).toBe('2026-12-01');
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
    const opened = openReceivable({ id: 'r', invoiceId: 'i', orderId: 'o', customerId: 'c', amountFen: 2_500, dueDate: '2026-12-22', invoiceDate: '2026-11-22' }, 'INV-2026-000001');
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
    expect(daysPastDue(row(1, 0, '2026-11-20'), '2026-11-22')).toBe(2);
    expect(daysPastDue(row(1, 0, '2026-11-22'), '2026-11-22')).toBe(0);
    expect(daysPastDue(row(1, 1, '2026-01-01', 'settled'), '2026-11-22')).toBe(0);
    expect(daysPastDue(row(1, 0, '2026-02-28'), '2026-03-01')).toBe(1);
  });
});
