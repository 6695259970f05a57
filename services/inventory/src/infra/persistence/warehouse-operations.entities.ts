import type { Borrower, SampleLoan, SampleLoanLine, SampleLoanStatus } from '../../domain/sample-loan.js';
import type { CountSheet, Stocktake, StocktakeAdjustment, StocktakeStatus } from '../../domain/stocktake.js';
import type { Transfer, TransferLine, TransferStatus } from '../../domain/transfer.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Stock between two warehouses (domain/transfer.ts); written by TransferStore only. */
@Entity('transfers')
export class TransferEntity implements Transfer {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') fromWarehouse: string;
  @Column('text') toWarehouse: string;
  @Column('text') status: TransferStatus;
  @Column('jsonb') lines: TransferLine[];
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('text', { nullable: true }) consentedBy: string | null;
  @Column('text', { nullable: true }) dispatchedBy: string | null;
  @Column('timestamptz', { nullable: true }) dispatchedAt: Date | null;
  @Column('text', { nullable: true }) receivedBy: string | null;
  @Column('timestamptz', { nullable: true }) receivedAt: Date | null;
}

/** A count of one warehouse (domain/stocktake.ts), its sheets (book figures included: never shown to counters) and adjustments; written by StocktakeStore only. */
@Entity('stocktakes')
export class StocktakeEntity implements Stocktake {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') warehouseCode: string;
  @Column('text', { nullable: true }) location: string | null;
  @Column('text') status: StocktakeStatus;
  @Column('date') openedOn: string;
  @Column('date') reportDueOn: string;
  @Column('jsonb') sheets: CountSheet[];
  @Column('jsonb') adjustments: StocktakeAdjustment[];
  @Column('text') startedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
}

/** Samples lent out (domain/sample-loan.ts); written by SampleLoanStore only. */
@Entity('sample_loans')
export class SampleLoanEntity implements SampleLoan {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('jsonb') borrower: Borrower;
  @Column('text') status: SampleLoanStatus;
  @Column('jsonb') lines: SampleLoanLine[];
  @Column('date') expectedReturnDate: string;
  @Column('text') lentBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) lentAt: Date;
  @Column('text', { nullable: true }) writeOffReason: string | null;
  @Column('text', { nullable: true }) writeOffRequestedBy: string | null;
  @Column('text', { nullable: true }) writeOffApprovedBy: string | null;
}

export const WAREHOUSE_OPERATION_ENTITIES = [TransferEntity, StocktakeEntity, SampleLoanEntity];
