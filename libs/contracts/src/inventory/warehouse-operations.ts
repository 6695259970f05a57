import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/** Where goods between two warehouses are, and where lent samples are: system warehouses, never sellable. */
export const TRANSIT_WAREHOUSE = 'TRANSIT';
export const ON_LOAN_WAREHOUSE = 'ON_LOAN';

export const WAREHOUSE_KINDS = ['warehouse', 'store'] as const;
export type WarehouseKindName = (typeof WAREHOUSE_KINDS)[number];

export const TRANSFER_STATUSES = ['draft', 'consent_needed', 'consented', 'dispatched', 'received'] as const;
export const STOCKTAKE_STATUSES = ['counting', 'submitted', 'closed'] as const;
export const SAMPLE_LOAN_STATUSES = ['out', 'returned', 'written_off'] as const;

const DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

// ---- Transfers ----

export class TransferLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 5, minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiPropertyOptional({ example: 'STOCK', description: 'Take from this location only; the oldest lots of the SKU in the source warehouse otherwise' }) @IsOptional() @IsText(32) location?: string;
  @ApiPropertyOptional({ example: 'B2026-11', description: 'Take this batch only' }) @IsOptional() @IsText(64) batch?: string;
}

export class CreateTransferRequest {
  @ApiProperty({ example: 'MAIN', description: 'Where the goods leave from' }) @IsText(32) fromWarehouse: string;
  @ApiProperty({ example: 'STORE-EAST', description: 'Where they go; not the source, not a system warehouse' }) @IsText(32) toWarehouse: string;
  @ApiProperty({ type: [TransferLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => TransferLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: TransferLineRequest[];
}

export class ReceiveTransferLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'A SKU the transfer sent; lines of one SKU are counted in the order they were sent' }) @IsText(64) sku: string;
  @ApiProperty({ example: 4, minimum: 0, description: 'Counted on arrival; never more than was sent' }) @IsInt() @Min(0) @Max(1_000_000) receivedQuantity: number;
  @ApiPropertyOptional({ example: 'One box crushed in the van, left with the driver', description: 'Required when fewer arrived than were sent' }) @IsOptional() @IsText(500) differenceNote?: string;
}

export class ReceiveTransferBody {
  @ApiProperty({ type: [ReceiveTransferLineRequest], description: 'Every line of the transfer, counted' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReceiveTransferLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: ReceiveTransferLineRequest[];
}

export class ReceiveTransferRequest extends ReceiveTransferBody {
  @IsUUID() id: string;
}

export class ListTransfersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRANSFER_STATUSES }) @IsOptional() @IsIn(TRANSFER_STATUSES) status?: (typeof TRANSFER_STATUSES)[number];
}

export class TransferLotView {
  @ApiProperty({ example: 'STOCK' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ example: 3 }) quantity: number;
}

export class TransferLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 5, description: 'Sent (asked for, before dispatch)' }) quantity: number;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ type: [TransferLotView], description: 'The lots the goods left from at dispatch' }) sent: TransferLotView[];
  @ApiProperty({ nullable: true, type: Number, description: 'Counted by the receiver' }) receivedQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'received − sent (0 or less) once received' }) difference: number | null;
  @ApiProperty({ nullable: true, type: String }) differenceNote: string | null;
}

export class TransferView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'TR-2026-000001' }) number: string;
  @ApiProperty({ example: 'MAIN' }) fromWarehouse: string;
  @ApiProperty({ example: 'STORE-EAST' }) toWarehouse: string;
  @ApiProperty({ enum: TRANSFER_STATUSES }) status: string;
  @ApiProperty({ type: [TransferLineView] }) lines: TransferLineView[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) consentedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) dispatchedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dispatchedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) receivedAt: string | null;
}

// ---- Stocktakes ----

export class StartStocktakeRequest {
  @ApiProperty({ example: 'MAIN' }) @IsText(32) warehouseCode: string;
  @ApiPropertyOptional({ example: 'STOCK', description: 'Count this location only; every location of the warehouse otherwise' }) @IsOptional() @IsText(32) location?: string;
}

export class CountLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'A SKU on the sheet, or one found on the shelf that is not (a found line)' }) @IsText(64) sku: string;
  @ApiPropertyOptional({ example: 'B2026-11', description: 'The batch on the goods; none when left out' }) @IsOptional() @IsText(64, 0) batch?: string;
  @ApiProperty({ example: 7, minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000) countedQuantity: number;
}

