import { addDays, daysBetween, monthStart, type BusinessDate, type Period } from '@ops/kernel';

/**
 * The sales performance report (domain.md §8, reports): what was sold in a period — orders placed and not
 * cancelled, at their totals — and the money actually received in it (receipts finance counted less refunds it
 * paid, whatever order they were for), grouped by rep, region, customer, SKU, or by day, week or month; each group's share of
 * the period's sales, and for reps and regions their target and attainment.
 *
 * The figures arrive pre-summed per business date and customer (the database adds up, this decides how to
 * group and what a share, a target and an attainment are).
 */

/** Orders placed on one date for one customer, by one rep, in one region. */
export interface SalesFact {
  placedOn: BusinessDate;
  customerId: string;
  customerName: string;
  salesRep: string | null;
  region: string | null;
  orders: number;
  quantity: number;
  amountFen: number;
}

/** Money counted on one date for orders of one customer, rep and region (the order's, not the date's). */
export interface CollectionFact {
  receivedOn: BusinessDate;
  customerId: string;
  customerName: string;
  salesRep: string | null;
  region: string | null;
  amountFen: number;
}

/** What one SKU sold in the period. */
export interface SkuFact {
  sku: string;
  orders: number;
  quantity: number;
  amountFen: number;
}

/** A monthly target for a rep or a region. */
export interface MonthlyTarget {
  scope: 'rep' | 'region';
  /** The rep's user id or the region's name. */
  subject: string;
  /** YYYY-MM. */
  month: string;
  amountFen: number;
}

export const PERFORMANCE_DIMENSIONS = ['rep', 'region', 'customer', 'sku', 'day', 'week', 'month'] as const;
export type PerformanceDimension = (typeof PERFORMANCE_DIMENSIONS)[number];

export interface PerformanceRow {
  key: string;
  label: string;
  orders: number;
  quantity: number;
  amountFen: number;
  /** The group's part of the period's sales, in percent with one decimal. */
  sharePercent: number;
  /** Money counted in the period for the group's orders; null by SKU (money is received per order, not per SKU). */
  collectedFen: number | null;
  /** Reps and regions with a target: the months' targets, prorated by the days of each month the period covers. */
  targetFen: number | null;
  attainmentPercent: number | null;
}

export interface PerformanceSummary extends Period {
  orders: number;
  quantity: number;
  amountFen: number;
  collectedFen: number;
  /** Money received against what was sold, in percent with one decimal; null when nothing was sold. */
  collectionRatePercent: number | null;
  customers: number;
  /** The sum of every rep's target for the period (prorated), or null when no rep has one. */
  targetFen: number | null;
  attainmentPercent: number | null;
  bestSeller: SkuFact | null;
}

/** A percentage with one decimal; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}

const NO_REP = '(none)';
const NO_REGION = '(none)';

/** The Monday that starts the week of `date` (weeks run Monday to Sunday). */
export function weekStart(date: BusinessDate): BusinessDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(date, -((weekday + 6) % 7));
}

function keyOf(by: Exclude<PerformanceDimension, 'sku'>, fact: { customerId: string; customerName: string; salesRep: string | null; region: string | null }, date: BusinessDate): { key: string; label: string } {
  switch (by) {
    case 'rep': return { key: fact.salesRep ?? NO_REP, label: fact.salesRep ?? NO_REP };
    case 'region': return { key: fact.region ?? NO_REGION, label: fact.region ?? NO_REGION };
    case 'customer': return { key: fact.customerId, label: fact.customerName };
    case 'day': return { key: date, label: date };
    case 'week': return { key: weekStart(date), label: `${weekStart(date)} – ${addDays(weekStart(date), 6)}` };
    case 'month': return { key: date.slice(0, 7), label: date.slice(0, 7) };
  }
}

/**
 * A monthly target's part that falls in the period: the whole of it for a month the period covers
 * entirely, else the days covered over the days of that month (rounded to the fen).
 */
