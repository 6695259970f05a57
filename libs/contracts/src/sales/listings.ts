import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * The online catalogue (domain.md, online catalogue): one listing per SKU, drafted by an e-commerce operator, published
 * only after someone else reviews it, listed and unlisted, its price changed on sale; each change kept in its history.
 * The quantity on sale follows inventory's available stock (events `sales.listing.*`, `inventory.availability.changed`).
 */

export const LISTING_STATUSES = ['draft', 'in_review', 'published', 'unlisted'] as const;
export type ListingStatusName = (typeof LISTING_STATUSES)[number];

const CATEGORY_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
const CATEGORY_MESSAGE = { message: '$property must be a category code (capitals, digits, dashes)' };
/** An image reference: an http(s) URL, or a storage key (path segments of letters, digits, `.`, `_`, `-`; no `..`). */
export const IMAGE_REFERENCE = /^(https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?|[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*)$/;
const IMAGE_MESSAGE = { each: true, message: 'each image must be an http(s) URL or a storage key (like listings/tea/front.jpg)' };

// ---- categories ----

export class CreateListingCategoryRequest {
  @ApiProperty({ example: 'TEA-GREEN', description: 'Capitals, digits, dashes' }) @Matches(CATEGORY_CODE, CATEGORY_MESSAGE) code: string;
  @ApiProperty({ example: '绿茶' }) @IsText(100) nameZh: string;
  @ApiProperty({ example: 'Green tea' }) @IsText(100) nameEn: string;
  @ApiPropertyOptional({ example: 'TEA', description: 'The parent category; left out for a top-level one' })
  @IsOptional() @Matches(CATEGORY_CODE, CATEGORY_MESSAGE) parentCode?: string;
}

export class ListingCategoryView {
  @ApiProperty({ example: 'TEA-GREEN' }) code: string;
  @ApiProperty({ example: '绿茶' }) nameZh: string;
  @ApiProperty({ example: 'Green tea' }) nameEn: string;
  @ApiProperty({ nullable: true, type: String, example: 'TEA' }) parentCode: string | null;
  @ApiProperty({ type: [String], example: ['TEA', 'TEA-GREEN'], description: 'Codes from the top of the tree down to this one' }) path: string[];
  @ApiProperty({ example: 'ecommerce_operator' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

// ---- listings ----

export class ListingSpecBody {
  @ApiProperty({ example: '净含量' }) @IsText(60) name: string;
  @ApiProperty({ example: '250 g' }) @IsText(200) value: string;
}

export class CreateListingRequest {
  @ApiProperty({ example: 'TEA-250', description: 'A SKU sales prices (on an approved price list); one listing per SKU' }) @IsText(64) sku: string;
  @ApiProperty({ example: '明前龙井 250 克礼盒' }) @IsText(200) titleZh: string;
  @ApiProperty({ example: 'Pre-Qingming Longjing, 250 g gift box' }) @IsText(200) titleEn: string;
  @ApiProperty({ example: '西湖产区，明前采摘。' }) @IsText(5000) descriptionZh: string;
  @ApiProperty({ example: 'From the West Lake area, picked before Qingming.' }) @IsText(5000) descriptionEn: string;
  @ApiProperty({ type: [ListingSpecBody], description: 'Name and value pairs, in the order shown' })
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ListingSpecBody) specs: ListingSpecBody[];
  @ApiProperty({ example: 12_900, description: 'Price on sale, fen, VAT included; not below the floor of the price list in force, when one prices the SKU' })
  @IsInt() @Min(0) priceFen: number;
  @ApiProperty({ example: 100, description: 'How many the store offers; on sale is the lesser of this and the available stock' }) @IsInt() @Min(0) quantityOffered: number;
  @ApiProperty({ example: 'TEA-GREEN' }) @Matches(CATEGORY_CODE, CATEGORY_MESSAGE) categoryCode: string;
  @ApiProperty({ type: [String], example: ['listings/tea-250/front.jpg', 'https://img.example.com/tea-250/side.jpg'], description: 'http(s) URLs or storage keys' })
  @IsArray() @ArrayMaxSize(20) @MaxLength(500, { each: true }) @Matches(IMAGE_REFERENCE, IMAGE_MESSAGE) images: string[];
}

export class EditListingBody {
  @ApiPropertyOptional({ example: '明前龙井 250 克礼盒' }) @IsOptional() @IsText(200) titleZh?: string;
  @ApiPropertyOptional({ example: 'Pre-Qingming Longjing, 250 g gift box' }) @IsOptional() @IsText(200) titleEn?: string;
  @ApiPropertyOptional({ example: '西湖产区，明前采摘。' }) @IsOptional() @IsText(5000) descriptionZh?: string;
  @ApiPropertyOptional({ example: 'From the West Lake area, picked before Qingming.' }) @IsOptional() @IsText(5000) descriptionEn?: string;
  @ApiPropertyOptional({ type: [ListingSpecBody] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ListingSpecBody) specs?: ListingSpecBody[];
  @ApiPropertyOptional({ example: 12_900, description: 'Fen, VAT included' }) @IsOptional() @IsInt() @Min(0) priceFen?: number;
  @ApiPropertyOptional({ example: 100 }) @IsOptional() @IsInt() @Min(0) quantityOffered?: number;
  @ApiPropertyOptional({ example: 'TEA-GREEN' }) @IsOptional() @Matches(CATEGORY_CODE, CATEGORY_MESSAGE) categoryCode?: string;
  @ApiPropertyOptional({ type: [String], example: ['listings/tea-250/front.jpg'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @MaxLength(500, { each: true }) @Matches(IMAGE_REFERENCE, IMAGE_MESSAGE) images?: string[];
}

export class EditListingRequest extends EditListingBody {
  @IsUUID() id: string;
}

export class RejectListingBody {
  @ApiProperty({ example: 'The English title names the wrong weight' }) @IsText(500) reason: string;
}

export class RejectListingRequest extends RejectListingBody {
  @IsUUID() id: string;
}

export class ChangeListingPriceBody {
  @ApiProperty({ example: 11_900, description: 'The new price on sale, fen, VAT included; not below the floor of the price list in force' }) @IsInt() @Min(0) priceFen: number;
}

export class ChangeListingPriceRequest extends ChangeListingPriceBody {
  @IsUUID() id: string;
}

export class SetQuantityOfferedBody {
  @ApiProperty({ example: 60 }) @IsInt() @Min(0) quantityOffered: number;
}

export class SetQuantityOfferedRequest extends SetQuantityOfferedBody {
  @IsUUID() id: string;
}

export class ListListingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTING_STATUSES }) @IsOptional() @IsIn(LISTING_STATUSES) status?: ListingStatusName;
  @ApiPropertyOptional({ example: 'TEA', description: 'Listings in this category or any below it' }) @IsOptional() @Matches(CATEGORY_CODE, CATEGORY_MESSAGE) categoryCode?: string;
  @ApiPropertyOptional({ example: '龙井', description: 'In the SKU or either title' }) @IsOptional() @IsText(100) q?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true' }) @IsOptional() @IsIn(['true', 'false']) soldOut?: 'true' | 'false';
}

export class ListingSpecView {
  @ApiProperty({ example: '净含量' }) name: string;
  @ApiProperty({ example: '250 g' }) value: string;
}

export class ListingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'TEA-250' }) sku: string;
  @ApiProperty({ enum: LISTING_STATUSES }) status: ListingStatusName;
  @ApiProperty({ example: '明前龙井 250 克礼盒' }) titleZh: string;
  @ApiProperty({ example: 'Pre-Qingming Longjing, 250 g gift box' }) titleEn: string;
  @ApiProperty({ example: '西湖产区，明前采摘。' }) descriptionZh: string;
  @ApiProperty({ example: 'From the West Lake area.' }) descriptionEn: string;
  @ApiProperty({ type: [ListingSpecView] }) specs: ListingSpecView[];
  @ApiProperty({ example: 12_900 }) priceFen: number;
  @ApiProperty({ example: 100 }) quantityOffered: number;
  @ApiProperty({ nullable: true, type: Number, example: 40, description: 'Inventory\'s last report of the available stock; null until it reported' }) availableQuantity: number | null;
  @ApiProperty({ example: 40, description: 'min(quantity offered, available stock); 0 until inventory reported' }) quantityOnSale: number;
  @ApiProperty({ example: false, description: 'Inventory has reported the stock and nothing is on sale (none available, or none offered)' }) soldOut: boolean;
  @ApiProperty({ example: 'TEA-GREEN' }) categoryCode: string;
  @ApiProperty({ type: [String], example: ['listings/tea-250/front.jpg'] }) images: string[];
  @ApiProperty({ example: 'ecommerce_operator' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) submittedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved it: never its author or submitter' }) reviewedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
}

export class ListingChangeView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'priceFen', description: 'The field: `status` for each move (submitted, published, listed, unlisted…), `priceFen`, a title, `quantityOnSale`…' }) field: string;
  @ApiProperty({ nullable: true, example: 12_900, description: 'The value before (JSON: a number, text, a list); null when there was none' }) before: unknown;
  @ApiProperty({ nullable: true, example: 11_900, description: 'The value after' }) after: unknown;
  @ApiProperty({ example: 'ecommerce_operator' }) changedBy: string;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'Approved', description: 'Why, when a person said (a rejection\'s reason)' }) note: string | null;
}
