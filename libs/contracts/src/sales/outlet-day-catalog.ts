import { FINANCE, OUTLET_SUPERVISORS, OUTLETS, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  CancelDrinksSlipBody, CancelDrinksSlipRequest, CountShiftHandoverBody, CountShiftHandoverRequest, DrinksSlipIdRequest, DrinksSlipView, ExplainShiftHandoverBody, ExplainShiftHandoverRequest,
  ShiftHandoverIdRequest, ListDrinksSlipsQuery, ListDrinksSlipsQueryParams, ListShiftHandoversQuery, ListShiftHandoversQueryParams, OpenAtClosingView, OutletCodeOnlyRequest, ShiftHandoverView,
  WriteDrinksSlipBody, WriteDrinksSlipRequest,
} from './outlet-day.js';

const CODE = { code: 'code' } as const;
/** Who reads an outlet's bar and handovers: its people (on its staff, the handler checks) and the sales and finance management. */
const OUTLET_DAY_READERS: readonly Role[] = [...OUTLETS, 'sales_manager', 'sales_vp', 'general_manager', ...FINANCE];
/** Who counts and takes over a till. */
const TILL_PEOPLE: readonly Role[] = ['store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff'];
const ON_STAFF = 'The actor must also be on the outlet\'s staff with a fitting position (the handler checks; `not-outlet-staff`, 403).';

