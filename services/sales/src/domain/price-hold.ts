import { DomainError, note, refuseSelfApproval, StateMachine, type BusinessDate, type Person, type Step } from '@ops/kernel';
import { SALES_LADDER } from './approval-policy.js';
import { discountAuthority, type DiscountAuthority } from './discount-policy.js';
import type { PriceListLine } from './price-list.js';

/**
 * Price holds (定金锁价, domain.md "Promotions and price holds"): a deposit holds the agreed price only until the agreed
 * signing or payment date (`holdUntil`, a business date, included); after it the current price applies, unless a
 * sales manager or above — never whoever recorded the hold — re-approves it with a new date. A hold serves one
 * order: the first order of its customer that references it while it is honoured uses it up. An order that
 * references it after `holdUntil` is priced at the current price and leaves the hold as it was.
 */
export type PriceHoldStatus = 'active' | 'used' | 'cancelled';

export const PRICE_HOLD = new StateMachine<PriceHoldStatus>('price hold', { active: ['used', 'cancelled'], used: [], cancelled: [] });

/** An agreed line, with the list and floor prices of the day it was agreed: the agreed price's discount is measured against them. */
export interface PriceHoldLine {
  sku: string;
  agreedUnitPriceFen: number;
  listPriceFen: number;
  floorPriceFen: number;
}

export interface PriceHoldReapproval {
  by: string;
  at: string;
  reason: string;
  previousHoldUntil: BusinessDate;
  holdUntil: BusinessDate;
}

export interface PriceHold {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: PriceHoldStatus;
  lines: PriceHoldLine[];
  holdUntil: BusinessDate;
  depositFen: number;
  depositReference: string;
  createdBy: string;
  createdAt: Date;
  reapprovals: PriceHoldReapproval[];
  usedByOrderId: string | null;
  usedByOrderNumber: string | null;
  usedAt: Date | null;
}

export type NewPriceHold = Omit<PriceHold, 'status' | 'lines' | 'reapprovals' | 'usedByOrderId' | 'usedByOrderNumber' | 'usedAt'>;

/** Records a hold: agreed lines on SKUs priced today, a deposit, and a date not in the past. */
export function recordPriceHold(
  hold: NewPriceHold,
  agreed: ReadonlyArray<{ sku: string; agreedUnitPriceFen: number }>,
  prices: ReadonlyMap<string, PriceListLine>,
  today: BusinessDate,
): Step<PriceHold> {
  const errors: Array<{ field: string; message: string }> = [];
  if (hold.holdUntil < today) errors.push({ field: 'holdUntil', message: `must not be before today (${today})` });
  if (hold.depositFen <= 0) errors.push({ field: 'depositFen', message: 'a hold is secured by a deposit' });
  const seen = new Set<string>();
  agreed.forEach((l, i) => {
    if (seen.has(l.sku)) errors.push({ field: `lines[${i}].sku`, message: 'appears on an earlier line' });
    seen.add(l.sku);
  });
  if (errors.length) throw new DomainError('invalid', 'price-hold-invalid', 'The price hold is not consistent', errors);
  const unpriced = agreed.flatMap((l, i) => (prices.has(l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `${l.sku} has no approved list price valid today` }]));
  if (unpriced.length) throw new DomainError('rule_violated', 'no-list-price', 'Some lines name a SKU without a valid list price', unpriced);
  const lines = agreed.map((l) => ({ sku: l.sku, agreedUnitPriceFen: l.agreedUnitPriceFen, listPriceFen: prices.get(l.sku)!.listPriceFen, floorPriceFen: prices.get(l.sku)!.floorPriceFen }));
  const state: PriceHold = { ...hold, status: 'active', lines, reapprovals: [], usedByOrderId: null, usedByOrderNumber: null, usedAt: null };
  return { state, transitions: [{ from: 'new', to: 'active', reason: `deposit ${hold.depositFen} fen (${hold.depositReference}) holds the agreed prices until ${hold.holdUntil}` }], events: [] };
}

/** Whether the hold's prices are honoured on a business date: active and on or before `holdUntil`. */
export function honouredOn(hold: Pick<PriceHold, 'status' | 'holdUntil'>, on: BusinessDate): boolean {
  return hold.status === 'active' && on <= hold.holdUntil;
}

