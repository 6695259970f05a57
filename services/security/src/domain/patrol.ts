import { addDays, businessDate, DomainError, StateMachine, type BusinessDate, type Step } from '@ops/kernel';

/**
 * Patrol routes (domain.md §7): ordered checkpoints, each with a tag to scan, walked every `frequencyMinutes`
 * during the route's active hours. A round is the route at one start time; its window runs from the start for
 * `frequencyMinutes`. Scans count against the round open at their time; when the window has closed, every
 * checkpoint not scanned in it is missed, once.
 */
export interface PatrolSchedule {
  frequencyMinutes: number;
  /** HH:MM, business time (Asia/Shanghai). */
  activeFrom: string;
  /** HH:MM; before (or at) `activeFrom` it is on the next day; equal to it: all day. */
  activeTo: string;
}

/** Business time: Asia/Shanghai keeps UTC+8 all year. */
export const atBusinessTime = (date: BusinessDate, time: string): Date => new Date(`${date}T${time}:00+08:00`);

/** The active hours that begin on `night`: from its `activeFrom` to `activeTo` the same day, or the next when they cross midnight. */
export function activeHours(schedule: Pick<PatrolSchedule, 'activeFrom' | 'activeTo'>, night: BusinessDate): { start: Date; end: Date } {
  const start = atBusinessTime(night, schedule.activeFrom);
  const end = atBusinessTime(schedule.activeTo > schedule.activeFrom ? night : addDays(night, 1), schedule.activeTo);
  return { start, end };
}

export interface RoundSlot {
  /** The business date the round's active hours began on: a round at 02:00 belongs to the night before. */
  night: BusinessDate;
  windowStart: Date;
  windowEnd: Date;
}

/**
 * Every round that starts from `from` up to and including `to`: at the start of the active hours and every
 * `frequencyMinutes` after, while the hours last. Pure arithmetic on the business calendar, so any instance
 * computes the same rounds (and the rounds table's unique (route, start) keeps each once).
 */
export function roundsStarting(schedule: PatrolSchedule, from: Date, to: Date): RoundSlot[] {
  const step = schedule.frequencyMinutes * 60_000;
  if (step <= 0) throw new Error('A patrol frequency must be positive');
  const rounds: RoundSlot[] = [];
  for (let night = addDays(businessDate(from), -1); night <= businessDate(to); night = addDays(night, 1)) {
    const { start, end } = activeHours(schedule, night);
    for (let t = start.getTime(); t < end.getTime(); t += step) {
      if (t >= from.getTime() && t <= to.getTime()) rounds.push({ night, windowStart: new Date(t), windowEnd: new Date(t + step) });
    }
  }
  return rounds;
}

/** A round's window is open from its start (inclusive) to its end (exclusive). */
export const inWindow = (round: Pick<RoundSlot, 'windowStart' | 'windowEnd'>, at: Date): boolean =>
  at.getTime() >= round.windowStart.getTime() && at.getTime() < round.windowEnd.getTime();

/** A round is closed for good once its window has passed. */
export const windowPassed = (round: Pick<RoundSlot, 'windowEnd'>, now: Date): boolean => now.getTime() >= round.windowEnd.getTime();

// ---- scans ---------------------------------------------------------------------------------------------

export type ScanFlag = 'out_of_order' | 'unknown_code' | 'no_open_round' | 'repeat';

export interface CheckpointRef {
  id: string;
  position: number;
  code: string;
}

/**
 * What is wrong with a scan of `checkpoint` in a round where `scanned` (checkpoint ids) were already scanned:
 * a checkpoint scanned before is a repeat; one scanned while an earlier checkpoint of the round is still not
 * scanned is out of order (it still counts).
 */
export function scanFlags(checkpoint: CheckpointRef, route: readonly CheckpointRef[], scanned: ReadonlySet<string>): ScanFlag[] {
  if (scanned.has(checkpoint.id)) return ['repeat'];
  const skipped = route.some((c) => c.position < checkpoint.position && !scanned.has(c.id));
  return skipped ? ['out_of_order'] : [];
}

/** Night hours, when entering a tenant area takes two guards. */
export const NIGHT = { from: '20:00', to: '06:00' } as const;

const CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function isNight(at: Date): boolean {
  const time = CLOCK.format(at);
  return time >= NIGHT.from || time < NIGHT.to;
}

/** How far ahead of the business clock a device's own clock may run. */
export const SCAN_CLOCK_SKEW_MS = 5 * 60_000;

