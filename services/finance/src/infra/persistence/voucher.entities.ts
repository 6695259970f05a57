import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Voucher, VoucherLine, VoucherStatus } from '../../domain/voucher.js';

/** A voucher (domain/voucher.ts); written by VoucherStore only. */
@Entity('vouchers')
export class VoucherEntity implements Voucher {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('date') entryDate: string;
  @Column('text') memo: string;
  @Column('int') attachmentCount: number;
  @Column('text', { array: true }) attachmentRefs: string[];
  @Column('jsonb') lines: VoucherLine[];
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  @Column('text') status: VoucherStatus;
  @Column('text') preparedBy: string;
  @Column('timestamptz') preparedAt: Date;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('text', { nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Column('text', { nullable: true }) rejectionReason: string | null;
  @Column('uuid', { nullable: true }) journalEntryId: string | null;
  @Column('text', { nullable: true }) journalEntryNumber: string | null;
  @Column('uuid', { nullable: true }) reversalOf: string | null;
  @Column('uuid', { nullable: true }) reversedBy: string | null;
}



/** A closed month of the books (domain/period-close.ts); written by AccountingPeriodStore only. */
@Entity('accounting_periods')
export class AccountingPeriodEntity {
  @PrimaryColumn('char', { length: 7 }) month: string;
  @Column('text') status: 'closed';
  @Column('text') closedBy: string;
  @Column('timestamptz') closedAt: Date;
  @Column('jsonb') checks: unknown[];
  @Column('int') entryCount: number;
}
export const VOUCHER_ENTITIES = [VoucherEntity, AccountingPeriodEntity];
