import { DomainError, note, StateMachine, type DomainEvent, type Step } from '@ops/kernel';

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
  /** Cash was lost, short or taken: finance flags the incident (domain.md §7). */
  cashInvolved?: boolean;
  cashAmountFen?: number | null;
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

/** What an incident gathers after its report: who took it, who investigates, notes, and how it ended. */
export interface IncidentNote {
  text: string;
  by: string;
  at: string;
}

export interface IncidentCase extends Incident {
  assignee: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
  resolution: string | null;
  closedAt: Date | null;
  notes: IncidentNote[];
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
export function reportIncident<R extends IncidentReport>(report: R): Step<R & Omit<IncidentCase, keyof IncidentReport>> {
  const deadline = acknowledgeBy(report.severity, report.reportedAt);
  const incident = {
    ...report, status: 'reported' as const, acknowledgeBy: deadline,
    assignee: null, acknowledgedBy: null, acknowledgedAt: null, escalatedAt: null, resolution: null, closedAt: null, notes: [],
  };
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
      ...(incident.cashInvolved ? { cashInvolved: true, ...(incident.cashAmountFen != null ? { cashAmountFen: incident.cashAmountFen } : {}) } : {}),
    },
  };
}

/** The most evidence references one incident keeps. */
export const MAX_EVIDENCE = 50;

const label = (i: Pick<IncidentReport, 'number' | 'severity' | 'type' | 'location'>) => `${i.number}: ${i.severity} ${i.type.replace(/_/g, ' ')} at ${i.location}`;

/** Who is told of a new incident at once: the security manager, for high and critical ones. */
export function notifyOnReport(incident: Pick<IncidentReport, 'number' | 'severity' | 'type' | 'location'>): { recipientRole: string; subject: string } | null {
  return needsImmediateEscalation(incident.severity) ? { recipientRole: 'security_manager', subject: label(incident) } : null;
}

function open<I extends IncidentCase>(incident: I): void {
  if (incident.status === 'closed') throw new DomainError('conflict', 'incident-closed', `Incident ${incident.number} is closed`);
}

/** The security manager (or a captain) takes the incident on; late is still recorded, but escalation has happened by then. */
export function acknowledgeIncident<I extends IncidentCase>(incident: I, by: string, now: Date): Step<I> {
  const late = incident.acknowledgeBy && now.getTime() > incident.acknowledgeBy.getTime();
  const t = INCIDENT.move(incident.status, 'acknowledged', `acknowledged by ${by}${late ? ' after its deadline' : ''}`, `Incident ${incident.number}`);
  return { state: { ...incident, status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: now }, transitions: [t], events: [] };
}

export function assignIncident<I extends IncidentCase>(incident: I, assignee: string, by: string): Step<I> {
  open(incident);
  return { state: { ...incident, assignee }, transitions: [note(incident.status, `assigned to ${assignee} by ${by}`)], events: [] };
}

/** An investigation needs someone to do it. */
export function investigateIncident<I extends IncidentCase>(incident: I, by: string): Step<I> {
  const t = INCIDENT.move(incident.status, 'investigating', `investigation started by ${by}`, `Incident ${incident.number}`);
  if (!incident.assignee) throw new DomainError('rule_violated', 'incident-unassigned', `Incident ${incident.number} has nobody assigned to investigate it`);
  return { state: { ...incident, status: 'investigating' }, transitions: [t], events: [] };
}

export function resolveIncident<I extends IncidentCase>(incident: I, resolution: string, by: string): Step<I> {
  const t = INCIDENT.move(incident.status, 'resolved', `resolved by ${by}: ${resolution}`, `Incident ${incident.number}`);
  return { state: { ...incident, status: 'resolved', resolution }, transitions: [t], events: [] };
}

export function closeIncident<I extends IncidentCase>(incident: I, by: string, now: Date): Step<I> {
  const t = INCIDENT.move(incident.status, 'closed', `closed by ${by}`, `Incident ${incident.number}`);
  return {
    state: { ...incident, status: 'closed', closedAt: now },
    transitions: [t],
    events: [{
      type: 'security.incident.closed',
      data: {
        incidentId: incident.id, incidentNumber: incident.number, type: incident.type, severity: incident.severity, location: incident.location,
        resolution: incident.resolution ?? '', closedBy: by, closedAt: now.toISOString(),
      },
    }],
  };
}

export function addIncidentNote<I extends IncidentCase>(incident: I, text: string, by: string, now: Date): Step<I> {
  open(incident);
  return { state: { ...incident, notes: [...incident.notes, { text, by, at: now.toISOString() }] }, transitions: [note(incident.status, `note by ${by}: ${text}`)], events: [] };
}

/** Evidence is referenced, never uploaded; a reference already there is not added again. */
export function addIncidentEvidence<I extends IncidentCase>(incident: I, references: string[], by: string): Step<I> {
  open(incident);
  const added = [...new Set(references.map((r) => r.trim()).filter((r) => r && !incident.evidence.includes(r)))];
  if (incident.evidence.length + added.length > MAX_EVIDENCE) {
    throw new DomainError('rule_violated', 'too-much-evidence', `An incident keeps at most ${MAX_EVIDENCE} evidence references`);
  }
  if (!added.length) return { state: incident, transitions: [], events: [] };
  return { state: { ...incident, evidence: [...incident.evidence, ...added] }, transitions: [note(incident.status, `evidence added by ${by}: ${added.join(', ')}`)], events: [] };
}

/** A serious incident still unacknowledged at its deadline (business clock) goes to the general manager — once. */
export function isOverdueForAcknowledgement(incident: Pick<IncidentCase, 'status' | 'acknowledgeBy' | 'escalatedAt'>, now: Date): boolean {
  return incident.status === 'reported' && incident.acknowledgeBy !== null && incident.escalatedAt === null && now.getTime() >= incident.acknowledgeBy.getTime();
}

/** Escalation: a note in the history, `security.incident.escalated`, and the general manager told. Nothing when it is not (or no longer) due. */
export function escalateIncident<I extends IncidentCase>(incident: I, now: Date): Step<I> & { notify: { recipientRole: string; subject: string } | null } {
  if (!isOverdueForAcknowledgement(incident, now)) return { state: incident, transitions: [], events: [], notify: null };
  const deadline = incident.acknowledgeBy!;
  return {
    state: { ...incident, escalatedAt: now },
    transitions: [note(incident.status, `not acknowledged by ${deadline.toISOString()}: escalated to the general manager`)],
    events: [{
      type: 'security.incident.escalated',
      data: {
        incidentId: incident.id, incidentNumber: incident.number, type: incident.type, severity: incident.severity, location: incident.location,
        acknowledgeBy: deadline.toISOString(), escalatedAt: now.toISOString(), escalatedTo: 'general_manager',
      },
    }],
    notify: { recipientRole: 'general_manager', subject: `Not acknowledged in 15 minutes — ${label(incident)}` },
  };
}
