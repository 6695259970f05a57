import { SECURITY, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { AssignEscortBody, AssignEscortRequest, EscortIdRequest, EscortView, ListEscortExceptionsQuery, ListEscortsQuery } from './escorts.js';
import {
  AssignIncidentBody, AssignIncidentRequest, IncidentDetailView, IncidentEvidenceBody, IncidentEvidenceRequest, IncidentIdRequest, IncidentNoteBody, IncidentNoteRequest,
  ListSecurityNotificationsQuery, SecurityNotificationView, ResolveIncidentBody, ResolveIncidentRequest,
} from './incident-lifecycle.js';
import {
  CameraSweepRequest, CameraSweepView, DutyHandoverIdRequest, DutyHandoverRequest, DutyHandoverView, DutyLogEntryRequest, DutyLogEntryView, FootageHoldIdRequest,
  FootageHoldRequest, FootageHoldView, FootageHoldViewingView, ListCameraSweepsQuery, ListDutyHandoversQuery, ListDutyLogQuery, ListFootageHoldsQuery,
  ListFootageHoldViewsQuery, ListFootageHoldViewsRequest,
} from './monitoring.js';
import { IncidentView } from './views.js';
import { CheckInVisitorRequest, ListOverstaysQuery, ListVisitorsQuery, VisitorIdRequest, VisitorView } from './visitors.js';

const LEADS: readonly Role[] = ['security_captain', 'security_manager'];
const MONITORING: readonly Role[] = ['monitoring_operator', 'security_manager'];
const FRONT_DESK: readonly Role[] = ['security_guard', 'security_captain', 'receptionist'];

const moved = (what: string) => ({ status: 409, description: `The incident is not where ${what} (\`incident-transition-refused\`)` });

/** The security department's watch: incidents through their life, notifications, the monitoring room, visitors and cash escorts. */
export const SECURITY_WATCH_OPERATIONS = {
  getIncident: {
    kind: 'query', roles: [...SECURITY, 'general_manager'], request: IncidentIdRequest,
    http: { method: 'GET', path: 'security/incidents/:id' },
    answers: IncidentDetailView, summary: 'An incident with its notes and timeline', errors: [404],
    description: 'The timeline is the incident\'s history, oldest first: each move of its state (who, when, why) and each note, assignment and evidence added.',
  },
  acknowledgeIncident: {
    kind: 'command', roles: LEADS, request: IncidentIdRequest,
    http: { method: 'POST', path: 'security/incidents/:id/acknowledge' },
    answers: IncidentView, summary: 'Acknowledge a reported incident', errors: [404, moved('it can be acknowledged: only a reported one')],
    description:
      'High and critical incidents must be acknowledged within 15 minutes of their report (`acknowledgeBy`, on the business clock); one not acknowledged by then ' +
      'goes to the general manager (`security.incident.escalated`), once. Acknowledging later is still recorded.',
  },
  assignIncident: {
    kind: 'command', roles: LEADS, request: AssignIncidentRequest,
    http: { method: 'POST', path: 'security/incidents/:id/assign', body: AssignIncidentBody },
    answers: IncidentView, summary: 'Name who investigates an incident', errors: [404, { status: 409, description: 'The incident is closed (`incident-closed`)' }],
  },
  investigateIncident: {
    kind: 'command', roles: [...SECURITY], request: IncidentIdRequest,
    http: { method: 'POST', path: 'security/incidents/:id/investigate' },
    answers: IncidentView, summary: 'Start investigating an acknowledged incident',
    errors: [404, moved('an investigation can start: only an acknowledged one'), { status: 422, description: 'Nobody is assigned yet (`incident-unassigned`)' }],
  },
  resolveIncident: {
    kind: 'command', roles: [...SECURITY], request: ResolveIncidentRequest,
    http: { method: 'POST', path: 'security/incidents/:id/resolve', body: ResolveIncidentBody },
    answers: IncidentView, summary: 'Record what was found and done', errors: [404, moved('it can be resolved: only one under investigation')],
  },
  closeIncident: {
    kind: 'command', roles: ['security_manager'], request: IncidentIdRequest,
    http: { method: 'POST', path: 'security/incidents/:id/close' },
    answers: IncidentView, summary: 'Close a resolved incident', errors: [404, moved('it can be closed: only a resolved one')],
    description: 'Publishes `security.incident.closed`.',
  },
  addIncidentNote: {
    kind: 'command', roles: [...SECURITY], request: IncidentNoteRequest,
    http: { method: 'POST', path: 'security/incidents/:id/notes', body: IncidentNoteBody },
    answers: IncidentView, summary: 'Add a note to an incident', errors: [404, { status: 409, description: 'The incident is closed (`incident-closed`)' }],
  },
  addIncidentEvidence: {
    kind: 'command', roles: [...SECURITY], request: IncidentEvidenceRequest,
    http: { method: 'POST', path: 'security/incidents/:id/evidence', body: IncidentEvidenceBody },
    answers: IncidentView, summary: 'Add evidence references to an incident',
    errors: [404, { status: 409, description: 'The incident is closed (`incident-closed`)' }, { status: 422, description: 'More than 50 references in all (`too-much-evidence`)' }],
    description: 'References only (file names, URLs, hashes); nothing is uploaded. A reference already on the incident is not added twice.',
  },
  listNotifications: {
    kind: 'query', roles: [...SECURITY, 'general_manager', 'receptionist'], request: ListSecurityNotificationsQuery,
    http: { method: 'GET', path: 'security/notifications' },
    answers: pageOf(SecurityNotificationView), summary: 'Notifications for the signed-in person\'s roles, newest first',
    description:
      'A high or critical incident notifies the security manager at once; one not acknowledged within 15 minutes notifies the general manager; a finance ' +
      'escort request notifies the security captain; a visitor for staff met at the sales front desk notifies the guards (`visitor_announced`, ' +
      'its `documentId` the reception), who check them in at the gate.',
  },

  writeDutyLog: {
    kind: 'command', roles: MONITORING, request: DutyLogEntryRequest, creates: true,
    http: { method: 'POST', path: 'security/duty-log' },
    answers: DutyLogEntryView, summary: 'Write a line in the monitoring room\'s duty log',
  },
  listDutyLog: {
    kind: 'query', roles: MONITORING, request: ListDutyLogQuery,
    http: { method: 'GET', path: 'security/duty-log' },
    answers: pageOf(DutyLogEntryView), summary: 'The duty log, newest first',
  },
  handOverDuty: {
    kind: 'command', roles: ['monitoring_operator'], request: DutyHandoverRequest, creates: true,
    http: { method: 'POST', path: 'security/duty-handovers' },
    answers: DutyHandoverView, summary: 'Hand the monitoring room over to the next operator (first confirmation)',
    errors: [{ status: 422, description: 'Handing over to oneself (`same-operator`)' }],
  },
  confirmDutyHandover: {
    kind: 'command', roles: ['monitoring_operator'], request: DutyHandoverIdRequest,
    http: { method: 'POST', path: 'security/duty-handovers/:id/confirm' },
    answers: DutyHandoverView, summary: 'Confirm taking the monitoring room over (second confirmation)',
    errors: [404, { status: 403, description: 'Not the operator it was handed to (`not-the-incoming-operator`)' }, { status: 409, description: 'Already confirmed' }],
  },
  listDutyHandovers: {
    kind: 'query', roles: MONITORING, request: ListDutyHandoversQuery,
    http: { method: 'GET', path: 'security/duty-handovers' },
    answers: pageOf(DutyHandoverView), summary: 'Monitoring room handovers, newest first', description: '`status=pending`: handed over, not yet confirmed by the incoming operator.',
  },
  recordCameraSweep: {
    kind: 'command', roles: MONITORING, request: CameraSweepRequest, creates: true,
    http: { method: 'POST', path: 'security/camera-sweeps' },
    answers: CameraSweepView, summary: 'Record a camera checked in a sweep, and what was seen',
  },
  listCameraSweeps: {
    kind: 'query', roles: MONITORING, request: ListCameraSweepsQuery,
    http: { method: 'GET', path: 'security/camera-sweeps' },
    answers: pageOf(CameraSweepView), summary: 'Camera sweep records, newest first',
  },
  holdFootage: {
    kind: 'command', roles: MONITORING, request: FootageHoldRequest, creates: true,
    http: { method: 'POST', path: 'security/footage-holds' },
    answers: FootageHoldView, summary: 'Hold a camera\'s footage of a time range until a release date',
    errors: [{ status: 422, description: 'A range that ends before it starts, a release date not in the future, or an unknown incident' }],
  },
  listFootageHolds: {
    kind: 'query', roles: MONITORING, request: ListFootageHoldsQuery,
    http: { method: 'GET', path: 'security/footage-holds' },
    answers: pageOf(FootageHoldView), summary: 'Footage holds, newest first',
  },
  viewFootageHold: {
    kind: 'command', roles: MONITORING, request: FootageHoldIdRequest,
    http: { method: 'GET', path: 'security/footage-holds/:id' },
    answers: FootageHoldView, summary: 'View a footage hold (the view is logged)', errors: [404],
    rolesNote: 'Only monitoring operators and the security manager, not even the auditor; anyone else is refused (403) and the refusal is in the gateway\'s audit trail.',
    description: 'Every view is logged (who, when, which hold) and listed with `GET security/footage-holds/{id}/views`.',
  },
  listFootageHoldViews: {
    kind: 'query', roles: MONITORING, request: ListFootageHoldViewsRequest,
    http: { method: 'GET', path: 'security/footage-holds/:id/views', query: ListFootageHoldViewsQuery },
    answers: pageOf(FootageHoldViewingView), summary: 'Who viewed a footage hold, and when, newest first', errors: [404],
  },
  releaseFootageHold: {
    kind: 'command', roles: MONITORING, request: FootageHoldIdRequest,
    http: { method: 'DELETE', path: 'security/footage-holds/:id' },
    answers: FootageHoldView, summary: 'Release a footage hold on or after its release date',
    errors: [404, { status: 409, description: 'Before its release date (`footage-hold-not-due`), or released already' }],
    description: 'Nobody may release footage before `heldUntil` (on the business clock). The hold stays listed as `released`.',
  },

  checkInVisitor: {
    kind: 'command', roles: FRONT_DESK, request: CheckInVisitorRequest, creates: true,
    http: { method: 'POST', path: 'security/visitors' },
    answers: VisitorView, summary: 'Check a visitor in; the host is told',
    errors: [{ status: 422, description: 'An expected leave time not in the future, or a badge already on site (`badge-in-use`)' }],
    description: 'Keeps only the last 4 characters of the ID number. Publishes `security.visitor.arrived` for the host.',
  },
  checkOutVisitor: {
    kind: 'command', roles: FRONT_DESK, request: VisitorIdRequest,
    http: { method: 'POST', path: 'security/visitors/:id/check-out' },
    answers: VisitorView, summary: 'Check a visitor out', errors: [404, { status: 409, description: 'Checked out already' }],
  },
  listVisitors: {
    kind: 'query', roles: [...SECURITY, 'receptionist'], request: ListVisitorsQuery,
    http: { method: 'GET', path: 'security/visitors' },
    answers: pageOf(VisitorView), summary: 'The visitor log, newest first (CSV with `Accept: text/csv`)',
    description: 'With `date`, the daily visitor log of that business date.',
  },
  listOverstays: {
    kind: 'query', roles: [...SECURITY, 'receptionist'], request: ListOverstaysQuery,
    http: { method: 'GET', path: 'security/visitors/overstays' },
    answers: pageOf(VisitorView), summary: 'Visitors still on site after their expected leave time (business clock)',
  },

  listEscorts: {
    kind: 'query', roles: [...SECURITY, 'finance_manager'], request: ListEscortsQuery,
    http: { method: 'GET', path: 'security/escorts' },
    answers: pageOf(EscortView), summary: 'Cash escorts, by planned time', description: 'Each `finance.escort.requested` opens one escort task.',
  },
  listEscortExceptions: {
    kind: 'query', roles: [...SECURITY, 'finance_manager'], request: ListEscortExceptionsQuery,
    http: { method: 'GET', path: 'security/escorts/exceptions' },
    answers: pageOf(EscortView), summary: 'Escorts not started by their planned time (business clock)',
  },
  assignEscort: {
    kind: 'command', roles: ['security_captain'], request: AssignEscortRequest,
    http: { method: 'POST', path: 'security/escorts/:id/assign', body: AssignEscortBody },
    answers: EscortView, summary: 'Assign the guards of a cash escort (at least 2)',
    errors: [404, { status: 409, description: 'The escort has left already' }, { status: 422, description: 'Fewer than 2 different guards (`escort-needs-two-guards`)' }],
  },
  departEscort: {
    kind: 'command', roles: ['security_guard', 'security_captain'], request: EscortIdRequest,
    http: { method: 'POST', path: 'security/escorts/:id/depart' },
    answers: EscortView, summary: 'The escort leaves for the bank', errors: [404, { status: 409, description: 'Guards not assigned yet, or left already' }],
    description: 'Publishes `security.escort.departed`.',
  },
  arriveEscort: {
    kind: 'command', roles: ['security_guard', 'security_captain'], request: EscortIdRequest,
    http: { method: 'POST', path: 'security/escorts/:id/arrive' },
    answers: EscortView, summary: 'The escort arrived at the bank', errors: [404, { status: 409, description: 'Not on its way' }],
    description: 'Publishes `security.escort.completed`.',
  },
} satisfies Record<string, OperationSpec>;
