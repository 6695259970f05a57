import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery, ReportPeriodQuery } from '../common.js';
import { IsText } from '../text.js';
import { RETURN_REASONS, ReturnLineRequest, type ReturnReason } from './returns.js';

/**
 * After-sales service tickets (domain.md, service tickets): inquiries, complaints, return and exchange requests
 * taken by customer service on any channel, with an owner, a deadline on the business clock, an append-only
 * conversation, a resolution and the customer's satisfaction at closing. A return request opens an RMA.
 */
export const SERVICE_TICKET_KINDS = ['inquiry', 'complaint', 'return_request', 'exchange_request'] as const;
export type ServiceTicketKindName = (typeof SERVICE_TICKET_KINDS)[number];
export const SERVICE_TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ServiceTicketStatusName = (typeof SERVICE_TICKET_STATUSES)[number];
export const SERVICE_TICKET_CHANNELS = ['phone', 'online_chat', 'email', 'store', 'wechat'] as const;
export type ServiceTicketChannelName = (typeof SERVICE_TICKET_CHANNELS)[number];
export const NOTE_DIRECTIONS = ['in', 'out'] as const;
export type NoteDirectionName = (typeof NOTE_DIRECTIONS)[number];

export class OpenServiceTicketRequest {
  @ApiProperty({ enum: SERVICE_TICKET_KINDS, example: 'complaint' }) @IsIn(SERVICE_TICKET_KINDS) kind: ServiceTicketKindName;
  @ApiProperty({ enum: SERVICE_TICKET_CHANNELS, example: 'phone' }) @IsIn(SERVICE_TICKET_CHANNELS) channel: ServiceTicketChannelName;
  @ApiProperty({ example: 'Tea arrived with broken seals' }) @IsText(200) subject: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c07', description: 'A sales customer; without it a walk-in inquiry gives `customerName` and `customerPhone`' })
  @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ example: '张先生', description: 'A walk-in\'s name (inquiries only, without `customerId`)' }) @IsOptional() @IsText(100) customerName?: string;
  @ApiPropertyOptional({ example: '13800138000', description: 'A walk-in\'s phone' }) @IsOptional() @IsText(40) customerPhone?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c08', description: 'An order of the customer the ticket is about' })
  @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ example: 'customer_service', description: 'The username who owns the ticket (default: whoever opens it)' }) @IsOptional() @IsText(64) owner?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-03T10:00:00+08:00', description: 'Answer by then (default by kind: inquiry 1 business day, complaint 3, return or exchange 7)' })
  @IsOptional() @IsISO8601({ strict: true }) deadlineAt?: string;
  @ApiPropertyOptional({ example: 'Customer says two boxes of 12 had broken seals', description: 'What the customer said: the first incoming note' }) @IsOptional() @IsText(4000) description?: string;
}

export class ServiceTicketNoteBody {
  @ApiProperty({ enum: NOTE_DIRECTIONS, example: 'out', description: '`in`: the customer said it; `out`: we told the customer (the first sets the first response)' })
  @IsIn(NOTE_DIRECTIONS) direction: NoteDirectionName;
  @ApiProperty({ example: 'Called back: replacement boxes go out tomorrow' }) @IsText(4000) text: string;
}

export class ServiceTicketNoteRequest extends ServiceTicketNoteBody {
  @IsUUID() id: string;
}

export class ResolveServiceTicketBody {
  @ApiProperty({ example: 'Replacement shipped; customer agreed' }) @IsText(2000) resolution: string;
}

export class ResolveServiceTicketRequest extends ResolveServiceTicketBody {
  @IsUUID() id: string;
}

export class CloseServiceTicketBody {
  @ApiProperty({ example: 4, minimum: 1, maximum: 5, description: 'The customer\'s satisfaction, 1 (poor) to 5 (excellent)' }) @IsInt() @Min(1) @Max(5) satisfaction: number;
  @ApiPropertyOptional({ example: 'Quick answer, polite staff' }) @IsOptional() @IsText(2000) feedback?: string;
}

export class CloseServiceTicketRequest extends CloseServiceTicketBody {
  @IsUUID() id: string;
}

export class ReopenServiceTicketBody {
  @ApiProperty({ example: 'The replacement also arrived damaged' }) @IsText(500) reason: string;
}

export class ReopenServiceTicketRequest extends ReopenServiceTicketBody {
  @IsUUID() id: string;
}

export class ReassignServiceTicketBody {
  @ApiProperty({ example: 'sales_rep' }) @IsText(64) owner: string;
  @ApiPropertyOptional({ example: 'Needs the account\'s rep' }) @IsOptional() @IsText(500) reason?: string;
}

export class ReassignServiceTicketRequest extends ReassignServiceTicketBody {
  @IsUUID() id: string;
}

