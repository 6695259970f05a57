import { agingBucket, agingOn } from './aging.js';

describe('receivables aging', () => {
  it('buckets by days past the due date, the edges in the lower bucket', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
      'not_due', 'not_due', 'days_1_30', 'days_1_30', 'days_31_60', 'days_31_60', 'days_61_90', 'days_61_90', 'over_90', 'over_90',
    ]);
  });

  it('gives all five buckets in order, with zeros where nothing falls', () => {
    expect(agingOn([], '2026-11-30')).toEqual({
      buckets: [
        { bucket: 'not_due', receivables: 0, openFen: 0 },
        { bucket: 'days_1_30', receivables: 0, openFen: 0 },
        { bucket: 'days_31_60', receivables: 0, openFen: 0 },
        { bucket: 'days_61_90', receivables: 0, openFen: 0 },
        { bucket: 'over_90', receivables: 0, openFen: 0 },
      ],
      totalOpenFen: 0,
    });
  });

  it('adds up receivables by due date on the business date, across month and year ends', () => {
    const aging = agingOn([
      { dueDate: '2027-01-10', receivables: 2, openFen: 30_000 }, // due later
      { dueDate: '2027-01-05', receivables: 1, openFen: 1_000 }, // due today: not yet past due
      { dueDate: '2027-01-04', receivables: 1, openFen: 2_000 }, // 1 day
      { dueDate: '2026-12-06', receivables: 1, openFen: 4_000 }, // 30 days
      { dueDate: '2026-12-05', receivables: 3, openFen: 8_000 }, // 31 days
      { dueDate: '2026-10-07', receivables: 1, openFen: 16_000 }, // 90 days
      { dueDate: '2026-10-06', receivables: 1, openFen: 32_000 }, // 91 days
    ], '2027-01-05');
    expect(aging.buckets).toEqual([
      { bucket: 'not_due', receivables: 3, openFen: 31_000 },
      { bucket: 'days_1_30', receivables: 2, openFen: 6_000 },
      { bucket: 'days_31_60', receivables: 3, openFen: 8_000 },
      { bucket: 'days_61_90', receivables: 1, openFen: 16_000 },
      { bucket: 'over_90', receivables: 1, openFen: 32_000 },
    ]);
    expect(aging.totalOpenFen).toBe(93_000);
  });
});
