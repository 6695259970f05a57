import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTLET_SUPERVISORS, PURCHASING, WAREHOUSE } from '@ops/kernel';
import { IsIn, IsOptional } from 'class-validator';
import { pageOf, type OperationSpec } from '../catalog.js';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * The outlets' stock in inventory (sales' tills, libs/contracts sales/outlet-events.ts): what a till sold or an
 * outlet wasted that the ledger did not hold (a till shortfall, for the outlet's next stocktake), and the
 * replenishment requests inventory heard with the transfer each raised, or why it could not.
 */

export const SHORTFALL_REASON_NAMES = ['short', 'unknown-sku', 'unknown-warehouse', 'not-a-store'] as const;

export class ListTillShortfallsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'BAR1', description: 'The outlet\'s warehouse' }) @IsOptional() @IsText(32) warehouseCode?: string;
  @ApiPropertyOptional({ example: 'BAR1', description: 'The outlet (sales\' code)' }) @IsOptional() @IsText(32) outletCode?: string;
}

export class TillShortfallView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ enum: ['till_sale', 'waste'], description: 'A till ticket paid, or waste approved' }) documentKind: string;
  @ApiProperty({ format: 'uuid', description: 'The ticket or waste record in sales' }) documentId: string;
  @ApiProperty({ example: 'T-BAR1-2026-000042' }) documentNumber: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: 'BAR1' }) warehouseCode: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 2, description: 'Units sold (or wasted) that the ledger did not hold there' }) quantity: number;
  @ApiProperty({
    enum: SHORTFALL_REASON_NAMES,
    description: 'short: the ledger held less (free of orders) than left the counter; unknown-sku / unknown-warehouse: inventory knows no such SKU or warehouse; not-a-store: the warehouse is not of kind store (nothing was issued from it)',
  }) reason: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the ticket was voided since: its goods came back, these units did not come back into the ledger (the stocktake finds them over)' }) ticketVoidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ListReplenishmentRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only the requests inventory could not answer with a transfer (a problem for a person to settle)' })
  @IsOptional() @IsIn(['true']) unanswered?: 'true';
}

export class ReplenishmentRequestLineView {
  @ApiProperty({ example: 'SKU-TEA-001' }) sku: string;
  @ApiProperty({ example: 12 }) quantity: number;
}

export class ReplenishmentRequestView {
  @ApiProperty({ format: 'uuid', description: 'The request in sales' }) requestId: string;
  @ApiProperty({ example: 'RR-2026-000003' }) number: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: 'MAIN' }) fromWarehouseCode: string;
  @ApiProperty({ example: 'BAR1' }) toWarehouseCode: string;
  @ApiProperty({ type: [ReplenishmentRequestLineView] }) lines: ReplenishmentRequestLineView[];
  @ApiProperty() requestedBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The draft transfer raised for it' }) transferId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TR-2026-000007' }) transferNumber: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'no SKU SKU-GONE', description: 'Why no transfer was raised (an unknown warehouse or SKU): settle it and raise the transfer by hand' }) problem: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

const READERS = [...WAREHOUSE, ...PURCHASING, ...OUTLET_SUPERVISORS, 'general_manager'] as const;

export const INVENTORY_OUTLET_STOCK_OPERATIONS = {
  listTillShortfalls: {
    kind: 'query', roles: [...READERS], request: ListTillShortfallsQuery,
    http: { method: 'GET', path: 'inventory/till-shortfalls' },
    answers: pageOf(TillShortfallView), summary: 'Till shortfalls: outlet sales and waste the ledger did not hold, newest first (CSV too)',
    description:
      'Inventory never refuses what an outlet\'s till sold (`sales.till-ticket.paid`) or its supervisor approved as waste ' +
      '(`sales.outlet-waste.approved`): the goods have left the counter. It issues from the outlet\'s warehouse what is on hand there and free of ' +
      'orders (movements `till_sale`, `waste`) and records the rest here, per line, for the outlet\'s next stocktake. Filter by the warehouse or the outlet.',
  },
  listReplenishmentRequests: {
    kind: 'query', roles: [...READERS], request: ListReplenishmentRequestsQuery,
    http: { method: 'GET', path: 'inventory/replenishment-requests' },
    answers: pageOf(ReplenishmentRequestView), summary: 'Outlets\' replenishment requests and the transfers raised for them, newest first',
    description:
      'Each `sales.replenishment.requested` raises a draft transfer (TR-…) from the named warehouse to the outlet\'s, for the warehouse to ' +
      'dispatch; sales hears `inventory.replenishment.transfer-raised`. A request naming a warehouse or SKU inventory does not know is kept here ' +
      'with its `problem` instead (`unanswered=true`), for a person to settle: it is not retried.',
  },
} satisfies Record<string, OperationSpec>;
