import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { pageOf, type OperationSpec } from '../catalog.js';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * The books (domain.md, "The books"): vouchers (记账凭证, manual journal entries another accountant reviews) and
 * the month-end close (月末结账) with its reconciliation checklist; a closed month takes no more entries.
 */

export const VOUCHER_STATUSES = ['draft', 'submitted', 'posted', 'rejected'] as const;
export const CLOSE_CHECK_NAMES = ['cashier-days', 'receivables', 'payables', 'supplier-prepayments', 'stock', 'vouchers'] as const;
const MONTH = /^[12]\d{3}-(0[1-9]|1[0-2])$/;
const DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const BOOKS = ['accountant', 'finance_manager'] as const;
const READERS = ['accountant', 'finance_manager', 'general_manager'] as const;

export class VoucherLineBody {
  @ApiProperty({ example: '6602', description: 'An account of the chart (not a control account: 1122, 1123, 1405, 2202, 2203 are posted by their documents)' })
  @IsString() @Length(4, 6) @Matches(/^\d{4,6}$/, { message: 'accountCode must be a chart code of 4 to 6 digits' }) accountCode: string;
  @ApiPropertyOptional({ example: 12_000, description: 'Debit, fen; give this or creditFen' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000_00) debitFen?: number;
  @ApiPropertyOptional({ example: 0, description: 'Credit, fen; give this or debitFen' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000_00) creditFen?: number;
  @ApiPropertyOptional({ example: 'Office rent, December' }) @IsOptional() @IsText(200, 0) memo?: string;
}

export class VoucherBody {
  @ApiProperty({ example: '2026-11-30', description: 'The business date the entry belongs to; refused in a closed month (409 `period-closed`)' })
  @Matches(DATE) @IsISO8601({ strict: true }) @Length(10, 10) entryDate: string;
  @ApiProperty({ example: 'Accrued office rent for November' }) @IsText(500) memo: string;
  @ApiPropertyOptional({ example: 1, description: 'Attachments the voucher rests on (附件张数); at least the references given' }) @IsOptional() @IsInt() @Min(0) @Max(999) attachmentCount?: number;
  @ApiPropertyOptional({ type: [String], example: ['Lease 2026-03, invoice 04412345'], description: 'What the attachments are (invoice numbers, contracts)' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 200, { each: true }) attachmentRefs?: string[];
  @ApiProperty({ type: [VoucherLineBody], description: 'At least two lines; debits equal credits (422 naming `lines`)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => VoucherLineBody) lines: VoucherLineBody[];
}

export class CreateVoucherRequest extends VoucherBody {}

export class VoucherIdRequest {
  @IsUUID() voucherId: string;
}

export class ReviseVoucherRequest extends VoucherBody {
  @IsUUID() voucherId: string;
}

export class RejectVoucherBody {
  @ApiProperty({ example: 'Attach the lease invoice' }) @IsText(500) reason: string;
}

export class RejectVoucherRequest extends RejectVoucherBody {
  @IsUUID() voucherId: string;
}

export class ReverseVoucherBody {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'The reversing voucher\'s date (default today): it must fall in an open month' })
  @IsOptional() @Matches(DATE) @IsISO8601({ strict: true }) @Length(10, 10) entryDate?: string;
}

export class ReverseVoucherRequest extends ReverseVoucherBody {
  @IsUUID() voucherId: string;
}

export class ListVouchersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VOUCHER_STATUSES, description: '`submitted` is the reviewers\' queue' }) @IsOptional() @IsIn(VOUCHER_STATUSES) status?: (typeof VOUCHER_STATUSES)[number];
  @ApiPropertyOptional({ example: '2026-11', description: 'Vouchers dated in this month' }) @IsOptional() @Matches(MONTH, { message: 'month must be YYYY-MM' }) month?: string;
}

export class VoucherLineView {
  @ApiProperty({ example: '6602' }) accountCode: string;
  @ApiProperty({ example: 'Administrative expenses (管理费用)' }) accountName: string;
  @ApiProperty({ example: 12_000 }) debitFen: number;
  @ApiProperty({ example: 0 }) creditFen: number;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
}

