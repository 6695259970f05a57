import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { OUTLET_KINDS, TILL_TENDER_METHODS } from './outlet-events.js';

/**
 * The outlets' till (domain.md, outlets): the registry of stores and bar counters with their staff, the day's
 * opening check, and till tickets — sold at once or run up for a table, a discount only within the §4.3
 * authority, paid in full (cash after the counterfeit check, at most two signed cards, a transfer), voided only
 * by the outlet's supervisor.
 */
export const OUTLET_POSITIONS = ['manager', 'supervisor', 'clerk', 'bar_staff', 'bartender', 'back_room'] as const;
export const TILL_TICKET_STATUSES = ['open', 'paid', 'voided'] as const;

const OUTLET_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;

export class OutletStaffMember {
  @ApiProperty({ example: 'store_clerk' }) @Matches(USERNAME, { message: 'username must be a username' }) username: string;
  @ApiProperty({ enum: OUTLET_POSITIONS, example: 'clerk' }) @IsIn(OUTLET_POSITIONS) position: string;
}

export class CreateOutletRequest {
  @ApiProperty({ example: 'BAR1', description: 'Upper-case letters, digits, dashes; at most 16' }) @Matches(OUTLET_CODE, { message: 'code must be upper-case letters, digits and dashes (at most 16)' }) code: string;
  @ApiProperty({ example: 'Lobby bar' }) @IsText(100) name: string;
  @ApiProperty({ enum: OUTLET_KINDS, example: 'bar' }) @IsIn(OUTLET_KINDS) kind: string;
  @ApiProperty({ example: 'BAR1', description: 'The outlet\'s own warehouse in inventory (kind `store`)' }) @Matches(/^[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'warehouseCode must be a warehouse code' }) warehouseCode: string;
  @ApiProperty({ format: 'uuid', example: '0190f7c4-1b2a-7c3d-8e4f-5a6b7c8d9e0f', description: 'The sales price list the till prices from (approved, valid on the day of a sale)' }) @IsUUID() priceListId: string;
  @ApiPropertyOptional({ example: { 0: null, 1: { opens: '10:00', closes: '22:00' } }, description: 'Per weekday (0 = Sunday … 6 = Saturday): `{ opens, closes }` (HH:MM) or null when closed; a weekday left out is closed' })
  @IsOptional() @IsObject() openingHours?: Record<string, { opens: string; closes: string } | null>;
  @ApiProperty({ type: [OutletStaffMember] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OutletStaffMember) staff: OutletStaffMember[];
}

export class OutletCodeRequest {
  @Matches(OUTLET_CODE) code: string;
}

export class SetOutletStaffBody {
  @ApiProperty({ type: [OutletStaffMember], description: 'The whole staff: who is left out is no longer on it' }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OutletStaffMember) staff: OutletStaffMember[];
}
export class SetOutletStaffRequest extends SetOutletStaffBody {
  @Matches(OUTLET_CODE) code: string;
}

export class ListOutletsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTLET_KINDS, example: 'bar' }) @IsOptional() @IsIn(OUTLET_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'true', description: '`true`: only the outlets the caller is on the staff of' }) @IsOptional() @IsIn(['true', 'false']) mine?: string;
}

export class OutletView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BAR1' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OUTLET_KINDS }) kind: string;
  @ApiProperty() warehouseCode: string;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ nullable: true, type: String }) priceListNumber: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Per weekday: `{ opens, closes }` or null' }) openingHours: Record<string, { opens: string; closes: string } | null>;
  @ApiProperty({ enum: ['active', 'closed'] }) status: string;
  @ApiProperty({ type: [OutletStaffMember] }) staff: OutletStaffMember[];
  @ApiProperty({ nullable: true, type: String, enum: [...OUTLET_POSITIONS, null], description: 'The caller\'s own position there' }) myPosition: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class OutletPriceView {
  @ApiProperty() sku: string;
  @ApiProperty({ description: 'VAT included, fen' }) listPriceFen: number;
  @ApiProperty({ description: 'Below it only the general manager' }) floorPriceFen: number;
}

