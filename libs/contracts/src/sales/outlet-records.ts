import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { WASTE_KINDS, type WasteKind } from './outlet-events.js';

/**
 * An outlet's records (domain.md, outlets): the weekly rota with fair rest days, waste and
 * breakage approved by the supervisor and costed by finance, targets with their attainment from the till,
 * customer complaints with their resolution, and replenishment requests answered by inventory's transfers.
 */
const OUTLET_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;
const OUTLET_CODE_MESSAGE = { message: 'code must be an outlet code (capitals, digits, dashes)' };
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };
const SHIFT_KIND = /^[a-z][a-z0-9-]{0,19}$/;

export class OutletRecordsCodeRequest {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

// ---- rota ----

export const ROTA_WEEKS = 4;
export const REST = 'rest';

export class RotaRowBody {
  @ApiProperty({ example: 'store_clerk' }) @IsText(64) username: string;
  @ApiProperty({ type: [String], example: ['day', 'rest', 'evening'], description: `One entry per day of the ${ROTA_WEEKS} weeks (28), Monday first: a shift kind or \`rest\`` })
  @IsArray() @ArrayMinSize(ROTA_WEEKS * 7) @ArrayMaxSize(ROTA_WEEKS * 7) @IsString({ each: true }) days: string[];
}

export class SaveRotaBody {
  @ApiProperty({ example: '2026-12-07', description: 'The Monday the four weeks start on (Asia/Shanghai)' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) startDate: string;
  @ApiPropertyOptional({ type: [String], example: ['day', 'evening'], description: 'The outlet\'s shift kinds; default `day`, `evening`' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @Matches(SHIFT_KIND, { each: true, message: 'each shift kind is a lower-case word' }) shiftKinds?: string[];
  @ApiPropertyOptional({ type: [RotaRowBody], description: 'An edited plan, one row per person; without it a fair rota is generated for the outlet\'s staff' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => RotaRowBody) plan?: RotaRowBody[];
}

export class SaveRotaRequest extends SaveRotaBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class GetRotaQueryParams {
  @ApiPropertyOptional({ example: '2026-12-07', description: 'A date the rota covers (default today)' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) from?: string;
}

export class GetRotaQuery extends GetRotaQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class RotaRowView {
  @ApiProperty({ example: 'store_clerk' }) username: string;
  @ApiProperty({ type: [String], example: ['day', 'rest'] }) days: string[];
  @ApiProperty({ example: 8, description: 'Rest days over the four weeks' }) restDays: number;
  @ApiProperty({ example: 2, description: 'Rest days on a Saturday or Sunday' }) weekendRestDays: number;
}

export class RotaView {
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-12-07' }) startDate: string;
  @ApiProperty({ example: '2027-01-03' }) endDate: string;
  @ApiProperty({ type: [String], example: ['2026-12-07'] }) dates: string[];
  @ApiProperty({ type: [String], example: ['day', 'evening'] }) shiftKinds: string[];
  @ApiProperty({ type: [Boolean], description: 'Per date: is the outlet open' }) open: boolean[];
  @ApiProperty({ type: [RotaRowView] }) rows: RotaRowView[];
  @ApiProperty({ example: 'bar_supervisor' }) savedBy: string;
  @ApiProperty({ format: 'date-time' }) savedAt: string;
  @ApiProperty({ enum: ['generated', 'edited'] }) origin: 'generated' | 'edited';
}

// ---- waste ----

export const WASTE_STATUSES = ['recorded', 'approved', 'rejected'] as const;
export type WasteStatusName = (typeof WASTE_STATUSES)[number];

export class WasteLineBody {
  @ApiProperty({ example: 'BEER-330' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1, maximum: 9999 }) @IsInt() @Min(1) @Max(9999) quantity: number;
  @ApiProperty({ enum: WASTE_KINDS, example: 'breakage' }) @IsIn(WASTE_KINDS) kind: WasteKind;
}

export class RecordWasteBody {
  @ApiProperty({ type: [WasteLineBody] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WasteLineBody) lines: WasteLineBody[];
  @ApiProperty({ example: 'Tray dropped at table 3' }) @IsText(500) note: string;
}

export class RecordWasteRequest extends RecordWasteBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class OutletRecordIdRequest {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ReasonBody {
  @ApiProperty({ example: 'Not broken: found in the back room' }) @IsText(500) reason: string;
}

export class RejectWasteRequest extends ReasonBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ListWasteQueryParams extends PageQuery {
  @ApiPropertyOptional({ enum: WASTE_STATUSES }) @IsOptional() @IsIn(WASTE_STATUSES) status?: WasteStatusName;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Recorded on or after this business date' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Recorded on or before this business date' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: WASTE_KINDS, description: 'Records with a line of this kind' }) @IsOptional() @IsIn(WASTE_KINDS) kind?: WasteKind;
}

export class ListWasteQuery extends ListWasteQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class WasteLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'BEER-330' }) sku: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ enum: WASTE_KINDS }) kind: WasteKind;
  @ApiProperty({ example: 900, description: 'The price list\'s floor for one, VAT included' }) floorPriceFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Finance\'s cost for one, net of VAT (null until costed)' }) unitCostFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) costFen: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['last-purchase', 'price-list-floor'] }) costBasis: string | null;
}

