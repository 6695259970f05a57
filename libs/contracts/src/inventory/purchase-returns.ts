import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * Purchasing's side of stock: goods going back to suppliers (purchase returns), low stock per SKU and
 * warehouse with its alert, what to buy (purchase suggestions), and how suppliers deliver (evaluation).
 * Amounts are integer fen, VAT included, as purchase prices are quoted.
 */

export const PURCHASE_RETURN_STATUSES = ['draft', 'approved', 'shipped', 'cancelled'] as const;
export type PurchaseReturnStatusName = (typeof PURCHASE_RETURN_STATUSES)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export class PurchaseReturnLineRequest {
  @ApiPropertyOptional({ example: 1, minimum: 1, description: 'Against a receipt: the receipt line (1-based, in the receipt\'s order) the goods came in on. Required then, refused otherwise' })
  @IsOptional() @IsInt() @Min(1) @Max(10_000) receiptLineNo?: number;
  @ApiPropertyOptional({ example: 'SKU-TEA-001', description: 'Required without a receipt; against one it may be given and must be the receipt line\'s' })
  @IsOptional() @IsText(64) sku?: string;
  @ApiProperty({ example: 3, minimum: 1, description: 'Units going back' }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiPropertyOptional({ example: 1130, minimum: 0, description: 'Without a receipt: the unit price the supplier credits (fen, VAT included). Against a receipt its line\'s price is used (another one is refused)' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) unitPriceFen?: number;
  @ApiPropertyOptional({ example: 'MAIN', description: 'Where the goods leave from. Against a receipt its warehouse (the default) or `QUARANTINE` (goods that failed inspection); without one `MAIN` by default' })
  @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ example: 'A-01', description: 'The lot\'s location; left out, the oldest lots of the SKU in the warehouse go first' }) @IsOptional() @IsText(64) location?: string;
  @ApiPropertyOptional({ example: 'L2026-11', description: 'The lot\'s batch (with or without a location)' }) @IsOptional() @IsText(64) batch?: string;
}

export class CreatePurchaseReturnRequest {
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-4a1e-7d3f-8b2a-5c6d7e8f9a01', description: 'The audited purchase receipt the goods came in with; its supplier, warehouse and prices then apply' })
  @IsOptional() @IsUUID() receiptId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d', description: 'Required without a receipt; with one it may be given and must be the receipt\'s supplier' })
  @IsOptional() @IsUUID() supplierId?: string;
  @ApiProperty({ example: 'Failed inspection: crushed cartons', description: 'Why the goods go back' }) @IsText(500) reason: string;
  @ApiProperty({ type: [PurchaseReturnLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => PurchaseReturnLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: PurchaseReturnLineRequest[];
}

export class CancelPurchaseReturnBody {
  @ApiProperty({ example: 'The supplier will replace the goods instead' }) @IsText(500) reason: string;
}

export class CancelPurchaseReturnRequest extends CancelPurchaseReturnBody {
  @IsUUID() id: string;
}

export class ListPurchaseReturnsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PURCHASE_RETURN_STATUSES }) @IsOptional() @IsIn(PURCHASE_RETURN_STATUSES) status?: PurchaseReturnStatusName;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Returns against this receipt' }) @IsOptional() @IsUUID() receiptId?: string;
}

export class ReturnLotView {
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 'STOCK' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ example: 3 }) quantity: number;
}

export class PurchaseReturnLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'The lot named; null: oldest lots first when shipped' }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ example: 3 }) quantity: number;
  @ApiProperty({ example: 1130, description: 'Fen, VAT included' }) unitPriceFen: number;
  @ApiProperty({ example: 3390 }) amountFen: number;
  @ApiProperty({ nullable: true, type: Number }) receiptLineNo: number | null;
  @ApiProperty({ type: [ReturnLotView], description: 'Where the goods left from; empty until shipped' }) lots: ReturnLotView[];
}

export class PurchaseReturnView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PRN-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) receiptId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'GR-2026-000012' }) receiptNumber: string | null;
  @ApiProperty({ enum: PURCHASE_RETURN_STATUSES }) status: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [PurchaseReturnLineView] }) lines: PurchaseReturnLineView[];
  @ApiProperty({ example: 3390, description: 'The lines added up (fen, VAT included): what the supplier\'s payable is lowered by' }) amountFen: number;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) shippedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) shippedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledBy: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
}

export class SetStockThresholdRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 'MAIN' }) @IsText(32) warehouseCode: string;
  @ApiProperty({ example: 20, minimum: 0, description: 'Below this many available (on hand less reserved) the SKU is low in the warehouse; 0 never alerts' })
  @IsInt() @Min(0) @Max(1_000_000_000) minQuantity: number;
  @ApiProperty({ example: 60, minimum: 0, description: 'What a purchase refills available stock to (at least `minQuantity`)' })
  @IsInt() @Min(0) @Max(1_000_000_000) reorderQuantity: number;
}

export class StockThresholdKeyRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 'MAIN' }) @IsText(32) warehouseCode: string;
}

