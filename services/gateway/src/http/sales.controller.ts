import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CancelOrderBody, CustomerView, ListCustomersQuery, ListOrdersQuery, OrderSummaryView, OrderView, PlaceOrderRequest, RegisterCustomerRequest, RejectOrderBody, SalesRpc,
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
  @CreateDoc('Register a customer', CustomerView, [409])
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
    'Prices each line (quantity × unit price, in fen). An order under 100,000 CNY needs no approval and is placed at once ' +
      '(status `approved`): inventory then reserves its stock (the order moves to `awaiting_payment`, or `ready_to_ship` for ' +
      'credit terms, or `backordered` when stock is short) and finance opens the amount due. Larger orders wait in `pending_approval`.',
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
}