export class WasteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'W-BAR1-2026-000001' }) number: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ enum: WASTE_STATUSES }) status: WasteStatusName;
  @ApiProperty({ example: '2026-12-01' }) businessDate: string;
  @ApiProperty({ type: [WasteLineView] }) lines: WasteLineView[];
  @ApiProperty({ example: 'Tray dropped' }) note: string;
  @ApiProperty({ example: 'bar_staff' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The cost finance booked (null until costed)' }) costFen: number | null;
  @ApiProperty({ nullable: true, type: String }) journalEntryNumber: string | null;
}

// ---- targets ----

export class SetOutletTargetBody {
  @ApiProperty({ example: '2026-12-01', description: 'From this business date on (until a later target)' })
  @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) effectiveFrom: string;
  @ApiProperty({ example: 500_000, description: 'Takings per day, fen' }) @IsInt() @Min(0) dailyFen: number;
  @ApiProperty({ example: 3_500_000, description: 'Takings per week (Monday to Sunday), fen' }) @IsInt() @Min(0) weeklyFen: number;
  @ApiProperty({ example: 15_000_000, description: 'Takings per calendar month, fen' }) @IsInt() @Min(0) monthlyFen: number;
}

export class SetOutletTargetRequest extends SetOutletTargetBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class OutletTargetView {
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-12-01' }) effectiveFrom: string;
  @ApiProperty({ example: 500_000 }) dailyFen: number;
  @ApiProperty({ example: 3_500_000 }) weeklyFen: number;
  @ApiProperty({ example: 15_000_000 }) monthlyFen: number;
  @ApiProperty({ example: 'store_manager' }) setBy: string;
  @ApiProperty({ format: 'date-time' }) setAt: string;
}

export class AttainmentQueryParams {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The day (default today); its week is Monday to Sunday, its month the calendar month' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) date?: string;
}

export class AttainmentQuery extends AttainmentQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class PeriodAttainmentView {
  @ApiProperty({ example: '2026-11-30' }) from: string;
  @ApiProperty({ example: '2026-12-06' }) to: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when no target is set' }) targetFen: number | null;
  @ApiProperty({ example: 120_000, description: 'Paid tickets (voided ones out) by business date' }) actualFen: number;
  @ApiProperty({ nullable: true, type: Number, example: 24.5, description: 'actual / target × 100, one decimal; null without a target' }) percent: number | null;
}

export class OutletAttainmentView {
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ type: PeriodAttainmentView }) day: PeriodAttainmentView;
  @ApiProperty({ type: PeriodAttainmentView }) week: PeriodAttainmentView;
  @ApiProperty({ type: PeriodAttainmentView }) month: PeriodAttainmentView;
}

// ---- complaints ----

export const COMPLAINT_STATUSES = ['open', 'assigned', 'resolved'] as const;
export type ComplaintStatusName = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_CATEGORIES = ['product', 'service', 'price', 'hygiene', 'waiting', 'other'] as const;
export const COMPLAINT_OUTCOMES = ['refund-given', 'replaced', 'apology', 'voucher', 'rejected', 'other'] as const;

