import { DomainError } from '@ops/kernel';

/**
 * Fair rotation of walk-ins among the consultants on the floor (制度10, 輪流接待). The day's roster puts
 * the consultants in an order; the pointer names whose turn is next. A walk-in goes to the first consultant
 * from the pointer who is present; everyone passed over on the way is away from the floor and loses that
 * turn (a skip, with the reason they are away). The pointer then moves past the one assigned, so over a day
 * every consultant is passed exactly once per round: turns + skips of any two differ by at most one.
 */
export interface RotationState {
  /** Usernames of the consultants on the day's roster, in rotation order. */
  order: readonly string[];
  /** Index in `order` of the consultant whose turn is next. */
  pointer: number;
}

export interface RotationSkip {
  consultant: string;
  reason: string;
}

export interface RotationTurn {
  consultant: string;
  skips: RotationSkip[];
  state: RotationState;
}

/** The next walk-in's consultant; `away` maps a consultant away from the floor to the reason. */
export function nextTurn(state: RotationState, away: Readonly<Record<string, string>>): RotationTurn {
  const { order } = state;
  if (order.every((c) => c in away)) {
    throw new DomainError('conflict', 'nobody-on-the-floor', order.length === 0 ? 'No consultant is on today\'s duty roster' : 'Every consultant on today\'s roster is away from the floor');
  }
  const skips: RotationSkip[] = [];
  let index = ((state.pointer % order.length) + order.length) % order.length;
  while (order[index] in away) {
    skips.push({ consultant: order[index], reason: away[order[index]] });
    index = (index + 1) % order.length;
  }
  return { consultant: order[index], skips, state: { order, pointer: (index + 1) % order.length } };
}

/**
 * The rotation state after the roster changes: the order becomes `order`, and the turn stays with whoever
 * was next if they are still on it (else the next of the old order who is, else the first).
 */
export function reorder(state: RotationState, order: readonly string[]): RotationState {
  const old = state.order;
  for (let i = 0; i < old.length; i++) {
    const candidate = old[(state.pointer + i) % old.length];
    const at = order.indexOf(candidate);
    if (at >= 0) return { order, pointer: at };
  }
  return { order, pointer: 0 };
}

/** What the fairness audit counts per consultant over a period. */
export interface FairnessCount {
  consultant: string;
  /** Walk-ins assigned by rotation. */
  turns: number;
  /** Turns lost while away from the floor. */
  skips: number;
  /** Returning customers sent to their own consultant (outside the rotation). */
  returning: number;
  /** Referrals to the named consultant (outside the rotation). */
  referrals: number;
}

export type RotationEntryKind = 'turn' | 'skip' | 'returning' | 'referral' | 'named';

/** Counts of the rotation log, per consultant, in name order. */
export function fairnessOf(entries: ReadonlyArray<{ consultant: string; kind: RotationEntryKind }>): FairnessCount[] {
  const counts = new Map<string, FairnessCount>();
  for (const e of entries) {
    const c = counts.get(e.consultant) ?? { consultant: e.consultant, turns: 0, skips: 0, returning: 0, referrals: 0 };
    if (e.kind === 'turn') c.turns++;
    else if (e.kind === 'skip') c.skips++;
    else if (e.kind === 'returning') c.returning++;
    else if (e.kind === 'referral') c.referrals++;
    counts.set(e.consultant, c);
  }
  return [...counts.values()].sort((a, b) => a.consultant.localeCompare(b.consultant));
}
