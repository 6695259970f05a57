import { addDays, addMonths, daysBetween, DomainError, formatFen, monthStart, note, type BusinessDate, type Step } from '@ops/kernel';

/**
 * The collection ladder of a credit sale's receivable (collection rules 9-05, 9-06, 9-08; domain.md §5).
 * A receivable due in a month and not collected by the 5th of the next month is *unpaid*; one month later
 * it is in *dunning* (the sales manager files reasons and a plan within 5 days); 20 days after that supply
 * to the customer is *stopped* (finance puts them on credit hold); when supply has been stopped for over a
 * month, or the customer is declared bankrupt or seized, it is *doubtful*; it is *written off* only with a
 * finance manager's and the sales VP's approval. Paying it in full clears the stage.
 */
export const COLLECTION_STAGES = ['current', 'unpaid', 'dunning', 'supply_stopped', 'doubtful', 'written_off'] as const;
export type CollectionStage = (typeof COLLECTION_STAGES)[number];

/** What a stage change announces: a stage, or `cleared` when the receivable was paid (or its invoice voided). */
export const ANNOUNCED_STAGES = [...COLLECTION_STAGES, 'cleared'] as const;
export type AnnouncedStage = (typeof ANNOUNCED_STAGES)[number];

const rank = (stage: CollectionStage) => COLLECTION_STAGES.indexOf(stage);
export const atLeast = (stage: CollectionStage | null, floor: CollectionStage): boolean => stage !== null && rank(stage) >= rank(floor);

/**
 * Each stage the calendar brings begins on a day of a month counted from the due month: the 5th of the
 * next month (unpaid), the 5th a month later (dunning), the 25th of that month, 20 days on (supply
 * stopped), and the 26th of the month after, when supply has been stopped for over a month (doubtful).
 */
const CALENDAR: ReadonlyArray<{ stage: CollectionStage; monthsAfter: number; day: number }> = [
  { stage: 'unpaid', monthsAfter: 1, day: 5 },
  { stage: 'dunning', monthsAfter: 2, day: 5 },
  { stage: 'supply_stopped', monthsAfter: 2, day: 25 },
  { stage: 'doubtful', monthsAfter: 3, day: 26 },
];

/** The day `day` of the month `monthsAfter` months after `date`'s month. */
const dayOfMonthAfter = (date: BusinessDate, monthsAfter: number, day: number) => addDays(addMonths(monthStart(date), monthsAfter), day - 1);

/**
 * Due dates before the returned date are `monthsAfter`/`day` along on `today`: the query form of "today is
 * on or after day `day` of the month `monthsAfter` months after the due month", so SQL compares a due date.
 */
function dueBefore(today: BusinessDate, monthsAfter: number, day: number): BusinessDate {
  const reached = Number(today.slice(8, 10)) >= day ? monthStart(today) : addMonths(monthStart(today), -1);
  return addMonths(reached, 1 - monthsAfter);
}

const calendarOf = (stage: CollectionStage) => {
  const step = CALENDAR.find((c) => c.stage === stage);
  if (!step) throw new Error(`${stage} is not a stage the calendar brings`);
  return step;
};

/** The first business date a receivable due on `due` is at `stage` by the calendar alone. */
export function stageBegins(due: BusinessDate, stage: Exclude<CollectionStage, 'current' | 'written_off'>): BusinessDate {
  const { monthsAfter, day } = calendarOf(stage);
  return dayOfMonthAfter(due, monthsAfter, day);
}

/** Open receivables due before the returned date have reached `stage` by the calendar on `today` (for queries). */
export function dueBeforeForStage(stage: Exclude<CollectionStage, 'current' | 'written_off'>, today: BusinessDate): BusinessDate {
  const { monthsAfter, day } = calendarOf(stage);
  return dueBefore(today, monthsAfter, day);
}

/** The stage the calendar alone puts a receivable due on `due` at on `today`. */
export function calendarStage(due: BusinessDate, today: BusinessDate): CollectionStage {
  return [...CALENDAR].reverse().find((c) => today >= dayOfMonthAfter(due, c.monthsAfter, c.day))?.stage ?? 'current';
}

