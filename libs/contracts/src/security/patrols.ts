import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { PageQuery, ReportPeriodQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * Posts, rosters, shifts and handovers; patrol routes, their rounds and scans; the exceptions the security
 * captain works through (domain.md §7).
 */
export const POST_KINDS = ['gate', 'lobby', 'warehouse', 'control_room'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const PATROL_ROUTE_KINDS = ['fire', 'night'] as const;
export type PatrolRouteKind = (typeof PATROL_ROUTE_KINDS)[number];
export const SHIFT_STATUSES = ['rostered', 'on_duty', 'ended'] as const;
export const ROUND_STATUSES = ['open', 'completed', 'missed'] as const;
export const SCAN_FLAGS = ['out_of_order', 'unknown_code', 'no_open_round', 'repeat'] as const;
export type ScanFlag = (typeof SCAN_FLAGS)[number];
export const SECURITY_EXCEPTION_KINDS = ['missed_checkpoint', 'flagged_scan', 'handover_missing', 'post_uncovered'] as const;
export type SecurityExceptionKind = (typeof SECURITY_EXCEPTION_KINDS)[number];

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const clockTime = { message: '$property must be a time of day as HH:MM (00:00 to 23:59)' };
const businessDateOnly = { message: '$property must be a date as YYYY-MM-DD' };

// ---- events ---------------------------------------------------------------------------------------

export class PatrolMissedData {
  @IsUUID() routeId: string;
  @IsUUID() roundId: string;
  @IsUUID() checkpointId: string;
  @IsString() @IsNotEmpty() code: string;
  @IsISO8601() windowStart: string;
  @IsISO8601() windowEnd: string;
}

export const PatrolMissed = defineEvent({
  type: 'security.patrol.missed',
  version: 1,
  source: 'security',
  payload: PatrolMissedData,
  description:
    'A checkpoint of a patrol round was not scanned before the round\'s window closed. Exactly one per round and checkpoint, however ' +
    'many instances of security run and across restarts; the security captain finds it among the exceptions.',
});

// ---- posts, roster, shifts, handovers ---------------------------------------------------------------

export class CreatePostRequest {
  @ApiProperty({ example: 'GATE-1', description: 'Unique code of the post' }) @IsText(32) @Matches(/^[A-Za-z0-9_-]+$/, { message: '$property may hold letters, digits, - and _ only' }) code: string;
  @ApiProperty({ example: 'Main gate' }) @IsText(100) name: string;
  @ApiProperty({ enum: POST_KINDS, example: 'gate' }) @IsIn(POST_KINDS) kind: PostKind;
}

export class ListPostsQuery extends PageQuery {}

export class PostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GATE-1' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: POST_KINDS }) kind: PostKind;
}

export class RosterShiftBody {
  @ApiProperty({ example: '2026-11-30', description: 'The business date the shift starts on (Asia/Shanghai)' })
  @Matches(BUSINESS_DATE, businessDateOnly) @IsISO8601({ strict: true }) date: string;
  @ApiProperty({ example: 'security_guard', description: 'The sign-in name of the guard on duty' }) @IsText(64) guardUsername: string;
  @ApiProperty({ example: '08:00', description: 'Shift start, HH:MM business time' }) @Matches(CLOCK_TIME, clockTime) startsAt: string;
  @ApiProperty({ example: '20:00', description: 'Shift end, HH:MM; at or before the start it ends on the next day' }) @Matches(CLOCK_TIME, clockTime) endsAt: string;
}

export class RosterShiftRequest extends RosterShiftBody {
  @IsUUID() postId: string;
}

export class ListShiftsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Shifts starting on this business date; today when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, businessDateOnly) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() postId?: string;
}

export class ShiftView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ example: 'GATE-1' }) postCode: string;
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty() guardUsername: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: SHIFT_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt: string | null;
}

