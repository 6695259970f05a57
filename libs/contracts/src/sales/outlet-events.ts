import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-contract.js';

/**
 * What the outlets (a store, a bar counter: sales' tills) tell the rest of the company. Inventory issues an
 * outlet's sales and waste from the outlet's own warehouse and answers its replenishment requests with
 * transfers; finance books the takings, the voids, the cash over or short at each handover, and the cost of
 * waste. Prices at the till include VAT; amounts are integer fen.
 */

export const OUTLET_KINDS = ['store', 'bar'] as const;
export type OutletKind = (typeof OUTLET_KINDS)[number];

export const TILL_TENDER_METHODS = ['cash', 'pos', 'transfer'] as const;
export type TillTenderMethod = (typeof TILL_TENDER_METHODS)[number];

export class TillLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  /** What the guest paid for one, VAT included, after any discount. */
  @IsInt() @Min(0) unitPriceFen: number;
  /** quantity × unit price. */
  @IsInt() @Min(0) amountFen: number;
}

export class TillTenderData {
  @IsIn(TILL_TENDER_METHODS) method: TillTenderMethod;
  /** What this tender paid of the ticket (cash: net of the change given). */
  @IsInt() @Min(1) amountFen: number;
}

export class TillTicketPaidData {
  @IsUUID() ticketId: string;
  /** The receipt number, gapless per outlet (`T-BAR1-000042`). */
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() outletId: string;
  @IsString() @IsNotEmpty() outletCode: string;
  @IsIn(OUTLET_KINDS) outletKind: OutletKind;
  /** The outlet's own warehouse in inventory: the stock is issued from it. */
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsDateString() businessDate: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TillLineData) @ArrayMinSize(1) lines: TillLineData[];
  /** The lines added up: what the guest paid, VAT included. Equals the tenders added up. */
  @IsInt() @Min(0) totalFen: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TillTenderData) @ArrayMinSize(1) tenders: TillTenderData[];
  /** Username of who took the money. */
  @IsString() @IsNotEmpty() cashier: string;
  @IsISO8601() paidAt: string;
}

export const TillTicketPaid = defineEvent({
  type: 'sales.till-ticket.paid',
  version: 1,
  source: 'sales',
  payload: TillTicketPaidData,
  description: 'A ticket at an outlet\'s till was paid in full: inventory issues its lines from the outlet\'s warehouse, finance books the takings (cash, bank) against revenue and output VAT.',
});

export class TillTicketVoidedData {
  @IsUUID() ticketId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() outletId: string;
  @IsString() @IsNotEmpty() outletCode: string;
  @IsString() @IsNotEmpty() warehouseCode: string;
  /** The business date the ticket was paid on (its takings are reversed there). */
  @IsDateString() businessDate: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TillLineData) @ArrayMinSize(1) lines: TillLineData[];
  @IsInt() @Min(0) totalFen: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => TillTenderData) @ArrayMinSize(1) tenders: TillTenderData[];
  /** The supervisor who voided it. */
  @IsString() @IsNotEmpty() voidedBy: string;
  @IsString() @IsNotEmpty() reason: string;
  @IsISO8601() voidedAt: string;
}

export const TillTicketVoided = defineEvent({
  type: 'sales.till-ticket.voided',
  version: 1,
  source: 'sales',
  payload: TillTicketVoidedData,
  description: 'A paid till ticket was voided by the outlet\'s supervisor, with a reason: inventory takes its lines back into the outlet\'s warehouse, finance reverses its takings.',
});

export class ShiftHandedOverData {
  @IsUUID() handoverId: string;
  @IsUUID() outletId: string;
  @IsString() @IsNotEmpty() outletCode: string;
  @IsDateString() businessDate: string;
  /** Who hands the till over, and who takes it (both confirmed). */
  @IsString() @IsNotEmpty() handedOverBy: string;
  @IsString() @IsNotEmpty() takenOverBy: string;
  /** The shift's paid tickets (voids taken out). */
  @IsInt() @Min(0) ticketCount: number;
  /** Cash the drawer should hold: the float plus the cash tenders of the shift's tickets, less voided ones. */
  @IsInt() @Min(0) expectedCashFen: number;
  @IsInt() @Min(0) countedCashFen: number;
  /** counted − expected: positive is over, negative short. */
  @IsInt() differenceFen: number;
  /** Why the cash was short or over; null when it agreed. */
  @IsOptional() @IsString() explanation: string | null;
  /** The float left in the drawer for the next shift (not takings). */
  @IsInt() @Min(0) floatFen: number;
  @IsInt() @Min(0) posFen: number;
  @IsInt() @Min(0) transferFen: number;
  @IsBoolean() goodsChecked: boolean;
  @IsISO8601() confirmedAt: string;
}

