import { DomainError, type OrderStatus, type PaymentTerms } from '@ops/contracts';
import { refuseSelfApproval, refuseUnlessCanApprove } from '@ops/auth';
import { orderApproval, requiredApproval, type ApprovalLevel, type OrderApproval } from './approval-policy.js';
import type { CreditDecision } from './credit-policy.js';
import { orderDiscountAuthority, type DiscountAuthority } from './discount-policy.js';
import type { PriceListLine } from './price-list.js';

export interface OrderLine {
  lineNo: number;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
}

export interface OrderState {
  status: OrderStatus;
  paymentTerms: PaymentTerms;
  stockReserved: boolean;
  paid: boolean;
  /** Some goods have left in a partial shipment: the order can no longer be cancelled. */
  shippedInPart?: boolean;
}

export interface Transition {
  from: OrderStatus;
  to: OrderStatus;
  reason: string;
}

/**
 * The order's life (DESIGN §4). Events from inventory and finance travel on separate streams and can
 * arrive in either order, so the order keeps what it learned (reserved, paid) and moves as far as
 * the facts allow: payment before reservation waits in `approved`, a shipment settles `shipped`.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['pending_approval', 'approved', 'cancelled'],
  pending_approval: ['approved', 'rejected', 'cancelled'],
  approved: ['awaiting_payment', 'backordered', 'ready_to_ship', 'shipped', 'cancelled'],
  awaiting_payment: ['ready_to_ship', 'shipped', 'cancelled'],
  backordered: ['awaiting_payment', 'ready_to_ship', 'shipped', 'cancelled'],
  ready_to_ship: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['closed'],
  closed: [],
  cancelled: [],
  rejected: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

function move(state: OrderState, to: OrderStatus, reason: string): Transition {
  if (!canTransition(state.status, to)) {
    throw new DomainError('conflict', 'order-transition-refused', `An order that is ${state.status} cannot become ${to}`);
  }
  return { from: state.status, to, reason };
}

export interface NewOrderLine {
  sku: string;
  quantity: number;
  /** The price agreed with the customer; the list price when left out. */
  unitPriceFen?: number;
}

export interface PricedOrderLine extends OrderLine {
  listPriceFen: number;
  floorPriceFen: number;
  priceListNumber: string;
}

/**
 * Prices each line from the price list valid today (DESIGN §4.1). A SKU no approved list prices is not
 * something sales can sell, so it is refused by line; the discount a line grants decides who approves.
 */