/** The 5th of the month after the due month: from then an open receivable is unpaid. */
export const unpaidFrom = (due: BusinessDate) => stageBegins(due, 'unpaid');
/** Every open receivable due before this date is at least unpaid on `today` (overdue for sales and inventory). */
export const unpaidCutoff = (today: BusinessDate) => dueBeforeForStage('unpaid', today);

/** The sales manager files reasons and a plan within 5 days of dunning: the last day to file. */
export const dunningPlanDue = (due: BusinessDate) => addDays(stageBegins(due, 'dunning'), 5);
/** Due dates before this have no plan filed in time on `today` if none is on file (the 5 days ended). */
export const dunningPlanMissingCutoff = (today: BusinessDate) => dueBefore(today, 2, 5 + 6);

/** Three months after invoicing a receivable still open is a problem account (9-08 第3條). */
export const problemFrom = (invoiceDate: BusinessDate) => addMonths(invoiceDate, 3);
/** Its report is due within 5 days (9-08 第4條). */
export const problemReportDue = (invoiceDate: BusinessDate) => addDays(problemFrom(invoiceDate), 5);

export interface WriteOff {
  reason: string;
  financeApprovedBy: string | null;
  salesApprovedBy: string | null;
  writtenOffOn: BusinessDate | null;
  writtenOffFen: number;
  recoveredOn: BusinessDate | null;
}

export interface Filing {
  text: string;
  filedBy: string;
  filedOn: BusinessDate;
}

export interface DunningPlan {
  reasons: string;
  plan: string;
  filedBy: string;
  filedOn: BusinessDate;
}

/** What the ladder keeps on a receivable beside its money. */
export interface CollectionRow {
  status: 'open' | 'settled' | 'voided' | 'written_off';
  amountFen: number;
  settledFen: number;
  dueDate: BusinessDate;
  invoiceDate: BusinessDate;
  /** The stage last announced (by the daily ladder or a command); what holds and events follow. */
  stage: AnnouncedStage;
  stageRevision: number;
  /** Set when the customer was declared bankrupt or seized: doubtful whatever the calendar says. */
  doubtfulReason: string | null;
  dunningPlan: DunningPlan | null;
  problemReport: Filing | null;
  writeOff: WriteOff | null;
}

/** The stage of a receivable on `today`: null once it is settled or voided. */
export function stageOf(row: Pick<CollectionRow, 'status' | 'dueDate' | 'doubtfulReason'>, today: BusinessDate): CollectionStage | null {
  if (row.status === 'written_off') return 'written_off';
  if (row.status !== 'open') return null;
  if (row.doubtfulReason) return 'doubtful';
  return calendarStage(row.dueDate, today);
}

/** Days an open receivable is past its due date on a business date; 0 when it is not past due (or not open). */
export function daysPastDue(row: Pick<CollectionRow, 'status' | 'dueDate'>, today: BusinessDate): number {
  if (row.status !== 'open' || row.dueDate >= today) return 0;
  return daysBetween(row.dueDate, today);
}

/** Everything a collector reads of one receivable on a business date: the ladder's dates and what is owed of it. */
export function collectionFacts(row: Pick<CollectionRow, 'status' | 'dueDate' | 'invoiceDate' | 'doubtfulReason' | 'dunningPlan' | 'problemReport'>, today: BusinessDate) {
  const stage = stageOf(row, today);
  const open = row.status === 'open';
  const problem = open && today >= problemFrom(row.invoiceDate);
  return {
    dueDate: row.dueDate,
    daysPastDue: daysPastDue(row, today),
    unpaidFrom: unpaidFrom(row.dueDate),
    dunningFrom: stageBegins(row.dueDate, 'dunning'),
    supplyStoppedFrom: stageBegins(row.dueDate, 'supply_stopped'),
    doubtfulFrom: stageBegins(row.dueDate, 'doubtful'),
    stage,
    // Overdue for sales and inventory is the calendar's (unpaid or later), as the customer's position reports it.
    overdue: open && atLeast(calendarStage(row.dueDate, today), 'unpaid'),
    dunningPlanDue: dunningPlanDue(row.dueDate),
    dunningPlanMissing: open && atLeast(stage, 'dunning') && !row.dunningPlan && today > dunningPlanDue(row.dueDate),
    problemAccount: problem,
    problemFrom: problemFrom(row.invoiceDate),
    problemReportDue: problemReportDue(row.invoiceDate),
    problemReportMissing: problem && !row.problemReport && today > problemReportDue(row.invoiceDate),
  };
}

