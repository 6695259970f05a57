import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';

export const CREDIT_NOTE_STATUSES = ['issued'] as const;

export class ListCreditNotesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() returnId?: string;
  @ApiPropertyOptional({ enum: CREDIT_NOTE_STATUSES }) @IsOptional() @IsIn(CREDIT_NOTE_STATUSES) status?: (typeof CREDIT_NOTE_STATUSES)[number];
}

export class CreditNoteLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: 12_800 }) unitPriceFen: number;
  @ApiProperty({ example: 12_800, description: 'VAT included' }) amountFen: number;
  @ApiProperty({ example: 11_327 }) netFen: number;
  @ApiProperty({ example: 13 }) vatRatePercent: number;
  @ApiProperty({ example: 1_473 }) vatFen: number;
}

export class CreditNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CN-2026-000001', description: 'Gapless credit note number' }) number: string;
  @ApiProperty({ enum: CREDIT_NOTE_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) returnId: string;
  @ApiProperty({ example: 'RMA-2026-000001' }) returnNumber: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ description: 'VAT included, in fen' }) amountFen: number;
  @ApiProperty() netFen: number;
  @ApiProperty() vatFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ description: 'Part that reduced what is still owed on the order (receivables, 1122)' }) toReceivableFen: number;
  @ApiProperty({ description: 'Part owed back to the customer as a refund due' }) refundFen: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) refundId: string | null;
  @ApiProperty({ type: [CreditNoteLineView] }) lines: CreditNoteLineView[];
  @ApiProperty() issuedBy: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class CreditNoteIssuedData {
  @IsUUID() creditNoteId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() returnId: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(1) amountFen: number;
  @IsInt() @Min(0) toReceivableFen: number;
  @IsInt() @Min(0) refundFen: number;
}

export const CreditNoteIssued = defineEvent({
  type: 'finance.credit-note.issued',
  version: 1,
  source: 'finance',
  payload: CreditNoteIssuedData,
  description: 'Finance credited a customer for returned goods: revenue and VAT reversed, the order\'s open receivable reduced first, the rest a refund due.',
});