/** The bar and the day at an outlet in the sales catalogue: drinks slips, the open slips at closing, shift handovers. */
export const SALES_OUTLET_DAY_OPERATIONS = {
  writeDrinksSlip: {
    kind: 'command', roles: ['bar_staff', ...OUTLET_SUPERVISORS], request: WriteDrinksSlipRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/drinks-slips', params: CODE, body: WriteDrinksSlipBody },
    answers: DrinksSlipView, summary: 'Write a drinks slip for a table (number DS-<outlet>-…)',
    rolesNote: `Table staff (position bar_staff) or the outlet's supervisor. ${ON_STAFF}`,
    errors: [
      { status: 403, description: 'Not on the outlet\'s staff as table staff or supervisor (`not-outlet-staff`)' },
      { status: 404, description: 'No such outlet (`outlet-not-found`)' },
      { status: 409, description: 'The outlet is not a bar (`not-a-bar`) or is closed (`outlet-closed`)' },
      { status: 422, description: 'A SKU not on the outlet\'s price list (`sku-not-on-outlet-list`, naming the line)' },
    ],
    description: 'The slip goes to the bar as `written`; its number is gapless per outlet and year. Lines of one SKU with the same note are one line.',
  },
  makeDrinksSlip: {
    kind: 'command', roles: ['bartender', ...OUTLET_SUPERVISORS], request: DrinksSlipIdRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/drinks-slips/:id/make', params: CODE },
    answers: DrinksSlipView, summary: 'The bar made the drinks of a slip',
    rolesNote: `A bartender (position bartender) or the outlet's supervisor. ${ON_STAFF}`,
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff as bartender or supervisor (`not-outlet-staff`)' }, { status: 409, description: 'The slip is not `written` (`drinks-slip-transition-refused`)' }],
  },
  serveDrinksSlip: {
    kind: 'command', roles: ['bar_staff', ...OUTLET_SUPERVISORS], request: DrinksSlipIdRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/drinks-slips/:id/serve', params: CODE },
    answers: DrinksSlipView, summary: 'Table staff served a slip: its lines land on the table\'s open ticket',
    rolesNote: `Table staff or the outlet's supervisor. ${ON_STAFF}`,
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }, { status: 409, description: 'The slip is not `made` (`drinks-slip-transition-refused`)' }],
    description:
      'In one transaction: the slip becomes `served` and its lines are appended to the table\'s open ticket (opened, priced from the outlet\'s ' +
      'list, when the table has none), each line naming the slip. The guest settles that ticket at the till (`POST sales/outlets/{code}/tickets/{id}/pay`).',
  },
  cancelDrinksSlip: {
    kind: 'command', roles: ['bar_staff', ...OUTLET_SUPERVISORS], request: CancelDrinksSlipRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/drinks-slips/:id/cancel', params: CODE, body: CancelDrinksSlipBody },
    answers: DrinksSlipView, summary: 'Cancel a slip not yet served',
    rolesNote: `A written slip: table staff or the supervisor; a made slip: only the outlet's supervisor (position manager or supervisor). ${ON_STAFF}`,
    errors: [
      404,
      { status: 403, description: 'A made slip cancelled by anyone but the outlet\'s supervisor (`made-slip-needs-supervisor`), or not on the staff (`not-outlet-staff`)' },
      { status: 409, description: 'A served or cancelled slip (`drinks-slip-transition-refused`)' },
      { status: 422, description: 'A made slip without a reason (`cancel-reason-required`)' },
    ],
  },
  listDrinksSlips: {
    kind: 'query', roles: OUTLET_DAY_READERS, request: ListDrinksSlipsQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/drinks-slips', params: CODE, query: ListDrinksSlipsQueryParams },
    answers: pageOf(DrinksSlipView), summary: 'The bar\'s board: an outlet\'s drinks slips, oldest first',
    rolesNote: 'Outlet roles only for an outlet whose staff they are on.',
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
    description: 'Filter by business `date` (default today), `status`; `open=true` gives the slips written or made and not yet served, of any date unless `date` is given.',
  },
  getDrinksSlip: {
    kind: 'query', roles: OUTLET_DAY_READERS, request: DrinksSlipIdRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/drinks-slips/:id', params: CODE },
    answers: DrinksSlipView, summary: 'Read a drinks slip with its lines',
    rolesNote: 'Outlet roles only for an outlet whose staff they are on.',
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
  },
  getOpenAtClosing: {
    kind: 'query', roles: OUTLET_DAY_READERS, request: OutletCodeOnlyRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/open-at-closing', params: CODE },
    answers: OpenAtClosingView, summary: 'What is still open at closing: slips not yet served, tables not yet paid',
    rolesNote: 'Outlet roles only for an outlet whose staff they are on.',
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
    description: 'Slips written or made and not served (any date), and the tables whose ticket holds served slips and is still open — to settle or hand over before the bar closes.',
  },
  countHandover: {
    kind: 'command', roles: TILL_PEOPLE, request: CountShiftHandoverRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/handovers', params: CODE, body: CountShiftHandoverBody },
    answers: ShiftHandoverView, summary: 'Hand the till over: the drawer counted against the shift\'s tickets, the goods checked',
    rolesNote: `The outgoing person, on the outlet's staff as manager, supervisor, clerk or table staff; the incoming person likewise. ${ON_STAFF}`,
    errors: [
      404,
      { status: 403, description: 'Not on the outlet\'s staff at the till (`not-outlet-staff`)' },
      { status: 409, description: 'No opening check today (`no-opening-check`), or a handover still waiting for its confirmation (`handover-pending`)' },
      { status: 422, description: 'Handing over to oneself (`handover-to-self`), goods not checked (`goods-not-checked`), a float above the cash counted (`float-exceeds-cash`), an incoming person not on the staff (`incoming-not-on-staff`)' },
    ],
    description:
      'The shift runs from the previous confirmed handover of the business day (or the day\'s opening check) until now. Expected cash = the float it started with ' +
      '(the opening check\'s for the first shift, else the previous handover\'s `floatFen`) + the cash of the tickets paid in the shift, net of change − the cash of ' +
      'tickets voided in the shift; difference = counted − expected. The figures are kept as they were at the count; the incoming person confirms.',
  },
  explainHandover: {
    kind: 'command', roles: TILL_PEOPLE, request: ExplainShiftHandoverRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/handovers/:id/explain', params: CODE, body: ExplainShiftHandoverBody },
    answers: ShiftHandoverView, summary: 'Explain why the cash of a handover is over or short',
    rolesNote: 'Either of the handover\'s two people.',
    errors: [404, { status: 403, description: 'Not one of the handover\'s two people (`not-your-handover`)' }, { status: 409, description: 'Confirmed already (`handover-confirmed`)' }],
  },
  confirmHandover: {
    kind: 'command', roles: TILL_PEOPLE, request: ShiftHandoverIdRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/handovers/:id/confirm', params: CODE },
    answers: ShiftHandoverView, summary: 'The incoming person confirms the handover: finance is told',
    rolesNote: 'Only the person named to take over (`takenOverBy`), never the outgoing one.',
    errors: [
      404,
      { status: 403, description: 'Not the incoming person (`not-incoming-person`, `handover-to-self`)' },
      { status: 409, description: 'Confirmed already (`shift-handover-transition-refused`)' },
      { status: 422, description: 'The cash is over or short and not explained (`handover-difference-unexplained`)' },
    ],
    description: 'Publishes `sales.shift.handed-over`: finance books any cash over or short and lists the shift in the cashier\'s day close.',
  },
  listHandovers: {
    kind: 'query', roles: OUTLET_DAY_READERS, request: ListShiftHandoversQuery,
    http: { method: 'GET', path: 'sales/outlets/:code/handovers', params: CODE, query: ListShiftHandoversQueryParams },
    answers: pageOf(ShiftHandoverView), summary: 'An outlet\'s shift handovers with their figures, newest first',
    rolesNote: 'Outlet roles only for an outlet whose staff they are on.',
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
    description: 'Filter by business `date` and `status`.',
  },
  getHandover: {
    kind: 'query', roles: OUTLET_DAY_READERS, request: ShiftHandoverIdRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/handovers/:id', params: CODE },
    answers: ShiftHandoverView, summary: 'A shift handover with the shift\'s figures: tickets, cash, POS, transfer, expected, counted, difference',
    rolesNote: 'Outlet roles only for an outlet whose staff they are on.',
    errors: [404, { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`)' }],
  },
} satisfies Record<string, OperationSpec>;
