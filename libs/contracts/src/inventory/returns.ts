import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/** Where rejected returned goods go: a warehouse whose stock is never reserved, picked or counted as available. */
export const QUARANTINE_WAREHOUSE = 'QUARANTINE';
export const QUARANTINE_LOCATION = 'QUARANTINE';

export const EXPECTED_RETURN_STATUSES = ['expected', 'received'] as const;
export type ExpectedReturnStatus = (typeof EXPECTED_RETURN_STATUSES)[number];

export class ReceiveReturnLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 0, description: 'Counted on arrival; at most what is expected' }) @IsInt() @Min(0) @Max(1_000_000) receivedQuantity: number;
  @ApiProperty({ example: 1, minimum: 0, description: 'Passed inspection: back to sellable stock' }) @IsInt() @Min(0) @Max(1_000_000) acceptedQuantity: number;
  @ApiProperty({ example: 1, minimum: 0, description: 'Failed inspection: to quarantine. accepted + rejected = received' }) @IsInt() @Min(0) @Max(1_000_000) rejectedQuantity: number;
  @ApiPropertyOptional({ example: 'Water damage on the outer box', description: 'Required when anything is rejected' }) @IsOptional() @IsText(500) note?: string;
}

export class ReceiveReturnBody {
  @ApiProperty({ type: [ReceiveReturnLineRequest], description: 'One line per SKU expected; a SKU left out counts as none received' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReceiveReturnLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: ReceiveReturnLineRequest[];
  @ApiPropertyOptional({ example: 'MAIN', default: 'MAIN', description: 'Where accepted goods go back to stock' }) @IsOptional() @IsText(32) warehouseCode?: string;
}

export class ReceiveReturnRequest extends ReceiveReturnBody {
  @IsUUID() returnId: string;
}

export class ListExpectedReturnsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EXPECTED_RETURN_STATUSES }) @IsOptional() @IsIn(EXPECTED_RETURN_STATUSES) status?: ExpectedReturnStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}

export class ExpectedReturnLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 2 }) expectedQuantity: number;
  @ApiProperty({ nullable: true, type: Number }) receivedQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number }) acceptedQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number }) rejectedQuantity: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ExpectedReturnView {
  @ApiProperty({ format: 'uuid' }) returnId: string;
  @ApiProperty({ example: 'RMA-2026-000001' }) returnNumber: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: EXPECTED_RETURN_STATUSES }) status: string;
  @ApiProperty({ type: [ExpectedReturnLineView] }) lines: ExpectedReturnLineView[];
  @ApiProperty({ format: 'date-time' }) expectedAt: string;
  @ApiProperty({ nullable: true, type: String }) warehouseCode: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) receivedAt: string | null;
}

export class ReturnReceivedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(0) receivedQuantity: number;
  @IsInt() @Min(0) acceptedQuantity: number;
  @IsInt() @Min(0) rejectedQuantity: number;
}

export class ReturnReceivedData {
  @IsUUID() returnId: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnReceivedLineData) @ArrayMinSize(1) lines: ReturnReceivedLineData[];
}

export const ReturnReceived = defineEvent({
  type: 'inventory.return.received',
  version: 1,
  source: 'inventory',
  payload: ReturnReceivedData,
  description: 'Returned goods arrived and were inspected: accepted ones are back in sellable stock, rejected ones in quarantine.',
});
