import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsText } from '../text.js';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentSeverity, type IncidentType } from './events.js';
import { PageQuery, ReportPeriodQuery } from '../common.js';

export class ReportIncidentRequest {
  @ApiProperty({ enum: INCIDENT_TYPES, example: 'theft' }) @IsIn(INCIDENT_TYPES) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_SEVERITIES, example: 'high' }) @IsIn(INCIDENT_SEVERITIES) severity: IncidentSeverity;
  @ApiProperty({ example: 'MAIN/A-03', description: 'Where it happened; a warehouse location as WAREHOUSE/LOCATION' }) @IsText(100) location: string;
  @ApiPropertyOptional({ example: '2026-11-22T01:30:00Z', description: 'When it happened (defaults to now)' }) @IsOptional() @IsISO8601() occurredAt?: string;
  @ApiProperty({ example: 'Two cartons missing from rack A-03 at the night patrol.' }) @IsText(4000) description: string;
  @ApiPropertyOptional({ example: ['camera-07/2026-11-22T01:25Z'], description: 'Evidence references (footage, photos)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) evidence?: string[];
  @ApiPropertyOptional({ example: true, description: 'Cash was lost, short or taken (a till short, a robbery): finance flags the incident' })
  @IsOptional() @IsBoolean() cashInvolved?: boolean;
  @ApiPropertyOptional({ example: 120_000, minimum: 0, description: 'How much cash, fen, when known; only with `cashInvolved`' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_00) cashAmountFen?: number;
}

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_TYPES }) @IsOptional() @IsIn(INCIDENT_TYPES) type?: IncidentType;
  @ApiPropertyOptional({ enum: ['reported', 'acknowledged', 'investigating', 'resolved', 'closed'] })
  @IsOptional() @IsIn(['reported', 'acknowledged', 'investigating', 'resolved', 'closed']) status?: string;
  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES }) @IsOptional() @IsIn(INCIDENT_SEVERITIES) severity?: IncidentSeverity;
  @ApiPropertyOptional({ description: 'The user id of the assignee' }) @IsOptional() @IsText(100) assignee?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'Reported on or after this business date (Asia/Shanghai)' })
  @IsOptional() @Matches(/^[12]\d{3}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Reported on or before this business date (Asia/Shanghai)' })
  @IsOptional() @Matches(/^[12]\d{3}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) to?: string;
}

export class ListExpectedExitsQuery extends PageQuery {}

export class RecordGateCheckRequest {
  @ApiProperty({ example: 'SH-2026-000001', description: 'The shipment number on the papers the driver shows' }) @IsText(64) shipmentNumber: string;
  @ApiProperty({ example: 2, minimum: 0, description: 'Pieces the guard counted on the vehicle' }) @IsInt() @Min(0) @Max(100_000) piecesCounted: number;
  @ApiPropertyOptional({ example: '沪A·12345' }) @IsOptional() @IsText(40) vehicle?: string;
  @ApiPropertyOptional({ example: 'Gate 1' }) @IsOptional() @IsText(100) gate?: string;
}

export class ListGateChecksQuery extends PageQuery {}

/** The period of the security dashboard's incident summary (`from`, `to`: business dates; the 30 days ending today by default). */
export class IncidentSummaryQuery extends ReportPeriodQuery {}
