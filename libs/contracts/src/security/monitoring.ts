import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * The monitoring room (安防监控室, domain.md §7): the operators' duty log and its handover, the camera
 * sweeps, and footage held for an incident — kept until its release date, viewed only by monitoring
 * operators and the security manager, each view logged.
 */

const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export class DutyLogEntryRequest {
  @ApiProperty({ example: 'Gate 2 barrier stuck open 02:10–02:25; maintenance called.' }) @IsText(2000) entry: string;
  @ApiPropertyOptional({ example: 'camera-07', description: 'The camera the entry concerns' }) @IsOptional() @IsText(60) camera?: string;
}

export class ListDutyLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Entries of this business date (Asia/Shanghai)' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date?: string;
}

export class DutyLogEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() entry: string;
  @ApiProperty({ nullable: true, type: String }) camera: string | null;
  @ApiProperty() operator: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class DutyHandoverRequest {
  @ApiProperty({ example: 'monitoring_operator_2', description: 'The user id of the operator taking over' }) @IsText(100) toOperator: string;
  @ApiProperty({ example: 'Camera-12 offline since 03:00, ticket raised; footage of INC-2026-000004 held.' }) @IsText(4000) notes: string;
}

export class DutyHandoverIdRequest {
  @IsUUID() id: string;
}

export const DUTY_HANDOVER_STATUSES = ['pending', 'confirmed'] as const;

export class ListDutyHandoversQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DUTY_HANDOVER_STATUSES }) @IsOptional() @IsIn(DUTY_HANDOVER_STATUSES) status?: (typeof DUTY_HANDOVER_STATUSES)[number];
}

export class DutyHandoverView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The operator handing over (first confirmation)' }) fromOperator: string;
  @ApiProperty({ description: 'The operator taking over (second confirmation)' }) toOperator: string;
  @ApiProperty() notes: string;
  @ApiProperty({ enum: DUTY_HANDOVER_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) handedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
}

export const SWEEP_RESULTS = ['ok', 'fault', 'obstructed', 'suspicious'] as const;

export class CameraSweepRequest {
  @ApiProperty({ example: 'camera-07' }) @IsText(60) camera: string;
  @ApiProperty({ enum: SWEEP_RESULTS, example: 'ok' }) @IsIn(SWEEP_RESULTS) result: (typeof SWEEP_RESULTS)[number];
  @ApiPropertyOptional({ example: 'Lens fogged' }) @IsOptional() @IsText(1000) note?: string;
}

export class ListCameraSweepsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'camera-07' }) @IsOptional() @IsText(60) camera?: string;
  @ApiPropertyOptional({ enum: SWEEP_RESULTS }) @IsOptional() @IsIn(SWEEP_RESULTS) result?: (typeof SWEEP_RESULTS)[number];
}

export class CameraSweepView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() camera: string;
  @ApiProperty({ enum: SWEEP_RESULTS }) result: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() operator: string;
  @ApiProperty({ format: 'date-time' }) sweptAt: string;
}

export class FootageHoldRequest {
  @ApiProperty({ example: 'camera-07' }) @IsText(60) camera: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-22T01:00:00Z', description: 'Start of the footage held' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-22T02:00:00Z', description: 'End of the footage held; after `from`' }) @IsISO8601({ strict: true }) to: string;
  @ApiProperty({ example: 'Theft at rack A-03' }) @IsText(1000) reason: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b', description: 'The incident the footage is evidence for' }) @IsOptional() @IsUUID() incidentId?: string;
  @ApiProperty({ format: 'date-time', example: '2027-02-22T00:00:00Z', description: 'Kept at least until then; in the future' }) @IsISO8601({ strict: true }) heldUntil: string;
}

export class FootageHoldIdRequest {
  @IsUUID() id: string;
}

export class ListFootageHoldViewsRequest extends PageQuery {
  @IsUUID() id: string;
}
export class ListFootageHoldViewsQuery extends PageQuery {}

export const FOOTAGE_HOLD_STATUSES = ['held', 'released'] as const;

export class ListFootageHoldsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FOOTAGE_HOLD_STATUSES }) @IsOptional() @IsIn(FOOTAGE_HOLD_STATUSES) status?: (typeof FOOTAGE_HOLD_STATUSES)[number];
}

export class FootageHoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() camera: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) incidentId: string | null;
  @ApiProperty({ format: 'date-time' }) heldUntil: string;
  @ApiProperty({ enum: FOOTAGE_HOLD_STATUSES }) status: string;
  @ApiProperty() heldBy: string;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
  @ApiProperty({ nullable: true, type: String }) releasedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) releasedAt: string | null;
}

/** One logged view of a footage hold: who, when, which. */
export class FootageHoldViewingView {
  @ApiProperty({ format: 'uuid' }) holdId: string;
  @ApiProperty() viewer: string;
  @ApiProperty({ type: [String] }) viewerRoles: string[];
  @ApiProperty({ format: 'date-time' }) viewedAt: string;
}
