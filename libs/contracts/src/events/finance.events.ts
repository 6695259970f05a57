import { IsInt, IsUUID, Min } from 'class-validator';
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
