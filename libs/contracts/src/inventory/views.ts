import { ApiProperty } from '@nestjs/swagger';

export class SkuView {
  @ApiProperty({ example: 'SKU-TEA-001' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() model: string;
  @ApiProperty() version: string;
  @ApiProperty() unit: string;
  @ApiProperty({ nullable: true, type: String }) packaging: string | null;
  @ApiProperty({ example: 20, description: 'Listed as low stock below this many available; 0 never alerts' }) reorderPoint: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StockLevelView {
  @ApiProperty() sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ description: 'Sum of the stock ledger' }) onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty({ description: 'On hand minus reserved; 0 in a warehouse that is not sellable (quarantine)' }) available: number;
}

export class ReservationView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() sku: string;
  @ApiProperty() warehouseCode: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Of the quantity, what has left in shipments so far' }) shippedQuantity: number;
  @ApiProperty({ enum: ['reserved', 'released', 'shipped'], description: 'shipped once all of it has left' }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ShipmentLineView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouseCode: string;
  @ApiProperty() quantity: number;
}

export class ShipmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SH-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() carrier: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty() pieces: number;
  @ApiProperty({ type: [ShipmentLineView] }) lines: ShipmentLineView[];
  @ApiProperty() shippedBy: string;
  @ApiProperty({ format: 'date-time' }) shippedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who signed the delivery receipt' }) deliverySignedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
}

export class RecountRequestView {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() incidentNumber: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 'A-03' }) location: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'counted'] }) status: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

export class LotPickView {
  @ApiProperty() sku: string;
  @ApiProperty({ example: 'A-01' }) location: string;
  @ApiProperty({ nullable: true, type: String, example: 'LJ2026-11' }) batch: string | null;
  @ApiProperty() quantity: number;
}

export class StockLotView {
  @ApiProperty() sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 'A-01' }) location: string;
  @ApiProperty({ nullable: true, type: String, example: 'LJ2026-11', description: 'null when the goods carry no batch' }) batch: string | null;
  @ApiProperty({ description: 'Units in this lot; reservations are held per SKU and warehouse (see /inventory/stock)' }) onHand: number;
  @ApiProperty({ format: 'date-time', description: 'When the lot first received goods: oldest goes first' }) since: string;
}

export class StockMovementView {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 'A-01' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ description: 'Positive in, negative out' }) quantity: number;
  @ApiProperty({ enum: ['receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine', 'purchase_return', 'till_sale', 'till_void', 'waste'], description: 'receipt: goods in (a purchase receipt\'s rejected goods into QUARANTINE too); shipment: an order\'s goods out; issue: goods out no order held; adjustment: a count corrected; transfer: between lots (two movements); return_in: returned goods that passed inspection, back to stock; return_quarantine: returned goods that failed it, into quarantine; purchase_return: goods sent back to their supplier; till_sale: sold at an outlet\'s till; till_void: a voided till ticket\'s goods back; waste: an outlet\'s approved waste' }) kind: string;
  @ApiProperty({ example: 'GR-2026-000001' }) documentRef: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class WarehouseView {
  @ApiProperty({ example: 'MAIN' }) code: string;
  @ApiProperty({ example: 'Main warehouse' }) name: string;
  @ApiProperty({ enum: ['warehouse', 'store'] }) kind: 'warehouse' | 'store';
  @ApiProperty({ description: 'Whether goods are received, reserved and picked here. QUARANTINE, TRANSIT and ON_LOAN are not: they hold only what returns, transfers and sample loans put there' })
  sellable: boolean;
}

export class LocationView {
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 'A-01' }) code: string;
  @ApiProperty() name: string;
}

export class ReceiptLineView {
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ example: 'A-01' }) location: string;
  @ApiProperty({ nullable: true, type: String }) batch: string | null;
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Supplier receipts: the purchase order line delivered' }) poLineNo?: number | null;
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Supplier receipts: fen per unit, VAT included' }) unitPriceFen?: number | null;
  @ApiProperty({ required: false, nullable: true, type: Number }) cartonsOpened?: number | null;
  @ApiProperty({ required: false, nullable: true, enum: ['passed', 'failed'] }) inspection?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) inspectionNote?: string | null;
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Into the line\'s location, sellable' }) acceptedQuantity?: number | null;
  @ApiProperty({ required: false, nullable: true, type: Number, description: 'Failed inspection: into warehouse QUARANTINE' }) rejectedQuantity?: number | null;
}

export class StockReceiptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GR-2026-000001' }) number: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['saved', 'audited'], description: 'Only an audited receipt has changed stock' }) status: string;
  @ApiProperty({ type: [ReceiptLineView] }) lines: ReceiptLineView[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Never the recorder' }) auditedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) auditedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Set on purchase receipts' }) supplierId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) purchaseOrderId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the goods arrived' }) arrivedAt: string | null;
  @ApiProperty({ description: 'Recorded more than one working day after the goods arrived' }) late: boolean;
}

export class PickListView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PK-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ['open', 'picked', 'verified', 'packed', 'shipped'] }) status: string;
  @ApiProperty({ type: [ShipmentLineView] }) lines: ShipmentLineView[];
  @ApiProperty({ type: [LotPickView], description: 'Where the picked units came from; empty until picked' }) picks: LotPickView[];
  @ApiProperty({ nullable: true, type: String }) pickedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Never the picker' }) verifiedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) packedBy: string | null;
  @ApiProperty({ nullable: true, type: Number }) pieces: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The refusals a new pick list can meet, as `getPickReadiness` names them in `blockedBy`. */
export const PICK_BLOCKERS = ['order-not-released', 'customer-on-credit-hold', 'customer-overdue', 'pick-list-exists', 'order-already-shipped', 'stock-not-reserved'] as const;

export class PickReadinessView {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ description: 'POST /inventory/pick-lists would make a pick list now' }) ready: boolean;
  @ApiProperty({
    enum: PICK_BLOCKERS, nullable: true, type: String,
    description: 'What stops it, as the pick list command would answer: not yet paid or released (`order-not-released`), stock not yet reserved or ' +
      'backordered (`stock-not-reserved`), a pick list already in progress, everything shipped, or the customer on credit hold or overdue',
  })
  blockedBy: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) detail: string | null;
  @ApiProperty({ type: [ShipmentLineView], description: 'When ready: what the pick list would take' }) lines: ShipmentLineView[];
}

/** A SKU whose available stock is below its reorder point. */
export class LowStockItemView {
  @ApiProperty({ example: 'SKU-POT-003' }) sku: string;
  @ApiProperty({ example: '紫砂壶' }) name: string;
  @ApiProperty({ example: 'piece' }) unit: string;
  @ApiProperty({ example: 30 }) reorderPoint: number;
  @ApiProperty({ example: 22, description: 'On hand over all warehouses' }) onHandQuantity: number;
  @ApiProperty({ example: 2, description: 'Reserved for orders over all warehouses' }) reservedQuantity: number;
  @ApiProperty({ example: 20, description: 'On hand minus reserved, as `GET inventory/stock` computes it per warehouse, summed' }) availableQuantity: number;
  @ApiProperty({ example: 10, description: 'Reorder point minus available: how many to buy to reach it' }) shortfall: number;
}

/** The SKUs below their reorder point, biggest shortfall first. */
export class LowStockView {
  @ApiProperty({ type: [LowStockItemView] }) items: LowStockItemView[];
}