/** When a scan happened: as the device says (a scan synced late), never in the future; now when it says nothing. */
export function scanTime(requested: string | undefined, now: Date): Date {
  if (!requested) return now;
  const at = new Date(requested);
  if (at.getTime() > now.getTime() + SCAN_CLOCK_SKEW_MS) {
    throw new DomainError('invalid', 'scan-in-future', 'A scan cannot be later than now', [{ field: 'scannedAt', message: `must not be after now (${now.toISOString()})` }]);
  }
  return at;
}

/** A patrol entering a tenant area at night records two guards: one guard alone is refused, naming `secondGuard`. */
export function requireTwoGuards(checkpoint: { code: string; tenantArea: boolean }, at: Date, guard: string, secondGuard: string | null | undefined): void {
  if (!checkpoint.tenantArea || !isNight(at)) return;
  if (!secondGuard) {
    throw new DomainError('rule_violated', 'two-guards-required', `Checkpoint ${checkpoint.code} is in a tenant area: at night two guards enter`, [
      { field: 'secondGuard', message: `must name the second guard entering the tenant area at ${checkpoint.code} at night` },
    ]);
  }
  if (secondGuard === guard) {
    throw new DomainError('rule_violated', 'two-guards-required', 'The second guard must be another person', [{ field: 'secondGuard', message: 'must be another guard than the one scanning' }]);
  }
}

// ---- closing a round -------------------------------------------------------------------------------------

export type RoundStatus = 'open' | 'completed' | 'missed';

export const ROUND = new StateMachine<RoundStatus>('patrol round', { open: ['completed', 'missed'], completed: [], missed: [] });

export interface PatrolRound {
  id: string;
  routeId: string;
  windowStart: Date;
  windowEnd: Date;
  status: RoundStatus;
}

/**
 * The round after its window: completed when every checkpoint was scanned, else missed, with one
 * `security.patrol.missed` per checkpoint in `announce` — those of `missed` the caller has just recorded
 * (a miss already on record is never announced again).
 */
export function closeRound<R extends PatrolRound>(round: R, missed: readonly CheckpointRef[], now: Date, announce: readonly CheckpointRef[] = missed): Step<R> {
  if (!windowPassed(round, now)) throw new Error(`Round ${round.id} is still open until ${round.windowEnd.toISOString()}`);
  const to: RoundStatus = missed.length === 0 ? 'completed' : 'missed';
  const reason = missed.length === 0 ? 'every checkpoint scanned in the window' : `not scanned in the window: ${missed.map((c) => c.code).join(', ')}`;
  const t = ROUND.move(round.status, to, reason);
  return {
    state: { ...round, status: to },
    transitions: [t],
    events: announce.map((c) => ({
      type: 'security.patrol.missed',
      data: { routeId: round.routeId, roundId: round.id, checkpointId: c.id, code: c.code, windowStart: round.windowStart.toISOString(), windowEnd: round.windowEnd.toISOString() },
    })),
  };
}

/** The round as first expected. */
export function expectRound<R extends Omit<PatrolRound, 'status'>>(round: R): Step<R & { status: RoundStatus }> {
  return { state: { ...round, status: 'open' }, transitions: [{ from: 'new', to: 'open', reason: `expected from ${round.windowStart.toISOString()} to ${round.windowEnd.toISOString()}` }], events: [] };
}

// ---- compliance ----------------------------------------------------------------------------------------

export interface RoundOutcome {
  route: string;
  night: BusinessDate;
  expected: number;
  scanned: number;
  /** Guards who scanned in the round. */
  guards: readonly string[];
}

export interface ComplianceLine {
  key: string;
  expected: number;
  scanned: number;
  percent: number;
}

export const percentOf = (scanned: number, expected: number): number => (expected === 0 ? 100 : Math.round((scanned / expected) * 1000) / 10);

/** Checkpoints scanned of those expected, per route, per guard (over the rounds they scanned in) and per night. */
export function compliance(rounds: readonly RoundOutcome[]): { byRoute: ComplianceLine[]; byGuard: ComplianceLine[]; byNight: ComplianceLine[] } {
  const tally = (keysOf: (r: RoundOutcome) => readonly string[]) => {
    const lines = new Map<string, { expected: number; scanned: number }>();
    for (const r of rounds) {
      for (const key of keysOf(r)) {
        const line = lines.get(key) ?? { expected: 0, scanned: 0 };
        line.expected += r.expected;
        line.scanned += r.scanned;
        lines.set(key, line);
      }
    }
    return [...lines].sort(([a], [b]) => a.localeCompare(b)).map(([key, l]) => ({ key, ...l, percent: percentOf(l.scanned, l.expected) }));
  };
  return { byRoute: tally((r) => [r.route]), byGuard: tally((r) => [...new Set(r.guards)]), byNight: tally((r) => [r.night]) };
}
