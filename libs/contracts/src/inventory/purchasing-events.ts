import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * What purchasing (in inventory) tells finance: who the suppliers are, what was ordered with a prepayment,
 * what arrived and was audited (the payable), and what went back (the payable lowered). Amounts are integer
 * fen and include VAT, as purchase prices are quoted; finance splits the VAT when it books them.
 */

export const SUPPLIER_KINDS = ['goods', 'factory', 'service'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

export class SupplierSavedData {
  @IsUUID() supplierId: string;
  @IsString() @IsNotEmpty() code: string;
  @IsString() @IsNotEmpty() name: string;
  @IsIn(SUPPLIER_KINDS) kind: SupplierKind;
  @IsOptional() @IsString() taxId: string | null;
  /** Days after the receipt's audit the payable falls due. */
  @IsInt() @Min(0) paymentTermsDays: number;
  /** In full: finance pays to it. Lists everywhere show it masked. */
  @IsOptional() @IsString() bankAccount: string | null;
  @IsOptional() @IsString() bankName: string | null;
  @IsBoolean() active: boolean;
  /** Grows by one with every change, so a consumer keeps the newest it has seen whatever order events arrive in. */
  @IsInt() @Min(1) revision: number;
}

export const SupplierSaved = defineEvent({
  type: 'inventory.supplier.saved',
  version: 1,
  source: 'inventory',
  payload: SupplierSavedData,
  description: 'A supplier was registered or changed (the whole record, with a revision): finance keeps its copy for payables and payments.',
});

export class PurchaseOrderApprovedData {
  @IsUUID() purchaseOrderId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() supplierId: string;
  @IsInt() @Min(0) amountFen: number;
  /** What the supplier must be paid before delivering (0 when the order needs no prepayment). */
  @IsInt() @Min(0) prepaymentFen: number;
  @IsISO8601() approvedAt: string;
}

export const PurchaseOrderApproved = defineEvent({
  type: 'inventory.purchase-order.approved',
  version: 1,
  source: 'inventory',
  payload: PurchaseOrderApprovedData,
  description: 'A purchase order was approved at the level its amount needs: finance may now be asked to pay its prepayment, if it requires one.',
});

export class PurchasedLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  /** VAT included. */
  @IsInt() @Min(0) unitPriceFen: number;
  /** quantity × unit price. */
  @IsInt() @Min(0) amountFen: number;
}

export class ReceiptAuditedData {
  @IsUUID() receiptId: string;
  @IsString() @IsNotEmpty() receiptNumber: string;
  @IsUUID() supplierId: string;
  @IsOptional() @IsUUID() purchaseOrderId: string | null;
  @IsOptional() @IsString() purchaseOrderNumber: string | null;
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PurchasedLineData) @ArrayMinSize(1) lines: PurchasedLineData[];
  /** The lines' amounts added up: the payable. */
  @IsInt() @Min(0) amountFen: number;
  @IsISO8601() auditedAt: string;
}

export const ReceiptAudited = defineEvent({
  type: 'inventory.receipt.audited',
  version: 1,
  source: 'inventory',
  payload: ReceiptAuditedData,
  description:
    'A purchase receipt was audited and its goods entered stock: finance raises the supplier payable for exactly `amountFen` ' +
    '(inventory and VAT input against 2202). Receipts without a supplier (opening stock) raise no event.',
});

export class PurchaseReturnShippedData {
  @IsUUID() purchaseReturnId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() supplierId: string;
  /** The receipt the goods came in with, when the return names it: its payable is lowered first. */
  @IsOptional() @IsUUID() receiptId: string | null;
  @IsOptional() @IsString() receiptNumber: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PurchasedLineData) @ArrayMinSize(1) lines: PurchasedLineData[];
  @IsInt() @Min(0) amountFen: number;
  @IsISO8601() shippedAt: string;
}

export const PurchaseReturnShipped = defineEvent({
  type: 'inventory.purchase-return.shipped',
  version: 1,
  source: 'inventory',
  payload: PurchaseReturnShippedData,
  description:
    'Goods went back to the supplier and left stock: finance lowers the supplier payable by `amountFen` (the receipt\'s first, then the ' +
    'supplier\'s oldest), and what is left over, when nothing more is owed, becomes a supplier credit.',
});
