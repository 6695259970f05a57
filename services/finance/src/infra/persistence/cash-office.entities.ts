import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BankDeposit, BankDepositStatus } from '../../domain/bank-deposit.js';
import type { CashHandover, CashHandoverStatus } from '../../domain/cash-handover.js';

/** Cash a cashier handed to the treasurer, waiting for or with the treasurer's confirmation (domain/cash-handover.ts); written by CashHandoverStore only. */
@Entity('cash_handovers')
export class CashHandoverEntity implements CashHandover {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') dayId: string;
  @Column('date') businessDate: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') status: CashHandoverStatus;
  @Column('text') handedBy: string;
  @Column('timestamptz') handedAt: Date;
  @Column('text', { nullable: true }) receivedBy: string | null;
  @Column('timestamptz', { nullable: true }) receivedAt: Date | null;
}

/** A run of cash to the bank under escort (domain/bank-deposit.ts); written by BankDepositStore only. */
@Entity('bank_deposits')
export class BankDepositEntity implements BankDeposit {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') bank: string;
  @Column('timestamptz') plannedAt: Date;
  @Column('text') status: BankDepositStatus;
  @Column('text') requestedBy: string;
  @Column('timestamptz') requestedAt: Date;
  @Column('text', { nullable: true }) bankSlipNumber: string | null;
  @Column('text', { nullable: true }) depositedBy: string | null;
  @Column('timestamptz', { nullable: true }) depositedAt: Date | null;
}

export const CASH_OFFICE_ENTITIES = [CashHandoverEntity, BankDepositEntity];
