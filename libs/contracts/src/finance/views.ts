import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVOICE_SERIES, RECEIPT_METHODS, RECEIVABLE_STAGES, REFUND_STATUSES, type ReceiptMethod, type ReceivableStage } from './requests.js';
import { PAYMENT_TERMS, type PaymentTerms } from '../sales/events.js';
import { OutletShiftView } from './outlet-money.js';

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000001', description: 'Gapless receipt number' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: RECEIPT_METHODS }) method: ReceiptMethod;
  @ApiProperty({ example: 25600 }) amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) payerName: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ example: '2026-11-30', description: 'The cashier\'s business day the money belongs to (the next open one when that day was already closed)' }) cashierDate: string;
  @ApiProperty({
    enum: ['counted', 'pending_verification', 'awaiting_deposit_approval'],
    description: 'Transfers count only once finance has verified them; a first payment below the required deposit only once sales management and a finance manager have both accepted it',
  }) status: string;
  @ApiProperty({ nullable: true, type: String }) verifiedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who accepted a first payment below the required deposit for sales management (sales manager, sales VP or general manager)' }) depositSalesApprovedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who accepted it for finance (a finance manager)' }) depositFinanceApprovedBy: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Method details: cards (last 4 digits, holder), bank, payer ID (last 4)' }) details: Record<string, unknown>;
}

export class RecordedReceiptView extends ReceiptView {
  @ApiProperty({ description: 'This or an earlier receipt completed the amount due' }) orderFullyPaid: boolean;
  @ApiProperty() outstandingFen: number;
  @ApiProperty({ description: 'Paid beyond the amount due, kept as the customer\'s prepayment' }) prepaymentFen: number;
}

/** What the customer was told is left to pay when production of their made-to-order goods finished (尾款通知). */
export class AccountBalanceNoticeView {
  @ApiProperty({ example: 100_000 }) totalFen: number;
  @ApiProperty({ example: 30_000, description: 'Paid when the notice went out' }) paidFen: number;
  @ApiProperty({ example: 70_000, description: 'totalFen − paidFen: 0 when the order was already paid in full' }) balanceFen: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class OrderAccountView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: PAYMENT_TERMS }) paymentTerms: PaymentTerms;
  @ApiProperty() totalFen: number;
  @ApiProperty({ description: 'The deposit the agreement requires: a first payment below it waits for sales management and a finance manager' }) requiredDepositFen: number;
  @ApiProperty({ description: 'A first payment has counted (it met the deposit, or was accepted below it): later money simply adds up' }) depositAccepted: boolean;
  @ApiProperty({ description: 'The order has lines made to order: their production is issued once the deposit is confirmed' }) madeToOrder: boolean;
  @ApiProperty({
    nullable: true, type: String, format: 'date-time',
    description: 'When finance confirmed the deposit of a made-to-order order to inventory (its first payment counted, or none was required, or the prepayment covered it); null for other orders',
  }) depositConfirmedAt: string | null;
  @ApiProperty({ nullable: true, type: AccountBalanceNoticeView, description: 'The balance the customer was told when production finished; null until then' }) balanceNotice: AccountBalanceNoticeView | null;
  @ApiProperty({ description: 'Finance holds the order\'s agreement until it is paid in full' }) agreementHeld: boolean;
  @ApiProperty({ description: 'Money applied to the order, and credit notes set against what it owed (never beyond its total)' }) paidFen: number;
  @ApiProperty() outstandingFen: number;
  @ApiProperty({ description: 'Live invoices of the order' }) invoicedFen: number;
  @ApiProperty({ description: 'Invoiced and not yet paid' }) openReceivableFen: number;
  @ApiProperty({ description: 'This order\'s money that became the customer\'s prepayment (overpaid, or kept on cancellation)' }) prepaymentFen: number;
  @ApiProperty() fullyPaid: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['refunded', 'kept_as_prepayment', 'nothing_paid'], description: 'Set when the order was cancelled; `refunded`: its money is owed back as refunds (see refundDueFen, refundedFen)' }) cancellation: string | null;
  @ApiProperty({ description: 'Refunds of the cancelled order not yet paid by a cashier' }) refundDueFen: number;
  @ApiProperty({ description: 'Refunds of the cancelled order paid' }) refundedFen: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
}