export class VoucherView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PZ-2026-000001', description: 'Gapless per year' }) number: string;
  @ApiProperty({ example: '2026-11-30' }) entryDate: string;
  @ApiProperty() memo: string;
  @ApiProperty({ example: 1 }) attachmentCount: number;
  @ApiProperty({ type: [String] }) attachmentRefs: string[];
  @ApiProperty({ type: [VoucherLineView] }) lines: VoucherLineView[];
  @ApiProperty({ example: 12_000, description: 'Debits (= credits)' }) totalFen: number;
  @ApiProperty({ enum: VOUCHER_STATUSES }) status: string;
  @ApiProperty() preparedBy: string;
  @ApiProperty({ format: 'date-time' }) preparedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'JE-2026-000123', description: 'The journal entry it was posted as' }) journalEntryNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The posted voucher this one reverses' }) reversalOf: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The voucher drafted to reverse this one' }) reversedBy: string | null;
}

export class PeriodMonthRequest {
  @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
}

export class CloseProblemView {
  @ApiProperty({ enum: CLOSE_CHECK_NAMES }) check: string;
  @ApiProperty({ example: 'Receipt RC-2026-000001 (300.00) belongs to cashier\'s day 2026-11-30, which is not closed' }) detail: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { amountFen: 30_000 }, description: 'The figures behind it, fen (or counts)' })
  amounts: Record<string, number>;
}

export class CloseCheckView {
  @ApiProperty({ enum: CLOSE_CHECK_NAMES }) check: string;
  @ApiProperty() agrees: boolean;
  @ApiProperty({ type: [CloseProblemView] }) problems: CloseProblemView[];
}

export class PeriodCloseCheckView {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ description: 'The month has ended on the business clock' }) ended: boolean;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why it cannot be closed whatever the checks say (not ended, an earlier month open, closed already)' }) blockedBy: string | null;
  @ApiProperty({ description: 'Every check agrees and nothing blocks it: the close would go through now' }) closable: boolean;
  @ApiProperty({ type: [CloseCheckView] }) checks: CloseCheckView[];
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

export class PeriodView {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ example: 42, description: 'Journal entries dated in the month' }) entryCount: number;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: [CloseCheckView], description: 'The checklist as it stood when the month closed (null while open: ask GET …/close-check)' })
  lastCheck: CloseCheckView[] | null;
}

export class PeriodClosedData {
  @IsString() @Matches(MONTH) month: string;
  @IsString() @IsNotEmpty() closedBy: string;
  @IsISO8601() closedAt: string;
  @IsInt() @Min(0) entryCount: number;
}

export const PeriodClosed = defineEvent({
  type: 'finance.period.closed',
  version: 1,
  source: 'finance',
  payload: PeriodClosedData,
  description: 'A finance manager closed the books of a month after every reconciliation check agreed: nothing posts into it any more (corrections go to the open month).',
});

