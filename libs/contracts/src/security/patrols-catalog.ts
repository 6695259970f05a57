import { SECURITY, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  CreatePatrolRouteRequest, CreatePostRequest, HandoverView, ListHandoversQuery, ListPatrolRoundsQuery, ListPatrolRoutesQuery, ListPostsQuery,
  ListSecurityExceptionsQuery, ListShiftsQuery, PatrolComplianceQuery, PatrolComplianceView, PatrolRoundView, PatrolRouteView, PatrolScanRequest,
  PatrolScanView, PostView, RecordHandoverRequest, RosterShiftBody, RosterShiftRequest, SecurityExceptionView, ShiftView,
} from './patrols.js';

/** Those who stand a post: they start and end their own shifts and confirm their own handovers. */
const ON_DUTY: readonly Role[] = ['security_guard', 'security_captain', 'monitoring_operator'];
const PLANNERS: readonly Role[] = ['security_captain', 'security_manager'];

/** Posts, rosters, shifts and handovers; patrol routes, rounds and scans; the captain's exceptions (domain.md §7). */
export const SECURITY_PATROL_OPERATIONS = {
  createPost: {
    kind: 'command', roles: PLANNERS, request: CreatePostRequest, creates: true,
    http: { method: 'POST', path: 'security/posts' },
    answers: PostView, summary: 'Open a post (gate, lobby, warehouse, control room)',
    errors: [{ status: 409, description: 'A post with that code exists (`post-code-taken`)' }],
  },
  listPosts: {
    kind: 'query', roles: [...SECURITY, 'general_manager'], request: ListPostsQuery,
    http: { method: 'GET', path: 'security/posts' },
    answers: pageOf(PostView), summary: 'List posts by code',
  },
  rosterShift: {
    kind: 'command', roles: PLANNERS, request: RosterShiftRequest, creates: true,
    http: { method: 'POST', path: 'security/posts/:postId/roster', body: RosterShiftBody },
    answers: ShiftView, summary: 'Roster a guard at a post for a shift of a business day',
    errors: [404, { status: 422, description: 'A shift of the same guard that overlaps (`shift-overlaps`, naming `startsAt`)' }],
    description:
      'Times are business time (Asia/Shanghai); a shift whose end is at or before its start ends on the next day (20:00–08:00). Every hour of a ' +
      'day a post has no rostered guard is a `post_uncovered` exception.',
  },
  listShifts: {
    kind: 'query', roles: [...SECURITY, 'general_manager'], request: ListShiftsQuery,
    http: { method: 'GET', path: 'security/shifts' },
    answers: pageOf(ShiftView), summary: 'The roster of a business day, by post and start',
  },
  startShift: {
    kind: 'command', roles: ON_DUTY, request: IdRequest,
    http: { method: 'POST', path: 'security/shifts/:id/start' },
    answers: ShiftView, summary: 'The rostered guard starts the shift',
    rolesNote: 'Only the guard rostered for the shift records its start and end.',
    errors: [404, 409, { status: 403, description: 'Not the rostered guard (`not-your-shift`)' }],
  },
  endShift: {
    kind: 'command', roles: ON_DUTY, request: IdRequest,
    http: { method: 'POST', path: 'security/shifts/:id/end' },
    answers: ShiftView, summary: 'The rostered guard ends the shift',
    rolesNote: 'Only the guard rostered for the shift records its start and end.',
    errors: [404, 409, { status: 403, description: 'Not the rostered guard (`not-your-shift`)' }],
    description: 'A shift ended without a handover confirmed by both guards is a `handover_missing` exception.',
  },
  recordHandover: {
    kind: 'command', roles: ON_DUTY, request: RecordHandoverRequest, creates: true,
    http: { method: 'POST', path: 'security/handovers' },
    answers: HandoverView, summary: 'Record the handover at a shift change (equipment, keys, open matters)',
    rolesNote: 'Recorded by the outgoing or the incoming guard, whose confirmation it carries; the other guard confirms.',
    errors: [
      404,
      { status: 403, description: 'Neither of the two guards (`not-in-handover`)' },
      { status: 409, description: 'The outgoing shift already has a handover (`handover-exists`)' },
      { status: 422, description: 'The shifts are at different posts (`toShiftId`), or the same guard on both (`toShiftId`: `same-guard`)' },
    ],
  },
  confirmHandover: {
    kind: 'command', roles: ON_DUTY, request: IdRequest,
    http: { method: 'POST', path: 'security/handovers/:id/confirm' },
    answers: HandoverView, summary: 'The other guard confirms the handover',
    errors: [404, { status: 403, description: 'Neither of the two guards (`not-in-handover`)' }, { status: 409, description: 'Already confirmed by this guard (`already-confirmed`)' }],
    description: 'A handover counts once both the outgoing and the incoming guard have confirmed it; never the same person for both.',
  },
  listHandovers: {
    kind: 'query', roles: [...SECURITY], request: ListHandoversQuery,
    http: { method: 'GET', path: 'security/handovers' },
    answers: pageOf(HandoverView), summary: 'Handovers of a business day',
  },
  listSecurityExceptions: {
    kind: 'query', roles: ['security_captain', 'security_manager'], request: ListSecurityExceptionsQuery,
    http: { method: 'GET', path: 'security/exceptions' },
    answers: pageOf(SecurityExceptionView), summary: 'Exceptions of a day for the captain: missed checkpoints, flagged scans, missing handovers, uncovered posts',
    description:
      '`missed_checkpoint`: a checkpoint not scanned in its round\'s window, recorded once when the window closes (dated by the night the ' +
      'round belongs to). `flagged_scan`: a scan out of order, a repeat, at an unknown code or outside any open round (dated by when it ' +
      'was scanned). `handover_missing`: a shift ended (or past its end) with no handover confirmed by both guards. `post_uncovered`: ' +
      'a stretch of the day a post has no guard rostered.',
  },
  createPatrolRoute: {
    kind: 'command', roles: PLANNERS, request: CreatePatrolRouteRequest, creates: true,
    http: { method: 'POST', path: 'security/patrol-routes' },
    answers: PatrolRouteView, summary: 'Define a patrol route: its ordered checkpoints, frequency and active hours',
    errors: [{ status: 409, description: 'The route code or a checkpoint code is taken (`route-code-taken`, `checkpoint-code-taken`)' }, 422],
    description:
      'Rounds are expected from now on: one starts at the start of the active hours and every `frequencyMinutes` after while the hours last ' +
      '(20:00–06:00 crosses midnight); each round\'s window runs from its start for `frequencyMinutes`. The service generates the rounds ' +
      'itself, and when a window closes every checkpoint not scanned in it is missed once (`security.patrol.missed`).',
  },
  listPatrolRoutes: {
    kind: 'query', roles: [...SECURITY], request: ListPatrolRoutesQuery,
    http: { method: 'GET', path: 'security/patrol-routes' },
    answers: pageOf(PatrolRouteView), summary: 'List patrol routes with their checkpoints',
  },
  listPatrolRounds: {
    kind: 'query', roles: [...SECURITY], request: ListPatrolRoundsQuery,
    http: { method: 'GET', path: 'security/patrol-rounds' },
    answers: pageOf(PatrolRoundView), summary: 'Patrol rounds, newest first, with their scans and misses',
  },
  recordPatrolScan: {
    kind: 'command', roles: ['security_guard', 'security_captain'], request: PatrolScanRequest, creates: true,
    http: { method: 'POST', path: 'security/patrol-scans' },
    answers: PatrolScanView, summary: 'A guard scans a checkpoint tag',
    errors: [
      { status: 400, description: 'A `scannedAt` more than 5 minutes after now (`scan-in-future`)' },
      { status: 422, description: 'A tenant-area checkpoint at night (20:00–06:00) without a second guard, or with the same guard (`secondGuard`)' },
    ],
    description:
      'Time-stamped (`scannedAt`, now on the business clock by default) against the open round of the checkpoint\'s route. Every scan is ' +
      'recorded; `flags` say what was wrong with it: `out_of_order` (an earlier checkpoint of the round not yet scanned; the scan still ' +
      'counts), `unknown_code` (no checkpoint has the code), `no_open_round` (outside the route\'s rounds, or after the round closed), ' +
      '`repeat` (the checkpoint was already scanned in the round). Only a scan without `unknown_code` or `no_open_round` counts for its round.',
  },
  getPatrolCompliance: {
    kind: 'query', roles: ['security_captain', 'security_manager', 'general_manager'], request: PatrolComplianceQuery,
    http: { method: 'GET', path: 'security/patrols/compliance' },
    answers: PatrolComplianceView, summary: 'Patrol compliance % per route, guard and night',
    errors: [{ status: 400, description: 'A bad period (as for the incident summary)' }],
    description:
      'Over the closed rounds of the nights from `from` to `to` (the 30 nights ending today by default): checkpoints scanned in their window ' +
      'out of those expected. A guard is measured over the rounds in which they scanned.',
  },
} satisfies Record<string, OperationSpec>;
