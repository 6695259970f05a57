import { DomainError } from '@ops/kernel';
import { activeHours, closeRound, compliance, inWindow, isNight, percentOf, requireTwoGuards, roundsStarting, scanFlags, scanTime, windowPassed, type PatrolRound } from './patrol.js';

const night = { frequencyMinutes: 120, activeFrom: '20:00', activeTo: '06:00' };
const at = (iso: string) => new Date(iso);
const errorOf = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return e as DomainError; } };
const route = [{ id: 'a', position: 1, code: 'A' }, { id: 'b', position: 2, code: 'B' }, { id: 'c', position: 3, code: 'C' }];

describe('patrol rounds', () => {
  it('generates the rounds of a night across midnight, each belonging to the night it began', () => {
    // 2026-11-30 12:00 UTC is 20:00 in Shanghai; 2026-12-01 06:00 Shanghai is 2026-11-30 22:00 UTC.
    const rounds = roundsStarting(night, at('2026-11-30T00:00:00Z'), at('2026-12-01T00:00:00Z'));
    expect(rounds.map((r) => [r.night, r.windowStart.toISOString(), r.windowEnd.toISOString()])).toEqual([
      ['2026-11-30', '2026-11-30T12:00:00.000Z', '2026-11-30T14:00:00.000Z'],
      ['2026-11-30', '2026-11-30T14:00:00.000Z', '2026-11-30T16:00:00.000Z'],
      ['2026-11-30', '2026-11-30T16:00:00.000Z', '2026-11-30T18:00:00.000Z'],
      ['2026-11-30', '2026-11-30T18:00:00.000Z', '2026-11-30T20:00:00.000Z'],
      ['2026-11-30', '2026-11-30T20:00:00.000Z', '2026-11-30T22:00:00.000Z'],
    ]);
  });

  it('includes the rounds of the night before that are still going after midnight, and none outside the hours', () => {
    const early = roundsStarting(night, at('2026-11-30T16:30:00Z'), at('2026-11-30T23:00:00Z')); // 00:30 to 07:00 Shanghai
    expect(early.map((r) => [r.night, r.windowStart.toISOString()])).toEqual([
      ['2026-11-30', '2026-11-30T18:00:00.000Z'],
      ['2026-11-30', '2026-11-30T20:00:00.000Z'],
    ]);
    expect(roundsStarting(night, at('2026-11-30T23:00:00Z'), at('2026-12-01T11:59:00Z'))).toEqual([]); // 07:00 to 19:59
  });

  it('reads active hours on the same day, across midnight, or all day', () => {
    expect(activeHours({ activeFrom: '08:00', activeTo: '18:00' }, '2026-11-30')).toEqual({ start: at('2026-11-30T00:00:00Z'), end: at('2026-11-30T10:00:00Z') });
    expect(activeHours(night, '2026-11-30').end).toEqual(at('2026-11-30T22:00:00Z'));
    expect(roundsStarting({ frequencyMinutes: 360, activeFrom: '00:00', activeTo: '00:00' }, at('2026-11-29T16:00:00Z'), at('2026-11-30T15:59:00Z'))).toHaveLength(4);
  });

  it('holds a window open from its start up to, not including, its end', () => {
    const round = { windowStart: at('2026-11-30T12:00:00Z'), windowEnd: at('2026-11-30T14:00:00Z') };
    expect(inWindow(round, at('2026-11-30T12:00:00Z'))).toBe(true);
    expect(inWindow(round, at('2026-11-30T13:59:59Z'))).toBe(true);
    expect(inWindow(round, at('2026-11-30T14:00:00Z'))).toBe(false);
    expect(inWindow(round, at('2026-11-30T11:59:59Z'))).toBe(false);
    expect(windowPassed(round, at('2026-11-30T13:59:59Z'))).toBe(false);
    expect(windowPassed(round, at('2026-11-30T14:00:00Z'))).toBe(true);
  });
});

