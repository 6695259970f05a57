import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-contract.js';

export const INCIDENT_TYPES = [
  'theft',
  'fire_hazard',
  'fire',
  'fight',
  'intrusion',
  'traffic_accident',
  'equipment_damage',
  'suspicious_person',
  'unauthorized_goods_exit',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export class IncidentReportedData {
  @IsUUID() incidentId: string;
  @IsString() @IsNotEmpty() incidentNumber: string;
  @IsIn(INCIDENT_TYPES) type: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity: IncidentSeverity;
  @IsString() @IsNotEmpty() location: string;
  @IsISO8601() occurredAt: string;
  @IsString() description: string;
  @IsString() @IsNotEmpty() reportedBy: string;
  @IsOptional() @IsArray() @IsString({ each: true }) evidence?: string[];
  /** Cash was lost, short or taken (a till short, a robbery): finance flags it. Absent when no cash is involved. */
  @IsOptional() @IsBoolean() cashInvolved?: boolean;
  /** How much cash, fen, when known. */
  @IsOptional() @IsInt() @Min(0) cashAmountFen?: number;
}

export const IncidentReported = defineEvent({
  type: 'security.incident.reported',
  version: 1,
  source: 'security',
  payload: IncidentReportedData,
  description: 'A new incident: security escalates; inventory opens a recount of the location for theft or damage; finance flags one with `cashInvolved`.',
});
