import { addDays, DomainError, inForceOn, StateMachine, type BusinessDate, type Dated, type FieldError, type Step } from '@ops/kernel';

/**
 * Stocktakes (domain.md §6, stocktakes). One is started per warehouse (or one location of it) with a count sheet
 * per location listing every lot there. Counting is blind: no view a counter gets carries a book quantity. When a
 * line is counted, the ledger's figure of that lot at that moment is kept beside the count, and the variance is
 * counted − that figure. So stock that moves while the count goes on (a shipment picked from a shelf not yet
 * counted) is not a variance; the book figure at the start is kept too, for the report only.
 *
 * Submitting proposes one adjustment per variance. None changes stock until a warehouse manager who counted
 * nothing approves it, and one above the threshold (ADJUSTMENT_THRESHOLDS, in units, as dated data) also a
 * purchasing manager; then it posts through the ledger under the stocktake's number. Goods counted under the
 * wrong code (one SKU short, another over) are proposed as a pair between the two SKUs, which needs a reason.
 */
export type StocktakeStatus = 'counting' | 'submitted' | 'closed';

export const STOCKTAKE = new StateMachine<StocktakeStatus>('stocktake', { counting: ['submitted'], submitted: ['closed'], closed: [] });

export interface SheetLine {
  sku: string;
  batch: string;
  /** The lot's on hand when the sheet was made. Never shown to counters. */
  bookAtStart: number;
  countedQuantity: number | null;
  /** The lot's on hand in the ledger when the count was entered: what the variance is against. Never shown to counters. */
  bookAtCount: number | null;
  countedBy: string | null;
  /** Not on the sheet: found on the shelf by the counter. */
  found: boolean;
}

export interface CountSheet {
  location: string;
  lines: SheetLine[];
}

export type AdjustmentStatus = 'proposed' | 'approved' | 'withdrawn';

export interface AdjustmentLine {
  sku: string;
  location: string;
  batch: string;
  /** In (positive) or out (negative). */
  quantity: number;
}

export interface StocktakeAdjustment {
  no: number;
  kind: 'count' | 'between_skus';
  lines: AdjustmentLine[];
  reason: string | null;
  status: AdjustmentStatus;
  /** Above the threshold: a purchasing manager approves as well. */
  needsPurchasing: boolean;
  approvedBy: string | null;
  purchasingApprovedBy: string | null;
}

export interface Stocktake {
  id: string;
  number: string;
  warehouseCode: string;
  /** Only this location; null = the whole warehouse. */
  location: string | null;
  status: StocktakeStatus;
  openedOn: BusinessDate;
  /** The variance report is due (the stocktake submitted) by this date. */
  reportDueOn: BusinessDate;
  sheets: CountSheet[];
  adjustments: StocktakeAdjustment[];
  startedBy: string;
  submittedAt: Date | null;
}

/** Above this many units moved (in and out summed), an adjustment also needs a purchasing manager. Dated: a new figure is a new row. */
export const ADJUSTMENT_THRESHOLDS: ReadonlyArray<Dated<{ units: number }>> = [{ effectiveFrom: '2020-01-01', value: { units: 100 } }];

/** The third Saturday of a month: the day each sellable warehouse is counted (a Saturday falling on the 15th to the 21st). */
export function isThirdSaturday(date: BusinessDate): boolean {
  const day = Number(date.slice(8, 10));
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 6 && day >= 15 && day <= 21;
}

export interface StartStocktake {
  id: string;
  number: string;
  warehouseCode: string;
  location: string | null;
  openedOn: BusinessDate;
  /** The lots there now, with what they hold. */
  lots: ReadonlyArray<{ sku: string; location: string; batch: string; onHand: number }>;
  /** Every location counted (a sheet each, empty ones too: goods may be found there). */
  locations: readonly string[];
  startedBy: string;
}