// ---- the opening check ----

export class OpeningCheckBody {
  @ApiProperty({ example: 50_000, minimum: 0, description: 'The cash float counted into the drawer, fen' }) @IsInt() @Min(0) @Max(100_000_000) cashFloatFen: number;
  @ApiProperty({ example: true }) @IsBoolean() equipmentOk: boolean;
  @ApiPropertyOptional({ example: 'Receipt printer low on paper', description: 'Required when equipmentOk is false' }) @IsOptional() @IsText(500) equipmentNotes?: string;
  @ApiProperty({ example: true, description: 'Must be true: the display stock was checked' }) @IsBoolean() displayStockChecked: boolean;
  @ApiPropertyOptional({ example: 'Two bottles facing moved to the front' }) @IsOptional() @IsText(500) displayNotes?: string;
}
export class OpeningCheckRequest extends OpeningCheckBody {
  @Matches(OUTLET_CODE) code: string;
}

export class OpeningCheckDateQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The business date; today when left out' }) @IsOptional() @Matches(BUSINESS_DATE, { message: 'date must be a date as YYYY-MM-DD' }) date?: string;
}
export class GetOpeningCheckRequest extends OpeningCheckDateQuery {
  @Matches(OUTLET_CODE) code: string;
}

export class OpeningCheckView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() outletCode: string;
  @ApiProperty() businessDate: string;
  @ApiProperty() equipmentOk: boolean;
  @ApiProperty({ nullable: true, type: String }) equipmentNotes: string | null;
  @ApiProperty() cashFloatFen: number;
  @ApiProperty() displayStockChecked: boolean;
  @ApiProperty({ nullable: true, type: String }) displayNotes: string | null;
  @ApiProperty() checkedBy: string;
  @ApiProperty() checkedAt: string;
}

// ---- tickets ----

export class TicketLineRequest {
  @ApiProperty({ example: 'BEER-330' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1 }) @IsInt() @Min(1) @Max(10_000) quantity: number;
  @ApiPropertyOptional({ example: 1200, description: 'A price below list, VAT included (within the actor\'s discount authority); the list price when left out' }) @IsOptional() @IsInt() @Min(0) unitPriceFen?: number;
}

export class SignedCardRequest {
  @ApiProperty({ example: '4321', description: 'The card\'s last four digits' }) @IsString() last4: string;
  @ApiProperty({ example: true, description: 'The card holder signed the slip (required)' }) @IsBoolean() signed: boolean;
}

export class TenderRequest {
  @ApiProperty({ enum: TILL_TENDER_METHODS, example: 'cash' }) @IsIn(TILL_TENDER_METHODS) method: string;
  @ApiProperty({ example: 2400, minimum: 1, description: 'What this tender pays of the ticket (cash: net of change), fen' }) @IsInt() @Min(1) amountFen: number;
  @ApiPropertyOptional({ example: 5000, description: 'Cash: what the guest handed over (at least amountFen); the change is the difference' }) @IsOptional() @IsInt() @Min(0) tenderedFen?: number;
  @ApiPropertyOptional({ example: true, description: 'Cash: the notes passed the counterfeit check (required true)' }) @IsOptional() @IsBoolean() counterfeitChecked?: boolean;
  @ApiPropertyOptional({ type: [SignedCardRequest], description: 'POS: one or two cards, each signed' }) @IsOptional() @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => SignedCardRequest) cards?: SignedCardRequest[];
  @ApiPropertyOptional({ example: 'WX20261201-8841', description: 'Transfer: its reference' }) @IsOptional() @IsString() reference?: string;
  @ApiPropertyOptional({ example: 'Wang Lei', description: 'Transfer: who paid it' }) @IsOptional() @IsString() payer?: string;
}

