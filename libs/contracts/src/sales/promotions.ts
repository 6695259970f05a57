import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * Promotions and price holds (domain.md "Promotions and price holds"): a promotion prices the listed SKUs of orders
 * placed in its window of business dates; a price hold keeps a customer's agreed prices, secured by a deposit, until
 * the agreed date (or a manager's re-approval).
 */
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };

export const PROMOTION_KINDS = ['price', 'percent'] as const;
export type PromotionKindName = (typeof PROMOTION_KINDS)[number];
export const PROMOTION_STATUSES = ['draft', 'approved', 'rejected', 'ended', 'cancelled'] as const;
export type PromotionStatusName = (typeof PROMOTION_STATUSES)[number];
export const PROMOTION_LEVELS = ['sales_manager', 'sales_vp', 'general_manager'] as const;

// ---- promotions ----

export class CreatePromotionRequest {
  @ApiProperty({ example: 'Double 12 tea sale', description: 'What customers and staff call it' }) @IsText(200) name: string;
  @ApiProperty({ enum: PROMOTION_KINDS, example: 'percent', description: '`price`: one promotional unit price for each SKU; `percent`: a percentage off each SKU\'s list price' })
  @IsIn(PROMOTION_KINDS) kind: PromotionKindName;
  @ApiPropertyOptional({ example: 11800, minimum: 0, description: 'kind `price`: the promotional unit price in fen' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_000) promoPriceFen?: number;
  @ApiPropertyOptional({ example: 10, minimum: 0.01, maximum: 99.99, description: 'kind `percent`: percent off the list price, up to two decimals (10 = 10%)' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(99.99) percentOff?: number;
  @ApiProperty({ example: '2026-12-10', description: 'First business date of the window (Asia/Shanghai), included' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2026-12-12', description: 'Last business date of the window (Asia/Shanghai), included' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) endsOn: string;
  @ApiProperty({ type: [String], example: ['SKU-TEA-001'], description: 'SKUs with a listing (1 to 50)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 64, { each: true }) skus: string[];
}

export class PromotionNoteBody {
  @ApiPropertyOptional({ example: 'Agreed with the brand for the festival' }) @IsOptional() @IsText(500) note?: string;
}

export class ApprovePromotionRequest extends PromotionNoteBody {
  @IsUUID() id: string;
}

export class PromotionReasonBody {
  @ApiProperty({ example: 'Margin too thin for this SKU' }) @IsText(500) reason: string;
}

export class PromotionReasonRequest extends PromotionReasonBody {
  @IsUUID() id: string;
}

export class ListPromotionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROMOTION_STATUSES }) @IsOptional() @IsIn(PROMOTION_STATUSES) status?: PromotionStatusName;
  @ApiPropertyOptional({ example: 'SKU-TEA-001', description: 'Promotions on this SKU' }) @IsOptional() @IsText(64) sku?: string;
  @ApiPropertyOptional({ example: '2026-12-11', description: 'Promotions whose window covers this business date' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) on?: string;
}

export class PromotionLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 12800, description: 'List price on the first day of the window, when drafted' }) listPriceFen: number;
  @ApiProperty({ example: 11000 }) floorPriceFen: number;
  @ApiProperty({ example: 11520, description: 'The promoted price then' }) promoPriceFen: number;
  @ApiProperty({ enum: ['none', ...PROMOTION_LEVELS], description: 'Who may approve this SKU\'s depth (§4.3)' }) level: string;
}

export class PromotionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PROMO-2026-000001' }) code: string;
  @ApiProperty({ example: 'Double 12 tea sale' }) name: string;
  @ApiProperty({ enum: PROMOTION_STATUSES }) status: PromotionStatusName;
  @ApiProperty({ example: true, description: 'Approved and today is in its window: it prices orders placed today' }) inForce: boolean;
  @ApiProperty({ enum: PROMOTION_KINDS }) kind: PromotionKindName;
  @ApiProperty({ nullable: true, type: Number, example: null }) promoPriceFen: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 10 }) percentOff: number | null;
  @ApiProperty({ example: '2026-12-10' }) startsOn: string;
  @ApiProperty({ example: '2026-12-12' }) endsOn: string;
  @ApiProperty({ type: [String] }) skus: string[];
  @ApiProperty({ type: [PromotionLineView] }) lines: PromotionLineView[];
  @ApiProperty({ enum: PROMOTION_LEVELS, description: 'Who must approve: the deepest SKU\'s level' }) requiredLevel: string;
  @ApiProperty({ example: 'ec_operator' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
}

// ---- price holds ----

export const PRICE_HOLD_STATUSES = ['active', 'expired', 'used', 'cancelled'] as const;
export type PriceHoldStatusName = (typeof PRICE_HOLD_STATUSES)[number];

export class PriceHoldLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 12800, minimum: 0, description: 'The unit price agreed with the customer, in fen' }) @IsInt() @Min(0) @Max(100_000_000_000) agreedUnitPriceFen: number;
}