export function startStocktake(s: StartStocktake): Step<Stocktake> {
  const sheets = [...s.locations].sort().map((location) => ({
    location,
    lines: s.lots.filter((l) => l.location === location && l.onHand > 0)
      .sort((a, b) => a.sku.localeCompare(b.sku) || a.batch.localeCompare(b.batch))
      .map((l) => ({ sku: l.sku, batch: l.batch, bookAtStart: l.onHand, countedQuantity: null, bookAtCount: null, countedBy: null, found: false })),
  }));
  return {
    state: {
      id: s.id, number: s.number, warehouseCode: s.warehouseCode, location: s.location, status: 'counting', openedOn: s.openedOn, reportDueOn: addDays(s.openedOn, 1),
      sheets, adjustments: [], startedBy: s.startedBy, submittedAt: null,
    },
    transitions: [{ from: 'new', to: 'counting', reason: `started by ${s.startedBy}: ${sheets.length} count sheet(s), ${sheets.reduce((n, x) => n + x.lines.length, 0)} line(s)` }],
    events: [],
  };
}

export interface EnteredCount {
  sku: string;
  batch?: string;
  countedQuantity: number;
}

/**
 * Counts entered for one sheet; `bookOf` gives the ledger's figure of a lot now. A line not on the sheet is a
 * found line. A line counted again takes the new count (and the ledger's figure now).
 */
export function enterCounts<T extends Stocktake>(stocktake: T, location: string, counts: readonly EnteredCount[], bookOf: (sku: string, batch: string) => number, by: string): Step<T> {
  if (stocktake.status !== 'counting') throw new DomainError('conflict', 'stocktake-not-counting', `Stocktake ${stocktake.number} is ${stocktake.status}: counts are closed`);
  const sheet = stocktake.sheets.find((s) => s.location === location);
  if (!sheet) throw new DomainError('rule_violated', 'no-count-sheet', `Stocktake ${stocktake.number} has no count sheet for ${location}`, [{ field: 'location', message: 'has no count sheet in this stocktake' }]);
  const problems: FieldError[] = counts.flatMap((c, i) => (Number.isInteger(c.countedQuantity) && c.countedQuantity >= 0 ? [] : [{ field: `lines[${i}].countedQuantity`, message: 'must be a whole number, 0 or more' }]));
  if (problems.length) throw new DomainError('invalid', 'count-invalid', 'Counts are whole numbers, 0 or more', problems);
  const lines = sheet.lines.map((l) => ({ ...l }));
  for (const c of counts) {
    const batch = c.batch ?? '';
    const entered = { countedQuantity: c.countedQuantity, bookAtCount: bookOf(c.sku, batch), countedBy: by };
    const line = lines.find((l) => l.sku === c.sku && l.batch === batch);
    if (line) Object.assign(line, entered);
    else lines.push({ sku: c.sku, batch, bookAtStart: 0, found: true, ...entered });
  }
  const sheets = stocktake.sheets.map((s) => (s === sheet ? { location, lines } : s));
  return { state: { ...stocktake, sheets }, transitions: [{ from: 'counting', to: 'counting', reason: `${counts.length} line(s) of ${location} counted by ${by}` }], events: [] };
}

export interface Variance {
  sku: string;
  location: string;
  batch: string;
  bookAtStart: number;
  bookAtCount: number;
  countedQuantity: number;
  variance: number;
  found: boolean;
}

/** Counted − book at the time of counting, for every counted line (zero variances included). */
export function variances(stocktake: Stocktake): Variance[] {
  return stocktake.sheets.flatMap((s) => s.lines.filter((l) => l.countedQuantity !== null).map((l) => ({
    sku: l.sku, location: s.location, batch: l.batch, bookAtStart: l.bookAtStart, bookAtCount: l.bookAtCount!, countedQuantity: l.countedQuantity!,
    variance: l.countedQuantity! - l.bookAtCount!, found: l.found,
  })));
}

/** Everyone who entered a count: none of them approves an adjustment of this stocktake. */
export const countersOf = (stocktake: Stocktake): string[] => [...new Set(stocktake.sheets.flatMap((s) => s.lines.map((l) => l.countedBy).filter((x): x is string => !!x)))];

const unitsOf = (lines: readonly AdjustmentLine[]) => lines.reduce((n, l) => n + Math.abs(l.quantity), 0);

