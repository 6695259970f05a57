import type { OrderStatus, PaymentTerms } from '@ops/contracts';
import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text') status: OrderStatus;
  @Column('text') paymentTerms: PaymentTerms;
  @Column('text') approvalLevel: string;
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  @Column('jsonb') shipTo: { name: string; phone: string; address: string };
  @Column('text') shippingMethod: string;
  @Column('date') requestedDate: string;
  @Column('boolean') stockReserved: boolean;
  @Column('boolean') paid: boolean;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn('uuid') orderId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('text') sku: string;
  @Column('int') quantity: number;
  @Column('bigint', { transformer: bigintFen }) unitPriceFen: number;
  @Column('bigint', { transformer: bigintFen }) lineTotalFen: number;
}

/** Every transition of every order, with who caused it (DESIGN §4: visible in the order's history). */
@Entity('order_history')
export class OrderHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('text') fromStatus: string;
  @Column('text') toStatus: string;
  @Column('text') reason: string;
  @Column('text') actorId: string;
  @Column('uuid', { nullable: true }) eventId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

/** The shortage register: what an order lacked, in order of registration (DESIGN §4.5). */
@Entity('shortages')
export class ShortageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('text') sku: string;
  @Column('int') requested: number;
  @Column('int') available: number;
  @Column('date') requestedDate: string;
  @CreateDateColumn({ type: 'timestamptz' }) registeredAt: Date;
}

/** What the customer is told the day after shipping (DESIGN §4.8). */
@Entity('shipping_notices')
export class ShippingNoticeEntity {
  @PrimaryColumn('uuid') shipmentId: string;
  @Column('uuid') orderId: string;
  @Column('text') shippingMethod: string;
  @Column('text') carrier: string;
  @Column('text') trackingNumber: string;
  @Column('int') pieces: number;
  @Column('date') notifyOn: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const SALES_ENTITIES = [CustomerEntity, OrderEntity, OrderLineEntity, OrderHistoryEntity, ShortageEntity, ShippingNoticeEntity];
