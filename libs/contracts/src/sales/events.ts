import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

export const PAYMENT_TERMS = ['prepaid', 'credit'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

export class OrderLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsInt() @Min(0) unitPriceFen: number;
  @IsInt() @Min(0) lineTotalFen: number;
  /** Made for this order, not taken from stock: never reserved at placement, produced after the deposit (added in place: optional; absent means stocked). */
  @IsOptional() @IsBoolean() madeToOrder?: boolean;
}

export class OrderPlacedData {
  @IsUUID() orderId: string;
  @IsString() @IsNotEmpty() orderNumber: string;
  @IsUUID() customerId: string;
  @IsString() @IsNotEmpty() customerName: string;
  @IsIn(PAYMENT_TERMS) paymentTerms: PaymentTerms;
  @IsInt() @Min(0) totalFen: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineData) @ArrayMinSize(1) lines: OrderLineData[];
  /** Credit orders: days from invoice to due date, from the customer's approved terms (added in place: optional). */
  @IsOptional() @IsInt() @Min(0) @Max(365) creditTermsDays?: number;
  /**
   * The deposit the agreement requires before a first payment counts without approval: the whole total of a
   * prepaid order unless a lower one was agreed (added in place: optional; absent means the whole total when prepaid).
   */
  @IsOptional() @IsInt() @Min(0) requiredDepositFen?: number;
  /** The customer's taxpayer id, for the invoices (added in place: optional; absent when the customer has none on file). */
  @IsOptional() @IsString() customerTaxId?: string;
  /** The rep the sale counts for: the customer's assigned rep (username) when the order was placed, else who wrote it (added in place: optional). */
  @IsOptional() @IsString() salesRep?: string;
  /** The customer's region when the order was placed (added in place: optional). */
  @IsOptional() @IsString() region?: string;
  /** The delivery date the customer asked for, which production is planned against (added in place: optional). */
  @IsOptional() @IsISO8601({ strict: true }) requestedDate?: string;
  /** `replacement`: replacement parts for an after-sales complaint, confirmed by the business manager (added in place: optional; absent means `sale`). */
  @IsOptional() @IsIn(['sale', 'replacement']) kind?: 'sale' | 'replacement';
  /** The after-sales complaint (CS-…) a replacement order answers (added in place: optional). */
  @IsOptional() @IsString() serviceTicketNumber?: string;
}

export const OrderPlaced = defineEvent({
  type: 'sales.order.placed',
  version: 1,
  source: 'sales',
  payload: OrderPlacedData,
  description: 'An order was approved (placed): inventory reserves its stock, finance opens the amount due.',
});

export const MONEY_DISPOSITIONS = ['refund', 'keep_as_prepayment'] as const;
export type MoneyDisposition = (typeof MONEY_DISPOSITIONS)[number];

export class OrderCancelledData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsIn(MONEY_DISPOSITIONS) moneyDisposition: MoneyDisposition;
}

export const OrderCancelled = defineEvent({
  type: 'sales.order.cancelled',
  version: 1,
  source: 'sales',
  payload: OrderCancelledData,
  description: 'A placed order was cancelled before shipping: inventory releases its stock, finance refunds or keeps the money as prepayment.',
});

export class ShippingExceptionData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsString() @IsNotEmpty() reason: string;
}

export const ShippingExceptionApproved = defineEvent({
  type: 'sales.order.shipping-exception-approved',
  version: 1,
  source: 'sales',
  payload: ShippingExceptionData,
  description: 'The sales VP approved in writing that an order may ship unpaid, or to a customer with an overdue credit sale: inventory releases it for picking.',
});
