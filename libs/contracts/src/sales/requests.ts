import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsText } from '../text.js';
import { MONEY_DISPOSITIONS, PAYMENT_TERMS, type MoneyDisposition, type PaymentTerms } from './events.js';
import { PageQuery, ReportPeriodQuery } from '../common.js';

/** A unified social credit code (统一社会信用代码): 18 characters from the GB 32100 alphabet. */
export const TAX_ID = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;

export class RegisterCustomerRequest {
  @ApiProperty({ example: 'C-0001', description: 'Unique customer code' })
  @IsText(32) @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may hold letters, digits and dashes only' })
  code: string;

  @ApiProperty({ example: '上海晨光贸易有限公司' })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ example: 'East China' })
  @IsOptional() @IsText(100)
  region?: string;

  @ApiPropertyOptional({ example: '+86 21 5555 0101' })
  @IsOptional() @IsText(40, 3)
  phone?: string;

  @ApiPropertyOptional({ example: '李强', description: 'The person to talk to at the customer' })
  @IsOptional() @IsText(100)
  contactName?: string;

  @ApiPropertyOptional({ example: 'sales_rep', description: 'Username of the sales rep who looks after the customer' })
  @IsOptional() @IsText(64)
  assignedRep?: string;

  @ApiPropertyOptional({
    example: '91310000MA1FL8XQ30',
    description: 'The buyer\'s taxpayer id (统一社会信用代码, 18 characters) printed on its invoices; upper case letters and digits, no I, O, S, V or Z',
  })
  @IsOptional() @Matches(TAX_ID, { message: 'taxId must be an 18-character unified social credit code (digits and upper case letters other than I, O, S, V, Z)' })
  taxId?: string;
}

export class RequestCreditChangeBody {
  @ApiProperty({ enum: CREDIT_GRADES, example: 'B', description: 'A best … D never on credit (pays before delivery)' })
  @IsIn(CREDIT_GRADES) grade: (typeof CREDIT_GRADES)[number];

  @ApiProperty({ example: 5_000_000, minimum: 0, description: 'Credit limit in fen; 0 for grade D' })
  @IsInt() @Min(0) @Max(100_000_000_000_00) creditLimitFen: number;

  @ApiProperty({ example: 30, minimum: 0, maximum: 365, description: 'Days from invoice to due date; 0 for grade D' })
  @IsInt() @Min(0) @Max(365) paymentTermsDays: number;

  @ApiProperty({ example: 'Two years of punctual payment; volume doubled', description: 'Why, for the approvers' })
  @IsText(500) reason: string;
}

export class RequestCreditChangeRequest extends RequestCreditChangeBody {
  @IsUUID() customerId: string;
}

export const CREDIT_CHANGE_STATUSES = ['pending_manager', 'pending_vp', 'approved', 'rejected'] as const;

export class ListCreditChangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CREDIT_CHANGE_STATUSES }) @IsOptional() @IsIn(CREDIT_CHANGE_STATUSES) status?: (typeof CREDIT_CHANGE_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}

export class RejectCreditChangeBody {
  @ApiProperty({ example: 'Overdue twice this year' }) @IsText(500) reason: string;
}

export class RejectCreditChangeRequest extends RejectCreditChangeBody {
  @IsUUID() id: string;
}

export class PriceListLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 12800, minimum: 0, description: 'List price in fen, VAT included' }) @IsInt() @Min(0) @Max(100_000_000_000) listPriceFen: number;
  @ApiProperty({ example: 11000, minimum: 0, description: 'Lowest price without the general manager, in fen' }) @IsInt() @Min(0) @Max(100_000_000_000) floorPriceFen: number;
}

export class CreatePriceListRequest {
  @ApiProperty({ example: '2027 spring list' }) @IsText(100) name: string;
  @ApiProperty({ example: '2027-01-01', description: 'First business day it applies' }) @IsISO8601({ strict: true }) @Length(10, 10) validFrom: string;
  @ApiPropertyOptional({ example: '2027-06-30', description: 'Last business day it applies; open-ended when left out' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) validTo?: string;
  @ApiProperty({ type: [PriceListLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => PriceListLineRequest) @ArrayMinSize(1) @ArrayMaxSize(5000)
  lines: PriceListLineRequest[];
}

export const PRICE_LIST_STATUSES = ['draft', 'approved'] as const;

export class ListPriceListsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRICE_LIST_STATUSES }) @IsOptional() @IsIn(PRICE_LIST_STATUSES) status?: (typeof PRICE_LIST_STATUSES)[number];
  @ApiPropertyOptional({ example: 'SKU-TEA-001', description: 'Only lists that price this SKU' }) @IsOptional() @IsText(64) sku?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Only lists valid on this date' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) validOn?: string;
}

export class ListPriceQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Business date; today when left out' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) on?: string;
}

export class GetListPriceRequest extends ListPriceQuery {
  @IsText(64) sku: string;
}

export class ListShortagesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'filled'], description: 'open: still waiting for stock' }) @IsOptional() @IsIn(['open', 'filled']) status?: 'open' | 'filled';
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(64) sku?: string;
}

export const NOTICE_STATUSES = ['due', 'scheduled', 'told'] as const;
export const NOTICE_CHANNELS = ['phone', 'sms', 'email', 'wechat'] as const;

export class ListShippingNoticesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES, description: 'due: the customer should be told today or earlier and has not been; scheduled: not yet due; told: done' })
  @IsOptional() @IsIn(NOTICE_STATUSES) status?: (typeof NOTICE_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}

