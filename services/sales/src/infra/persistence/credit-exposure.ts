import type { EntityManager } from 'typeorm';

/**
 * Credit orders placed (approved) and not yet shipped: promised, but not yet on finance's receivable. A made-to-order
 * credit order counts from its agreement (waiting for the written confirmation) and while it is being made.
 */
export const UNINVOICED_CREDIT_STATUSES = ['approved', 'awaiting_payment', 'backordered', 'ready_to_ship', 'awaiting_confirmation', 'in_production'] as const;

export async function uninvoicedCreditOrdersFen(manager: EntityManager, customerId: string): Promise<number> {
  const rows: Array<{ sum: string }> = await manager.query(
    `SELECT COALESCE(SUM(total_fen), 0) AS sum FROM orders WHERE customer_id = $1 AND payment_terms = 'credit' AND status = ANY($2)`,
    [customerId, UNINVOICED_CREDIT_STATUSES],
  );
  return Number(rows[0].sum);
}
