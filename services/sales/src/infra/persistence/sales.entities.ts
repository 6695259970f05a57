import { LISTING_ENTITIES } from './listings.entities.js';
import { bigintFen } from '@ops/persistence';
import type { CreditChangeStatus, CreditTerms } from '../../domain/credit-change.js';
import type { CreditGrade } from '../../domain/credit-policy.js';
import type { BalanceNotice, Commercial, Fulfilment, OrderKind, OrderStatus, Payment, PaymentTerms, WrittenConfirmation } from '../../domain/order.js';
import type { SalesLevel } from '../../domain/approval-policy.js';
import type { Return, ReturnApproval, ReturnInvestigation, ReturnLine, ReturnReason, ReturnStatus } from '../../domain/return.js';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OUTLET_ENTITIES } from './outlet.entities.js';
import { OUTLET_DAY_ENTITIES } from './outlet-day.entities.js';
import { OUTLET_RECORDS_ENTITIES } from './outlet-records.entities.js';
import { ONLINE_SERVICE_ENTITIES } from './online-service.entities.js';
import { REFERRAL_REWARD_ENTITIES } from './referral-rewards.entities.js';
import { RECEPTION_ENTITIES } from './reception.entities.js';
import { PROMOTION_ENTITIES } from './promotions.entities.js';

@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) contactName: string | null;
  @Column('text', { nullable: true }) assignedRep: string | null;
  @Column('text', { nullable: true }) taxId: string | null;
  @Column('text') creditGrade: CreditGrade;
  @Column('bigint', { transformer: bigintFen }) creditLimitFen: number;
  @Column('int') paymentTermsDays: number;
  /** Finance's word on the customer (finance.receivable.changed, credit hold); the revision keeps late events from going back. */
  @Column('bigint', { transformer: bigintFen }) openReceivableFen: number;
  @Column('bigint', { transformer: bigintFen }) overdueFen: number;
  @Column('int') receivableRevision: number;
  @Column('boolean') onHold: boolean;
  @Column('text', { nullable: true }) holdReason: string | null;
  @Column('timestamptz', { nullable: true }) holdChangedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A request to change a customer's credit terms, approved by a sales manager and then the sales VP. */
@Entity('credit_changes')
export class CreditChangeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') customerId: string;
  @Column('text') status: CreditChangeStatus;
  @Column('jsonb') proposed: CreditTerms;
  @Column('jsonb') previous: CreditTerms;
  @Column('text') reason: string;
  @Column('text') requestedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) requestedAt: Date;
  @Column('text', { nullable: true }) managerApprovedBy: string | null;
  @Column('timestamptz', { nullable: true }) managerApprovedAt: Date | null;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionNote: string | null;
}

@Entity('price_lists')
export class PriceListEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') name: string;
  @Column('text') status: 'draft' | 'approved';
  @Column('date') validFrom: string;
  @Column('date', { nullable: true }) validTo: string | null;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('text', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
}

@Entity('price_list_lines')
export class PriceListLineEntity {
  @PrimaryColumn('uuid') priceListId: string;
  @PrimaryColumn('text') sku: string;
  @Column('bigint', { transformer: bigintFen }) listPriceFen: number;
  @Column('bigint', { transformer: bigintFen }) floorPriceFen: number;
}

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  /** The buyer's taxpayer id as it was when the order was written, for its invoices. */
  @Column('text', { nullable: true }) customerTaxId: string | null;
  @Column('text', { nullable: true }) salesRep: string | null;
  @Column('text', { nullable: true }) region: string | null;
  /** What a person sees, derived from the three sub-states below (a CHECK holds it to that). */
  @Column('text') status: OrderStatus;
  @Column('text') commercial: Commercial;
  @Column('text') payment: Payment;
  @Column('text') fulfilment: Fulfilment;
  @Column('text') paymentTerms: PaymentTerms;
  /** Credit orders: the customer's terms when the order was recorded, for finance's due date. */
  @Column('int', { nullable: true }) creditTermsDays: number | null;
  @Column('text') approvalLevel: string;
  @Column('jsonb') approvalReasons: string[];
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  @Column('bigint', { transformer: bigintFen }) requiredDepositFen: number;
  @Column('jsonb') shipTo: { name: string; phone: string; address: string };
  @Column('text') shippingMethod: string;
  @Column('date') requestedDate: string;
  /** The sales VP's written reason to let the order ship unpaid or despite an overdue credit sale. */
  @Column('text', { nullable: true }) shippingException: string | null;
  /** When the order was placed (approved): a prepaid order's payment clock starts here. */
  @Column('timestamptz', { nullable: true }) placedAt: Date | null;
  /** Made to order (migration 1765760000000): some line is made for this order, so it waits for confirmation, then production. */
  @Column('boolean', { default: false }) madeToOrder: boolean;
  @Column('text', { default: 'sale' }) kind: OrderKind;
  /** A replacement order's complaint. */
  @Column('uuid', { nullable: true }) serviceTicketId: string | null;
  @Column('text', { nullable: true }) serviceTicketNumber: string | null;
  @Column('jsonb', { nullable: true }) writtenConfirmation: WrittenConfirmation | null;
  @Column('jsonb', { nullable: true }) balanceNotice: BalanceNotice | null;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn('uuid') orderId: string;
  @PrimaryColumn('int') lineNo: number;
  @Column('text') sku: string;
  @Column('int') quantity: number;
  @Column('bigint', { transformer: bigintFen }) unitPriceFen: number;
  @Column('bigint', { transformer: bigintFen }) lineTotalFen: number;
  /** Left in shipments so far (partial shipments are tracked line by line). */
  @Column('int') shippedQuantity: number;
  @Column('bigint', { transformer: bigintFen, nullable: true }) listPriceFen: number | null;
  @Column('bigint', { transformer: bigintFen, nullable: true }) floorPriceFen: number | null;
  @Column('text', { nullable: true }) priceListNumber: string | null;
  /** Which price applied and why (migration 1765720000000): the list, a promotion in force, or an honoured price hold. */
  @Column('text', { default: 'list' }) priceBasis: 'list' | 'promotion' | 'price_hold';
  @Column('uuid', { nullable: true }) promotionId: string | null;
  @Column('text', { nullable: true }) promotionCode: string | null;
  @Column('uuid', { nullable: true }) priceHoldId: string | null;
  @Column('text', { nullable: true }) priceNote: string | null;
  @Column('boolean', { default: false }) madeToOrder: boolean;
}

