import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
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
 * so a consumer keeps the highest it has seen and ignores older ones arriving late.
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
  description: "A customer's open or overdue receivable changed: sales keeps the customer's credit exposure.",
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
  description: 'Supply to the customer is stopped: sales refuses new orders for them.',
});

export const CustomerCreditReleased = defineEvent({
  type: 'finance.customer.credit-released',
  version: 1,
  source: 'finance',
  payload: CreditHoldData,
  description: 'Supply to the customer resumes: sales takes their orders again.',
});