export class InvoiceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INV-2026-000001', description: 'Gapless within its series and year' }) number: string;
  @ApiProperty({ enum: INVOICE_SERIES }) series: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The shipment it bills; null when issued on full payment or re-issued' }) shipmentId: string | null;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ description: 'Always the name on the order' }) customerName: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: ['issued', 'voided'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) issuedBy: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ nullable: true, type: String }) voidReason: string | null;
  @ApiProperty({ nullable: true, type: String }) voidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) voidedAt: string | null;
}

export class InvoiceLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001', description: 'The SKU billed; `ADJUSTMENT` for a difference between the goods and the amount billed (the last shipment bills what is left of the order)' }) sku: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ example: 12_800, description: 'VAT included, as on the order' }) unitPriceFen: number;
  @ApiProperty({ example: 25_600, description: 'quantity × unit price, VAT included' }) amountFen: number;
  @ApiProperty({ example: 22_655, description: 'amount − VAT' }) netFen: number;
  @ApiProperty({ example: 13 }) vatRatePercent: number;
  @ApiProperty({ example: 2_945 }) vatFen: number;
}

export class InvoicePartyView {
  @ApiProperty({ example: '上海晨光贸易有限公司' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '91310000MA1FL8XQ30', description: 'Taxpayer id (统一社会信用代码); null for a buyer with none on file' }) taxId: string | null;
  @ApiPropertyOptional({ example: '上海市浦东新区示例路 1 号 021-5555 0100', description: 'Seller only' }) address?: string;
  @ApiPropertyOptional({ example: '中国工商银行上海分行 1001 0000 0000 0000 001', description: 'Seller only' }) bankAccount?: string;
}

export class InvoiceDocumentView extends InvoiceView {
  @ApiProperty({ type: InvoicePartyView, description: 'The issuing company as it was at issue' }) seller: InvoicePartyView;
  @ApiProperty({ type: InvoicePartyView, description: 'The customer: the name on the order and the taxpayer id sales had when the order was placed' }) buyer: InvoicePartyView;
  @ApiProperty({ example: 'SO-2026-000042' }) orderNumber: string;
  @ApiProperty({ type: [InvoiceLineView], description: 'Adds up to amountFen; empty for invoices issued before lines were kept' }) lines: InvoiceLineView[];
  @ApiProperty({ example: 22_655, description: 'The amount without VAT; netFen + vatFen = amountFen, as booked in the journal' }) netFen: number;
  @ApiProperty({ example: 2_945 }) vatFen: number;
  @ApiProperty({ example: 13 }) vatRatePercent: number;
}

export class DunningPlanView {
  @ApiProperty() reasons: string;
  @ApiProperty() plan: string;
  @ApiProperty({ description: 'User id' }) filedBy: string;
  @ApiProperty({ format: 'date' }) filedOn: string;
}

export class FilingView {
  @ApiProperty() text: string;
  @ApiProperty({ description: 'User id' }) filedBy: string;
  @ApiProperty({ format: 'date' }) filedOn: string;
}

export class WriteOffView {
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'The finance manager who approved (user id)' }) financeApprovedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The sales VP who approved (user id)' }) salesApprovedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Set when both have approved' }) writtenOffOn: string | null;
  @ApiProperty({ example: 120_000 }) writtenOffFen: number;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'When later money reversed the write-off' }) recoveredOn: string | null;
}