function proposal(no: number, kind: StocktakeAdjustment['kind'], lines: AdjustmentLine[], reason: string | null, on: BusinessDate): StocktakeAdjustment {
  return { no, kind, lines, reason, status: 'proposed', needsPurchasing: unitsOf(lines) > inForceOn(ADJUSTMENT_THRESHOLDS, on).units, approvedBy: null, purchasingApprovedBy: null };
}

/** Every line counted: the variance report stands, and each variance is proposed as an adjustment (none: closed). */
export function submitStocktake<T extends Stocktake>(stocktake: T, by: string, today: BusinessDate, at = new Date()): Step<T> {
  const uncounted = stocktake.sheets.flatMap((s) => s.lines.filter((l) => l.countedQuantity === null).map((l) => `${s.location}: ${l.sku}${l.batch ? ` batch ${l.batch}` : ''}`));
  if (stocktake.status === 'counting' && uncounted.length) {
    throw new DomainError('rule_violated', 'stocktake-not-counted', `Stocktake ${stocktake.number} has ${uncounted.length} line(s) not counted`, uncounted.map((u) => ({ field: 'sheets', message: `${u} is not counted` })));
  }
  const t = STOCKTAKE.move(stocktake.status, 'submitted', `submitted by ${by}`, `Stocktake ${stocktake.number}`);
  const adjustments = variances(stocktake).filter((v) => v.variance !== 0)
    .map((v, i) => proposal(i + 1, 'count', [{ sku: v.sku, location: v.location, batch: v.batch, quantity: v.variance }], null, today));
  const state = { ...stocktake, status: t.to, adjustments, submittedAt: at };
  if (adjustments.length) return { state, transitions: [{ ...t, reason: `${t.reason}: ${adjustments.length} adjustment(s) proposed` }], events: [] };
  const closed = STOCKTAKE.move('submitted', 'closed', 'no variance: nothing to adjust');
  return { state: { ...state, status: closed.to }, transitions: [t, closed], events: [] };
}

export interface BetweenSkus {
  /** The lot counted short (the goods were counted under `over`'s code). */
  short: { sku: string; location: string; batch?: string };
  over: { sku: string; location: string; batch?: string };
  quantity: number;
  reason?: string;
}

/**
 * Goods counted under the wrong code: `quantity` units go out of the short SKU's lot and into the over SKU's, as
 * one adjustment of two lines with its reason. It takes that much out of the two count adjustments it explains
 * (withdrawn when nothing is left of them), so nothing is adjusted twice.
 */
export function proposeBetweenSkus<T extends Stocktake>(stocktake: T, pair: BetweenSkus, by: string, today: BusinessDate): Step<T> {
  const problems: FieldError[] = [];
  if (!pair.reason?.trim()) problems.push({ field: 'reason', message: 'say why the goods were counted under the other SKU' });
  if (pair.short.sku === pair.over.sku) problems.push({ field: 'over.sku', message: 'a move between SKUs names two different SKUs' });
  if (!Number.isInteger(pair.quantity) || pair.quantity <= 0) problems.push({ field: 'quantity', message: 'must be a positive whole number' });
  const find = (side: BetweenSkus['short'], sign: number) => stocktake.adjustments.find((a) => a.status === 'proposed' && a.kind === 'count' && a.lines[0].sku === side.sku
    && a.lines[0].location === side.location && a.lines[0].batch === (side.batch ?? '') && Math.sign(a.lines[0].quantity) === sign);
  const short = find(pair.short, -1);
  const over = find(pair.over, 1);
  if (!short || -short.lines[0].quantity < pair.quantity) problems.push({ field: 'short', message: `no proposed shortage of ${pair.quantity} or more of ${pair.short.sku} in ${pair.short.location}` });
  if (!over || over.lines[0].quantity < pair.quantity) problems.push({ field: 'over', message: `no proposed overage of ${pair.quantity} or more of ${pair.over.sku} in ${pair.over.location}` });
  if (problems.length) throw new DomainError('rule_violated', 'between-skus-refused', 'The move between SKUs is refused', problems);
  if (stocktake.status !== 'submitted') throw new DomainError('conflict', 'stocktake-not-submitted', `Stocktake ${stocktake.number} is ${stocktake.status}`);
  const shrink = (a: StocktakeAdjustment, by: number): StocktakeAdjustment => {
    const quantity = a.lines[0].quantity - by;
    return { ...a, lines: [{ ...a.lines[0], quantity }], status: quantity === 0 ? 'withdrawn' : a.status };
  };
  const no = Math.max(0, ...stocktake.adjustments.map((a) => a.no)) + 1;
  const lines = [{ ...short!.lines[0], quantity: -pair.quantity }, { ...over!.lines[0], quantity: pair.quantity }];
  const adjustments = [
    ...stocktake.adjustments.map((a) => (a === short ? shrink(a, -pair.quantity) : a === over ? shrink(a, pair.quantity) : a)),
    proposal(no, 'between_skus', lines, pair.reason!.trim(), today),
  ];
  return { state: { ...stocktake, adjustments }, transitions: [{ from: 'submitted', to: 'submitted', reason: `${by} proposed moving ${pair.quantity} from ${pair.short.sku} to ${pair.over.sku}: ${pair.reason!.trim()}` }], events: [] };
}