export function targetForPeriod(targets: readonly MonthlyTarget[], period: Period): number {
  let total = 0;
  for (const target of targets) {
    const first = `${target.month}-01`;
    const last = addDays(monthStart(addDays(first, 31)), -1);
    const from = period.from > first ? period.from : first;
    const to = period.to < last ? period.to : last;
    if (from > to) continue;
    const covered = daysBetween(from, to) + 1;
    const days = daysBetween(first, last) + 1;
    total += Math.round((target.amountFen * covered) / days);
  }
  return total;
}

/** The rows of the report grouped by one dimension, largest amount first (by date, oldest first). */
export function performanceRows(
  by: PerformanceDimension,
  period: Period,
  sales: readonly SalesFact[],
  collections: readonly CollectionFact[],
  skus: readonly SkuFact[],
  targets: readonly MonthlyTarget[] = [],
): PerformanceRow[] {
  const totalFen = sales.reduce((sum, s) => sum + s.amountFen, 0);
  if (by === 'sku') {
    return [...skus]
      .sort((a, b) => b.amountFen - a.amountFen || b.quantity - a.quantity || (a.sku < b.sku ? -1 : 1))
      .map((s) => ({ key: s.sku, label: s.sku, orders: s.orders, quantity: s.quantity, amountFen: s.amountFen, sharePercent: percentOf(s.amountFen, totalFen) ?? 0, collectedFen: null, targetFen: null, attainmentPercent: null }));
  }
  const rows = new Map<string, PerformanceRow>();
  const rowFor = (key: string, label: string) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, label, orders: 0, quantity: 0, amountFen: 0, sharePercent: 0, collectedFen: 0, targetFen: null, attainmentPercent: null }));
    return row;
  };
  for (const s of sales) {
    const { key, label } = keyOf(by, s, s.placedOn);
    const row = rowFor(key, label);
    row.orders += s.orders;
    row.quantity += s.quantity;
    row.amountFen += s.amountFen;
  }
  for (const c of collections) {
    const { key, label } = keyOf(by, c, c.receivedOn);
    const row = rowFor(key, label);
    row.collectedFen = (row.collectedFen ?? 0) + c.amountFen;
  }
  if (by === 'rep' || by === 'region') {
    const scoped = targets.filter((t) => t.scope === by);
    for (const subject of new Set(scoped.map((t) => t.subject))) {
      const targetFen = targetForPeriod(scoped.filter((t) => t.subject === subject), period);
      if (targetFen <= 0) continue;
      const row = rowFor(subject, subject);
      row.targetFen = targetFen;
      row.attainmentPercent = percentOf(row.amountFen, targetFen);
    }
  }
  for (const row of rows.values()) row.sharePercent = percentOf(row.amountFen, totalFen) ?? 0;
  const byDate = by === 'day' || by === 'week' || by === 'month';
  return [...rows.values()].sort((a, b) => (byDate ? (a.key < b.key ? -1 : 1) : b.amountFen - a.amountFen || (a.key < b.key ? -1 : 1)));
}

/** The period's totals: sold, received, rate of collection, every rep's target and attainment, the best-selling SKU. */
export function performanceSummary(period: Period, sales: readonly SalesFact[], collections: readonly CollectionFact[], skus: readonly SkuFact[], targets: readonly MonthlyTarget[] = []): PerformanceSummary {
  const amountFen = sales.reduce((sum, s) => sum + s.amountFen, 0);
  const collectedFen = collections.reduce((sum, c) => sum + c.amountFen, 0);
  const repTargets = targets.filter((t) => t.scope === 'rep');
  const targetFen = repTargets.length ? targetForPeriod(repTargets, period) : null;
  const bestSeller = performanceRows('sku', period, sales, collections, skus)[0];
  return {
    ...period,
    orders: sales.reduce((sum, s) => sum + s.orders, 0),
    quantity: sales.reduce((sum, s) => sum + s.quantity, 0),
    amountFen,
    collectedFen,
    collectionRatePercent: percentOf(collectedFen, amountFen),
    customers: new Set(sales.map((s) => s.customerId)).size,
    targetFen,
    attainmentPercent: targetFen ? percentOf(amountFen, targetFen) : null,
    bestSeller: bestSeller ? { sku: bestSeller.key, orders: bestSeller.orders, quantity: bestSeller.quantity, amountFen: bestSeller.amountFen } : null,
  };
}