export class ReceivableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: 'INV-2026-000001' }) invoiceNumber: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() settledFen: number;
  @ApiProperty({ description: 'amount − settled' }) openFen: number;
  @ApiProperty({ format: 'date', description: 'Invoice date + the customer\'s payment terms' }) dueDate: string;
  @ApiProperty({ enum: ['open', 'settled', 'voided', 'written_off'] }) status: string;
  @ApiProperty({ format: 'date', description: 'The business date of its invoice' }) invoiceDate: string;
  @ApiProperty({ description: 'Days an open receivable is past its due date (Asia/Shanghai business dates); 0 when not past due' }) daysPastDue: number;
  @ApiProperty({
    nullable: true, type: String, enum: RECEIVABLE_STAGES,
    description:
      'Collection stage today (collection rules 9-05, 9-06): `current`; `unpaid` from the 5th of the month after the due month; `dunning` a month later; ' +
      '`supply_stopped` 20 days after that (the customer is put on credit hold); `doubtful` when supply has been stopped over a month or the customer ' +
      'was declared bankrupt or seized; `written_off` with a finance manager\'s and the sales VP\'s approval. Null once settled or voided.',
  }) stage: ReceivableStage | null;
  @ApiProperty({ description: 'Reported to sales and inventory as overdue: open and unpaid or later (not merely past its due date)' }) overdue: boolean;
  @ApiProperty({ format: 'date', description: 'The 5th of the month after the due date: from then an open receivable is unpaid' }) unpaidFrom: string;
  @ApiProperty({ format: 'date', description: 'From then in dunning' }) dunningFrom: string;
  @ApiProperty({ format: 'date', description: 'From then supply to the customer is stopped' }) supplyStoppedFrom: string;
  @ApiProperty({ format: 'date', description: 'From then doubtful (supply stopped over a month)' }) doubtfulFrom: string;
  @ApiProperty({ example: 2, description: 'Grows with every announced stage change (`finance.receivable.stage-changed`)' }) stageRevision: number;
  @ApiProperty({ format: 'date', description: 'The last day for the sales manager to file reasons and a plan (5 days into dunning)' }) dunningPlanDue: string;
  @ApiProperty({ description: 'In dunning or beyond, past `dunningPlanDue`, and no plan on file' }) dunningPlanMissing: boolean;
  @ApiProperty({ nullable: true, type: DunningPlanView }) dunningPlan: DunningPlanView | null;
  @ApiProperty({ description: 'Still open three months after its invoice date (9-08)' }) problemAccount: boolean;
  @ApiProperty({ format: 'date', description: 'Three months after the invoice date' }) problemFrom: string;
  @ApiProperty({ format: 'date', description: 'The last day to file the problem account report' }) problemReportDue: string;
  @ApiProperty({ description: 'A problem account past `problemReportDue` with no report on file' }) problemReportMissing: boolean;
  @ApiProperty({ nullable: true, type: FilingView }) problemReport: FilingView | null;
  @ApiProperty({ nullable: true, type: String, example: 'bankrupt: case (2026) 沪03破 12', description: 'Why it is doubtful whatever the calendar says' }) doubtfulReason: string | null;
  @ApiProperty({ nullable: true, type: WriteOffView }) writeOff: WriteOffView | null;
}

export class StatementLineView {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'JE-2026-000042', description: 'The journal entry' }) entryNumber: string;
  @ApiProperty({ enum: ['receipt', 'invoice', 'invoice_void', 'refund'], description: 'The kind of document behind the entry' }) sourceType: string;
  @ApiProperty({ example: 'INV-2026-000007', description: 'The document\'s own number: the receipt, the invoice (also for its void) or the refund' }) documentNumber: string;
  @ApiProperty() memo: string;
  @ApiProperty({ description: 'Increases what the customer owes (invoices)' }) debitFen: number;
  @ApiProperty({ description: 'Decreases it (money received, voids)' }) creditFen: number;
  @ApiProperty({ description: 'What the customer owes after this line; negative: money held for the customer' }) balanceFen: number;
}

export class StatementView {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Receivables (1122) minus customer prepayments (2203) before `from`' }) openingBalanceFen: number;
  @ApiProperty({ type: [StatementLineView] }) lines: StatementLineView[];
  @ApiProperty() totalDebitFen: number;
  @ApiProperty() totalCreditFen: number;
  @ApiProperty({ description: 'opening + debits − credits' }) closingBalanceFen: number;
}

export class PrepaymentMovementView {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ description: 'Positive into the balance, negative applied to an order' }) amountFen: number;
  @ApiProperty({ enum: ['overpayment', 'kept_from_cancellation', 'applied_to_order', 'referral_reward'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CustomerPrepaymentView {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ description: 'Money held for the customer, used against their next orders' }) balanceFen: number;
  @ApiProperty({ type: [PrepaymentMovementView], description: 'Newest first (up to 200)' }) movements: PrepaymentMovementView[];
}

export class CreditHoldView {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() onHold: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) changedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) changedAt: string | null;
}

