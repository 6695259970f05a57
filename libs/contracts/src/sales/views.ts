import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDIT_CHANGE_STATUSES, CREDIT_GRADES, NOTICE_CHANNELS, ORDER_FULFILMENT_STATES, ORDER_PAYMENT_STATES, ORDER_STATUSES, PRICE_LIST_STATUSES, ShipToRequest, type OrderFulfilmentState, type OrderPaymentState, type OrderStatus } from './requests.js';
import { PAYMENT_TERMS, type PaymentTerms } from './events.js';

/** A customer's credit terms and what finance last reported about them. */
export class CustomerCreditView {
  @ApiProperty({ enum: CREDIT_GRADES, example: 'B' }) grade: string;
  @ApiProperty({ example: 5_000_000 }) creditLimitFen: number;
  @ApiProperty({ example: 30, description: 'Days from invoice to due date' }) paymentTermsDays: number;
  @ApiProperty({ example: 1_200_000, description: 'Open receivable, as finance last reported it' }) openReceivableFen: number;
  @ApiProperty({ example: 0, description: 'Part of the open receivable that is unpaid: not collected by the 5th of the month after it fell due' }) overdueFen: number;
  @ApiProperty({ description: 'Supply stopped by finance: no new orders' }) onHold: boolean;
  @ApiProperty({ nullable: true, type: String }) holdReason: string | null;
}

export class CustomerExposureView {
  @ApiProperty({ example: 300_000, description: 'Approved credit orders not yet invoiced' }) uninvoicedCreditOrdersFen: number;
  @ApiProperty({ example: 1_500_000, description: 'Open receivable + approved credit orders not yet invoiced' }) exposureFen: number;
  @ApiProperty({ example: 3_500_000, description: 'Credit limit − exposure (may be negative)' }) availableCreditFen: number;
}

/** Response shapes: documented here once, and the services' views are typed against them. */
export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'C-0001' }) code: string;
  @ApiProperty({ example: '上海晨光贸易有限公司' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'East China' }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, example: '李强' }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'sales_rep' }) assignedRep: string | null;
  @ApiProperty({ nullable: true, type: String, example: '91310000MA1FL8XQ30', description: 'Taxpayer id printed on the customer\'s invoices' }) taxId: string | null;
  @ApiProperty({ type: CustomerCreditView }) credit: CustomerCreditView;
  @ApiPropertyOptional({ type: CustomerExposureView, description: 'Only when one customer is read' }) exposure?: CustomerExposureView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreditTermsView {
  @ApiProperty({ enum: CREDIT_GRADES }) grade: string;
  @ApiProperty() creditLimitFen: number;
  @ApiProperty() paymentTermsDays: number;
}

export class CreditChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CC-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: CREDIT_CHANGE_STATUSES, description: 'pending_manager → pending_vp → approved, or rejected at either step' }) status: string;
  @ApiProperty({ type: CreditTermsView }) proposed: CreditTermsView;
  @ApiProperty({ type: CreditTermsView, description: 'The terms when the change was requested' }) previous: CreditTermsView;
  @ApiProperty() reason: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) managerApprovedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) managerApprovedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved (VP step) or rejected' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
}

export class PriceListLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 12800 }) listPriceFen: number;
  @ApiProperty({ example: 11000 }) floorPriceFen: number;
}

export class PriceListView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PL-2026-000001' }) number: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PRICE_LIST_STATUSES, description: 'Only approved lists price orders' }) status: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validTo: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ type: [PriceListLineView] }) lines: PriceListLineView[];
}

export class ListPriceView extends PriceListLineView {
  @ApiProperty({ format: 'date', description: 'The business date asked about' }) on: string;
  @ApiProperty({ example: 'PL-2026-000001', description: 'The approved list the price comes from' }) priceListNumber: string;
}