export class RecordCustomerToldBody {
  @ApiProperty({ enum: NOTICE_CHANNELS, example: 'phone' }) @IsIn(NOTICE_CHANNELS) via: (typeof NOTICE_CHANNELS)[number];
  @ApiPropertyOptional({ example: 'Customer will receive on Tuesday' }) @IsOptional() @IsText(500) note?: string;
}

export class RecordCustomerToldRequest extends RecordCustomerToldBody {
  @IsUUID() shipmentId: string;
}

export class ShipToRequest {
  @ApiProperty({ example: '王芳' }) @IsText(100) name: string;
  @ApiProperty({ example: '+86 138 0000 0000' }) @IsText(40, 3) phone: string;
  @ApiProperty({ example: '上海市浦东新区世纪大道 100 号' }) @IsText(300) address: string;
}

export class OrderLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'SKU code' })
  @IsText(64)
  sku: string;

  @ApiProperty({ example: 2, minimum: 1, description: 'Positive whole number in the SKU unit' })
  @IsInt() @Min(1) @Max(1_000_000)
  quantity: number;

  @ApiPropertyOptional({
    example: 12800, minimum: 0,
    description: 'Agreed unit price in fen (1 CNY = 100 fen). Left out, the list price valid today applies; below the list price it is a discount that needs approval (up to 3%: sales manager; more: sales VP; below the floor price: general manager).',
  })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_000)
  unitPriceFen?: number;
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
  @IsText(50)
  shippingMethod: string;

  @ApiProperty({ example: '2026-12-01', description: 'Requested delivery date (Asia/Shanghai calendar)' })
  @IsISO8601({ strict: true })
  requestedDate: string;

  @ApiProperty({ type: [OrderLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: OrderLineRequest[];

  @ApiPropertyOptional({
    example: 10000, minimum: 0,
    description: 'The deposit the agreement requires, in fen, when it is less than the whole: a first payment below it waits for a sales manager and a finance manager. Left out: the whole total for a prepaid order, nothing for a credit order. Not above the total.',
  })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_000_00)
  requiredDepositFen?: number;

  @ApiPropertyOptional({
    format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e70',
    description: 'A price hold of this customer (sales/price-holds): placed on or before its date, its agreed prices apply and the order uses it up; after it, the current price applies and the lines say so.',
  })
  @IsOptional() @IsUUID()
  priceHoldId?: string;
}

export const ORDER_STATUSES = [
  'draft', 'pending_approval', 'approved', 'awaiting_payment', 'backordered', 'ready_to_ship',
  'shipped', 'delivered', 'closed', 'cancelled', 'rejected', 'awaiting_confirmation', 'in_production',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_PAYMENT_STATES = ['unpaid', 'paid'] as const;
export type OrderPaymentState = (typeof ORDER_PAYMENT_STATES)[number];
export const ORDER_FULFILMENT_STATES = ['unreserved', 'backordered', 'reserved', 'shipped_in_part', 'shipped', 'delivered'] as const;
export type OrderFulfilmentState = (typeof ORDER_FULFILMENT_STATES)[number];

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional() @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: PAYMENT_TERMS }) @IsOptional() @IsIn(PAYMENT_TERMS) paymentTerms?: PaymentTerms;
  @ApiPropertyOptional({ example: 'SO-2026-000123', description: 'Order number, exactly' }) @IsOptional() @IsText(32) number?: string;
  @ApiPropertyOptional({ description: 'Only orders recorded by this user id' }) @IsOptional() @IsText(64) createdBy?: string;
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'Recorded at or after' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Recorded before' }) @IsOptional() @IsISO8601() to?: string;
}

export class ListCustomersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the code or name', example: '晨光' })
  @IsOptional() @IsText(200)
  search?: string;

  @ApiPropertyOptional({ example: 'East China' }) @IsOptional() @IsText(200) region?: string;
  @ApiPropertyOptional({ example: 'sales_rep' }) @IsOptional() @IsText(200) assignedRep?: string;
  @ApiPropertyOptional({ enum: CREDIT_GRADES }) @IsOptional() @IsIn(CREDIT_GRADES) grade?: (typeof CREDIT_GRADES)[number];
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only customers on (or off) credit hold' }) @IsOptional() @IsIn(['true', 'false']) onHold?: 'true' | 'false';
}

export class RejectOrderBody {
  @ApiProperty({ example: 'Discount not justified by volume', description: 'Why, for the rep and the history' }) @IsText(500) reason: string;
}

export class RejectOrderRequest extends RejectOrderBody {
  @IsUUID() id: string;
}

export class CancelOrderBody {
  @ApiProperty({ example: 'Customer changed their mind' }) @IsText(500) reason: string;
  @ApiProperty({ enum: MONEY_DISPOSITIONS, example: 'keep_as_prepayment', description: 'What finance does with money already paid: refund it, or keep it as the customer\'s prepayment' })
  @IsIn(MONEY_DISPOSITIONS) moneyDisposition: MoneyDisposition;
}

export class CancelOrderRequest extends CancelOrderBody {
  @IsUUID() id: string;
}

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only those not yet marked read' }) @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}

export class NotificationIdRequest {
  @IsInt() @Min(1) id: number;
}

export class ShippingExceptionBody {
  @ApiProperty({ example: 'Long-standing customer; payment promised by Friday in writing', description: 'The written reason, kept with the order' })
  @IsText(500) reason: string;
}

export class ShippingExceptionRequest extends ShippingExceptionBody {
  @IsUUID() id: string;
}

/** The period of the sales dashboard's daily report (`from`, `to`: business dates; the 30 days ending today by default). */
export class SalesDailyReportQuery extends ReportPeriodQuery {}
