import { PRODUCTION, PURCHASING, SALES_DESK, WAREHOUSE } from '@ops/kernel';
import { adminOperations } from '../admin/operations.js';
import { defineCatalog, pageOf } from '../catalog.js';
import { IdRequest, WaitQuery } from '../common.js';
import { INVENTORY_MATERIAL_REQUEST_OPERATIONS } from './material-requests-catalog.js';
import { INVENTORY_OUTLET_STOCK_OPERATIONS } from './outlet-stock.js';
import { INVENTORY_PURCHASE_RETURN_OPERATIONS } from './purchase-returns-catalog.js';
import { PRODUCTION_OPERATIONS } from './production-catalog.js';
import { PURCHASING_OPERATIONS } from './purchasing-catalog.js';
import { INVENTORY_RETURN_OPERATIONS } from './returns-catalog.js';
import { INVENTORY_WAREHOUSE_OPERATIONS } from './warehouse-operations-catalog.js';
import {
  ConfirmDeliveryRequest, CreateLocationRequest, CreatePickListRequest, CreateWarehouseRequest, DeliveryReceiptBody, ListLocationsQuery, ListPickListsQuery, ListRecountRequestsQuery,
  ListReservationsQuery, ListShipmentsQuery, ListSkusQuery, ListStockLotsQuery, ListStockMovementsQuery, ListStockQuery, ListStockReceiptsQuery, ListWarehousesQuery, PackBody,
  PackRequest, PickCountsBody, PickCountsRequest, PickListIdRequest, ShipmentIdRequest, PickReadinessRequest, ReceiveStockRequest, RegisterSkuRequest, ShipOrderRequest,
} from './requests.js';
import {
  LocationView, LowStockView, PickListView, PickReadinessView, RecountRequestView, ReservationView, ShipmentView, SkuView, StockLevelView, StockLotView, StockMovementView, StockReceiptView, WarehouseView,
} from './views.js';