export class SellBody {
  @ApiProperty({ type: [TicketLineRequest] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => TicketLineRequest) lines: TicketLineRequest[];
  @ApiPropertyOptional({ type: [TenderRequest], description: 'Required unless `open`: the ticket is paid at once' }) @IsOptional() @IsArray() @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => TenderRequest) tenders?: TenderRequest[];
  @ApiPropertyOptional({ example: false, description: '`true`: open the ticket without paying (a table runs it up, or a supervisor discounts it first)' }) @IsOptional() @IsBoolean() open?: boolean;
  @ApiPropertyOptional({ example: 'T7', description: 'The table an open ticket is for (one open ticket per table)' }) @IsOptional() @IsText(32) tableLabel?: string;
}
export class SellRequest extends SellBody {
  @Matches(OUTLET_CODE) code: string;
}

export class DiscountLineRequest {
  @ApiProperty({ example: 1, minimum: 1 }) @IsInt() @Min(1) lineNo: number;
  @ApiProperty({ example: 1164, minimum: 0, description: 'The new unit price, VAT included, at most the list price' }) @IsInt() @Min(0) unitPriceFen: number;
}
export class DiscountTicketBody {
  @ApiProperty({ type: [DiscountLineRequest] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => DiscountLineRequest) lines: DiscountLineRequest[];
}
export class DiscountTicketRequest extends DiscountTicketBody {
  @Matches(OUTLET_CODE) code: string;
  @IsUUID() id: string;
}

export class PayTicketBody {
  @ApiProperty({ type: [TenderRequest] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => TenderRequest) tenders: TenderRequest[];
}
export class PayTicketRequest extends PayTicketBody {
  @Matches(OUTLET_CODE) code: string;
  @IsUUID() id: string;
}

export class VoidTicketBody {
  @ApiProperty({ example: 'Rung up twice by mistake' }) @IsText(500) reason: string;
}
export class VoidTicketRequest extends VoidTicketBody {
  @Matches(OUTLET_CODE) code: string;
  @IsUUID() id: string;
}

export class TicketRequest {
  @Matches(OUTLET_CODE) code: string;
  @IsUUID() id: string;
}

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Business date; today when left out' }) @IsOptional() @Matches(BUSINESS_DATE, { message: 'date must be a date as YYYY-MM-DD' }) date?: string;
  @ApiPropertyOptional({ enum: TILL_TICKET_STATUSES, example: 'paid' }) @IsOptional() @IsIn(TILL_TICKET_STATUSES) status?: string;
}
export class ListTicketsRequest extends ListTicketsQuery {
  @Matches(OUTLET_CODE) code: string;
}

export class TicketLineView {
  @ApiProperty() lineNo: number;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() listPriceFen: number;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() amountFen: number;
  @ApiProperty({ nullable: true, type: String, description: 'The drinks slip the line came from' }) slipId: string | null;
}

export class TenderView {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: TILL_TENDER_METHODS }) method: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ nullable: true, type: Number }) tenderedFen: number | null;
  @ApiProperty() changeFen: number;
  @ApiProperty({ nullable: true, type: Boolean }) counterfeitChecked: boolean | null;
  @ApiProperty({ nullable: true, type: [SignedCardRequest] }) cards: SignedCardRequest[] | null;
  @ApiProperty({ nullable: true, type: String }) payer: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
}

export class TillTicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() outletCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'Gapless per outlet, given on payment: `T-BAR1-2026-000042`' }) number: string | null;
  @ApiProperty({ enum: TILL_TICKET_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) tableLabel: string | null;
  @ApiProperty() businessDate: string;
  @ApiProperty() subtotalFen: number;
  @ApiProperty() discountFen: number;
  @ApiProperty() totalFen: number;
  @ApiProperty({ nullable: true, type: String }) discountApprovedBy: string | null;
  @ApiProperty() openedBy: string;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) cashier: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) voidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) voidReason: string | null;
  @ApiProperty({ nullable: true, type: String }) voidedAt: string | null;
  @ApiProperty({ description: 'The change given in cash' }) changeFen: number;
  @ApiProperty({ type: [TicketLineView] }) lines: TicketLineView[];
  @ApiProperty({ type: [TenderView] }) tenders: TenderView[];
}