export class ListStockThresholdsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(64) sku?: string;
  @ApiPropertyOptional({ example: 'MAIN' }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only thresholds whose warehouse is below its minimum now (or only the others)' })
  @IsOptional() @IsIn(['true', 'false']) low?: 'true' | 'false';
}

export class StockThresholdView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 20 }) minQuantity: number;
  @ApiProperty({ example: 60 }) reorderQuantity: number;
  @ApiProperty({ example: 12, description: 'On hand less reserved in the warehouse, now' }) availableQuantity: number;
  @ApiProperty({ description: 'Available is below the minimum' }) low: boolean;
  @ApiProperty({ description: 'The alert of the current crossing was sent (cleared once available is back at the minimum)' }) alerted: boolean;
  @ApiProperty() updatedBy: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PurchaseSuggestionsQuery {
  @ApiPropertyOptional({ example: 'MAIN' }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(64) sku?: string;
}

export class PurchaseSuggestionView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 5, description: 'Units open backorders still wait for (backorders are counted against `MAIN`, where orders are reserved first)' }) backorderedQuantity: number;
  @ApiProperty({ example: 8, description: 'On hand less reserved, now' }) availableQuantity: number;
  @ApiProperty({ nullable: true, type: Number }) minQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number }) reorderQuantity: number | null;
  @ApiProperty({ example: 52, description: 'What to buy before what is on order: what waiting backorders need beyond available, and, when serving them leaves less than the minimum, up to the reorder quantity (reorder − (available − backordered))' }) shortfallQuantity: number;
  @ApiProperty({ example: 20, description: 'Open purchase order lines (approved or partly received): ordered less received' }) onOrderQuantity: number;
  @ApiProperty({ example: 32, description: 'shortfall − on order, at least 1 (positions with nothing to buy are left out)' }) suggestedQuantity: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Supplier of the SKU\'s latest audited purchase receipt' }) lastSupplierId: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSupplierName: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Unit price (fen, VAT included) on that receipt' }) lastUnitPriceFen: number | null;
}

export class PurchaseSuggestionsView {
  @ApiProperty({ type: [PurchaseSuggestionView] }) items: PurchaseSuggestionView[];
}

export class SupplierEvaluationQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11', description: 'The month (Asia/Shanghai business dates); or give `from` and `to`. The current month when neither' })
  @IsOptional() @Matches(MONTH, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ example: '2026-11-01' }) @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only suppliers below a threshold (on time < 90 %, inspection pass < 95 %)' })
  @IsOptional() @IsIn(['true', 'false']) belowThreshold?: 'true' | 'false';
}

/** Flat, so that `Accept: text/csv` gives one column per figure. */
export class SupplierEvaluationView {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ nullable: true, type: String, example: 'SUP-001' }) supplierCode: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ description: 'Audited receipt lines that arrived in the period' }) receiptLines: number;
  @ApiProperty() receivedQuantity: number;
  @ApiProperty({ description: 'Lines against a purchase order line with a promised date' }) promisedLines: number;
  @ApiProperty({ description: 'Of those, arrived on or before the promised date' }) onTimeLines: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.95, description: 'onTimeLines / promisedLines (0–1); null when nothing was promised' }) onTimeRate: number | null;
  @ApiProperty() inspectedLines: number;
  @ApiProperty() passedLines: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.98, description: 'passedLines / inspectedLines (0–1); null when nothing was inspected' }) passRate: number | null;
  @ApiProperty({ description: 'Purchase returns shipped to the supplier in the period' }) returns: number;
  @ApiProperty() returnedQuantity: number;
  @ApiProperty() returnedAmountFen: number;
  @ApiProperty({ example: 0.9 }) minOnTimeRate: number;
  @ApiProperty({ example: 0.95 }) minPassRate: number;
  @ApiProperty() belowThreshold: boolean;
  @ApiProperty({ example: 'on-time', description: 'Why below, space-separated: `on-time`, `inspection`; empty when not' }) reasons: string;
}

export class PriceHistoryQuery extends PageQuery {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) to?: string;
}

export class PricePointView {
  @ApiProperty({ example: '2026-11-03', description: 'Business date the goods arrived' }) date: string;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ example: 'GR-2026-000012' }) receiptNumber: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: 1130, description: 'Fen, VAT included' }) unitPriceFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Change from the price before (any supplier), fen; null for the first' }) changeFen: number | null;
}

export class StockLowData {
  @IsString() @IsNotEmpty() sku: string;
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsInt() availableQuantity: number;
  @IsInt() @Min(0) minQuantity: number;
  @IsInt() @Min(0) reorderQuantity: number;
  /** What refills it: reorder quantity less available. */
  @IsInt() @Min(0) shortfallQuantity: number;
  @IsISO8601() detectedAt: string;
}

export const StockLow = defineEvent({
  type: 'inventory.stock.low',
  version: 1,
  source: 'inventory',
  payload: StockLowData,
  description:
    'Available stock of a SKU in a warehouse (on hand less reserved) went below the minimum set for it: purchasing should buy. Sent once per ' +
    'crossing: not again until available is back at the minimum or above and falls below it again. Detected by a periodic check (seconds late).',
});
