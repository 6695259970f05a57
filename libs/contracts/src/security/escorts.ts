import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** Cash escorts (domain.md §7): finance asks for one with each run of cash to the bank; a captain sends at least two guards. */

export const ESCORT_STATUSES = ['requested', 'assigned', 'departed', 'completed'] as const;

export class EscortIdRequest {
  @IsUUID() id: string;
}

export class AssignEscortBody {
  @ApiProperty({ example: ['security_guard', 'guard_2'], description: 'User ids of the guards; at least 2, all different' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @IsString({ each: true }) @Length(1, 100, { each: true })
  guards: string[];
}
export class AssignEscortRequest extends AssignEscortBody {
  @IsUUID() id: string;
}

export class ListEscortsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ESCORT_STATUSES }) @IsOptional() @IsIn(ESCORT_STATUSES) status?: (typeof ESCORT_STATUSES)[number];
}

export class ListEscortExceptionsQuery extends PageQuery {}

export class EscortView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Finance\'s deposit run' }) depositId: string;
  @ApiProperty({ example: 40_000 }) amountFen: number;
  @ApiProperty() bank: string;
  @ApiProperty({ format: 'date-time' }) plannedAt: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ enum: ESCORT_STATUSES }) status: string;
  @ApiProperty({ type: [String] }) guards: string[];
  @ApiProperty({ nullable: true, type: String }) assignedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) departedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) arrivedAt: string | null;
  @ApiProperty({ description: 'Not started by its planned time (business clock)' }) late: boolean;
}

export class EscortDepartedData {
  @IsUUID() escortId: string;
  @IsUUID() depositId: string;
  @IsArray() @IsString({ each: true }) guards: string[];
  @IsInt() amountFen: number;
  @IsISO8601() departedAt: string;
}

export const EscortDeparted = defineEvent({
  type: 'security.escort.departed',
  version: 1,
  source: 'security',
  payload: EscortDepartedData,
  description: 'A cash escort left for the bank with its guards.',
});

export class EscortCompletedData {
  @IsUUID() escortId: string;
  @IsUUID() depositId: string;
  @IsArray() @IsString({ each: true }) guards: string[];
  @IsInt() amountFen: number;
  @IsISO8601() departedAt: string;
  @IsISO8601() arrivedAt: string;
}

export const EscortCompleted = defineEvent({
  type: 'security.escort.completed',
  version: 1,
  source: 'security',
  payload: EscortCompletedData,
  description: 'A cash escort arrived at the bank: the cash of finance\'s deposit run (`depositId`) was handed over under escort.',
});
