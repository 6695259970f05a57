import { OUTLET_SUPERVISORS, OUTLETS, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  AssignComplaintBody, AssignComplaintRequest, AttainmentQuery, AttainmentQueryParams, ComplaintView, GetRotaQuery, GetRotaQueryParams, ListComplaintsQuery, ListComplaintsQueryParams,
  ListReplenishmentsQuery, ListReplenishmentsQueryParams, ListWasteQuery, ListWasteQueryParams, LogComplaintBody, LogComplaintRequest, OutletAttainmentView, OutletRecordIdRequest,
  OutletRecordsCodeRequest, OutletTargetView, ReasonBody, RecordWasteBody, RecordWasteRequest, RejectWasteRequest, ReplenishmentView, RequestReplenishmentBody, RequestReplenishmentRequest,
  ResolveComplaintBody, ResolveComplaintRequest, RotaView, SaveRotaBody, SaveRotaRequest, SetOutletTargetBody, SetOutletTargetRequest, WasteView,
} from './outlet-records.js';

const CODE = { code: 'code' } as const;
/** Who reads an outlet's records: its people (on its staff, the handler checks) and the sales management (finance keeps its own record of the waste's cost). */
const READERS: readonly Role[] = [...OUTLETS, 'sales_manager', 'sales_vp', 'general_manager'];
const SUPERVISORS: readonly Role[] = [...OUTLET_SUPERVISORS, 'general_manager'];
const ON_STAFF = 'The actor must also be on the outlet\'s staff (the handler checks; `not-outlet-staff`, 403); admin and the general manager are exempt.';
const SUPERVISOR_NOTE = 'The outlet\'s supervisor: a store manager or bar supervisor on its staff as manager or supervisor (`not-outlet-supervisor`, 403 otherwise).';
const READ_NOTE = 'Outlet roles only for an outlet whose staff they are on.';
const READ_ERRORS = [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }] as const;

