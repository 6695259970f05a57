import { DomainError, StateMachine, type FieldError, type Step } from '@ops/kernel';
import { assertMayGoOut, type CustomerStanding, type Release } from './release-policy.js';
import { stillHeld, type Reservation } from './reservation.js';

/** What the outbound rules read of an order's reservations. */
export type ReservedLine = Omit<Reservation, 'orderId'>;

export interface OutboundLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
}

const remaining = stillHeld;

/** What decides whether a pick list may be made for an order now. */
export interface PickGate {
  orderId: string;
  release: Release | null;
  customer: CustomerStanding;
  reservations: ReservedLine[];
  /** Another pick list of the order is open (not yet shipped). */
  pickListInProgress: boolean;
}

/**
 * The lines of a new pick list, or the refusal: released (paid, on credit, or by exception, and the
 * customer not on hold), no other pick list in progress, then what is still reserved (or the part asked).
 */
export function assertPickable(gate: PickGate, asked?: Array<{ sku: string; quantity: number }>): OutboundLine[] {
  assertMayGoOut(gate.orderId, gate.release, gate.customer);
  if (gate.pickListInProgress) throw new DomainError('conflict', 'pick-list-exists', `Order ${gate.orderId} already has a pick list in progress`);
  return planPick(gate.orderId, gate.reservations, asked);
}

export type PickReadiness = { ready: true; lines: OutboundLine[] } | { ready: false; blockedBy: string; detail: string };

/** As `assertPickable`, as an answer instead of a refusal: what a client waits on instead of retrying. */
export function pickReadiness(gate: PickGate): PickReadiness {
  try {
    return { ready: true, lines: assertPickable(gate) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ready: false, blockedBy: error.code, detail: error.message };
  }
}

/**
 * What a pick list takes (domain.md §6: partial shipments allowed, tracked line by line): everything still
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

/** A shipment left with the carrier; it is delivered once the customer signs the delivery receipt (domain.md §4.11). */
export type ShipmentStatus = 'shipped' | 'delivered';

export const SHIPMENT = new StateMachine<ShipmentStatus>('shipment', { shipped: ['delivered'], delivered: [] });

export interface Shipment {
  id: string;
  number: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  pieces: number;
  lines: OutboundLine[];
  shippedBy: string;
  shippedAt: Date;
  deliverySignedBy: string | null;
  deliveredAt: Date | null;
  pickListId: string | null;
  status: ShipmentStatus;
}

export interface PackedList {
  id: string;
  number: string;
  pieces: number | null;
  lines: OutboundLine[];
}

export interface Dispatch {
  id: string;
  number: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  pieces: number;
  shippedBy: string;
  shippedAt: Date;
  /** The order's reservations, as locked. */
  reservations: ReservedLine[];
  /** The order's packed pick list, if it has one. */
  packed: PackedList | null;
}

/**
 * What would leave, or the refusal: the packed pick list, in the pieces it was packed into, must match the
 * order's reservations. `dispatch` asks the same; asked alone it refuses before a shipment number is drawn.
 */
export function shippable(d: Pick<Dispatch, 'orderId' | 'pieces' | 'reservations' | 'packed'>): { packed: PackedList; lines: ReturnType<typeof planShipment>['lines']; complete: boolean } {
  if (!d.packed) {
    if (d.reservations.length > 0 && d.reservations.every((r) => r.status !== 'reserved')) throw new DomainError('conflict', 'order-already-shipped', `Order ${d.orderId} has nothing left to ship`);
    throw new DomainError('rule_violated', 'not-packed', `Order ${d.orderId} has no packed pick list: pick, verify and pack it first`);
  }
  const { lines, complete } = planShipment({ orderId: d.orderId, pieces: d.pieces, reservations: d.reservations, packed: d.packed.lines });
  if (d.packed.pieces !== d.pieces) {
    throw new DomainError('rule_violated', 'pieces-differ', `Pick list ${d.packed.number} was packed into ${d.packed.pieces} pieces, not ${d.pieces}`, [{ field: 'pieces', message: `must be ${d.packed.pieces}, as packed` }]);
  }
  return { packed: d.packed, lines, complete };
}

/**
 * Goods leave with the carrier: what leaves is the packed pick list, in the pieces it was packed into.
 * Sales counts the lines and hears whether the order is complete, finance invoices, security expects
 * the pieces at the gate.
 */
export function dispatch(d: Dispatch): Step<Shipment> & { complete: boolean } {
  const { packed, lines, complete } = shippable(d);
  const state: Shipment = {
    id: d.id, number: d.number, orderId: d.orderId, carrier: d.carrier, trackingNumber: d.trackingNumber, pieces: d.pieces,
    lines: lines.map(({ sku, warehouseCode, quantity }) => ({ sku, warehouseCode, quantity })), shippedBy: d.shippedBy, shippedAt: d.shippedAt,
    deliverySignedBy: null, deliveredAt: null, pickListId: packed.id, status: 'shipped',
  };
  return {
    state,
    transitions: [{ from: 'new', to: 'shipped', reason: `${d.carrier} ${d.trackingNumber}, ${d.pieces} pieces${complete ? '' : ', part of the order'}` }],
    events: [{
      type: 'inventory.goods.shipped',
      data: {
        shipmentId: d.id, shipmentNumber: d.number, orderId: d.orderId, carrier: d.carrier, trackingNumber: d.trackingNumber, pieces: d.pieces,
        shippedAt: d.shippedAt.toISOString(), lines: state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), complete,
      },
    }],
    complete,
  };
}

/** The customer signed the delivery receipt: once, and not before the goods left. */
export function confirmDelivery<S extends Shipment>(shipment: S, signedBy: string, signedAt: Date): Step<S> {
  if (shipment.deliveredAt) throw new DomainError('conflict', 'already-delivered', `Shipment ${shipment.number} was signed for by ${shipment.deliverySignedBy} at ${shipment.deliveredAt.toISOString()}`);
  if (signedAt.getTime() < shipment.shippedAt.getTime()) {
    throw new DomainError('invalid', 'signed-before-shipping', 'The delivery receipt cannot be signed before the goods shipped', [{ field: 'signedAt', message: 'is before the shipment left' }]);
  }
  return {
    state: { ...shipment, status: 'delivered', deliverySignedBy: signedBy, deliveredAt: signedAt },
    transitions: [SHIPMENT.move(shipment.status, 'delivered', `delivery receipt signed by ${signedBy}`)],
    events: [{ type: 'inventory.delivery.confirmed', data: { shipmentId: shipment.id, orderId: shipment.orderId, signedBy, signedAt: signedAt.toISOString() } }],
  };
}
