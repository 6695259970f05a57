import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/** Visitors at the front desk and gate (前臺接待, domain.md §7): checked in with a masked ID, their host told, checked out. */

const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export class CheckInVisitorRequest {
  @ApiProperty({ example: '王芳' }) @IsText(100) name: string;
  @ApiProperty({ example: '310101199001011234', description: 'The ID document number; only its last 4 characters are kept (`**************1234`)' })
  @IsText(40) @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: 'idNumber must be 4 to 40 letters or digits' })
  idNumber: string;
  @ApiProperty({ example: 'sales_manager', description: 'The user id of the person visited' }) @IsText(100) host: string;
  @ApiProperty({ example: 'Contract review' }) @IsText(500) purpose: string;
  @ApiProperty({ example: 'V-017', description: 'The visitor badge handed out' }) @IsText(20) badge: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T08:00:00Z', description: 'When the visitor is expected to leave; after now' }) @IsISO8601({ strict: true }) expectedLeaveAt: string;
}

export class VisitorIdRequest {
  @IsUUID() id: string;
}

export const VISITOR_STATUSES = ['on_site', 'left'] as const;

export class ListVisitorsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Visitors checked in on this business date (Asia/Shanghai): the daily visitor log' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ enum: VISITOR_STATUSES }) @IsOptional() @IsIn(VISITOR_STATUSES) status?: (typeof VISITOR_STATUSES)[number];
}

export class ListOverstaysQuery extends PageQuery {}

export class VisitorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '**************1234', description: 'The ID number masked to its last 4 characters' }) idNumberMasked: string;
  @ApiProperty() host: string;
  @ApiProperty() purpose: string;
  @ApiProperty() badge: string;
  @ApiProperty({ enum: VISITOR_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
  @ApiProperty({ format: 'date-time' }) expectedLeaveAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) checkedOutAt: string | null;
  @ApiProperty({ description: 'Still on site after the expected leave time (business clock)' }) overstaying: boolean;
  @ApiProperty() checkedInBy: string;
}

export class VisitorArrivedData {
  @IsUUID() visitorId: string;
  @IsString() name: string;
  @IsString() host: string;
  @IsString() purpose: string;
  @IsString() badge: string;
  @IsISO8601() arrivedAt: string;
  @IsISO8601() expectedLeaveAt: string;
}

export const VisitorArrived = defineEvent({
  type: 'security.visitor.arrived',
  version: 1,
  source: 'security',
  payload: VisitorArrivedData,
  description: 'A visitor checked in for `host` (a user id): the host is told their visitor is here. The visitor\'s ID number is never published.',
});
