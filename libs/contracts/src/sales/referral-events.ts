import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * Referral rewards (老带新, domain.md): an existing customer who brings a new one earns a reward, requested by a rep
 * when the new customer's order is placed and confirmed by the rep and a sales manager in sales; finance checks it and
 * pays it (cash or transfer) or credits it to the referrer's prepayment, and answers. Amounts are integer fen.
 */

export const REFERRAL_PAYMENT_METHODS = ['cash', 'transfer', 'credit'] as const;
export type ReferralPaymentMethod = (typeof REFERRAL_PAYMENT_METHODS)[number];

export class ReferralRewardConfirmedData {
  @IsUUID() rewardId: string;
  /** The reward's number in sales (`RR-2026-000001`). */
  @IsString() @IsNotEmpty() number: string;
  /** The existing customer who brought the new one: who is paid or credited. */
  @IsUUID() referrerId: string;
  @IsString() @IsNotEmpty() referrerName: string;
  @IsUUID() newCustomerId: string;
  @IsString() @IsNotEmpty() newCustomerName: string;
  /** The new customer's first placed order the reward is for. */
  @IsUUID() orderId: string;
  @IsString() @IsNotEmpty() orderNumber: string;
  @IsInt() @Min(0) orderTotalFen: number;
  @IsInt() @Min(1) amountFen: number;
  @IsString() @IsNotEmpty() requestedBy: string;
  @IsString() @IsNotEmpty() repConfirmedBy: string;
  @IsString() @IsNotEmpty() managerConfirmedBy: string;
  @IsISO8601() confirmedAt: string;
}

export const ReferralRewardConfirmed = defineEvent({
  type: 'sales.referral-reward.confirmed',
  version: 1,
  source: 'sales',
  payload: ReferralRewardConfirmedData,
  description: 'A referral reward was requested in time and confirmed by the rep and a sales manager: finance records it for an accountant to check and a cashier to pay or credit.',
});

/* ---- What sales hears back (declared here, beside what it answers). ---- */

export class ReferralRewardRejectedData {
  @IsUUID() rewardId: string;
  @IsString() @IsNotEmpty() number: string;
  /** Why finance found the referral false. */
  @IsString() @IsNotEmpty() reason: string;
  @IsString() @IsNotEmpty() rejectedBy: string;
  @IsISO8601() rejectedAt: string;
}

export const ReferralRewardRejected = defineEvent({
  type: 'finance.referral-reward.rejected',
  version: 1,
  source: 'finance',
  payload: ReferralRewardRejectedData,
  description: 'Finance\'s check found a confirmed referral false: sales marks the reward void with the reason; nothing was booked.',
});

export class ReferralRewardPaidData {
  @IsUUID() rewardId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsIn(REFERRAL_PAYMENT_METHODS) method: ReferralPaymentMethod;
  @IsInt() @Min(1) amountFen: number;
  /** The bank's reference of a transfer; null otherwise. */
  @IsOptional() @IsString() bankReference: string | null;
  @IsString() @IsNotEmpty() journalEntryNumber: string;
  @IsString() @IsNotEmpty() paidBy: string;
  @IsISO8601() paidAt: string;
}

export const ReferralRewardPaid = defineEvent({
  type: 'finance.referral-reward.paid',
  version: 1,
  source: 'finance',
  payload: ReferralRewardPaidData,
  description: 'Finance paid a referral reward in cash or by transfer (debit selling expenses 6601, credit 1001 or 1002) or credited it to the referrer\'s prepayment (credit 2203): sales shows it paid or credited.',
});
