import { FINANCE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import { CreditNoteView, ListCreditNotesQuery } from './credit-notes.js';

const READERS: readonly Role[] = [...FINANCE, 'sales_manager', 'sales_vp', 'general_manager'];

/** Credit notes for returned goods in the finance catalogue (issued on sales.return.investigated). */
export const FINANCE_CREDIT_NOTE_OPERATIONS = {
  listCreditNotes: {
    kind: 'query', roles: READERS, request: ListCreditNotesQuery,
    http: { method: 'GET', path: 'finance/credit-notes' },
    answers: pageOf(CreditNoteView), summary: 'Credit notes, newest first',
    description:
      'One per investigated return that credits the customer: revenue and 13 % VAT reversed line by line as invoices split them; the credit ' +
      'first reduces the order\'s open receivables, the rest is a refund due. Filter by `orderId`, `customerId`, `returnId`, `status`.',
  },
  getCreditNote: {
    kind: 'query', roles: READERS, request: IdRequest,
    http: { method: 'GET', path: 'finance/credit-notes/:id' },
    answers: CreditNoteView, summary: 'Read a credit note with its lines', errors: [404],
  },
} satisfies Record<string, OperationSpec>;
