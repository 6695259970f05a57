import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentSeverity, type IncidentType } from './events.js';
import { IncidentView } from './views.js';

/**
 * An incident's life after it is reported (domain.md §7): acknowledged, investigated by its assignee,
 * resolved and closed; notes and evidence references on the way; serious ones escalated when nobody
 * acknowledges them in time; and the notifications the security desk reads.
 */

export class IncidentIdRequest {
  @IsUUID() id: string;
}

export class AssignIncidentBody {
  @ApiProperty({ example: 'security_guard', description: 'The user id of the person who investigates it' }) @IsText(100) assignee: string;
}
export class AssignIncidentRequest extends AssignIncidentBody {
  @IsUUID() id: string;
}

export class ResolveIncidentBody {
  @ApiProperty({ example: 'Cartons found misplaced on rack A-04; nothing stolen.', description: 'What was found and done' }) @IsText(4000) resolution: string;
}
export class ResolveIncidentRequest extends ResolveIncidentBody {
  @IsUUID() id: string;
}

export class IncidentNoteBody {
  @ApiProperty({ example: 'Spoke with the night keeper; footage of camera-07 held.' }) @IsText(4000) text: string;
}
export class IncidentNoteRequest extends IncidentNoteBody {
  @IsUUID() id: string;
}

export class IncidentEvidenceBody {
  @ApiProperty({
    example: ['camera-07/2026-11-22T01:25Z', 'sha256:9f86d081884c7d65'], description: 'References to evidence (file names, URLs, hashes); nothing is uploaded',
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 500, { each: true })
  references: string[];
}
export class IncidentEvidenceRequest extends IncidentEvidenceBody {
  @IsUUID() id: string;
}

export class IncidentNoteView {
  @ApiProperty() text: string;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** One line of an incident's timeline: a move of its state, or a note in its history. */
export class IncidentTimelineEntryView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'reported' }) from: string;
  @ApiProperty({ example: 'acknowledged' }) to: string;
  @ApiProperty() reason: string;
  @ApiProperty() actor: string;
}

export class IncidentDetailView extends IncidentView {
  @ApiProperty({ type: [IncidentNoteView] }) notes: IncidentNoteView[];
  @ApiProperty({ type: [IncidentTimelineEntryView], description: 'The incident\'s history, oldest first' }) timeline: IncidentTimelineEntryView[];
}

export const NOTIFICATION_KINDS = ['incident_reported', 'incident_escalated', 'visitor_arrived', 'visitor_announced', 'escort_requested'] as const;

export class ListSecurityNotificationsQuery extends PageQuery {}

export class SecurityNotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'security_manager', description: 'The role the notification is for' }) recipientRole: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ example: 'INC-2026-000001: critical fire at MAIN/A-03' }) subject: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The incident, visitor or escort it is about' }) documentId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class IncidentEscalatedData {
  @IsUUID() incidentId: string;
  @IsString() incidentNumber: string;
  @IsIn(INCIDENT_TYPES) type: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity: IncidentSeverity;
  @IsString() location: string;
  @IsISO8601() acknowledgeBy: string;
  @IsISO8601() escalatedAt: string;
  @IsString() escalatedTo: string;
}

export const IncidentEscalated = defineEvent({
  type: 'security.incident.escalated',
  version: 1,
  source: 'security',
  payload: IncidentEscalatedData,
  description:
    'A high or critical incident was not acknowledged within 15 minutes of its report (on the business clock): it goes to the general manager. ' +
    'Published once per incident, however many instances of security run.',
});

export class IncidentClosedData {
  @IsUUID() incidentId: string;
  @IsString() incidentNumber: string;
  @IsIn(INCIDENT_TYPES) type: IncidentType;
  @IsIn(INCIDENT_SEVERITIES) severity: IncidentSeverity;
  @IsString() location: string;
  @IsString() resolution: string;
  @IsString() closedBy: string;
  @IsISO8601() closedAt: string;
}

export const IncidentClosed = defineEvent({
  type: 'security.incident.closed',
  version: 1,
  source: 'security',
  payload: IncidentClosedData,
  description: 'The security manager closed a resolved incident: its resolution is final.',
});
