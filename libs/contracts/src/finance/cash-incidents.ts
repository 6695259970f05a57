import { ApiProperty } from '@nestjs/swagger';
import { FINANCE } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { PageQuery } from '../common.js';

/** Cash incidents (domain.md §7): security reports an incident with cash involved (a till short, a robbery), and finance keeps a flag of it to follow up. */

export class ListCashIncidentsQuery extends PageQuery {}

export class CashIncidentView {
  @ApiProperty({ format: 'uuid', description: 'Security\'s incident' }) incidentId: string;
  @ApiProperty({ example: 'INC-2026-000001' }) incidentNumber: string;
  @ApiProperty({ example: 'theft' }) type: string;
  @ApiProperty({ example: 'high' }) severity: string;
  @ApiProperty() location: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() description: string;
  @ApiProperty() reportedBy: string;
  @ApiProperty({ nullable: true, type: Number, example: 120_000, description: 'How much cash, fen, when security knew' }) cashAmountFen: number | null;
  @ApiProperty({ format: 'date-time', description: 'When finance heard of it' }) flaggedAt: string;
}

export const FINANCE_CASH_INCIDENT_OPERATIONS = {
  listCashIncidents: {
    kind: 'query', roles: [...FINANCE, 'general_manager'], request: ListCashIncidentsQuery,
    http: { method: 'GET', path: 'finance/cash-incidents' },
    answers: pageOf(CashIncidentView), summary: 'Cash incidents security reported, newest first',
    description: 'Every `security.incident.reported` with `cashInvolved` (a till short, a robbery) is flagged here once, for finance to follow up.',
  },
} satisfies Record<string, OperationSpec>;
