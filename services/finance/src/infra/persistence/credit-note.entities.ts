import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CreditNote, CreditNoteStatus } from '../../domain/credit-note.js';
import type { InvoiceLine } from '../../domain/invoice.js';

/** A credit note for returned goods (domain/credit-note.ts); written by CreditNoteStore only. */
@Entity('credit_notes')
export class CreditNoteEntity implements CreditNote {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') status: CreditNoteStatus;
  @Column('uuid') returnId: string;
  @Column('text') returnNumber: string;
  @Column('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('bigint', { transformer: bigintFen }) netFen: number;
  @Column('bigint', { transformer: bigintFen }) vatFen: number;
  @Column('bigint', { transformer: bigintFen }) toReceivableFen: number;
  @Column('bigint', { transformer: bigintFen }) refundFen: number;
  @Column('uuid', { nullable: true }) refundId: string | null;
  @Column('jsonb') lines: InvoiceLine[];
  @Column('text') issuedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) issuedAt: Date;
}
