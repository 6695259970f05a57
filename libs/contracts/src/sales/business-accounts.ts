import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { BUSINESS_ACCOUNT_KINDS, type BusinessAccountKind } from './business-account-events.js';

/**
 * Business accounts of the online store (domain.md, business accounts): buyers (each a sales customer),
 * suppliers and service providers, registered with their unified social credit code and documents, reviewed
 * by someone other than the registrant before they may trade, suspended and reinstated with a reason.
 */
export const BUSINESS_ACCOUNT_STATUSES = ['pending_review', 'approved', 'rejected', 'suspended'] as const;
export type BusinessAccountStatusName = (typeof BUSINESS_ACCOUNT_STATUSES)[number];

/** The shape of a unified social credit code: 18 characters, digits and capitals without I, O, S, V, Z; characters 3–8 the region's digits. */
export const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const SUB_KIND = /^[a-z][a-z0-9_]{1,31}$/;

export class BusinessDocumentBody {
  @ApiProperty({ example: 'business_licence', description: 'What the document is: `business_licence`, `tax_registration`, `bank_account_proof`, …' })
  @Matches(SUB_KIND, { message: 'kind must be a lower-case word (letters, digits, underscores)' }) kind: string;
  @ApiProperty({ example: 'DMS-2026-004211', description: 'Where the document is kept (a document store reference, a file number)' }) @IsText(200) reference: string;
}

export class RegisterBusinessAccountRequest {
  @ApiProperty({ enum: BUSINESS_ACCOUNT_KINDS, example: 'buyer' }) @IsIn(BUSINESS_ACCOUNT_KINDS) kind: BusinessAccountKind;
  @ApiPropertyOptional({ example: 'carrier', description: 'A service provider\'s trade: `forwarder`, `carrier`, …' })
  @IsOptional() @Matches(SUB_KIND, { message: 'subKind must be a lower-case word (letters, digits, underscores)' }) subKind?: string;
  @ApiProperty({ example: '晨光贸易有限公司' }) @IsText(200) companyName: string;
  @ApiProperty({ example: '91350100M000100Y43', description: 'Unified social credit code (统一社会信用代码): 18 characters' })
  @Matches(CREDIT_CODE_SHAPE, { message: 'creditCode must be a unified social credit code: 18 digits and capitals (no I, O, S, V, Z)' }) creditCode: string;
  @ApiProperty({ example: '王丽' }) @IsText(100) contactName: string;
  @ApiProperty({ example: '13800138000' }) @IsText(40) contactPhone: string;
  @ApiPropertyOptional({ example: 'wangli@example.com' }) @IsOptional() @IsEmail() contactEmail?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0199c3a2-7b1e-7c4d-9a51-5f2e8d3b1c07', description: 'A buyer\'s sales customer (required for a buyer, refused for the others)' })
  @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ type: [BusinessDocumentBody] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => BusinessDocumentBody) documents?: BusinessDocumentBody[];
}

export class BusinessAccountReasonBody {
  @ApiProperty({ example: 'Business licence expired in October' }) @IsText(500) reason: string;
}

export class BusinessAccountReasonRequest extends BusinessAccountReasonBody {
  @IsUUID() id: string;
}

export class ListBusinessAccountsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BUSINESS_ACCOUNT_STATUSES }) @IsOptional() @IsIn(BUSINESS_ACCOUNT_STATUSES) status?: BusinessAccountStatusName;
  @ApiPropertyOptional({ enum: BUSINESS_ACCOUNT_KINDS }) @IsOptional() @IsIn(BUSINESS_ACCOUNT_KINDS) kind?: BusinessAccountKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

export class BusinessDocumentView {
  @ApiProperty({ example: 'business_licence' }) kind: string;
  @ApiProperty({ example: 'DMS-2026-004211' }) reference: string;
}

export class BusinessAccountTimelineView {
  @ApiProperty({ example: 'pending_review' }) from: string;
  @ApiProperty({ example: 'approved' }) to: string;
  @ApiProperty({ example: 'approved by ecommerce_operator' }) reason: string;
  @ApiProperty({ example: 'ecommerce_operator' }) actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class BusinessAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BA-2026-000001' }) number: string;
  @ApiProperty({ enum: BUSINESS_ACCOUNT_KINDS }) kind: BusinessAccountKind;
  @ApiProperty({ nullable: true, type: String, example: 'carrier' }) subKind: string | null;
  @ApiProperty({ enum: BUSINESS_ACCOUNT_STATUSES }) status: BusinessAccountStatusName;
  @ApiProperty({ example: '晨光贸易有限公司' }) companyName: string;
  @ApiProperty({ example: '91350100M000100Y43' }) creditCode: string;
  @ApiProperty({ example: '王丽' }) contactName: string;
  @ApiProperty({ example: '13800138000' }) contactPhone: string;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ nullable: true, type: String }) customerName: string | null;
  @ApiProperty({ type: [BusinessDocumentView] }) documents: BusinessDocumentView[];
  @ApiProperty({ example: 'customer_service' }) registeredBy: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ nullable: true, type: String }) reviewedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected, suspended or reinstated (the latest decision)' }) decisionReason: string | null;
  @ApiPropertyOptional({ type: [BusinessAccountTimelineView] }) timeline?: BusinessAccountTimelineView[];
}
