import type { EntityManager } from 'typeorm';
import { assertMayGoOut } from '../domain/release-policy.js';
import type { ReservedLine } from '../domain/shipment.js';
import type { ReservationEntity } from '../infra/persistence/inventory.entities.js';
import { readRelease } from '../infra/persistence/pick-gate.query.js';

// Shared by making a pick list, asking whether one can be made, and shipping: all send goods toward the door.

/**
 * The order may go to the warehouse: paid, on credit terms for a customer not overdue, or by the VP's
 * exception; and never while finance has its customer on credit hold.
 */
export async function assertReleased(tx: EntityManager, orderId: string): Promise<void> {
  const { release, customer } = await readRelease(tx, orderId);
  assertMayGoOut(orderId, release, customer);
}

export function reservedLine(r: ReservationEntity): ReservedLine {
  return { sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status };
}

/** What a long poll of inventory waits for (see ChangeFeed): news that may make the order's pick list possible. */
export const pickGateChanged = (orderId: string) => `pick-gate:${orderId}`;