/** Everything the inventory service answers: SKUs, warehouses and locations, goods receipts and stock, pick lists, shipments. */
export const InventoryCatalog = {
  ...defineCatalog('inventory', {
    registerSku: {
      kind: 'command', roles: ['warehouse_manager', ...PURCHASING], request: RegisterSkuRequest, creates: true,
      http: { method: 'POST', path: 'inventory/skus' },
      answers: SkuView, summary: 'Register a SKU', errors: [409],
    },
    listSkus: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, ...SALES_DESK, 'qc_inspector', ...PRODUCTION], request: ListSkusQuery,
      http: { method: 'GET', path: 'inventory/skus' },
      answers: pageOf(SkuView), summary: 'List SKUs, by code',
    },
    receiveStock: {
      kind: 'command', roles: WAREHOUSE, request: ReceiveStockRequest, creates: true,
      http: { method: 'POST', path: 'inventory/stock-receipts' },
      answers: StockReceiptView, summary: 'Record a goods receipt', errors: [422],
      description:
        'Saved, not yet counted: stock changes only when a manager other than the recorder audits it (`POST …/{id}/audit`). ' +
        'Each line names the SKU, quantity, location (default `STOCK`) and batch if the goods carry one; 422 names each unknown SKU or location. ' +
        'A purchase receipt names its `supplierId` (active) and usually its `purchaseOrderId` (approved or partly received; the receipt must be ' +
        'for the order\'s supplier and the lines\' warehouse, each line naming its `poLineNo` with the same SKU; the price defaults to the line\'s). ' +
        'Every line of a supplier receipt says `cartonsOpened` (≥ 1) and `inspection`; a failed line gives `inspectionNote` and `rejectedQuantity` ' +
        '(those go to warehouse QUARANTINE at the audit, the rest to the line\'s location). 422 `receipt-does-not-match` names each field. ' +
        '`arrivedAt` defaults to now; recorded more than one working day after it the receipt is late.',
    },
    auditStockReceipt: {
      kind: 'command', roles: ['warehouse_manager', 'purchasing_manager'], request: IdRequest,
      rolesNote: 'A goods receipt is audited by a manager who did not record it (the domain refuses the recorder).',
      http: { method: 'POST', path: 'inventory/stock-receipts/:id/audit' },
      answers: StockReceiptView, summary: 'Audit a goods receipt: its goods enter stock',
      errors: [
        404, 409,
        { status: 403, description: 'The keeper who recorded the receipt (`self-approval`); more than the purchase order line has still to come, audited by anyone but a purchasing manager (`over-receipt-needs-purchasing-manager`)' },
      ],
      description:
        'Posts one ledger movement per line, adds to the lots and the warehouse on hand, then reserves arrived stock for backordered orders in order of registration. ' +
        'A purchase receipt: rejected quantities enter warehouse QUARANTINE (`receipt` movements), the order lines\' received quantities grow and the order becomes ' +
        'partly received or received, and `inventory.receipt.audited` is queued with each line\'s quantity × unit price (accepted and rejected: what goes back ' +
        'lowers the payable through a purchase return) and their sum.',
    },
    listStockReceipts: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, 'accountant', 'finance_manager'], request: ListStockReceiptsQuery,
      http: { method: 'GET', path: 'inventory/stock-receipts' },
      answers: pageOf(StockReceiptView), summary: 'List goods receipts, newest first',
      description: 'Filter by `status`, `supplierId`, `purchaseOrderId`, and `late=true`: recorded more than one working day (Monday to Friday, Asia/Shanghai) after the goods arrived.',
    },
    listStockLots: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, ...SALES_DESK], request: ListStockLotsQuery,
      http: { method: 'GET', path: 'inventory/stock/lots' },
      answers: pageOf(StockLotView), summary: 'On hand per SKU, warehouse, location and batch',
      description: 'Oldest lot first per SKU: the order picking takes them in when the keeper names none.',
    },
    listLowStock: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, ...SALES_DESK],
      http: { method: 'GET', path: 'inventory/stock/low' },
      answers: LowStockView, summary: 'SKUs below their reorder point, biggest shortfall first',
      description:
        'For the dashboard and purchasing. Every SKU with a reorder point (set at registration; 0 never alerts) whose available quantity ' +
        'over all warehouses — on hand less reserved, as `GET inventory/stock` gives it per warehouse, summed — is below that point, with ' +
        'the shortfall (reorder point less available). Biggest shortfall first, then by SKU code. A SKU with no stock at all counts as 0 available.',
    },
    listStockMovements: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, 'accountant', 'finance_manager'], request: ListStockMovementsQuery,
      http: { method: 'GET', path: 'inventory/stock/movements' },
      answers: pageOf(StockMovementView), summary: 'The stock ledger, oldest first',
      description: 'Append-only: every receipt, shipment, adjustment and transfer, per location and batch, with its document. On hand is its sum.',
    },
    createWarehouse: {
      kind: 'command', roles: ['warehouse_manager'], request: CreateWarehouseRequest, creates: true,
      http: { method: 'POST', path: 'inventory/warehouses' },
      answers: WarehouseView, summary: 'Add a warehouse', errors: [409],
      description: 'Comes with the location `STOCK`. An order is reserved in one warehouse: the main one (`MAIN`) if it can take all of it, else the first other one by code that can.',
    },
    listWarehouses: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, ...SALES_DESK], request: ListWarehousesQuery,
      http: { method: 'GET', path: 'inventory/warehouses' },
      answers: pageOf(WarehouseView), summary: 'List warehouses',
    },
    createLocation: {
      kind: 'command', roles: ['warehouse_manager'], request: CreateLocationRequest, creates: true,
      http: { method: 'POST', path: 'inventory/locations' },
      answers: LocationView, summary: 'Add a location to a warehouse', errors: [409, 422],
    },
    listLocations: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING], request: ListLocationsQuery,
      http: { method: 'GET', path: 'inventory/locations' },
      answers: pageOf(LocationView), summary: 'List warehouse locations',
    },
    listStock: {
      kind: 'query', roles: [...WAREHOUSE, ...PURCHASING, ...SALES_DESK], request: ListStockQuery,
      http: { method: 'GET', path: 'inventory/stock' },
      answers: pageOf(StockLevelView), summary: 'Stock levels per SKU and warehouse',
    },
    listReservations: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK], request: ListReservationsQuery,
      http: { method: 'GET', path: 'inventory/reservations' },
      answers: pageOf(ReservationView), summary: 'Stock reserved for orders',
    },
    shipOrder: {
      kind: 'command', roles: WAREHOUSE, request: ShipOrderRequest, creates: true,
      http: { method: 'POST', path: 'inventory/shipments' },
      answers: ShipmentView, summary: 'Ship an order', errors: [409, 422],
      description:
        'Ships the order\'s packed pick list with carrier, tracking number and the piece count it was packed into. The order must be ' +
        'released (paid, or on credit) and picked, verified by a second keeper and packed, else 422. The units leave the lots they were ' +
        'picked from. Sales counts the shipped quantities per line and marks the order shipped when nothing is left; finance invoices; ' +
        'security expects the shipment at the gate.',
    },
    confirmDelivery: {
      // It records the delivery receipt, so a repeat with the same Idempotency-Key gets the first answer; 200 as it always was.
      kind: 'command', roles: WAREHOUSE, request: ConfirmDeliveryRequest, creates: true,
      http: { method: 'POST', path: 'inventory/shipments/:shipmentId/delivery', body: DeliveryReceiptBody, status: 200 },
      answers: ShipmentView, summary: 'Record the customer-signed delivery receipt', errors: [404, 409],
      description:
        'Keeps who signed and when with the shipment; once the order has fully shipped and every shipment is signed for, sales marks it ' +
        'delivered, and closed once it is paid. 409 when already signed for.',
    },
    listShipments: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK, 'security_guard', 'security_captain', 'security_manager'], request: ListShipmentsQuery,
      http: { method: 'GET', path: 'inventory/shipments' },
      answers: pageOf(ShipmentView), summary: 'List shipments, newest first',
    },
    getShipment: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK, 'security_guard', 'security_captain', 'security_manager'], request: ShipmentIdRequest,
      http: { method: 'GET', path: 'inventory/shipments/:shipmentId' },
      answers: ShipmentView, summary: 'One shipment: what left, how, and who signed for it (the delivery note)', errors: [404],
    },
    listRecountRequests: {
      kind: 'query', roles: [...WAREHOUSE, 'security_manager'], request: ListRecountRequestsQuery,
      http: { method: 'GET', path: 'inventory/recount-requests' },
      answers: pageOf(RecountRequestView), summary: 'Locations to recount after theft or damage incidents',
    },
    createPickList: {
      kind: 'command', roles: WAREHOUSE, request: CreatePickListRequest, creates: true,
      http: { method: 'POST', path: 'inventory/pick-lists' },
      answers: PickListView, summary: 'Make the pick list of a released order, whole or in part', errors: [409, 422],
      description:
        'Lists what is reserved for the order and not yet shipped, or only the `lines` asked for (a partial shipment; 422 `more-than-reserved` ' +
        'names a line asking for more than is left). 422 until finance has confirmed payment (or the order is on credit) and inventory has ' +
        'reserved the stock (both arrive by events: retry); 409 while another pick list of the order is in progress, or when everything has shipped.',
    },
    getPickReadiness: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK], request: PickReadinessRequest,
      http: { method: 'GET', path: 'inventory/orders/:orderId/pick-readiness', query: WaitQuery },
      answers: PickReadinessView, summary: 'Whether a pick list can be made for an order now, and if not why',
      description:
        'The same rules as making the pick list, as an answer instead of a refusal. With `waitSeconds` it is a long poll: the answer ' +
        'comes the moment the order becomes ready (its payment and reservation reaching inventory), or with what stops it at the deadline.',
    },
    recordPick: {
      kind: 'command', roles: WAREHOUSE, request: PickCountsRequest,
      http: { method: 'POST', path: 'inventory/pick-lists/:pickListId/pick', body: PickCountsBody },
      answers: PickListView, summary: 'Record what the picker took', errors: [404, 409, 422],
      description:
        'Every SKU counted exactly as on the order, else 422 `counts-differ` naming each line. A line may name the location and batch taken ' +
        '(split a SKU over several lines for several lots); what is not named comes from the oldest lots. 422 `lot-short` when a lot does not hold it.',
    },
    verifyPick: {
      kind: 'command', roles: WAREHOUSE, request: PickCountsRequest,
      http: { method: 'POST', path: 'inventory/pick-lists/:pickListId/verify', body: PickCountsBody },
      answers: PickListView, summary: 'Verify the pick against the order',
      errors: [404, 409, 422, { status: 403, description: 'The keeper who picked may not verify (`picker-cannot-verify`)' }],
      description: 'A second keeper counts again; the picker is refused (403). Every batch the pick took must be counted with its `batch` (422 `batches-differ`).',
    },
    packPickList: {
      kind: 'command', roles: WAREHOUSE, request: PackRequest,
      http: { method: 'POST', path: 'inventory/pick-lists/:pickListId/pack', body: PackBody },
      answers: PickListView, summary: 'Pack verified goods', errors: [404, 409],
      description: 'Records the piece count the shipment must then carry.',
    },
    listPickLists: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK], request: ListPickListsQuery,
      http: { method: 'GET', path: 'inventory/pick-lists' },
      answers: pageOf(PickListView), summary: 'List pick lists, newest first',
    },
    getPickList: {
      kind: 'query', roles: [...WAREHOUSE, ...SALES_DESK], request: PickListIdRequest,
      http: { method: 'GET', path: 'inventory/pick-lists/:pickListId' },
      answers: PickListView, summary: 'One pick list: its lines and where each unit was picked from', errors: [404],
    },
  }),
  ...defineCatalog('inventory', INVENTORY_RETURN_OPERATIONS),
  ...defineCatalog('inventory', PURCHASING_OPERATIONS),
  ...defineCatalog('inventory', INVENTORY_PURCHASE_RETURN_OPERATIONS),
  ...defineCatalog('inventory', INVENTORY_WAREHOUSE_OPERATIONS),
  ...defineCatalog('inventory', INVENTORY_OUTLET_STOCK_OPERATIONS),
  ...defineCatalog('inventory', INVENTORY_MATERIAL_REQUEST_OPERATIONS),
  ...defineCatalog('inventory', PRODUCTION_OPERATIONS),
  ...defineCatalog('inventory', adminOperations('inventory', ['warehouse_manager', 'purchasing_manager']), 'admin.'),
};
