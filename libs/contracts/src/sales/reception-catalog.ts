import type { Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  DecideLeadDisputeBody, DecideLeadDisputeRequest, DutyRosterDateRequest, DutyRosterView, FollowUpBody, FollowUpRequest, LeadDisputeView, LeadView, ListLeadDisputesQuery,
  ListLeadsQuery, ListReceptionsQuery, LogReceptionRequest, PresenceBody, PresenceRequest, ReceptionCountsQuery, ReceptionCountsView, ReceptionOutcomeBody,
  ReceptionOutcomeRequest, ReceptionView, RegisterLeadRequest, RotationEntryView, RotationFairnessQuery, RotationFairnessView, RotationLogQuery, SetDutyRosterBody, SetDutyRosterRequest,
  StaffVisitorRequest, SetTargetRequest, ListTargetsQuery, RejectTargetBody, RejectTargetRequest, TargetView,
} from './reception.js';

/** Who reads the front desk's records (the auditor is added to every query). */
const FRONT_DESK_READERS: readonly Role[] = ['receptionist', 'sales_manager', 'sales_vp', 'general_manager'];
const LEAD_READERS: readonly Role[] = ['sales_rep', 'sales_manager', 'sales_vp', 'general_manager'];
const DATE_PARAM = { date: 'code' } as const;

