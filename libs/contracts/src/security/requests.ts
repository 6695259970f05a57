import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
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
}

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_TYPES }) @IsOptional() @IsIn(INCIDENT_TYPES) type?: IncidentType;
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