type Announcement = { type: 'finance.receivable.stage-changed'; data: Record<string, unknown> };

/** The stage-changed event of a receivable moving from its announced stage to `stage`. */
function announce<R extends CollectionRow & { id: string; invoiceId: string; orderId: string; customerId: string }>(r: R, stage: AnnouncedStage, reason: string): { state: R; event: Announcement } {
  const stageRevision = r.stageRevision + 1;
  return {
    state: { ...r, stage, stageRevision },
    event: {
      type: 'finance.receivable.stage-changed',
      data: {
        receivableId: r.id, invoiceId: r.invoiceId, orderId: r.orderId, customerId: r.customerId, stage, previousStage: r.stage, revision: stageRevision,
        dueDate: r.dueDate, openFen: r.status === 'open' ? r.amountFen - r.settledFen : 0, reason,
      },
    },
  };
}

type Collectable = CollectionRow & { id: string; invoiceId: string; orderId: string; customerId: string };

/**
 * Announces the receivable's stage on `today` when it differs from the one last announced: the daily ladder
 * calls it for every receivable the calendar may have moved. Nothing changes (no event) when it has not.
 */
export function advanceStage<R extends Collectable>(r: R, today: BusinessDate): Step<R> {
  const stage = stageOf(r, today);
  if (stage === null || stage === r.stage) return { state: r, transitions: [], events: [] };
  const reason = `collection stage ${r.stage.replace('_', ' ')} → ${stage.replace('_', ' ')} on ${today}`;
  const { state, event } = announce(r, stage, reason);
  return { state, transitions: [note(r.status, reason)], events: [event] };
}

/** Paid in full or voided: a receivable that had been announced beyond current leaves the ladder, and says so. */
export function clearStage<R extends Collectable>(r: R, why: string): Step<R> {
  if (r.stage === 'current' || r.stage === 'cleared') return { state: r, transitions: [], events: [] };
  const { state, event } = announce(r, 'cleared', why);
  return { state, transitions: [note(r.status, `collection stage ${r.stage.replace('_', ' ')} cleared: ${why}`)], events: [event] };
}

/** The customer was declared bankrupt or seized: the receivable is doubtful now, whatever the calendar says. */
export function declareDoubtful<R extends Collectable>(r: R, reason: string, today: BusinessDate): Step<R> {
  if (r.status !== 'open') throw new DomainError('conflict', 'receivable-not-open', `The receivable is ${r.status}`);
  const marked = { ...r, doubtfulReason: reason };
  const step = advanceStage(marked, today);
  return { ...step, transitions: [note(r.status, `doubtful: ${reason}`), ...step.transitions] };
}

/** The sales manager's reasons and plan for a receivable in dunning; a later filing replaces the earlier one. */
export function fileDunningPlan<R extends Collectable>(r: R, plan: { reasons: string; plan: string }, by: string, today: BusinessDate): Step<R> {
  const stage = stageOf(r, today);
  if (r.status !== 'open' || !atLeast(stage, 'dunning')) {
    throw new DomainError('conflict', 'not-in-dunning', `A plan is filed for a receivable in dunning or beyond; this one is ${stage ?? r.status}`);
  }
  const late = today > dunningPlanDue(r.dueDate) ? ` (due ${dunningPlanDue(r.dueDate)})` : '';
  return { state: { ...r, dunningPlan: { ...plan, filedBy: by, filedOn: today } }, transitions: [note(r.status, `dunning plan filed by ${by}${late}`)], events: [] };
}

/** The report on a problem account (open three months after invoicing); a later report replaces the earlier one. */
export function fileProblemReport<R extends Collectable>(r: R, text: string, by: string, today: BusinessDate): Step<R> {
  if (r.status !== 'open' || today < problemFrom(r.invoiceDate)) {
    throw new DomainError('conflict', 'not-a-problem-account', `A receivable becomes a problem account on ${problemFrom(r.invoiceDate)}, three months after invoicing, if still open`);
  }
  return { state: { ...r, problemReport: { text, filedBy: by, filedOn: today } }, transitions: [note(r.status, `problem account report filed by ${by}`)], events: [] };
}

