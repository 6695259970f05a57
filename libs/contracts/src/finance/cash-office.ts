import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * The cash office after the cashier's day (domain.md §5): counted cash handed to the treasurer (a finance
 * manager) with both confirmations, and cash taken to the bank on deposit runs with a security escort.
 */

export const CASH_HANDOVER_STATUSES = ['handed', 'received'] as const;
export const BANK_DEPOSIT_STATUSES = ['scheduled', 'deposited'] as const;

export class HandOverCashBody {
  @ApiProperty({ example: 40_000, minimum: 1, description: 'Cash handed to the treasurer, fen: at most the cash counted that day less earlier handovers of the day' })
  @IsInt() @Min(1) @Max(100_000_000_00)
  amountFen: number;
}

export class HandOverCashRequest extends HandOverCashBody {
  @IsUUID() dayId: string;
}

export class CashHandoverIdRequest {
  @IsUUID() handoverId: string;
}

export class ListCashHandoversQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASH_HANDOVER_STATUSES, description: '`handed`: waiting for the treasurer to confirm receiving it' })
  @IsOptional() @IsIn(CASH_HANDOVER_STATUSES) status?: (typeof CASH_HANDOVER_STATUSES)[number];
  @ApiPropertyOptional({ example: '2026-11-30', description: 'The cashier\'s day the cash comes from' }) @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) businessDate?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The cashier\'s day' }) @IsOptional() @IsUUID() dayId?: string;
}

export class CashHandoverView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CH-2026-000001', description: 'Gapless handover number' }) number: string;
  @ApiProperty({ format: 'uuid', description: 'The cashier\'s day the cash was counted on' }) dayId: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ example: 40_000 }) amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: CASH_HANDOVER_STATUSES }) status: string;
  @ApiProperty({ description: 'The cashier who handed the cash over' }) handedBy: string;
  @ApiProperty({ format: 'date-time' }) handedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'The finance manager (treasurer) who confirmed receiving it' }) receivedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) receivedAt: string | null;
}

export class ScheduleBankDepositRequest {
  @ApiProperty({ example: 40_000, minimum: 1, description: 'Cash taken to the bank, fen: at most what the treasurer received from cashiers and no run takes yet' })
  @IsInt() @Min(1) @Max(100_000_000_00)
  amountFen: number;

  @ApiProperty({ example: '中国工商银行 浦东支行', description: 'The bank (and branch) the cash goes to' })
  @IsText(100)
  bank: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T08:00:00Z', description: 'When the run leaves; not in the past' })
  @IsISO8601({ strict: true })
  plannedAt: string;
}

export class RecordBankDepositBody {
  @ApiProperty({ example: '0012345678', description: 'The number on the bank\'s deposit slip' })
  @IsText(50)
  bankSlipNumber: string;
}

export class RecordBankDepositRequest extends RecordBankDepositBody {
  @IsUUID() depositId: string;
}

export class ListBankDepositsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BANK_DEPOSIT_STATUSES }) @IsOptional() @IsIn(BANK_DEPOSIT_STATUSES) status?: (typeof BANK_DEPOSIT_STATUSES)[number];
}

export class BankDepositView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BD-2026-000001', description: 'Gapless deposit run number' }) number: string;
  @ApiProperty({ example: 40_000 }) amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '中国工商银行 浦东支行' }) bank: string;
  @ApiProperty({ format: 'date-time' }) plannedAt: string;
  @ApiProperty({ enum: BANK_DEPOSIT_STATUSES }) status: string;
  @ApiProperty({ description: 'The treasurer (finance manager) who scheduled the run' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) bankSlipNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) depositedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) depositedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The journal entry that moved the cash to the bank (1001 → 1002)' }) journalEntryId: string | null;
}

/** Security is asked to escort a run of cash to the bank. */
export class EscortRequestedData {
  @IsUUID() depositId: string;
  @IsInt() @Min(1) amountFen: number;
  @IsString() @Length(1, 100) bank: string;
  @IsISO8601({ strict: true }) plannedAt: string;
  @IsString() @Length(1, 100) requestedBy: string;
}

export const EscortRequested = defineEvent({
  type: 'finance.escort.requested',
  version: 1,
  source: 'finance',
  payload: EscortRequestedData,
  description:
    'The treasurer scheduled a run of cash to the bank (`depositId`, how much, which bank, when it leaves, who asked): security is to send an ' +
    'escort for the run.',
});

/** A document number as finance prints them: `RC-2026-000001`, `INV-2026-000012`, `SVAT-2026-000003`. */
const DOCUMENT_NUMBER = /^[A-Z]{1,6}-\d{4}-\d{1,12}$/;

/**
 * Explanations keyed by document number (the cashier's day: receipts not invoiced, invoices not paid): an
 * object of at most 200 entries, each key a document number and each value 1–500 characters (trimmed).
 */
export function IsDocumentExplanations(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isDocumentExplanations',
      target: target.constructor,
      propertyName: property as string,
      validator: {
        validate: (value: unknown) =>
          value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length <= 200 &&
          Object.entries(value).every(([key, text]) => DOCUMENT_NUMBER.test(key) && typeof text === 'string' && text.trim().length >= 1 && text.length <= 500),
        defaultMessage: ({ property: name }: ValidationArguments) =>
          `${name} maps document numbers (RC-2026-000001, INV-2026-000001) to explanations of 1 to 500 characters, at most 200 of them`,
      },
    });
}
