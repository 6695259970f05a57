import { DomainError, type FieldError } from '@ops/contracts';

export interface ReservedLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
  /** Of `quantity`, how much has left in earlier shipments. */
  shippedQuantity: number;
  status: 'reserved' | 'released' | 'shipped';
}

export interface OutboundLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
}

const remaining = (r: ReservedLine) => (r.status === 'reserved' ? r.quantity - r.shippedQuantity : 0);

/**
 * What a pick list takes (DESIGN §6: partial shipments allowed, tracked line by line): everything still
 * reserved and not shipped, or the part asked for, never more than is left of a line.
 */
export function planPick(orderId: string, reservations: ReservedLine[], asked?: Array<{ sku: string; quantity: number }>): OutboundLine[] {
  const open = reservations.filter((r) => remaining(r) > 0);
  if (open.length === 0) {
    if (reservations.some((r) => r.status === 'shipped')) throw new DomainError('conflict', 'order-already-shipped', `Order ${orderId} has shipped everything reserved for it`);
    // The reservation may still be on its way (payment and reservation come on separate streams), or the order is backordered.
    throw new DomainError('rule_violated', 'stock-not-reserved', `Order ${orderId} has no reserved stock to pick yet (reservation pending, or backordered)`);
  }
  if (!asked) return open.map((r) => ({ sku: r.sku, warehouseCode: r.warehouseCode, quantity: remaining(r) }));
  const problems: FieldError[] = [];
  const lines = asked.flatMap((a, i) => {
    const line = open.find((r) => r.sku === a.sku);
    if (!line) {
      problems.push({ field: `lines[${i}].sku`, message: `nothing of ${a.sku} is left to ship on this order` });
      return [];
    }
    if (a.quantity > remaining(line)) problems.push({ field: `lines[${i}].quantity`, message: `only ${remaining(line)} of ${a.sku} is left to ship` });
    return [{ sku: a.sku, warehouseCode: line.warehouseCode, quantity: a.quantity }];
  });
  if (new Set(asked.map((a) => a.sku)).size !== asked.length) problems.push({ field: 'lines', message: 'name each SKU once' });
  if (problems.length) throw new DomainError('rule_violated', 'more-than-reserved', `The pick list asks for more than order ${orderId} has left to ship`, problems);
  return lines;
}

/**
 * What ships is what the packed pick list holds (the release for picking is checked by release-policy);
 * the order is complete when nothing reserved is left to ship after it.
 */
export function planShipment(input: { orderId: string; pieces: number; reservations: ReservedLine[]; packed: OutboundLine[] }): { lines: OutboundLine[]; complete: boolean } {
  if (!Number.isInteger(input.pieces) || input.pieces < 1) throw new DomainError('invalid', 'pieces-required', 'A shipment needs a positive piece count', [{ field: 'pieces', message: 'must be a positive whole number' }]);
  for (const line of input.packed) {
    const r = input.reservations.find((x) => x.sku === line.sku && x.warehouseCode === line.warehouseCode);
    if (!r || remaining(r) < line.quantity) throw new DomainError('conflict', 'reservation-changed', `The reservation of ${line.sku} for order ${input.orderId} no longer covers the packed goods`);
  }
  const complete = input.reservations.every((r) => r.status !== 'reserved' || remaining(r) === (input.packed.find((l) => l.sku === r.sku && l.warehouseCode === r.warehouseCode)?.quantity ?? 0));
  return { lines: input.packed, complete };
}
