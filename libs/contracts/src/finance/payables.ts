import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * Supplier payables and payments (domain.md, purchasing in finance): what purchasing's audited receipts make
 * owed to suppliers (2202), what purchase returns take off, payment requests climbing purchaser → purchasing
 * manager → general manager before finance pays, supplier prepayments (1123), and supplier VAT invoices.
 */

export const PAYABLE_STATUSES = ['open', 'settled'] as const;
export const PAYMENT_REQUEST_STATUSES = ['submitted', 'manager_approved', 'approved', 'paid', 'rejected'] as const;
export const SUPPLIER_PAYMENT_METHODS = ['transfer', 'cash'] as const;
export const PO_PREPAYMENT_STATUSES = ['awaiting', 'paid'] as const;
export const WEEKLY_SUMMARY_SECTIONS = ['paid', 'owed', 'missing_invoice'] as const;

const DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export class ListPayablesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ enum: PAYABLE_STATUSES }) @IsOptional() @IsIn(PAYABLE_STATUSES) status?: (typeof PAYABLE_STATUSES)[number];
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open payables past their due date (today, Asia/Shanghai), or only the others' })
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only payables no supplier VAT invoice was recorded against yet, or only those with one' })
  @IsOptional() @IsIn(['true', 'false']) missingInvoice?: 'true' | 'false';
}

export class PayableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ example: 'SUP-001', description: 'The supplier\'s code (empty until finance has heard of the supplier)' }) supplierCode: string;
  @ApiProperty({ example: '杭州茶业有限公司' }) supplierName: string;
  @ApiProperty({ format: 'uuid', description: 'The audited purchase receipt that raised it (one payable per receipt)' }) receiptId: string;
  @ApiProperty({ example: 'GR-2026-000001' }) receiptNumber: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) purchaseOrderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'PO-2026-000001' }) purchaseOrderNumber: string | null;
  @ApiProperty({ example: 113_000, description: 'VAT included, fen: the receipt\'s amount' }) amountFen: number;
  @ApiProperty({ example: 100_000 }) netFen: number;
  @ApiProperty({ example: 13_000 }) vatFen: number;
  @ApiProperty({ example: 0, description: 'Paid, covered by the supplier\'s prepayment, or taken off by purchase returns' }) settledFen: number;
  @ApiProperty({ example: 0, description: 'Part of `settledFen` taken off by purchase returns' }) returnedFen: number;
  @ApiProperty({ example: 113_000, description: 'Still owed: amount less settled' }) remainingFen: number;
  @ApiProperty({ enum: PAYABLE_STATUSES }) status: string;
  @ApiProperty({ example: '2026-11-30', description: 'Business date the receipt was audited (Asia/Shanghai)' }) auditDate: string;
  @ApiProperty({ example: 30 }) paymentTermsDays: number;
  @ApiProperty({ description: 'The supplier was not known to finance when the payable was raised: terms 0 until its record arrives, then the due date follows its terms' })
  termsProvisional: boolean;
  @ApiProperty({ example: '2026-12-30' }) dueDate: string;
  @ApiProperty({ description: 'Open and past its due date today' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String, example: '04412345', description: 'The supplier\'s VAT invoice recorded against it' }) supplierInvoiceNumber: string | null;
  @ApiProperty({ description: 'No supplier VAT invoice recorded against it yet' }) missingInvoice: boolean;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
}

export class SupplierAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SUP-001' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 30 }) paymentTermsDays: number;
  @ApiProperty({ nullable: true, type: String, example: '6222 **** **** 1234', description: 'Masked' }) bankAccount: string | null;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 3, description: 'The revision of purchasing\'s record finance holds (0: not heard of yet, only a payable named it)' }) revision: number;
  @ApiProperty({ example: 113_000, description: 'Open payables\' remaining amounts (2202)' }) owedFen: number;
  @ApiProperty({ example: 0, description: 'Owed and past due today' }) overdueFen: number;
  @ApiProperty({ example: 0, description: 'Paid ahead or credited by returns, used on the supplier\'s next settlement (1123)' }) prepaymentFen: number;
  @ApiProperty({ example: 1 }) openPayables: number;
  @ApiProperty({ example: 1, description: 'Payables without a supplier VAT invoice' }) missingInvoices: number;
}

