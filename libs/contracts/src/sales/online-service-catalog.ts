import { ONLINE_STORE, SALES_DESK, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  BusinessAccountReasonBody, BusinessAccountReasonRequest, BusinessAccountView, ListBusinessAccountsQuery, RegisterBusinessAccountRequest,
} from './business-accounts.js';
import {
  CloseServiceTicketBody, CloseServiceTicketRequest, ListServiceTicketsQuery, OpenServiceTicketRequest, OpenTicketReturnBody, OpenTicketReturnRequest,
  ReassignServiceTicketBody, ReassignServiceTicketRequest, ReopenServiceTicketBody, ReopenServiceTicketRequest, ResolveServiceTicketBody, ResolveServiceTicketRequest,
  ServiceTicketNoteBody, ServiceTicketNoteRequest, ServiceTicketReportQuery, ServiceTicketReportView, ServiceTicketView,
} from './service-tickets.js';

const ACCOUNT_DESK: readonly Role[] = [...ONLINE_STORE, ...SALES_DESK];
/** Besides the desk: the accountants who check who is paid, and purchasing, which buys from the registered suppliers. */
const ACCOUNT_READERS: readonly Role[] = [...ACCOUNT_DESK, 'accountant', 'finance_manager', 'purchasing_manager'];
const ACCOUNT_REVIEWERS: readonly Role[] = ['ecommerce_operator', 'sales_manager', 'sales_vp', 'general_manager'];
const TICKET_DESK: readonly Role[] = ['customer_service', ...SALES_DESK];
const TICKET_READERS: readonly Role[] = [...ONLINE_STORE, ...SALES_DESK];

