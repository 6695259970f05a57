import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * Made-to-order production, in inventory beside purchasing: which SKUs are made to order and how (steps, materials per
 * unit), the production orders issued once finance confirmed an order's deposit, their process steps with sample checks
 * and quality decisions, the reference samples of customers' designs, and the late steps. Money is integer fen.
 */

export const PRODUCTION_ORDER_STATUSES = ['planned', 'released', 'in_progress', 'done', 'received', 'cancelled'] as const;
export type ProductionOrderStatusName = (typeof PRODUCTION_ORDER_STATUSES)[number];
export const PRODUCTION_ROUTES = ['in_house', 'outsourced'] as const;
export type ProductionRouteName = (typeof PRODUCTION_ROUTES)[number];
export const PRODUCTION_STEP_STATUSES = ['pending', 'in_progress', 'stopped', 'completed'] as const;
export const SAMPLE_CHECK_RESULTS = ['pass', 'fail'] as const;
export const REFERENCE_COMPARISONS = ['matches', 'differs'] as const;
export const QUALITY_DECISIONS = ['rework', 'scrap', 'concession'] as const;
export type QualityDecisionName = (typeof QUALITY_DECISIONS)[number];

const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

// ——— the SKU's supply spec ———

export class SupplyStepRequest {
  @ApiProperty({ example: '裁剪 Cutting' }) @IsText(100) name: string;
}

export class SupplyMaterialRequest {
  @ApiProperty({ example: 'SKU-FABRIC-01', description: 'A SKU inventory knows (a material bought through purchasing)' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1, description: 'Whole units of the material one finished unit takes' }) @IsInt() @Min(1) @Max(100_000) quantityPerUnit: number;
}

