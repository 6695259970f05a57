import { FINANCE, SALES_DESK } from '@ops/kernel';
import { adminOperations } from '../admin/operations.js';
import { defineCatalog, pageOf } from '../catalog.js';
import { WaitQuery } from '../common.js';
import { FINANCE_CREDIT_NOTE_OPERATIONS } from './credit-notes-catalog.js';
import { FINANCE_COLLECTION_OPERATIONS } from './collection-catalog.js';
import { FINANCE_CASH_OFFICE_OPERATIONS } from './cash-office-catalog.js';
import { FINANCE_CASH_INCIDENT_OPERATIONS } from './cash-incidents.js';
import { FINANCE_OUTLET_MONEY_OPERATIONS } from './outlet-money.js';
import { FINANCE_REFERRAL_REWARD_OPERATIONS } from './referral-rewards.js';
import { FINANCE_PAYABLE_OPERATIONS } from './payables-catalog.js';
import { FINANCE_BOOKS_OPERATIONS } from './vouchers.js';
import { FINANCE_STATEMENT_OPERATIONS } from './statements-catalog.js';
import {
  CashierDayIdRequest, CountCashierDayRequest, ListCashierDaysQuery, CreditHoldBody, CreditHoldRequest, CustomerIdRequest, GetOrderAccountRequest, InvoiceIdRequest, IssueInvoiceBody, IssueInvoiceRequest, ListInvoicesQuery, ListJournalQuery, ListReceiptsQuery,
  ListReceivablesQuery, ListRefundsQuery, PayRefundBody, PayRefundRequest, ReceiptIdRequest, RecordReceiptRequest, StatementQuery, StatementRequest, VerifyTransferRequest,
  VoidInvoiceBody, VoidInvoiceRequest,
} from './requests.js';
import {
  CashierDayView, CreditHoldView, CustomerPrepaymentView, InvoiceDocumentView, InvoiceView, JournalEntryView, OrderAccountView, ReceiptView, ReceivableView, RecordedReceiptView, RefundView, StatementView,
  TrialBalanceView,
} from './views.js';
import { ReceivablesAgingView } from './views.js';

const SALES_MANAGEMENT = ['sales_manager', 'sales_vp', 'general_manager'] as const;

