import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { PageQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * The collection ladder and commission (collection rules 9-05 to 9-08): what a collector files, the aging by
 * customer, rep and region, and each rep's commission on collected money.
 */
export const COLLECTION_STAGES = ['current', 'unpaid', 'dunning', 'supply_stopped', 'doubtful', 'written_off'] as const;
export type CollectionStageName = (typeof COLLECTION_STAGES)[number];

/** A stage a receivable is announced at: a collection stage, or `cleared` once paid in full or voided. */
export const ANNOUNCED_STAGES = [...COLLECTION_STAGES, 'cleared'] as const;

export class ReceivableStageChangedData {
  @IsUUID() receivableId: string;
  @IsUUID() invoiceId: string;
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsIn(ANNOUNCED_STAGES) stage: (typeof ANNOUNCED_STAGES)[number];
  @IsIn(ANNOUNCED_STAGES) previousStage: (typeof ANNOUNCED_STAGES)[number];
  /** Grows with every announcement of this receivable: keep the highest, ignore older ones arriving late. */
  @IsInt() @Min(1) revision: number;
  @IsISO8601({ strict: true }) dueDate: string;
  @IsInt() @Min(0) openFen: number;
  @IsString() @Length(1, 1000) reason: string;
}

export const ReceivableStageChanged = defineEvent({
  type: 'finance.receivable.stage-changed',
  version: 1,
  source: 'finance',
  payload: ReceivableStageChangedData,
  description:
    'A receivable moved on the collection ladder (current → unpaid → dunning → supply stopped → doubtful → written off), or left it when paid ' +
    'or voided (`cleared`). Announced as each business day begins, and at once by the commands that move it. Supply stopped comes with ' +
    '`finance.customer.credit-hold`; paying what stopped it, with `finance.customer.credit-released`.',
});

export class DunningPlanBody {
  @ApiProperty({ example: 'Customer short of cash after a lost tender', description: 'Why the money has not come in' }) @IsText(2000) reasons: string;
  @ApiProperty({ example: 'Visit on Monday; half by the 15th, the rest by month end, in writing' }) @IsText(2000) plan: string;
}

export class DunningPlanRequest extends DunningPlanBody {
  @IsUUID() receivableId: string;
}

export class ProblemReportBody {
  @ApiProperty({ example: 'Shipped 3 Aug, invoice not disputed; buyer says the goods sold slowly. Evidence: delivery receipt DR-…', description: 'The problem account report: how the debt arose, what was done, what is proposed' })
  @IsText(4000) report: string;
}

export class ProblemReportRequest extends ProblemReportBody {
  @IsUUID() receivableId: string;
}

export class WriteOffBody {
  @ApiProperty({ example: 'Court ruling: bankrupt estate pays nothing to unsecured creditors', description: 'Why it is written off (the first approver\'s reason stands)' }) @IsText(1000) reason: string;
}

export class WriteOffRequest extends WriteOffBody {
  @IsUUID() receivableId: string;
}

export const INSOLVENCY_KINDS = ['bankrupt', 'seized'] as const;

export class DoubtfulBody {
  @ApiProperty({ enum: INSOLVENCY_KINDS, description: 'The customer is bankrupt, or their assets were seized' }) @IsIn(INSOLVENCY_KINDS) kind: (typeof INSOLVENCY_KINDS)[number];
  @ApiProperty({ example: 'Bankruptcy filed at the Shanghai No. 3 court, case (2026) 沪03破 12' }) @IsText(1000) note: string;
}

export class DoubtfulRequest extends DoubtfulBody {
  @IsUUID() customerId: string;
}

export const AGING_GROUPS = ['customer', 'rep', 'region'] as const;

export class AgingGroupsQuery extends PageQuery {
  @ApiProperty({ enum: AGING_GROUPS, description: 'Group the open receivables by customer, by the rep of their orders, or by the customer\'s region' })
  @IsIn(AGING_GROUPS) by: (typeof AGING_GROUPS)[number];
}

/** One customer, rep or region: what is owed, by days past due. Flat, so that `Accept: text/csv` gives one column per bucket. */
export class AgingGroupView {
  @ApiProperty({ example: 'sales_rep', description: 'The customer id, the rep\'s username or the region; `(none)` when the order named none' }) key: string;
  @ApiProperty({ example: 'Shanghai Huaxin Trading', description: 'The customer\'s name; the key again for a rep or region' }) name: string;
  @ApiProperty({ example: 3 }) receivables: number;
  @ApiProperty({ example: 0, description: 'Not yet due (due today or later)' }) notDueFen: number;
  @ApiProperty({ example: 500_000 }) days1To30Fen: number;
  @ApiProperty({ example: 0 }) days31To60Fen: number;
  @ApiProperty({ example: 0 }) days61To90Fen: number;
  @ApiProperty({ example: 120_000 }) over90Fen: number;
  @ApiProperty({ example: 620_000 }) totalOpenFen: number;
}

export class CommissionQuery extends PageQuery {
  @ApiProperty({ example: '2026-11', description: 'The month (Asia/Shanghai business dates)' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month: string;
  @ApiPropertyOptional({ example: 'sales_rep', description: 'One rep only (username)' }) @IsOptional() @IsText(64) rep?: string;
}

export const COMMISSION_TIERS = ['full', 'partial', 'none', 'penalty'] as const;

/** A rep's commission for a month, with the figures it comes from. */
export class CommissionView {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ example: 'sales_rep', description: 'The rep (username) the customer was assigned to when the order was placed' }) rep: string;
  @ApiProperty({ example: 1_000_000, description: 'To collect in the month: what was still owed at its start (or on invoicing, if later) on the rep\'s receivables due by its end' }) collectibleFen: number;
  @ApiProperty({ example: 990_000, description: 'Of that, money received during the month' }) collectedFen: number;
  @ApiProperty({ example: 10_000, description: 'collectible − collected' }) uncollectedFen: number;
  @ApiProperty({ example: 9900, description: 'Collection rate in hundredths of a percent, rounded down (9900 = 99.00 %)' }) collectionRateBp: number;
  @ApiProperty({ description: 'One of the rep\'s receivables is doubtful or written off by the month\'s end: 100 % earns the lower rate' }) badDebt: boolean;
  @ApiProperty({ enum: COMMISSION_TIERS, description: '`full` 100 % and no bad debt: 0.12 % of collected; `partial` 98 % to below 100 %: 0.06 %; `none` below 98 %; `penalty` below 95 %: 1 % of the uncollected amount is deducted' }) tier: string;
  @ApiProperty({ example: 594, description: 'Commission in fen (0.12 % or 0.06 % of collected, rounded to the fen)' }) commissionFen: number;
  @ApiProperty({ example: 0, description: 'Penalty in fen (1 % of the uncollected amount below 95 %)' }) penaltyFen: number;
  @ApiProperty({ example: 594, description: 'commission − penalty (negative: owed by the rep)' }) netFen: number;
  @ApiProperty({ example: 'collected 9,900.00 of 10,000.00 yuan (99.00 %): 98 % to below 100 % earns 0.06 % of collected = 5.94 yuan', description: 'How the figures were reached, in words' }) explanation: string;
}

export class CommissionLineView {
  @ApiProperty({ format: 'uuid' }) receivableId: string;
  @ApiProperty({ example: 'INV-2026-000012' }) invoiceNumber: string;
  @ApiProperty({ example: 'SO-2026-000031' }) orderNumber: string;
  @ApiProperty({ example: 'Shanghai Huaxin Trading' }) customerName: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ example: 500_000 }) collectibleFen: number;
  @ApiProperty({ example: 495_000 }) collectedFen: number;
  @ApiProperty({ nullable: true, type: String, enum: COLLECTION_STAGES, description: 'Stage at the month\'s end; null once settled' }) stage: string | null;
}

/** A rep's commission statement: the figures and every receivable they come from. */
export class CommissionStatementView extends CommissionView {
  @ApiProperty({ type: [CommissionLineView] }) lines: CommissionLineView[];
}

export class CommissionStatementRequest {
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month: string;
  @IsText(64) rep: string;
}

export class CommissionStatementQuery {
  @ApiProperty({ example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month: string;
}
