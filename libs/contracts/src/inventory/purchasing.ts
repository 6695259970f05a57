import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';
import { SUPPLIER_KINDS, type SupplierKind } from './purchasing-events.js';

/**
 * Purchasing, in the inventory service: suppliers, purchase orders, and what the shortage register asks
 * to be bought. Purchase receipts are goods receipts that name a supplier (see `ReceiveStockRequest`).
 * Money is integer fen, VAT included.
 */

/** 18 characters: digits and upper case letters other than I, O, S, V, Z (as sales customers' taxId). */
export const SUPPLIER_TAX_ID = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const PURCHASE_ORDER_STATUSES = ['draft', 'approved', 'partly_received', 'received', 'closed', 'cancelled'] as const;
export type PurchaseOrderStatusName = (typeof PURCHASE_ORDER_STATUSES)[number];

export class SupplierContactRequest {
  @ApiProperty({ example: '李明' }) @IsText(100) name: string;
  @ApiPropertyOptional({ example: '13800000000', description: 'A phone or an email (at least one)' }) @IsOptional() @IsText(40) phone?: string;
  @ApiPropertyOptional({ example: 'liming@example.cn' }) @IsOptional() @IsEmail() @Length(3, 200) email?: string;
}

export class RegisterSupplierRequest {
  @ApiProperty({ example: 'SUP-HZTEA', description: 'Unique; letters, digits, dots, dashes and underscores, at most 32' })
  @IsText(32) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'code may hold letters, digits, dots, dashes and underscores only' })
  code: string;
  @ApiProperty({ example: '杭州龙井茶厂' }) @IsText(200) name: string;
  @ApiProperty({ enum: SUPPLIER_KINDS, description: 'goods: a trader; factory: makes what it sells; service: sells services (freight, repairs)' }) @IsIn(SUPPLIER_KINDS) kind: SupplierKind;
  @ApiPropertyOptional({ example: '91330100MA2B3C4D5E', description: '18-character unified social credit code' })
  @IsOptional() @Matches(SUPPLIER_TAX_ID, { message: 'taxId must be an 18-character unified social credit code (digits and upper case letters other than I, O, S, V, Z)' })
  taxId?: string;
  @ApiProperty({ example: 30, minimum: 0, maximum: 365, description: 'Days after a receipt\'s audit its payable falls due' }) @IsInt() @Min(0) @Max(365) paymentTermsDays: number;
  @ApiPropertyOptional({ example: '中国工商银行杭州分行', description: 'Required with a bank account' }) @IsOptional() @IsText(200) bankName?: string;
  @ApiPropertyOptional({ example: '6222 0210 0112 3456 789', description: '8 to 30 digits; spaces as printed are dropped. Shown masked (`**** **** 6789`) except in the single-supplier view for purchasing managers and finance' })
  @IsOptional() @IsText(40) bankAccount?: string;
  @ApiPropertyOptional({ type: [SupplierContactRequest] })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SupplierContactRequest) @ArrayMaxSize(20)
  contacts?: SupplierContactRequest[];
}

/** Every field but the code (others refer to it); a field left out keeps its value, `null` clears an optional one. */
export class ChangeSupplierBody {
  @ApiPropertyOptional({ example: '杭州龙井茶厂' }) @IsOptional() @IsText(200) name?: string;
  @ApiPropertyOptional({ enum: SUPPLIER_KINDS }) @IsOptional() @IsIn(SUPPLIER_KINDS) kind?: SupplierKind;
  @ApiPropertyOptional({ nullable: true, type: String, example: '91330100MA2B3C4D5E' })
  @IsOptional() @Matches(SUPPLIER_TAX_ID, { message: 'taxId must be an 18-character unified social credit code (digits and upper case letters other than I, O, S, V, Z)' })
  taxId?: string | null;
  @ApiPropertyOptional({ example: 45, minimum: 0, maximum: 365 }) @IsOptional() @IsInt() @Min(0) @Max(365) paymentTermsDays?: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: '中国工商银行杭州分行' }) @IsOptional() @IsText(200) bankName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '6222 0212 0300 1234 567', description: '8 to 30 digits; the full number, never the masked one' }) @IsOptional() @IsText(40) bankAccount?: string | null;
  @ApiPropertyOptional({ type: [SupplierContactRequest], description: 'The whole list, replacing the one kept' })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SupplierContactRequest) @ArrayMaxSize(20)
  contacts?: SupplierContactRequest[];
}

export class ChangeSupplierRequest extends ChangeSupplierBody {
  @IsUUID() id: string;
}

export class DeactivateSupplierBody {
  @ApiProperty({ example: 'No longer delivers to Hangzhou' }) @IsText(500) reason: string;
}

export class DeactivateSupplierRequest extends DeactivateSupplierBody {
  @IsUUID() id: string;
}