/** An outlet's records in the sales catalogue: rota, waste, targets, complaints, replenishment requests. */
export const SALES_OUTLET_RECORDS_OPERATIONS = {
  saveRota: {
    kind: 'command', roles: SUPERVISORS, request: SaveRotaRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/rota', params: CODE, body: SaveRotaBody },
    answers: RotaView, summary: 'Plan four weeks of an outlet\'s rota: generate a fair one, or save an edited plan',
    rolesNote: SUPERVISOR_NOTE,
    errors: [
      404,
      { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' },
      { status: 422, description: 'Not a Monday (`rota-not-monday`); a person not on the staff or a day that is not a shift kind (`rota-invalid`); someone working on a closed day (`rota-closed-day-worked`); someone without a rest day in a week (`rota-no-weekly-rest`); an open day with nobody on (`rota-day-uncovered`); rest days or weekend rest days more than one apart (`rota-unfair`, naming who); a rota that cannot be made fair (`rota-not-feasible`)' },
    ],
    description:
      'Without `plan`, a rota is generated for everyone on the outlet\'s staff by a fixed rotation: each person rests once a week on an open day (and on every day the ' +
      'outlet is closed), the weekend rests go round, so over the four weeks everyone\'s rest days — and weekend rest days — are within one of everyone else\'s, and every ' +
      'open day has someone on. With `plan`, the edited rota is checked against the same rules. Saving again replaces the rota of those four weeks.',
  },
  getRota: {
    kind: 'query', roles: READERS, request: GetRotaQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/rota', params: CODE, query: GetRotaQueryParams },
    answers: RotaView, summary: 'The four-week rota that covers a date, with each person\'s rest days counted',
    rolesNote: READ_NOTE, errors: [...READ_ERRORS, { status: 404, description: 'No rota covers the date (`rota-not-found`)' }],
  },
  recordWaste: {
    kind: 'command', roles: OUTLETS, request: RecordWasteRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/waste', params: CODE, body: RecordWasteBody },
    answers: WasteView, summary: 'Record waste or breakage at an outlet (number W-<outlet>-…)',
    rolesNote: `Anyone on the outlet's staff. ${ON_STAFF}`,
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }, { status: 422, description: 'A SKU not on the outlet\'s price list (`sku-not-on-outlet-list`)' }],
  },
  approveWaste: {
    kind: 'command', roles: SUPERVISORS, request: OutletRecordIdRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/waste/:id/approve', params: { code: 'code', id: 'uuid' } },
    answers: WasteView, summary: 'The supervisor approves recorded waste: inventory issues it, finance costs it',
    rolesNote: `${SUPERVISOR_NOTE} Never the person who recorded it.`,
    errors: [
      404,
      { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`), or the recorder (`waste-own-record`)' },
      { status: 409, description: 'Decided already (`outlet-waste-transition-refused`)' },
    ],
    description: 'Publishes `sales.outlet-waste.approved` with each line\'s floor price from the outlet\'s price list; finance answers `finance.outlet-waste.costed` and the cost appears on the record.',
  },
  rejectWaste: {
    kind: 'command', roles: SUPERVISORS, request: RejectWasteRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/waste/:id/reject', params: { code: 'code', id: 'uuid' }, body: ReasonBody },
    answers: WasteView, summary: 'The supervisor rejects recorded waste, with a reason',
    rolesNote: SUPERVISOR_NOTE,
    errors: [404, { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' }, { status: 409, description: 'Decided already (`outlet-waste-transition-refused`)' }],
  },
  listWaste: {
    kind: 'query', roles: READERS, request: ListWasteQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/waste', params: CODE, query: ListWasteQueryParams },
    answers: pageOf(WasteView), summary: 'An outlet\'s waste records with their cost, newest first',
    rolesNote: READ_NOTE, errors: [...READ_ERRORS], description: 'Filter by `status`, business dates `from`/`to`, and `kind` (records with a line of it).',
  },
  setOutletTarget: {
    kind: 'command', roles: [...OUTLET_SUPERVISORS, 'sales_manager', 'sales_vp', 'general_manager'], request: SetOutletTargetRequest,
    http: { method: 'PUT', path: 'sales/outlets/:code/targets', params: CODE, body: SetOutletTargetBody },
    answers: OutletTargetView, summary: 'Set an outlet\'s daily, weekly and monthly targets from a date',
    rolesNote: `The outlet's store manager or bar supervisor (position manager or supervisor there) or a sales manager; no further approval. ${ON_STAFF}`,
    errors: [404, { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' }],
    description: 'A target holds from `effectiveFrom` until a later one; setting the same date again replaces it.',
  },
  listOutletTargets: {
    kind: 'query', roles: READERS, request: OutletRecordsCodeRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/targets', params: CODE },
    answers: [OutletTargetView], summary: 'An outlet\'s targets, newest first', rolesNote: READ_NOTE, errors: [...READ_ERRORS],
  },
  getOutletAttainment: {
    kind: 'query', roles: READERS, request: AttainmentQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/targets/attainment', params: CODE, query: AttainmentQueryParams },
    answers: OutletAttainmentView, summary: 'Attainment of the day, its week (Monday to Sunday) and its month: target, actual, percent',
    rolesNote: READ_NOTE, errors: [...READ_ERRORS],
    description: 'Actual = the totals of the outlet\'s paid tickets by business date (voided tickets do not count). Each period\'s target is the one in force on the date asked.',
  },
  logComplaint: {
    kind: 'command', roles: OUTLETS, request: LogComplaintRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/complaints', params: CODE, body: LogComplaintBody },
    answers: ComplaintView, summary: 'Log a customer complaint at an outlet (number C-<outlet>-…)',
    rolesNote: `Anyone on the outlet's staff. ${ON_STAFF}`, errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
  },
  assignComplaint: {
    kind: 'command', roles: SUPERVISORS, request: AssignComplaintRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/complaints/:id/assign', params: { code: 'code', id: 'uuid' }, body: AssignComplaintBody },
    answers: ComplaintView, summary: 'The supervisor assigns a complaint to someone on the staff',
    rolesNote: SUPERVISOR_NOTE,
    errors: [
      404,
      { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' },
      { status: 409, description: 'Resolved already (`outlet-complaint-transition-refused`)' },
      { status: 422, description: 'The assignee is not on the staff (`assignee-not-on-staff`)' },
    ],
  },
  resolveComplaint: {
    kind: 'command', roles: SUPERVISORS, request: ResolveComplaintRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/complaints/:id/resolve', params: { code: 'code', id: 'uuid' }, body: ResolveComplaintBody },
    answers: ComplaintView, summary: 'The supervisor resolves a complaint with the resolution and its outcome',
    rolesNote: SUPERVISOR_NOTE,
    errors: [404, { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' }, { status: 409, description: 'Resolved already (`outlet-complaint-transition-refused`)' }],
  },
  listComplaints: {
    kind: 'query', roles: READERS, request: ListComplaintsQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/complaints', params: CODE, query: ListComplaintsQueryParams },
    answers: pageOf(ComplaintView), summary: 'An outlet\'s complaints, oldest open first; open more than 3 days flagged `overdue`',
    rolesNote: READ_NOTE, errors: [...READ_ERRORS],
  },
  requestReplenishment: {
    kind: 'command', roles: SUPERVISORS, request: RequestReplenishmentRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/replenishments', params: CODE, body: RequestReplenishmentBody },
    answers: ReplenishmentView, summary: 'Ask a warehouse for goods (number R-<outlet>-…): inventory raises a transfer',
    rolesNote: SUPERVISOR_NOTE,
    errors: [404, { status: 403, description: 'Not the outlet\'s supervisor (`not-outlet-supervisor`)' }, { status: 422, description: 'From the outlet\'s own warehouse (`replenish-from-self`)' }],
    description: 'Publishes `sales.replenishment.requested`; inventory answers `inventory.replenishment.transfer-raised` and the transfer\'s number appears on the request.',
  },
  listReplenishments: {
    kind: 'query', roles: READERS, request: ListReplenishmentsQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/replenishments', params: CODE, query: ListReplenishmentsQueryParams },
    answers: pageOf(ReplenishmentView), summary: 'An outlet\'s replenishment requests with their transfers, newest first',
    rolesNote: READ_NOTE, errors: [...READ_ERRORS],
  },
} satisfies Record<string, OperationSpec>;