/** Which SKUs are made to order, as inventory last said (inventory.sku.supply-changed); the newest revision wins. */
@Entity('sku_supply')
export class SkuSupplyEntity {
  @PrimaryColumn('text') sku: string;
  @Column('boolean') madeToOrder: boolean;
  @Column('int') leadDays: number;
  @Column('int') revision: number;
}

/** The shortage register: what an order lacked, in order of registration (domain.md §4.5). */
@Entity('shortages')
export class ShortageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('text') sku: string;
  @Column('int') requested: number;
  @Column('int') available: number;
  @Column('date') requestedDate: string;
  @Column('text', { nullable: true }) model: string | null;
  @Column('text', { nullable: true }) version: string | null;
  /** The backorder's place in line as inventory gave it: the order stock is reserved in, so the register's order. */
  @Column('bigint', { nullable: true, transformer: bigintFen }) sequence: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) registeredAt: Date;
  /** When inventory reserved the order after all. */
  @Column('timestamptz', { nullable: true }) filledAt: Date | null;
}

/** What the customer is told the day after shipping (domain.md §4.8). */
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
  @Column('timestamptz', { nullable: true }) toldAt: Date | null;
  @Column('text', { nullable: true }) toldBy: string | null;
  @Column('text', { nullable: true }) toldVia: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @Column('text', { nullable: true }) deliverySignedBy: string | null;
}

/** Something a person should know about an order (an expired order for its rep). */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('text') recipient: string;
  @Column('text') kind: string;
  @Column('uuid', { nullable: true }) orderId: string | null;
  @Column('text') message: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
}

/** A return of shipped goods (RMA): written by ReturnStore only (domain/return.ts). */
@Entity('returns')
export class ReturnEntity implements Return {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text') status: ReturnStatus;
  @Column('text') reason: ReturnReason;
  @Column('boolean') faulty: boolean;
  @Column('text', { nullable: true }) note: string | null;
  @Column('jsonb') lines: ReturnLine[];
  @Column('jsonb') requiredLevels: SalesLevel[];
  @Column('jsonb') approvals: ReturnApproval[];
  @Column('text') requestedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) requestedAt: Date;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('text', { nullable: true }) decisionNote: string | null;
  @Column('jsonb', { nullable: true }) investigation: ReturnInvestigation | null;
  @Column('text', { nullable: true }) creditNoteNumber: string | null;
  @Column('bigint', { transformer: bigintFen, nullable: true }) refundFen: number | null;
  @Column('timestamptz', { nullable: true }) goodsBackAt: Date | null;
  @Column('timestamptz', { nullable: true }) settledAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const SALES_ENTITIES = [ReturnEntity, NotificationEntity, CustomerEntity, CreditChangeEntity, PriceListEntity, PriceListLineEntity, OrderEntity, OrderLineEntity, ShortageEntity, ShippingNoticeEntity, SkuSupplyEntity, ...RECEPTION_ENTITIES, ...OUTLET_ENTITIES, ...OUTLET_DAY_ENTITIES, ...OUTLET_RECORDS_ENTITIES, ...LISTING_ENTITIES, ...REFERRAL_REWARD_ENTITIES, ...PROMOTION_ENTITIES, ...ONLINE_SERVICE_ENTITIES];