export class EnterCountsBody {
  @ApiProperty({ example: 'STOCK', description: 'The count sheet (location) counted' }) @IsText(32) location: string;
  @ApiProperty({ type: [CountLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => CountLineRequest) @ArrayMinSize(1) @ArrayMaxSize(500)
  lines: CountLineRequest[];
}

export class EnterCountsRequest extends EnterCountsBody {
  @IsUUID() id: string;
}

export class StockSide {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 'STOCK' }) @IsText(32) location: string;
  @ApiPropertyOptional({ example: 'B2026-11', description: 'Batch; none when left out' }) @IsOptional() @IsText(64, 0) batch?: string;
}

export class ProposeBetweenSkusBody {
  @ApiProperty({ type: StockSide, description: 'The lot counted short: its goods were counted under the other SKU' })
  @ValidateNested() @Type(() => StockSide) short: StockSide;
  @ApiProperty({ type: StockSide, description: 'The lot counted over' }) @ValidateNested() @Type(() => StockSide) over: StockSide;
  @ApiProperty({ example: 2, minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiPropertyOptional({ example: 'Gift boxes shelved and counted under the tin code', description: 'Required: without it, 422 naming `reason`' })
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ProposeBetweenSkusRequest extends ProposeBetweenSkusBody {
  @IsUUID() id: string;
}

export class AdjustmentIdRequest {
  @IsUUID() id: string;
  @IsInt() @Min(1) no: number;
}

export class ListStocktakesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STOCKTAKE_STATUSES }) @IsOptional() @IsIn(STOCKTAKE_STATUSES) status?: (typeof STOCKTAKE_STATUSES)[number];
  @ApiPropertyOptional({ enum: ['true'], description: 'Only stocktakes still counting after their variance report was due (the day after they opened)' })
  @IsOptional() @IsIn(['true']) overdue?: 'true';
  @ApiPropertyOptional({ example: 'MAIN' }) @IsOptional() @IsText(32) warehouseCode?: string;
}

export class CountSheetLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'What the counter entered; null until counted' }) countedQuantity: number | null;
  @ApiProperty({ nullable: true, type: String }) countedBy: string | null;
  @ApiProperty({ description: 'Not on the sheet: found on the shelf' }) found: boolean;
}

export class CountSheetView {
  @ApiProperty({ example: 'STOCK' }) location: string;
  @ApiProperty({ type: [CountSheetLineView], description: 'Every lot of the location, without any book quantity (blind count)' }) lines: CountSheetLineView[];
}

export class StocktakeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ST-2026-000001' }) number: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ enum: STOCKTAKE_STATUSES }) status: string;
  @ApiProperty({ example: '2026-11-21', description: 'Business date it opened' }) openedOn: string;
  @ApiProperty({ example: '2026-11-22', description: 'The variance report (submission) is due by this date' }) reportDueOn: string;
  @ApiProperty({ description: 'Still counting after reportDueOn' }) overdue: boolean;
  @ApiProperty() startedBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: [CountSheetView], description: 'The count sheets, blind: no book quantities, no variances' }) sheets: CountSheetView[];
}

export class VarianceLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'STOCK' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ description: 'The lot on hand when the sheet was made' }) bookAtStart: number;
  @ApiProperty({ description: 'The lot on hand in the ledger when the count was entered: what the variance is against' }) bookAtCount: number;
  @ApiProperty() countedQuantity: number;
  @ApiProperty({ description: 'counted − bookAtCount' }) variance: number;
  @ApiProperty() found: boolean;
}

export class AdjustmentLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'STOCK' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ example: -2, description: 'In (positive) or out (negative)' }) quantity: number;
}

export class StocktakeAdjustmentView {
  @ApiProperty({ example: 1 }) no: number;
  @ApiProperty({ enum: ['count', 'between_skus'] }) kind: string;
  @ApiProperty({ type: [AdjustmentLineView] }) lines: AdjustmentLineView[];
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ enum: ['proposed', 'approved', 'withdrawn'] }) status: string;
  @ApiProperty({ description: 'Above the threshold (100 units): a purchasing manager approves as well' }) needsPurchasing: boolean;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) purchasingApprovedBy: string | null;
}

export class VarianceReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ST-2026-000001' }) number: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ enum: STOCKTAKE_STATUSES }) status: string;
  @ApiProperty({ type: [String], description: 'Who entered counts: none of them approves an adjustment' }) counters: string[];
  @ApiProperty({ type: [VarianceLineView], description: 'Every counted line' }) lines: VarianceLineView[];
  @ApiProperty({ type: [StocktakeAdjustmentView] }) adjustments: StocktakeAdjustmentView[];
}

// ---- Sample loans ----

export class BorrowerRequest {
  @ApiProperty({ example: '李雷' }) @IsText(100) name: string;
  @ApiProperty({ example: '+86 139 0000 0000' }) @IsText(40) phone: string;
  @ApiProperty({ example: '晨光贸易' }) @IsText(200) organisation: string;
}