/** The online store's business accounts and after-sales tickets in the sales catalogue (domain.md, business accounts; service tickets). */
export const SALES_ONLINE_SERVICE_OPERATIONS = {
  registerBusinessAccount: {
    kind: 'command', roles: ACCOUNT_DESK, request: RegisterBusinessAccountRequest, creates: true,
    http: { method: 'POST', path: 'sales/business-accounts' },
    answers: BusinessAccountView, summary: 'Register a buyer, supplier or service provider for review',
    errors: [
      { status: 409, description: 'The credit code is registered already for this kind, or the customer has a buyer account (`business-account-exists`)' },
      { status: 422, description: 'A buyer without a customer, or one naming no customer (`customerId`); another kind with a customer' },
    ],
    description:
      'Company name, unified social credit code (18 characters), contact and the references of its documents (business licence, tax registration, ' +
      'bank account proof, …). Waits in `pending_review`; a buyer account\'s customer may not place orders until it is approved. Numbered `BA-<year>-<n>`.',
  },
  listBusinessAccounts: {
    kind: 'query', roles: ACCOUNT_READERS, request: ListBusinessAccountsQuery,
    http: { method: 'GET', path: 'sales/business-accounts' },
    answers: pageOf(BusinessAccountView), summary: 'List business accounts, newest first', description: 'Filter by `status`, `kind`, `customerId`.',
  },
  getBusinessAccount: {
    kind: 'query', roles: ACCOUNT_READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/business-accounts/:id' },
    answers: BusinessAccountView, summary: 'Read a business account with its documents and the history of its states', errors: [404],
  },
  approveBusinessAccount: {
    kind: 'command', roles: ACCOUNT_REVIEWERS, request: IdRequest,
    http: { method: 'POST', path: 'sales/business-accounts/:id/approve' },
    answers: BusinessAccountView, summary: 'Approve a business account after review: it may trade',
    errors: [404, { status: 409, description: 'The account is not pending review' }, { status: 403, description: 'The registrant (`self-approval`)' }],
    description: 'Publishes `sales.business-account.approved`.',
  },
  rejectBusinessAccount: {
    kind: 'command', roles: ACCOUNT_REVIEWERS, request: BusinessAccountReasonRequest,
    http: { method: 'POST', path: 'sales/business-accounts/:id/reject', body: BusinessAccountReasonBody },
    answers: BusinessAccountView, summary: 'Reject a business account after review, with a reason',
    errors: [404, { status: 409, description: 'The account is not pending review' }, { status: 403, description: 'The registrant (`self-approval`)' }],
  },
  suspendBusinessAccount: {
    kind: 'command', roles: ACCOUNT_REVIEWERS, request: BusinessAccountReasonRequest,
    http: { method: 'POST', path: 'sales/business-accounts/:id/suspend', body: BusinessAccountReasonBody },
    answers: BusinessAccountView, summary: 'Suspend an approved business account, with a reason: it may not trade',
    errors: [404, { status: 409, description: 'The account is not approved' }],
    description: 'Publishes `sales.business-account.suspended`; a buyer\'s new orders are refused with 422 `business-account-not-approved`.',
  },
  reinstateBusinessAccount: {
    kind: 'command', roles: ACCOUNT_REVIEWERS, request: BusinessAccountReasonRequest,
    http: { method: 'POST', path: 'sales/business-accounts/:id/reinstate', body: BusinessAccountReasonBody },
    answers: BusinessAccountView, summary: 'Reinstate a suspended business account, with a reason',
    errors: [404, { status: 409, description: 'The account is not suspended' }],
    description: 'Publishes `sales.business-account.approved` with `reinstated: true`.',
  },

  openServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: OpenServiceTicketRequest, creates: true,
    http: { method: 'POST', path: 'sales/service-tickets' },
    answers: ServiceTicketView, summary: 'Open an after-sales ticket (inquiry, complaint, return or exchange request)',
    errors: [
      { status: 422, description: 'No customer and no walk-in name and phone, a walk-in on anything but an inquiry, an unknown customer, or an order of another customer (naming the field)' },
    ],
    description:
      'Owned by whoever opens it unless `owner` is given; answer by `deadlineAt`, by default 1 business day for an inquiry, 3 for a complaint, 7 for a ' +
      'return or exchange request (weekends skipped). `description` becomes the first incoming note. Numbered `CS-<year>-<n>`.',
  },
  listServiceTickets: {
    kind: 'query', roles: TICKET_READERS, request: ListServiceTicketsQuery,
    http: { method: 'GET', path: 'sales/service-tickets' },
    answers: pageOf(ServiceTicketView), summary: 'List service tickets, newest first (overdue ones by deadline)',
    description: 'Filter by `status`, `kind`, `owner`, `customerId`; `overdue=true` lists those open or in progress past their deadline on the business clock.',
  },
  getServiceTicketReport: {
    kind: 'query', roles: ['customer_service', 'ecommerce_operator', 'sales_manager', 'sales_vp', 'general_manager'], request: ServiceTicketReportQuery,
    http: { method: 'GET', path: 'sales/service-tickets/report' },
    answers: ServiceTicketReportView, summary: 'First-response and resolution times of tickets opened in a period, per owner and per kind',
    description: 'Average, median and 90th percentile in hours, for tickets opened between `from` and `to` (business dates; default the last 30 days).',
  },
  getServiceTicket: {
    kind: 'query', roles: TICKET_READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/service-tickets/:id' },
    answers: ServiceTicketView, summary: 'Read a service ticket with its conversation and history', errors: [404],
  },
  addServiceTicketNote: {
    kind: 'command', roles: TICKET_DESK, request: ServiceTicketNoteRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/notes', body: ServiceTicketNoteBody },
    answers: ServiceTicketView, summary: 'Add a note to the conversation (append-only)',
    errors: [404, { status: 409, description: 'The ticket is closed' }],
    description: 'The first outgoing note is the first response; on an open ticket it puts the ticket in progress.',
  },
  startServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: IdRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/start' },
    answers: ServiceTicketView, summary: 'Start working on an open ticket', errors: [404, 409],
  },
  resolveServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: ResolveServiceTicketRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/resolve', body: ResolveServiceTicketBody },
    answers: ServiceTicketView, summary: 'Resolve a ticket in progress, saying how', errors: [404, 409],
  },
  reopenServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: ReopenServiceTicketRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/reopen', body: ReopenServiceTicketBody },
    answers: ServiceTicketView, summary: 'Reopen a resolved ticket (back in progress), with a reason', errors: [404, 409],
  },
  closeServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: CloseServiceTicketRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/close', body: CloseServiceTicketBody },
    answers: ServiceTicketView, summary: 'Close a resolved ticket with the customer\'s satisfaction (1–5) and feedback', errors: [404, 409],
  },
  reassignServiceTicket: {
    kind: 'command', roles: TICKET_DESK, request: ReassignServiceTicketRequest, rolesNote: 'Only the owner or a sales manager and above (the domain checks).',
    http: { method: 'POST', path: 'sales/service-tickets/:id/reassign', body: ReassignServiceTicketBody },
    answers: ServiceTicketView, summary: 'Give a ticket to another owner',
    errors: [404, { status: 409, description: 'The ticket is closed' }, { status: 403, description: 'Neither the owner nor a sales manager and above (`not-ticket-supervisor`)' }],
  },
  openTicketReturn: {
    kind: 'command', roles: TICKET_DESK, request: OpenTicketReturnRequest,
    http: { method: 'POST', path: 'sales/service-tickets/:id/return', body: OpenTicketReturnBody },
    answers: ServiceTicketView, summary: 'Open the RMA a return-request ticket asks for',
    errors: [
      404,
      { status: 409, description: 'Not a return request, closed, an RMA opened already (`ticket-rma-exists`), or the order shipped nothing (`order-not-shipped`)' },
      { status: 422, description: 'The ticket names no order (`ticket-without-order`), or a line asks more than was shipped (as `POST /sales/returns`)' },
    ],
    description: 'Records the return of the ticket\'s order exactly as `POST /sales/returns` does, in the same transaction, and links its RMA number on the ticket.',
  },
} satisfies Record<string, OperationSpec>;
