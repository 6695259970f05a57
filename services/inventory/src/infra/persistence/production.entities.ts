import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProductionMaterial, ProductionOrder, ProductionOrderStatus, ProductionRoute } from '../../domain/production-order.js';
import type { ProductionStep } from '../../domain/quality-check.js';

/** How a SKU is supplied; a SKU without a row is stocked. Written by the supply route only, with its event. */
@Entity('sku_supply')
export class SkuSupplyEntity {
  @PrimaryColumn('text') sku: string;
  @Column('boolean') madeToOrder: boolean;
  @Column('int') leadDays: number;
  @Column('jsonb') steps: Array<{ name: string }>;
  @Column('jsonb') materials: Array<{ sku: string; quantityPerUnit: number }>;
  @Column('int') revision: number;
  @Column('text') updatedBy: string;
  @Column('timestamptz') updatedAt: Date;
}

export interface MadeToOrderLine {
  lineNo: number;
  sku: string;
  quantity: number;
  madeToOrder: boolean;
}

/** A placed order with made-to-order lines, as sales.order.placed told it: kept until finance confirms its deposit. */
@Entity('made_to_order_orders')
export class MadeToOrderOrderEntity {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text') kind: 'sale' | 'replacement';
  @Column('date') requestedDate: string;
  /** The complaint a replacement order answers. */
  @Column('text', { nullable: true }) serviceTicketNumber: string | null;
  /** Every line of the order, stocked and made: the whole order is reserved when its production is received. */
  @Column('jsonb') lines: MadeToOrderLine[];
  @Column('timestamptz') placedAt: Date;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  /** When the last production order was received and the order reserved (inventory.production.completed sent). */
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
}

/** finance.deposit.confirmed as heard, whichever of it and the placed order arrives first. */
@Entity('production_deposits')
export class ProductionDepositEntity {
  @PrimaryColumn('uuid') orderId: string;
  @Column('uuid') customerId: string;
  @Column('bigint', { transformer: bigintFen }) requiredDepositFen: number;
  @Column('bigint', { transformer: bigintFen }) paidFen: number;
  @Column('timestamptz') confirmedAt: Date;
}

/** A production order (domain/production-order.ts); written by ProductionOrderStore only. Steps with their checks and decisions are jsonb. */
@Entity('production_orders')
export class ProductionOrderEntity implements ProductionOrder {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') status: ProductionOrderStatus;
  @Column('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('text') orderKind: 'sale' | 'replacement';
  @Column('text', { nullable: true }) serviceTicketNumber: string | null;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('int') lineNo: number;
  @Column('text') sku: string;
  @Column('int') quantity: number;
  @Column('date') requestedDate: string;
  @Column('date') plannedStart: string;
  @Column('date') plannedFinish: string;
  @Column('boolean') behindRequestedDate: boolean;
  @Column('boolean') firstRun: boolean;
  @Column('text', { nullable: true }) route: ProductionRoute | null;
  @Column('uuid', { nullable: true }) factorySupplierId: string | null;
  @Column('bigint', { nullable: true, transformer: bigintFen }) agreedUnitPriceFen: number | null;
  @Column('text', { nullable: true }) warehouseCode: string | null;
  @Column('jsonb') materials: ProductionMaterial[];
  @Column('boolean') materialsIssued: boolean;
  @Column('jsonb') steps: ProductionStep[];
  @Column('uuid', { nullable: true }) receiptId: string | null;
  @Column('text', { nullable: true }) releasedBy: string | null;
  @Column('timestamptz', { nullable: true }) releasedAt: Date | null;
  @Column('timestamptz', { nullable: true }) doneAt: Date | null;
  @Column('text', { nullable: true }) receivedBy: string | null;
  @Column('timestamptz', { nullable: true }) receivedAt: Date | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** The reference sample of a customer's design (customer and SKU), kept from its first run. */
@Entity('reference_samples')
export class ReferenceSampleEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') customerId: string;
  @Column('text') sku: string;
  @Column('text') sampleCode: string;
  @Column('text') location: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid') productionOrderId: string;
  @Column('text') productionOrderNumber: string;
  @Column('text') registeredBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) registeredAt: Date;
}

export const PRODUCTION_ENTITIES = [SkuSupplyEntity, MadeToOrderOrderEntity, ProductionDepositEntity, ProductionOrderEntity, ReferenceSampleEntity];
