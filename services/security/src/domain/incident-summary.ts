import type { IncidentSeverity, IncidentStatus, IncidentType } from './incident.js';

/** An incident is open until it is resolved (and then closed). */
export const isOpen = (status: IncidentStatus): boolean => status !== 'resolved' && status !== 'closed';

/** Incidents of one type, severity and status, as a query counts them. */
export interface IncidentTally {
  type: IncidentType;
  severity: IncidentSeverity;
  status: IncidentStatus;
  count: number;
}

export interface IncidentSummary {
  total: number;
  open: number;
  counts: Array<{ type: IncidentType; severity: IncidentSeverity; count: number }>;
  /** How many are in each state of their life, every state named (0 when none). */
  byStatus: Record<IncidentStatus, number>;
}

const SEVERITY_RANK: Record<IncidentSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * A period's incidents summed up: the total, those still open, and a count per type and severity for the
 * combinations that occurred — most first, then by type, then from critical to low.
 */
export function incidentSummary(tallies: readonly IncidentTally[]): IncidentSummary {
  const counts = new Map<string, { type: IncidentType; severity: IncidentSeverity; count: number }>();
  let total = 0;
  let open = 0;
  const byStatus: Record<IncidentStatus, number> = { reported: 0, acknowledged: 0, investigating: 0, resolved: 0, closed: 0 };
  for (const t of tallies) {
    if (t.count <= 0) continue;
    total += t.count;
    byStatus[t.status] += t.count;
    if (isOpen(t.status)) open += t.count;
    const key = `${t.type}/${t.severity}`;
    const known = counts.get(key);
    if (known) known.count += t.count;
    else counts.set(key, { type: t.type, severity: t.severity, count: t.count });
  }
  const sorted = [...counts.values()].sort(
    (a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  return { total, open, counts: sorted, byStatus };
}
