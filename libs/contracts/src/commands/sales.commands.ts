import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { MONEY_DISPOSITIONS, PAYMENT_TERMS, type MoneyDisposition, type PaymentTerms } from '../events/sales.events.js';
import { PageQuery } from './pagination.js';

export const SalesRpc = {
  registerCustomer: 'register-customer',
  listCustomers: 'list-customers',
  placeOrder: 'place-order',
  getOrder: 'get-order',
  listOrders: 'list-orders',
  approveOrder: 'approve-order',
  rejectOrder: 'reject-order',
  cancelOrder: 'cancel-order',
} as const;

export class RegisterCustomerRequest {
  @ApiProperty({ example: 'C-0001', description: 'Unique customer code' })
  @IsString() @Length(1, 32) @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may hold letters, digits and dashes only' })
  code: string;

  @ApiProperty({ example: '上海晨光贸易有限公司' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'East China' })
  @IsOptional() @IsString() @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: '+86 21 5555 0101' })
  @IsOptional() @IsString() @Length(3, 40)
  phone?: string;
}

export class ShipToRequest {
  @ApiProperty({ example: '王芳' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: '+86 138 0000 0000' }) @IsString() @Length(3, 40) phone: string;
  @ApiProperty({ example: '上海市浦东新区世纪大道 100 号' }) @IsString() @Length(1, 300) address: string;
}

export class OrderLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'SKU code' })
  @IsString() @Length(1, 64)
  sku: string;

  @ApiProperty({ example: 2, minimum: 1, description: 'Positive whole number in the SKU unit' })
  @IsInt() @Min(1) @Max(1_000_000)
  quantity: number;

  @ApiProperty({ example: 12800, minimum: 0, description: 'Unit price in fen (1 CNY = 100 fen)' })
  @IsInt() @Min(0) @Max(100_000_000_000)
  unitPriceFen: number;
}

export class PlaceOrderRequest {
  @ApiProperty({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f' })
  @IsUUID()
  customerId: string;

  @ApiProperty({ enum: PAYMENT_TERMS, example: 'prepaid' })
  @IsIn(PAYMENT_TERMS)
  paymentTerms: PaymentTerms;

  @ApiProperty({ type: ShipToRequest })
  @IsObject() @ValidateNested() @Type(() => ShipToRequest)
  shipTo: ShipToRequest;

  @ApiProperty({ example: 'express' })
  @IsString() @Length(1, 50)
  shippingMethod: string;

  @ApiProperty({ example: '2026-12-01', description: 'Requested delivery date (Asia/Shanghai calendar)' })
  @IsISO8601({ strict: true })
  requestedDate: string;

  @ApiProperty({ type: [OrderLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: OrderLineRequest[];
}

export const ORDER_STATUSES = [
  'draft', 'pending_approval', 'approved', 'awaiting_payment', 'backordered', 'ready_to_ship',
  'shipped', 'delivered', 'closed', 'cancelled', 'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional() @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  customerId?: string;
}

export class GetOrderRequest {
  @IsUUID() id: string;
}

export class ListCustomersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the code or name', example: '晨光' })
  @IsOptional() @IsString() @IsNotEmpty()
  search?: string;
}

export class ApproveOrderRequest {
  @IsUUID() id: string;
}

export class RejectOrderBody {
  @ApiProperty({ example: 'Discount not justified by volume', description: 'Why, for the rep and the history' }) @IsString() @Length(1, 500) reason: string;
}

export class RejectOrderRequest extends RejectOrderBody {
  @IsUUID() id: string;
}

export class CancelOrderBody {
  @ApiProperty({ example: 'Customer changed their mind' }) @IsString() @Length(1, 500) reason: string;
  @ApiProperty({ enum: MONEY_DISPOSITIONS, example: 'keep_as_prepayment', description: 'What finance does with money already paid: refund it, or keep it as the customer\'s prepayment' })
  @IsIn(MONEY_DISPOSITIONS) moneyDisposition: MoneyDisposition;
}

export class CancelOrderRequest extends CancelOrderBody {
  @IsUUID() id: string;
}
