import { PURCHASING, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  CreatePaymentRequestRequest, ListPayablesQuery, ListPaymentRequestsQuery, ListPoPrepaymentsQuery, ListSupplierAccountsQuery, PayableView, PaymentRequestIdRequest, PaymentRequestView,
  PayPaymentRequestBody, PayPaymentRequestRequest, PoPrepaymentView, RecordSupplierInvoiceRequest, RejectPaymentRequestBody, RejectPaymentRequestRequest, SupplierAccountView,
  SupplierInvoiceView, WeeklySummaryLineView, WeeklySummaryQuery,
} from './payables.js';

/** Finance reads all payables; purchasing reads them too, since every supplier is purchasing's (the auditor reads every query anyway). */
const READERS: readonly Role[] = ['accountant', 'finance_manager', 'cashier', 'general_manager', ...PURCHASING];
const REQUEST_READERS: readonly Role[] = [...READERS];

/** Supplier payables, supplier payments and their approvals in the finance catalogue (fed by purchasing's events). */
export const FINANCE_PAYABLE_OPERATIONS = {
  listPayables: {
    kind: 'query', roles: READERS, request: ListPayablesQuery,
    http: { method: 'GET', path: 'finance/payables' },
    answers: pageOf(PayableView), summary: 'Supplier payables, earliest due first (CSV too)',
    description:
      'One per purchase receipt audited in inventory (`inventory.receipt.audited`), for exactly its amount (VAT included), due the supplier\'s ' +
      'payment terms after the audit\'s business date. A receipt whose supplier finance has not heard of yet is raised with terms 0 ' +
      '(`termsProvisional`) and its due date follows the terms once the supplier\'s record arrives. Purchase returns, payments and the ' +
      'supplier\'s prepayment lower it (`settledFen`); at nothing left it is `settled`. Filters: `supplierId`, `status`, `overdue`, ' +
      '`missingInvoice` (no supplier VAT invoice recorded). `Accept: text/csv` for the whole list.',
  },
  getPayablesWeeklySummary: {
    kind: 'query', roles: ['accountant', 'finance_manager', 'general_manager', ...PURCHASING], request: WeeklySummaryQuery,
    http: { method: 'GET', path: 'finance/payables/weekly-summary' },
    answers: pageOf(WeeklySummaryLineView), summary: 'The weekly payables summary: last week\'s payments, what is owed, missing invoices (CSV too)',
    description:
      'For the week (Monday to Sunday) before `weekOf`: every supplier payment paid in it (`paid`), then per supplier what is owed now with ' +
      'the part past due (`owed`), then every open or settled payable with no supplier VAT invoice (`missing_invoice`). Lines in that order; ' +
      '`Accept: text/csv` for the same lines as a table.',
  },
  listSupplierAccounts: {
    kind: 'query', roles: READERS, request: ListSupplierAccountsQuery,
    http: { method: 'GET', path: 'finance/suppliers' },
    answers: pageOf(SupplierAccountView), summary: 'Supplier balances: owed, past due, prepayment held',
    description:
      'Finance\'s copy of each supplier (`inventory.supplier.saved`, the highest revision kept whatever order events arrive in) with what ' +
      'is owed (2202) and the prepayment held (1123: money paid ahead or beyond what was owed, and returns credited when nothing was owed), ' +
      'used automatically on the supplier\'s next settlement. Bank accounts masked.',
  },
  listPoPrepayments: {
    kind: 'query', roles: READERS, request: ListPoPrepaymentsQuery,
    http: { method: 'GET', path: 'finance/purchase-prepayments' },
    answers: pageOf(PoPrepaymentView), summary: 'Purchase orders and the prepayment they require',
    description: 'Every approved purchase order that requires a prepayment (`inventory.purchase-order.approved` with `prepaymentFen` > 0); `status=awaiting` lists those not paid in full.',
  },
  createPaymentRequest: {
    kind: 'command', roles: ['purchaser'], request: CreatePaymentRequestRequest, creates: true,
    http: { method: 'POST', path: 'finance/payment-requests' },
    answers: PaymentRequestView, summary: 'Ask for a supplier to be paid',
    errors: [
      404,
      {
        status: 422,
        description: 'Payables that are not the supplier\'s or not open (`payable-not-payable`, naming `payableIds`), a purchase order not awaiting ' +
          'a prepayment or an amount above what it still requires (naming `purchaseOrderId` / `amountFen`), both or neither of `payableIds` and `purchaseOrderId`, ' +
          'an inactive supplier (`supplier-inactive`, naming `supplierId`)',
      },
    ],
    description:
      'A purchaser asks to pay a supplier: either open payables of the supplier (`payableIds`; the amount may exceed what they still owe, ' +
      'the rest becomes the supplier\'s prepayment) or an approved order\'s prepayment (`purchaseOrderId`, at most what it still requires). ' +
      'It is `submitted`: a purchasing manager approves it, then a general manager (deputy GM), then finance pays it.',
  },
  listPaymentRequests: {
    kind: 'query', roles: REQUEST_READERS, request: ListPaymentRequestsQuery,
    http: { method: 'GET', path: 'finance/payment-requests' },
    answers: pageOf(PaymentRequestView), summary: 'Supplier payment requests, newest first (the approvers\' queues by status)',
    description: '`status=submitted` is the purchasing manager\'s queue, `manager_approved` the general manager\'s, `approved` finance\'s to pay.',
  },
  getPaymentRequest: {
    kind: 'query', roles: REQUEST_READERS, request: PaymentRequestIdRequest,
    http: { method: 'GET', path: 'finance/payment-requests/:requestId' },
    answers: PaymentRequestView, summary: 'Read a payment request', errors: [404],
  },
  approvePaymentRequest: {
    kind: 'command', roles: ['purchasing_manager', 'general_manager'], request: PaymentRequestIdRequest,
    rolesNote:
      'A `submitted` request needs a purchasing manager (or higher: a general manager); a `manager_approved` one a general manager. Never ' +
      'the person who created it, and never the same person for both levels (domain rule).',
    http: { method: 'POST', path: 'finance/payment-requests/:requestId/approve' },
    answers: PaymentRequestView, summary: 'Approve a payment request at its next level',
    errors: [
      404,
      { status: 403, description: 'The creator (`self-approval`), the first approver again (`same-approver`), or a role below the level needed (`approval-level`)' },
      { status: 409, description: 'Not waiting for an approval (`payment-request-transition-refused`)' },
    ],
    description: 'Two levels, in order: purchasing manager (`submitted` → `manager_approved`), then general manager (→ `approved`, finance may pay).',
  },
  rejectPaymentRequest: {
    kind: 'command', roles: ['purchasing_manager', 'general_manager'], request: RejectPaymentRequestRequest,
    http: { method: 'POST', path: 'finance/payment-requests/:requestId/reject', body: RejectPaymentRequestBody },
    answers: PaymentRequestView, summary: 'Reject a payment request, with the reason',
    errors: [404, { status: 403, description: 'The creator, or a role below the level the request waits for' }, { status: 409, description: 'Not waiting for an approval' }],
    description: 'At either level, by whoever may approve it there; the reason is required. A rejected request is final: the purchaser asks again.',
  },
  payPaymentRequest: {
    kind: 'command', roles: ['finance_manager', 'cashier'], request: PayPaymentRequestRequest,
    http: { method: 'POST', path: 'finance/payment-requests/:requestId/pay', body: PayPaymentRequestBody },
    answers: PaymentRequestView, summary: 'Pay an approved payment request',
    errors: [404, { status: 409, description: 'Not approved, or paid already (`payment-request-transition-refused`)' }, { status: 422, description: 'A transfer without `bankReference`, or to a supplier finance holds no bank account of (`no-bank-account`, naming `method`); an inactive supplier (`supplier-inactive`)' }],
    description:
      'Finance pays by transfer (1002, with the bank\'s reference) or cash (1001). For payables: the supplier\'s prepayment is used against ' +
      'them first (debit 2202, credit 1123), then the money settles them oldest due first (debit 2202); money beyond what they still owe ' +
      'is held as the supplier\'s prepayment (debit 1123). For a purchase order\'s prepayment the whole amount goes to 1123 and is used ' +
      'automatically on the supplier\'s next settlement. Publishes `finance.supplier-payment.paid`.',
  },
  recordSupplierInvoice: {
    kind: 'command', roles: ['accountant', 'finance_manager'], request: RecordSupplierInvoiceRequest, creates: true,
    http: { method: 'POST', path: 'finance/supplier-invoices' },
    answers: SupplierInvoiceView, summary: 'Record a supplier\'s VAT invoice against payables',
    errors: [
      { status: 409, description: 'The supplier\'s invoice number is recorded already (`supplier-invoice-recorded`)' },
      { status: 422, description: 'Payables not the supplier\'s or invoiced already (naming `payableIds`), or an amount not their total (naming `amountFen`)' },
    ],
    description: 'The invoice bills one or more payables of the supplier, for their amounts added up; they stop being "missing supplier invoice".',
  },
} satisfies Record<string, OperationSpec>;
