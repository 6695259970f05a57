import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

export class StockLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsInt() @Min(1) quantity: number;
}

export class StockReservedData {
  @IsUUID() orderId: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => StockLineData) @ArrayMinSize(1) lines: StockLineData[];
}

export const StockReserved = defineEvent({
  type: 'inventory.stock.reserved',
  version: 1,
  source: 'inventory',
  payload: StockReservedData,
  description: 'Every line of an order is reserved: sales moves the order on to payment or shipping.',
});

export class ShortageLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) requested: number;
  @IsInt() @Min(0) available: number;
  /** The SKU's model and version, for the shortage register (optional: added in place). */
  @IsOptional() @IsString() model?: string;
  @IsOptional() @IsString() version?: string;
}

export class StockShortageData {
  @IsUUID() orderId: string;
  /**
   * The backorder's place in line, assigned once by inventory: stock is reserved for backorders in this
   * order, so the shortage register is kept in it (optional: added in place; absent from older events).
   */
  @IsOptional() @IsInt() @Min(1) sequence?: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ShortageLineData) @ArrayMinSize(1) shortages: ShortageLineData[];
}

export const StockShortage = defineEvent({
  type: 'inventory.stock.shortage',
  version: 1,
  source: 'inventory',
  payload: StockShortageData,
  description: 'An order could not be reserved in full, or earlier backorders wait for its SKUs; nothing was reserved: sales backorders it and registers the shortage at the place in line inventory gave it.',
});

export class ShippedLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
}

export class GoodsShippedData {
  @IsUUID() shipmentId: string;
  @IsString() @IsNotEmpty() shipmentNumber: string;
  @IsUUID() orderId: string;
  @IsString() @IsNotEmpty() carrier: string;
  @IsString() @IsNotEmpty() trackingNumber: string;
  @IsInt() @Min(1) pieces: number;
  @IsISO8601() shippedAt: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ShippedLineData) @ArrayMinSize(1) lines: ShippedLineData[];
  /** Whether the order has nothing left to ship after this one (added in place; absent means true). */
  @IsOptional() @IsBoolean() complete?: boolean;
}

export const GoodsShipped = defineEvent({
  type: 'inventory.goods.shipped',
  version: 1,
  source: 'inventory',
  payload: GoodsShippedData,
  description: 'A shipment left with carrier, tracking number and pieces: sales marks it shipped, finance invoices, security expects it at the gate.',
});

export class DeliveryConfirmedData {
  @IsUUID() shipmentId: string;
  @IsUUID() orderId: string;
  @IsString() @IsNotEmpty() signedBy: string;
  @IsISO8601() signedAt: string;
}

export const DeliveryConfirmed = defineEvent({
  type: 'inventory.delivery.confirmed',
  version: 1,
  source: 'inventory',
  payload: DeliveryConfirmedData,
  description: 'The customer signed the delivery receipt: sales marks the order delivered and closes it when paid.',
});
