import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ShiftHandover, ShiftHandoverStatus } from '../../domain/shift-handover.js';

/* The bar and the day at an outlet (migration 1765610000000); the status is written only by ShiftHandoverStore. */

/** A shift handover: the drawer counted against the shift's tickets, figures as they were at the count. */
@Entity('shift_handovers')
export class ShiftHandoverEntity implements ShiftHandover {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') outletId: string;
  @Column('text') outletCode: string;
  @Column('date') businessDate: string;
  @Column('text') status: ShiftHandoverStatus;
  @Column('text') handedOverBy: string;
  @Column('text') takenOverBy: string;
  @Column('timestamptz') shiftStart: Date;
  @Column('timestamptz') countedAt: Date;
  @Column('int') ticketCount: number;
  @Column('bigint', { transformer: bigintFen }) openingFloatFen: number;
  @Column('bigint', { transformer: bigintFen }) cashFen: number;
  @Column('bigint', { transformer: bigintFen }) posFen: number;
  @Column('bigint', { transformer: bigintFen }) transferFen: number;
  @Column('bigint', { transformer: bigintFen }) voidedCashFen: number;
  @Column('bigint', { transformer: bigintFen }) expectedCashFen: number;
  @Column('bigint', { transformer: bigintFen }) countedCashFen: number;
  @Column('bigint', { transformer: bigintFen }) differenceFen: number;
  @Column('bigint', { transformer: bigintFen }) floatFen: number;
  @Column('boolean') goodsChecked: boolean;
  @Column('text', { nullable: true }) goodsNotes: string | null;
  @Column('text', { nullable: true }) explanation: string | null;
  @Column('text', { nullable: true }) explainedBy: string | null;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const OUTLET_DAY_ENTITIES = [ShiftHandoverEntity];