export class LogComplaintBody {
  @ApiProperty({ example: 'Ms Wang' }) @IsText(100) customerName: string;
  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsText(100) contact?: string;
  @ApiPropertyOptional({ example: 'T-BAR1-2026-000012' }) @IsOptional() @IsText(40) ticketNumber?: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'service' }) @IsIn(COMPLAINT_CATEGORIES) category: string;
  @ApiProperty({ example: 'Waited 40 minutes for two beers' }) @IsText(2000) description: string;
}

export class LogComplaintRequest extends LogComplaintBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class AssignComplaintBody {
  @ApiProperty({ example: 'bar_supervisor', description: 'Someone on the outlet\'s staff' }) @IsText(64) assignee: string;
}

export class AssignComplaintRequest extends AssignComplaintBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ResolveComplaintBody {
  @ApiProperty({ example: 'Apologised and refunded the two beers' }) @IsText(2000) resolution: string;
  @ApiProperty({ enum: COMPLAINT_OUTCOMES, example: 'refund-given' }) @IsIn(COMPLAINT_OUTCOMES) outcome: string;
}

export class ResolveComplaintRequest extends ResolveComplaintBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ListComplaintsQueryParams extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: '`open`: open or assigned; `resolved`' }) @IsOptional() @IsIn(['open', 'resolved']) state?: 'open' | 'resolved';
}

export class ListComplaintsQuery extends ListComplaintsQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C-BAR1-2026-000001' }) number: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: ComplaintStatusName;
  @ApiProperty({ example: 'Ms Wang' }) customerName: string;
  @ApiProperty({ nullable: true, type: String }) contact: string | null;
  @ApiProperty({ nullable: true, type: String }) ticketNumber: string | null;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category: string;
  @ApiProperty({ example: 'Waited 40 minutes' }) description: string;
  @ApiProperty({ example: 'bar_staff' }) loggedBy: string;
  @ApiProperty({ format: 'date-time' }) loggedAt: string;
  @ApiProperty({ nullable: true, type: String }) assignedTo: string | null;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String, enum: COMPLAINT_OUTCOMES }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt: string | null;
  @ApiProperty({ example: false, description: 'Still open more than 3 days after it was logged' }) overdue: boolean;
}

// ---- replenishment ----

export const REPLENISHMENT_STATUSES = ['requested', 'transfer-raised'] as const;

export class ReplenishmentLineBody {
  @ApiProperty({ example: 'BEER-330' }) @IsText(64) sku: string;
  @ApiProperty({ example: 48, minimum: 1, maximum: 99999 }) @IsInt() @Min(1) @Max(99_999) quantity: number;
}

export class RequestReplenishmentBody {
  @ApiProperty({ example: 'WH1', description: 'The warehouse asked to send the goods' }) @Matches(/^[A-Z0-9][A-Z0-9-]{0,31}$/, { message: 'fromWarehouseCode must be a warehouse code' }) fromWarehouseCode: string;
  @ApiProperty({ type: [ReplenishmentLineBody] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ReplenishmentLineBody) lines: ReplenishmentLineBody[];
  @ApiPropertyOptional({ example: 'For the weekend' }) @IsOptional() @IsText(500) note?: string;
}

export class RequestReplenishmentRequest extends RequestReplenishmentBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class ListReplenishmentsQueryParams extends PageQuery {
  @ApiPropertyOptional({ enum: REPLENISHMENT_STATUSES }) @IsOptional() @IsIn(REPLENISHMENT_STATUSES) status?: (typeof REPLENISHMENT_STATUSES)[number];
}

export class ListReplenishmentsQuery extends ListReplenishmentsQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class ReplenishmentLineView {
  @ApiProperty({ example: 'BEER-330' }) sku: string;
  @ApiProperty({ example: 48 }) quantity: number;
}

export class ReplenishmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'R-BAR1-2026-000001' }) number: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ enum: REPLENISHMENT_STATUSES }) status: string;
  @ApiProperty({ example: 'WH1' }) fromWarehouseCode: string;
  @ApiProperty({ example: 'BAR1' }) toWarehouseCode: string;
  @ApiProperty({ type: [ReplenishmentLineView] }) lines: ReplenishmentLineView[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ example: 'bar_supervisor' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Inventory\'s transfer, once raised' }) transferNumber: string | null;
}