export class JournalLineView {
  @ApiProperty({ example: '1001' }) account: string;
  @ApiProperty({ example: 'Cash on hand (库存现金)' }) name: string;
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
}

export class JournalEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'JE-2026-000001' }) number: string;
  @ApiProperty({ enum: ['receipt', 'invoice', 'invoice_void', 'refund', 'bank_deposit'] }) sourceType: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty() memo: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The entry this one reverses' }) reversalOf: string | null;
  @ApiProperty() postedBy: string;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
  @ApiProperty({ type: [JournalLineView], description: 'Debits equal credits' }) lines: JournalLineView[];
}

export class TrialBalanceAccountView {
  @ApiProperty({ example: '1001' }) account: string;
  @ApiProperty() name: string;
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
  @ApiProperty({ description: 'Debits minus credits' }) balanceFen: number;
}

export class TrialBalanceTotalsView {
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
}

export class TrialBalanceView {
  @ApiProperty({ type: [TrialBalanceAccountView] }) accounts: TrialBalanceAccountView[];
  @ApiProperty({ type: TrialBalanceTotalsView }) totals: TrialBalanceTotalsView;
  @ApiProperty({ description: 'Total debits equal total credits' }) balanced: boolean;
}

export class RefundSourceView {
  @ApiProperty({ format: 'uuid' }) receiptId: string;
  @ApiProperty({ example: 'RC-2026-000001' }) receiptNumber: string;
  @ApiProperty({ enum: RECEIPT_METHODS }) method: ReceiptMethod;
  @ApiProperty({ description: 'The part of the receipt this refund gives back' }) amountFen: number;
}

export class RefundPayeeView {
  @ApiProperty({ required: false, example: '上海晨光贸易有限公司' }) payeeName?: string;
  @ApiProperty({ required: false, example: '中国工商银行上海浦东支行' }) payeeBank?: string;
  @ApiProperty({ required: false, example: '6222020200112233445' }) payeeAccountNumber?: string;
}

export class RefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RF-2026-000001', description: 'Gapless refund number' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String, enum: RECEIPT_METHODS, description: 'The way the money came in, and so the way it is paid back; null for money the order took from the customer\'s prepayment (any way)' }) method: ReceiptMethod | null;
  @ApiProperty({ type: [RefundSourceView], description: 'The receipts whose money it gives back' }) sources: RefundSourceView[];
  @ApiProperty({ description: 'The cancellation\'s reason' }) reason: string;
  @ApiProperty({ enum: REFUND_STATUSES }) status: string;
  @ApiProperty({ description: 'Who cancelled the order (the refund became due)' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, enum: RECEIPT_METHODS }) paidMethod: ReceiptMethod | null;
  @ApiProperty({ nullable: true, type: String, description: 'The cashier or finance manager who paid it' }) paidBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: RefundPayeeView }) payee: RefundPayeeView | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The return whose credit note owes it; null for a cancelled order\'s refund' }) returnId: string | null;
}

/** The buckets of receivables aging, by days past the due date, in order. */
export const RECEIVABLE_AGING_BUCKETS = ['not_due', 'days_1_30', 'days_31_60', 'days_61_90', 'over_90'] as const;
export type ReceivableAgingBucket = (typeof RECEIVABLE_AGING_BUCKETS)[number];

export class ReceivablesAgingBucketView {
  @ApiProperty({ enum: RECEIVABLE_AGING_BUCKETS, example: 'days_1_30', description: 'Days past the due date: `not_due` (due today or later), 1–30, 31–60, 61–90, over 90' }) bucket: ReceivableAgingBucket;
  @ApiProperty({ example: 3, description: 'Open receivables in the bucket' }) receivables: number;
  @ApiProperty({ example: 1_130_000, description: 'Still owed on them, in fen' }) openFen: number;
}