/** The return asked for on a return-request ticket: as `POST /sales/returns`, of the ticket's order. */
export class OpenTicketReturnBody {
  @ApiProperty({ type: [ReturnLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200) lines: ReturnLineRequest[];
  @ApiProperty({ enum: RETURN_REASONS, example: 'quality_problem' }) @IsIn(RETURN_REASONS) reason: ReturnReason;
  @ApiProperty({ example: true, description: 'Whether the goods are faulty; goods that are not (or reason `other`) also need the general manager' }) @IsBoolean() faulty: boolean;
  @ApiPropertyOptional({ example: 'Two boxes arrived with broken seals' }) @IsOptional() @IsText(1000) note?: string;
}

export class OpenTicketReturnRequest extends OpenTicketReturnBody {
  @IsUUID() id: string;
}

export class ListServiceTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SERVICE_TICKET_STATUSES }) @IsOptional() @IsIn(SERVICE_TICKET_STATUSES) status?: ServiceTicketStatusName;
  @ApiPropertyOptional({ enum: SERVICE_TICKET_KINDS }) @IsOptional() @IsIn(SERVICE_TICKET_KINDS) kind?: ServiceTicketKindName;
  @ApiPropertyOptional({ example: 'customer_service' }) @IsOptional() @IsText(64) owner?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: only tickets not resolved by their deadline (open or in progress, deadline passed on the business clock), oldest deadline first' })
  @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class ServiceTicketReportQuery extends ReportPeriodQuery {}

export class ServiceTicketNoteView {
  @ApiProperty({ example: 1 }) noteNo: number;
  @ApiProperty({ enum: NOTE_DIRECTIONS }) direction: NoteDirectionName;
  @ApiProperty({ example: 'Called back' }) text: string;
  @ApiProperty({ example: 'customer_service' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ServiceTicketTimelineView {
  @ApiProperty({ example: 'open' }) from: string;
  @ApiProperty({ example: 'in_progress' }) to: string;
  @ApiProperty({ example: 'first answer to the customer' }) reason: string;
  @ApiProperty({ example: 'customer_service' }) actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** A replacement order raised from a complaint ticket. */
export class TicketReplacementOrderView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000124' }) orderNumber: string;
}

export class ServiceTicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CS-2026-000001' }) number: string;
  @ApiProperty({ enum: SERVICE_TICKET_KINDS }) kind: ServiceTicketKindName;
  @ApiProperty({ enum: SERVICE_TICKET_STATUSES }) status: ServiceTicketStatusName;
  @ApiProperty({ enum: SERVICE_TICKET_CHANNELS }) channel: ServiceTicketChannelName;
  @ApiProperty({ example: 'Tea arrived with broken seals' }) subject: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ example: '晨光贸易' }) customerName: string;
  @ApiProperty({ nullable: true, type: String }) customerPhone: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SO-2026-000042' }) orderNumber: string | null;
  @ApiProperty({ example: 'customer_service' }) owner: string;
  @ApiProperty({ example: 'customer_service' }) openedBy: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ example: false, description: 'Open or in progress with its deadline passed (business clock)' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstResponseAt: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 1.5, description: 'Hours from opening to the first outgoing note' }) firstResponseHours: number | null;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 20.25, description: 'Hours from opening to the (latest) resolution' }) resolutionHours: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 4 }) satisfaction: number | null;
  @ApiProperty({ nullable: true, type: String }) feedback: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) returnId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'RMA-2026-000003' }) rmaNumber: string | null;
  @ApiProperty({ type: [TicketReplacementOrderView], description: 'Replacement orders raised from this complaint, oldest first' }) replacementOrders: TicketReplacementOrderView[];
  @ApiProperty({ type: [ServiceTicketNoteView] }) notes: ServiceTicketNoteView[];
  @ApiPropertyOptional({ type: [ServiceTicketTimelineView] }) timeline?: ServiceTicketTimelineView[];
}

export class DurationStatsView {
  @ApiProperty({ example: 12, description: 'Tickets with a time measured' }) count: number;
  @ApiProperty({ nullable: true, type: Number, example: 3.5 }) averageHours: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2.25 }) medianHours: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 8, description: '90th percentile (nearest rank)' }) p90Hours: number | null;
}

export class ServiceTicketReportRowView {
  @ApiProperty({ example: 'customer_service', description: 'The owner or the kind the row is about' }) key: string;
  @ApiProperty({ example: 14, description: 'Tickets opened in the period' }) tickets: number;
  @ApiProperty({ type: DurationStatsView }) firstResponse: DurationStatsView;
  @ApiProperty({ type: DurationStatsView }) resolution: DurationStatsView;
}

export class ServiceTicketReportView {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: ServiceTicketReportRowView, description: 'All tickets opened in the period (key `all`)' }) overall: ServiceTicketReportRowView;
  @ApiProperty({ type: [ServiceTicketReportRowView] }) byOwner: ServiceTicketReportRowView[];
  @ApiProperty({ type: [ServiceTicketReportRowView] }) byKind: ServiceTicketReportRowView[];
}