export class ListSuppliersQuery extends PageQuery {
  @ApiPropertyOptional({ example: '茶', description: 'Part of the code or name' }) @IsOptional() @IsText(100) q?: string;
  @ApiPropertyOptional({ enum: SUPPLIER_KINDS }) @IsOptional() @IsIn(SUPPLIER_KINDS) kind?: SupplierKind;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (or inactive) suppliers' }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}

export class SupplierContactView {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class SupplierView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SUP-HZTEA' }) code: string;
  @ApiProperty({ example: '杭州龙井茶厂' }) name: string;
  @ApiProperty({ enum: SUPPLIER_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) taxId: string | null;
  @ApiProperty({ example: 30 }) paymentTermsDays: number;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty({
    nullable: true, type: String, example: '**** **** 6789',
    description: 'Masked to the last four digits in lists and for everyone but purchasing managers, accountants and finance managers, who get it in full from `GET inventory/suppliers/{id}`',
  })
  bankAccount: string | null;
  @ApiProperty({ description: 'Whether `bankAccount` is masked' }) bankAccountMasked: boolean;
  @ApiProperty({ type: [SupplierContactView] }) contacts: SupplierContactView[];
  @ApiProperty({ description: 'An inactive supplier takes no new purchase orders or receipts' }) active: boolean;
  @ApiProperty({ example: 1, description: 'Grows by one with every change' }) revision: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PurchaseOrderLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001' }) @IsText(64) sku: string;
  @ApiPropertyOptional({ example: 'MAIN', default: 'MAIN', description: 'Where the goods are to be delivered; a receipt against this line must be for this warehouse' })
  @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiProperty({ example: 100, minimum: 1 }) @IsInt() @Min(1) @Max(10_000_000) quantity: number;
  @ApiProperty({ example: 11_300, minimum: 0, description: 'Fen per unit, VAT included' }) @IsInt() @Min(0) @Max(100_000_000_00) unitPriceFen: number;
  @ApiProperty({ example: '2026-12-15', description: 'Business date the supplier promised delivery' }) @IsISO8601({ strict: true }) @Length(10, 10) promisedDate: string;
}

export class CreatePurchaseOrderRequest {
  @ApiProperty({ format: 'uuid', example: '0193b5c2-6f20-7a11-9c3d-1e2f3a4b5c6d', description: 'An active supplier' }) @IsUUID() supplierId: string;
  @ApiProperty({ type: [PurchaseOrderLineRequest], description: 'One line per SKU and warehouse' })
  @IsArray() @ValidateNested({ each: true }) @Type(() => PurchaseOrderLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200)
  lines: PurchaseOrderLineRequest[];
  @ApiPropertyOptional({ example: 0, default: 0, minimum: 0, description: 'What the supplier must be paid before delivering, fen; at most the order\'s amount' })
  @IsOptional() @IsInt() @Min(0) prepaymentFen?: number;
}

export class ListPurchaseOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PURCHASE_ORDER_STATUSES }) @IsOptional() @IsIn(PURCHASE_ORDER_STATUSES) status?: PurchaseOrderStatusName;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ example: 'SKU-TEA-001', description: 'Orders with a line of this SKU' }) @IsOptional() @IsText(64) sku?: string;
}

export class ClosePurchaseOrderBody {
  @ApiPropertyOptional({ example: 'Supplier discontinued the model', description: 'Required to short-close an order with goods still to come' }) @IsOptional() @IsText(500) reason?: string;
}

export class ClosePurchaseOrderRequest extends ClosePurchaseOrderBody {
  @IsUUID() id: string;
}

export class CancelPurchaseOrderBody {
  @ApiProperty({ example: 'Ordered twice by mistake' }) @IsText(500) reason: string;
}

export class CancelPurchaseOrderRequest extends CancelPurchaseOrderBody {
  @IsUUID() id: string;
}

export class PurchaseOrderLineView {
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode: string;
  @ApiProperty({ example: 100 }) quantity: number;
  @ApiProperty({ example: 40, description: 'Counted by audited receipts; may exceed `quantity` when a purchasing manager accepted more' }) receivedQuantity: number;
  @ApiProperty({ example: 60, description: 'Still to come: quantity less received, never below 0' }) remainingQuantity: number;
  @ApiProperty({ example: 11_300, description: 'Fen, VAT included' }) unitPriceFen: number;
  @ApiProperty({ example: 1_130_000, description: 'quantity × unit price' }) amountFen: number;
  @ApiProperty({ example: '2026-12-15' }) promisedDate: string;
}

export class PurchaseOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PO-2026-000001' }) number: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ example: 'SUP-HZTEA' }) supplierCode: string;
  @ApiProperty({ example: '杭州龙井茶厂' }) supplierName: string;
  @ApiProperty({
    enum: PURCHASE_ORDER_STATUSES,
    description: 'draft → approved → partly_received → received → closed; cancelled only before any receipt; an order with goods still to come may be short-closed by a purchasing manager',
  })
  status: string;
  @ApiProperty({ example: 1_130_000, description: 'Σ lines\' amounts, fen, VAT included' }) amountFen: number;
  @ApiProperty({ example: 0 }) prepaymentFen: number;
  @ApiProperty({ enum: ['purchasing_manager', 'general_manager'], description: 'Who must approve it by its amount, on today\'s thresholds' }) requiredApproval: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was short-closed or cancelled' }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String, description: 'Never the creator' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [PurchaseOrderLineView] }) lines: PurchaseOrderLineView[];
}
