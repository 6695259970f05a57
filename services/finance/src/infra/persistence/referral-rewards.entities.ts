import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FinanceReferralReward, FinanceReferralStatus, ReferralPaymentMethod } from '../../domain/referral-reward.js';

/* Referral rewards sales confirmed (migration 1765740000000); the status is written only by FinanceReferralRewardStore. */

@Entity('referral_rewards')
export class FinanceReferralRewardEntity implements FinanceReferralReward {
  /** The reward's id in sales: one record per reward, however often the event arrives. */
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') status: FinanceReferralStatus;
  @Column('uuid') referrerId: string;
  @Column('text') referrerName: string;
  @Column('uuid') newCustomerId: string;
  @Column('text') newCustomerName: string;
  @Column('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('bigint', { transformer: bigintFen }) orderTotalFen: number;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') requestedBy: string;
  @Column('text') managerConfirmedBy: string;
  @Column('timestamptz') receivedAt: Date;
  @Column('text', { nullable: true }) checkedBy: string | null;
  @Column('timestamptz', { nullable: true }) checkedAt: Date | null;
  @Column('text', { nullable: true }) rejectReason: string | null;
  @Column('text', { nullable: true }) method: ReferralPaymentMethod | null;
  @Column('text', { nullable: true }) bankReference: string | null;
  @Column('text', { nullable: true }) paidBy: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('text', { nullable: true }) journalEntryNumber: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
