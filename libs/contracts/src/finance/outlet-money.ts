import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINANCE, OUTLET_SUPERVISORS } from '@ops/kernel';
import { IsISO8601, IsOptional, Length } from 'class-validator';
import { pageOf, type OperationSpec } from '../catalog.js';
import { PageQuery } from '../common.js';
import { IsText } from '../text.js';

/**
 * The outlets' money in finance (sales' tills, libs/contracts sales/outlet-events.ts): the shifts handed over at each
 * outlet's till, with the cash over or short booked, and the till takings per outlet and business date.
 */

export class ListOutletShiftsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'The business date (Asia/Shanghai)' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) date?: string;
  @ApiPropertyOptional({ example: 'BAR1' }) @IsOptional() @IsText(32) outletCode?: string;
}

export class OutletShiftView {
  @ApiProperty({ format: 'uuid', description: 'The handover in sales' }) handoverId: string;
  @ApiProperty({ format: 'uuid' }) outletId: string;
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ example: 'bar.clerk1' }) handedOverBy: string;
  @ApiProperty({ example: 'bar.clerk2' }) takenOverBy: string;
  @ApiProperty({ example: 10 }) ticketCount: number;
  @ApiProperty({ example: 150_000, description: 'The float plus the shift\'s cash tenders, less voided ones' }) expectedCashFen: number;
  @ApiProperty({ example: 152_000 }) countedCashFen: number;
  @ApiProperty({ example: 2_000, description: 'counted − expected: positive over (non-operating income, 6301), negative short (non-operating expense, 6711)' }) differenceFen: number;
  @ApiProperty({ nullable: true, type: String, example: 'A guest left the change' }) explanation: string | null;
  @ApiProperty({ example: 50_000, description: 'Left in the drawer for the next shift' }) floatFen: number;
  @ApiProperty({ example: 30_000 }) posFen: number;
  @ApiProperty({ example: 0 }) transferFen: number;
  @ApiProperty() goodsChecked: boolean;
  @ApiProperty({ format: 'date-time' }) confirmedAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'JE-2026-000123', description: 'The entry booking the difference; null when the cash agreed' }) journalEntryNumber: string | null;
}

export class ListOutletTakingsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'The business date (Asia/Shanghai)' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) date?: string;
  @ApiPropertyOptional({ example: 'BAR1' }) @IsOptional() @IsText(32) outletCode?: string;
}

export class OutletTakingsView {
  @ApiProperty({ example: 'BAR1' }) outletCode: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ example: 10, description: 'Tickets paid (voided ones included)' }) ticketCount: number;
  @ApiProperty({ example: 1, description: 'Of them voided' }) voidedCount: number;
  @ApiProperty({ example: 80_000, description: 'Cash tenders, net of change, less voided tickets\' cash' }) cashFen: number;
  @ApiProperty({ example: 30_000 }) posFen: number;
  @ApiProperty({ example: 0 }) transferFen: number;
  @ApiProperty({ example: 110_000, description: 'What the guests paid, VAT included, less voids: booked to revenue (6001) and output VAT (2221)' }) totalFen: number;
}

const READERS = [...FINANCE, 'general_manager', ...OUTLET_SUPERVISORS] as const;

export const FINANCE_OUTLET_MONEY_OPERATIONS = {
  listOutletShifts: {
    kind: 'query', roles: [...READERS], request: ListOutletShiftsQuery,
    http: { method: 'GET', path: 'finance/outlet-shifts' },
    answers: pageOf(OutletShiftView), summary: 'Shifts handed over at the outlets\' tills, by business date (CSV too)',
    description:
      'Each `sales.shift.handed-over` once: expected and counted cash, the difference and its explanation, POS and transfer takings, the float left. ' +
      'A difference is booked when heard (over: debit cash 1001, credit non-operating income 6301; short: debit non-operating expense 6711, credit cash). ' +
      'The shifts of a date are also part of each cashier\'s day of that date (`GET finance/cashier-days`).',
  },
  listOutletTakings: {
    kind: 'query', roles: [...READERS], request: ListOutletTakingsQuery,
    http: { method: 'GET', path: 'finance/outlet-takings' },
    answers: pageOf(OutletTakingsView), summary: 'Till takings per outlet and business date, latest first',
    description:
      'From `sales.till-ticket.paid` (booked: debit cash 1001, POS clearing 1012, bank 1002 for transfers; credit revenue 6001 net and output VAT 2221) ' +
      'less `sales.till-ticket.voided` (the reversing entry, on the date the ticket was paid).',
  },
} satisfies Record<string, OperationSpec>;
