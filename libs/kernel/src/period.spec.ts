import { DomainError } from './errors.js';
import { datesOf, reportPeriod } from './period.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('report periods', () => {
  it('defaults to the 30 business days ending today, or ending at the asked end', () => {
    expect(reportPeriod({}, '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(reportPeriod({ to: '2026-03-01' }, '2026-11-30')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(reportPeriod({ from: '2026-11-20' }, '2026-11-30')).toEqual({ from: '2026-11-20', to: '2026-11-30' });
    expect(reportPeriod({ from: '2026-11-30', to: '2026-11-30' }, '2026-01-01')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });

  it('refuses a period that ends before it starts, naming the field the caller gave', () => {
    const both = refusal(() => reportPeriod({ from: '2026-11-10', to: '2026-11-09' }, '2026-11-30'));
    expect(both).toMatchObject({ kind: 'invalid', status: 400, code: 'bad-period', errors: [{ field: 'to', message: 'must not be before from' }] });
    const future = refusal(() => reportPeriod({ from: '2026-12-01' }, '2026-11-30'));
    expect(future).toMatchObject({ status: 400, errors: [{ field: 'from', message: 'must not be after to (2026-11-30)' }] });
  });

  it('takes up to 92 days, and refuses 93', () => {
    expect(reportPeriod({ from: '2026-01-01', to: '2026-04-02' }, '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-04-02' });
    expect(refusal(() => reportPeriod({ from: '2026-01-01', to: '2026-04-03' }, '2026-11-30'))).toMatchObject({
      status: 400, code: 'period-too-long', errors: [{ field: 'to' }],
    });
    expect(refusal(() => reportPeriod({ from: '2025-01-01' }, '2026-11-30'))).toMatchObject({ status: 400, errors: [{ field: 'from' }] });
  });

  it('lists every date of a period across month and year ends', () => {
    expect(datesOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(datesOf({ from: '2028-02-28', to: '2028-03-01' })).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesOf({ from: '2026-11-05', to: '2026-11-05' })).toEqual(['2026-11-05']);
    expect(datesOf(reportPeriod({}, '2026-11-30'))).toHaveLength(30);
  });
});
