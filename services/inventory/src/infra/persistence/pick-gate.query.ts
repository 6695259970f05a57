import type { EntityManager } from 'typeorm';
import type { ReleaseBasis } from '../../domain/release-policy.js';
import type { PickGate } from '../../domain/shipment.js';

/**
 * Everything that decides whether an order's pick list may be made, in one statement: its release,
 * what finance said of its customer, whether a pick list is in progress, and (unless the caller has
 * locked them already) its reservations. A long poll on readiness reads this each time it wakes.
 */
export async function readPickGate(tx: EntityManager, orderId: string): Promise<PickGate> {
  const [row]: Array<ReleaseRow & {
    in_progress: boolean;
    reservations: Array<{ sku: string; warehouseCode: string; quantity: number; shippedQuantity: number; status: 'reserved' | 'released' | 'shipped' }>;
  }> = await tx.query(
    `SELECT r.basis, s.overdue_fen, s.on_hold, s.hold_reason,
            EXISTS (SELECT 1 FROM pick_lists p WHERE p.order_id = o.id AND p.status <> 'shipped') AS in_progress,
            COALESCE((SELECT json_agg(json_build_object('sku', v.sku_code, 'warehouseCode', v.warehouse_code, 'quantity', v.quantity,
                                                        'shippedQuantity', v.shipped_quantity, 'status', v.status) ORDER BY v.sku_code COLLATE "C", v.id)
                        FROM reservations v WHERE v.order_id = o.id), '[]') AS reservations
       FROM (SELECT $1::uuid AS id) o
       LEFT JOIN order_releases r ON r.order_id = o.id
       LEFT JOIN customer_standing s ON s.customer_id = r.customer_id`,
    [orderId],
  );
  return { orderId, ...releaseOf(row), reservations: row.reservations, pickListInProgress: row.in_progress };
}

/** Whether the order may go out, in one statement: its release and what finance said of its customer (a shipment checks this). */
export async function readRelease(tx: EntityManager, orderId: string): Promise<Pick<PickGate, 'release' | 'customer'>> {
  const [row = { basis: null, overdue_fen: null, on_hold: null, hold_reason: null }]: ReleaseRow[] = await tx.query(
    `SELECT r.basis, s.overdue_fen, s.on_hold, s.hold_reason
       FROM order_releases r LEFT JOIN customer_standing s ON s.customer_id = r.customer_id
      WHERE r.order_id = $1`,
    [orderId],
  );
  return releaseOf(row);
}

interface ReleaseRow {
  basis: ReleaseBasis | null;
  overdue_fen: string | null;
  on_hold: boolean | null;
  hold_reason: string | null;
}

function releaseOf(row: ReleaseRow): Pick<PickGate, 'release' | 'customer'> {
  return {
    release: row.basis ? { basis: row.basis } : null,
    customer: { overdue: Number(row.overdue_fen ?? 0) > 0, creditHold: row.on_hold ? { reason: row.hold_reason ?? 'no reason given' } : null },
  };
}
