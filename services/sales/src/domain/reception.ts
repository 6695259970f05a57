import type { DomainEvent, Step } from '@ops/kernel';

/** A reception (a walk-in, a call, a visitor for staff) is logged once and stays logged; only its outcome is added later. */
export type ReceptionStatus = 'logged';

/** The front desk logs a reception: its one status, with why and what others must hear of it. */
export function logReception<R extends { status: ReceptionStatus }>(reception: Omit<R, 'status'>, reason: string, events: DomainEvent[] = []): Step<R> {
  return { state: { ...reception, status: 'logged' } as R, transitions: [{ from: 'new', to: 'logged', reason }], events };
}