export function priceLines(
  lines: NewOrderLine[],
  listPrice: (sku: string) => (PriceListLine & { priceListNumber: string }) | undefined,
): { lines: PricedOrderLine[]; totalFen: number; discount: DiscountAuthority } {
  const unpriced = lines.flatMap((line, i) => (listPrice(line.sku) ? [] : [{ field: `lines[${i}].sku`, message: `${line.sku} has no approved list price valid today` }]));
  if (unpriced.length) throw new DomainError('rule_violated', 'no-list-price', 'Some lines name a SKU without a valid list price', unpriced);
  const skus = new Set(lines.map((l) => l.sku));
  if (skus.size !== lines.length) throw new DomainError('invalid', 'duplicate-sku', 'Each SKU may appear on one line only; add the quantities together');
  const priced = lines.map((line, i) => {
    const list = listPrice(line.sku)!;
    const unitPriceFen = line.unitPriceFen ?? list.listPriceFen;
    return {
      lineNo: i + 1, sku: line.sku, quantity: line.quantity, unitPriceFen, lineTotalFen: line.quantity * unitPriceFen,
      listPriceFen: list.listPriceFen, floorPriceFen: list.floorPriceFen, priceListNumber: list.priceListNumber,
    };
  });
  const totalFen = priced.reduce((sum, line) => sum + line.lineTotalFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw new DomainError('invalid', 'order-total-too-large', 'The order total is too large to record');
  return { lines: priced, totalFen, discount: orderDiscountAuthority(priced) };
}

const DISCOUNT_REASON: Record<DiscountAuthority, string> = {
  none: '',
  sales_manager: 'a discount of up to 3% off the list price',
  sales_vp: 'a discount of more than 3% off the list price',
  general_manager: 'a price below the floor price',
};

/**
 * A recorded order is placed at once when no rule asks for approval, else it waits for the highest
 * level asked: by total (§4.2), by discount (§4.3) and by credit (§4.4). Credit refusals stop it here.
 */
export function submit(
  order: { totalFen: number; paymentTerms: PaymentTerms; discount?: DiscountAuthority },
  credit: CreditDecision = { kind: 'allowed' },
): { status: OrderStatus; approval: OrderApproval; transition: Transition } {
  if (credit.kind === 'refused') throw new DomainError('rule_violated', 'credit-refused', `The order cannot be taken: ${credit.reason}`, [{ field: 'paymentTerms', message: credit.reason }]);
  const byTotal = requiredApproval(order.totalFen);
  const discount = order.discount ?? 'none';
  const approval = orderApproval([
    { level: byTotal, reason: `the total needs ${byTotal.replace(/_/g, ' ')} approval` },
    { level: discount, reason: DISCOUNT_REASON[discount] },
    { level: credit.kind === 'needs_sales_vp' ? 'sales_vp' : 'none', reason: credit.kind === 'needs_sales_vp' ? credit.reason : '' },
  ]);
  const to: OrderStatus = approval.level === 'none' ? 'approved' : 'pending_approval';
  const reason = approval.level === 'none' ? 'no approval needed' : `needs ${approval.level.replace(/_/g, ' ')} approval: ${approval.reasons.join('; ')}`;
  return { status: to, approval, transition: { from: 'draft', to, reason } };
}

function next<S extends OrderState>(state: S, patch: Partial<OrderState>, transition?: Transition): { state: S; transition?: Transition } {
  return { state: { ...state, ...patch, ...(transition ? { status: transition.to } : {}) }, transition };
}

/** Inventory reserved every line. */
export function stockReserved<S extends OrderState>(state: S): { state: S; transition?: Transition } {
  if (state.stockReserved || !['approved', 'backordered'].includes(state.status)) return next(state, { stockReserved: true });
  const to: OrderStatus = state.paid || state.paymentTerms === 'credit' ? 'ready_to_ship' : 'awaiting_payment';
  return next(state, { stockReserved: true }, move(state, to, 'stock reserved'));
}

/** Inventory could not reserve the order: it waits in the shortage register. */
export function stockShort<S extends OrderState>(state: S): { state: S; transition?: Transition } {
  if (state.status !== 'approved') return next(state, {});
  return next(state, {}, move(state, 'backordered', 'stock short'));
}

/** Finance confirmed full payment. */
export function paymentConfirmed<S extends OrderState>(state: S): { state: S; transition?: Transition } {
  if (state.paid) return next(state, {});
  if (state.status === 'awaiting_payment') return next(state, { paid: true }, move(state, 'ready_to_ship', 'payment confirmed'));
  return next(state, { paid: true });
}

/**
 * Inventory shipped goods of the order: a fact, whatever this copy of the order had heard before. A
 * partial shipment leaves the order where it is (its lines count what left); the last one ships it.
 */
export function shipped<S extends OrderState>(state: S, complete = true): { state: S; transition?: Transition } {
  if (['shipped', 'delivered', 'closed'].includes(state.status)) return next(state, {});
  if (!complete) {
    if (state.status === 'cancelled') move(state, 'shipped', 'goods shipped'); // refused: cancelled orders ship nothing
    return next(state, { shippedInPart: true });
  }
  return next(state, { stockReserved: true, shippedInPart: true }, move(state, 'shipped', 'goods shipped'));
}

/**
 * The customer signed for the goods. Shipment and delivery reach sales through separate consumers, so
 * a delivery heard of before the shipment is refused here and retried by the consumer until it fits.
 */
export function delivered<S extends OrderState>(state: S): { state: S; transition?: Transition } {
  if (['delivered', 'closed'].includes(state.status)) return next(state, {});
  return next(state, {}, move(state, 'delivered', 'delivery receipt signed'));
}

/** A delivered order that is paid is done. */
export function closeIfSettled<S extends OrderState>(state: S): { state: S; transition?: Transition } {
  if (state.status !== 'delivered' || !state.paid) return next(state, {});
  return next(state, {}, move(state, 'closed', 'delivered and paid'));
}

/**
 * A pending order is approved by someone at its approval level or higher, never by its creator
 * (DESIGN §4.2, §9); approval places it.
 */
export function approve<S extends OrderState & { number: string; createdBy: string; approvalLevel: string }>(
  state: S,
  approver: { userId: string; roles: readonly string[] },
  customer: { onHold: boolean; holdReason: string | null } = { onHold: false, holdReason: null },
): { state: S; transition?: Transition } {
  // Supply may have been stopped while the order waited: a customer on credit hold gets no new order (DESIGN §4.4).
  if (customer.onHold) throw new DomainError('rule_violated', 'credit-refused', `The order cannot be approved: the customer is on credit hold (${customer.holdReason ?? 'supply stopped'})`);
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  refuseUnlessCanApprove(approver.roles, state.approvalLevel as ApprovalLevel, `Order ${state.number}`);
  return next(state, {}, move(state, 'approved', `approved by ${approver.userId}`));
}

export function reject<S extends OrderState & { number: string; createdBy: string; approvalLevel: string }>(
  state: S,
  approver: { userId: string; roles: readonly string[] },
  reason: string,
): { state: S; transition?: Transition } {
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  refuseUnlessCanApprove(approver.roles, state.approvalLevel as ApprovalLevel, `Order ${state.number}`);
  return next(state, {}, move(state, 'rejected', `rejected: ${reason}`));
}

/** Any order not yet shipped may be cancelled (DESIGN §4); once part of it has left, no longer. */
export function cancel<S extends OrderState>(state: S, reason: string): { state: S; transition?: Transition } {
  if (state.shippedInPart) throw new DomainError('conflict', 'order-shipped-in-part', 'Part of this order has shipped; it can no longer be cancelled (a return is the way back)');
  return next(state, {}, move(state, 'cancelled', `cancelled: ${reason}`));
}

/** Whether the others have heard of the order, and so must undo what they did for it. */
export function wasPlaced(status: OrderStatus): boolean {
  return !['draft', 'pending_approval', 'rejected'].includes(status);
}

/** Statuses in which a placed prepaid order still waits for its money. */
export const AWAITING_MONEY: readonly OrderStatus[] = ['approved', 'awaiting_payment', 'backordered'];

/**
 * A deposit holds the goods for a limited time (DESIGN §4.7, seed 002 制度10): a placed prepaid order
 * not fully paid within `days` expires and is cancelled, releasing its stock.
 */
export function paymentDeadlinePassed(order: { paymentTerms: PaymentTerms; paid: boolean; status: OrderStatus; placedAt: Date | null }, now: Date, days: number): boolean {
  if (order.paymentTerms !== 'prepaid' || order.paid || !order.placedAt || !AWAITING_MONEY.includes(order.status)) return false;
  return now.getTime() - order.placedAt.getTime() >= days * 24 * 60 * 60 * 1000;
}

export function expire<S extends OrderState>(state: S, days: number): { state: S; transition?: Transition } {
  return next(state, {}, move(state, 'cancelled', `expired: not paid within ${days} days`));
}

/**
 * The sales VP's written exception (DESIGN §4.4, §4.6): an order may go to the warehouse unpaid, or on
 * credit for a customer with an overdue credit sale. Once per order, before it ships, never by its creator.
 */
export function approveShippingException<S extends OrderState & { number: string; createdBy: string; shippingException: string | null }>(
  state: S,
  approver: { userId: string; roles: readonly string[] },
): void {
  if (!AWAITING_MONEY.includes(state.status) && state.status !== 'ready_to_ship') {
    throw new DomainError('conflict', 'order-not-waiting', `Order ${state.number} is ${state.status}; an exception is for a placed order not yet shipped`);
  }
  if (state.shippingException) throw new DomainError('conflict', 'exception-exists', `Order ${state.number} already has a shipping exception: ${state.shippingException}`);
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  refuseUnlessCanApprove(approver.roles, 'sales_vp', `A shipping exception for order ${state.number}`);
}
