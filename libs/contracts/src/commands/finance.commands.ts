import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from './pagination.js';

export const FinanceRpc = {
  recordReceipt: 'record-receipt',
  listReceipts: 'list-receipts',
  getOrderAccount: 'get-order-account',
  listInvoices: 'list-invoices',
  listJournal: 'list-journal',
  getTrialBalance: 'get-trial-balance',
  verifyTransfer: 'verify-transfer',
} as const;

export const RECEIPT_METHODS = ['cash', 'pos', 'transfer'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

export class CardPayment {
  @ApiProperty({ example: '4321', description: 'Last 4 digits of the card' }) @Matches(/^\d{4}$/, { message: 'last4 must be 4 digits' }) last4: string;
  @ApiProperty({ example: '王芳' }) @IsString() @Length(1, 100) holderName: string;
  @ApiProperty({ example: true, description: 'The card holder signed the slip' }) @IsBoolean() holderSigned: boolean;
  @ApiProperty({ example: 25600 }) @IsInt() @Min(1) amountFen: number;
}

export class RecordReceiptRequest {
  @ApiProperty({ format: 'uuid', description: 'The order being paid' })
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
