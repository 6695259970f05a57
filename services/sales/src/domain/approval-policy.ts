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

const RANK: Record<ApprovalLevel, number> = { none: 0, sales_manager: 1, sales_vp: 2, general_manager: 3 };

export function higherLevel(a: ApprovalLevel, b: ApprovalLevel): ApprovalLevel {
  return RANK[b] > RANK[a] ? b : a;
}

export interface OrderApproval {
  level: ApprovalLevel;
  /** Each rule that asked for approval, in words for the approver and the order's history. */
  reasons: string[];
}

/**
 * One order, one approver: the highest level any rule asks for (total, discount, credit). A single
 * approval at that level covers the lower ones, as a higher role may approve a lower level (DESIGN §4.2).
 */
export function orderApproval(asks: Array<{ level: ApprovalLevel; reason: string }>): OrderApproval {
  const needed = asks.filter((ask) => ask.level !== 'none');
  return { level: needed.reduce<ApprovalLevel>((level, ask) => higherLevel(level, ask.level), 'none'), reasons: needed.map((ask) => ask.reason) };
}
