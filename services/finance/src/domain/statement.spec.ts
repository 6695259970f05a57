import { statement } from './statement.js';

const entry = (date: string, debitFen: number, creditFen: number) => ({ date, entryNumber: `JE-${date}`, sourceType: 'invoice', documentNumber: `INV-${date}`, memo: '', debitFen, creditFen });

describe('customer statement', () => {
  it('opens with what was owed before the period, runs line by line, and closes with opening + debits − credits', () => {
    const s = statement([entry('2026-10-30', 10_000, 0), entry('2026-11-01', 0, 4_000), entry('2026-11-15', 2_500, 0), entry('2026-12-01', 0, 100)], '2026-11-01', '2026-11-30');
    expect(s.openingBalanceFen).toBe(10_000);
    expect(s.lines.map((l) => [l.documentNumber, l.balanceFen])).toEqual([['INV-2026-11-01', 6_000], ['INV-2026-11-15', 8_500]]);
    expect(s).toMatchObject({ totalDebitFen: 2_500, totalCreditFen: 4_000, closingBalanceFen: 8_500 });
  });

  it('shows money held for the customer as a negative balance', () => {
    expect(statement([entry('2026-11-02', 0, 3_000)], '2026-11-01', '2026-11-30').closingBalanceFen).toBe(-3_000);
  });
});
