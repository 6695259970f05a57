import { ApiProperty } from '@nestjs/swagger';
import { RECEIPT_METHODS, type ReceiptMethod } from '../commands/finance.commands.js';
import { PAYMENT_TERMS, type PaymentTerms } from '../events/sales.events.js';

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000001', description: 'Gapless receipt number' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: RECEIPT_METHODS }) method: ReceiptMethod;
  @ApiProperty({ example: 25600 }) amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) payerName: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ enum: ['counted', 'pending_verification'], description: 'Transfers count only once finance has verified them' }) status: string;
  @ApiProperty({ nullable: true, type: String }) verifiedBy: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Method details: cards (last 4 digits, holder), bank, payer ID (last 4)' }) details: Record<string, unknown>;
}

export class RecordedReceiptView extends ReceiptView {
  @ApiProperty({ description: 'This or an earlier receipt completed the amount due' }) orderFullyPaid: boolean;
  @ApiProperty() outstandingFen: number;
  @ApiProperty({ description: 'Paid beyond the amount due, kept as the customer\'s prepayment' }) prepaymentFen: number;
}

export class OrderAccountView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: PAYMENT_TERMS }) paymentTerms: PaymentTerms;
  @ApiProperty() totalFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() outstandingFen: number;
  @ApiProperty() prepaymentFen: number;
  @ApiProperty() fullyPaid: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['refunded', 'kept_as_prepayment', 'nothing_paid'], description: 'Set when the order was cancelled' }) cancellation: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
}

export class InvoiceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INV-2026-000001', description: 'Gapless invoice number' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) shipmentId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class JournalLineView {
  @ApiProperty({ example: '1001' }) account: string;
  @ApiProperty({ example: 'Cash on hand (库存现金)' }) name: string;
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
}

export class JournalEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'JE-2026-000001' }) number: string;
  @ApiProperty({ enum: ['receipt', 'invoice'] }) sourceType: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) customerId: string | null;
  @ApiProperty() memo: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The entry this one reverses' }) reversalOf: string | null;
  @ApiProperty() postedBy: string;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
  @ApiProperty({ type: [JournalLineView], description: 'Debits equal credits' }) lines: JournalLineView[];
}

export class TrialBalanceAccountView {
  @ApiProperty({ example: '1001' }) account: string;
  @ApiProperty() name: string;
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
  @ApiProperty({ description: 'Debits minus credits' }) balanceFen: number;
}

export class TrialBalanceTotalsView {
  @ApiProperty() debitFen: number;
  @ApiProperty() creditFen: number;
}

export class TrialBalanceView {
  @ApiProperty({ type: [TrialBalanceAccountView] }) accounts: TrialBalanceAccountView[];
  @ApiProperty({ type: TrialBalanceTotalsView }) totals: TrialBalanceTotalsView;
  @ApiProperty({ description: 'Total debits equal total credits' }) balanced: boolean;
}
