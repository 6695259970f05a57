/**
 * Who must approve an order, by its total (DESIGN §4.2, seed 002 制度5 第9条):
 * below 100,000 CNY nobody; then a sales manager; from 500,000 the sales VP; from 5,000,000 the
 * general manager. Boundaries belong to the higher tier.
 */
export type ApprovalLevel = 'none' | 'sales_manager' | 'sales_vp' | 'general_manager';

const CNY = 100; // fen per yuan

export const APPROVAL_TIERS: ReadonlyArray<{ fromFen: number; level: ApprovalLevel }> = [
  { fromFen: 5_000_000 * CNY, level: 'general_manager' },
  { fromFen: 500_000 * CNY, level: 'sales_vp' },
  { fromFen: 100_000 * CNY, level: 'sales_manager' },
];

export function requiredApproval(totalFen: number): ApprovalLevel {
  return APPROVAL_TIERS.find((tier) => totalFen >= tier.fromFen)?.level ?? 'none';
}