export class PutSkuSupplyBody {
  @ApiProperty({ example: true, description: 'true: made for each order after its deposit, never reserved from stock; false: stocked' }) @IsBoolean() madeToOrder: boolean;
  @ApiProperty({ example: 10, minimum: 0, maximum: 365, description: 'Days production needs from start to finished goods; at least 1 for a made-to-order SKU' })
  @IsInt() @Min(0) @Max(365) leadDays: number;
  @ApiProperty({ type: [SupplyStepRequest], description: 'The process steps in order; at least one for a made-to-order SKU' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => SupplyStepRequest) @ArrayMaxSize(30)
  steps: SupplyStepRequest[];
  @ApiProperty({ type: [SupplyMaterialRequest], description: 'What one unit consumes, issued from stock when the first step starts; each SKU once' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => SupplyMaterialRequest) @ArrayMaxSize(50)
  materials: SupplyMaterialRequest[];
}

export class PutSkuSupplyRequest extends PutSkuSupplyBody {
  @IsText(64) sku: string;
}

export class SkuCodeRequest {
  @IsText(64) sku: string;
}

export class SupplyStepView {
  @ApiProperty({ example: 1 }) stepNo: number;
  @ApiProperty({ example: '裁剪 Cutting' }) name: string;
}

export class SupplyMaterialView {
  @ApiProperty({ example: 'SKU-FABRIC-01' }) sku: string;
  @ApiProperty({ example: 2 }) quantityPerUnit: number;
}

export class SkuSupplyView {
  @ApiProperty({ example: 'SKU-SUIT-01' }) sku: string;
  @ApiProperty() madeToOrder: boolean;
  @ApiProperty({ example: 10 }) leadDays: number;
  @ApiProperty({ type: [SupplyStepView] }) steps: SupplyStepView[];
  @ApiProperty({ type: [SupplyMaterialView] }) materials: SupplyMaterialView[];
  @ApiProperty({ example: 1, description: 'Grows by one with every change; 0 for a SKU whose supply was never set (stocked)' }) revision: number;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
}

export class ListSkuSuppliesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true', description: '`true`: only made-to-order SKUs; `false`: only SKUs set back to stocked' })
  @IsOptional() @IsIn(['true', 'false']) madeToOrder?: 'true' | 'false';
}

// ——— production orders ———

export class ReleaseProductionOrderBody {
  @ApiProperty({ enum: PRODUCTION_ROUTES, example: 'outsourced', description: 'in_house: our own production; outsourced: a contract factory makes it at an agreed price' })
  @IsIn(PRODUCTION_ROUTES) route: ProductionRouteName;
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d', description: 'Outsourced (required then, 422 naming it): an active supplier of kind factory' })
  @IsOptional() @IsUUID()
  factorySupplierId?: string;
  @ApiPropertyOptional({ example: 45_000, minimum: 0, description: 'Outsourced (required then): fen per finished unit, VAT included, as agreed with the factory' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_00)
  agreedUnitPriceFen?: number;
}

export class ReleaseProductionOrderRequest extends ReleaseProductionOrderBody {
  @IsUUID() id: string;
}

/** A process step of a production order: `…/production-orders/:id/steps/:stepNo/…`. */
export class ProductionStepRequest {
  @IsUUID() id: string;
  @Type(() => Number) @IsInt() @Min(1) stepNo: number;
}

export class SampleDefectRequest {
  @ApiProperty({ example: '线头外露 loose threads' }) @IsText(200) description: string;
  @ApiProperty({ example: 1, minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
}

export class SampleCheckBody {
  @ApiProperty({ enum: SAMPLE_CHECK_RESULTS, example: 'pass' }) @IsIn(SAMPLE_CHECK_RESULTS) result: 'pass' | 'fail';
  @ApiProperty({ example: 5, minimum: 1, description: 'Units examined' }) @IsInt() @Min(1) @Max(1_000_000) sampleSize: number;
  @ApiProperty({ type: [SampleDefectRequest], description: 'What was found; may be empty' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => SampleDefectRequest) @ArrayMaxSize(50)
  defects: SampleDefectRequest[];
  @ApiPropertyOptional({
    enum: REFERENCE_COMPARISONS, example: 'matches',
    description: 'Required on a repeat run (the customer\'s design has a reference sample): how the sample compares with it; `differs` counts as a fail',
  })
  @IsOptional() @IsIn(REFERENCE_COMPARISONS) referenceComparison?: 'matches' | 'differs';
}

export class SampleCheckRequest extends SampleCheckBody {
  @IsUUID() id: string;
  @Type(() => Number) @IsInt() @Min(1) stepNo: number;
}

export class QualityDecisionBody {
  @ApiProperty({ enum: QUALITY_DECISIONS, example: 'rework', description: 'rework or scrap: the step goes on and needs a new passing check; concession: it counts as passed' })
  @IsIn(QUALITY_DECISIONS) decision: QualityDecisionName;
  @ApiProperty({ example: 'Re-sew the seams of the batch' }) @IsText(500) note: string;
  @ApiPropertyOptional({ example: 1, minimum: 0, description: 'Scrap: the units thrown away (recorded; the order\'s quantity stays)' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) scrappedQuantity?: number;
}

export class QualityDecisionRequest extends QualityDecisionBody {
  @IsUUID() id: string;
  @Type(() => Number) @IsInt() @Min(1) stepNo: number;
}

export class ReferenceSampleBody {
  @ApiProperty({ example: 'RS-ACME-SUIT-01' }) @IsText(64) sampleCode: string;
  @ApiProperty({ example: '样品室 A-3', description: 'Where the sample is kept' }) @IsText(100) location: string;
  @ApiPropertyOptional({ example: 'Approved by the customer on site' }) @IsOptional() @IsText(500) note?: string;
}

export class ReferenceSampleRequest extends ReferenceSampleBody {
  @IsUUID() id: string;
}

export class ReceiveProductionOrderBody {
  @ApiPropertyOptional({ example: 'MAIN', default: 'MAIN', description: 'The warehouse the finished goods enter' }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ example: 'STOCK', default: 'STOCK' }) @IsOptional() @IsText(32) location?: string;
}

export class ReceiveProductionOrderRequest extends ReceiveProductionOrderBody {
  @IsUUID() id: string;
}

export class ListProductionOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCTION_ORDER_STATUSES }) @IsOptional() @IsIn(PRODUCTION_ORDER_STATUSES) status?: ProductionOrderStatusName;
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer order (sales)' }) @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: PRODUCTION_ROUTES }) @IsOptional() @IsIn(PRODUCTION_ROUTES) route?: ProductionRouteName;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ example: 'SKU-SUIT-01' }) @IsOptional() @IsText(64) sku?: string;
}

export class LateStepsQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The business date (YYYY-MM-DD, Asia/Shanghai); today when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: 'on must be a date as YYYY-MM-DD' })
  on?: string;
}