export class SampleLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1 }) @IsInt() @Min(1) @Max(1_000) quantity: number;
  @ApiPropertyOptional({ example: 'MAIN', default: 'MAIN', description: 'Where the samples are taken from (oldest lots first), and go back to' }) @IsOptional() @IsText(32) warehouseCode?: string;
}

export class CreateSampleLoanRequest {
  @ApiProperty({ type: BorrowerRequest }) @ValidateNested() @Type(() => BorrowerRequest) borrower: BorrowerRequest;
  @ApiProperty({ example: '2026-12-15', description: 'Business date the samples are due back; today or later' })
  @Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) expectedReturnDate: string;
  @ApiProperty({ type: [SampleLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => SampleLineRequest) @ArrayMinSize(1) @ArrayMaxSize(50)
  lines: SampleLineRequest[];
}

export class ReturnSampleLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 1, minimum: 1 }) @IsInt() @Min(1) @Max(1_000) quantity: number;
}

export class ReturnSamplesBody {
  @ApiProperty({ type: [ReturnSampleLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnSampleLineRequest) @ArrayMinSize(1) @ArrayMaxSize(50)
  lines: ReturnSampleLineRequest[];
}

export class ReturnSamplesRequest extends ReturnSamplesBody {
  @IsUUID() id: string;
}

export class WriteOffSamplesBody {
  @ApiProperty({ example: 'Customer lost the samples at a trade fair' }) @IsText(500) reason: string;
}

export class WriteOffSamplesRequest extends WriteOffSamplesBody {
  @IsUUID() id: string;
}

export class ListSampleLoansQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SAMPLE_LOAN_STATUSES }) @IsOptional() @IsIn(SAMPLE_LOAN_STATUSES) status?: (typeof SAMPLE_LOAN_STATUSES)[number];
  @ApiPropertyOptional({ enum: ['true'], description: 'Only loans past their expected return date and not fully returned' }) @IsOptional() @IsIn(['true']) overdue?: 'true';
}

export class BorrowerView {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiProperty() organisation: string;
}

export class SampleLoanLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ example: 1 }) returnedQuantity: number;
  @ApiProperty({ example: 0 }) writtenOffQuantity: number;
  @ApiProperty({ example: 1, description: 'Still out' }) outstanding: number;
}

export class SampleLoanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SL-2026-000001' }) number: string;
  @ApiProperty({ type: BorrowerView }) borrower: BorrowerView;
  @ApiProperty({ enum: SAMPLE_LOAN_STATUSES }) status: string;
  @ApiProperty({ type: [SampleLoanLineView] }) lines: SampleLoanLineView[];
  @ApiProperty({ example: '2026-12-15' }) expectedReturnDate: string;
  @ApiProperty({ description: 'Past the expected date and not fully returned' }) overdue: boolean;
  @ApiProperty() lentBy: string;
  @ApiProperty({ format: 'date-time' }) lentAt: string;
  @ApiProperty({ nullable: true, type: String }) writeOffReason: string | null;
  @ApiProperty({ nullable: true, type: String }) writeOffRequestedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) writeOffApprovedBy: string | null;
}

// ---- Events ----

export class TransferReceivedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) sentQuantity: number;
  @IsInt() @Min(0) receivedQuantity: number;
  /** received − sent: 0, or negative when units did not arrive (written off TRANSIT). */
  @IsInt() @Max(0) difference: number;
  @IsOptional() @IsString() differenceNote: string | null;
}

export class TransferReceivedData {
  @IsUUID() transferId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsString() @IsNotEmpty() fromWarehouse: string;
  @IsString() @IsNotEmpty() toWarehouse: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TransferReceivedLineData) @ArrayMinSize(1) lines: TransferReceivedLineData[];
}

export const TransferReceived = defineEvent({
  type: 'inventory.transfer.received',
  version: 1,
  source: 'inventory',
  payload: TransferReceivedData,
  description: 'A transfer arrived and was counted: per line what was sent, what arrived and, for a difference, why (the missing units were written off TRANSIT under the transfer number).',
});

export class StocktakeAdjustedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsString() @IsNotEmpty() location: string;
  @IsString() batch: string;
  @IsInt() quantity: number;
}

export class StocktakeAdjustedData {
  @IsUUID() stocktakeId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsInt() @Min(1) adjustmentNo: number;
  @IsIn(['count', 'between_skus']) kind: string;
  @IsOptional() @IsString() reason: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => StocktakeAdjustedLineData) @ArrayMinSize(1) lines: StocktakeAdjustedLineData[];
}

export const StocktakeAdjusted = defineEvent({
  type: 'inventory.stocktake.adjusted',
  version: 1,
  source: 'inventory',
  payload: StocktakeAdjustedData,
  description: 'An approved stocktake adjustment was posted to the stock ledger (`adjustment` movements under the stocktake number).',
});
