import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery, ReportPeriodQuery } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { IsText } from '../text.js';

/**
 * The front desk in sales (domain.md §4, front desk; 制度10): every walk-in and call logged, walk-ins given
 * to the consultants on the floor in turn, and leads (a customer known by name and phone) owned by the
 * consultant who registered them while they follow up.
 */
export const RECEPTION_CHANNELS = ['walk_in', 'phone', 'referral', 'web', 'event'] as const;
export type ReceptionChannel = (typeof RECEPTION_CHANNELS)[number];
/** How the consultant of a reception was chosen. */
export const RECEPTION_ASSIGNMENTS = ['rotation', 'returning', 'referral', 'named', 'none'] as const;
export const RECEPTION_KINDS = ['customer', 'staff_visitor'] as const;
export const ROTATION_ENTRY_KINDS = ['turn', 'skip', 'returning', 'referral'] as const;
export const LEAD_STATUSES = ['owned', 'shared', 'pool'] as const;
export const LEAD_REGISTRATIONS = ['new', 'from_pool', 'shared', 'disputed'] as const;
export const LEAD_DISPUTE_STATUSES = ['open', 'decided'] as const;
export const LEAD_DISPUTE_AWARDS = ['claimant', 'owners', 'shared'] as const;

const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;

// ---- receptions ----

export class LogReceptionRequest {
  @ApiProperty({ enum: RECEPTION_CHANNELS, example: 'walk_in', description: 'How the customer came: `walk_in` (到店), `phone` (來電), `referral`, `web`, `event`' })
  @IsIn(RECEPTION_CHANNELS) channel: ReceptionChannel;
  @ApiProperty({ example: '张先生', description: 'As the customer gave it' }) @IsText(100) name: string;
  @ApiPropertyOptional({ example: '138 0013 8000', description: 'Any usual form (spaces, dashes, +86); kept as typed and in one form. A phone known as a lead owned by a consultant makes a returning customer' })
  @IsOptional() @IsText(40) phone?: string;
  @ApiPropertyOptional({ example: 'SUV for a family of five, test drive' }) @IsOptional() @IsText(500) need?: string;
  @ApiPropertyOptional({ example: 'li.lei', description: 'Required for `referral`: the consultant (username) the customer was referred to' })
  @ValidateIf((r: LogReceptionRequest) => r.channel === 'referral' || r.referredTo !== undefined) @Matches(USERNAME, { message: 'referredTo must be the username of the consultant named by the referrer' })
  referredTo?: string;
  @ApiPropertyOptional({ example: 'li.lei', description: 'For `phone`, `web`, `event` only: a consultant to take it (no rotation for these)' })
  @IsOptional() @Matches(USERNAME, { message: 'consultant must be a username' }) consultant?: string;
  @ApiPropertyOptional({ example: 'Booked a test drive for Saturday' }) @IsOptional() @IsText(500) outcome?: string;
}

export class StaffVisitorRequest {
  @ApiProperty({ example: '刘女士' }) @IsText(100) name: string;
  @ApiPropertyOptional({ example: '139 1234 5678' }) @IsOptional() @IsText(40) phone?: string;
  @ApiProperty({ example: 'finance_manager', description: 'The member of staff visited (username)' }) @IsText(100) host: string;
  @ApiProperty({ example: 'Bank statement delivery' }) @IsText(500) purpose: string;
}

export class ReceptionOutcomeBody {
  @ApiProperty({ example: 'Ordered; delivery in two weeks' }) @IsText(500) outcome: string;
}

export class ReceptionOutcomeRequest extends ReceptionOutcomeBody {
  @IsUUID() id: string;
}

export class ListReceptionsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'Receptions of this business date (Asia/Shanghai)' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date?: string;
  @ApiPropertyOptional({ enum: RECEPTION_CHANNELS }) @IsOptional() @IsIn(RECEPTION_CHANNELS) channel?: ReceptionChannel;
  @ApiPropertyOptional({ enum: RECEPTION_KINDS, description: '`customer` (sales receptions) or `staff_visitor` (sent on to security)' }) @IsOptional() @IsIn(RECEPTION_KINDS) kind?: string;
  @ApiPropertyOptional({ example: 'li.lei' }) @IsOptional() @IsString() consultant?: string;
}

