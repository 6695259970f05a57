import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PurchaseOrderLine, PurchaseOrderStatus } from '../../domain/purchase-order.js';
import type { SupplierContact, SupplierKind } from '../../domain/supplier.js';

/** A supplier (domain/supplier.ts); written by SupplierStore only. */
@Entity('suppliers')
export class SupplierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: SupplierKind;
  @Column('text', { nullable: true }) taxId: string | null;
  @Column('int') paymentTermsDays: number;
  @Column('text', { nullable: true }) bankName: string | null;
  /** In full; views mask it (maskAccount) for everyone but those who pay it. */
  @Column('text', { nullable: true }) bankAccount: string | null;
  @Column('jsonb') contacts: SupplierContact[];
  @Column('boolean') active: boolean;
  @Column('int') revision: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * A purchase order's header (domain/purchase-order.ts); written by PurchaseOrderStore only, which also
 * writes its lines (`purchase_order_lines`) and carries them in `lines` (not a column).
 */
@Entity('purchase_orders')
export class PurchaseOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') supplierId: string;
  @Column('text') status: PurchaseOrderStatus;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('bigint', { transformer: bigintFen }) prepaymentFen: number;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid') createdBy: string;
  @Column('uuid', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  /** Read with the order by PurchaseOrderStore; not a column. */
  lines?: PurchaseOrderLine[];
}

@Entity('purchase_order_lines')
export class PurchaseOrderLineEntity {
  @PrimaryColumn('uuid') purchaseOrderId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('text') skuCode: string;
  @Column('text') warehouseCode: string;
  @Column('int') quantity: number;
  @Column('int') receivedQuantity: number;
  @Column('bigint', { transformer: bigintFen }) unitPriceFen: number;
  @Column('date') promisedDate: string;
}

export const PURCHASING_ENTITIES = [SupplierEntity, PurchaseOrderEntity, PurchaseOrderLineEntity];
