import { DomainError, StateMachine, type Step } from '@ops/kernel';

/** Visitors (前臺接待, domain.md §7): checked in with their ID number masked, the host told, checked out; overstays listed. */

export type VisitorStatus = 'on_site' | 'left';
export const VISIT = new StateMachine<VisitorStatus>('visit', { on_site: ['left'], left: [] });

export interface Visitor {
  id: string;
  name: string;
  idNumberMasked: string;
  host: string;
  purpose: string;
  badge: string;
  status: VisitorStatus;
  checkedInAt: Date;
  expectedLeaveAt: Date;
  checkedOutAt: Date | null;
  checkedInBy: string;
}

/** Only the last 4 characters of an ID number are kept; the rest become `*`. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  const shown = id.slice(-4);
  return '*'.repeat(Math.max(0, id.length - 4)) + shown;
}

export function checkInVisitor(visit: Omit<Visitor, 'status' | 'checkedOutAt' | 'idNumberMasked'> & { idNumber: string }): Step<Visitor> {
  if (visit.expectedLeaveAt.getTime() <= visit.checkedInAt.getTime()) {
    throw new DomainError('rule_violated', 'leave-time-past', 'The expected leave time must be after the check-in', [{ field: 'expectedLeaveAt', message: 'must be in the future' }]);
  }
  const { idNumber, ...rest } = visit;
  const visitor: Visitor = { ...rest, idNumberMasked: maskIdNumber(idNumber), status: 'on_site', checkedOutAt: null };
  return {
    state: visitor,
    transitions: [{ from: 'new', to: 'on_site', reason: `${visitor.name} checked in for ${visitor.host} with badge ${visitor.badge}` }],
    events: [{
      type: 'security.visitor.arrived',
      data: {
        visitorId: visitor.id, name: visitor.name, host: visitor.host, purpose: visitor.purpose, badge: visitor.badge,
        arrivedAt: visitor.checkedInAt.toISOString(), expectedLeaveAt: visitor.expectedLeaveAt.toISOString(),
      },
    }],
  };
}

export function checkOutVisitor(visitor: Visitor, by: string, now: Date): Step<Visitor> {
  const t = VISIT.move(visitor.status, 'left', `checked out by ${by}`, `Visitor ${visitor.name}`);
  return { state: { ...visitor, status: 'left', checkedOutAt: now }, transitions: [t], events: [] };
}

/** Still on site after the expected leave time, on the business clock. */
export function isOverstaying(visitor: Pick<Visitor, 'status' | 'expectedLeaveAt'>, now: Date): boolean {
  return visitor.status === 'on_site' && now.getTime() > visitor.expectedLeaveAt.getTime();
}
