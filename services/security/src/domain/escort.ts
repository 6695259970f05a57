import { DomainError, StateMachine, type Step } from '@ops/kernel';

/** Cash escorts (domain.md §7): opened by finance's request, guarded by at least two, departure and arrival recorded. */

export type EscortStatus = 'requested' | 'assigned' | 'departed' | 'completed';
export const ESCORT = new StateMachine<EscortStatus>('escort', { requested: ['assigned'], assigned: ['assigned', 'departed'], departed: ['completed'], completed: [] });

/** Cash never travels with fewer guards than this. */
export const MIN_ESCORT_GUARDS = 2;

export interface Escort {
  id: string;
  depositId: string;
  amountFen: number;
  bank: string;
  plannedAt: Date;
  requestedBy: string;
  status: EscortStatus;
  guards: string[];
  assignedBy: string | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
}

export function requestEscort(escort: Omit<Escort, 'status' | 'guards' | 'assignedBy' | 'departedAt' | 'arrivedAt'>): Step<Escort> {
  return {
    state: { ...escort, status: 'requested', guards: [], assignedBy: null, departedAt: null, arrivedAt: null },
    transitions: [{ from: 'new', to: 'requested', reason: `escort of ${escort.amountFen} fen to ${escort.bank} at ${escort.plannedAt.toISOString()} requested by ${escort.requestedBy}` }],
    events: [],
  };
}

/** A captain names the guards: at least two different people; they may be changed until the escort leaves. */
export function assignEscort(escort: Escort, guards: string[], by: string): Step<Escort> {
  const distinct = [...new Set(guards.map((g) => g.trim()).filter(Boolean))];
  if (distinct.length < MIN_ESCORT_GUARDS) {
    throw new DomainError('rule_violated', 'escort-needs-two-guards', `A cash escort needs at least ${MIN_ESCORT_GUARDS} different guards`, [
      { field: 'guards', message: `must name at least ${MIN_ESCORT_GUARDS} different guards` },
    ]);
  }
  const t = ESCORT.move(escort.status, 'assigned', `guards ${distinct.join(', ')} assigned by ${by}`, 'An escort');
  return { state: { ...escort, status: 'assigned', guards: distinct, assignedBy: by }, transitions: [t], events: [] };
}

export function departEscort(escort: Escort, by: string, now: Date): Step<Escort> {
  const t = ESCORT.move(escort.status, 'departed', `left for ${escort.bank} (recorded by ${by})`, 'An escort');
  return {
    state: { ...escort, status: 'departed', departedAt: now },
    transitions: [t],
    events: [{ type: 'security.escort.departed', data: { escortId: escort.id, depositId: escort.depositId, guards: escort.guards, amountFen: escort.amountFen, departedAt: now.toISOString() } }],
  };
}

export function arriveEscort(escort: Escort, by: string, now: Date): Step<Escort> {
  const t = ESCORT.move(escort.status, 'completed', `arrived at ${escort.bank} (recorded by ${by})`, 'An escort');
  return {
    state: { ...escort, status: 'completed', arrivedAt: now },
    transitions: [t],
    events: [{
      type: 'security.escort.completed',
      data: { escortId: escort.id, depositId: escort.depositId, guards: escort.guards, amountFen: escort.amountFen, departedAt: escort.departedAt!.toISOString(), arrivedAt: now.toISOString() },
    }],
  };
}

/** An escort not started (departed) by its planned time is an exception for the captain. */
export function isLate(escort: Pick<Escort, 'status' | 'plannedAt'>, now: Date): boolean {
  return (escort.status === 'requested' || escort.status === 'assigned') && now.getTime() > escort.plannedAt.getTime();
}
