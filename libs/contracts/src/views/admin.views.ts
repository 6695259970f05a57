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
