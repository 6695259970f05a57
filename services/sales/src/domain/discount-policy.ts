/**
 * Who may grant a price (DESIGN §4.3, seed 002 制度9/10): a sales rep has no discount authority; up to
 * 3% off the list price needs a sales manager; above 3% the sales VP; any price below the price list's
 * floor the general manager. Compared in whole fen: (list − price) × 100 ≤ 3 × list means ≤ 3.00%.
 */
export type DiscountAuthority = 'none' | 'sales_manager' | 'sales_vp' | 'general_manager';

export interface PricedLine {
  listPriceFen: number;
  floorPriceFen: number;
  unitPriceFen: number;
}

const RANK: Record<DiscountAuthority, number> = { none: 0, sales_manager: 1, sales_vp: 2, general_manager: 3 };

export function discountAuthority(line: PricedLine): DiscountAuthority {
  if (line.unitPriceFen < line.floorPriceFen) return 'general_manager';
  const off = line.listPriceFen - line.unitPriceFen;
  if (off <= 0) return 'none';
  return off * 100 <= 3 * line.listPriceFen ? 'sales_manager' : 'sales_vp';
}

/** The authority an order needs is the highest any of its lines needs. */
export function orderDiscountAuthority(lines: PricedLine[]): DiscountAuthority {
  return lines.map(discountAuthority).reduce<DiscountAuthority>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');
}
