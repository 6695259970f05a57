import { bigintFen } from '@ops/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CashierDay, CashierDayStatus, DayDocument, DayLine } from '../../domain/cashier-day.js';
import { CASH_OFFICE_ENTITIES } from './cash-office.entities.js';
import { CashIncidentEntity } from './cash-incident.entities.js';
import { FinanceReferralRewardEntity } from './referral-rewards.entities.js';
import type { AnnouncedStage, DunningPlan, Filing, WriteOff } from '../../domain/collection-ladder.js';
import type { CustomerBalance, HoldSource } from '../../domain/customer-balance.js';
import type { Invoice, InvoiceLine, InvoiceStatus, Seller } from '../../domain/invoice.js';
import { CreditNoteEntity } from './credit-note.entities.js';
import type { BalanceNotice, CancellationSettlement, OrderAccount, OrderedLine, PaymentTerms } from '../../domain/order-account.js';
import type { Receipt, ReceiptStatus } from '../../domain/receipt.js';
import type { ReceiptMethod } from '../../domain/receipt-rules.js';
import type { Receivable, ReceivableStatus } from '../../domain/receivable.js';
import type { Refund, RefundPayee, RefundSource, RefundStatus } from '../../domain/refund.js';
import { PAYABLE_ENTITIES } from './payables.entities.js';

/**
 * Finance's copy of a placed order: the amount due and what was paid (from sales.order.placed).
 * `confirmedAt` and `cancellation` are its state (domain/order-account.ts), written by OrderAccountStore only.
 */
@Entity('order_accounts')
export class OrderAccountEntity implements OrderAccount {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text', { nullable: true }) customerTaxId: string | null;
  /** The rep the sale counts for (the customer's rep when the order was placed) and the customer's region. */
  @Column('text', { nullable: true }) salesRep: string | null;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text') paymentTerms: PaymentTerms;
  @Column('bigint', { transformer: bigintFen }) totalFen: number;
  /** Money applied to the order, never beyond its total (see domain/order-account.ts). */
  @Column('bigint', { transformer: bigintFen }) paidFen: number;
  /** Of the paid money, what is set against invoices. */
  @Column('bigint', { transformer: bigintFen }) coveredFen: number;
  /** What live invoices bill. */
  @Column('bigint', { transformer: bigintFen }) invoicedFen: number;
  /** This order's money that became the customer's prepayment (overpaid, or kept from a cancellation). */
  @Column('bigint', { transformer: bigintFen }) prepaymentFen: number;
  @Column('int', { nullable: true }) creditTermsDays: number | null;
  @Column('jsonb') lines: OrderedLine[];
  /** The deposit the agreement requires before a first payment counts without approval. */
  @Column('bigint', { transformer: bigintFen }) requiredDepositFen: number;
  /** When the first payment counted; from then on money simply adds up. */
  @Column('timestamptz', { nullable: true }) depositAcceptedAt: Date | null;
  /** The order has made-to-order lines: its production waits for the deposit. */
  @Column('boolean') madeToOrder: boolean;
  /** When finance.deposit.confirmed went to inventory (once). */
  @Column('timestamptz', { nullable: true }) depositConfirmedAt: Date | null;
  /** What the customer was told is left to pay when production finished. */
  @Column('jsonb', { nullable: true }) balanceNotice: BalanceNotice | null;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
  @Column('text', { nullable: true }) cancellation: CancellationSettlement | null;
  @CreateDateColumn({ type: 'timestamptz' }) openedAt: Date;
}

@Entity('receipts')
export class ReceiptEntity implements Receipt {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') method: ReceiptMethod;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text', { nullable: true }) payerName: string | null;
  @Column('text') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
  @Column('date') cashierDate: string;
  @Column('text') status: ReceiptStatus;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('text', { nullable: true }) verifiedBy: string | null;
  @Column('timestamptz', { nullable: true }) verifiedAt: Date | null;
  @Column('text', { nullable: true }) depositSalesApprovedBy: string | null;
  @Column('timestamptz', { nullable: true }) depositSalesApprovedAt: Date | null;
  @Column('text', { nullable: true }) depositFinanceApprovedBy: string | null;
  @Column('timestamptz', { nullable: true }) depositFinanceApprovedAt: Date | null;
}

@Entity('invoices')
export class InvoiceEntity implements Invoice {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('text') series: string;
  /** The shipment it bills; null for an invoice issued on full payment or re-issued by hand. */
  @Column('uuid', { nullable: true }) shipmentId: string | null;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('jsonb') lines: InvoiceLine[];
  @Column('text', { nullable: true }) buyerTaxId: string | null;
  @Column('jsonb') seller: Seller;
  @Column('text') status: InvoiceStatus;
  @Column('text', { nullable: true }) issuedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) issuedAt: Date;
  @Column('text', { nullable: true }) voidReason: string | null;
  @Column('text', { nullable: true }) voidedBy: string | null;
  @Column('timestamptz', { nullable: true }) voidedAt: Date | null;
}

