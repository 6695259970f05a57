import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from './pagination.js';

export const FinanceRpc = {
  recordReceipt: 'record-receipt',
  listReceipts: 'list-receipts',
  getOrderAccount: 'get-order-account',
  listInvoices: 'list-invoices',
  listJournal: 'list-journal',
  getTrialBalance: 'get-trial-balance',
} as const;

export const RECEIPT_METHODS = ['cash', 'pos', 'transfer'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

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

  @ApiPropertyOptional({ example: '王芳', description: 'Who paid, when not the customer' })
  @IsOptional() @IsString() @Length(1, 100)
  payerName?: string;
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
