import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * Made-to-order production (in inventory, beside purchasing and the stock it fills). Inventory keeps which SKUs are made
 * to order and tells sales, which marks such lines on an order and asks for the customer's written confirmation; it
 * issues production orders once finance has confirmed an order's deposit, and tells finance when every production
 * order of a customer order has been received into stock for it, so the customer can be told the balance.
 */

export class SkuSupplyChangedData {
  @IsString() @IsNotEmpty() sku: string;
  /** true: made for each order after its deposit, never reserved from stock; false: stocked as before. */
  @IsBoolean() madeToOrder: boolean;
  /** Working days production needs from release to finished goods (0 for a stocked SKU). */
  @IsInt() @Min(0) leadDays: number;
  /** Grows with every change of the SKU's supply, so a consumer keeps the newest whatever order events arrive in. */
  @IsInt() @Min(1) revision: number;
}

export const SkuSupplyChanged = defineEvent({
  type: 'inventory.sku.supply-changed',
  version: 1,
  source: 'inventory',
  payload: SkuSupplyChangedData,
  description:
    'A SKU became made to order (with the days production needs) or stocked again: sales marks new order lines of it made to order, ' +
    'which are never reserved from stock and need the customer\'s written confirmation before the deposit is asked for.',
});

export class ProducedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsString() @IsNotEmpty() productionOrderNumber: string;
}

export class ProductionCompletedData {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ProducedLineData) @ArrayMinSize(1) lines: ProducedLineData[];
  /** When the last production order of the customer order was received into stock for it. */
  @IsISO8601() completedAt: string;
  /** The after-sales complaint the order replaces parts for, when it is a replacement order. */
  @IsOptional() @IsString() serviceTicketNumber?: string;
}

export const ProductionCompleted = defineEvent({
  type: 'inventory.production.completed',
  version: 1,
  source: 'inventory',
  payload: ProductionCompletedData,
  description:
    'Every made-to-order line of a customer order has been produced and received into stock, reserved for that order only: ' +
    'finance tells the customer the balance due; the order ships once paid in full (or on credit terms, or by the VP\'s exception).',
});
