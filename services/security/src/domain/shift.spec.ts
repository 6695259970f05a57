import { DomainError } from '@ops/kernel';
import { confirmHandover, endShift, handoverConfirmed, recordHandover, rosterGaps, rosterShift, shiftTimes, startShift, type Shift } from './shift.js';

const errorOf = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return e as DomainError; } };
const at = (iso: string) => new Date(iso);
const now = at('2026-11-30T12:00:00Z');

describe('shifts', () => {
  it('reads a shift ending at or before its start as ending the next day', () => {
    expect(shiftTimes('2026-11-30', '08:00', '20:00')).toEqual({ startsAt: at('2026-11-30T00:00:00Z'), endsAt: at('2026-11-30T12:00:00Z') });
    expect(shiftTimes('2026-11-30', '20:00', '08:00')).toEqual({ startsAt: at('2026-11-30T12:00:00Z'), endsAt: at('2026-12-01T00:00:00Z') });
  });

  it('refuses rostering a guard twice for the same time, naming startsAt', () => {
    const day = { id: 's', postId: 'p', date: '2026-11-30', guardUsername: 'wang', ...shiftTimes('2026-11-30', '08:00', '20:00') };
    expect(rosterShift(day, []).state.status).toBe('rostered');
    expect(errorOf(() => rosterShift(day, [shiftTimes('2026-11-30', '19:00', '23:00')]))).toMatchObject({ code: 'shift-overlaps', errors: [{ field: 'startsAt' }] });
    expect(errorOf(() => rosterShift(day, [shiftTimes('2026-11-30', '20:00', '08:00')]))).toBeNull();
  });

  it('is started and ended by its own guard only, in that order', () => {
    const shift: Shift = { id: 's', postId: 'p', date: '2026-11-30', guardUsername: 'wang', ...shiftTimes('2026-11-30', '08:00', '20:00'), status: 'rostered', startedAt: null, endedAt: null };
    expect(errorOf(() => startShift(shift, 'li', now))).toMatchObject({ kind: 'forbidden', code: 'not-your-shift' });
    expect(errorOf(() => endShift(shift, 'wang', now))).toMatchObject({ kind: 'conflict' });
    const started = startShift(shift, 'wang', now).state;
    expect(started).toMatchObject({ status: 'on_duty', startedAt: now });
    expect(endShift(started, 'wang', now).state).toMatchObject({ status: 'ended', endedAt: now });
  });
});

describe('handovers', () => {
  const from = { postId: 'p', guardUsername: 'wang' };
  const to = { postId: 'p', guardUsername: 'li' };
  const base = { id: 'h', postId: 'p', fromShiftId: 'a', toShiftId: 'b' };

  it('carries the confirmation of the guard who records it, and is confirmed once the other guard confirms', () => {
    const recorded = recordHandover(base, from, to, 'wang', now).state;
    expect(recorded).toMatchObject({ outgoingGuard: 'wang', incomingGuard: 'li', outgoingConfirmedAt: now, incomingConfirmedAt: null, status: 'pending' });
    expect(handoverConfirmed(recorded)).toBe(false);
    const confirmed = confirmHandover(recorded, 'li', now).state;
    expect(confirmed.status).toBe('confirmed');
    expect(handoverConfirmed(confirmed)).toBe(true);
  });

  it('is never between one guard and themself, nor across posts, nor confirmed twice or by a third person', () => {
    expect(errorOf(() => recordHandover(base, from, { ...to, guardUsername: 'wang' }, 'wang', now))).toMatchObject({ code: 'same-guard', errors: [{ field: 'toShiftId' }] });
    expect(errorOf(() => recordHandover(base, from, { ...to, postId: 'q' }, 'wang', now))).toMatchObject({ code: 'different-posts' });
    expect(errorOf(() => recordHandover(base, from, to, 'zhao', now))).toMatchObject({ kind: 'forbidden', code: 'not-in-handover' });
    const recorded = recordHandover(base, from, to, 'li', now).state;
    expect(errorOf(() => confirmHandover(recorded, 'li', now))).toMatchObject({ code: 'already-confirmed' });
    expect(errorOf(() => confirmHandover(recorded, 'zhao', now))).toMatchObject({ code: 'not-in-handover' });
  });
});

describe('roster gaps', () => {
  it('finds the stretches of a day no shift covers, counting the night shift of the day before', () => {
    const shifts = [shiftTimes('2026-11-29', '20:00', '08:00'), shiftTimes('2026-11-30', '08:00', '16:00'), shiftTimes('2026-11-30', '18:00', '08:00')];
    expect(rosterGaps('2026-11-30', shifts)).toEqual([{ from: at('2026-11-30T08:00:00Z'), to: at('2026-11-30T10:00:00Z') }]);
    expect(rosterGaps('2026-11-30', [])).toEqual([{ from: at('2026-11-29T16:00:00Z'), to: at('2026-11-30T16:00:00Z') }]);
    expect(rosterGaps('2026-11-30', [shiftTimes('2026-11-30', '00:00', '00:00')])).toEqual([]);
  });
});