describe('patrol scans', () => {
  it('flags a scan while an earlier checkpoint of the round is not scanned, and a checkpoint scanned twice', () => {
    expect(scanFlags(route[0], route, new Set())).toEqual([]);
    expect(scanFlags(route[1], route, new Set(['a']))).toEqual([]);
    expect(scanFlags(route[2], route, new Set(['a']))).toEqual(['out_of_order']);
    expect(scanFlags(route[0], route, new Set(['b', 'c']))).toEqual([]);
    expect(scanFlags(route[1], route, new Set(['a', 'b']))).toEqual(['repeat']);
  });

  it('takes the device\'s time of a scan synced late, never one in the future', () => {
    const now = at('2026-11-30T14:00:00Z');
    expect(scanTime(undefined, now)).toEqual(now);
    expect(scanTime('2026-11-30T13:00:00Z', now)).toEqual(at('2026-11-30T13:00:00Z'));
    expect(scanTime('2026-11-30T14:04:00Z', now)).toEqual(at('2026-11-30T14:04:00Z'));
    expect(errorOf(() => scanTime('2026-11-30T15:00:00Z', now))).toMatchObject({ kind: 'invalid', errors: [{ field: 'scannedAt' }] });
  });

  it('refuses one guard alone in a tenant area at night, naming secondGuard; by day one guard is enough', () => {
    const tenant = { code: 'T-1', tenantArea: true };
    const midnight = at('2026-11-30T16:00:00Z');
    expect(isNight(midnight)).toBe(true);
    expect(isNight(at('2026-11-30T04:00:00Z'))).toBe(false); // noon
    expect(errorOf(() => requireTwoGuards(tenant, midnight, 'guard', undefined))).toMatchObject({ kind: 'rule_violated', errors: [{ field: 'secondGuard' }] });
    expect(errorOf(() => requireTwoGuards(tenant, midnight, 'guard', 'guard'))).toMatchObject({ errors: [{ field: 'secondGuard' }] });
    expect(errorOf(() => requireTwoGuards(tenant, midnight, 'guard', 'guard.li'))).toBeNull();
    expect(errorOf(() => requireTwoGuards(tenant, at('2026-11-30T04:00:00Z'), 'guard', undefined))).toBeNull();
    expect(errorOf(() => requireTwoGuards({ code: 'A', tenantArea: false }, midnight, 'guard', undefined))).toBeNull();
  });
});

describe('closing a round', () => {
  const round: PatrolRound = { id: 'r1', routeId: 'route', windowStart: at('2026-11-30T12:00:00Z'), windowEnd: at('2026-11-30T14:00:00Z'), status: 'open' };

  it('completes a round with every checkpoint scanned, announcing nothing', () => {
    expect(closeRound(round, [], at('2026-11-30T14:00:00Z'))).toMatchObject({ state: { status: 'completed' }, events: [] });
  });

  it('misses a round with a checkpoint not scanned: one event per checkpoint, only those newly recorded', () => {
    const step = closeRound(round, [route[1]], at('2026-11-30T14:00:01Z'));
    expect(step.state.status).toBe('missed');
    expect(step.events).toEqual([{
      type: 'security.patrol.missed',
      data: { routeId: 'route', roundId: 'r1', checkpointId: 'b', code: 'B', windowStart: '2026-11-30T12:00:00.000Z', windowEnd: '2026-11-30T14:00:00.000Z' },
    }]);
    expect(closeRound(round, [route[1]], at('2026-11-30T14:00:01Z'), [])).toMatchObject({ state: { status: 'missed' }, events: [] });
  });

  it('never closes a round before its window has passed, nor twice', () => {
    expect(() => closeRound(round, [], at('2026-11-30T13:59:00Z'))).toThrow(/still open/);
    expect(errorOf(() => closeRound({ ...round, status: 'missed' }, [], at('2026-11-30T15:00:00Z')))).toMatchObject({ kind: 'conflict' });
  });
});

describe('patrol compliance', () => {
  it('is scanned out of expected per route, guard (over the rounds they scanned in) and night', () => {
    const result = compliance([
      { route: 'NIGHT', night: '2026-11-30', expected: 3, scanned: 3, guards: ['wang'] },
      { route: 'NIGHT', night: '2026-11-30', expected: 3, scanned: 2, guards: ['wang', 'li'] },
      { route: 'FIRE', night: '2026-12-01', expected: 2, scanned: 0, guards: [] },
    ]);
    expect(result.byRoute).toEqual([{ key: 'FIRE', expected: 2, scanned: 0, percent: 0 }, { key: 'NIGHT', expected: 6, scanned: 5, percent: 83.3 }]);
    expect(result.byGuard).toEqual([{ key: 'li', expected: 3, scanned: 2, percent: 66.7 }, { key: 'wang', expected: 6, scanned: 5, percent: 83.3 }]);
    expect(result.byNight).toEqual([{ key: '2026-11-30', expected: 6, scanned: 5, percent: 83.3 }, { key: '2026-12-01', expected: 2, scanned: 0, percent: 0 }]);
    expect(percentOf(0, 0)).toBe(100);
  });
});
