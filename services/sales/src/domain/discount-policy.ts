import { businessDate, inForceOn, type BusinessDate, type Dated } from '@ops/kernel';
import { SALES_LADDER, type ApprovalLevel, type SalesLevel } from './approval-policy.js';

/**
 * Who may grant a price (seed 002 制度9/10): a sales rep has no discount authority; up to 3% off the
 * list price needs a sales manager; above 3% the sales VP; any price below the price list's floor the
 * general manager. The limits are data in force from a date, like the order total tiers.
 */
export type DiscountAuthority = ApprovalLevel;

export interface DiscountLimits {
  /** The largest discount, in basis points of the list price, each level may grant; above the last, the next level. */
  upToBasisPoints: ReadonlyArray<{ basisPoints: number; level: SalesLevel }>;
  /** Who may grant anything above the last limit. */
  above: SalesLevel;
  /** Who may price below the list's floor price. */
  belowFloor: SalesLevel;
}

export const DISCOUNT_LIMITS: ReadonlyArray<Dated<DiscountLimits>> = [
  { effectiveFrom: '2026-01-01', value: { upToBasisPoints: [{ basisPoints: 300, level: 'sales_manager' }], above: 'sales_vp', belowFloor: 'general_manager' } },
];

export interface PricedLine {
  listPriceFen: number;
  floorPriceFen: number;
  unitPriceFen: number;
}

/** Compared in whole fen: (list − price) × 10,000 ≤ limit × list, so exactly 3.00% is within 3%. */
export function discountAuthority(line: PricedLine, on: BusinessDate = businessDate(), limits = DISCOUNT_LIMITS): DiscountAuthority {
  const rules = inForceOn(limits, on);
  if (line.unitPriceFen < line.floorPriceFen) return rules.belowFloor;
  const off = line.listPriceFen - line.unitPriceFen;
  if (off <= 0) return 'none';
  const within = [...rules.upToBasisPoints].sort((a, b) => a.basisPoints - b.basisPoints).find((limit) => off * 10_000 <= limit.basisPoints * line.listPriceFen);
  return within?.level ?? rules.above;
}

/** The authority an order needs is the highest any of its lines needs. */
export function orderDiscountAuthority(lines: PricedLine[], on: BusinessDate = businessDate(), limits = DISCOUNT_LIMITS): DiscountAuthority {
  return lines.map((line) => discountAuthority(line, on, limits)).reduce<DiscountAuthority>((a, b) => SALES_LADDER.higher(a, b), 'none');
}