export class ReceptionCountsQuery extends ReportPeriodQuery {}

export class ReceptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000001' }) number: string;
  @ApiProperty({ enum: RECEPTION_KINDS }) kind: string;
  @ApiProperty({ example: '2026-11-30' }) businessDate: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, enum: RECEPTION_CHANNELS }) channel: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: 'As typed' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, example: '13800138000', description: 'In one form (null when none was given or it is not a valid number)' }) phoneNormalised: string | null;
  @ApiProperty({ nullable: true, type: String }) need: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The consultant assigned (username)' }) consultant: string | null;
  @ApiProperty({ enum: RECEPTION_ASSIGNMENTS, description: '`rotation` (the walk-in\'s turn), `returning` (the lead\'s owner), `referral` (the named consultant), `named` (given for a call), `none`' }) assignment: string;
  @ApiProperty({ type: [String], description: 'Consultants who lost their turn to this walk-in (away from the floor)' }) skipped: string[];
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Staff visitors: who is visited' }) host: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Staff visitors: why' }) purpose: string | null;
  @ApiProperty() recordedBy: string;
}

export class ReceptionDayCountView {
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ description: 'Customers who walked in (channel walk_in)' }) walkIns: number;
  @ApiProperty({ description: 'Customer calls (channel phone)' }) calls: number;
  @ApiProperty() walk_in: number;
  @ApiProperty() phone: number;
  @ApiProperty() referral: number;
  @ApiProperty() web: number;
  @ApiProperty() event: number;
  @ApiProperty({ description: 'All customer receptions of the day' }) total: number;
  @ApiProperty({ description: 'Visitors for staff, sent on to security (not sales receptions)' }) staffVisitors: number;
}

export class ReceptionCountsView {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [ReceptionDayCountView], description: 'Every date of the period, oldest first, zeros included' }) days: ReceptionDayCountView[];
  @ApiProperty({ type: ReceptionDayCountView, description: 'Sums over the period (`date` is `to`)' }) totals: ReceptionDayCountView;
}

// ---- duty roster and rotation ----

export class DutyRosterDateRequest {
  @ApiProperty({ example: '2026-11-30' }) @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date: string;
}

export class SetDutyRosterBody {
  @ApiProperty({ type: [String], example: ['chen.jie', 'li.lei', 'wang.fang'], description: 'Consultants (usernames of sales reps) on the floor that day, in rotation order' })
  @IsArray() @ArrayMaxSize(50) @ArrayUnique() @Matches(USERNAME, { each: true, message: 'each consultant must be a username' })
  consultants: string[];
}

export class SetDutyRosterRequest extends SetDutyRosterBody {
  @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date: string;
}

export class PresenceBody {
  @ApiProperty({ example: 'li.lei' }) @Matches(USERNAME, { message: 'consultant must be a username' }) consultant: string;
  @ApiProperty({ example: false, description: 'false: away from the floor (loses each turn that comes while away); true: back' }) @IsBoolean() present: boolean;
  @ApiPropertyOptional({ example: 'Test drive with a customer', description: 'Required when away' })
  @ValidateIf((r: PresenceBody) => r.present === false) @IsText(200) reason?: string;
}

export class PresenceRequest extends PresenceBody {
  @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }) date: string;
}

export class DutyConsultantView {
  @ApiProperty({ example: 'li.lei' }) consultant: string;
  @ApiProperty() present: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why away' }) awayReason: string | null;
  @ApiProperty({ description: 'Whether the next walk-in is theirs if they are on the floor' }) next: boolean;
  @ApiProperty({ description: 'Walk-ins given by rotation this day' }) turns: number;
  @ApiProperty({ description: 'Turns lost while away this day' }) skips: number;
}

export class DutyRosterView {
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ type: [DutyConsultantView], description: 'In rotation order' }) consultants: DutyConsultantView[];
  @ApiProperty({ nullable: true, type: String, description: 'Who gets the next walk-in (the first present from the pointer)' }) nextConsultant: string | null;
  @ApiProperty({ nullable: true, type: String }) setBy: string | null;
}

