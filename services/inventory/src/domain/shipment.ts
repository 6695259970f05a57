import { DomainError } from '@ops/contracts';

export interface ReservedLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
  status: 'reserved' | 'released' | 'shipped';
}

/**
 * No order goes out before money arrives (DESIGN §4.6): shipping needs the order released by
 * finance's payment confirmation, and stock reserved for it; what was reserved is what ships.
 */
export function planShipment(input: { orderId: string; released: boolean; reservations: ReservedLine[]; pieces: number }): ReservedLine[] {
  const open = input.reservations.filter((r) => r.status === 'reserved');
  if (input.reservations.length > 0 && open.length === 0 && input.reservations.some((r) => r.status === 'shipped')) {
    throw new DomainError('conflict', 'order-already-shipped', `Order ${input.orderId} has already shipped`);
  }
  if (open.length === 0) throw new DomainError('conflict', 'nothing-reserved', `Order ${input.orderId} has no reserved stock to ship`);
  if (!input.released) {
    throw new DomainError('rule_violated', 'order-not-released', `Order ${input.orderId} is not released for shipping: payment has not been confirmed`);
  }
  if (!Number.isInteger(input.pieces) || input.pieces < 1) throw new DomainError('invalid', 'pieces-required', 'A shipment needs a positive piece count', [{ field: 'pieces', message: 'must be a positive whole number' }]);
  return open;
}
