import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * The bar and the day at an outlet (domain.md, outlets): drinks slips written by table staff,
 * made at the bar and served onto the table's ticket; the slips and tables still open at closing; and the shift
 * handover, the till's cash counted against its tickets and confirmed by the person taking over.
 */
export const DRINKS_SLIP_STATUSES = ['written', 'made', 'served', 'cancelled'] as const;
export type DrinksSlipStatusName = (typeof DRINKS_SLIP_STATUSES)[number];
export const SHIFT_HANDOVER_STATUSES = ['counted', 'confirmed'] as const;

const OUTLET_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;
const OUTLET_CODE_MESSAGE = { message: 'code must be an outlet code (capitals, digits, dashes)' };
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;

// ---- drinks slips ----

export class DrinksSlipLineBody {
  @ApiProperty({ example: 'BEER-330', description: 'A SKU on the outlet\'s price list' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1, maximum: 999 }) @IsInt() @Min(1) @Max(999) quantity: number;
  @ApiPropertyOptional({ example: 'no ice', description: 'For the bar' }) @IsOptional() @IsText(200) note?: string;
}

export class WriteDrinksSlipBody {
  @ApiProperty({ example: 'T3', description: 'The table (its served slips run up one open ticket until the guest pays)' }) @IsText(20) table: string;
  @ApiProperty({ type: [DrinksSlipLineBody] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DrinksSlipLineBody) lines: DrinksSlipLineBody[];
}

export class WriteDrinksSlipRequest extends WriteDrinksSlipBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class DrinksSlipIdRequest {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class CancelDrinksSlipBody {
  @ApiPropertyOptional({ example: 'The guest left before the drinks came', description: 'Required once the slip is made (and then only the outlet\'s supervisor cancels it)' })
  @IsOptional() @IsText(500) reason?: string;
}

export class CancelDrinksSlipRequest extends CancelDrinksSlipBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ListDrinksSlipsQueryParams extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Slips written on this business date (Asia/Shanghai); default today, unless `open`' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ enum: DRINKS_SLIP_STATUSES }) @IsOptional() @IsIn(DRINKS_SLIP_STATUSES) status?: DrinksSlipStatusName;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: only slips not yet served nor cancelled (written or made), of any date unless `date` is given' })
  @IsOptional() @IsIn(['true', 'false']) open?: 'true' | 'false';
}

export class ListDrinksSlipsQuery extends ListDrinksSlipsQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class OutletCodeOnlyRequest {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class DrinksSlipLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'BEER-330' }) sku: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class DrinksSlipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DS-BAR1-2026-000001', description: 'Gapless per outlet and year' }) number: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: 'T3' }) table: string;
  @ApiProperty({ enum: DRINKS_SLIP_STATUSES }) status: DrinksSlipStatusName;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty() writtenBy: string;
  @ApiProperty({ format: 'date-time' }) writtenAt: string;
  @ApiProperty({ nullable: true, type: String }) madeBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) madeAt: string | null;
  @ApiProperty({ nullable: true, type: String }) servedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) servedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledBy: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The table\'s ticket the served slip landed on' }) ticketId: string | null;
  @ApiProperty({ type: [DrinksSlipLineView] }) lines: DrinksSlipLineView[];
}

export class OpenTableView {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'T3' }) table: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ example: 6400, description: 'What the table owes so far, VAT included' }) totalFen: number;
  @ApiProperty({ example: 2, description: 'Served slips on the ticket' }) slipCount: number;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
}

export class OpenAtClosingView {
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ type: [DrinksSlipView], description: 'Slips written or made and not yet served, oldest first (any date)' }) openSlips: DrinksSlipView[];
  @ApiProperty({ type: [OpenTableView], description: 'Tables with served slips whose ticket is still open (not yet paid)' }) openTables: OpenTableView[];
}

// ---- shift handovers ----

