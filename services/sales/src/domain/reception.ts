import { DomainError, note, type DomainEvent, type Step } from '@ops/kernel';

/** A reception (a walk-in, a call, a visitor for staff) is logged once and stays logged; only its outcome is added later. */
export type ReceptionStatus = 'logged';

/** The front desk logs a reception: its one status, with why and what others must hear of it. */
export function logReception<R extends { status: ReceptionStatus }>(reception: Omit<R, 'status'>, reason: string, events: DomainEvent[] = []): Step<R> {
  return { state: { ...reception, status: 'logged' } as R, transitions: [{ from: 'new', to: 'logged', reason }], events };
}

/**
 * The outcome of a customer's visit or call (a test drive booked, a quote sent). A visitor for staff has none;
 * among the sales reps only the consultant assigned records it (managers and the desk may too).
 */
export function recordOutcome<R extends { kind: 'customer' | 'staff_visitor'; consultant: string | null; status: ReceptionStatus; outcome: string | null }>(
  reception: R,
  outcome: string,
  by: { username: string | undefined; onlyRep: boolean },
): Step<R> {
  if (reception.kind !== 'customer') throw new DomainError('conflict', 'not-a-sales-reception', 'A staff visitor has no sales outcome');
  if (by.onlyRep && reception.consultant !== by.username) throw new DomainError('forbidden', 'not-your-reception', 'Only the consultant assigned records the outcome of a reception');
  return { state: { ...reception, outcome }, transitions: [note(reception.status, `Outcome: ${outcome}`)], events: [] };
}