export type WriteOffSide = 'finance' | 'sales';

/** Which side of a write-off a person fills: a finance manager the finance side, the sales VP the sales side. */
export function writeOffSideOf(roles: readonly string[], writeOff: WriteOff | null): WriteOffSide | null {
  if (roles.includes('finance_manager') && !writeOff?.financeApprovedBy) return 'finance';
  if (roles.includes('sales_vp') && !writeOff?.salesApprovedBy) return 'sales';
  return null;
}

/**
 * One of the two approvals a write-off needs (9-06: a finance manager and the sales VP, in either order,
 * never one person for both). Only a doubtful receivable is written off. The first approval changes
 * nothing on the books; the second writes the open amount off (`writtenOff` tells the caller to post it).
 */
export function approveWriteOff<R extends Collectable>(r: R, by: { userId: string; roles: readonly string[] }, reason: string, today: BusinessDate): Step<R> & { writtenOffFen: number } {
  const stage = stageOf(r, today);
  if (stage !== 'doubtful') throw new DomainError('conflict', 'not-doubtful', `Only a doubtful receivable is written off; this one is ${stage ?? r.status}`);
  const current = r.writeOff;
  if (current && (current.financeApprovedBy === by.userId || current.salesApprovedBy === by.userId)) {
    throw new DomainError('forbidden', 'same-approver', 'A write-off needs two different people: a finance manager and the sales VP');
  }
  const side = writeOffSideOf(by.roles, current);
  if (!side) throw new DomainError('conflict', 'write-off-side-approved', 'The side of the write-off you may approve is approved already; it waits for the other side');
  const writeOff: WriteOff = {
    reason: current?.reason ?? reason, financeApprovedBy: current?.financeApprovedBy ?? null, salesApprovedBy: current?.salesApprovedBy ?? null,
    writtenOffOn: null, writtenOffFen: 0, recoveredOn: null, [side === 'finance' ? 'financeApprovedBy' : 'salesApprovedBy']: by.userId,
  };
  if (!writeOff.financeApprovedBy || !writeOff.salesApprovedBy) {
    return { state: { ...r, writeOff }, transitions: [note(r.status, `write-off approved for ${side} by ${by.userId}: ${writeOff.reason}`)], events: [], writtenOffFen: 0 };
  }
  const writtenOffFen = r.amountFen - r.settledFen;
  const written = { ...r, status: 'written_off' as const, writeOff: { ...writeOff, writtenOffOn: today, writtenOffFen } };
  const { state, event } = announce(written, 'written_off', `${formatFen(writtenOffFen)} written off: ${writeOff.reason}`);
  return { state, transitions: [{ from: r.status, to: 'written_off', reason: `written off (${formatFen(writtenOffFen)}) with ${writeOff.financeApprovedBy} and ${writeOff.salesApprovedBy}: ${writeOff.reason}` }], events: [event], writtenOffFen };
}

/** Money arrived for a written-off receivable: it is reinstated (the write-off reversed) so the money can settle it. */
export function recoverWrittenOff<R extends Collectable>(r: R, why: string, today: BusinessDate): Step<R> & { reinstatedFen: number } {
  if (r.status !== 'written_off' || !r.writeOff) throw new DomainError('conflict', 'not-written-off', `The receivable is ${r.status}`);
  const reinstated = { ...r, status: 'open' as const, writeOff: { ...r.writeOff, recoveredOn: today } };
  const stage = stageOf(reinstated, today)!;
  const { state, event } = announce(reinstated, stage, `recovered: ${why}`);
  return { state, transitions: [{ from: 'written_off', to: 'open', reason: `write-off reversed: ${why}` }], events: [event], reinstatedFen: r.writeOff.writtenOffFen };
}

/** The stages at which supply to the customer stops (9-06): an open receivable announced at one of them holds the customer. */
export const SUPPLY_STOPPING_STAGES: readonly AnnouncedStage[] = ['supply_stopped', 'doubtful'];

/** Whether supply to a customer must be stopped for collection, from the stages announced on their open receivables. */
export const stopsSupply = (stages: readonly AnnouncedStage[]): boolean => stages.some((s) => SUPPLY_STOPPING_STAGES.includes(s));
