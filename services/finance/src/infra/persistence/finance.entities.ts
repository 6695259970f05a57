import type { PaymentTerms, ReceiptMethod } from '@ops/contracts';
import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Finance's copy of a placed order: the amount due and what was paid (from sales.order.placed). */
@Entity('order_accounts')
export class OrderAccountEntity {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text') paymentTerms: PaymentTerms;
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  @Column('bigint', { transformer: bigintFen }) paidFen: number;
  @Column('bigint', { transformer: bigintFen }) prepaymentFen: number;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
  @Column('text', { nullable: true }) cancellation: 'refunded' | 'kept_as_prepayment' | 'nothing_paid' | null;
  @CreateDateColumn({ type: 'timestamptz' }) openedAt: Date;
}

@Entity('receipts')
export class ReceiptEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') method: ReceiptMethod;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text', { nullable: true }) payerName: string | null;
  @Column('text') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
  @Column('text') status: 'counted' | 'pending_verification';
  @Column('jsonb') details: Record<string, unknown>;
  @Column('text', { nullable: true }) verifiedBy: string | null;
  @Column('timestamptz', { nullable: true }) verifiedAt: Date | null;
}

@Entity('invoices')
export class InvoiceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('uuid') shipmentId: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @CreateDateColumn({ type: 'timestamptz' }) issuedAt: Date;
}

export const FINANCE_ENTITIES = [OrderAccountEntity, ReceiptEntity, InvoiceEntity];