/** The status a person sees: `expired` is an active hold past its date (not stored: a re-approval brings it back). */
export function shownStatus(hold: Pick<PriceHold, 'status' | 'holdUntil'>, today: BusinessDate): PriceHoldStatus | 'expired' {
  return hold.status === 'active' && today > hold.holdUntil ? 'expired' : hold.status;
}

/**
 * What a hold means for an order of `customerId` placed on `on`: honoured (its lines price the order and the order
 * uses it up), or expired (the current price applies; the order says why). Another customer's hold, or one used or
 * cancelled, is refused.
 */
export function holdForOrder(hold: PriceHold, customerId: string, on: BusinessDate): { honoured: boolean; note: string } {
  if (hold.customerId !== customerId) {
    throw new DomainError('rule_violated', 'price-hold-other-customer', `Price hold ${hold.number} is ${hold.customerName}'s`, [{ field: 'priceHoldId', message: 'belongs to another customer' }]);
  }
  if (hold.status === 'used') throw new DomainError('conflict', 'price-hold-used', `Price hold ${hold.number} was used by order ${hold.usedByOrderNumber ?? hold.usedByOrderId}`);
  if (hold.status === 'cancelled') throw new DomainError('conflict', 'price-hold-cancelled', `Price hold ${hold.number} was cancelled`);
  if (honouredOn(hold, on)) return { honoured: true, note: `price hold ${hold.number}: agreed price held until ${hold.holdUntil}` };
  return { honoured: false, note: `price hold ${hold.number} expired on ${hold.holdUntil}: the current price applies` };
}

/** The authority the agreed price itself needs, measured against the list and floor of the day it was agreed (§4.3). */
export function agreedPriceAuthority(line: PriceHoldLine, on?: BusinessDate): DiscountAuthority {
  return discountAuthority({ listPriceFen: line.listPriceFen, floorPriceFen: line.floorPriceFen, unitPriceFen: line.agreedUnitPriceFen }, on);
}

/** The order that honoured the hold uses it up. */
export function useHold<H extends PriceHold>(hold: H, order: { id: string; number: string }, at: Date): Step<H> {
  const t = PRICE_HOLD.move(hold.status, 'used', `used by order ${order.number}`, `Price hold ${hold.number}`);
  return { state: { ...hold, status: 'used' as const, usedByOrderId: order.id, usedByOrderNumber: order.number, usedAt: at }, transitions: [t], events: [] };
}

/**
 * A sales manager or above re-approves the old prices to a new date (recorded with who, when and why); never the
 * person who recorded the hold. Only an active hold (expired or not) can be re-approved.
 */
export function reapproveHold<H extends PriceHold>(hold: H, approver: Person, holdUntil: BusinessDate, reason: string, today: BusinessDate, at: Date): Step<H> {
  refuseSelfApproval({ kind: 'price hold', number: hold.number, createdBy: hold.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, 'sales_manager', `Re-approving price hold ${hold.number}`);
  if (hold.status !== 'active') throw new DomainError('conflict', 'price-hold-transition-refused', `Price hold ${hold.number} is ${hold.status}; only an active hold can be re-approved`);
  if (holdUntil < today) throw new DomainError('invalid', 'price-hold-invalid', 'The new date is in the past', [{ field: 'holdUntil', message: `must not be before today (${today})` }]);
  const entry: PriceHoldReapproval = { by: approver.userId, at: at.toISOString(), reason, previousHoldUntil: hold.holdUntil, holdUntil };
  return {
    state: { ...hold, holdUntil, reapprovals: [...hold.reapprovals, entry] },
    transitions: [note(hold.status, `re-approved by ${approver.userId} until ${holdUntil} (was ${hold.holdUntil}): ${reason}`)],
    events: [],
  };
}

export function cancelHold<H extends PriceHold>(hold: H, by: string, reason: string): Step<H> {
  const t = PRICE_HOLD.move(hold.status, 'cancelled', `cancelled by ${by}: ${reason}`, `Price hold ${hold.number}`);
  return { state: { ...hold, status: 'cancelled' as const }, transitions: [t], events: [] };
}
