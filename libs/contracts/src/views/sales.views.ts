import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, ShipToRequest, type OrderStatus } from '../commands/sales.commands.js';
import { PAYMENT_TERMS, type PaymentTerms } from '../events/sales.events.js';

/** Response shapes: documented here once, and the services' views are typed against them. */
export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C-0001' }) code: string;
  @ApiProperty({ example: '上海晨光贸易有限公司' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'East China' }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SO-2026-000123' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ enum: PAYMENT_TERMS }) paymentTerms: PaymentTerms;
  @ApiProperty({ enum: ['none', 'sales_manager', 'sales_vp', 'general_manager'], description: 'Who must approve, by total' }) approvalLevel: string;
  @ApiProperty({ example: 25600, description: 'Order total in fen' }) totalFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ description: 'Inventory has reserved every line' }) stockReserved: boolean;
  @ApiProperty({ description: 'Finance has confirmed full payment' }) paid: boolean;
  @ApiProperty({ format: 'date' }) requestedDate: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrderLineView {
  @ApiProperty() lineNo: number;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() lineTotalFen: number;
}

export class OrderTransitionView {
  @ApiProperty({ enum: ORDER_STATUSES }) from: string;
  @ApiProperty({ enum: ORDER_STATUSES }) to: string;
  @ApiProperty({ example: 'stock reserved' }) reason: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ShippingNoticeView {
  @ApiProperty({ format: 'uuid' }) shipmentId: string;
  @ApiProperty() shippingMethod: string;
  @ApiProperty() carrier: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty() pieces: number;
  @ApiProperty({ format: 'date', description: 'Business day the customer is told (the day after shipping)' }) notifyOn: string;
}

export class OrderView extends OrderSummaryView {
  @ApiProperty({ type: ShipToRequest }) shipTo: ShipToRequest;
  @ApiProperty() shippingMethod: string;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
  @ApiProperty({ type: [OrderTransitionView], description: 'Every transition, oldest first' }) history: OrderTransitionView[];
  @ApiPropertyOptional({ type: [ShippingNoticeView] }) shippingNotices: ShippingNoticeView[];
}