export class RotationLogQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ example: 'li.lei' }) @IsOptional() @IsString() consultant?: string;
  @ApiPropertyOptional({ enum: ROTATION_ENTRY_KINDS }) @IsOptional() @IsIn(ROTATION_ENTRY_KINDS) kind?: string;
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class RotationFairnessQuery extends ReportPeriodQuery {}

export class RotationEntryView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() consultant: string;
  @ApiProperty({ enum: ROTATION_ENTRY_KINDS, description: '`turn` (walk-in by rotation), `skip` (turn lost, away), `returning`, `referral` (outside the rotation)' }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why skipped' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) receptionId: string | null;
}

export class SkipReasonView {
  @ApiProperty() reason: string;
  @ApiProperty() count: number;
}

export class FairnessRowView {
  @ApiProperty() consultant: string;
  @ApiProperty({ description: 'Walk-ins given by rotation' }) turns: number;
  @ApiProperty({ description: 'Turns lost while away from the floor' }) skips: number;
  @ApiProperty({ description: 'Returning customers sent to them (outside the rotation)' }) returning: number;
  @ApiProperty({ description: 'Referrals to them (outside the rotation)' }) referrals: number;
  @ApiProperty({ type: [SkipReasonView] }) skipReasons: SkipReasonView[];
}

export class RotationFairnessView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [FairnessRowView] }) consultants: FairnessRowView[];
}

// ---- leads ----

export class RegisterLeadRequest {
  @ApiProperty({ example: '张先生' }) @IsText(100) name: string;
  @ApiProperty({ example: '+86 138-0013-8000', description: 'Required: a name alone is not a lead. Any usual form; compared in one form (`13800138000`), so one customer is one lead' })
  @IsText(40) phone: string;
  @ApiPropertyOptional({ example: 'SUV, budget 300k' }) @IsOptional() @IsText(500) need?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0193b5c2-4a1e-7d3f-8b2a-5c6d7e8f9a01', description: 'The reception the customer came through, if any' }) @IsOptional() @IsUUID() receptionId?: string;
}

export class ListLeadsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LEAD_STATUSES, description: 'As of today: a lapsed lead reads as `pool`' }) @IsOptional() @IsIn(LEAD_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'li.lei', description: 'Leads this consultant owns or shares (a sales rep sees only their own whatever this says)' }) @IsOptional() @IsString() consultant?: string;
  @ApiPropertyOptional({ example: '138 0013 8000', description: 'Any form of the phone' }) @IsOptional() @IsText(40) phone?: string;
}

export class FollowUpBody {
  @ApiProperty({ example: 'Called: waiting for the new model year' }) @IsText(1000) note: string;
}

export class FollowUpRequest extends FollowUpBody {
  @IsUUID() id: string;
}

export class LeadOwnerView {
  @ApiProperty() consultant: string;
  @ApiProperty({ example: 50, description: 'Percent of the credit' }) share: number;
  @ApiProperty({ example: '2026-11-30' }) since: string;
}

export class FollowUpView {
  @ApiProperty() consultant: string;
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() note: string;
}

export class LeadTimelineView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class LeadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '13800138000', description: 'In one form' }) phone: string;
  @ApiProperty({ nullable: true, type: String }) need: string | null;
  @ApiProperty({ enum: LEAD_STATUSES, description: 'As of today: owned and not followed up for two months reads as `pool` (the daily job records it)' }) status: string;
  @ApiProperty({ type: [LeadOwnerView], description: 'Empty in the pool; two owners at 50 each when shared' }) owners: LeadOwnerView[];
  @ApiProperty({ nullable: true, type: String }) ownedSince: string | null;
  @ApiProperty({ nullable: true, type: String }) lastFollowUpOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last day the owners keep it without a new follow-up' }) ownedUntil: string | null;
  @ApiProperty() registeredBy: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiPropertyOptional({ enum: LEAD_REGISTRATIONS, description: 'Answering a registration: `new`, `from_pool`, `shared` (50/50, within a week), `disputed` (listed for the sales manager; nothing changed)' }) registration?: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Answering a disputed registration: the dispute opened' }) disputeId?: string | null;
  @ApiPropertyOptional({ type: [FollowUpView], description: 'Newest first (when one lead is read)' }) followUps?: FollowUpView[];
  @ApiPropertyOptional({ type: [LeadTimelineView], description: 'Every change of ownership, oldest first (when one lead is read)' }) timeline?: LeadTimelineView[];
}

