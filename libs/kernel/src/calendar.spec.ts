import fc from 'fast-check';
import { addDays, addMonths, businessDate, businessNow, businessYear, daysBetween, monthStart, setBusinessClock } from './calendar.js';

describe('business calendar (Asia/Shanghai)', () => {
  it('gives the date and year the time zone database gives, for any moment', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2300-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
      expect(businessDate(at)).toBe(zone.format(at));
      expect(businessYear(at)).toBe(Number(zone.format(at).slice(0, 4)));
    }), { numRuns: 5000 });
    for (const edge of ['1991-12-31T15:59:59.999Z', '1991-12-31T16:00:00Z', '2026-12-31T15:59:59.999Z', '2026-12-31T16:00:00Z']) {
      expect(businessDate(new Date(edge))).toBe(zone.format(new Date(edge)));
    }
  });

  it('puts 16:30 UTC on the next Shanghai day, and New Year in the new year', () => {
    expect(businessDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(businessYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('adds and counts calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-11-30', '2027-01-05')).toBe(36);
    expect(daysBetween('2027-01-05', '2026-11-30')).toBe(-36);
  });

  it('adds months as Postgres adds an interval: the same day, or the last of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-05', 3)).toBe('2027-02-05');
    expect(addMonths('2027-01-15', -2)).toBe('2026-11-15');
    expect(monthStart('2026-11-30')).toBe('2026-11-01');
  });
});

describe('the business clock', () => {
  afterEach(() => setBusinessClock(null));

  it('is the system clock until a test sets it, and every business date follows it', () => {
    expect(Math.abs(businessNow().getTime() - Date.now())).toBeLessThan(1_000);
    let now = new Date('2026-12-31T15:59:00Z'); // 23:59 in Shanghai
    setBusinessClock(() => now);
    expect([businessDate(), businessYear()]).toEqual(['2026-12-31', 2026]);
    now = new Date('2026-12-31T16:00:00Z'); // midnight in Shanghai: a new day and year
    expect([businessDate(), businessYear()]).toEqual(['2027-01-01', 2027]);
    setBusinessClock(null);
    expect(businessDate()).toBe(businessDate(new Date()));
  });
});