export class ShortageView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ nullable: true, type: String, example: 'LJ-250' }) model: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'v2' }) version: string | null;
  @ApiProperty({ description: 'Quantity ordered' }) requested: number;
  @ApiProperty({ description: 'Available when the order was placed' }) available: number;
  @ApiProperty({ description: 'What was missing: requested − available' }) shortBy: number;
  @ApiProperty({ format: 'date' }) requestedDate: string;
  @ApiProperty({ nullable: true, type: Number, example: 1042, description: "The backorder's place in line, given by inventory: stock is reserved for shortages in this order, and the register is listed in it (null for shortages registered before inventory gave places)" }) sequence: number | null;
  @ApiProperty({ format: 'date-time', description: 'When sales registered the shortage' }) registeredAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When stock arrived and was reserved' }) filledAt: string | null;
}

export class OrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SO-2026-000123' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ enum: PAYMENT_TERMS }) paymentTerms: PaymentTerms;
  @ApiProperty({ enum: ['none', 'sales_manager', 'sales_vp', 'general_manager'], description: 'Who must approve: the highest level asked by total, discount and credit' }) approvalLevel: string;
  @ApiProperty({ type: [String], example: ['a discount of up to 3% off the list price'], description: 'Why approval is needed' }) approvalReasons: string[];
  @ApiProperty({ example: 25600, description: 'Order total in fen' }) totalFen: number;
  @ApiProperty({ example: 25600, description: 'The deposit the agreement requires before a first payment counts without approval, in fen' }) requiredDepositFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: ORDER_PAYMENT_STATES, description: 'Whether finance has confirmed full payment; `status` is read off this, `fulfilment` and whether the order is agreed' }) payment: OrderPaymentState;
  @ApiProperty({ enum: ORDER_FULFILMENT_STATES, description: 'Where the goods are: not yet reserved, waiting for stock, reserved, partly or wholly shipped, delivered' }) fulfilment: OrderFulfilmentState;
  @ApiProperty({ description: 'Inventory has reserved every line (fulfilment is reserved or beyond)' }) stockReserved: boolean;
  @ApiProperty({ description: 'Finance has confirmed full payment (payment is paid)' }) paid: boolean;
  @ApiProperty({ format: 'date' }) requestedDate: string;
  @ApiProperty({ example: false, description: 'Some line is made to order: the order waits for the customer\'s written confirmation, then for production (`in_production`)' }) madeToOrder: boolean;
  @ApiProperty({ enum: ['sale', 'replacement'], example: 'sale', description: '`replacement`: replacement parts for an after-sales complaint' }) kind: 'sale' | 'replacement';
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'A replacement order\'s complaint ticket' }) serviceTicketId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CS-2026-000001' }) serviceTicketNumber: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrderLineView {
  @ApiProperty() lineNo: number;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Left in shipments so far (orders may ship in part)' }) shippedQuantity: number;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() lineTotalFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'List price when the order was recorded' }) listPriceFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) floorPriceFen: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'PL-2026-000001' }) priceListNumber: string | null;
  @ApiProperty({ enum: ['list', 'promotion', 'price_hold'], example: 'promotion', description: 'Where the line\'s base price came from: the price list, a promotion in force on the order\'s business date, or an honoured price hold' })
  priceBasis: 'list' | 'promotion' | 'price_hold';
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The promotion that priced the line' }) promotionId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'PROMO-2026-000001' }) promotionCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The order\'s price hold, when it names this SKU (honoured or expired: see `priceNote`)' }) priceHoldId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'promotion PROMO-2026-000001', description: 'Why the line has its price, in words' }) priceNote: string | null;
  @ApiProperty({ example: false, description: 'Made for this order after its deposit, never reserved from stock (the SKU is made to order in inventory)' }) madeToOrder: boolean;
}

