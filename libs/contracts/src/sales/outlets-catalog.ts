import { OUTLETS, OUTLET_SUPERVISORS, SALES_DESK, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  CreateOutletRequest, DiscountTicketRequest, DiscountTicketBody, GetOpeningCheckRequest, ListOutletsQuery, ListTicketsQuery, ListTicketsRequest, OpeningCheckBody,
  OpeningCheckDateQuery, OpeningCheckRequest, OpeningCheckView, OutletCodeRequest, OutletPriceView, OutletView, PayTicketBody, PayTicketRequest, SellBody, SellRequest,
  SetOutletStaffBody, SetOutletStaffRequest, TicketRequest, TillTicketView, VoidTicketBody, VoidTicketRequest,
} from './outlets.js';

const CODE = { code: 'code' } as const;
const CODE_ID = { code: 'code', id: 'uuid' } as const;
/** Who opens outlets and staffs them: the sales management (the admin manages sign-ins, not the business). */
const OUTLET_ADMINS: readonly Role[] = ['sales_manager', 'sales_vp', 'general_manager'];
const OUTLET_READERS: readonly Role[] = [...OUTLETS, ...SALES_DESK, 'admin'];
/** Who rings up and takes payment at a till (the handler also wants them on the outlet's staff). */
const TILL: readonly Role[] = [...OUTLETS, 'general_manager'];
const STAFF_NOTE = 'The caller must also be on the outlet\'s staff (the general manager excepted).';

