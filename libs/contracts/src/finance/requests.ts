import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';

/** Invoice series, each numbered gaplessly by year: INV ordinary VAT invoices (普通发票), SVAT special VAT invoices (专用发票). */
export const INVOICE_SERIES = ['INV', 'SVAT'] as const;
export type InvoiceSeries = (typeof INVOICE_SERIES)[number];

export const RECEIPT_METHODS = ['cash', 'pos', 'transfer'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

export class CardPayment {
  @ApiProperty({ example: '4321', description: 'Last 4 digits of the card' }) @Matches(/^\d{4}$/, { message: 'last4 must be 4 digits' }) last4: string;
  @ApiProperty({ example: '王芳' }) @IsString() @Length(1, 100) holderName: string;
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
  @IsOptional() @IsString() @Length(1, 100)
  payerName?: string;

  @ApiPropertyOptional({ example: '310101199001011234', description: 'ID number of a payer who is not the customer; only its last 4 characters are kept' })
  @IsOptional() @IsString() @Length(6, 30)
  payerIdNumber?: string;

  @ApiPropertyOptional({ example: true, description: 'Cash: the notes passed the counterfeit check (required, cash counts only after it)' })
  @IsOptional() @IsBoolean()
  counterfeitChecked?: boolean;

  @ApiPropertyOptional({ type: () => [CardPayment], description: 'POS: one or two cards, their amounts adding up to amountFen' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2, { message: 'at most 2 cards may pay one receipt' }) @ValidateNested({ each: true }) @Type(() => CardPayment)
  cards?: CardPayment[];

  @ApiPropertyOptional({ example: '中国工商银行', description: 'Transfer: the remitting bank (required)' })
  @IsOptional() @IsString() @Length(1, 100)
  remittingBank?: string;

  @ApiPropertyOptional({ example: '2026-11-21', description: 'Transfer: the value date (required)' })
  @IsOptional() @IsISO8601({ strict: true })
  transferDate?: string;
}

export class ListReceiptsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
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
  @ApiPropertyOptional({ example: '上海晨光贸易有限公司', description: 'Must be the name on the order; checked when given' }) @IsOptional() @IsString() @Length(1, 200) customerName?: string;
}

export class IssueInvoiceRequest extends IssueInvoiceBody {
  @IsUUID() orderId: string;
}

export class VoidInvoiceBody {
  @ApiProperty({ example: 'Wrong customer tax number printed', description: 'Why; kept with the invoice (required, not blank)' })
  @IsString() @Length(1, 500) @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class VoidInvoiceRequest extends VoidInvoiceBody {
  @IsUUID() invoiceId: string;
}

export class ListReceivablesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['open', 'settled', 'voided'] }) @IsOptional() @IsIn(['open', 'settled', 'voided']) status?: 'open' | 'settled' | 'voided';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open receivables past their due date' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
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
  @IsString() @Length(1, 500) @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class CreditHoldRequest extends CreditHoldBody {
  @IsUUID() customerId: string;
}

export class GetOrderAccountRequest {
  @IsUUID() orderId: string;
}

export class ListJournalQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The receipt or invoice an entry was posted for' }) @IsOptional() @IsUUID() sourceId?: string;
}

export class VerifyTransferRequest {
  @IsUUID() receiptId: string;
}
