import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReferralPayment, ReferralReward, ReferralRewardStatus } from '../../domain/referral-reward.js';

/* Referral rewards (migration 1765740000000); the status is written only by ReferralRewardStore. */

@Entity('referral_rewards')
export class ReferralRewardEntity implements ReferralReward {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') status: ReferralRewardStatus;
  @Column('uuid') referrerId: string;
  @Column('text') referrerName: string;
  @Column('uuid') newCustomerId: string;
  @Column('text') newCustomerName: string;
  @Column('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('bigint', { transformer: bigintFen }) orderTotalFen: number;
  @Column('timestamptz') orderPlacedAt: Date;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('date') deadline: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') requestedBy: string;
  @Column('timestamptz') requestedAt: Date;
  @Column('text', { nullable: true }) repConfirmedBy: string | null;
  @Column('text', { nullable: true }) managerConfirmedBy: string | null;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
  @Column('text', { nullable: true }) voidReason: string | null;
  @Column('text', { nullable: true }) voidedBy: string | null;
  @Column('text', { nullable: true }) paymentMethod: ReferralPayment | null;
  @Column('text', { nullable: true }) journalEntryNumber: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const REFERRAL_REWARD_ENTITIES = [ReferralRewardEntity];