/** What waits in finance's queues now. */
export class FinanceQueuesView {
  @ApiProperty({ example: 2, description: 'Transfer receipts waiting for someone in finance to see the money in the bank (`pending_verification`)' }) transfersToVerify: number;
  @ApiProperty({ example: 1, description: 'First payments below the required deposit waiting for their two approvals (`awaiting_deposit_approval`)' }) depositsToApprove: number;
  @ApiProperty({ example: 1, description: 'Refunds of cancelled orders due and not yet paid (`due`)' }) refundsDue: number;
}

/** Open receivables by days past their due date on a business date, and finance's queues. */
export class ReceivablesAgingView {
  @ApiProperty({ example: '2026-11-30', description: 'The business date (Asia/Shanghai, today) the days past due are counted on' }) asOf: string;
  @ApiProperty({ type: [ReceivablesAgingBucketView], description: 'All five buckets, in the order not_due, days_1_30, days_31_60, days_61_90, over_90; zeros where none falls' }) buckets: ReceivablesAgingBucketView[];
  @ApiProperty({ example: 3_390_000, description: 'Owed on all open receivables, in fen: the sum of the buckets' }) totalOpenFen: number;
  @ApiProperty({ type: FinanceQueuesView }) waiting: FinanceQueuesView;
}

export class CashierDayLineView {
  @ApiProperty({ enum: RECEIPT_METHODS }) method: string;
  @ApiProperty({ example: 45_000, description: 'Receipts the cashier recorded that day less refunds they paid, this way of payment' }) recordedFen: number;
  @ApiProperty({ example: 44_900 }) countedFen: number;
  @ApiProperty({ example: -100, description: 'counted − recorded: positive over, negative short' }) differenceFen: number;
  @ApiProperty({ nullable: true, type: String }) explanation: string | null;
}

/** A receipt of the day no invoice bills, or an invoice the cashier issued that day no receipt paid. */
export class CashierDayDocumentView {
  @ApiProperty({ enum: ['receipt', 'invoice'], description: '`receipt`: money not invoiced; `invoice`: an invoice not paid' }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000001', description: 'The key of its explanation (`documentExplanations.<number>`)' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty({ example: 30_000 }) amountFen: number;
  @ApiProperty({ example: 30_000, description: 'The part no document of the other kind matches' }) unmatchedFen: number;
  @ApiProperty({ nullable: true, type: String }) explanation: string | null;
}

export class CashierDayView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The cashier\'s user id' }) cashierId: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ enum: ['counted', 'closed'] }) status: string;
  @ApiProperty({ type: [CashierDayLineView] }) lines: CashierDayLineView[];
  @ApiProperty({ description: 'Receipts recorded that day' }) receiptCount: number;
  @ApiProperty({
    type: [CashierDayDocumentView],
    description: 'Receipts against invoices: receipts of the day not (wholly) invoiced and invoices the cashier issued that day not (wholly) paid, as of the count',
  }) documents: CashierDayDocumentView[];
  @ApiProperty({ description: 'Whether every difference, of money and of documents, has an explanation (the day can be confirmed)' }) explained: boolean;
  @ApiProperty({ example: 40_000, description: 'Cash of the day handed to the treasurer so far (confirmed or not)' }) handedOverFen: number;
  @ApiProperty({ type: [OutletShiftView], description: 'The outlets\' till shifts handed over on the business date (`GET finance/outlet-shifts`): their cash is part of the day' }) outletShifts: OutletShiftView[];
  @ApiProperty({ example: 100_000, description: 'The outlets\' cash of the date: counted at their handovers beyond the floats left in the drawers' }) outletCashFen: number;
  @ApiProperty({ example: 30_000, description: 'The outlets\' POS takings of the date, as handed over' }) outletPosFen: number;
  @ApiProperty({ example: 0, description: 'The outlets\' transfer takings of the date, as handed over' }) outletTransferFen: number;
  @ApiProperty({ example: 2_000, description: 'The outlets\' cash over (+) or short (−) of the date, booked at each handover' }) outletDifferenceFen: number;
  @ApiProperty({ format: 'date-time' }) countedAt: string;
  @ApiProperty({ nullable: true, type: String }) confirmedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
}
