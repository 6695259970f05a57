import { StateMachine, type DomainEvent, type Step } from '@ops/kernel';

/**
 * An incident on site (domain.md §7): reported, then acknowledged by the security manager, investigated,
 * resolved and closed — in that order, none skipped, none undone.
 */
export type IncidentStatus = 'reported' | 'acknowledged' | 'investigating' | 'resolved' | 'closed';

export const INCIDENT = new StateMachine<IncidentStatus>('incident', {
  reported: ['acknowledged'],
  acknowledged: ['investigating'],
  investigating: ['resolved'],
  resolved: ['closed'],
  closed: [],
});

export const INCIDENT_STATUSES: readonly IncidentStatus[] = INCIDENT.states;

export type IncidentType =
  | 'theft' | 'fire_hazard' | 'fire' | 'fight' | 'intrusion' | 'traffic_accident'
  | 'equipment_damage' | 'suspicious_person' | 'unauthorized_goods_exit' | 'other';

export type IncidentSeverity = 'low' | 'medium' | 'high' | 'critical';

/** What the person reporting says happened, and where. */
export interface IncidentFacts {
  type: IncidentType;
  severity: IncidentSeverity;
  /** A warehouse location as WAREHOUSE/LOCATION, or a gate, or any place on site. */
  location: string;
  description: string;
}

/** An incident as it is first recorded: numbered, dated and signed by the reporter. */
export interface IncidentReport extends IncidentFacts {
  id: string;
  number: string;
  occurredAt: Date;
  evidence: string[];
  reportedBy: string;
  reportedAt: Date;
}

export interface Incident extends IncidentReport {
  status: IncidentStatus;
  acknowledgeBy: Date | null;
}

/** High and critical incidents go to the security manager at once, to be acknowledged within 15 minutes (domain.md §7). */
export const ACKNOWLEDGE_WITHIN_MS = 15 * 60 * 1000;

export function needsImmediateEscalation(severity: IncidentSeverity): boolean {
  return severity === 'high' || severity === 'critical';
}

export function acknowledgeBy(severity: IncidentSeverity, reportedAt: Date): Date | null {
  return needsImmediateEscalation(severity) ? new Date(reportedAt.getTime() + ACKNOWLEDGE_WITHIN_MS) : null;
}

/**
 * Every new incident is recorded and announced (domain.md §7): security escalates the serious ones, and
 * inventory recounts a warehouse location after theft or damage there.
 */
export function reportIncident<R extends IncidentReport>(report: R): Step<R & Pick<Incident, 'status' | 'acknowledgeBy'>> {
  const deadline = acknowledgeBy(report.severity, report.reportedAt);
  const incident = { ...report, status: 'reported' as const, acknowledgeBy: deadline };
  const reason = deadline
    ? `${report.severity} ${report.type.replace(/_/g, ' ')} reported by ${report.reportedBy}: to be acknowledged by ${deadline.toISOString()}`
    : `${report.severity} ${report.type.replace(/_/g, ' ')} reported by ${report.reportedBy}`;
  return { state: incident, transitions: [{ from: 'new', to: 'reported', reason }], events: [reportedEvent(incident)] };
}

function reportedEvent(incident: IncidentReport): DomainEvent {
  return {
    type: 'security.incident.reported',
    data: {
      incidentId: incident.id, incidentNumber: incident.number, type: incident.type, severity: incident.severity, location: incident.location,
      occurredAt: incident.occurredAt.toISOString(), description: incident.description, reportedBy: incident.reportedBy, evidence: incident.evidence,
    },
  };
}
