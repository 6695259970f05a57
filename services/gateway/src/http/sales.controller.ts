import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CustomerView, ListCustomersQuery, ListOrdersQuery, OrderSummaryView, OrderView, PlaceOrderRequest, RegisterCustomerRequest, SalesRpc,
} from '@ops/contracts';
import type { FastifyRequest } from 'fastify';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('sales')
@Controller('sales')
export class SalesController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('customers')
  @HttpCode(201)
  @CreateDoc('Register a customer', CustomerView, [409])
  registerCustomer(@Req() req: FastifyRequest, @Body() body: RegisterCustomerRequest) {
    return this.bus.call(req, 'sales', SalesRpc.registerCustomer, body);
  }

  @Get('customers')
  @ReadDoc('List customers, by code', PageOf(CustomerView))
  listCustomers(@Req() req: FastifyRequest, @Query() query: ListCustomersQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listCustomers, query);
  }

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
  placeOrder(@Req() req: FastifyRequest, @Body() body: PlaceOrderRequest) {
    return this.bus.call(req, 'sales', SalesRpc.placeOrder, body);
  }

  @Get('orders')
  @ReadDoc('List orders, newest first', PageOf(OrderSummaryView))
  listOrders(@Req() req: FastifyRequest, @Query() query: ListOrdersQuery) {
    return this.bus.call(req, 'sales', SalesRpc.listOrders, query);
  }

  @Get('orders/:id')
  @ReadDoc('Read an order with its lines, history and shipping notices', OrderView, [404])
  getOrder(@Req() req: FastifyRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'sales', SalesRpc.getOrder, { id });
  }
}
