import fc from 'fast-check';
import { DomainError } from '@ops/kernel';
import { generateRota, REST, restCounts, rotaDates, validateRota, weekdayOf, type RotaFrame, type RotaRow } from './outlet-rota.js';

const MONDAY = '2026-12-07';
const ALL_WEEK = [true, true, true, true, true, true, true];
const frame = (openWeekdays = ALL_WEEK, shiftKinds = ['day', 'evening']): RotaFrame => ({ startDate: MONDAY, shiftKinds, openWeekdays });
const staffOf = (n: number) => Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, message: e.message } : { code: 'other', message: String(e) };
  }
  return null;
};

describe('outlet rota', () => {
  it('generates a fair rota for four people at an outlet open every day', () => {
    const rows = generateRota(frame(), staffOf(4));
    const counts = restCounts(MONDAY, rows);
    expect(counts.map((c) => c.restDays)).toEqual([4, 4, 4, 4]);
    expect(Math.max(...counts.map((c) => c.weekendRestDays)) - Math.min(...counts.map((c) => c.weekendRestDays))).toBeLessThanOrEqual(1);
    expect(generateRota(frame(), staffOf(4))).toEqual(rows); // deterministic
  });

  it('property: a generated rota keeps every rule for any staff size and opening days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).filter((o) => o.filter(Boolean).length >= 2), fc.integer({ min: 1, max: 3 }), (n, open, kinds) => {
        const f = frame(open, ['day', 'evening', 'night'].slice(0, kinds));
        const rows = generateRota(f, staffOf(n));
        const dates = rotaDates(MONDAY);
        // Counted here, independently of validateRota.
        const rest = rows.map((r) => r.days.filter((d) => d === REST).length);
        const weekend = rows.map((r) => r.days.filter((d, i) => d === REST && [0, 6].includes(weekdayOf(dates[i]))).length);
        expect(Math.max(...rest) - Math.min(...rest)).toBeLessThanOrEqual(1);
        expect(Math.max(...weekend) - Math.min(...weekend)).toBeLessThanOrEqual(1);
        for (const r of rows) for (let w = 0; w < 4; w++) expect(r.days.slice(w * 7, w * 7 + 7)).toContain(REST);
        dates.forEach((date, i) => {
          const on = rows.filter((r) => r.days[i] !== REST).length;
          if (open[weekdayOf(date)]) expect(on).toBeGreaterThanOrEqual(1);
          else expect(on).toBe(0);
        });
      }),
    );
  });

  it('property: moving one rest day from one person to another who already has more is refused, naming them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 10 }), fc.nat(), fc.nat(), (n, a, b) => {
        const rows = generateRota(frame(), staffOf(n));
        const [giver, taker] = [a % n, (a % n + 1 + (b % (n - 1))) % n];
        // The taker rests one more day (a day the giver works and the taker works), the giver one fewer — two apart.
        const edited: RotaRow[] = rows.map((r) => ({ ...r, days: [...r.days] }));
        const dayTaker = edited[taker].days.findIndex((d, i) => d !== REST && edited.filter((r) => r.days[i] !== REST).length > 1);
        edited[taker].days[dayTaker] = REST;
        const dayGiver = edited[giver].days.findIndex((d, i) => d === REST && edited[giver].days.slice(Math.floor(i / 7) * 7, Math.floor(i / 7) * 7 + 7).filter((x) => x === REST).length > 1);
        const fromGiver = dayGiver >= 0 ? dayGiver : -1;
        if (fromGiver < 0) return; // the giver has no spare rest day in any week: nothing to move
        edited[giver].days[fromGiver] = 'day';
        const refused = codeOf(() => validateRota(frame(), edited, staffOf(n)));
        expect(refused?.code).toBe('rota-unfair');
        expect(refused?.message).toContain(staffOf(n)[taker]);
        expect(refused?.message).toContain(staffOf(n)[giver]);
      }),
    );
  });

  it('refuses a week without rest, an uncovered open day, work on a closed day and unknown people', () => {
    const rows = generateRota(frame(), staffOf(3));
    const noRest = rows.map((r, p) => (p === 0 ? { ...r, days: r.days.map((d, i) => (i < 7 ? 'day' : d)) } : r));
    expect(codeOf(() => validateRota(frame(), noRest, staffOf(3)))?.code).toBe('rota-no-weekly-rest');
    const uncovered = rows.map((r) => ({ ...r, days: r.days.map((d, i) => (i === 2 ? REST : d)) }));
    expect(codeOf(() => validateRota(frame(), uncovered, staffOf(3)))?.message).toContain('2026-12-09');
    const closedMonday = frame([true, false, true, true, true, true, true]);
    expect(codeOf(() => validateRota(closedMonday, rows.map((r) => ({ ...r, days: r.days.map((d, i) => (i === 0 ? 'day' : d)) })), staffOf(3)))?.code).toBe('rota-closed-day-worked');
    expect(codeOf(() => validateRota(frame(), [{ username: 'stranger', days: rows[0].days }], staffOf(3)))?.code).toBe('rota-invalid');
    expect(codeOf(() => validateRota({ ...frame(), startDate: '2026-12-08' }, rows, staffOf(3)))?.code).toBe('rota-not-monday');
    expect(codeOf(() => validateRota(frame(), rows.map((r) => ({ ...r, days: r.days.map((d) => (d === 'evening' ? 'night' : d)) })), staffOf(3)))?.code).toBe('rota-invalid');
  });

  it('refuses a rota that cannot be fair: one person at an outlet open all week', () => {
    expect(codeOf(() => generateRota(frame(), ['solo']))?.code).toBe('rota-not-feasible');
    // A closed day gives the one person their rest.
    expect(restCounts(MONDAY, generateRota(frame([false, true, true, true, true, true, true]), ['solo']))[0].restDays).toBe(4);
  });
});
