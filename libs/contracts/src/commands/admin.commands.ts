import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every service answers these, for its own consumers' dead letters. */
export const AdminRpc = {
  listDeadLetters: 'admin.list-dead-letters',
  replayDeadLetter: 'admin.replay-dead-letter',
} as const;

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ReplayDeadLetterRequest {
  @IsInt() @Min(1) sequence: number;
}
