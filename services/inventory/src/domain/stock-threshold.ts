import { DomainError, type FieldError } from '@ops/kernel';

/**
 * Low stock per SKU and warehouse (domain.md, low-stock thresholds): a warehouse manager or purchasing
 * manager sets, per SKU and warehouse, the minimum available quantity and the quantity to refill to. Below
 * the minimum the warehouse is low: purchasing hears it once (`inventory.stock.low`), and not again until
 * available stock has come back to the minimum or above. This sits beside the per-SKU reorder point over all
 * warehouses (domain/low-stock.ts), which it does not change.
 */
export interface StockThreshold {
  sku: string;
  warehouseCode: string;
  /** Below this many available (on hand less reserved) the SKU is low in the warehouse. */
  minQuantity: number;
  /** The available quantity a purchase brings it back to (the "order up to" level); at least the minimum. */
  reorderQuantity: number;
}

/** A threshold as watched: whether its alert was raised for the current crossing. */
export interface WatchedThreshold extends StockThreshold {
  alerted: boolean;
  available: number;
}

const MAX = 2_147_483_647;

/** The two quantities checked together, every problem named. */
export function thresholdProblems(t: Pick<StockThreshold, 'minQuantity' | 'reorderQuantity'>): FieldError[] {
  const problems: FieldError[] = [];
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX;
  if (!whole(t.minQuantity)) problems.push({ field: 'minQuantity', message: 'must be a whole number, 0 or more' });
  if (!whole(t.reorderQuantity)) problems.push({ field: 'reorderQuantity', message: 'must be a whole number, 0 or more' });
  if (!problems.length && t.reorderQuantity < t.minQuantity) problems.push({ field: 'reorderQuantity', message: `must be at least the minimum (${t.minQuantity}): a purchase refills to it` });
  return problems;
}

export function requireValidThreshold(t: Pick<StockThreshold, 'minQuantity' | 'reorderQuantity'>): void {
  const problems = thresholdProblems(t);
  if (problems.length) throw new DomainError('invalid', 'threshold-invalid', 'The threshold does not hold together', problems);
}

export const isLow = (t: Pick<WatchedThreshold, 'minQuantity' | 'available'>): boolean => t.available < t.minQuantity;

/**
 * What a check of the thresholds changes: those that went below their minimum and have not been alerted
 * (alert them, once), and those alerted that are back at the minimum or above (re-armed, so the next crossing
 * alerts again). Thresholds that stay low stay quiet; so do those that stay fine.
 */
export function lowStockCrossings<T extends WatchedThreshold>(watched: readonly T[]): { alert: T[]; recovered: T[] } {
  return {
    alert: watched.filter((t) => isLow(t) && !t.alerted),
    recovered: watched.filter((t) => !isLow(t) && t.alerted),
  };
}

/** What purchasing needs to know about one SKU in one warehouse. */
export interface SupplyPosition {
  sku: string;
  warehouseCode: string;
  /** Units backordered orders still wait for. */
  backordered: number;
  /** On hand less reserved (may be below 0 only if the books are broken; treated as 0). */
  available: number;
  /** Open purchase order lines: ordered less received. */
  onOrder: number;
  threshold: Pick<StockThreshold, 'minQuantity' | 'reorderQuantity'> | null;
  lastSupplierId: string | null;
  lastUnitPriceFen: number | null;
}

export interface PurchaseSuggestion extends SupplyPosition {
  /**
   * What to buy before counting what is on order: what the waiting backorders need beyond the available stock,
   * and, when serving them would leave less than the minimum, what refills to the reorder quantity.
   */
  shortfall: number;
  /** shortfall − on order, never below 0. */
  suggestedQuantity: number;
}

/**
 * What to buy, per SKU and warehouse (the shortage register and the thresholds, one answer): the stock left once
 * the waiting backorders are served is `available − backordered`; below 0 that many units are missing, and below
 * the threshold's minimum it is refilled to the reorder quantity; less what open purchase orders still bring.
 * Only positions with something to buy, by SKU then warehouse (code-point order).
 */
export function purchaseSuggestions(positions: readonly SupplyPosition[]): PurchaseSuggestion[] {
  return positions
    .map((p) => {
      const left = Math.max(p.available, 0) - p.backordered;
      const shortfall = p.threshold && left < p.threshold.minQuantity ? p.threshold.reorderQuantity - left : Math.max(-left, 0);
      return { ...p, shortfall, suggestedQuantity: Math.max(shortfall - p.onOrder, 0) };
    })
    .filter((s) => s.suggestedQuantity > 0)
    .sort((a, b) => cmp(a.sku, b.sku) || cmp(a.warehouseCode, b.warehouseCode));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
