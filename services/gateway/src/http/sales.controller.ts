import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CancelOrderBody, CreatePriceListRequest, CreditChangeView, CustomerView, ListCreditChangesQuery, ListCustomersQuery, ListOrdersQuery, ListPriceListsQuery, ListPriceQuery,
  ListNotificationsQuery, ListPriceView, ListShippingNoticesQuery, NotificationView, ListShortagesQuery, OrderSummaryView, OrderView, PlaceOrderRequest, PriceListView, RecordCustomerToldBody, RegisterCustomerRequest,
  RejectCreditChangeBody, RejectOrderBody, RequestCreditChangeBody, SalesRpc, ShippingExceptionBody, ShippingNoticeTaskView, ShortageView,
} from '@ops/contracts';
import { Allow } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ProblemDoc } from './problem.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('sales')
@Controller('sales')
export class SalesController {
  constructor(private readonly bus: ServiceBus) {}

  @Allow('sales', SalesRpc.registerCustomer)
  @Post('customers')
  @HttpCode(201)
  @CreateDoc('Register a customer', CustomerView, [409], 'A new customer is grade D with no credit (pays before delivery) until a credit change is approved.')
  registerCustomer(@Req() req: AuthenticatedRequest, @Body() body: RegisterCustomerRequest) {
    return this.bus.call(req, 'sales', SalesRpc.registerCustomer, body);
  }