export class RecordPriceHoldRequest {
  @ApiProperty({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f' }) @IsUUID() customerId: string;
  @ApiProperty({ type: [PriceHoldLineRequest] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PriceHoldLineRequest) lines: PriceHoldLineRequest[];
  @ApiProperty({ example: '2026-12-20', description: 'The agreed signing or payment date (Asia/Shanghai): the prices hold on it and before' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) holdUntil: string;
  @ApiProperty({ example: 500000, minimum: 1, description: 'The deposit that secured the prices, in fen' }) @IsInt() @Min(1) @Max(100_000_000_000_00) depositFen: number;
  @ApiProperty({ example: 'RC-2026-000123', description: 'Finance\'s receipt number for the deposit, or another reference to it' }) @IsText(100) depositReference: string;
}

export class ReapprovePriceHoldBody {
  @ApiProperty({ example: '2026-12-31', description: 'The new date the agreed prices hold until (not in the past)' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) holdUntil: string;
  @ApiProperty({ example: 'Signing delayed by the customer\'s board; price kept as agreed' }) @IsText(500) reason: string;
}

export class ReapprovePriceHoldRequest extends ReapprovePriceHoldBody {
  @IsUUID() id: string;
}

export class CancelPriceHoldBody {
  @ApiProperty({ example: 'Customer withdrew; deposit refunded' }) @IsText(500) reason: string;
}

export class CancelPriceHoldRequest extends CancelPriceHoldBody {
  @IsUUID() id: string;
}

export class ListPriceHoldsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRICE_HOLD_STATUSES, description: '`expired`: active holds past their date' }) @IsOptional() @IsIn(PRICE_HOLD_STATUSES) status?: PriceHoldStatusName;
  @ApiPropertyOptional({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f' }) @IsOptional() @IsUUID() customerId?: string;
}

export class PriceHoldLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 12800 }) agreedUnitPriceFen: number;
  @ApiProperty({ example: 12800, description: 'List price the day the hold was recorded' }) listPriceFen: number;
  @ApiProperty({ example: 11000 }) floorPriceFen: number;
}

export class PriceHoldReapprovalView {
  @ApiProperty({ example: 'sales_manager1' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '2026-12-20' }) previousHoldUntil: string;
  @ApiProperty({ example: '2026-12-31' }) holdUntil: string;
}

export class PriceHoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PH-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: PRICE_HOLD_STATUSES, description: '`expired`: active but past `holdUntil` (a re-approval makes it active again)' }) status: PriceHoldStatusName;
  @ApiProperty({ type: [PriceHoldLineView] }) lines: PriceHoldLineView[];
  @ApiProperty({ example: '2026-12-20' }) holdUntil: string;
  @ApiProperty({ example: 500000 }) depositFen: number;
  @ApiProperty({ example: 'RC-2026-000123' }) depositReference: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [PriceHoldReapprovalView] }) reapprovals: PriceHoldReapprovalView[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) usedByOrderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SO-2026-000042' }) usedByOrderNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) usedAt: string | null;
}