/** The customer's signed confirmation of an order with made-to-order lines (seed: 客户书面确认). */
export class WrittenConfirmationView {
  @ApiProperty({ example: 'DMS-2026-0815', description: 'Reference of the signed document in the document store' }) documentRef: string;
  @ApiProperty({ example: '王芳', description: 'Who signed for the customer' }) signedBy: string;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) signedOn: string;
  @ApiProperty({ example: 'sales_assistant', description: 'The order clerk who recorded it' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

/** What finance told the customer was left to pay when the order's production finished (seed: 尾款通知). */
export class BalanceNoticeView {
  @ApiProperty({ example: 70_000, description: 'Total − paid, in fen' }) balanceFen: number;
  @ApiProperty({ example: 30_000 }) paidFen: number;
  @ApiProperty({ example: 100_000 }) totalFen: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
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
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) toldAt: string | null;
  @ApiProperty({ nullable: true, type: String }) toldBy: string | null;
  @ApiProperty({ nullable: true, type: String, enum: NOTICE_CHANNELS }) toldVia: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the customer signed the delivery receipt' }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deliverySignedBy: string | null;
}

/** A notice as the sales assistant's call list shows it: whom to tell, how to reach them. */
export class ShippingNoticeTaskView extends ShippingNoticeView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000123' }) orderNumber: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ type: ShipToRequest }) shipTo: ShipToRequest;
}

export class OrderView extends OrderSummaryView {
  @ApiProperty({ type: ShipToRequest }) shipTo: ShipToRequest;
  @ApiProperty({ nullable: true, type: String, description: 'The sales VP\'s written reason to let it ship unpaid or despite an overdue credit sale' }) shippingException: string | null;
  @ApiProperty() shippingMethod: string;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
  @ApiProperty({ type: [OrderTransitionView], description: 'Every transition, oldest first' }) history: OrderTransitionView[];
  @ApiPropertyOptional({ type: [ShippingNoticeView] }) shippingNotices: ShippingNoticeView[];
  @ApiProperty({ nullable: true, type: WrittenConfirmationView, description: 'Orders with made-to-order lines: the customer\'s written confirmation, which placed the order' }) writtenConfirmation: WrittenConfirmationView | null;
  @ApiProperty({ nullable: true, type: BalanceNoticeView, description: 'Made-to-order orders: the balance the customer was told when production finished' }) balanceNotice: BalanceNoticeView | null;
}

export class NotificationView {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ example: 'order-expired' }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ example: 'Order SO-2026-000123 for 上海晨光贸易有限公司 was cancelled: not paid within 7 days. …' }) message: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
}

/** One business date of the sales dashboard. */
export class SalesDayView {
  @ApiProperty({ example: '2026-11-30', description: 'Business date (Asia/Shanghai)' }) date: string;
  @ApiProperty({ example: 4, description: 'Orders placed (approved) that day, whatever became of them since' }) ordersPlaced: number;
  @ApiProperty({ example: 1_256_000, description: 'Their totals, in fen' }) placedFen: number;
  @ApiProperty({ example: 1, description: 'Orders cancelled that day (by a person or on expiry), whenever they were placed' }) ordersCancelled: number;
}

/** What waits for a sales approver now. */
export class SalesPendingApprovalView {
  @ApiProperty({ example: 2, description: 'Orders in `pending_approval`' }) orders: number;
  @ApiProperty({ example: 1, description: 'Credit changes not yet decided (`pending_manager` or `pending_vp`)' }) creditChanges: number;
  @ApiProperty({ example: 1, description: 'Price lists in `draft`, waiting for approval' }) priceLists: number;
}

/** Orders placed and cancelled per business date of a period, and what waits for approval now. */
export class SalesDailyReportView {
  @ApiProperty({ example: '2026-11-01', description: 'First business date of the period' }) from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last business date of the period' }) to: string;
  @ApiProperty({ type: [SalesDayView], description: 'Every date of the period, oldest first; zeros on a date when nothing happened' }) days: SalesDayView[];
  @ApiProperty({ type: SalesPendingApprovalView }) pendingApproval: SalesPendingApprovalView;
}
