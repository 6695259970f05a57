import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * Material requests, in the inventory service: what a released production order needs of a material and the
 * stock does not cover, raised net of stock for purchasing to buy on a purchase order.
 */

export const MATERIAL_REQUEST_STATUSES = ['open', 'ordered', 'received', 'cancelled'] as const;
export type MaterialRequestStatusName = (typeof MATERIAL_REQUEST_STATUSES)[number];

export class MaterialRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MR-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) productionOrderId: string;
  @ApiProperty({ example: 'MO-2026-000001' }) productionOrderNumber: string;
  @ApiProperty({ example: 'MAT-TEAK-BOARD', description: 'The material' }) sku: string;
  @ApiProperty({ example: 40, description: 'What the production order needs: its quantity × the quantity per unit' }) requiredQuantity: number;
  @ApiProperty({
    example: 15,
    description: 'What the stock could give it when raised: on hand less reserved in the warehouses that sell, less what open or ordered requests of other production orders already count on',
  })
  availableQuantity: number;
  @ApiProperty({ example: 25, description: 'What purchasing is asked to buy: required less available' }) requestedQuantity: number;
  @ApiProperty({
    enum: MATERIAL_REQUEST_STATUSES,
    description: 'open → ordered (on a purchase order) → received (that order came in full); cancelled while open; a cancelled purchase order puts its requests back to open',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) purchaseOrderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'PO-2026-000001' }) purchaseOrderNumber: string | null;
  @ApiProperty({ description: 'Who released the production order' }) raisedBy: string;
  @ApiProperty({ nullable: true, type: String }) cancelledBy: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ListMaterialRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MATERIAL_REQUEST_STATUSES }) @IsOptional() @IsIn(MATERIAL_REQUEST_STATUSES) status?: MaterialRequestStatusName;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() productionOrderId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Requests bought on this purchase order' }) @IsOptional() @IsUUID() purchaseOrderId?: string;
  @ApiPropertyOptional({ example: 'MAT-TEAK-BOARD' }) @IsOptional() @IsText(64) sku?: string;
}

export class MaterialPurchaseLineRequest {
  @ApiProperty({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d', description: 'An open material request' }) @IsUUID() materialRequestId: string;
  @ApiProperty({ example: 8_500, minimum: 0, description: 'Fen per unit, VAT included; requests of one SKU share one price' })
  @IsInt() @Min(0) @Max(100_000_000_00) unitPriceFen: number;
}

export class PurchaseMaterialsRequest {
  @ApiProperty({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6e', description: 'An active supplier' }) @IsUUID() supplierId: string;
  @ApiProperty({ type: [MaterialPurchaseLineRequest], description: 'The requests to buy; requests of one SKU become one purchase order line' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => MaterialPurchaseLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: MaterialPurchaseLineRequest[];
  @ApiPropertyOptional({ example: 'MAIN', default: 'MAIN', description: 'Where the materials are to be delivered' }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ example: '2026-12-15', description: 'Business date the supplier promised delivery; default today' })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) promisedDate?: string;
  @ApiPropertyOptional({ example: 0, default: 0, minimum: 0, description: 'What the supplier must be paid before delivering, fen; at most the order\'s amount' })
  @IsOptional() @IsInt() @Min(0) prepaymentFen?: number;
}

export class CancelMaterialRequestBody {
  @ApiProperty({ example: 'Bought with the spring stock order instead' }) @IsText(500) reason: string;
}

export class CancelMaterialRequestRequest extends CancelMaterialRequestBody {
  @IsUUID() id: string;
}
