import { ApprovalLadder, businessDate, inForceOn, levelForAmount, yuan, type AmountTiers, type BusinessDate, type Dated } from '@ops/kernel';

/**
 * The sales approval ladder (seed 002 制度5 第9条): a sales manager, then the sales VP, then the general
 * manager; a higher role may approve a lower level. Orders, credit changes and shipping exceptions climb it.
 */
export const SALES_LADDER = new ApprovalLadder(['sales_manager', 'sales_vp', 'general_manager'] as const);
export type SalesLevel = (typeof SALES_LADDER.levels)[number];
export type ApprovalLevel = SalesLevel | 'none';

/**
 * Who must approve an order by its total, as data in force from a date: below 100,000 CNY nobody; then a
 * sales manager; from 500,000 the sales VP; from 5,000,000 the general manager. Boundaries belong to the
 * higher tier. A change of policy is a new version with its first day, not an edit of this one.
 */
export const ORDER_TOTAL_THRESHOLDS: ReadonlyArray<Dated<AmountTiers<SalesLevel>>> = [
  {
    effectiveFrom: '2026-01-01',
    value: [
      { fromFen: yuan(100_000), level: 'sales_manager' },
      { fromFen: yuan(500_000), level: 'sales_vp' },
      { fromFen: yuan(5_000_000), level: 'general_manager' },
    ],
  },
];

export function requiredApproval(totalFen: number, on: BusinessDate = businessDate(), thresholds = ORDER_TOTAL_THRESHOLDS): ApprovalLevel {
  return levelForAmount(inForceOn(thresholds, on), totalFen);
}

export interface OrderApproval {
  level: ApprovalLevel;
  /** Each rule that asked for approval, in words for the approver and the order's history. */
  reasons: string[];
}

/**
 * One order, one approver: the highest level any rule asks for (total, discount, credit). A single
 * approval at that level covers the lower ones, as a higher role may approve a lower level.
 */
export function orderApproval(asks: Array<{ level: ApprovalLevel; reason: string }>): OrderApproval {
  return SALES_LADDER.highest(asks);
}