export const ShiftHandedOver = defineEvent({
  type: 'sales.shift.handed-over',
  version: 1,
  source: 'sales',
  payload: ShiftHandedOverData,
  description: 'An outlet\'s till changed hands with its cash counted against its tickets and both people confirming: finance books any cash over or short and lists the shift in the cashier\'s day close.',
});

export const WASTE_KINDS = ['waste', 'breakage', 'expired', 'spillage'] as const;
export type WasteKind = (typeof WASTE_KINDS)[number];

export class WasteLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsIn(WASTE_KINDS) kind: WasteKind;
  /**
   * The outlet price list's floor price for one (VAT included): finance costs the line at the last purchase
   * price it booked for the SKU, and at this (net of VAT) when it never bought the SKU.
   */
  @IsInt() @Min(0) floorPriceFen: number;
}

export class OutletWasteApprovedData {
  @IsUUID() wasteId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsUUID() outletId: string;
  @IsString() @IsNotEmpty() outletCode: string;
  @IsString() @IsNotEmpty() warehouseCode: string;
  @IsDateString() businessDate: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => WasteLineData) @ArrayMinSize(1) lines: WasteLineData[];
  @IsString() @IsNotEmpty() recordedBy: string;
  @IsString() @IsNotEmpty() approvedBy: string;
  @IsISO8601() approvedAt: string;
}

export const OutletWasteApproved = defineEvent({
  type: 'sales.outlet-waste.approved',
  version: 1,
  source: 'sales',
  payload: OutletWasteApprovedData,
  description: 'Waste or breakage at an outlet, approved by its supervisor: inventory issues it from the outlet\'s warehouse as waste, finance costs it and books the loss.',
});

export class ReplenishmentLineData {
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
}

export class ReplenishmentRequestedData {
  @IsUUID() requestId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsString() @IsNotEmpty() outletCode: string;
  /** The outlet's warehouse: the transfer's destination. */
  @IsString() @IsNotEmpty() toWarehouseCode: string;
  /** The warehouse asked to send the goods. */
  @IsString() @IsNotEmpty() fromWarehouseCode: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReplenishmentLineData) @ArrayMinSize(1) lines: ReplenishmentLineData[];
  @IsString() @IsNotEmpty() requestedBy: string;
  @IsOptional() @IsString() note: string | null;
}

export const ReplenishmentRequested = defineEvent({
  type: 'sales.replenishment.requested',
  version: 1,
  source: 'sales',
  payload: ReplenishmentRequestedData,
  description: 'An outlet asked the warehouse for goods: inventory raises a transfer from the named warehouse to the outlet\'s, for the warehouse to approve and send.',
});

/* ---- What the outlets hear back (declared here, beside what they answer). ---- */

export class WasteCostLineData {
  @IsInt() @Min(1) lineNo: number;
  @IsString() @IsNotEmpty() sku: string;
  @IsInt() @Min(1) quantity: number;
  /** Net of VAT. */
  @IsInt() @Min(0) unitCostFen: number;
  @IsIn(['last-purchase', 'price-list-floor']) costBasis: 'last-purchase' | 'price-list-floor';
}

export class OutletWasteCostedData {
  @IsUUID() wasteId: string;
  @IsString() @IsNotEmpty() number: string;
  @IsString() @IsNotEmpty() outletCode: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => WasteCostLineData) @ArrayMinSize(1) lines: WasteCostLineData[];
  /** The lines' costs added up: the loss booked (debit the outlets' loss account, credit inventory goods). */
  @IsInt() @Min(0) costFen: number;
  /** The loss's journal entry; null when the waste cost nothing and no entry was booked. */
  @IsOptional() @IsString() @IsNotEmpty() journalEntryNumber: string | null;
}

export const OutletWasteCosted = defineEvent({
  type: 'finance.outlet-waste.costed',
  version: 1,
  source: 'finance',
  payload: OutletWasteCostedData,
  description: 'Finance costed an outlet\'s approved waste (last purchase price, else the price list\'s floor net of VAT) and booked the loss: the outlet shows the cost on its waste record.',
});

export class ReplenishmentTransferRaisedData {
  @IsUUID() requestId: string;
  @IsUUID() transferId: string;
  @IsString() @IsNotEmpty() transferNumber: string;
}

export const ReplenishmentTransferRaised = defineEvent({
  type: 'inventory.replenishment.transfer-raised',
  version: 1,
  source: 'inventory',
  payload: ReplenishmentTransferRaisedData,
  description: 'Inventory raised the transfer that answers an outlet\'s replenishment request (a draft for the warehouse to approve and send): the outlet shows its number.',
});