export class CountShiftHandoverBody {
  @ApiProperty({ example: 'store_clerk', description: 'The incoming person (username, on the outlet\'s staff): they confirm' })
  @Matches(USERNAME, { message: 'takenOverBy must be a username' }) takenOverBy: string;
  @ApiProperty({ example: 152000, description: 'Cash counted in the drawer, fen' }) @IsInt() @Min(0) countedCashFen: number;
  @ApiProperty({ example: 50000, description: 'Cash left in the drawer for the next shift (not takings), fen; at most the cash counted' }) @IsInt() @Min(0) floatFen: number;
  @ApiProperty({ example: true, description: 'The goods were checked with the person taking over (a handover without it is refused)' }) @IsBoolean() goodsChecked: boolean;
  @ApiPropertyOptional({ example: 'Two bottles of Tsingtao chilled in the back fridge' }) @IsOptional() @IsText(1000) goodsNotes?: string;
  @ApiPropertyOptional({ example: 'A guest left 20.00 for the staff', description: 'Why the cash is over or short, if already known' }) @IsOptional() @IsText(1000) explanation?: string;
}

export class CountShiftHandoverRequest extends CountShiftHandoverBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class ShiftHandoverIdRequest {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ExplainShiftHandoverBody {
  @ApiProperty({ example: 'A guest left 20.00 for the staff and it went into the drawer' }) @IsText(1000) explanation: string;
}

export class ExplainShiftHandoverRequest extends ExplainShiftHandoverBody {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
  @IsUUID() id: string;
}

export class ListShiftHandoversQueryParams extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Handovers of this business date' })
  @IsOptional() @Matches(BUSINESS_DATE, DATE_MESSAGE) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ enum: SHIFT_HANDOVER_STATUSES }) @IsOptional() @IsIn(SHIFT_HANDOVER_STATUSES) status?: string;
}

export class ListShiftHandoversQuery extends ListShiftHandoversQueryParams {
  @Matches(OUTLET_CODE, OUTLET_CODE_MESSAGE) code: string;
}

export class ShiftHandoverView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ enum: SHIFT_HANDOVER_STATUSES, description: '`counted`: waits for the incoming person; `confirmed`: handed over (finance told)' }) status: string;
  @ApiProperty({ example: 'bar_supervisor' }) handedOverBy: string;
  @ApiProperty({ example: 'store_clerk' }) takenOverBy: string;
  @ApiProperty({ format: 'date-time', description: 'The shift ran from here (the previous confirmed handover, or the opening check)…' }) shiftStart: string;
  @ApiProperty({ format: 'date-time', description: '…until the count' }) countedAt: string;
  @ApiProperty({ example: 10, description: 'Tickets paid in the shift, voids taken out' }) ticketCount: number;
  @ApiProperty({ example: 50000, description: 'The float the shift started with' }) openingFloatFen: number;
  @ApiProperty({ example: 102000, description: 'Cash of the shift\'s tickets, net of change and of voids' }) cashFen: number;
  @ApiProperty({ example: 30000 }) posFen: number;
  @ApiProperty({ example: 0 }) transferFen: number;
  @ApiProperty({ example: 6400, description: 'Cash of tickets voided in the shift' }) voidedCashFen: number;
  @ApiProperty({ example: 152000, description: 'The float plus the cash of the shift\'s tickets less voided ones' }) expectedCashFen: number;
  @ApiProperty({ example: 154000 }) countedCashFen: number;
  @ApiProperty({ example: 2000, description: 'counted − expected: positive over, negative short' }) differenceFen: number;
  @ApiProperty({ example: 50000, description: 'Left in the drawer for the next shift' }) floatFen: number;
  @ApiProperty() goodsChecked: boolean;
  @ApiProperty({ nullable: true, type: String }) goodsNotes: string | null;
  @ApiProperty({ nullable: true, type: String }) explanation: string | null;
  @ApiProperty({ nullable: true, type: String }) explainedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
}
