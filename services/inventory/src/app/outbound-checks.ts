import type { EntityManager } from 'typeorm';
import { assertMayGoOut } from '../domain/release-policy.js';
import type { ReservedLine } from '../domain/shipment.js';
import { CustomerStandingEntity, OrderReleaseEntity, type ReservationEntity } from '../infra/persistence/inventory.entities.js';
import { rowByKey } from '@ops/persistence';

// Shared by making a pick list, asking whether one can be made, and shipping: all send goods toward the door.

/**
 * The order may go to the warehouse: paid, on credit terms for a customer not overdue, or by the VP's
 * exception; and never while finance has its customer on credit hold.
 */
export async function assertReleased(tx: EntityManager, orderId: string): Promise<void> {
  const release = await rowByKey(tx, OrderReleaseEntity, 'orderId', orderId, { lock: false });
  const standing = release?.customerId ? await rowByKey(tx, CustomerStandingEntity, 'customerId', release.customerId, { lock: false }) : null;
  assertMayGoOut(orderId, release, {
    overdue: (standing?.overdueFen ?? 0) > 0,
    creditHold: standing?.onHold ? { reason: standing.holdReason ?? 'no reason given' } : null,
  });
}

export function reservedLine(r: ReservationEntity): ReservedLine {
  return { sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status };
}

/** What a long poll of inventory waits for (see ChangeFeed): news that may make the order's pick list possible. */
export const pickGateChanged = (orderId: string) => `pick-gate:${orderId}`;
