import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PurchaseReturn, PurchaseReturnLine, PurchaseReturnStatus } from '../../domain/purchase-return.js';

/** Goods going back to a supplier (domain/purchase-return.ts); written by PurchaseReturnStore only. */
@Entity('purchase_returns')
export class PurchaseReturnEntity implements PurchaseReturn {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') supplierId: string;
  @Column('uuid', { nullable: true }) receiptId: string | null;
  @Column('text', { nullable: true }) receiptNumber: string | null;
  @Column('text') status: PurchaseReturnStatus;
  @Column('text') reason: string;
  @Column('jsonb') lines: PurchaseReturnLine[];
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column('text', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('text', { nullable: true }) shippedBy: string | null;
  @Column('timestamptz', { nullable: true }) shippedAt: Date | null;
  @Column('text', { nullable: true }) cancelledBy: string | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
}

/** The low-stock threshold of a SKU in a warehouse, and whether the alert of its current crossing went out. */
@Entity('stock_thresholds')
export class StockThresholdEntity {
  @PrimaryColumn('text') skuCode: string;
  @PrimaryColumn('text') warehouseCode: string;
  @Column('int') minQuantity: number;
  @Column('int') reorderQuantity: number;
  @Column('boolean') alerted: boolean;
  @Column('text') updatedBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const PURCHASE_RETURN_ENTITIES = [PurchaseReturnEntity, StockThresholdEntity];
