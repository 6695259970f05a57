import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * What sales tells storefronts about promotions (domain.md "Promotions and price holds"): an approved promotion with
 * its window and promoted prices, and a promotion stopped before its window ran out. A promotion whose window simply
 * runs out publishes nothing more: its `endsOn` was in the approval. Amounts are integer fen.
 */
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export class PromotionLineData {
  @IsString() @IsNotEmpty() sku: string;
  /** The list price on the first day of the window when the promotion was drafted. */
  @IsInt() @Min(0) listPriceFen: number;
  /** The promoted unit price then (a percentage off follows the list price of the order's day). */
  @IsInt() @Min(0) promoPriceFen: number;
}

export class PromotionApprovedData {
  @IsUUID() promotionId: string;
  @IsString() @IsNotEmpty() code: string;
  @IsString() @IsNotEmpty() name: string;
  @IsIn(['price', 'percent']) kind: 'price' | 'percent';
  /** kind `percent`: basis points off the list price (1000 = 10%). */
  @IsOptional() @IsInt() @Min(1) percentOffBasisPoints?: number;
  /** First and last business date of the window (Asia/Shanghai), both included. */
  @Matches(BUSINESS_DATE) startsOn: string;
  @Matches(BUSINESS_DATE) endsOn: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PromotionLineData) @ArrayMinSize(1) lines: PromotionLineData[];
  @IsString() @IsNotEmpty() approvedBy: string;
  @IsISO8601() approvedAt: string;
}

export const PromotionApproved = defineEvent({
  type: 'sales.promotion.approved',
  version: 1,
  source: 'sales',
  payload: PromotionApprovedData,
  description: 'A promotion was approved within the discount authority: from `startsOn` to `endsOn` (business dates, included) orders of its SKUs are priced at the promoted price; storefronts show it.',
});

export class PromotionEndedData {
  @IsUUID() promotionId: string;
  @IsString() @IsNotEmpty() code: string;
  @IsArray() @IsString({ each: true }) skus: string[];
  /** `ended`: stopped during its window; `cancelled`: withdrawn before its first day. */
  @IsIn(['ended', 'cancelled']) outcome: 'ended' | 'cancelled';
  @IsString() @IsNotEmpty() reason: string;
  /** The business date from which it no longer applies. */
  @Matches(BUSINESS_DATE) endedOn: string;
  @IsString() @IsNotEmpty() endedBy: string;
  @IsISO8601() endedAt: string;
}

export const PromotionEnded = defineEvent({
  type: 'sales.promotion.ended',
  version: 1,
  source: 'sales',
  payload: PromotionEndedData,
  description: 'An approved promotion was stopped before its window ran out (ended during it, or cancelled before it began): orders placed from `endedOn` get no promoted price; storefronts take it down.',
});
