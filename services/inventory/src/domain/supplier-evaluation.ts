import { inForceOn, type BusinessDate, type Dated } from '@ops/kernel';

/**
 * How suppliers deliver (domain.md, supplier evaluation), per supplier over a period, from audited purchase
 * receipts: on time (of the receipt lines delivered against a purchase order line with a promised date, those
 * that arrived on or before it, by business date), inspection (of the lines inspected, those that passed), and
 * what went back to them (shipped purchase returns). A supplier below a threshold is listed with the reasons.
 */
export interface DeliveredLine {
  supplierId: string;
  receiptNumber: string;
  sku: string;
  quantity: number;
  unitPriceFen: number | null;
  /** The business date the goods arrived (the receipt's arrival, else its audit). */
  arrivedOn: BusinessDate;
  /** The purchase order line's promised date; null when the line has no order line or the order line promises none. */
  promisedOn: BusinessDate | null;
  inspection: 'passed' | 'failed' | null;
}

export interface ReturnedGoods {
  supplierId: string;
  quantity: number;
  amountFen: number;
}

export interface EvaluationThresholds {
  /** Below this share of lines on time a supplier is listed (0–1). */
  minOnTimeRate: number;
  /** Below this share of inspected lines passed a supplier is listed (0–1). */
  minPassRate: number;
}

/** The thresholds as dated data: a change takes effect from its date, and older months keep the ones they had. */
export const EVALUATION_THRESHOLDS: ReadonlyArray<Dated<EvaluationThresholds>> = [{ effectiveFrom: '2000-01-01', value: { minOnTimeRate: 0.9, minPassRate: 0.95 } }];

export const thresholdsFor = (on: BusinessDate, versions: ReadonlyArray<Dated<EvaluationThresholds>> = EVALUATION_THRESHOLDS) => inForceOn(versions, on);

export interface SupplierScore {
  supplierId: string;
  receiptLines: number;
  receivedQuantity: number;
  /** Lines with a promised date, and of those the ones that arrived by it. */
  promisedLines: number;
  onTimeLines: number;
  /** onTimeLines / promisedLines, rounded to 4 places; null when no line had a promised date. */
  onTimeRate: number | null;
  inspectedLines: number;
  passedLines: number;
  /** passedLines / inspectedLines, rounded to 4 places; null when nothing was inspected. */
  passRate: number | null;
  returns: number;
  returnedQuantity: number;
  returnedAmountFen: number;
  belowThreshold: boolean;
  /** Why it is below: `on-time` and/or `inspection`. A rate with nothing to measure is never below. */
  reasons: Array<'on-time' | 'inspection'>;
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** One score per supplier with deliveries or returns in the period, by supplier id. */
export function evaluateSuppliers(lines: readonly DeliveredLine[], returns: readonly ReturnedGoods[], thresholds: EvaluationThresholds): SupplierScore[] {
  const scores = new Map<string, SupplierScore>();
  const scoreOf = (supplierId: string) => {
    let s = scores.get(supplierId);
    if (!s) {
      scores.set(supplierId, (s = {
        supplierId, receiptLines: 0, receivedQuantity: 0, promisedLines: 0, onTimeLines: 0, onTimeRate: null, inspectedLines: 0, passedLines: 0, passRate: null,
        returns: 0, returnedQuantity: 0, returnedAmountFen: 0, belowThreshold: false, reasons: [],
      }));
    }
    return s;
  };
  for (const l of lines) {
    const s = scoreOf(l.supplierId);
    s.receiptLines += 1;
    s.receivedQuantity += l.quantity;
    if (l.promisedOn) {
      s.promisedLines += 1;
      if (l.arrivedOn <= l.promisedOn) s.onTimeLines += 1;
    }
    if (l.inspection) {
      s.inspectedLines += 1;
      if (l.inspection === 'passed') s.passedLines += 1;
    }
  }
  for (const r of returns) {
    const s = scoreOf(r.supplierId);
    s.returns += 1;
    s.returnedQuantity += r.quantity;
    s.returnedAmountFen += r.amountFen;
  }
  for (const s of scores.values()) {
    s.onTimeRate = rate(s.onTimeLines, s.promisedLines);
    s.passRate = rate(s.passedLines, s.inspectedLines);
    // Compared on the counts, not the rounded rates: 899 of 1000 is below 90 %.
    if (s.promisedLines && s.onTimeLines < thresholds.minOnTimeRate * s.promisedLines) s.reasons.push('on-time');
    if (s.inspectedLines && s.passedLines < thresholds.minPassRate * s.inspectedLines) s.reasons.push('inspection');
    s.belowThreshold = s.reasons.length > 0;
  }
  return [...scores.values()].sort((a, b) => (a.supplierId < b.supplierId ? -1 : a.supplierId > b.supplierId ? 1 : 0));
}

export interface PricePoint {
  on: BusinessDate;
  supplierId: string;
  receiptNumber: string;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  /** Change from the previous price of the same SKU (any supplier), in fen; null for the first. */
  changeFen: number | null;
}

/** A SKU's purchase prices over time, oldest first, each with its change from the one before. Lines without a price are left out. */
export function priceHistory(lines: readonly DeliveredLine[]): PricePoint[] {
  const priced = lines.filter((l): l is DeliveredLine & { unitPriceFen: number } => l.unitPriceFen !== null);
  const ordered = [...priced].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) || (a.arrivedOn < b.arrivedOn ? -1 : a.arrivedOn > b.arrivedOn ? 1 : 0));
  const last = new Map<string, number>();
  return ordered.map((l) => {
    const before = last.get(l.sku);
    last.set(l.sku, l.unitPriceFen);
    return { on: l.arrivedOn, supplierId: l.supplierId, receiptNumber: l.receiptNumber, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, changeFen: before === undefined ? null : l.unitPriceFen - before };
  });
}

/** `YYYY-MM` as its first and last business dates. */
export function monthPeriod(month: string): { from: BusinessDate; to: BusinessDate } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
