import { IsIn, IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { RECEIPT_METHODS, type ReceiptMethod } from './requests.js';
import { defineEvent } from '../event-contract.js';

export class PaymentConfirmedData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(0) totalFen: number;
  @IsInt() @Min(0) paidFen: number;
}

export const PaymentConfirmed = defineEvent({
  type: 'finance.payment.confirmed',
  version: 1,
  source: 'finance',
  payload: PaymentConfirmedData,
  description: 'An order is fully paid: sales marks it paid, inventory releases it for picking.',
});

/**
 * A customer's receivable position after a change. `revision` grows with every change of that customer,
 * so a consumer keeps the highest it has seen and ignores older ones arriving late. `overdueFen` is the
 * part that is unpaid (collection rules 9-05: not collected by the 5th of the month after the due date),
 * not merely past its due date: it is what makes a new credit order need the sales VP and holds shipments.
 */
export class ReceivableChangedData {
  @IsUUID() customerId: string;
  @IsInt() @Min(1) revision: number;
  @IsInt() @Min(0) openFen: number;
  @IsInt() @Min(0) overdueFen: number;
  @IsOptional() @IsISO8601({ strict: true }) oldestDueDate?: string;
  @IsString() @Length(1, 200) reason: string;
}

export const ReceivableChanged = defineEvent({
  type: 'finance.receivable.changed',
  version: 1,
  source: 'finance',
  payload: ReceivableChangedData,
  description: "A customer's open or overdue (unpaid) receivable changed: sales keeps the customer's credit exposure, inventory holds an overdue customer's credit-terms orders.",
});

export class CreditHoldData {
  @IsUUID() customerId: string;
  @IsString() @Length(1, 500) reason: string;
}

export const CustomerCreditHold = defineEvent({
  type: 'finance.customer.credit-hold',
  version: 1,
  source: 'finance',
  payload: CreditHoldData,
  description: 'Supply to the customer is stopped: sales refuses new orders for them, inventory picks and ships nothing of theirs.',
});

export const CustomerCreditReleased = defineEvent({
  type: 'finance.customer.credit-released',
  version: 1,
  source: 'finance',
  payload: CreditHoldData,
  description: 'Supply to the customer resumes: sales takes their orders again, inventory picks and ships for them again.',
});

/** A refund of a cancelled order was paid back to the customer, by a cashier, the way its money came in. */
export class RefundIssuedData {
  @IsUUID() refundId: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(1) amountFen: number;
  @IsIn(RECEIPT_METHODS) method: ReceiptMethod;
  @IsISO8601({ strict: true }) paidAt: string;
  /** The return whose credit note the refund pays (added in place: optional; absent for a cancelled order's refund). */
  @IsOptional() @IsUUID() returnId?: string;
}

export const RefundIssued = defineEvent({
  type: 'finance.refund.issued',
  version: 1,
  source: 'finance',
  payload: RefundIssuedData,
  description: 'A refund due was paid back to the customer (cash, POS or transfer, as the money came in): a cancelled order\'s, or a return\'s credit (`returnId`).',
});

export class ReceiptCountedData {
  @IsUUID() receiptId: string;
  @IsString() @IsNotEmpty() receiptNumber: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsIn(RECEIPT_METHODS) method: ReceiptMethod;
  @IsInt() @Min(1) amountFen: number;
  /** The cashier's business day the money belongs to (YYYY-MM-DD, Asia/Shanghai). */
  @IsISO8601({ strict: true }) receivedOn: string;
}

export const ReceiptCounted = defineEvent({
  type: 'finance.receipt.counted',
  version: 1,
  source: 'finance',
  payload: ReceiptCountedData,
  description:
    'Money for an order counted (cash and POS at once, a transfer once verified, a deposit below the required amount once both sides accepted it): ' +
    'sales keeps it per order for its reports of money actually received against sales.',
});

/**
 * A made-to-order order's deposit is in: its first payment counted (it reached the required deposit, or sales and
 * finance management accepted less). Sent once per order, and only for orders with made-to-order lines; an order
 * whose agreement requires no deposit (a free replacement) has it confirmed when its account opens.
 */
export class DepositConfirmedData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(0) requiredDepositFen: number;
  /** What had been paid when the deposit counted. */
  @IsInt() @Min(0) paidFen: number;
  @IsISO8601() confirmedAt: string;
}

export const DepositConfirmed = defineEvent({
  type: 'finance.deposit.confirmed',
  version: 1,
  source: 'finance',
  payload: DepositConfirmedData,
  description:
    'The deposit of an order with made-to-order lines has arrived (finance.payment.confirmed still means paid in full): ' +
    'inventory issues its production orders.',
});

/** The customer is told what is left to pay now that their made-to-order goods are finished (seed: 尾款通知). */
export class BalanceNoticeIssuedData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsInt() @Min(0) totalFen: number;
  @IsInt() @Min(0) paidFen: number;
  /** totalFen − paidFen: 0 when the order was already paid in full. */
  @IsInt() @Min(0) balanceFen: number;
  @IsISO8601() issuedAt: string;
}

export const BalanceNoticeIssued = defineEvent({
  type: 'finance.balance-notice.issued',
  version: 1,
  source: 'finance',
  payload: BalanceNoticeIssuedData,
  description:
    'Production of an order finished and the customer was told the balance due: sales shows it on the order. The goods ship only ' +
    'after finance.payment.confirmed (or credit terms, or the VP\'s exception).',
});