@Entity('receivables')
export class ReceivableEntity implements Receivable {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') invoiceId: string;
  @Column('uuid') orderId: string;
  @Column('uuid') customerId: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('bigint', { transformer: bigintFen }) settledFen: number;
  @Column('date') dueDate: string;
  @Column('text') status: ReceivableStatus;
  /** The business date of its invoice: three months on, still open, it is a problem account. */
  @Column('date') invoiceDate: string;
  /** The collection stage last announced (domain/collection-ladder.ts), and how many announcements there were. */
  @Column('text') stage: AnnouncedStage;
  @Column('int') stageRevision: number;
  @Column('text', { nullable: true }) doubtfulReason: string | null;
  @Column('jsonb', { nullable: true }) dunningPlan: DunningPlan | null;
  @Column('jsonb', { nullable: true }) problemReport: Filing | null;
  @Column('jsonb', { nullable: true }) writeOff: WriteOff | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** What one receipt settled of one receivable, on its business day (commission reads collected money by month). */
@Entity('receivable_settlements')
export class ReceivableSettlementEntity {
  @PrimaryColumn('uuid') receivableId: string;
  @PrimaryColumn('uuid') receiptId: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('date') settledOn: string;
}

/** Per customer: prepayment balance, what was last reported to sales, and the credit hold. */
@Entity('customer_balances')
export class CustomerBalanceEntity implements CustomerBalance {
  @PrimaryColumn('uuid') customerId: string;
  @Column('bigint', { transformer: bigintFen }) prepaymentFen: number;
  @Column('int') receivableRevision: number;
  @Column('bigint', { transformer: bigintFen }) reportedOpenFen: number;
  @Column('bigint', { transformer: bigintFen }) reportedOverdueFen: number;
  @Column('boolean') onHold: boolean;
  @Column('text', { nullable: true }) holdReason: string | null;
  @Column('text', { nullable: true }) holdChangedBy: string | null;
  @Column('timestamptz', { nullable: true }) holdChangedAt: Date | null;
  @Column('text', { nullable: true }) holdSource: HoldSource | null;
}

/** Money owed back for a cancelled order, due until a cashier pays it (domain/refund.ts); `status` written by RefundStore only. */
@Entity('refunds')
export class RefundEntity implements Refund {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') orderId: string;
  @Column('uuid') customerId: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text', { nullable: true }) method: ReceiptMethod | null;
  @Column('jsonb') sources: RefundSource[];
  @Column('text') reason: string;
  @Column('text') status: RefundStatus;
  @Column('text') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('text', { nullable: true }) paidMethod: ReceiptMethod | null;
  @Column('text', { nullable: true }) paidBy: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('date', { nullable: true }) paidOn: string | null;
  @Column('jsonb', { nullable: true }) payee: RefundPayee | null;
  /** The return whose credit note owes it (null for a cancelled order's refund). */
  @Column('uuid', { nullable: true }) returnId: string | null;
}

/** A cashier's business day, counted and then closed by a second person (domain/cashier-day.ts); written by CashierDayStore only. */
@Entity('cashier_days')
export class CashierDayEntity implements CashierDay {
  @PrimaryColumn('uuid') id: string;
  @Column('text') cashierId: string;
  @Column('date') businessDate: string;
  @Column('text') status: CashierDayStatus;
  @Column('jsonb') lines: DayLine[];
  @Column('int') receiptCount: number;
  /** Receipts of the day not invoiced and invoices of the day not paid, as matched at the count. */
  @Column('jsonb') documents: DayDocument[];
  @Column('timestamptz') countedAt: Date;
  @Column('text', { nullable: true }) confirmedBy: string | null;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
}

@Entity('prepayment_movements')
export class PrepaymentMovementEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') customerId: string;
  @Column('uuid', { nullable: true }) orderId: string | null;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') kind: 'overpayment' | 'kept_from_cancellation' | 'applied_to_order' | 'referral_reward';
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

export const FINANCE_ENTITIES = [OrderAccountEntity, ReceiptEntity, InvoiceEntity, ReceivableEntity, ReceivableSettlementEntity, CustomerBalanceEntity, PrepaymentMovementEntity, RefundEntity, CashierDayEntity, CreditNoteEntity, ...CASH_OFFICE_ENTITIES, CashIncidentEntity, ...PAYABLE_ENTITIES, FinanceReferralRewardEntity];
