import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * Returns (RMA, domain.md §4): a customer sends shipped goods back. Sales records and approves the return,
 * inventory receives and inspects the goods, sales records the investigation, finance credits the customer.
 */
export const RETURN_REASONS = ['quality_problem', 'wrong_goods', 'transport_damage', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_STATUSES = ['requested', 'manager_approved', 'vp_approved', 'approved', 'goods_received', 'investigated', 'closed', 'rejected', 'cancelled'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_APPROVAL_LEVELS = ['sales_manager', 'sales_vp', 'general_manager'] as const;

// ---- requests ----

export class ReturnLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'A SKU the order shipped' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1, description: 'Positive whole number, at most what was shipped of the SKU less what earlier returns of the order claim' })
  @IsInt() @Min(1) @Max(1_000_000) quantity: number;
}

export class RequestReturnRequest {
  @ApiProperty({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c07', description: 'The shipped (or delivered) order the goods came with' }) @IsUUID() orderId: string;
  @ApiProperty({ type: [ReturnLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: ReturnLineRequest[];
  @ApiProperty({ enum: RETURN_REASONS, example: 'quality_problem' }) @IsIn(RETURN_REASONS) reason: ReturnReason;
  @ApiProperty({ example: true, description: 'Whether the goods are faulty; goods that are not (or reason `other`) also need the general manager' }) @IsBoolean() faulty: boolean;
  @ApiPropertyOptional({ example: 'Two boxes arrived with broken seals' }) @IsOptional() @IsText(1000) note?: string;
}

export class ListReturnsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RETURN_STATUSES }) @IsOptional() @IsIn(RETURN_STATUSES) status?: ReturnStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

export class RejectReturnBody {
  @ApiProperty({ example: 'Goods used beyond the trial period' }) @IsText(500) reason: string;
}

export class RejectReturnRequest extends RejectReturnBody {
  @IsUUID() id: string;
}

export class CancelReturnBody {
  @ApiProperty({ example: 'Customer keeps the goods after all' }) @IsText(500) reason: string;
}

export class CancelReturnRequest extends CancelReturnBody {
  @IsUUID() id: string;
}

export class ReturnInvestigationBody {
  @ApiProperty({ example: 'Seals broken in transit; carrier liable' }) @IsText(2000) findings: string;
  @ApiProperty({ example: 12_800, minimum: 0, description: 'What the company will claim from a carrier or supplier, in fen (may be 0)' })
  @IsInt() @Min(0) @Max(100_000_000_000_00) claimFen: number;
}

export class ReturnInvestigationRequest extends ReturnInvestigationBody {
  @IsUUID() id: string;
}

// ---- views ----

export class ReturnLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 2, description: 'Asked to return' }) quantity: number;
  @ApiProperty({ example: 12_800, description: 'The order line\'s price after discount, in fen' }) unitPriceFen: number;
  @ApiProperty({ example: 5, description: 'Shipped of the SKU on the order when the return was requested' }) shippedQuantity: number;
  @ApiProperty({ example: 1, description: 'Claimed by earlier returns of the order (not rejected or cancelled) when this one was requested' }) previouslyReturnedQuantity: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Counted by the warehouse' }) receivedQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Passed inspection: back to sellable stock, credited to the customer' }) acceptedQuantity: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Failed inspection: to quarantine' }) rejectedQuantity: number | null;
}

export class ReturnApprovalView {
  @ApiProperty({ enum: RETURN_APPROVAL_LEVELS }) level: string;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReturnInvestigationView {
  @ApiProperty() findings: string;
  @ApiProperty() claimFen: number;
  @ApiProperty({ description: 'Σ accepted × unit price: what the customer is credited' }) creditFen: number;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReturnTimelineView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReturnView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RMA-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: RETURN_STATUSES, description: 'requested → manager_approved → (vp_approved →) approved → goods_received → investigated → closed; rejected; cancelled' }) status: string;
  @ApiProperty({ enum: RETURN_REASONS }) reason: string;
  @ApiProperty() faulty: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: [ReturnLineView] }) lines: ReturnLineView[];
  @ApiProperty({ enum: RETURN_APPROVAL_LEVELS, isArray: true, description: 'The steps this return needs, in order' }) requiredLevels: string[];
  @ApiProperty({ nullable: true, type: String, enum: RETURN_APPROVAL_LEVELS, description: 'The step it waits for, if any' }) pendingLevel: string | null;
  @ApiProperty({ type: [ReturnApprovalView] }) approvals: ReturnApprovalView[];
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected or cancelled' }) decisionNote: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: ReturnInvestigationView }) investigation: ReturnInvestigationView | null;
  @ApiProperty({ nullable: true, type: String, example: 'CN-2026-000001' }) creditNoteNumber: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Part of the credit paid back to the customer' }) refundFen: number | null;
  @ApiPropertyOptional({ type: [ReturnTimelineView], description: 'Every transition, oldest first (when one return is read)' }) timeline?: ReturnTimelineView[];
}

// ---- events ----

export class ReturnApprovedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsInt() @Min(0) unitPriceFen: number;
}

export class ReturnApprovedData {
  @IsUUID() returnId: string;
  @IsString() @IsNotEmpty() returnNumber: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnApprovedLineData) @ArrayMinSize(1) lines: ReturnApprovedLineData[];
}

export const ReturnApproved = defineEvent({
  type: 'sales.return.approved',
  version: 1,
  source: 'sales',
  payload: ReturnApprovedData,
  description: 'A return was approved at its last step: inventory expects the goods back.',
});

export class ReturnInvestigatedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(0) acceptedQuantity: number;
  @IsInt() @Min(0) unitPriceFen: number;
  @IsInt() @Min(0) amountFen: number;
}

export class ReturnInvestigatedData {
  @IsUUID() returnId: string;
  @IsString() @IsNotEmpty() returnNumber: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(0) creditFen: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReturnInvestigatedLineData) lines: ReturnInvestigatedLineData[];
}

export const ReturnInvestigated = defineEvent({
  type: 'sales.return.investigated',
  version: 1,
  source: 'sales',
  payload: ReturnInvestigatedData,
  description: 'A sales manager recorded the investigation of returned goods: finance credits the customer for the accepted goods (creditFen).',
});
