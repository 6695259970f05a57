import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsText } from '../text.js';
import { PageQuery, WaitQuery } from '../common.js';

/** Where goods land when a receipt names no location. */
export const DEFAULT_LOCATION = 'STOCK';

export const DEFAULT_WAREHOUSE = 'MAIN';

export class RegisterSkuRequest {
  @ApiProperty({ example: 'SKU-TEA-001' })
  @IsText(64) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'code may hold letters, digits, dots, dashes and underscores only' })
  code: string;

  @ApiProperty({ example: '龙井茶礼盒' }) @IsText(200) name: string;
  @ApiProperty({ example: 'LJ-250' }) @IsText(64) model: string;
  @ApiProperty({ example: 'v2' }) @IsText(32) version: string;
  @ApiProperty({ example: 'box' }) @IsText(16) unit: string;
  @ApiPropertyOptional({ example: '12 boxes per carton' }) @IsOptional() @IsText(100) packaging?: string;
  @ApiPropertyOptional({
    example: 20, minimum: 0, maximum: 10_000_000, default: 0,
    description: 'Below this many available (on hand less reserved, over all warehouses) the SKU is listed as low stock (`GET inventory/stock/low`); 0, the default, never alerts',
  })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) reorderPoint?: number;
}

export class ReceiptLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(200) sku: string;
  @ApiProperty({ example: 100, minimum: 1 }) @IsInt() @Min(1) @Max(10_000_000) quantity: number;
  @ApiPropertyOptional({ example: 'A-01', default: 'STOCK', description: 'Location in the warehouse the goods are put away to' }) @IsOptional() @IsText(32) location?: string;
  @ApiPropertyOptional({ example: 'LJ2026-11', description: 'Batch (lot) printed on the goods; left out when they carry none' }) @IsOptional() @IsText(64) batch?: string;
  // Purchase receipts (the receipt names a supplier): see purchasing in domain.md.
  @ApiPropertyOptional({ example: 1, description: 'The purchase order line delivered; required when the receipt names a purchase order (same SKU, and the receipt is for the line\'s warehouse)' })
  @IsOptional() @IsInt() @Min(1) poLineNo?: number;
  @ApiPropertyOptional({ example: 11_300, description: 'Fen per unit, VAT included; defaults to the order line\'s price, required on a supplier receipt without an order' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_00) unitPriceFen?: number;
  @ApiPropertyOptional({ example: 4, minimum: 1, description: 'Supplier receipts: every carton is opened and counted; how many were (required, at least 1)' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) cartonsOpened?: number;
  @ApiPropertyOptional({ enum: ['passed', 'failed'], description: 'Supplier receipts: the quality inspection of the line (required)' }) @IsOptional() @IsIn(['passed', 'failed']) inspection?: 'passed' | 'failed';
  @ApiPropertyOptional({ example: 'Three boxes crushed', description: 'Why the line failed inspection (required then)' }) @IsOptional() @IsText(500) inspectionNote?: string;
  @ApiPropertyOptional({
    example: 3, minimum: 0,
    description: 'Failed inspection: how many of `quantity` are rejected (1 to all; 0 or left out when passed). They enter warehouse QUARANTINE, never sellable; the rest enter the line\'s location',
  })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000) rejectedQuantity?: number;
}

export class ReceiveStockRequest {
  @ApiPropertyOptional({ example: DEFAULT_WAREHOUSE, default: DEFAULT_WAREHOUSE }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiProperty({ example: 'OPENING-2026', description: 'Document the goods arrived with (delivery note, opening count)' }) @IsText(64) reference: string;
  @ApiProperty({ type: [ReceiptLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReceiptLineRequest) @ArrayMinSize(1) @ArrayMaxSize(500)
  lines: ReceiptLineRequest[];
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d', description: 'The supplier the goods came from: makes it a purchase receipt (an active supplier; the order\'s supplier when it names an order, filled in from it when left out)' })
  @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-8e41-7b22-a4d5-6f7a8b9c0d1e', description: 'The approved (or partly received) purchase order delivered' }) @IsOptional() @IsUUID() purchaseOrderId?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-30T09:30:00+08:00', description: 'When the goods arrived (default now); recorded more than one working day later the receipt is late' })
  @IsOptional() @IsISO8601() arrivedAt?: string;
}

export class ListStockReceiptsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['saved', 'audited'] }) @IsOptional() @IsIn(['saved', 'audited']) status?: 'saved' | 'audited';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() purchaseOrderId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only receipts recorded more than one working day (Monday to Friday, Asia/Shanghai) after the goods arrived' })
  @IsOptional() @IsIn(['true', 'false']) late?: 'true' | 'false';
}

export class ListStockLotsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(200) sku?: string;
  @ApiPropertyOptional({ example: 'MAIN' }) @IsOptional() @IsText(200) warehouseCode?: string;
  @ApiPropertyOptional({ example: 'A-01' }) @IsOptional() @IsText(200) location?: string;
  @ApiPropertyOptional({ example: 'LJ2026-11' }) @IsOptional() @IsText(200) batch?: string;
}

