import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateLocationRequest, CreatePickListRequest, CreateWarehouseRequest, ListWarehousesQuery, WarehouseView, DeliveryReceiptBody, ListLocationsQuery, ListStockLotsQuery, ListStockMovementsQuery, ListStockReceiptsQuery, LocationView, StockLotView, StockMovementView, StockReceiptView, InventoryRpc, ListPickListsQuery, ListRecountRequestsQuery, PackBody, PickCountsBody, PickListView, ListReservationsQuery, ListShipmentsQuery, ListSkusQuery, ListStockQuery, ReceiveStockRequest,
  RecountRequestView, RegisterSkuRequest, ReservationView, ShipmentView, ShipOrderRequest, SkuView, StockLevelView,
} from '@ops/contracts';
import { Allow } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ProblemDoc } from './problem.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly bus: ServiceBus) {}

  @Allow('inventory', InventoryRpc.registerSku)
  @Post('skus')
  @HttpCode(201)
  @CreateDoc('Register a SKU', SkuView, [409])
  registerSku(@Req() req: AuthenticatedRequest, @Body() body: RegisterSkuRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.registerSku, body);
  }

  @Allow('inventory', InventoryRpc.listSkus)
  @Get('skus')
  @ReadDoc('List SKUs, by code', PageOf(SkuView))
  listSkus(@Req() req: AuthenticatedRequest, @Query() query: ListSkusQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listSkus, query);
  }

  @Allow('inventory', InventoryRpc.receiveStock)
  @Post('stock-receipts')
  @HttpCode(201)
  @CreateDoc(
    'Record a goods receipt',
    StockReceiptView,
    [422],
    'Saved, not yet counted: stock changes only when a manager other than the recorder audits it (`POST …/{id}/audit`). ' +
      'Each line names the SKU, quantity, location (default `STOCK`) and batch if the goods carry one; 422 names each unknown SKU or location.',
  )
  receiveStock(@Req() req: AuthenticatedRequest, @Body() body: ReceiveStockRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.receiveStock, body);
  }

  @Post('stock-receipts/:id/audit')
  @HttpCode(200)
  @Allow('inventory', InventoryRpc.auditStockReceipt)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The keeper who recorded the receipt (`self-approval`)' })
  @ReadDoc(
    'Audit a goods receipt: its goods enter stock',
    StockReceiptView,
    [404, 409],
    'Posts one ledger movement per line, adds to the lots and the warehouse on hand, then reserves arrived stock for backordered orders in order of registration.',
  )
  auditStockReceipt(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.bus.call(req, 'inventory', InventoryRpc.auditStockReceipt, { id });
  }

  @Allow('inventory', InventoryRpc.listStockReceipts)
  @Get('stock-receipts')
  @ReadDoc('List goods receipts, newest first', PageOf(StockReceiptView))
  listStockReceipts(@Req() req: AuthenticatedRequest, @Query() query: ListStockReceiptsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listStockReceipts, query);
  }

  @Allow('inventory', InventoryRpc.listStockLots)
  @Get('stock/lots')
  @ReadDoc('On hand per SKU, warehouse, location and batch', PageOf(StockLotView), [], 'Oldest lot first per SKU: the order picking takes them in when the keeper names none.')
  listStockLots(@Req() req: AuthenticatedRequest, @Query() query: ListStockLotsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listStockLots, query);
  }

  @Allow('inventory', InventoryRpc.listStockMovements)
  @Get('stock/movements')
  @ReadDoc('The stock ledger, oldest first', PageOf(StockMovementView), [], 'Append-only: every receipt and shipment, per location and batch, with its document. On hand is its sum.')
  listStockMovements(@Req() req: AuthenticatedRequest, @Query() query: ListStockMovementsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listStockMovements, query);
  }

  @Allow('inventory', InventoryRpc.createWarehouse)
  @Post('warehouses')
  @HttpCode(201)
  @CreateDoc('Add a warehouse', WarehouseView, [409], 'Comes with the location `STOCK`. An order is reserved in one warehouse: the main one (`MAIN`) if it can take all of it, else the first other one by code that can.')
  createWarehouse(@Req() req: AuthenticatedRequest, @Body() body: CreateWarehouseRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.createWarehouse, body);
  }

  @Allow('inventory', InventoryRpc.listWarehouses)
  @Get('warehouses')
  @ReadDoc('List warehouses', PageOf(WarehouseView))
  listWarehouses(@Req() req: AuthenticatedRequest, @Query() query: ListWarehousesQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listWarehouses, query);
  }

  @Allow('inventory', InventoryRpc.createLocation)
  @Post('locations')
  @HttpCode(201)
  @CreateDoc('Add a location to a warehouse', LocationView, [409, 422])
  createLocation(@Req() req: AuthenticatedRequest, @Body() body: CreateLocationRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.createLocation, body);
  }

  @Allow('inventory', InventoryRpc.listLocations)
  @Get('locations')
  @ReadDoc('List warehouse locations', PageOf(LocationView))
  listLocations(@Req() req: AuthenticatedRequest, @Query() query: ListLocationsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listLocations, query);
  }

  @Allow('inventory', InventoryRpc.listStock)
  @Get('stock')
  @ReadDoc('Stock levels per SKU and warehouse', PageOf(StockLevelView))
  listStock(@Req() req: AuthenticatedRequest, @Query() query: ListStockQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listStock, query);
  }

  @Allow('inventory', InventoryRpc.listReservations)
  @Get('reservations')
  @ReadDoc('Stock reserved for orders', PageOf(ReservationView))
  listReservations(@Req() req: AuthenticatedRequest, @Query() query: ListReservationsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listReservations, query);
  }

  @Allow('inventory', InventoryRpc.shipOrder)
  @Post('shipments')
  @HttpCode(201)
  @CreateDoc(
    'Ship an order',
    ShipmentView,
    [409, 422],
    'Ships the order\'s packed pick list with carrier, tracking number and the piece count it was packed into. The order must be ' +
      'released (paid, or on credit) and picked, verified by a second keeper and packed, else 422. The units leave the lots they were ' +
      'picked from. Sales counts the shipped quantities per line and marks the order shipped when nothing is left; finance invoices; ' +
      'security expects the shipment at the gate.',
  )
  shipOrder(@Req() req: AuthenticatedRequest, @Body() body: ShipOrderRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.shipOrder, body);
  }

  @Post('shipments/:id/delivery')
  @HttpCode(200)
  @Allow('inventory', InventoryRpc.confirmDelivery)
  @ReadDoc(
    'Record the customer-signed delivery receipt',
    ShipmentView,
    [404, 409],
    'Keeps who signed and when with the shipment; once the order has fully shipped and every shipment is signed for, sales marks it ' +
      'delivered, and closed once it is paid. 409 when already signed for.',
  )
  confirmDelivery(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: DeliveryReceiptBody) {
    return this.bus.call(req, 'inventory', InventoryRpc.confirmDelivery, { shipmentId: id, ...body });
  }

  @Get('shipments')
  @Allow('inventory', InventoryRpc.listShipments)
  @ReadDoc('List shipments, newest first', PageOf(ShipmentView))
  listShipments(@Req() req: AuthenticatedRequest, @Query() query: ListShipmentsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listShipments, query);
  }

  @Allow('inventory', InventoryRpc.listRecountRequests)
  @Get('recount-requests')
  @ReadDoc('Locations to recount after theft or damage incidents', PageOf(RecountRequestView))
  listRecountRequests(@Req() req: AuthenticatedRequest, @Query() query: ListRecountRequestsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listRecountRequests, query);
  }

  @Allow('inventory', InventoryRpc.createPickList)
  @Post('pick-lists')
  @HttpCode(201)
  @CreateDoc(
    'Make the pick list of a released order, whole or in part',
    PickListView,
    [409, 422],
    'Lists what is reserved for the order and not yet shipped, or only the `lines` asked for (a partial shipment; 422 `more-than-reserved` ' +
      'names a line asking for more than is left). 422 until finance has confirmed payment (or the order is on credit) and inventory has ' +
      'reserved the stock (both arrive by events: retry); 409 while another pick list of the order is in progress, or when everything has shipped.',
  )
  createPickList(@Req() req: AuthenticatedRequest, @Body() body: CreatePickListRequest) {
    return this.bus.call(req, 'inventory', InventoryRpc.createPickList, body);
  }

  @Allow('inventory', InventoryRpc.recordPick)
  @Post('pick-lists/:id/pick')
  @HttpCode(200)
  @ReadDoc(
    'Record what the picker took',
    PickListView,
    [404, 409, 422],
    'Every SKU counted exactly as on the order, else 422 `counts-differ` naming each line. A line may name the location and batch taken ' +
      '(split a SKU over several lines for several lots); what is not named comes from the oldest lots. 422 `lot-short` when a lot does not hold it.',
  )
  recordPick(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: PickCountsBody) {
    return this.bus.call(req, 'inventory', InventoryRpc.recordPick, { pickListId: id, ...body });
  }

  @Allow('inventory', InventoryRpc.verifyPick)
  @Post('pick-lists/:id/verify')
  @HttpCode(200)
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The keeper who picked may not verify (`picker-cannot-verify`)' })
  @ReadDoc(
    'Verify the pick against the order',
    PickListView,
    [404, 409, 422],
    'A second keeper counts again; the picker is refused (403). Every batch the pick took must be counted with its `batch` (422 `batches-differ`).',
  )
  verifyPick(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: PickCountsBody) {
    return this.bus.call(req, 'inventory', InventoryRpc.verifyPick, { pickListId: id, ...body });
  }

  @Allow('inventory', InventoryRpc.packPickList)
  @Post('pick-lists/:id/pack')
  @HttpCode(200)
  @ReadDoc('Pack verified goods', PickListView, [404, 409], 'Records the piece count the shipment must then carry.')
  packPickList(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: PackBody) {
    return this.bus.call(req, 'inventory', InventoryRpc.packPickList, { pickListId: id, ...body });
  }

  @Allow('inventory', InventoryRpc.listPickLists)
  @Get('pick-lists')
  @ReadDoc('List pick lists, newest first', PageOf(PickListView))
  listPickLists(@Req() req: AuthenticatedRequest, @Query() query: ListPickListsQuery) {
    return this.bus.call(req, 'inventory', InventoryRpc.listPickLists, query);
  }
}