export class ListSupplierAccountsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only suppliers something is owed to or held for' }) @IsOptional() @IsIn(['true', 'false']) withBalance?: 'true' | 'false';
}

export class ListPoPrepaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PO_PREPAYMENT_STATUSES, description: '`awaiting`: approved orders whose prepayment is not paid in full' })
  @IsOptional() @IsIn(PO_PREPAYMENT_STATUSES) status?: (typeof PO_PREPAYMENT_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
}

export class PoPrepaymentView {
  @ApiProperty({ format: 'uuid' }) purchaseOrderId: string;
  @ApiProperty({ example: 'PO-2026-000001' }) purchaseOrderNumber: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ example: 500_000, description: 'The order\'s amount, VAT included' }) orderAmountFen: number;
  @ApiProperty({ example: 150_000, description: 'Prepayment the order requires' }) requiredFen: number;
  @ApiProperty({ example: 0, description: 'Paid so far by payment requests for it' }) paidFen: number;
  @ApiProperty({ enum: PO_PREPAYMENT_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
}

export class CreatePaymentRequestRequest {
  @ApiProperty({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d' }) @IsUUID() supplierId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Open payables of the supplier to settle; or give `purchaseOrderId` for a prepayment, not both' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true })
  payableIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-8e41-7b22-a4d5-6f7a8b9c0d1e', description: 'An approved purchase order awaiting its prepayment' })
  @ValidateIf((r: CreatePaymentRequestRequest) => r.payableIds === undefined || r.purchaseOrderId !== undefined) @IsUUID()
  purchaseOrderId?: string;

  @ApiProperty({ example: 113_000, minimum: 1, description: 'Fen to pay. For payables, more than they still owe is allowed: the rest becomes the supplier\'s prepayment' })
  @IsInt() @Min(1) @Max(100_000_000_00)
  amountFen: number;

  @ApiProperty({ example: 'November deliveries, per contract terms' }) @IsText(500) reason: string;
}

export class PaymentRequestIdRequest {
  @IsUUID() requestId: string;
}

export class RejectPaymentRequestBody {
  @ApiProperty({ example: 'Goods of GR-2026-000003 not yet checked by QC' }) @IsText(500) reason: string;
}

export class RejectPaymentRequestRequest extends RejectPaymentRequestBody {
  @IsUUID() requestId: string;
}

export class PayPaymentRequestBody {
  @ApiProperty({ enum: SUPPLIER_PAYMENT_METHODS, description: '`transfer` from the bank (1002) or `cash` on hand (1001)' })
  @IsIn(SUPPLIER_PAYMENT_METHODS) method: (typeof SUPPLIER_PAYMENT_METHODS)[number];

  @ApiPropertyOptional({ example: 'ICBC-20261130-0042', description: 'The bank\'s reference of the transfer (required for a transfer)' })
  @ValidateIf((b: PayPaymentRequestBody) => b.method === 'transfer' || b.bankReference !== undefined) @IsText(100)
  bankReference?: string;
}

export class PayPaymentRequestRequest extends PayPaymentRequestBody {
  @IsUUID() requestId: string;
}

export class ListPaymentRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PAYMENT_REQUEST_STATUSES, description: 'An approver\'s queue: `submitted` for the purchasing manager, `manager_approved` for the general manager, `approved` for finance to pay' })
  @IsOptional() @IsIn(PAYMENT_REQUEST_STATUSES) status?: (typeof PAYMENT_REQUEST_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
}