export class ListReferenceSamplesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ example: 'SKU-SUIT-01' }) @IsOptional() @IsText(64) sku?: string;
}

export class SampleDefectView {
  @ApiProperty({ example: '线头外露 loose threads' }) description: string;
  @ApiProperty({ example: 1 }) quantity: number;
}

export class SampleCheckView {
  @ApiProperty({ example: 1 }) checkNo: number;
  @ApiProperty({ enum: SAMPLE_CHECK_RESULTS, description: 'What the inspector recorded' }) result: string;
  @ApiProperty({ enum: SAMPLE_CHECK_RESULTS, description: 'What counts: a pass whose sample differs from the reference counts as a fail' }) counts: string;
  @ApiProperty({ example: 5 }) sampleSize: number;
  @ApiProperty({ type: [SampleDefectView] }) defects: SampleDefectView[];
  @ApiProperty({ nullable: true, enum: REFERENCE_COMPARISONS }) referenceComparison: string | null;
  @ApiProperty({ description: 'The inspector (who recorded it)' }) inspector: string;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

export class QualityDecisionView {
  @ApiProperty({ enum: QUALITY_DECISIONS }) decision: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: Number }) scrappedQuantity: number | null;
  @ApiProperty({ description: 'The quality manager' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ProductionStepView {
  @ApiProperty({ example: 1 }) stepNo: number;
  @ApiProperty({ example: '裁剪 Cutting' }) name: string;
  @ApiProperty({
    enum: PRODUCTION_STEP_STATUSES,
    description: 'pending → in_progress → completed; a failed sample check stops it (`stopped`) until the quality manager decides',
  })
  status: string;
  @ApiProperty({ example: '2026-12-05', description: 'Business date it should be completed by' }) plannedFinish: string;
  @ApiProperty({ description: 'A passing check (or a concession) since it last stopped: it may be completed' }) passed: boolean;
  @ApiProperty({ nullable: true, type: String }) startedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) completedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ type: [SampleCheckView] }) checks: SampleCheckView[];
  @ApiProperty({ type: [QualityDecisionView] }) decisions: QualityDecisionView[];
}

export class ProductionMaterialView {
  @ApiProperty({ example: 'SKU-FABRIC-01' }) sku: string;
  @ApiProperty({ example: 2 }) quantityPerUnit: number;
  @ApiProperty({ example: 20, description: 'order quantity × quantity per unit' }) quantity: number;
}

export class ProductionMaterialRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MR-2026-000001' }) number: string;
  @ApiProperty({ example: 'SKU-FABRIC-01' }) sku: string;
  @ApiProperty({ example: 12, description: 'What purchasing is asked to buy (net of stock)' }) quantityRequested: number;
  @ApiProperty({ example: 'open' }) status: string;
}

export class ReferenceSampleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: 'SKU-SUIT-01' }) sku: string;
  @ApiProperty({ example: 'RS-ACME-SUIT-01' }) sampleCode: string;
  @ApiProperty({ example: '样品室 A-3' }) location: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', description: 'The first run it was kept from' }) productionOrderId: string;
  @ApiProperty({ example: 'MO-2026-000001' }) productionOrderNumber: string;
  @ApiProperty() registeredBy: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
}