/** The front desk in the sales catalogue: reception log, duty roster and rotation, leads and their disputes, sales targets (domain.md §4, front desk). */
export const SALES_RECEPTION_OPERATIONS = {
  logReception: {
    kind: 'command', roles: ['receptionist', 'sales_manager'], request: LogReceptionRequest, creates: true,
    http: { method: 'POST', path: 'sales/receptions' },
    answers: ReceptionView, summary: 'Log a walk-in or a call, and assign its consultant',
    errors: [
      { status: 400, description: 'A field missing or malformed, or `referredTo` missing for a referral (naming the field)' },
      { status: 409, description: 'A walk-in by rotation when no duty roster is set for today (`no-duty-roster`) or every consultant on it is away (`nobody-on-the-floor`)' },
    ],
    description:
      'Every customer who walks in or calls is logged: time (now), name, phone, source channel, need, the consultant assigned, outcome. The consultant: ' +
      'a phone known as a lead someone owns makes a **returning customer**, who goes to their own consultant (`returning`); a `referral` goes to ' +
      'the consultant named in `referredTo`; neither counts in the rotation. Any other `walk_in` goes to the next consultant of today\'s duty ' +
      'roster who is on the floor (`rotation`): each one passed over because away loses that turn, recorded as a skip with the reason (`skipped`). ' +
      'Calls, web and event contacts take the consultant given in `consultant` (`named`) or none. A name without a phone is logged but is not a lead.',
  },
  recordStaffVisitor: {
    kind: 'command', roles: ['receptionist'], request: StaffVisitorRequest, creates: true,
    http: { method: 'POST', path: 'sales/receptions/staff-visitors' },
    answers: ReceptionView, summary: 'Record a visitor for a member of staff and send them on to security',
    description:
      'Not a sales reception (not counted, no consultant): the front desk records the visitor and sales publishes ' +
      '`sales.reception.staff-visitor-arrived` (name, phone, host, purpose) for security\'s visitor check-in.',
  },
  recordReceptionOutcome: {
    kind: 'command', roles: ['receptionist', 'sales_rep', 'sales_manager'], request: ReceptionOutcomeRequest,
    http: { method: 'POST', path: 'sales/receptions/:id/outcome', body: ReceptionOutcomeBody },
    answers: ReceptionView, summary: 'Record the outcome of a reception',
    rolesNote: 'A sales rep only for a reception assigned to them (the handler checks).',
    errors: [404, { status: 403, description: 'A sales rep for someone else\'s reception (`not-your-reception`)' }, { status: 409, description: 'A staff visitor (`not-a-sales-reception`)' }],
    description: 'Replaces any outcome recorded before (the audit trail keeps the earlier one).',
  },
  listReceptions: {
    kind: 'query', roles: [...FRONT_DESK_READERS, 'sales_rep'], request: ListReceptionsQuery,
    http: { method: 'GET', path: 'sales/receptions' },
    rolesNote: 'A sales rep sees only the receptions assigned to them (the handler filters).',
    answers: pageOf(ReceptionView), summary: 'The reception log, newest first (CSV with `Accept: text/csv`)',
    description: 'Filter by business `date`, `channel`, `kind` (`customer` or `staff_visitor`), `consultant`.',
  },
  getReceptionCounts: {
    kind: 'query', roles: FRONT_DESK_READERS, request: ReceptionCountsQuery,
    http: { method: 'GET', path: 'sales/receptions/daily-counts' },
    answers: ReceptionCountsView, summary: 'Walk-ins and calls per day, by source channel',
    errors: [{ status: 400, description: 'A bad date, a period that ends before it starts, or one of more than 92 days (naming the field)' }],
    description:
      'Every business date of the period (default: the 30 ending today; at most 92), oldest first, zeros included: customer receptions per ' +
      'channel, `walkIns` (= `walk_in`), `calls` (= `phone`), their `total`, and `staffVisitors` (not sales receptions) apart; `totals` sums them.',
  },
  setDutyRoster: {
    kind: 'command', roles: ['sales_manager'], request: SetDutyRosterRequest,
    http: { method: 'PUT', path: 'sales/duty-roster/:date', params: DATE_PARAM, body: SetDutyRosterBody },
    answers: DutyRosterView, summary: 'Set the consultants on the floor for a business day, in rotation order',
    errors: [{ status: 400, description: 'A bad date or consultant name, or a consultant twice' }, { status: 409, description: 'A day already past (`roster-closed`)' }],
    description:
      'The consultants (usernames of sales reps) on duty that day, in the order walk-ins go round. Setting it again keeps the turn with whoever ' +
      'was next if they are still on it; presence (away / back) is kept for those who stay.',
  },
  getDutyRoster: {
    kind: 'query', roles: FRONT_DESK_READERS, request: DutyRosterDateRequest,
    http: { method: 'GET', path: 'sales/duty-roster/:date', params: DATE_PARAM },
    answers: DutyRosterView, summary: 'A day\'s duty roster: who is on the floor, who is next, turns and skips so far',
    errors: [404],
  },
  setPresence: {
    kind: 'command', roles: ['receptionist', 'sales_manager'], request: PresenceRequest,
    http: { method: 'POST', path: 'sales/duty-roster/:date/presence', params: DATE_PARAM, body: PresenceBody },
    answers: DutyRosterView, summary: 'Mark a consultant away from the floor (with the reason) or back',
    errors: [404, { status: 400, description: 'Away without a `reason`' }, { status: 422, description: 'Someone not on the day\'s roster (`not-on-roster`)' }],
    description: 'While away a consultant loses every turn that comes to them, each recorded as a skip with this reason.',
  },
  listRotationLog: {
    kind: 'query', roles: FRONT_DESK_READERS, request: RotationLogQuery,
    http: { method: 'GET', path: 'sales/rotation/log' },
    answers: pageOf(RotationEntryView), summary: 'Every assignment and skip, oldest first (CSV with `Accept: text/csv`)',
    errors: [{ status: 400, description: 'A bad period (naming the field)' }],
    description: 'For the fairness audit: rotation turns, skips with their reason, returning customers and referrals, in the order they happened. Filter by period, `consultant`, `kind`.',
  },
  getRotationFairness: {
    kind: 'query', roles: FRONT_DESK_READERS, request: RotationFairnessQuery,
    http: { method: 'GET', path: 'sales/rotation/fairness' },
    answers: RotationFairnessView, summary: 'Per consultant over a period: rotation turns, skips with reasons, returning customers, referrals',
    errors: [{ status: 400, description: 'A bad period (naming the field)' }],
    description:
      'Counts of the rotation log. Within a day each consultant on the roster is passed once per round, so turns + skips of any two differ ' +
      'by at most one per day; returning customers and referrals are outside the rotation and counted apart.',
  },
  registerLead: {
    kind: 'command', roles: ['sales_rep'], request: RegisterLeadRequest, creates: true,
    http: { method: 'POST', path: 'sales/leads' },
    answers: LeadView, summary: 'Register a customer as my lead (name and phone)',
    errors: [
      { status: 400, description: 'No phone (a name alone is not a lead), or a phone that is not an 11-digit mobile or a landline with its area code (`phone-invalid`, naming `phone`)' },
      { status: 409, description: 'The lead is mine already (`lead-already-yours`): log a follow-up instead' },
    ],
    description:
      'The phone is put in one form (spaces, dashes, +86/0086 dropped), so one customer is one lead. A new phone: the lead is mine (`new`). ' +
      'A lead in the pool, or whose owner has not followed up for two months: mine (`from_pool`; the lapse is recorded). A lead another ' +
      'consultant registered at most 7 days ago: shared 50/50 (`shared`). Any other: nothing changes and a dispute is opened for the sales ' +
      'manager (`disputed`, `disputeId`).',
  },
  listLeads: {
    kind: 'query', roles: LEAD_READERS, request: ListLeadsQuery,
    http: { method: 'GET', path: 'sales/leads' },
    answers: pageOf(LeadView), summary: 'Leads, most recently followed up first (CSV with `Accept: text/csv`)',
    rolesNote: 'A sales rep sees only the leads they own or share (the handler filters).',
    description: 'Filter by `status` (as of today), `consultant`, `phone` (any form).',
  },
  getLead: {
    kind: 'query', roles: LEAD_READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/leads/:id' },
    answers: LeadView, summary: 'Read a lead with its follow-ups and ownership history',
    rolesNote: 'A sales rep only a lead they own or share.',
    errors: [404],
  },
  logFollowUp: {
    kind: 'command', roles: ['sales_rep'], request: FollowUpRequest,
    http: { method: 'POST', path: 'sales/leads/:id/follow-ups', body: FollowUpBody },
    answers: LeadView, summary: 'Log a follow-up of my lead: I keep it two more months',
    errors: [404, { status: 403, description: 'Not an owner of the lead (`not-lead-owner`)' }, { status: 409, description: 'Ownership has lapsed (`lead-lapsed`): register it again' }],
  },
  listLeadDisputes: {
    kind: 'query', roles: ['sales_manager', 'sales_vp', 'general_manager'], request: ListLeadDisputesQuery,
    http: { method: 'GET', path: 'sales/lead-disputes' },
    answers: pageOf(LeadDisputeView), summary: 'Competing claims on leads, oldest first',
    description: 'Filter by `status` (`open` waits for the sales manager).',
  },
  decideLeadDispute: {
    kind: 'command', roles: ['sales_manager'], request: DecideLeadDisputeRequest,
    http: { method: 'POST', path: 'sales/lead-disputes/:id/decide', body: DecideLeadDisputeBody },
    answers: LeadDisputeView, summary: 'Decide a dispute over a lead, with the reason',
    errors: [404, { status: 409, description: 'Decided already (`dispute-decided`)' }, { status: 422, description: '`shared` for a lead that has not exactly one owner (`share-needs-one-owner`)' }],
    description: '`claimant`: the claimant owns the lead alone from today; `owners`: nothing changes; `shared`: its one owner and the claimant 50/50. The decision and reason go into the lead\'s history.',
  },
  setTarget: {
    kind: 'command', roles: ['sales_manager'], request: SetTargetRequest, creates: true,
    http: { method: 'POST', path: 'sales/targets' },
    answers: TargetView, summary: 'Set (or revise) the sales target of a rep in a region for a month',
    errors: [{ status: 400, description: 'A bad rep, region, month (YYYY-MM) or amount (naming the field)' }],
    description:
      'One target per rep, region and month: setting it again revises it. It waits for the sales VP (`pending`); what was approved before ' +
      'stays in force (`approvedFen`) until the revision is approved, and also when it is rejected.',
  },
  listTargets: {
    kind: 'query', roles: ['sales_rep', 'sales_manager', 'sales_vp', 'general_manager'], request: ListTargetsQuery,
    http: { method: 'GET', path: 'sales/targets' },
    answers: pageOf(TargetView), summary: 'Sales targets by month, rep and region (CSV with `Accept: text/csv`)',
    rolesNote: 'A sales rep sees only their own targets (the handler filters).',
    description: 'Filter by `month`, `rep`, `region`, `status`; newest month first.',
  },
  approveTarget: {
    kind: 'command', roles: ['sales_vp'], request: IdRequest,
    http: { method: 'POST', path: 'sales/targets/:id/approve' },
    answers: TargetView, summary: 'Approve a proposed target: its amount is in force',
    errors: [404, { status: 409, description: 'Not waiting for approval (`target-not-pending`)' }, { status: 403, description: 'Whoever proposed it (`self-approval`)' }],
  },
  rejectTarget: {
    kind: 'command', roles: ['sales_vp'], request: RejectTargetRequest,
    http: { method: 'POST', path: 'sales/targets/:id/reject', body: RejectTargetBody },
    answers: TargetView, summary: 'Reject a proposed target, with the reason',
    errors: [404, { status: 409, description: 'Not waiting for approval (`target-not-pending`)' }, { status: 403, description: 'Whoever proposed it (`self-approval`)' }],
    description: 'An amount approved before stays in force.',
  },
} satisfies Record<string, OperationSpec>;
