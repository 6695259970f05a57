import type { PoPrepaymentStatus } from '../../domain/po-prepayment.js';
import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Payable, PayableStatus } from '../../domain/payable.js';
import type { SupplierAccount } from '../../domain/supplier-account.js';
import type { PaymentRequest, PaymentRequestKind, PaymentRequestStatus, SupplierPaymentMethod } from '../../domain/supplier-payment.js';

/** Finance's copy of a supplier and the prepayment held for it (domain/supplier-account.ts); written by SupplierAccountStore only. */
@Entity('supplier_accounts')
export class SupplierAccountEntity implements SupplierAccount {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) kind: string | null;
  @Column('text', { nullable: true }) taxId: string | null;
  @Column('int') paymentTermsDays: number;
  @Column('text', { nullable: true }) bankAccount: string | null;
  @Column('text', { nullable: true }) bankName: string | null;
  @Column('boolean') active: boolean;
  @Column('int') revision: number;
  @Column('bigint', { transformer: bigintFen }) prepaymentFen: number;
}

/** A supplier payable, one per audited purchase receipt (domain/payable.ts); written by PayableStore only. */
@Entity('payables')
export class PayableEntity implements Payable {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') supplierId: string;
  @Column('uuid') receiptId: string;
  @Column('text') receiptNumber: string;
  @Column('uuid', { nullable: true }) purchaseOrderId: string | null;
  @Column('text', { nullable: true }) purchaseOrderNumber: string | null;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('bigint', { transformer: bigintFen }) netFen: number;
  @Column('bigint', { transformer: bigintFen }) vatFen: number;
  @Column('bigint', { transformer: bigintFen }) settledFen: number;
  @Column('bigint', { transformer: bigintFen }) returnedFen: number;
  @Column('text') status: PayableStatus;
  @Column('date') auditDate: string;
  @Column('int') paymentTermsDays: number;
  @Column('boolean') termsProvisional: boolean;
  @Column('date') dueDate: string;
  @Column('uuid', { nullable: true }) supplierInvoiceId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) raisedAt: Date;
}

/** A purchase return finance booked (once per return); plain rows, no status. */
@Entity('purchase_returns_booked')
export class PurchaseReturnBookedEntity {
  @PrimaryColumn('uuid') purchaseReturnId: string;
  @Column('text') number: string;
  @Column('uuid') supplierId: string;
  @Column('uuid', { nullable: true }) receiptId: string | null;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('bigint', { transformer: bigintFen }) toPayablesFen: number;
  @Column('bigint', { transformer: bigintFen }) creditFen: number;
  @Column('timestamptz', { default: () => 'now()' }) bookedAt: Date;
}


/** The prepayment an approved purchase order requires; written by PoPrepaymentStore only. */
@Entity('po_prepayments')
export class PoPrepaymentEntity {
  @PrimaryColumn('uuid') purchaseOrderId: string;
  @Column('text') purchaseOrderNumber: string;
  @Column('uuid') supplierId: string;
  @Column('bigint', { transformer: bigintFen }) orderAmountFen: number;
  @Column('bigint', { transformer: bigintFen }) requiredFen: number;
  @Column('bigint', { transformer: bigintFen }) paidFen: number;
  @Column('text') status: PoPrepaymentStatus;
  @Column('timestamptz') approvedAt: Date;
}

/** A supplier payment request (domain/supplier-payment.ts); written by PaymentRequestStore only. */
@Entity('payment_requests')
export class PaymentRequestEntity implements PaymentRequest {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') supplierId: string;
  @Column('text') kind: PaymentRequestKind;
  @Column('uuid', { array: true }) payableIds: string[];
  @Column('uuid', { nullable: true }) purchaseOrderId: string | null;
  @Column('text', { nullable: true }) purchaseOrderNumber: string | null;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('text') reason: string;
  @Column('text') status: PaymentRequestStatus;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('text', { nullable: true }) managerApprovedBy: string | null;
  @Column('timestamptz', { nullable: true }) managerApprovedAt: Date | null;
  @Column('text', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('text', { nullable: true }) rejectedBy: string | null;
  @Column('text', { nullable: true }) rejectionReason: string | null;
  @Column('timestamptz', { nullable: true }) rejectedAt: Date | null;
  @Column('text', { nullable: true }) method: SupplierPaymentMethod | null;
  @Column('text', { nullable: true }) bankReference: string | null;
  @Column('text', { nullable: true }) paidBy: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('bigint', { transformer: bigintFen }) prepaymentUsedFen: number;
  @Column('bigint', { transformer: bigintFen }) toPayablesFen: number;
  @Column('bigint', { transformer: bigintFen }) toPrepaymentFen: number;
}

/** A supplier's VAT invoice recorded against payables; plain rows. */
@Entity('supplier_invoices')
export class SupplierInvoiceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') supplierId: string;
  @Column('text') invoiceNumber: string;
  @Column('date') invoiceDate: string;
  @Column('bigint', { transformer: bigintFen }) amountFen: number;
  @Column('uuid', { array: true }) payableIds: string[];
  @Column('text') recordedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) recordedAt: Date;
}

export const PAYABLE_ENTITIES = [SupplierAccountEntity, PayableEntity, PurchaseReturnBookedEntity, PoPrepaymentEntity, PaymentRequestEntity, SupplierInvoiceEntity];