  @Allow('sales', SalesRpc.listCustomers)
  @Get('customers')
  @ReadDoc('List customers, by code', PageOf(CustomerView))
  listCustomers(@Req() req: AuthenticatedRequest, @Query() query: ListCustomersQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listCustomers, query);
  }

  @Allow('sales', SalesRpc.placeOrder)
  @Post('orders')
  @HttpCode(201)
  @CreateDoc(
    'Record an order',
    OrderView,
    [422],
    'Prices each line from the approved price list valid today (422 `no-list-price` naming `lines.<i>.sku` when none prices it); a ' +
      '`unitPriceFen` below the list price is a discount. The order waits in `pending_approval` for the highest level any rule asks ' +
      '(`approvalReasons` says which): from 100,000 CNY a sales manager, from 500,000 the sales VP, from 5,000,000 the general manager; ' +
      'a discount up to 3% a sales manager, above 3% the sales VP, below the floor price the general manager; a credit order over the ' +
      'customer\'s limit or for a customer with an overdue credit sale the sales VP. Refused with 422 `credit-refused`: any order for a ' +
      'customer on credit hold, a credit order for grade D. Otherwise it is placed at once (`approved`): inventory reserves its stock ' +
      '(→ `awaiting_payment`, or `ready_to_ship` on credit, or `backordered` when stock is short) and finance opens the amount due.',
  )
  placeOrder(@Req() req: AuthenticatedRequest, @Body() body: PlaceOrderRequest) {
    return this.bus.call(req, 'sales', SalesRpc.placeOrder, body);
  }

  @Allow('sales', SalesRpc.listOrders)
  @Get('orders')
  @ReadDoc('List orders, newest first', PageOf(OrderSummaryView))
  listOrders(@Req() req: AuthenticatedRequest, @Query() query: ListOrdersQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listOrders, query);
  }

  @Allow('sales', SalesRpc.getOrder)
  @Get('orders/:id')
  @ReadDoc('Read an order with its lines, history and shipping notices', OrderView, [404])
  getOrder(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.getOrder, { id });
  }

  @Post('orders/:id/approve')
  @HttpCode(200)
  @Allow('sales', SalesRpc.approveOrder)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The creator of the order (`self-approval`), or an approver below its level (`approval-level`)' })
  @ReadDoc(
    'Approve a pending order',
    OrderView,
    [404, 409],
    'Orders from 100,000 CNY need a sales manager, from 500,000 the sales VP, from 5,000,000 the general manager; a higher role ' +
      'may approve a lower level, the creator never. Approval places the order (inventory reserves it, finance opens the amount due).',
  )
  approveOrder(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.approveOrder, { id });
  }

  @Post('orders/:id/reject')
  @HttpCode(200)
  @Allow('sales', SalesRpc.rejectOrder)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The creator of the order, or an approver below its level' })
  @ReadDoc('Reject a pending order', OrderView, [404, 409], 'The reason is kept in the order\'s history.')
  rejectOrder(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: RejectOrderBody) {
    return this.bus.call(req, 'sales', SalesRpc.rejectOrder, { id, ...body });
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @Allow('sales', SalesRpc.cancelOrder)
  @ReadDoc(
    'Cancel an order before it ships',
    OrderView,
    [404, 409],
    'Inventory releases the reserved stock; money already paid is refunded or kept as the customer\'s prepayment, as `moneyDisposition` says. 409 once shipped.',
  )
  cancelOrder(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelOrderBody) {
    return this.bus.call(req, 'sales', SalesRpc.cancelOrder, { id, ...body });
  }

  @Post('orders/:id/shipping-exception')
  @HttpCode(200)
  @Allow('sales', SalesRpc.approveShippingException)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'Not the sales VP or above, or the order\'s creator (`self-approval`)' })
  @ReadDoc(
    'Approve a written shipping exception',
    OrderView,
    [404, 409],
    'The sales VP lets a placed order go to the warehouse before it is paid, or on credit for a customer with an overdue credit sale ' +
      '(which otherwise waits: 422 `customer-overdue` from inventory). The reason is kept on the order and in its history. Once per order, before it ships.',
  )
  approveShippingException(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ShippingExceptionBody) {
    return this.bus.call(req, 'sales', SalesRpc.approveShippingException, { id, ...body });
  }

  @Allow('sales', SalesRpc.getCustomer)
  @Get('customers/:id')
  @ReadDoc('Read a customer with credit terms and exposure', CustomerView, [404], 'Exposure = open receivable (as finance reports it) + approved credit orders not yet invoiced.')
  getCustomer(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.getCustomer, { id });
  }

  @Allow('sales', SalesRpc.requestCreditChange)
  @Post('customers/:id/credit-changes')
  @HttpCode(201)
  @CreateDoc(
    'Ask to change a customer\'s credit grade, limit or terms',
    CreditChangeView,
    [404, 409],
    'Takes effect only after a sales manager and then the sales VP approve it (two different people, neither the requester). ' +
      'Grade D must have limit 0 and 0 days; a limit needs at least 1 day of terms. 409 while another change of that customer is pending.',
  )
  requestCreditChange(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) customerId: string, @Body() body: RequestCreditChangeBody) {
    return this.bus.call(req, 'sales', SalesRpc.requestCreditChange, { customerId, ...body });
  }

  @Allow('sales', SalesRpc.listCreditChanges)
  @Get('credit-changes')
  @ReadDoc('List credit changes, newest first', PageOf(CreditChangeView))
  listCreditChanges(@Req() req: AuthenticatedRequest, @Query() query: ListCreditChangesQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listCreditChanges, query);
  }

  @Post('credit-changes/:id/approve')
  @HttpCode(200)
  @Allow('sales', SalesRpc.approveCreditChange)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The requester (`self-approval`), the wrong step\'s role (`approval-level`), or the manager approving again as VP (`same-approver`)' })
  @ReadDoc('Approve a credit change (sales manager step, then sales VP step)', CreditChangeView, [404, 409], 'The VP step puts the new terms in force at once.')
  approveCreditChange(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.approveCreditChange, { id });
  }

  @Post('credit-changes/:id/reject')
  @HttpCode(200)
  @Allow('sales', SalesRpc.rejectCreditChange)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The requester, or a role below the pending step' })
  @ReadDoc('Reject a credit change', CreditChangeView, [404, 409])
  rejectCreditChange(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: RejectCreditChangeBody) {
    return this.bus.call(req, 'sales', SalesRpc.rejectCreditChange, { id, ...body });
  }

  @Allow('sales', SalesRpc.createPriceList)
  @Post('price-lists')
  @HttpCode(201)
  @CreateDoc('Draft a price list', PriceListView, [], 'A draft prices nothing until a finance manager or the sales VP (not its author) approves it. 400 names each bad line: floor above list, a SKU twice, an end before the start.')
  createPriceList(@Req() req: AuthenticatedRequest, @Body() body: CreatePriceListRequest) {
    return this.bus.call(req, 'sales', SalesRpc.createPriceList, body);
  }

  @Allow('sales', SalesRpc.listPriceLists)
  @Get('price-lists')
  @ReadDoc('List price lists, newest first', PageOf(PriceListView))
  listPriceLists(@Req() req: AuthenticatedRequest, @Query() query: ListPriceListsQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listPriceLists, query);
  }

  @Allow('sales', SalesRpc.getPriceList)
  @Get('price-lists/:id')
  @ReadDoc('Read a price list with its lines', PriceListView, [404])
  getPriceList(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.getPriceList, { id });
  }

  @Post('price-lists/:id/approve')
  @HttpCode(200)
  @Allow('sales', SalesRpc.approvePriceList)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The author of the list (`self-approval`)' })
  @ReadDoc('Approve a price list: it prices orders from its first valid day', PriceListView, [404, 409], 'When two approved lists price a SKU on the same day, the later approval wins.')
  approvePriceList(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.approvePriceList, { id });
  }

  @Allow('sales', SalesRpc.getListPrice)
  @Get('prices/:sku')
  @ReadDoc('The list and floor price of a SKU on a day', ListPriceView, [404], 'What an order line for the SKU is priced at when no unit price is given.')
  getListPrice(@Req() req: AuthenticatedRequest, @Param('sku') sku: string, @Query() query: ListPriceQuery) {
    return this.bus.call(req, 'sales', SalesRpc.getListPrice, { sku, ...query });
  }

  @Allow('sales', SalesRpc.listShortages)
  @Get('shortages')
  @ReadDoc('The shortage register, oldest first', PageOf(ShortageView), [], 'What backordered orders lack; stock that arrives is reserved for them in this order.')
  listShortages(@Req() req: AuthenticatedRequest, @Query() query: ListShortagesQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listShortages, query);
  }

  @Allow('sales', SalesRpc.listShippingNotices)
  @Get('shipping-notices')
  @ReadDoc('Customers to tell about their shipment', PageOf(ShippingNoticeTaskView), [], '`status=due`: shipped yesterday or earlier and not yet told: method, carrier, tracking number and pieces.')
  listShippingNotices(@Req() req: AuthenticatedRequest, @Query() query: ListShippingNoticesQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listShippingNotices, query);
  }

  @Post('shipping-notices/:shipmentId/told')
  @HttpCode(200)
  @Allow('sales', SalesRpc.recordCustomerTold)
  @ReadDoc('Record that the customer was told about a shipment', ShippingNoticeTaskView, [404, 409])
  recordCustomerTold(@Req() req: AuthenticatedRequest, @Param('shipmentId', new ParseUUIDPipe()) shipmentId: string, @Body() body: RecordCustomerToldBody) {
    return this.bus.call(req, 'sales', SalesRpc.recordCustomerTold, { shipmentId, ...body });
  }

  @Allow('sales', SalesRpc.listMyNotifications)
  @Get('notifications')
  @ReadDoc('My notifications, newest first', PageOf(NotificationView), [], 'E.g. `order-expired`: a prepaid order you recorded was not paid in time and was cancelled.')
  listMyNotifications(@Req() req: AuthenticatedRequest, @Query() query: ListNotificationsQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listMyNotifications, query);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Allow('sales', SalesRpc.markNotificationRead)
  @ReadDoc('Mark one of my notifications read', NotificationView, [404])
  markNotificationRead(@Req() req: AuthenticatedRequest, @Param('id', new ParseIntPipe()) id: number) {
    return this.bus.call(req, 'sales', SalesRpc.markNotificationRead, { id });
  }
}
