import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  InventoryRpc, ListRecountRequestsQuery, ListReservationsQuery, ListShipmentsQuery, ListSkusQuery, ListStockQuery, ReceiveStockRequest,
  RecountRequestView, RegisterSkuRequest, ReservationView, ShipmentView, ShipOrderRequest, SkuView, StockLevelView,
} from '@ops/contracts';
import type { FastifyRequest } from 'fastify';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('skus')
  @HttpCode(201)
  @CreateDoc('Register a SKU', SkuView, [409])
  registerSku(@Req() req: FastifyRequest, @Body() body: RegisterSkuRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.registerSku, body);
  }

  @Get('skus')
  @ReadDoc('List SKUs, by code', PageOf(SkuView))
  listSkus(@Req() req: FastifyRequest, @Query() query: ListSkusQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listSkus, query);
  }

  @Post('stock-receipts')
  @HttpCode(201)
  @CreateDoc('Receive goods into a warehouse', StockLevelView, [422], 'Appends a receipt movement to the stock ledger and returns the new stock level.')
  receiveStock(@Req() req: FastifyRequest, @Body() body: ReceiveStockRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.receiveStock, body);
  }

  @Get('stock')
  @ReadDoc('Stock levels per SKU and warehouse', PageOf(StockLevelView))
  listStock(@Req() req: FastifyRequest, @Query() query: ListStockQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listStock, query);
  }

  @Get('reservations')
  @ReadDoc('Stock reserved for orders', PageOf(ReservationView))
  listReservations(@Req() req: FastifyRequest, @Query() query: ListReservationsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listReservations, query);
  }

  @Post('shipments')
  @HttpCode(201)
  @CreateDoc(
    'Ship an order',
    ShipmentView,
    [409, 422],
    'Ships everything reserved for the order with carrier, tracking number and piece count. The order must be paid ' +
      '(finance confirmed payment), else 422. Sales then marks it shipped, finance invoices it and security expects it at the gate.',
  )
  shipOrder(@Req() req: FastifyRequest, @Body() body: ShipOrderRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.shipOrder, body);
  }

  @Get('shipments')
  @ReadDoc('List shipments, newest first', PageOf(ShipmentView))
  listShipments(@Req() req: FastifyRequest, @Query() query: ListShipmentsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listShipments, query);
  }

  @Get('recount-requests')
  @ReadDoc('Locations to recount after theft or damage incidents', PageOf(RecountRequestView))
  listRecountRequests(@Req() req: FastifyRequest, @Query() query: ListRecountRequestsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listRecountRequests, query);
  }
}
