import { FINANCE, SALES_DESK, WAREHOUSE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  CancelReturnBody, CancelReturnRequest, ListReturnsQuery, RejectReturnBody, RejectReturnRequest, RequestReturnRequest, ReturnInvestigationBody, ReturnInvestigationRequest, ReturnView,
} from './returns.js';

const REQUESTERS: readonly Role[] = ['sales_rep', 'sales_assistant', 'sales_manager'];
const APPROVERS: readonly Role[] = ['sales_manager', 'sales_vp', 'general_manager'];

/** Returns (RMA) in the sales catalogue: request, approve in steps, investigate, read (domain.md §4, returns). */
export const SALES_RETURN_OPERATIONS = {
  requestReturn: {
    kind: 'command', roles: REQUESTERS, request: RequestReturnRequest, creates: true,
    http: { method: 'POST', path: 'sales/returns' },
    answers: ReturnView, summary: 'Request a return (RMA) of shipped goods',
    errors: [
      404,
      { status: 409, description: 'The order has shipped nothing yet (`order-not-shipped`)' },
      { status: 422, description: 'A line names a SKU the order did not ship, or asks more than was shipped less what earlier returns of the order claim (naming `lines[i].sku` or `lines[i].quantity`)' },
    ],
    description:
      'Against a shipped (or delivered) order: lines (SKU, quantity), a reason (`quality_problem`, `wrong_goods`, `transport_damage`, `other`), ' +
      'whether the goods are faulty, and a note. Each line may return at most what the order shipped of the SKU less what earlier returns of ' +
      'the order (not rejected or cancelled) already claim. It then waits for a sales manager and the sales VP; goods that are not faulty ' +
      '(or reason `other`) also for the general manager. Numbered `RMA-<year>-<n>`, gapless.',
  },
  listReturns: {
    kind: 'query', roles: [...SALES_DESK, ...FINANCE, ...WAREHOUSE, 'customer_service'], request: ListReturnsQuery,
    http: { method: 'GET', path: 'sales/returns' },
    answers: pageOf(ReturnView), summary: 'List returns, newest first',
    description: 'Filter by `status`, `orderId`, `customerId`.',
  },
  getReturn: {
    kind: 'query', roles: [...SALES_DESK, ...FINANCE, ...WAREHOUSE, 'customer_service'], request: IdRequest,
    http: { method: 'GET', path: 'sales/returns/:id' },
    answers: ReturnView, summary: 'Read a return: its lines with shipped and returned quantities, approvals, investigation and timeline', errors: [404],
  },
  approveReturn: {
    kind: 'command', roles: APPROVERS, request: IdRequest, rolesNote: 'Which step an approver may decide (manager, VP, then general manager for goods that are not faulty) is a rule of the sales domain.',
    http: { method: 'POST', path: 'sales/returns/:id/approve' },
    answers: ReturnView, summary: 'Approve a return at its pending step',
    errors: [
      404,
      { status: 409, description: 'The return is not waiting for approval' },
      { status: 403, description: 'The requester (`self-approval`), a role below the pending step (`approval-level`), or an approver of an earlier step (`same-approver`)' },
    ],
    description:
      'Steps: a sales manager, then the sales VP, then — for goods that are not faulty or reason `other` — the general manager. A higher role ' +
      'may act at a lower step; each step is a different person, never the requester. The last step approves the return: inventory expects the goods.',
  },
  rejectReturn: {
    kind: 'command', roles: APPROVERS, request: RejectReturnRequest,
    http: { method: 'POST', path: 'sales/returns/:id/reject', body: RejectReturnBody },
    answers: ReturnView, summary: 'Reject a return at its pending step, with a reason',
    errors: [404, 409, { status: 403, description: 'The requester, or a role below the pending step' }],
  },
  cancelReturn: {
    kind: 'command', roles: REQUESTERS, request: CancelReturnRequest, rolesNote: 'Only the person who requested it (the domain checks).',
    http: { method: 'POST', path: 'sales/returns/:id/cancel', body: CancelReturnBody },
    answers: ReturnView, summary: 'Cancel a return before it is approved',
    errors: [404, 409, { status: 403, description: 'Someone other than the requester (`not-requester`)' }],
  },
  recordReturnInvestigation: {
    kind: 'command', roles: APPROVERS, request: ReturnInvestigationRequest,
    http: { method: 'POST', path: 'sales/returns/:id/investigation', body: ReturnInvestigationBody },
    answers: ReturnView, summary: 'Record the investigation of returned goods',
    errors: [404, { status: 409, description: 'The goods are not back yet, or the investigation is recorded already' }],
    description:
      'After inventory received and inspected the goods: findings, and what the company will claim from a carrier or supplier (fen, may be 0). ' +
      'The customer is credited Σ accepted × unit price (finance issues the credit note); with nothing accepted the return closes at once.',
  },
} satisfies Record<string, OperationSpec>;
