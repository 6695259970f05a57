import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery, WaitQuery } from '../common.js';
import { IsText } from '../text.js';
import { IsDocumentExplanations } from './cash-office.js';

/** Invoice series, each numbered gaplessly by year: INV ordinary VAT invoices (普通发票), SVAT special VAT invoices (专用发票). */
export const INVOICE_SERIES = ['INV', 'SVAT'] as const;
export type InvoiceSeries = (typeof INVOICE_SERIES)[number];

export const RECEIPT_METHODS = ['cash', 'pos', 'transfer'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

export class CardPayment {
  @ApiProperty({ example: '4321', description: 'Last 4 digits of the card' }) @Matches(/^\d{4}$/, { message: 'last4 must be 4 digits' }) last4: string;
  @ApiProperty({ example: '王芳' }) @IsText(100) holderName: string;
  @ApiProperty({ example: true, description: 'The card holder signed the slip' }) @IsBoolean() holderSigned: boolean;
  @ApiProperty({ example: 25600 }) @IsInt() @Min(1) amountFen: number;
}

export class RecordReceiptRequest {
  @ApiProperty({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', description: 'The order being paid' })
  @IsUUID()
  orderId: string;

  @ApiProperty({ enum: RECEIPT_METHODS, example: 'cash' })
  @IsIn(RECEIPT_METHODS)
  method: ReceiptMethod;

  @ApiProperty({ example: 25600, minimum: 1, description: 'Amount received, in fen' })
  @IsInt() @Min(1) @Max(100_000_000_000_00)
  amountFen: number;

  @ApiPropertyOptional({ example: '王芳', description: 'Who paid, when not the customer (required for transfers: the remitter)' })
  @IsOptional() @IsText(100)
  payerName?: string;

  @ApiPropertyOptional({ example: '310101199001011234', description: 'ID number of a payer who is not the customer; only its last 4 characters are kept' })
  @IsOptional() @IsText(30, 6)
  payerIdNumber?: string;

  @ApiPropertyOptional({ example: true, description: 'Cash: the notes passed the counterfeit check (required, cash counts only after it)' })
  @IsOptional() @IsBoolean()
  counterfeitChecked?: boolean;

  @ApiPropertyOptional({ type: () => [CardPayment], description: 'POS: one or two cards, their amounts adding up to amountFen' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2, { message: 'at most 2 cards may pay one receipt' }) @ValidateNested({ each: true }) @Type(() => CardPayment)
  cards?: CardPayment[];

  @ApiPropertyOptional({ example: '中国工商银行', description: 'Transfer: the remitting bank (required)' })
  @IsOptional() @IsText(100)
  remittingBank?: string;

  @ApiPropertyOptional({ example: '2026-11-21', description: 'Transfer: the value date (required)' })
  @IsOptional() @IsISO8601({ strict: true })
  transferDate?: string;
}

export const RECEIPT_STATUSES = ['pending_verification', 'awaiting_deposit_approval', 'counted'] as const;

export class ListReceiptsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: RECEIPT_STATUSES, description: '`pending_verification`: transfers to verify; `awaiting_deposit_approval`: deposits to approve' })
  @IsOptional() @IsIn(RECEIPT_STATUSES) status?: (typeof RECEIPT_STATUSES)[number];
  @ApiPropertyOptional({ enum: RECEIPT_METHODS }) @IsOptional() @IsIn(RECEIPT_METHODS) method?: ReceiptMethod;
}

export class ListInvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['issued', 'voided'] }) @IsOptional() @IsIn(['issued', 'voided']) status?: 'issued' | 'voided';
  @ApiPropertyOptional({ enum: INVOICE_SERIES }) @IsOptional() @IsIn(INVOICE_SERIES) series?: InvoiceSeries;
}

export class ReceiptIdRequest {
  @IsUUID() receiptId: string;
}

export class IssueInvoiceBody {
  @ApiPropertyOptional({ enum: INVOICE_SERIES, default: 'INV' }) @IsOptional() @IsIn(INVOICE_SERIES) series?: InvoiceSeries;
  @ApiPropertyOptional({ example: '上海晨光贸易有限公司', description: 'Must be the name on the order; checked when given' }) @IsOptional() @IsText(200) customerName?: string;
}

export class IssueInvoiceRequest extends IssueInvoiceBody {
  @IsUUID() orderId: string;
}

export class VoidInvoiceBody {
  @ApiProperty({ example: 'Wrong customer tax number printed', description: 'Why; kept with the invoice (required, not blank)' })
  @IsText(500) @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class VoidInvoiceRequest extends VoidInvoiceBody {
  @IsUUID() invoiceId: string;
}

export class InvoiceIdRequest {
  @IsUUID() invoiceId: string;
}

/** Where an open receivable is in collection (collection rules 9-05); later stages (dunning, supply stopped, doubtful, written off) follow. */
export const RECEIVABLE_STAGES = ['current', 'unpaid', 'dunning', 'supply_stopped', 'doubtful', 'written_off'] as const;
export type ReceivableStage = (typeof RECEIVABLE_STAGES)[number];

export class ListReceivablesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['open', 'settled', 'voided', 'written_off'] }) @IsOptional() @IsIn(['open', 'settled', 'voided', 'written_off']) status?: 'open' | 'settled' | 'voided' | 'written_off';
  @ApiPropertyOptional({ enum: RECEIVABLE_STAGES, description: 'Only receivables in this collection stage today (see `stage` of the view for the ladder)' })
  @IsOptional() @IsIn(RECEIVABLE_STAGES) stage?: ReceivableStage;
  @ApiPropertyOptional({ enum: ['true'], description: 'Only receivables in dunning or beyond whose plan was not filed within its 5 days' })
  @IsOptional() @IsIn(['true']) planMissing?: 'true';
  @ApiPropertyOptional({ enum: ['true'], description: 'Only problem accounts: open three months after invoicing' })
  @IsOptional() @IsIn(['true']) problem?: 'true';
  @ApiPropertyOptional({ enum: ['true'], description: 'Only problem accounts whose report was not filed within its 5 days' })
  @IsOptional() @IsIn(['true']) reportMissing?: 'true';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open receivables reported overdue (unpaid or later), or only the others' })
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open receivables past their due date (whatever their stage), or only the others' })
  @IsOptional() @IsIn(['true', 'false']) pastDue?: 'true' | 'false';
}

