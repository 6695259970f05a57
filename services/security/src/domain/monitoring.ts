import { DomainError, StateMachine, type Step } from '@ops/kernel';

/**
 * The monitoring room (安防监控室, domain.md §7): the duty handover needs both operators; footage held for
 * an incident stays until its release date and is seen only by monitoring operators and the security
 * manager, every view logged.
 */

export type DutyHandoverStatus = 'pending' | 'confirmed';
export const DUTY_HANDOVER = new StateMachine<DutyHandoverStatus>('duty handover', { pending: ['confirmed'], confirmed: [] });

export interface DutyHandover {
  id: string;
  fromOperator: string;
  toOperator: string;
  notes: string;
  status: DutyHandoverStatus;
  handedAt: Date;
  confirmedAt: Date | null;
}

/** The outgoing operator hands over (the first confirmation); never to themself. */
export function handOverDuty(handover: Omit<DutyHandover, 'status' | 'confirmedAt'>): Step<DutyHandover> {
  if (handover.fromOperator === handover.toOperator) {
    throw new DomainError('rule_violated', 'same-operator', 'A handover goes to another operator', [{ field: 'toOperator', message: 'must be another operator than you' }]);
  }
  return {
    state: { ...handover, status: 'pending', confirmedAt: null },
    transitions: [{ from: 'new', to: 'pending', reason: `handed over by ${handover.fromOperator} to ${handover.toOperator}` }],
    events: [],
  };
}

/** The incoming operator, and only they, confirms taking over (the second confirmation). */
export function confirmDutyHandover(handover: DutyHandover, by: string, now: Date): Step<DutyHandover> {
  if (by !== handover.toOperator) throw new DomainError('forbidden', 'not-the-incoming-operator', `Only ${handover.toOperator}, who takes over, confirms this handover`);
  const t = DUTY_HANDOVER.move(handover.status, 'confirmed', `taken over by ${by}`, 'A duty handover');
  return { state: { ...handover, status: 'confirmed', confirmedAt: now }, transitions: [t], events: [] };
}

export type FootageHoldStatus = 'held' | 'released';
export const FOOTAGE_HOLD = new StateMachine<FootageHoldStatus>('footage hold', { held: ['released'], released: [] });

export interface FootageHold {
  id: string;
  camera: string;
  from: Date;
  to: Date;
  reason: string;
  incidentId: string | null;
  heldUntil: Date;
  status: FootageHoldStatus;
  heldBy: string;
  heldAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
}

/** Who may see held footage: monitoring operators and the security manager, nobody else (not even an auditor). */
export const FOOTAGE_VIEWERS: readonly string[] = ['monitoring_operator', 'security_manager'];

export function mayViewFootage(roles: readonly string[]): boolean {
  return roles.some((role) => FOOTAGE_VIEWERS.includes(role));
}

/** A hold covers a real range of footage and lasts into the future. */
export function holdFootage(hold: Omit<FootageHold, 'status' | 'releasedBy' | 'releasedAt'>, now: Date): Step<FootageHold> {
  const errors = [
    ...(hold.to.getTime() <= hold.from.getTime() ? [{ field: 'to', message: 'must be after from' }] : []),
    ...(hold.heldUntil.getTime() <= now.getTime() ? [{ field: 'heldUntil', message: 'must be in the future' }] : []),
  ];
  if (errors.length) throw new DomainError('rule_violated', 'footage-hold-invalid', 'The hold\'s range or release date is not possible', errors);
  return {
    state: { ...hold, status: 'held', releasedBy: null, releasedAt: null },
    transitions: [{ from: 'new', to: 'held', reason: `${hold.camera} ${hold.from.toISOString()}–${hold.to.toISOString()} held until ${hold.heldUntil.toISOString()} by ${hold.heldBy}: ${hold.reason}` }],
    events: [],
  };
}

/** Nobody deletes held footage before its release date; on or after it, the hold is released (and stays listed). */
export function releaseFootageHold(hold: FootageHold, by: string, now: Date): Step<FootageHold> {
  if (hold.status === 'held' && now.getTime() < hold.heldUntil.getTime()) {
    throw new DomainError('conflict', 'footage-hold-not-due', `This footage is held until ${hold.heldUntil.toISOString()}; nobody may release it before`);
  }
  const t = FOOTAGE_HOLD.move(hold.status, 'released', `released by ${by}`, 'A footage hold');
  return { state: { ...hold, status: 'released', releasedBy: by, releasedAt: now }, transitions: [t], events: [] };
}