export class PaymentRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SPR-2026-000001', description: 'Gapless payment request number' }) number: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ['payables', 'prepayment'], description: '`payables`: settles the listed payables; `prepayment`: pays a purchase order\'s prepayment' }) kind: string;
  @ApiProperty({ type: [String], format: 'uuid' }) payableIds: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) purchaseOrderId: string | null;
  @ApiProperty({ nullable: true, type: String }) purchaseOrderNumber: string | null;
  @ApiProperty({ example: 113_000 }) amountFen: number;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: PAYMENT_REQUEST_STATUSES }) status: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) managerApprovedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) managerApprovedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The general manager (deputy GM) who approved it last' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String, enum: SUPPLIER_PAYMENT_METHODS }) method: string | null;
  @ApiProperty({ nullable: true, type: String }) bankReference: string | null;
  @ApiProperty({ nullable: true, type: String }) paidBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
  @ApiProperty({ example: 0, description: 'On payment: the supplier\'s prepayment used against the payables first' }) prepaymentUsedFen: number;
  @ApiProperty({ example: 0, description: 'On payment: money that settled payables (2202)' }) toPayablesFen: number;
  @ApiProperty({ example: 0, description: 'On payment: money beyond what was owed, or a purchase order\'s prepayment, held as the supplier\'s prepayment (1123)' }) toPrepaymentFen: number;
}

export class RecordSupplierInvoiceRequest {
  @ApiProperty({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d' }) @IsUUID() supplierId: string;
  @ApiProperty({ example: '04412345', description: 'The number on the supplier\'s VAT invoice' }) @IsText(50) invoiceNumber: string;
  @ApiProperty({ example: '2026-11-28', description: 'Date on the invoice' }) @Matches(DATE) @IsISO8601({ strict: true }) @Length(10, 10) invoiceDate: string;
  @ApiProperty({ example: 113_000, description: 'Invoice total, VAT included: the payables\' amounts added up' }) @IsInt() @Min(1) amountFen: number;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Payables of the supplier the invoice bills, none invoiced yet' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true })
  payableIds: string[];
}

export class SupplierInvoiceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty() invoiceDate: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ type: [String], format: 'uuid' }) payableIds: string[];
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class WeeklySummaryQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'A date in the week the summary is for (default today, Asia/Shanghai): it covers the Monday-to-Sunday week before it' })
  @IsOptional() @Matches(DATE) @IsISO8601({ strict: true }) @Length(10, 10) weekOf?: string;
}

/** One line of the weekly summary; flat, so that `Accept: text/csv` gives the same lines as a table. */
export class WeeklySummaryLineView {
  @ApiProperty({ enum: WEEKLY_SUMMARY_SECTIONS, description: '`paid`: a payment of last week; `owed`: a supplier\'s open payables now; `missing_invoice`: a payable without a supplier VAT invoice' })
  section: string;
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week summarised' }) weekFrom: string;
  @ApiProperty({ example: '2026-11-29', description: 'Sunday of the week summarised' }) weekTo: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierCode: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The payment request (paid) or receipt (missing invoice); empty for a supplier\'s total owed' }) documentNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Paid on (paid), earliest due date (owed), due date (missing invoice)' }) date: string | null;
  @ApiProperty({ description: 'Paid (paid), still owed (owed, missing invoice)' }) amountFen: number;
  @ApiProperty({ description: 'Of it past due today (owed only)' }) overdueFen: number;
  @ApiProperty({ description: 'Open payables (owed) or 1' }) count: number;
}

export class SupplierPaymentPaidData {
  @IsUUID() paymentRequestId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() supplierId: string;
  @IsIn(['payables', 'prepayment']) kind: 'payables' | 'prepayment';
  @IsOptional() @IsUUID() purchaseOrderId: string | null;
  @IsInt() @Min(1) amountFen: number;
  @IsInt() @Min(0) prepaymentUsedFen: number;
  @IsInt() @Min(0) toPayablesFen: number;
  @IsInt() @Min(0) toPrepaymentFen: number;
  @IsIn(SUPPLIER_PAYMENT_METHODS) method: (typeof SUPPLIER_PAYMENT_METHODS)[number];
  @IsArray() @IsUUID('all', { each: true }) settledPayableIds: string[];
  @IsISO8601() paidAt: string;
}

export const SupplierPaymentPaid = defineEvent({
  type: 'finance.supplier-payment.paid',
  version: 1,
  source: 'finance',
  payload: SupplierPaymentPaidData,
  description:
    'Finance paid a supplier on an approved payment request: the money settled payables (`toPayablesFen`, after using the supplier\'s ' +
    'prepayment `prepaymentUsedFen`) and what was beyond them, or a purchase order\'s prepayment, is held as the supplier\'s prepayment ' +
    '(`toPrepaymentFen`). Purchasing may release an order waiting for its prepayment.',
});
