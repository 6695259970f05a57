import { creditDecision, type CreditGrade } from './credit-policy.js';

const LIMIT = 1_000_000;
const order = (totalFen: number, paymentTerms: 'prepaid' | 'credit' = 'credit') => ({ totalFen, paymentTerms });

describe('credit rules (domain.md §4.4)', () => {
  const grades: CreditGrade[] = ['A', 'B', 'C', 'D'];
  const cases = grades.flatMap((grade) =>
    [false, true].flatMap((overLimit) =>
      [false, true].flatMap((overdue) => [false, true].map((onHold) => ({ grade, overLimit, overdue, onHold }))),
    ),
  );

  it.each(cases)('credit order for grade $grade, over limit $overLimit, overdue $overdue, on hold $onHold', ({ grade, overLimit, overdue, onHold }) => {
    const standing = { grade, limitFen: LIMIT, exposureFen: 600_000, overdue, onHold };
    const decision = creditDecision(standing, order(overLimit ? 400_001 : 400_000));
    const expected = onHold || grade === 'D' ? 'refused' : overdue || overLimit ? 'needs_sales_vp' : 'allowed';
    expect(decision.kind).toBe(expected);
  });

  it.each(grades)('a prepaid order for grade %s is refused only on hold', (grade) => {
    expect(creditDecision({ grade, limitFen: 0, exposureFen: 5_000_000, overdue: true, onHold: false }, order(1, 'prepaid')).kind).toBe('allowed');
    expect(creditDecision({ grade, limitFen: 0, exposureFen: 0, overdue: false, onHold: true }, order(1, 'prepaid')).kind).toBe('refused');
  });

  it('says why it refuses', () => {
    expect(creditDecision({ grade: 'D', limitFen: LIMIT, exposureFen: 0, overdue: false, onHold: false }, order(1))).toEqual({ kind: 'refused', reason: 'grade D customers pay before delivery' });
  });
});
