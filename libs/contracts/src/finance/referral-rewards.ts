import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import type { Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest, PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { REFERRAL_PAYMENT_METHODS, type ReferralPaymentMethod } from '../sales/referral-events.js';

/**
 * Referral rewards in finance (老带新, domain.md; events in sales/referral-events.ts): each reward sales confirmed
 * (`sales.referral-reward.confirmed`) is checked by an accountant or the finance manager — approved, or rejected as
 * false (`finance.referral-reward.rejected`) — and then paid by a cashier or the finance manager in cash, by transfer,
 * or credited to the referrer's prepayment (`finance.referral-reward.paid`). Rules: services/finance/src/domain/referral-reward.ts.
 */
export const FINANCE_REFERRAL_STATUSES = ['to_check', 'approved', 'rejected', 'paid', 'credited'] as const;
export type FinanceReferralStatusName = (typeof FINANCE_REFERRAL_STATUSES)[number];

export class RejectReferralRewardBody {
  @ApiProperty({ example: 'The new customer is the referrer\'s own branch' }) @IsText(500) reason: string;
}

export class RejectReferralRewardRequest extends RejectReferralRewardBody {
  @IsUUID() id: string;
}

export class PayReferralRewardBody {
  @ApiProperty({ enum: REFERRAL_PAYMENT_METHODS, example: 'transfer', description: '`cash` (1001), `transfer` (1002, with the bank reference) or `credit` to the referrer\'s prepayment (2203)' })
  @IsIn(REFERRAL_PAYMENT_METHODS) method: ReferralPaymentMethod;
  @ApiPropertyOptional({ example: 'ICBC-20261201-0042', description: 'Required for a transfer' })
  @ValidateIf((b: PayReferralRewardBody) => b.method === 'transfer' || b.bankReference !== undefined) @IsText(64) bankReference?: string;
}

export class PayReferralRewardRequest extends PayReferralRewardBody {
  @IsUUID() id: string;
}

export class ListFinanceReferralRewardsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINANCE_REFERRAL_STATUSES, example: 'to_check' }) @IsOptional() @IsIn(FINANCE_REFERRAL_STATUSES) status?: FinanceReferralStatusName;
}

export class FinanceReferralRewardView {
  @ApiProperty({ format: 'uuid', description: 'The reward\'s id in sales' }) id: string;
  @ApiProperty({ example: 'RR-2026-000001' }) number: string;
  @ApiProperty({ enum: FINANCE_REFERRAL_STATUSES }) status: FinanceReferralStatusName;
  @ApiProperty({ format: 'uuid' }) referrerId: string;
  @ApiProperty({ example: '晨光贸易' }) referrerName: string;
  @ApiProperty({ format: 'uuid' }) newCustomerId: string;
  @ApiProperty({ example: '新华商行' }) newCustomerName: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000042' }) orderNumber: string;
  @ApiProperty({ example: 200000 }) orderTotalFen: number;
  @ApiProperty({ example: 6000 }) amountFen: number;
  @ApiProperty({ example: 'sales_rep' }) requestedBy: string;
  @ApiProperty({ example: 'sales_manager' }) managerConfirmedBy: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'accountant' }) checkedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) checkedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'The new customer is the referrer\'s own branch' }) rejectReason: string | null;
  @ApiProperty({ nullable: true, type: String, enum: REFERRAL_PAYMENT_METHODS }) method: ReferralPaymentMethod | null;
  @ApiProperty({ nullable: true, type: String, example: 'ICBC-20261201-0042' }) bankReference: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'cashier' }) paidBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'JE-2026-000120' }) journalEntryNumber: string | null;
}

const CHECKERS: readonly Role[] = ['accountant', 'finance_manager'];
const PAYERS: readonly Role[] = ['cashier', 'finance_manager'];

export const FINANCE_REFERRAL_REWARD_OPERATIONS = {
  listFinanceReferralRewards: {
    kind: 'query', roles: ['cashier', 'accountant', 'finance_manager', 'general_manager'], request: ListFinanceReferralRewardsQuery,
    http: { method: 'GET', path: 'finance/referral-rewards' },
    answers: pageOf(FinanceReferralRewardView), summary: 'Referral rewards sales confirmed, to check and pay, newest first (CSV too)',
  },
  approveReferralReward: {
    kind: 'command', roles: CHECKERS, request: IdRequest,
    http: { method: 'POST', path: 'finance/referral-rewards/:id/approve' },
    answers: FinanceReferralRewardView, summary: 'Finance\'s check passes a referral reward: a cashier may pay it',
    errors: [404, { status: 409, description: 'Checked already (`finance-referral-reward-transition-refused`)' }],
  },
  rejectReferralReward: {
    kind: 'command', roles: CHECKERS, request: RejectReferralRewardRequest,
    http: { method: 'POST', path: 'finance/referral-rewards/:id/reject', body: RejectReferralRewardBody },
    answers: FinanceReferralRewardView, summary: 'Finance\'s check finds the referral false: sales marks the reward void with the reason',
    errors: [404, { status: 409, description: 'Checked already (`finance-referral-reward-transition-refused`)' }],
    description: 'Publishes `finance.referral-reward.rejected`; nothing is booked.',
  },
  payReferralReward: {
    kind: 'command', roles: PAYERS, request: PayReferralRewardRequest,
    http: { method: 'POST', path: 'finance/referral-rewards/:id/pay', body: PayReferralRewardBody },
    answers: FinanceReferralRewardView, summary: 'Pay an approved referral reward in cash or by transfer, or credit it to the referrer\'s prepayment',
    rolesNote: 'Never the person who checked it (`referral-check-and-pay`, 403).',
    errors: [
      404,
      { status: 403, description: 'The checker pays (`referral-check-and-pay`)' },
      { status: 409, description: 'Not approved, or paid already (`finance-referral-reward-transition-refused`)' },
    ],
    description:
      'Books debit selling expenses 6601, credit cash 1001 (cash), bank 1002 (transfer) or customer prepayments 2203 for the referrer (credit: the money is held for the referrer ' +
      'and used for their next orders, as an overpayment is). Publishes `finance.referral-reward.paid`.',
  },
} satisfies Record<string, OperationSpec>;
