import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentSeverity, type IncidentType } from './events.js';

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INC-2026-000001' }) number: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity: IncidentSeverity;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) evidence: string[];
  @ApiProperty() reportedBy: string;
  @ApiProperty({ enum: ['reported', 'acknowledged', 'investigating', 'resolved', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'High and critical incidents must be acknowledged by then' }) acknowledgeBy: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who investigates it' }) assignee: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it went to the general manager, not acknowledged in time' }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ description: 'Cash was lost, short or taken: finance flags it' }) cashInvolved: boolean;
  @ApiProperty({ nullable: true, type: Number }) cashAmountFen: number | null;
}

export class ExpectedExitView {
  @ApiProperty({ format: 'uuid' }) shipmentId: string;
  @ApiProperty() shipmentNumber: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() carrier: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty() pieces: number;
  @ApiProperty({ enum: ['expected', 'cleared', 'mismatch'] }) status: string;
  @ApiProperty({ format: 'date-time' }) expectedAt: string;
}

export class GateCheckView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GC-2026-000001' }) number: string;
  @ApiProperty() shipmentNumber: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) shipmentId: string | null;
  @ApiProperty() piecesCounted: number;
  @ApiProperty({ nullable: true, type: Number }) piecesExpected: number | null;
  @ApiProperty({ enum: ['cleared', 'mismatch', 'unknown_shipment'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The unauthorized_goods_exit incident a failed check raised' }) incidentId: string | null;
  @ApiProperty() gate: string;
  @ApiProperty({ nullable: true, type: String }) vehicle: string | null;
  @ApiProperty() checkedBy: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

/** Incidents of one type and severity in the period. */
export class IncidentCountView {
  @ApiProperty({ enum: INCIDENT_TYPES, example: 'theft' }) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_SEVERITIES, example: 'high' }) severity: IncidentSeverity;
  @ApiProperty({ example: 2 }) count: number;
}

/** Incidents that occurred in a period: how many, how many still open, and how many of each type and severity. */
export class IncidentSummaryView {
  @ApiProperty({ example: '2026-11-01', description: 'First business date of the period' }) from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last business date of the period' }) to: string;
  @ApiProperty({ example: 5, description: 'Incidents that occurred in the period' }) total: number;
  @ApiProperty({ example: 3, description: 'Of them, those not yet resolved or closed (reported, acknowledged or investigating)' }) open: number;
  @ApiProperty({
    type: [IncidentCountView],
    description: 'Per type and severity, only the combinations that occurred; most first, then by type and from critical to low severity',
  })
  counts: IncidentCountView[];
  @ApiProperty({
    type: 'object', example: { reported: 1, acknowledged: 1, investigating: 1, resolved: 1, closed: 1 },
    properties: { reported: { type: 'integer' }, acknowledged: { type: 'integer' }, investigating: { type: 'integer' }, resolved: { type: 'integer' }, closed: { type: 'integer' } },
    description: 'How many of them are in each state of their life',
  })
  byStatus: Record<'reported' | 'acknowledged' | 'investigating' | 'resolved' | 'closed', number>;
}