export const FINANCE_BOOKS_OPERATIONS = {
  createVoucher: {
    kind: 'command', roles: [...BOOKS], request: CreateVoucherRequest, creates: true,
    http: { method: 'POST', path: 'finance/vouchers' },
    answers: VoucherView, summary: 'Draft a voucher (记账凭证)',
    errors: [
      { status: 409, description: 'The entry date falls in a closed month (`period-closed`, naming `entryDate`)' },
      { status: 422, description: 'Lines that do not balance, an account not in the chart or a control account, a line without one positive amount (`voucher-invalid`, naming each field)' },
    ],
    description:
      'An accountant or finance manager writes a journal entry by hand: its business date, memo, attachments and lines on chart accounts. ' +
      'It is a `draft` with a gapless number (PZ-year-n) until its preparer submits it; another accountant reviews it.',
  },
  reviseVoucher: {
    kind: 'command', roles: [...BOOKS], request: ReviseVoucherRequest,
    http: { method: 'PUT', path: 'finance/vouchers/:voucherId', body: VoucherBody },
    answers: VoucherView, summary: 'Change a draft or rejected voucher (it is a draft again)',
    errors: [404, { status: 403, description: 'Not its preparer (`not-the-preparer`)' }, { status: 409, description: 'Submitted or posted, or dated in a closed month' }, 422],
  },
  submitVoucher: {
    kind: 'command', roles: [...BOOKS], request: VoucherIdRequest,
    http: { method: 'POST', path: 'finance/vouchers/:voucherId/submit' },
    answers: VoucherView, summary: 'Submit a draft voucher for review',
    errors: [404, { status: 403, description: 'Not its preparer' }, { status: 409, description: 'Not a draft, or dated in a closed month' }],
  },
  approveVoucher: {
    kind: 'command', roles: [...BOOKS], request: VoucherIdRequest,
    http: { method: 'POST', path: 'finance/vouchers/:voucherId/approve' },
    answers: VoucherView, summary: 'Review and post a submitted voucher',
    errors: [
      404, { status: 403, description: 'The preparer reviewing their own voucher (`preparer-reviews-own`), whatever roles they hold' },
      { status: 409, description: 'Not submitted, or dated in a month closed meanwhile (`period-closed`)' },
    ],
    description: 'Another accountant or a finance manager approves it: it is posted to the journal (source `voucher`) in the same transaction, and the entry\'s number is kept on it.',
  },
  rejectVoucher: {
    kind: 'command', roles: [...BOOKS], request: RejectVoucherRequest,
    http: { method: 'POST', path: 'finance/vouchers/:voucherId/reject', body: RejectVoucherBody },
    answers: VoucherView, summary: 'Send a submitted voucher back, with the reason',
    errors: [404, { status: 403, description: 'The preparer' }, { status: 409, description: 'Not submitted' }],
    description: 'The preparer fixes it (`PUT …`, a draft again) and submits it again.',
  },
  reverseVoucher: {
    kind: 'command', roles: [...BOOKS], request: ReverseVoucherRequest, creates: true,
    http: { method: 'POST', path: 'finance/vouchers/:voucherId/reverse', body: ReverseVoucherBody },
    answers: VoucherView, summary: 'Draft the reversing voucher of a posted one',
    errors: [404, { status: 409, description: 'Not posted (`voucher-not-posted`), reversed already (`voucher-reversed`), or the date in a closed month (`period-closed`)' }],
    description: 'A posted voucher never changes: a new draft with every line\'s sides swapped (`reversalOf`), dated today unless said, is reviewed and posted like any other.',
  },
  listVouchers: {
    kind: 'query', roles: [...READERS], request: ListVouchersQuery,
    http: { method: 'GET', path: 'finance/vouchers' },
    answers: pageOf(VoucherView), summary: 'Vouchers, newest first (CSV too)',
  },
  getVoucher: {
    kind: 'query', roles: [...READERS], request: VoucherIdRequest,
    http: { method: 'GET', path: 'finance/vouchers/:voucherId' },
    answers: VoucherView, summary: 'One voucher', errors: [404],
  },
  listPeriods: {
    kind: 'query', roles: [...READERS],
    http: { method: 'GET', path: 'finance/periods' },
    answers: [PeriodView], summary: 'The months of the books, latest first, with their status',
    description: 'Every month from the first entry\'s to the current one: open or closed, with who closed it and the checklist as it stood at the close.',
  },
  getPeriodCloseCheck: {
    kind: 'query', roles: [...READERS], request: PeriodMonthRequest,
    http: { method: 'GET', path: 'finance/periods/:month/close-check', params: { month: 'code' } },
    answers: PeriodCloseCheckView, summary: 'The month-end checklist, without closing',
    description:
      'Each check with what does not agree: (cashier-days) every receipt dated in the month belongs to a closed cashier day whose count and journal agree; ' +
      '(receivables) open receivables = 1122; (payables) open payables = 2202; (supplier-prepayments) prepayments held = 1123; (stock) stock costs ' +
      '(audited receipts net of VAT, less purchase returns, less costed waste) = 1405; (vouchers) no voucher dated in the month waits for review. ' +
      'Balances are the whole books now (the subledgers keep no history).',
  },
  closePeriod: {
    kind: 'command', roles: ['finance_manager'], request: PeriodMonthRequest,
    http: { method: 'POST', path: 'finance/periods/:month/close', params: { month: 'code' } },
    answers: PeriodView, summary: 'Close the books of a month',
    errors: [
      { status: 409, description: 'Not ended on the business clock (`period-not-ended`), an earlier month still open (`earlier-period-open`), closed already (`period-already-closed`)' },
      { status: 422, description: 'Something does not agree (`period-not-reconciled`): each disagreement in `errors`, its check as `field`, what does not agree as `message`, its figures as `amounts`' },
    ],
    description:
      'Finance manager only; months close in order. Holds every posting while the checklist runs, then records the month closed: from then on any ' +
      'entry dated in it is refused (409 `period-closed`), and postings of today land in the open month. Publishes `finance.period.closed`.',
  },
} satisfies Record<string, OperationSpec>;