/** The outlets' till in the sales catalogue: outlets and their staff, the opening check, till tickets. */
export const SALES_OUTLET_OPERATIONS = {
  createOutlet: {
    kind: 'command', roles: OUTLET_ADMINS, request: CreateOutletRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets' },
    answers: OutletView, summary: 'Register a store or a bar counter with its warehouse, price list, hours and staff',
    errors: [{ status: 409, description: 'The code is taken (`outlet-exists`)' }, { status: 404, description: 'No such price list (`price-list-not-found`)' }],
    description: 'The outlet sells from its own warehouse in inventory (`warehouseCode`, a warehouse of kind `store`) at the prices of `priceListId` (approved and valid on the day of the sale).',
  },
  setOutletStaff: {
    kind: 'command', roles: OUTLET_ADMINS, request: SetOutletStaffRequest,
    http: { method: 'PUT', path: 'sales/outlets/:code/staff', params: CODE, body: SetOutletStaffBody },
    answers: OutletView, summary: 'Replace an outlet\'s staff (username and position)', errors: [404],
  },
  listOutlets: {
    kind: 'query', roles: OUTLET_READERS, request: ListOutletsQuery,
    http: { method: 'GET', path: 'sales/outlets' },
    answers: pageOf(OutletView), summary: 'The outlets, by code',
    rolesNote: 'Outlet staff without a sales-desk role see only the outlets they are on the staff of.',
  },
  getOutlet: {
    kind: 'query', roles: OUTLET_READERS, request: OutletCodeRequest,
    http: { method: 'GET', path: 'sales/outlets/:code', params: CODE },
    answers: OutletView, summary: 'An outlet with its staff', errors: [404],
  },
  getOutletPrices: {
    kind: 'query', roles: OUTLET_READERS, request: GetOpeningCheckRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/prices', params: CODE, query: OpeningCheckDateQuery },
    answers: [OutletPriceView], summary: 'What the outlet\'s till sells, at what price, on a business date (today by default)', errors: [404],
    description: 'The lines of the outlet\'s price list when it is approved and valid that day; none otherwise (the till then sells nothing).',
  },
  recordOpeningCheck: {
    kind: 'command', roles: TILL, request: OpeningCheckRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/opening-checks', params: CODE, body: OpeningCheckBody },
    answers: OpeningCheckView, summary: 'Record the day\'s opening check: equipment, cash float counted, display stock',
    rolesNote: 'Position manager, supervisor or clerk at the outlet (the handler checks).',
    errors: [404, { status: 409, description: 'Already checked today (`opening-check-done`)' }, { status: 400, description: 'Equipment not ok without notes, display stock not checked (field errors)' }],
    description: 'Once per outlet and business date (Asia/Shanghai); no ticket is sold or paid before it. The float is what the first shift\'s cash is counted from.',
  },
  getOpeningCheck: {
    kind: 'query', roles: OUTLET_READERS, request: GetOpeningCheckRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/opening-check', params: CODE, query: OpeningCheckDateQuery },
    answers: OpeningCheckView, summary: 'The opening check of a business date (today by default)', errors: [{ status: 404, description: 'Not checked that day (`opening-check-missing`)' }],
  },
  sellAtTill: {
    kind: 'command', roles: TILL, request: SellRequest, creates: true,
    http: { method: 'POST', path: 'sales/outlets/:code/tickets', params: CODE, body: SellBody },
    answers: TillTicketView, summary: 'Ring up a ticket: paid at once with its tenders, or opened (`open: true`, optionally for a table)',
    rolesNote: STAFF_NOTE,
    errors: [
      404,
      { status: 400, description: 'A SKU not on the outlet\'s valid approved price list (`sku-not-priced`), tenders that do not add up or break a rule (`tender-invalid`, with field errors)' },
      { status: 403, description: 'Not on the outlet\'s staff (`not-outlet-staff`), or a price below list beyond the caller\'s authority (`discount-authority`, naming who may)' },
      { status: 409, description: 'No opening check today (`opening-check-missing`); a table that already has an open ticket (`table-ticket-open`)' },
    ],
    description:
      'Lines are priced from the outlet\'s price list; `unitPriceFen` below list is a discount, allowed within the §4.3 authority: a clerk none, the ' +
      'outlet\'s supervisor up to 3% (a sales manager\'s), above that the sales VP, below the floor price the general manager. Paid at once: cash ' +
      'only after the counterfeit check and covering its amount (change computed), POS with one or two signed cards, a transfer with reference and ' +
      'payer, all adding up to the total exactly; the receipt number is given then, gapless per outlet, and `sales.till-ticket.paid` goes out.',
  },
  discountTicket: {
    kind: 'command', roles: [...TILL, 'sales_manager', 'sales_vp'], request: DiscountTicketRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/tickets/:id/discount', params: CODE_ID, body: DiscountTicketBody },
    answers: TillTicketView, summary: 'Set lines of an open ticket below list, within the caller\'s discount authority',
    rolesNote: STAFF_NOTE,
    errors: [404, { status: 403, description: 'Beyond the caller\'s authority (`discount-authority`, naming who may)' }, { status: 409, description: 'The ticket is not open (`ticket-not-open`)' }],
  },
  payTicket: {
    kind: 'command', roles: TILL, request: PayTicketRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/tickets/:id/pay', params: CODE_ID, body: PayTicketBody },
    answers: TillTicketView, summary: 'Pay an open ticket in full: the receipt number is given',
    rolesNote: STAFF_NOTE,
    errors: [404, { status: 400, description: 'Tenders refused (`tender-invalid`, field errors)' }, { status: 409, description: 'No opening check today, or the ticket is not open' }],
  },
  voidTicket: {
    kind: 'command', roles: [...OUTLET_SUPERVISORS, 'general_manager'], request: VoidTicketRequest,
    http: { method: 'POST', path: 'sales/outlets/:code/tickets/:id/void', params: CODE_ID, body: VoidTicketBody },
    answers: TillTicketView, summary: 'Void a paid ticket, with a reason (the outlet\'s supervisor only)',
    rolesNote: 'Position manager or supervisor at the outlet (the handler checks).',
    errors: [404, { status: 403, description: 'Not the outlet\'s supervisor (`supervisor-only`)' }, { status: 409, description: 'The ticket is not paid' }],
    description: '`sales.till-ticket.voided` goes out: inventory takes the lines back into the outlet\'s warehouse, finance reverses the takings.',
  },
  listTickets: {
    kind: 'query', roles: OUTLET_READERS, request: ListTicketsRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/tickets', params: CODE, query: ListTicketsQuery },
    answers: pageOf(TillTicketView), summary: 'An outlet\'s tickets of a business date (today by default), newest first', errors: [404],
  },
  getTicket: {
    kind: 'query', roles: OUTLET_READERS, request: TicketRequest,
    http: { method: 'GET', path: 'sales/outlets/:code/tickets/:id', params: CODE_ID },
    answers: TillTicketView, summary: 'A till ticket with its lines and tenders', errors: [404],
  },
} satisfies Record<string, OperationSpec>;
