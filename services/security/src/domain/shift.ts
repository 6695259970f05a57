import { addDays, DomainError, StateMachine, type BusinessDate, type Step } from '@ops/kernel';
import { atBusinessTime } from './patrol.js';

/**
 * Posts are stood around the clock (domain.md §7): a roster says who stands which post when; the guard
 * records the start and end of the shift; at each change the outgoing and incoming guard both confirm a
 * handover. A shift ended without one, or a stretch of the day with nobody rostered, is an exception.
 */
export type ShiftStatus = 'rostered' | 'on_duty' | 'ended';

export const SHIFT = new StateMachine<ShiftStatus>('shift', { rostered: ['on_duty'], on_duty: ['ended'], ended: [] });

export interface Shift {
  id: string;
  postId: string;
  date: BusinessDate;
  guardUsername: string;
  startsAt: Date;
  endsAt: Date;
  status: ShiftStatus;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** The shift's times: HH:MM on its date, ending the next day when the end is at or before the start. */
export function shiftTimes(date: BusinessDate, startsAt: string, endsAt: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: atBusinessTime(date, startsAt), endsAt: atBusinessTime(endsAt > startsAt ? date : addDays(date, 1), endsAt) };
}

export function rosterShift<S extends Omit<Shift, 'status' | 'startedAt' | 'endedAt'>>(shift: S, others: ReadonlyArray<Pick<Shift, 'startsAt' | 'endsAt'>>): Step<S & Pick<Shift, 'status' | 'startedAt' | 'endedAt'>> {
  if (others.some((o) => o.startsAt < shift.endsAt && shift.startsAt < o.endsAt)) {
    throw new DomainError('rule_violated', 'shift-overlaps', `${shift.guardUsername} is already rostered for part of that time`, [{ field: 'startsAt', message: 'overlaps another shift of the same guard' }]);
  }
  return {
    state: { ...shift, status: 'rostered', startedAt: null, endedAt: null },
    transitions: [{ from: 'new', to: 'rostered', reason: `${shift.guardUsername} from ${shift.startsAt.toISOString()} to ${shift.endsAt.toISOString()}` }],
    events: [],
  };
}

function ownShift(shift: Pick<Shift, 'guardUsername'>, username: string | undefined): void {
  if (shift.guardUsername !== username) throw new DomainError('forbidden', 'not-your-shift', `Only ${shift.guardUsername}, rostered for the shift, records its start and end`);
}

export function startShift<S extends Shift>(shift: S, username: string | undefined, now: Date): Step<S> {
  ownShift(shift, username);
  const t = SHIFT.move(shift.status, 'on_duty', `${shift.guardUsername} took the post`);
  return { state: { ...shift, status: 'on_duty', startedAt: now }, transitions: [t], events: [] };
}

export function endShift<S extends Shift>(shift: S, username: string | undefined, now: Date): Step<S> {
  ownShift(shift, username);
  const t = SHIFT.move(shift.status, 'ended', `${shift.guardUsername} left the post`);
  return { state: { ...shift, status: 'ended', endedAt: now }, transitions: [t], events: [] };
}

// ---- handover -----------------------------------------------------------------------------------------

export interface Handover {
  id: string;
  outgoingGuard: string;
  incomingGuard: string;
  outgoingConfirmedAt: Date | null;
  incomingConfirmedAt: Date | null;
  status: 'pending' | 'confirmed';
}

export const handoverConfirmed = (h: Pick<Handover, 'outgoingConfirmedAt' | 'incomingConfirmedAt'>): boolean => h.outgoingConfirmedAt !== null && h.incomingConfirmedAt !== null;

/** A handover between two shifts of one post and two different guards, carrying the confirmation of the guard who records it. */
export function recordHandover<H extends Omit<Handover, 'outgoingGuard' | 'incomingGuard' | 'outgoingConfirmedAt' | 'incomingConfirmedAt' | 'status'>>(
  handover: H, from: Pick<Shift, 'postId' | 'guardUsername'>, to: Pick<Shift, 'postId' | 'guardUsername'>, by: string | undefined, now: Date,
): Step<H & Handover> {
  if (from.postId !== to.postId) throw new DomainError('rule_violated', 'different-posts', 'A handover is between two shifts of the same post', [{ field: 'toShiftId', message: 'must be a shift at the same post' }]);
  if (from.guardUsername === to.guardUsername) {
    throw new DomainError('rule_violated', 'same-guard', 'The outgoing and incoming guard must be two people', [{ field: 'toShiftId', message: 'must be another guard\'s shift' }]);
  }
  const base: H & Handover = { ...handover, outgoingGuard: from.guardUsername, incomingGuard: to.guardUsername, outgoingConfirmedAt: null, incomingConfirmedAt: null, status: 'pending' };
  const confirmed = confirmHandover(base, by, now);
  return { state: confirmed.state, transitions: [{ from: 'new', to: 'pending', reason: `${from.guardUsername} to ${to.guardUsername}` }, ...confirmed.transitions], events: [] };
}

/** One guard's confirmation: the outgoing or the incoming guard, each once; nobody else. */
export function confirmHandover<H extends Handover>(handover: H, by: string | undefined, now: Date): Step<H> {
  const side = by === handover.outgoingGuard ? 'outgoing' : by === handover.incomingGuard ? 'incoming' : null;
  if (!side) throw new DomainError('forbidden', 'not-in-handover', `Only ${handover.outgoingGuard} and ${handover.incomingGuard} confirm this handover`);
  const field = side === 'outgoing' ? 'outgoingConfirmedAt' : 'incomingConfirmedAt';
  if (handover[field]) throw new DomainError('conflict', 'already-confirmed', `${by} has already confirmed this handover`);
  const confirmed = { ...handover, [field]: now };
  const to = handoverConfirmed(confirmed) ? 'confirmed' : 'pending';
  const state: H = { ...confirmed, status: to };
  return { state, transitions: [{ from: 'pending', to, reason: `confirmed by the ${side} guard ${by}` }], events: [] };
}

// ---- roster gaps ------------------------------------------------------------------------------------------

export interface Interval {
  from: Date;
  to: Date;
}

/** The stretches of the business day `date` that no shift in `shifts` covers (shifts of the day before that cross midnight count). */
export function rosterGaps(date: BusinessDate, shifts: ReadonlyArray<Pick<Shift, 'startsAt' | 'endsAt'>>): Interval[] {
  const dayStart = atBusinessTime(date, '00:00').getTime();
  const dayEnd = atBusinessTime(addDays(date, 1), '00:00').getTime();
  const covered = shifts
    .map((s) => [Math.max(s.startsAt.getTime(), dayStart), Math.min(s.endsAt.getTime(), dayEnd)] as const)
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const gaps: Interval[] = [];
  let cursor = dayStart;
  for (const [a, b] of covered) {
    if (a > cursor) gaps.push({ from: new Date(cursor), to: new Date(a) });
    cursor = Math.max(cursor, b);
  }
  if (cursor < dayEnd) gaps.push({ from: new Date(cursor), to: new Date(dayEnd) });
  return gaps;
}