export class RecordHandoverRequest {
  @ApiProperty({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c10', description: 'The outgoing guard\'s shift' }) @IsUUID() fromShiftId: string;
  @ApiProperty({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c11', description: 'The incoming guard\'s shift, at the same post' }) @IsUUID() toShiftId: string;
  @ApiProperty({ example: ['radio', 'torch', 'fire extinguisher'], description: 'Equipment checked at the change' })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) equipmentChecked: string[];
  @ApiProperty({ example: ['gate key', 'warehouse key W2'], description: 'Keys handed over' }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) keys: string[];
  @ApiPropertyOptional({ example: 'Delivery expected at 22:00 for tenant B-12' }) @IsOptional() @IsText(4000, 0) openMatters?: string;
}

export class ListHandoversQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Handovers from shifts starting on this business date; today when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, businessDateOnly) @IsISO8601({ strict: true }) date?: string;
}

export class HandoverView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) fromShiftId: string;
  @ApiProperty({ format: 'uuid' }) toShiftId: string;
  @ApiProperty() outgoingGuard: string;
  @ApiProperty() incomingGuard: string;
  @ApiProperty({ type: [String] }) equipmentChecked: string[];
  @ApiProperty({ type: [String] }) keys: string[];
  @ApiProperty() openMatters: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) outgoingConfirmedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) incomingConfirmedAt: string | null;
  @ApiProperty({ enum: ['pending', 'confirmed'], description: 'Confirmed once both guards have confirmed' }) status: string;
}

// ---- patrol routes, rounds, scans --------------------------------------------------------------------

export class CheckpointBody {
  @ApiProperty({ example: 'CP-A1', description: 'The QR or NFC tag id the guard scans; unique across routes' })
  @IsText(64) @Matches(/^[A-Za-z0-9_.:-]+$/, { message: '$property may hold letters, digits, . : - and _ only' }) code: string;
  @ApiProperty({ example: 'Fire door, warehouse 2' }) @IsText(100) name: string;
  @ApiPropertyOptional({ example: false, description: 'Inside a tenant area (false when left out): at night a scan here needs a second guard' }) @IsOptional() @IsBoolean() tenantArea?: boolean;
}

export class CreatePatrolRouteRequest {
  @ApiProperty({ example: 'NIGHT-W' }) @IsText(32) code: string;
  @ApiProperty({ example: 'Warehouse night round' }) @IsText(100) name: string;
  @ApiProperty({ enum: PATROL_ROUTE_KINDS, example: 'night' }) @IsIn(PATROL_ROUTE_KINDS) kind: PatrolRouteKind;
  @ApiProperty({ example: 120, minimum: 15, maximum: 1440, description: 'A round starts every so many minutes; its window is that long' })
  @IsInt() @Min(15) @Max(1440) frequencyMinutes: number;
  @ApiProperty({ example: '20:00', description: 'Active hours start (HH:MM business time)' }) @Matches(CLOCK_TIME, clockTime) activeFrom: string;
  @ApiProperty({ example: '06:00', description: 'Active hours end; before the start it is on the next day, equal to it means all day' }) @Matches(CLOCK_TIME, clockTime) activeTo: string;
  @ApiProperty({ type: [CheckpointBody], description: 'In the order they are walked' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CheckpointBody) checkpoints: CheckpointBody[];
}

export class ListPatrolRoutesQuery extends PageQuery {}

export class CheckpointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() tenantArea: boolean;
}

export class PatrolRouteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PATROL_ROUTE_KINDS }) kind: PatrolRouteKind;
  @ApiProperty() frequencyMinutes: number;
  @ApiProperty({ example: '20:00' }) activeFrom: string;
  @ApiProperty({ example: '06:00' }) activeTo: string;
  @ApiProperty({ format: 'date-time', description: 'Rounds are expected from this moment on' }) effectiveFrom: string;
  @ApiProperty({ type: [CheckpointView] }) checkpoints: CheckpointView[];
}