export class StatementQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First business day (Asia/Shanghai)' }) @IsISO8601({ strict: true }) @Length(10, 10) from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last business day' }) @IsISO8601({ strict: true }) @Length(10, 10) to: string;
}

export class StatementRequest extends StatementQuery {
  @IsUUID() customerId: string;
}

export class CustomerIdRequest {
  @IsUUID() customerId: string;
}

export class CreditHoldBody {
  @ApiProperty({ example: 'Two invoices over 60 days overdue; supply stopped until settled', description: 'Why (required, not blank); sent to sales with the event' })
  @IsText(500) @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class CreditHoldRequest extends CreditHoldBody {
  @IsUUID() customerId: string;
}

export class GetOrderAccountRequest extends WaitQuery {
  @IsUUID() orderId: string;
}

export class ListJournalQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The receipt or invoice an entry was posted for' }) @IsOptional() @IsUUID() sourceId?: string;
}

export class VerifyTransferRequest {
  @IsUUID() receiptId: string;
}

export const REFUND_STATUSES = ['due', 'paid'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export class ListRefundsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFUND_STATUSES, description: '`due`: owed since the cancellation, not yet paid by a cashier' }) @IsOptional() @IsIn(REFUND_STATUSES) status?: RefundStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

export class PayRefundBody {
  @ApiProperty({ enum: RECEIPT_METHODS, example: 'transfer', description: 'How the money is paid back: the way it came in (cash from the drawer, POS back to the card, transfer to a bank account)' })
  @IsIn(RECEIPT_METHODS)
  method: ReceiptMethod;

  @ApiPropertyOptional({ example: '上海晨光贸易有限公司', description: 'Who receives it: the account holder of a transfer (required then), or whoever collects cash' })
  @IsOptional() @IsText(100)
  payeeName?: string;

  @ApiPropertyOptional({ example: '中国工商银行上海浦东支行', description: 'Transfer: the payee\'s bank and branch (required for a transfer, refused otherwise)' })
  @IsOptional() @IsText(100)
  payeeBank?: string;

  @ApiPropertyOptional({ example: '6222020200112233445', description: 'Transfer: the payee\'s account number, digits (and spaces) as on the slip (required for a transfer, refused otherwise)' })
  @IsOptional() @IsText(40, 6) @Matches(/^[0-9 ]+$/, { message: 'payeeAccountNumber may hold digits and spaces only' })
  payeeAccountNumber?: string;
}

export class PayRefundRequest extends PayRefundBody {
  @IsUUID() refundId: string;
}

/** Why a way of payment is over or short; each is needed, for a difference, before the day can close. */
export class DayExplanations {
  @ApiPropertyOptional({ example: 'One 100-yuan note found counterfeit after recording; reported to the finance manager' }) @IsOptional() @IsText(500) cash?: string;
  @ApiPropertyOptional({ example: 'Slip of terminal 2 printed twice' }) @IsOptional() @IsText(500) pos?: string;
  @ApiPropertyOptional({ example: 'Customer paid 50 yuan too much; refunded the next day' }) @IsOptional() @IsText(500) transfer?: string;
}

export class CountCashierDayRequest {
  @ApiProperty({ example: '2026-11-30', description: 'The business day counted (Asia/Shanghai); a closed day is refused (409)' })
  @IsISO8601({ strict: true }) @Length(10, 10) businessDate: string;
  @ApiProperty({ example: 45_000, minimum: 0, description: 'Cash counted in the drawer, fen' }) @IsInt() @Min(0) @Max(100_000_000_00) cashFen: number;
  @ApiProperty({ example: 30_000, minimum: 0, description: 'Total of the POS slips, fen' }) @IsInt() @Min(0) @Max(100_000_000_00) posFen: number;
  @ApiProperty({ example: 20_000, minimum: 0, description: 'Bank credits seen for the transfers recorded, fen' }) @IsInt() @Min(0) @Max(100_000_000_00) transferFen: number;
  @ApiPropertyOptional({ type: DayExplanations }) @IsOptional() @ValidateNested() @Type(() => DayExplanations) explanations?: DayExplanations;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 500 },
    example: { 'RC-2026-000001': 'Deposit of a prepaid order; invoiced when the goods ship' },
    description:
      'Why a receipt of the day is not invoiced, or an invoice the cashier issued that day is not paid, keyed by the document\'s number ' +
      '(`documents` of the day lists them). Each unmatched document needs one before the day can close.',
  })
  @IsOptional() @IsDocumentExplanations() documentExplanations?: Record<string, string>;
}

export const CASHIER_DAY_STATUSES = ['counted', 'closed'] as const;

export class ListCashierDaysQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) businessDate?: string;
  @ApiPropertyOptional({ description: 'The cashier\'s user id' }) @IsOptional() @IsUUID() cashierId?: string;
  @ApiPropertyOptional({ enum: CASHIER_DAY_STATUSES }) @IsOptional() @IsIn(CASHIER_DAY_STATUSES) status?: (typeof CASHIER_DAY_STATUSES)[number];
}

export class CashierDayIdRequest {
  @IsUUID() dayId: string;
}