/** Everything the finance service answers: receipts and order accounts, invoices and receivables, the books, credit holds. */
export const FinanceCatalog = {
  ...defineCatalog('finance', {
    recordReceipt: {
      kind: 'command', roles: ['cashier', 'finance_manager'], request: RecordReceiptRequest, creates: true,
      http: { method: 'POST', path: 'finance/receipts' },
      answers: RecordedReceiptView, summary: 'Record money received for an order', errors: [422],
      description:
        'Gives the receipt a gapless number. Money adds up: the receipt that completes the amount due confirms payment ' +
        '(`finance.payment.confirmed`), the order moves on and inventory may ship it. Money beyond the amount due becomes the customer\'s ' +
        'prepayment, used for their next orders. Only a first payment below the deposit the order\'s agreement requires ' +
        '(`requiredDepositFen` of the order account: the whole total of a prepaid order unless sales agreed less, nothing for a credit order) ' +
        'waits in `awaiting_deposit_approval` until sales management and a finance manager have both accepted it ' +
        '(`POST …/{id}/approve-deposit`); once a first payment has counted, later ones count at once. Money for an invoiced credit ' +
        'order settles its receivable first. 422 when finance has not (yet) opened the order: it is unknown, waiting for approval, or ' +
        'the placement is still on its way.',
    },
    listReceipts: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ListReceiptsQuery,
      http: { method: 'GET', path: 'finance/receipts' },
      answers: pageOf(ReceiptView), summary: 'List receipts, newest first',
    },
    getReceipt: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ReceiptIdRequest,
      http: { method: 'GET', path: 'finance/receipts/:receiptId' },
      answers: ReceiptView, summary: 'One receipt, as printed for the payer', errors: [404],
    },
    countCashierDay: {
      kind: 'command', roles: ['cashier'], request: CountCashierDayRequest,
      http: { method: 'POST', path: 'finance/cashier-days' },
      answers: CashierDayView, summary: 'Count the cashier\'s day against the books',
      errors: [409, { status: 422, description: 'Less cash than was already handed to the treasurer from the day (`less-than-handed-over`, naming `cashFen`)' }],
      description:
        'The signed-in cashier counts their business day: cash in the drawer, POS slips, bank credits. Each is set against the receipts ' +
        'they recorded that day less the refunds they paid, way by way, and every difference needs an explanation (`explanations.<method>`) ' +
        'before the day can close. Receipts are also set against invoices (`documents`): a receipt of the day that no invoice of its order ' +
        'bills (a prepaid order paid in full with no invoice, a deposit before shipping, money beyond the order\'s total) and an invoice the ' +
        'cashier issued that day that no receipt of its order paid; the order\'s money is matched first come, first served. Each needs an ' +
        'explanation keyed by its number (`documentExplanations`). Counting again replaces the count (and matches again) until the day is ' +
        'closed; a closed day is refused (409 `day-closed`), and money recorded after the close belongs to the cashier\'s next day.',
    },
    listCashierDays: {
      kind: 'query', roles: [...FINANCE, 'general_manager'], request: ListCashierDaysQuery,
      http: { method: 'GET', path: 'finance/cashier-days' },
      answers: pageOf(CashierDayView), summary: 'Cashiers\' days, latest first',
    },
    confirmCashierDay: {
      kind: 'command', roles: ['accountant', 'finance_manager'], request: CashierDayIdRequest,
      http: { method: 'POST', path: 'finance/cashier-days/:dayId/confirm' },
      answers: CashierDayView, summary: 'Confirm a cashier\'s count: the day closes',
      errors: [
        404, { status: 403, description: 'The cashier confirming their own day (`cashier-confirms-own-day`)' },
        { status: 409, description: 'Already closed (`day-closed`)' },
        {
          status: 422,
          description: 'A difference without an explanation (`unexplained-difference`, each named `explanations.<method>` for a way of payment, ' +
            '`documentExplanations.<number>` for a receipt not invoiced or an invoice not paid)',
        },
      ],
      description: 'A second person in finance, never the cashier, confirms the count; from then on the day never changes.',
    },
    verifyTransfer: {
      kind: 'command', roles: ['accountant', 'finance_manager'], request: VerifyTransferRequest,
      http: { method: 'POST', path: 'finance/receipts/:receiptId/verify' },
      answers: RecordedReceiptView, summary: 'Verify a transfer receipt',
      errors: [404, 409, 422, { status: 403, description: 'The person who recorded the transfer may not verify it' }],
      description: 'A transfer counts toward the order only once someone in finance, not the recorder, has seen the money arrive.',
    },
    approveDeposit: {
      kind: 'command', roles: [...SALES_MANAGEMENT, 'finance_manager'], request: ReceiptIdRequest,
      rolesNote:
        'Two approvals, in either order: one for sales management (sales manager, sales VP or general manager) and one by a finance manager; ' +
        'the approver\'s roles decide which side they fill. Never the person who recorded the receipt, and never one person for both sides (domain rule).',
      http: { method: 'POST', path: 'finance/receipts/:receiptId/approve-deposit' },
      answers: RecordedReceiptView, summary: 'Accept a first payment below the required deposit (one of two approvals)',
      errors: [
        404, 422,
        { status: 403, description: 'The person who recorded the receipt (`self-approval`), or who already accepted it for the other side (`same-approver`)' },
        { status: 409, description: 'The receipt is not waiting for this (`not-a-pending-deposit`), or the side this person may fill is already filled (`deposit-side-approved`)' },
      ],
      description:
        'A first payment below the deposit the order\'s agreement requires counts once both sides have accepted it: sales management ' +
        '(`depositSalesApprovedBy`) and a finance manager (`depositFinanceApprovedBy`), in either order. The first approval leaves it ' +
        '`awaiting_deposit_approval` and counts nothing; the second makes it `counted`, booked and set against the order like any other ' +
        'receipt. Someone holding roles of both sides fills the sales side and may not fill the other.',
    },
    getOrderAccount: {
      kind: 'query', roles: [...FINANCE, ...SALES_DESK], request: GetOrderAccountRequest,
      http: { method: 'GET', path: 'finance/orders/:orderId/account', query: WaitQuery },
      answers: OrderAccountView, summary: 'Amount due, paid and outstanding for an order', errors: [404],
      description:
        'Finance opens the account when it hears `sales.order.placed`, a moment after the order is placed: until then 404. With ' +
        '`waitSeconds` the answer waits for the account to open instead (a long poll; 404 only when it has not opened by then).',
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
    getInvoice: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: InvoiceIdRequest,
      http: { method: 'GET', path: 'finance/invoices/:invoiceId' },
      answers: InvoiceDocumentView, summary: 'One invoice as a document: seller, buyer, lines with VAT', errors: [404],
      description:
        'Everything printed on the invoice: its number, the seller and buyer with their taxpayer ids, each line with its net amount and 13 % VAT ' +
        '(prices include VAT; the lines add up to the invoice and their VAT to the VAT booked in the journal), and the totals. A voided invoice ' +
        'answers too, with its status, reason and who voided it.',
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
      description:
        'One per credit invoice, due after the customer\'s payment terms. Due date, days past due and collection stage are separate facts ' +
        '(collection rules 9-05): an open receivable is `current` until the 5th of the month after its due month and `unpaid` from then; ' +
        'only unpaid ones are overdue for sales and inventory. `stage` filters by stage, `overdue=true` lists the unpaid, `pastDue=true` ' +
        'those past their due date whatever their stage.',
    },
    getReceivablesAging: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT],
      http: { method: 'GET', path: 'finance/receivables/aging' },
      answers: ReceivablesAgingView, summary: 'Open receivables by days past due, and finance\'s queues',
      description:
        'For the managers\' dashboard. Every open receivable (what is still owed on a credit invoice) counted on today\'s business date ' +
        '(Asia/Shanghai) by days past its due date: `not_due` (due today or later), `days_1_30`, `days_31_60`, `days_61_90`, `over_90`; ' +
        'all five buckets in that order, zeros where none falls. Days past due are not the collection stage (`GET finance/receivables`). ' +
        '`waiting` counts finance\'s queues now: transfer receipts to verify, first payments below the deposit waiting for approval, and ' +
        'refunds due and not yet paid.',
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
    listRefunds: {
      kind: 'query', roles: [...FINANCE, ...SALES_MANAGEMENT], request: ListRefundsQuery,
      http: { method: 'GET', path: 'finance/refunds' },
      answers: pageOf(RefundView), summary: 'Refunds of cancelled orders, newest first',
      description:
        'A cancellation with `moneyDisposition: refund` makes the order\'s paid money due back to the customer: one refund per way the ' +
        'money came in (cash, POS, transfer), with the receipts it gives back, and one without a way for money the order took from the ' +
        'customer\'s prepayment. Filter by `status` (due, paid), `orderId`, `customerId`.',
    },
    payRefund: {
      kind: 'command', roles: ['cashier', 'finance_manager'], request: PayRefundRequest,
      http: { method: 'POST', path: 'finance/refunds/:refundId/pay', body: PayRefundBody },
      answers: RefundView, summary: 'Pay a refund due',
      errors: [404, { status: 409, description: 'The refund is paid already (`refund-not-due`)' }, { status: 422, description: 'Another way than the money came in (naming `method`), or a transfer without the payee\'s account (naming the field)' }],
      description:
        'The cashier pays the refund back the way its money came in: cash from the drawer (1001), POS back to the card (1012), transfer ' +
        'to the customer\'s bank account (1002, with `payeeName`, `payeeBank`, `payeeAccountNumber` as on the payment slip). A refund due ' +
        'has one way; money that came in several ways is owed as one refund per way, so another method is refused (422 naming `method`). ' +
        'Money from the customer\'s prepayment (`method` null) may go back any way. Posts debit customer prepayments (2203), credit the ' +
        'money account, and publishes `finance.refund.issued`.',
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
  ...defineCatalog('finance', FINANCE_CREDIT_NOTE_OPERATIONS),
  ...defineCatalog('finance', FINANCE_COLLECTION_OPERATIONS),
  ...defineCatalog('finance', FINANCE_CASH_OFFICE_OPERATIONS),
  ...defineCatalog('finance', FINANCE_CASH_INCIDENT_OPERATIONS),
  ...defineCatalog('finance', FINANCE_PAYABLE_OPERATIONS),
  ...defineCatalog('finance', FINANCE_OUTLET_MONEY_OPERATIONS),
  ...defineCatalog('finance', FINANCE_BOOKS_OPERATIONS),
  ...defineCatalog('finance', FINANCE_REFERRAL_REWARD_OPERATIONS),
  ...defineCatalog('finance', FINANCE_STATEMENT_OPERATIONS),
  ...defineCatalog('finance', adminOperations('finance', ['finance_manager']), 'admin.'),
};
