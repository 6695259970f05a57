import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { REFERRAL_PAYMENT_METHODS, type ReferralPaymentMethod } from './referral-events.js';

/**
 * Referral rewards in sales (老带新, domain.md): requested by a rep for the new customer's first placed order within
 * the deadline (a late request is recorded void, `request-after-deadline`), confirmed by the rep and then a sales
 * manager (a different person), sent to finance, paid or credited there. The rule is services/sales/src/domain/referral-reward.ts.
 */
export const REFERRAL_REWARD_STATUSES = ['requested', 'rep_confirmed', 'manager_confirmed', 'paid', 'credited', 'void'] as const;
export type ReferralRewardStatusName = (typeof REFERRAL_REWARD_STATUSES)[number];

export class RequestReferralRewardRequest {
  @ApiProperty({ format: 'uuid', example: '0193a6b2-7c1e-7000-8000-000000000001', description: 'The existing customer who brought the new one' })
  @IsUUID() referrerId: string;
  @ApiProperty({ format: 'uuid', example: '0193a6b2-7c1e-7000-8000-000000000002', description: 'The new customer' })
  @IsUUID() newCustomerId: string;
  @ApiProperty({ format: 'uuid', example: '0193a6b2-7c1e-7000-8000-000000000003', description: 'The new customer\'s first placed order' })
  @IsUUID() orderId: string;
  @ApiPropertyOptional({ example: '王总介绍的朋友', description: 'A note for the approvers' })
  @IsOptional() @IsText(500) note?: string;
}

export class ReferralReasonBody {
  @ApiProperty({ example: 'The two customers are the same company' }) @IsText(500) reason: string;
}

export class VoidReferralRewardRequest extends ReferralReasonBody {
  @IsUUID() id: string;
}

export class ListReferralRewardsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_REWARD_STATUSES, example: 'requested' }) @IsOptional() @IsIn(REFERRAL_REWARD_STATUSES) status?: ReferralRewardStatusName;
  @ApiPropertyOptional({ format: 'uuid', example: '0193a6b2-7c1e-7000-8000-000000000001', description: 'Rewards of this referrer' })
  @IsOptional() @IsUUID() referrerId?: string;
}

export class ReferralRewardView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RR-2026-000001' }) number: string;
  @ApiProperty({ enum: REFERRAL_REWARD_STATUSES }) status: ReferralRewardStatusName;
  @ApiProperty({ format: 'uuid' }) referrerId: string;
  @ApiProperty({ example: '晨光贸易' }) referrerName: string;
  @ApiProperty({ format: 'uuid' }) newCustomerId: string;
  @ApiProperty({ example: '新华商行' }) newCustomerName: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000042' }) orderNumber: string;
  @ApiProperty({ example: 200000 }) orderTotalFen: number;
  @ApiProperty({ format: 'date-time' }) orderPlacedAt: string;
  @ApiProperty({ example: 6000, description: 'The reward by the policy: a share of the order total, capped' }) amountFen: number;
  @ApiProperty({ example: '2026-12-31', description: 'The last business date the reward could be requested' }) deadline: string;
  @ApiProperty({ nullable: true, type: String, example: '王总介绍的朋友' }) note: string | null;
  @ApiProperty({ example: 'sales_rep' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'sales_rep' }) repConfirmedBy: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'sales_manager' }) managerConfirmedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'request-after-deadline', description: '`request-after-deadline`, or why the referral proved false' }) voidReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'sales_manager', description: 'Who voided it: a sales manager, finance\'s checker, or `system` for a late request' }) voidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, enum: REFERRAL_PAYMENT_METHODS }) paymentMethod: ReferralPaymentMethod | null;
  @ApiProperty({ nullable: true, type: String, example: 'JE-2026-000120' }) journalEntryNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
}
