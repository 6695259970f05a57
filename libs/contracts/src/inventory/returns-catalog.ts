import { SALES_DESK, WAREHOUSE } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { ExpectedReturnView, ListExpectedReturnsQuery, ReceiveReturnBody, ReceiveReturnRequest } from './returns.js';

/** Returned goods in the inventory catalogue: what is expected back, and receiving it with its inspection. */
export const INVENTORY_RETURN_OPERATIONS = {
  listExpectedReturns: {
    kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK], request: ListExpectedReturnsQuery,
    http: { method: 'GET', path: 'inventory/returns' },
    answers: pageOf(ExpectedReturnView), summary: 'Returns the warehouse expects or has received, oldest first',
    description: 'An approved return (sales.return.approved) is `expected` until a keeper receives it. Filter by `status`, `orderId`.',
  },
  receiveReturn: {
    kind: 'command', roles: WAREHOUSE, request: ReceiveReturnRequest,
    http: { method: 'POST', path: 'inventory/returns/:returnId/receive', body: ReceiveReturnBody },
    answers: ExpectedReturnView, summary: 'Receive and inspect returned goods',
    errors: [
      404,
      { status: 409, description: 'Received already (`return-received`)' },
      { status: 422, description: 'A line that is not expected, counted more than expected, accepted + rejected ≠ counted, or rejected without a note (naming the field)' },
    ],
    description:
      'Per line: the quantity counted (at most what is expected), split by inspection into accepted and rejected (accepted + rejected = counted; ' +
      'a note for anything rejected). Accepted goods go back to sellable stock (`return_in` movements into `STOCK` of the warehouse, serving ' +
      'waiting backorders first); rejected goods go to quarantine (`return_quarantine` movements into warehouse `QUARANTINE`, never reserved or picked).',
  },
} satisfies Record<string, OperationSpec>;
