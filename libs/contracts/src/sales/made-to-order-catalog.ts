import { SALES_DESK, type Role } from '@ops/kernel';
import type { OperationSpec } from '../catalog.js';
import { ReplacementOrderBody, ReplacementOrderRequest, WrittenConfirmationBody, WrittenConfirmationRequest } from './made-to-order.js';
import { OrderView } from './views.js';

const REPLACEMENT_DESK: readonly Role[] = ['customer_service', ...SALES_DESK];

/** Made-to-order orders and replacement orders in the sales catalogue (issue 19). */
export const SALES_MADE_TO_ORDER_OPERATIONS = {
  recordWrittenConfirmation: {
    kind: 'command', roles: SALES_DESK, request: WrittenConfirmationRequest,
    http: { method: 'POST', path: 'sales/orders/:orderId/written-confirmation', body: WrittenConfirmationBody },
    answers: OrderView, summary: 'Record the customer\'s written confirmation of an order with made-to-order lines: it is placed',
    errors: [404, { status: 409, description: 'The order is not awaiting confirmation (`not-awaiting-confirmation`)' }],
    description:
      'An order with made-to-order lines, once agreed, waits in `awaiting_confirmation`; nobody else has heard of it. The signed document\'s ' +
      'reference, who signed and when are kept on the order, and it is placed now (`sales.order.placed` with its made-to-order lines and ' +
      'requested date): finance asks the deposit, and inventory issues production orders once finance confirms it. The order shows ' +
      '`in_production` until its goods are made and reserved for it.',
  },
  createReplacementOrder: {
    kind: 'command', roles: REPLACEMENT_DESK, request: ReplacementOrderRequest, creates: true,
    http: { method: 'POST', path: 'sales/service-tickets/:ticketId/replacement-orders', body: ReplacementOrderBody },
    answers: OrderView, summary: 'Raise a replacement order for an after-sales complaint',
    errors: [
      404,
      { status: 409, description: 'The ticket is not a complaint, or is closed (`ticket-not-complaint`, `ticket-closed`)' },
      { status: 422, description: 'The ticket names no customer (`ticket-without-customer`), or a line names a SKU sales does not know (`unknown-sku`, by line)' },
    ],
    description:
      'An order of `kind: replacement` for the ticket\'s customer (and order, when it names one), priced as given (0 when left out), no deposit. ' +
      'It waits in `pending_approval` at `sales_manager` ("replacement parts for complaint CS-…"): the business manager approves it with ' +
      '`POST /sales/orders/:id/approve`, never its creator. Approval places it directly (the complaint is the written record): made-to-order ' +
      'lines go to production, stocked lines are reserved or backordered. The ticket lists it in `replacementOrders` and gets a note.',
  },
} satisfies Record<string, OperationSpec>;
