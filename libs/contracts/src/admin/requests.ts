import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { IsText } from '../text.js';
import { PageQuery } from '../common.js';

export const AUDIT_OUTCOMES = ['done', 'refused', 'rejected', 'failed'] as const;

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ReplayDeadLetterRequest {
  @IsInt() @Min(1) sequence: number;
}

export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Who acted (user id)' }) @IsOptional() @IsText(100) userId?: string;
  @ApiPropertyOptional({ description: 'What was acted on (document id)' }) @IsOptional() @IsText(100) target?: string;
  @ApiPropertyOptional({ example: 'place-order' }) @IsOptional() @IsText(100) command?: string;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, description: 'done; refused (no permission, or a limit); rejected (bad input or a business rule); failed (fault)' })
  @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: (typeof AUDIT_OUTCOMES)[number];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
}
