import { SECURITY, WAREHOUSE } from '@ops/kernel';
import { adminOperations } from '../admin/operations.js';
import { defineCatalog, pageOf } from '../catalog.js';
import { SECURITY_PATROL_OPERATIONS } from './patrols-catalog.js';
import { IncidentSummaryQuery, ListExpectedExitsQuery, ListGateChecksQuery, ListIncidentsQuery, RecordGateCheckRequest, ReportIncidentRequest } from './requests.js';
import { ExpectedExitView, GateCheckView, IncidentSummaryView, IncidentView } from './views.js';
import { SECURITY_WATCH_OPERATIONS } from './watch-catalog.js';

/** Everything the security service answers: incidents, and the gate's expected exits and checks. */
export const SecurityCatalog = {
  ...defineCatalog('security', {
    reportIncident: {
      kind: 'command', roles: [...SECURITY, ...WAREHOUSE], request: ReportIncidentRequest, creates: true,
      http: { method: 'POST', path: 'security/incidents' },
      answers: IncidentView, summary: 'Report an incident',
      description: 'High and critical incidents must be acknowledged within 15 minutes. Theft, equipment damage and unauthorized goods exits in a warehouse location (`WAREHOUSE/LOCATION`) make inventory open a recount there.',
    },
    listIncidents: {
      kind: 'query', roles: [...SECURITY, 'general_manager'], request: ListIncidentsQuery,
      http: { method: 'GET', path: 'security/incidents' },
      answers: pageOf(IncidentView), summary: 'List incidents, newest first',
    },
    getIncidentSummary: {
      kind: 'query', roles: ['security_captain', 'monitoring_operator', 'security_manager', 'general_manager'], request: IncidentSummaryQuery,
      http: { method: 'GET', path: 'security/incidents/summary' },
      answers: IncidentSummaryView, summary: 'Incidents of a period by type and severity, and how many are open',
      errors: [{ status: 400, description: 'A bad date, a period that ends before it starts (naming `to`, or `from` when only it was given), or one of more than 92 days' }],
      description:
        'For the security dashboard. Incidents counted by the business date (Asia/Shanghai) they occurred (`occurredAt`, which the ' +
        'reporter may give), from `from` to `to`: the total, those of them not yet resolved or closed (`open`), how many are in each state (`byStatus`), and a count per type and ' +
        'severity for each combination that occurred. Without `from` and `to`, the 30 business days ending today; at most 92 days.',
    },
    listExpectedExits: {
      kind: 'query', roles: ['security_guard', 'security_captain', 'security_manager'], request: ListExpectedExitsQuery,
      http: { method: 'GET', path: 'security/expected-exits' },
      answers: pageOf(ExpectedExitView), summary: 'Shipments the gate should see leave',
    },
    recordGateCheck: {
      kind: 'command', roles: ['security_guard', 'security_captain'], request: RecordGateCheckRequest, creates: true,
      http: { method: 'POST', path: 'security/gate-checks' },
      answers: GateCheckView, summary: 'Check goods leaving at the gate', errors: [409],
      description:
        'Matches the shipment number on the papers and the pieces counted against the shipments the gate expects. The same count ' +
        'clears the shipment (`cleared`); a different count (`mismatch`) or unknown papers (`unknown_shipment`) record the check and ' +
        'raise a high-severity `unauthorized_goods_exit` incident. 409 when the shipment has already left.',
    },
    listGateChecks: {
      kind: 'query', roles: ['security_guard', 'security_captain', 'security_manager'], request: ListGateChecksQuery,
      http: { method: 'GET', path: 'security/gate-checks' },
      answers: pageOf(GateCheckView), summary: 'List gate checks, newest first',
    },
  }),
  ...defineCatalog('security', SECURITY_PATROL_OPERATIONS),
  ...defineCatalog('security', SECURITY_WATCH_OPERATIONS),
  ...defineCatalog('security', adminOperations('security', ['security_manager']), 'admin.'),
};