export class ListStockMovementsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(200) sku?: string;
  @ApiPropertyOptional({ example: 'GR-2026-000001', description: 'The document that moved the stock (receipt or shipment number)' }) @IsOptional() @IsText(200) documentRef?: string;
}

export class CreateWarehouseRequest {
  @ApiProperty({ example: 'NORTH' }) @IsText(32) @Matches(/^[A-Z0-9-]+$/, { message: 'code may hold capital letters, digits and dashes only' }) code: string;
  @ApiProperty({ example: 'Beijing warehouse' }) @IsText(100) name: string;
  @ApiPropertyOptional({ enum: ['warehouse', 'store'], default: 'warehouse', description: 'A store sells from its shop floor: a transfer between two stores needs a sales manager\'s consent' })
  @IsOptional() @IsIn(['warehouse', 'store']) kind?: 'warehouse' | 'store';
}

export class ListWarehousesQuery extends PageQuery {}

export class CreateLocationRequest {
  @ApiPropertyOptional({ example: DEFAULT_WAREHOUSE, default: DEFAULT_WAREHOUSE }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiProperty({ example: 'A-01' }) @IsText(32) @Matches(/^[A-Za-z0-9-]+$/, { message: 'code may hold letters, digits and dashes only' }) code: string;
  @ApiProperty({ example: 'Aisle A, shelf 1' }) @IsText(100) name: string;
}

export class ListLocationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MAIN' }) @IsOptional() @IsText(200) warehouseCode?: string;
}

export class ShipOrderRequest {
  @ApiProperty({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f' }) @IsUUID() orderId: string;
  @ApiProperty({ example: 'SF Express' }) @IsText(100) carrier: string;
  @ApiProperty({ example: 'SF1234567890' }) @IsText(64) trackingNumber: string;
  @ApiProperty({ example: 2, minimum: 1, description: 'Number of pieces (cartons) handed to the carrier' }) @IsInt() @Min(1) @Max(100_000) pieces: number;
}

export class ListSkusQuery extends PageQuery {}

export class ListStockQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SKU-TEA-001' }) @IsOptional() @IsText(200) sku?: string;
}

export class ListReservationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}

export class ListShipmentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
}

export class ListRecountRequestsQuery extends PageQuery {}

export class PickListIdRequest {
  @IsUUID() pickListId: string;
}

export class ShipmentIdRequest {
  @IsUUID() shipmentId: string;
}

export class ConfirmDeliveryRequest {
  @IsUUID() shipmentId: string;
  @ApiProperty({ example: '王芳', description: 'Who signed the delivery receipt' }) @IsText(100) signedBy: string;
  @ApiPropertyOptional({ example: '2026-11-23T06:30:00Z', description: 'When it was signed (defaults to now)' }) @IsOptional() @IsISO8601() signedAt?: string;
}

/** The body of POST /inventory/shipments/{id}/delivery (the id comes from the path). */
export class DeliveryReceiptBody {
  @ApiProperty({ example: '王芳', description: 'Who signed the delivery receipt' }) @IsText(100) signedBy: string;
  @ApiPropertyOptional({ example: '2026-11-23T06:30:00Z', description: 'When it was signed (defaults to now)' }) @IsOptional() @IsISO8601() signedAt?: string;
}

export class PickListLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 1, minimum: 1 }) @IsInt() @Min(1) @Max(10_000_000) quantity: number;
}

export class PickReadinessRequest extends WaitQuery {
  @IsUUID() orderId: string;
}

export class CreatePickListRequest {
  @ApiProperty({ format: 'uuid', example: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', description: 'A paid (released) order with reserved stock' }) @IsUUID() orderId: string;
  @ApiPropertyOptional({ type: [PickListLineRequest], description: 'Ship part of the order: these quantities only. Left out, everything still to ship.' })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PickListLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines?: PickListLineRequest[];
}

export class CountedLine {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) quantity: number;
  @ApiPropertyOptional({ example: 'A-01', description: 'Pick: the location taken from (oldest stock first when left out)' }) @IsOptional() @IsText(32) location?: string;
  @ApiPropertyOptional({ example: 'LJ2026-11', description: 'Pick: the batch taken; verify: required for every batch the pick took' }) @IsOptional() @IsText(64) batch?: string;
}

/** What a keeper counted, for POST /inventory/pick-lists/{id}/pick and …/verify. */
export class PickCountsBody {
  @ApiProperty({ type: [CountedLine] }) @IsArray() @ValidateNested({ each: true }) @Type(() => CountedLine) @ArrayMinSize(1) @ArrayMaxSize(200) lines: CountedLine[];
}

export class PickCountsRequest extends PickCountsBody {
  @IsUUID() pickListId: string;
}

export class PackBody {
  @ApiProperty({ example: 2, minimum: 1, description: 'Cartons the goods were packed into' }) @IsInt() @Min(1) @Max(100_000) pieces: number;
}

export class PackRequest extends PackBody {
  @IsUUID() pickListId: string;
}

export const PICK_STATUSES = ['open', 'picked', 'verified', 'packed', 'shipped'] as const;

export class ListPickListsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: PICK_STATUSES }) @IsOptional() @IsIn(PICK_STATUSES) status?: string;
}
