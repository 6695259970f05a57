import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

export const PAYMENT_TERMS = ['prepaid', 'credit'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

export class OrderLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsInt() @Min(0) unitPriceFen: number;
  @IsInt() @Min(0) lineTotalFen: number;
}

export class OrderPlacedData {
  @IsUUID() orderId: string;
  @IsString() @IsNotEmpty() orderNumber: string;
  @IsUUID() customerId: string;
  @IsString() @IsNotEmpty() customerName: string;
  @IsIn(PAYMENT_TERMS) paymentTerms: PaymentTerms;
  @IsInt() @Min(0) totalFen: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineData) @ArrayMinSize(1) lines: OrderLineData[];
}

export const OrderPlaced = defineEvent({
  type: 'sales.order.placed',
  version: 1,
  source: 'sales',
  payload: OrderPlacedData,
  description: 'An order was approved (placed): inventory reserves its stock, finance opens the amount due.',
});