export type Approver = { userId: string; roles: readonly string[] };

/**
 * An approval of one proposed adjustment. A warehouse manager who counted nothing approves every adjustment; one
 * above the threshold also needs a purchasing manager (who may not have counted either). `post` says whether the
 * adjustment is now fully approved: its lines go through the ledger (the caller's) and `inventory.stocktake.adjusted`
 * is published. The last adjustment settled closes the stocktake.
 */
export function approveAdjustment<T extends Stocktake>(stocktake: T, no: number, approver: Approver): Step<T> & { post: AdjustmentLine[] } {
  if (stocktake.status !== 'submitted') throw new DomainError('conflict', 'stocktake-not-submitted', `Stocktake ${stocktake.number} is ${stocktake.status}: nothing to approve`);
  const adjustment = stocktake.adjustments.find((a) => a.no === no);
  if (!adjustment) throw new DomainError('not_found', 'adjustment-not-found', `Stocktake ${stocktake.number} has no adjustment ${no}`);
  if (adjustment.status !== 'proposed') throw new DomainError('conflict', 'adjustment-settled', `Adjustment ${no} of ${stocktake.number} is ${adjustment.status}`);
  if (countersOf(stocktake).includes(approver.userId)) {
    throw new DomainError('forbidden', 'counter-cannot-approve', `You counted in stocktake ${stocktake.number}; someone who did not count approves its adjustments`);
  }
  const next = { ...adjustment };
  if (approver.roles.includes('warehouse_manager') && !next.approvedBy) next.approvedBy = approver.userId;
  else if (approver.roles.includes('purchasing_manager') && next.needsPurchasing && !next.purchasingApprovedBy) next.purchasingApprovedBy = approver.userId;
  else throw new DomainError('conflict', 'approval-not-needed', `Adjustment ${no} of ${stocktake.number} needs no (further) approval of yours`);
  const done = !!next.approvedBy && (!next.needsPurchasing || !!next.purchasingApprovedBy);
  if (done) next.status = 'approved';
  const adjustments = stocktake.adjustments.map((a) => (a === adjustment ? next : a));
  const state = { ...stocktake, adjustments };
  const transitions = [{ from: 'submitted', to: 'submitted', reason: `adjustment ${no} approved by ${approver.userId}${done ? ': posted' : ': a purchasing manager approves as well'}` }];
  const events = done ? [{
    type: 'inventory.stocktake.adjusted',
    data: { stocktakeId: stocktake.id, number: stocktake.number, warehouseCode: stocktake.warehouseCode, adjustmentNo: no, kind: next.kind, reason: next.reason, lines: next.lines.map((l) => ({ ...l })) },
  }] : [];
  if (done && adjustments.every((a) => a.status !== 'proposed')) {
    const closed = STOCKTAKE.move('submitted', 'closed', 'every adjustment settled');
    return { state: { ...state, status: closed.to }, transitions: [...transitions, closed], events, post: next.lines };
  }
  return { state, transitions, events, post: done ? next.lines : [] };
}

/** Stocktakes still counting after their report was due. */
export const reportOverdue = (s: Pick<Stocktake, 'status' | 'reportDueOn'>, today: BusinessDate): boolean => s.status === 'counting' && s.reportDueOn < today;
