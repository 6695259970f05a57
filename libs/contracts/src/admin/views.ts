import { ApiProperty } from '@nestjs/swagger';

export class DeadLetterView {
  @ApiProperty({ description: 'Sequence in the dead-letter stream; pass it to replay' }) sequence: number;
  @ApiProperty({ example: 'reserve-stock' }) consumer: string;
  @ApiProperty({ example: 'sales.order.placed.v1' }) subject: string;
  @ApiProperty({ description: 'Why the last delivery failed' }) failure: string;
  @ApiProperty() deliveries: number;
  @ApiProperty({ format: 'date-time' }) deadLetteredAt: string;
  @ApiProperty({ description: 'The event envelope as received', type: 'object', additionalProperties: true }) event: unknown;
}

export class ReplayOutcomeView {
  @ApiProperty() replayed: boolean;
  @ApiProperty({ description: 'The consumer had already applied the event; nothing changed' }) alreadyApplied: boolean;
}

export class AuditEntryView {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ type: [String] }) actorRoles: string[];
  @ApiProperty({ example: 'place-order' }) command: string;
  @ApiProperty({ nullable: true, type: String, description: 'The document acted on' }) target: string | null;
  @ApiProperty() requestId: string;
  @ApiProperty({ enum: ['done', 'refused', 'rejected', 'failed'], description: 'done; refused (no permission); rejected (bad input or a business rule); failed (fault)' }) outcome: string;
  @ApiProperty({ example: 201 }) status: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Request and result summary (before/after)' }) summary: Record<string, unknown>;
}
