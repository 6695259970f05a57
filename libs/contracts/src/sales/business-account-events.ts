import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * The online store's business accounts (domain.md, business accounts): buyers, suppliers and service
 * providers registered with their documents and reviewed before they may trade. Purchasing follows the
 * suppliers, shipping the carriers and forwarders; no one has to answer.
 */

export const BUSINESS_ACCOUNT_KINDS = ['buyer', 'supplier', 'service_provider'] as const;
export type BusinessAccountKind = (typeof BUSINESS_ACCOUNT_KINDS)[number];

export class BusinessAccountApprovedData {
  @IsUUID() accountId: string;
  /** `BA-<year>-<n>`. */
  @IsString() @IsNotEmpty() number: string;
  @IsIn(BUSINESS_ACCOUNT_KINDS) kind: BusinessAccountKind;
  /** A service provider's trade (`forwarder`, `carrier`, …); null when not given. */
  @IsOptional() @IsString() subKind: string | null;
  @IsString() @IsNotEmpty() companyName: string;
  /** The unified social credit code (统一社会信用代码), 18 characters. */
  @IsString() @IsNotEmpty() creditCode: string;
  /** A buyer's sales customer; null for suppliers and service providers. */
  @IsOptional() @IsUUID() customerId: string | null;
  /** True when a suspended account was reinstated, false at its first approval. */
  @IsBoolean() reinstated: boolean;
  @IsString() @IsNotEmpty() approvedBy: string;
  @IsISO8601() approvedAt: string;
}

export const BusinessAccountApproved = defineEvent({
  type: 'sales.business-account.approved',
  version: 1,
  source: 'sales',
  payload: BusinessAccountApprovedData,
  description: 'A business account (buyer, supplier or service provider) passed review by someone other than its registrant, or a suspended one was reinstated: it may trade. Purchasing may follow suppliers, shipping carriers.',
});

export class BusinessAccountSuspendedData {
  @IsUUID() accountId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsIn(BUSINESS_ACCOUNT_KINDS) kind: BusinessAccountKind;
  @IsOptional() @IsString() subKind: string | null;
  @IsString() @IsNotEmpty() companyName: string;
  @IsString() @IsNotEmpty() creditCode: string;
  @IsOptional() @IsUUID() customerId: string | null;
  @IsString() @IsNotEmpty() reason: string;
  @IsString() @IsNotEmpty() suspendedBy: string;
  @IsISO8601() suspendedAt: string;
}

export const BusinessAccountSuspended = defineEvent({
  type: 'sales.business-account.suspended',
  version: 1,
  source: 'sales',
  payload: BusinessAccountSuspendedData,
  description: 'An approved business account was suspended with a reason: it may not trade until reinstated (a buyer\'s new orders are refused).',
});