export class ProductionOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MO-2026-000001' }) number: string;
  @ApiProperty({
    enum: PRODUCTION_ORDER_STATUSES,
    description: 'planned → released → in_progress (per process step) → done → received (into stock, reserved for the order); planned or released ones are cancelled with their customer order',
  })
  status: string;
  @ApiProperty({ format: 'uuid', description: 'The customer order (sales)' }) orderId: string;
  @ApiProperty({ example: 'SO-2026-000042' }) orderNumber: string;
  @ApiProperty({ enum: ['sale', 'replacement'] }) orderKind: string;
  @ApiProperty({ nullable: true, type: String, example: 'CS-2026-000007', description: 'The after-sales complaint a replacement order answers' }) serviceTicketNumber: string | null;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '上海晨光贸易有限公司', description: 'As the order named the customer' }) customerName: string;
  @ApiProperty({ example: 1, description: 'The order line it makes' }) lineNo: number;
  @ApiProperty({ example: 'SKU-SUIT-01' }) sku: string;
  @ApiProperty({ example: 10 }) quantity: number;
  @ApiProperty({ example: '2026-12-20', description: 'The date the customer asked for' }) requestedDate: string;
  @ApiProperty({ example: '2026-12-10' }) plannedStart: string;
  @ApiProperty({ example: '2026-12-20' }) plannedFinish: string;
  @ApiProperty({ description: 'The lead time did not fit before the requested date: it starts today and finishes after it' }) behindRequestedDate: boolean;
  @ApiProperty({ description: 'The first production of this customer\'s design (customer and SKU): a reference sample must be registered before it is done' }) firstRun: boolean;
  @ApiProperty({ nullable: true, enum: PRODUCTION_ROUTES }) route: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) factorySupplierId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SUP-FAB' }) factorySupplierCode: string | null;
  @ApiProperty({ nullable: true, type: String }) factorySupplierName: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 45_000, description: 'Fen per unit, VAT included' }) agreedUnitPriceFen: number | null;
  @ApiProperty({ type: [ProductionMaterialView] }) materials: ProductionMaterialView[];
  @ApiProperty({ description: 'Materials were issued from stock (at the first step\'s start)' }) materialsIssued: boolean;
  @ApiProperty({ type: [ProductionStepView] }) steps: ProductionStepView[];
  @ApiProperty({ type: [ProductionMaterialRequestView], description: 'Raised to purchasing at the release, for materials stock did not cover' }) materialRequests: ProductionMaterialRequestView[];
  @ApiProperty({ nullable: true, type: ReferenceSampleView, description: 'The reference sample of this customer\'s design, registered on the first run' }) referenceSample: ReferenceSampleView | null;
  @ApiProperty({ nullable: true, type: String, example: 'MAIN' }) warehouseCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Outsourced: the goods receipt of the finished goods' }) receiptId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'GR-2026-000012' }) receiptNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) releasedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) releasedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) doneAt: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) receivedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was cancelled' }) cancelReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LateStepView {
  @ApiProperty({ format: 'uuid' }) productionOrderId: string;
  @ApiProperty({ example: 'MO-2026-000001' }) productionOrderNumber: string;
  @ApiProperty({ enum: PRODUCTION_ORDER_STATUSES }) productionOrderStatus: string;
  @ApiProperty({ example: 'SO-2026-000042' }) orderNumber: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '上海晨光贸易有限公司' }) customerName: string;
  @ApiProperty({ example: 'SKU-SUIT-01' }) sku: string;
  @ApiProperty({ example: 10 }) quantity: number;
  @ApiProperty({ nullable: true, enum: PRODUCTION_ROUTES }) route: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SUP-FAB' }) factorySupplierCode: string | null;
  @ApiProperty({ example: 2 }) stepNo: number;
  @ApiProperty({ example: '缝制 Sewing' }) stepName: string;
  @ApiProperty({ enum: PRODUCTION_STEP_STATUSES }) stepStatus: string;
  @ApiProperty({ example: '2026-11-30' }) plannedFinish: string;
  @ApiProperty({ example: 1, description: 'Days from the planned finish to the day asked about: 1 on the day it becomes late (the day after its planned finish)' }) daysLate: number;
}
