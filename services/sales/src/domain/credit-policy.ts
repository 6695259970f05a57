/**
 * Credit rules (domain.md §4.4, seed 002 9-02, 9-06). A customer on credit hold (supply stopped) gets no new
 * order at all. Grade D never buys on credit. A credit order beyond the limit, or for a customer with
 * any overdue credit sale, needs the sales VP. Exposure = open receivable + approved credit orders not
 * yet invoiced (ERPNext's lesson: count what is promised, not only what is billed).
 */
export type CreditGrade = 'A' | 'B' | 'C' | 'D';

/** Prepaid: money before goods; credit: goods on the customer's approved terms. */
export type PaymentTerms = 'prepaid' | 'credit';

export interface CreditStanding {
  grade: CreditGrade;
  limitFen: number;
  exposureFen: number;
  overdue: boolean;
  onHold: boolean;
}

export type CreditDecision =
  | { kind: 'allowed' }
  | { kind: 'needs_sales_vp'; reason: string }
  | { kind: 'refused'; reason: string };

export function creditDecision(standing: CreditStanding, order: { paymentTerms: PaymentTerms; totalFen: number }): CreditDecision {
  if (standing.onHold) return { kind: 'refused', reason: 'the customer is on credit hold: supply is stopped' };
  if (order.paymentTerms === 'prepaid') return { kind: 'allowed' };
  if (standing.grade === 'D') return { kind: 'refused', reason: 'grade D customers pay before delivery' };
  if (standing.overdue) return { kind: 'needs_sales_vp', reason: 'the customer has an overdue credit sale' };
  if (standing.exposureFen + order.totalFen > standing.limitFen) {
    return { kind: 'needs_sales_vp', reason: `the order takes credit exposure to ${standing.exposureFen + order.totalFen} fen, over the limit of ${standing.limitFen}` };
  }
  return { kind: 'allowed' };
}
