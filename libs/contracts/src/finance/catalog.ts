import { FINANCE, SALES_DESK } from '@ops/kernel';
import { adminOperations } from '../admin/operations.js';
import { defineCatalog, pageOf } from '../catalog.js';
import {
  CreditHoldBody, CreditHoldRequest, CustomerIdRequest, GetOrderAccountRequest, IssueInvoiceBody, IssueInvoiceRequest, ListInvoicesQuery, ListJournalQuery, ListReceiptsQuery,
  ListReceivablesQuery, ReceiptIdRequest, RecordReceiptRequest, StatementQuery, StatementRequest, VerifyTransferRequest, VoidInvoiceBody, VoidInvoiceRequest,
} from './requests.js';
import {
  CreditHoldView, CustomerPrepaymentView, InvoiceView, JournalEntryView, OrderAccountView, ReceiptView, ReceivableView, RecordedReceiptView, StatementView, TrialBalanceView,
} from './views.js';

const SALES_MANAGEMENT = ['sales_manager', 'sales_vp', 'general_manager'] as const;

/** Everything the finance service answers: receipts and order accounts, invoices and receivables, the books, credit holds. */
export const FinanceCatalog = {
  ...defineCatalog('finance', {
    recordReceipt: {
      kind: 'command', roles: ['cashier', 'finance_manager'], request: RecordReceiptRequest, creates: true,
      http: { method: 'POST', path: 'finance/receipts' },
      answers: RecordedReceiptView, summary: 'Record money received for an order', errors: [422],
      description:
        'Gives the receipt a gapless number. The receipt that completes the amount due confirms payment: the order moves on and ' +
        'inventory may ship it. Money beyond the amount due becomes the customer\'s prepayment, used for their next orders. A receipt ' +
        'that leaves a prepaid order partly paid is a deposit below the required amount: it waits in `awaiting_deposit_approval` until ' +
        'a sales manager accepts it (`POST …/{id}/approve-deposit`). Money for an invoiced credit order settles its receivable first. ' +
        '422 when finance has not (yet) opened the order: it is unknown, waiting for approval, or the placement is still on its way.',
    },
    listReceipts: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ListReceiptsQuery,
      http: { method: 'GET', path: 'finance/receipts' },
      answers: pageOf(ReceiptView), summary: 'List receipts, newest first',
    },
    verifyTransfer: {
      kind: 'command', roles: ['accountant', 'finance_manager'], request: VerifyTransferRequest,
      http: { method: 'POST', path: 'finance/receipts/:receiptId/verify' },
      answers: RecordedReceiptView, summary: 'Verify a transfer receipt',
      errors: [404, 409, 422, { status: 403, description: 'The person who recorded the transfer may not verify it' }],
      description: 'A transfer counts toward the order only once someone in finance, not the recorder, has seen the money arrive.',
    },
    approveDeposit: {
      kind: 'command', roles: SALES_MANAGEMENT, request: ReceiptIdRequest,
      rolesNote: 'A deposit below the required amount is accepted by sales management, never by its recorder (domain rule).',
      http: { method: 'POST', path: 'finance/receipts/:receiptId/approve-deposit' },
      answers: RecordedReceiptView, summary: 'Accept a deposit below the required amount',
      errors: [404, 409, 422, { status: 403, description: 'The person who recorded the receipt (`self-approval`)' }],
      description: 'The receipt then counts toward the order like any other. 409 when the receipt is not waiting for this.',
    },
    getOrderAccount: {
      kind: 'query', roles: [...FINANCE, ...SALES_DESK], request: GetOrderAccountRequest,
      http: { method: 'GET', path: 'finance/orders/:orderId/account' },
      answers: OrderAccountView, summary: 'Amount due, paid and outstanding for an order', errors: [404],
    },
    issueInvoice: {
      kind: 'command', roles: ['cashier', 'accountant', 'finance_manager'], request: IssueInvoiceRequest, creates: true,
      http: { method: 'POST', path: 'finance/orders/:orderId/invoice', body: IssueInvoiceBody },
      answers: InvoiceView, summary: 'Invoice what is left of an order', errors: [404, 409, 422],
      description:
        'For a prepaid order paid in full before it ships, or an order whose invoice was voided. Shipments are invoiced automatically. ' +
        '`customerName`, when given, must be the name on the order (422 naming `customerName`). 409 when the order is invoiced in full.',
    },
    listInvoices: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ListInvoicesQuery,
      http: { method: 'GET', path: 'finance/invoices' },
      answers: pageOf(InvoiceView), summary: 'List invoices, newest first',
    },
    voidInvoice: {
      kind: 'command', roles: ['finance_manager'], request: VoidInvoiceRequest,
      http: { method: 'POST', path: 'finance/invoices/:invoiceId/void', body: VoidInvoiceBody },
      answers: InvoiceView, summary: 'Void an invoice', errors: [404, 409],
      description:
        'Finance manager only, with a reason (400 naming `reason` when missing or blank). Posts a reversing entry (revenue and VAT back; what ' +
        'was still owed leaves receivables; money that had covered it is held for the customer again) and, when something was still owed, ' +
        'tells sales the new receivable (`finance.receivable.changed`). The number stays used. 409 when already voided.',
    },
    listReceivables: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ListReceivablesQuery,
      http: { method: 'GET', path: 'finance/receivables' },
      answers: pageOf(ReceivableView), summary: 'Receivables, earliest due first',
      description: 'One per credit invoice, due after the customer\'s payment terms; `overdue=true` lists those past due.',
    },
    getCustomerStatement: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: StatementRequest,
      http: { method: 'GET', path: 'finance/customers/:customerId/statement', query: StatementQuery },
      answers: StatementView, summary: 'A customer\'s statement for a period',
      description:
        'What the customer owes (receivables 1122 minus money held for them 2203, from the journal): opening balance, every invoice, receipt, ' +
        'void and refund with its document number and a running balance, closing balance. Business dates (Asia/Shanghai); 400 when `to` is before `from`.',
    },
    getCustomerPrepayment: {
      kind: 'query', roles: [...FINANCE, ...SALES_DESK], request: CustomerIdRequest,
      http: { method: 'GET', path: 'finance/customers/:customerId/prepayment' },
      answers: CustomerPrepaymentView, summary: 'Money held for a customer, and how it moved',
      description: 'Overpayments and money kept from cancelled orders, used automatically for the customer\'s next orders.',
    },
    placeCreditHold: {
      kind: 'command', roles: ['finance_manager'], request: CreditHoldRequest,
      http: { method: 'POST', path: 'finance/customers/:customerId/credit-hold', body: CreditHoldBody },
      answers: CreditHoldView, summary: 'Stop supply to a customer (credit hold)', errors: [409],
      description: 'Sales then refuses every new order of the customer until the hold is released. 409 when already on hold.',
    },
    releaseCreditHold: {
      kind: 'command', roles: ['finance_manager'], request: CreditHoldRequest,
      http: { method: 'POST', path: 'finance/customers/:customerId/credit-release', body: CreditHoldBody },
      answers: CreditHoldView, summary: 'Resume supply to a customer', errors: [409],
      description: '409 when the customer is not on hold.',
    },
    listJournal: {
      kind: 'query', roles: ['accountant', 'finance_manager', 'general_manager'], request: ListJournalQuery,
      http: { method: 'GET', path: 'finance/journal' },
      answers: pageOf(JournalEntryView), summary: 'Journal entries, newest first',
      description: 'Every receipt, invoice, void and refund posts one balanced double entry; entries are never changed, a void is a reversing entry.',
    },
    getTrialBalance: {
      kind: 'query', roles: ['accountant', 'finance_manager', 'general_manager'],
      http: { method: 'GET', path: 'finance/trial-balance' },
      answers: TrialBalanceView, summary: 'Trial balance',
      description: 'Debits, credits and balance per account; the totals are equal when the books are right.',
    },
  }),
  ...defineCatalog('finance', adminOperations('finance', ['finance_manager']), 'admin.'),
};
