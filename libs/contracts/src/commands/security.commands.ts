import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentSeverity, type IncidentType } from '../events/security.events.js';
import { PageQuery } from './pagination.js';

export const SecurityRpc = {
  reportIncident: 'report-incident',
  listIncidents: 'list-incidents',
  listExpectedExits: 'list-expected-exits',
} as const;

export class ReportIncidentRequest {
  @ApiProperty({ enum: INCIDENT_TYPES, example: 'theft' }) @IsIn(INCIDENT_TYPES) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_SEVERITIES, example: 'high' }) @IsIn(INCIDENT_SEVERITIES) severity: IncidentSeverity;
  @ApiProperty({ example: 'MAIN/A-03', description: 'Where it happened; a warehouse location as WAREHOUSE/LOCATION' }) @IsString() @Length(1, 100) location: string;
  @ApiPropertyOptional({ example: '2026-11-22T01:30:00Z', description: 'When it happened (defaults to now)' }) @IsOptional() @IsISO8601() occurredAt?: string;
  @ApiProperty({ example: 'Two cartons missing from rack A-03 at the night patrol.' }) @IsString() @Length(1, 4000) description: string;
  @ApiPropertyOptional({ example: ['camera-07/2026-11-22T01:25Z'], description: 'Evidence references (footage, photos)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) evidence?: string[];
}

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_TYPES }) @IsOptional() @IsIn(INCIDENT_TYPES) type?: IncidentType;
}

export class ListExpectedExitsQuery extends PageQuery {}