export class ListPatrolRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() routeId?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Rounds of the night (or day) that began on this business date' })
  @IsOptional() @Matches(BUSINESS_DATE, businessDateOnly) @IsISO8601({ strict: true }) night?: string;
}

export class PatrolScanRequest {
  @ApiProperty({ example: 'CP-A1', description: 'The tag id read at the checkpoint' }) @IsText(64) code: string;
  @ApiPropertyOptional({ example: '2026-11-30T14:05:00Z', description: 'When it was scanned (a device syncing late); now on the business clock when left out' })
  @IsOptional() @IsISO8601() scannedAt?: string;
  @ApiPropertyOptional({ example: 'guard.li', description: 'The second guard entering with the scanning guard (required in a tenant area at night)' })
  @IsOptional() @IsText(64) secondGuard?: string;
}

export class PatrolScanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) checkpointId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) routeId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The round the scan counted against' }) roundId: string | null;
  @ApiProperty() guardUsername: string;
  @ApiProperty({ nullable: true, type: String }) secondGuard: string | null;
  @ApiProperty({ format: 'date-time' }) scannedAt: string;
  @ApiProperty({ enum: SCAN_FLAGS, isArray: true, description: 'Empty for a scan in order within its round' }) flags: ScanFlag[];
}

export class PatrolMissView {
  @ApiProperty({ format: 'uuid' }) checkpointId: string;
  @ApiProperty() code: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class PatrolRoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) routeId: string;
  @ApiProperty() routeCode: string;
  @ApiProperty({ example: '2026-11-30', description: 'The business date its active hours began' }) night: string;
  @ApiProperty({ format: 'date-time' }) windowStart: string;
  @ApiProperty({ format: 'date-time' }) windowEnd: string;
  @ApiProperty({ enum: ROUND_STATUSES }) status: string;
  @ApiProperty() expected: number;
  @ApiProperty({ type: [PatrolScanView] }) scans: PatrolScanView[];
  @ApiProperty({ type: [PatrolMissView] }) misses: PatrolMissView[];
}

export class PatrolComplianceQuery extends ReportPeriodQuery {}

export class ComplianceLineView {
  @ApiProperty({ example: 'NIGHT-W', description: 'The route code, guard or night (business date)' }) key: string;
  @ApiProperty({ example: 9, description: 'Checkpoints expected in the closed rounds' }) expected: number;
  @ApiProperty({ example: 8, description: 'Of them, scanned within the window' }) scanned: number;
  @ApiProperty({ example: 88.9, description: 'scanned / expected in percent, one decimal; 100 when nothing was expected' }) percent: number;
}

export class PatrolComplianceView {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [ComplianceLineView] }) byRoute: ComplianceLineView[];
  @ApiProperty({ type: [ComplianceLineView], description: 'Per guard, over the rounds in which the guard scanned' }) byGuard: ComplianceLineView[];
  @ApiProperty({ type: [ComplianceLineView] }) byNight: ComplianceLineView[];
}

// ---- exceptions ---------------------------------------------------------------------------------------

export class ListSecurityExceptionsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'The business date (for a missed checkpoint: the night); today when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, businessDateOnly) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ enum: SECURITY_EXCEPTION_KINDS }) @IsOptional() @IsIn(SECURITY_EXCEPTION_KINDS) kind?: SecurityExceptionKind;
}

export class SecurityExceptionView {
  @ApiProperty({ enum: SECURITY_EXCEPTION_KINDS }) kind: SecurityExceptionKind;
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) postId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) shiftId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) routeId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) roundId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) checkpointId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The flagged scan' }) scanId: string | null;
  @ApiProperty({ format: 'date-time', description: 'Start of the uncovered time, of the missed window, of the shift, or the time of the scan' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ example: 'Checkpoint CP-A2 of NIGHT-W not scanned between 22:00 and 00:00' }) detail: string;
}