export class ListLeadDisputesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LEAD_DISPUTE_STATUSES }) @IsOptional() @IsIn(LEAD_DISPUTE_STATUSES) status?: string;
}

export class DecideLeadDisputeBody {
  @ApiProperty({ enum: LEAD_DISPUTE_AWARDS, description: '`claimant` takes the lead alone, the `owners` keep it, or `shared`: 50/50 between its one owner and the claimant' })
  @IsIn(LEAD_DISPUTE_AWARDS) award: string;
  @ApiProperty({ example: 'The claimant has the test drive on record' }) @IsText(1000) reason: string;
}

export class DecideLeadDisputeRequest extends DecideLeadDisputeBody {
  @IsUUID() id: string;
}

export class LeadDisputeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty() leadName: string;
  @ApiProperty() phone: string;
  @ApiProperty({ description: 'Who claimed the lead' }) claimant: string;
  @ApiProperty({ type: [String], description: 'Who owned it when claimed' }) owners: string[];
  @ApiProperty({ enum: LEAD_DISPUTE_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ nullable: true, type: String, enum: LEAD_DISPUTE_AWARDS }) award: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
}

// ---- targets ----

export const TARGET_STATUSES = ['pending', 'approved', 'rejected'] as const;
const MONTH = /^[12]\d{3}-(0[1-9]|1[0-2])$/;

export class SetTargetRequest {
  @ApiProperty({ example: 'chen.jie', description: 'The sales rep (username)' }) @Matches(USERNAME, { message: 'rep must be a username' }) rep: string;
  @ApiProperty({ example: 'East China' }) @IsText(100) region: string;
  @ApiProperty({ example: '2027-01', description: 'YYYY-MM' }) @Matches(MONTH, { message: 'month must be a month as YYYY-MM' }) month: string;
  @ApiProperty({ example: 50_000_000, minimum: 1, description: 'The target in fen (500,000.00 CNY here)' }) @IsInt() @Min(1) @Max(100_000_000_000_00) amountFen: number;
}

export class ListTargetsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2027-01' }) @IsOptional() @Matches(MONTH, { message: 'month must be a month as YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ example: 'chen.jie' }) @IsOptional() @IsString() rep?: string;
  @ApiPropertyOptional({ example: 'East China' }) @IsOptional() @IsString() region?: string;
  @ApiPropertyOptional({ enum: TARGET_STATUSES }) @IsOptional() @IsIn(TARGET_STATUSES) status?: string;
}

export class RejectTargetBody {
  @ApiProperty({ example: 'Too high for the region this season' }) @IsText(500) reason: string;
}

export class RejectTargetRequest extends RejectTargetBody {
  @IsUUID() id: string;
}

export class TargetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() rep: string;
  @ApiProperty() region: string;
  @ApiProperty({ example: '2027-01' }) month: string;
  @ApiProperty({ enum: TARGET_STATUSES, description: '`pending` waits for the sales VP; `rejected`: the last revision was refused' }) status: string;
  @ApiProperty({ description: 'The amount last proposed, in fen' }) proposedFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The amount in force, in fen (the last approved); null before a first approval' }) approvedFen: number | null;
  @ApiProperty({ description: 'User id of who proposed it' }) proposedBy: string;
  @ApiProperty({ nullable: true, type: String, description: 'User id of who approved or rejected it' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

// ---- events ----

export class StaffVisitorArrivedData {
  @IsUUID() receptionId: string;
  @IsString() name: string;
  @IsOptional() @IsString() phone?: string;
  @IsString() host: string;
  @IsString() purpose: string;
  @IsISO8601() arrivedAt: string;
}

export const StaffVisitorArrived = defineEvent({
  type: 'sales.reception.staff-visitor-arrived',
  version: 1,
  source: 'sales',
  payload: StaffVisitorArrivedData,
  description: 'The front desk met a visitor for a member of staff (not a customer): for security\'s visitor check-in (ID, badge), who may tell the host.',
});
