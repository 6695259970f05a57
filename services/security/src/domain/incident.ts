import type { IncidentSeverity } from '@ops/contracts';

export const INCIDENT_STATUSES = ['reported', 'acknowledged', 'investigating', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** High and critical incidents go to the security manager at once, to be acknowledged within 15 minutes (DESIGN §7). */
export const ACKNOWLEDGE_WITHIN_MS = 15 * 60 * 1000;

export function needsImmediateEscalation(severity: IncidentSeverity): boolean {
  return severity === 'high' || severity === 'critical';
}

export function acknowledgeBy(severity: IncidentSeverity, reportedAt: Date): Date | null {
  return needsImmediateEscalation(severity) ? new Date(reportedAt.getTime() + ACKNOWLEDGE_WITHIN_MS) : null;
}
