import { basisPointsOf, DomainError, refuseSelfApproval, StateMachine, type BusinessDate, type DomainEvent, type Person, type Step } from '@ops/kernel';
import { SALES_LADDER, type ApprovalLevel, type SalesLevel } from './approval-policy.js';
import { discountAuthority } from './discount-policy.js';
import type { PriceListLine } from './price-list.js';

/**
 * Promotions (促销, domain.md "Promotions and price holds"): a promotional unit price or a percentage off on one or
 * more listed SKUs, for an inclusive window of business dates (Asia/Shanghai calendar): `startsOn` to `endsOn`,
 * both days included. Drafted by an e-commerce operator or sales staff; approved within the discount authority of
 * §4.3, measured against the price list in force on the window's first day (the same `discountAuthority` as an
 * order line: up to 3% a sales manager, above 3% the sales VP, below the floor the general manager); never by
 * its creator. An approved promotion prices the lines of orders placed in its window.
 */
export type PromotionStatus = 'draft' | 'approved' | 'rejected' | 'ended' | 'cancelled';
export type PromotionKind = 'price' | 'percent';

export const PROMOTION = new StateMachine<PromotionStatus>('promotion', {
  draft: ['approved', 'rejected'],
  approved: ['ended', 'cancelled'],
  rejected: [],
  ended: [],
  cancelled: [],
});

/** One SKU of a promotion: its list and floor prices when it was drafted and the promoted price then. */
export interface PromotionLine {
  sku: string;
  listPriceFen: number;
  floorPriceFen: number;
  promoPriceFen: number;
  level: ApprovalLevel;
}

export interface Promotion {
  id: string;
  code: string;
  name: string;
  status: PromotionStatus;
  kind: PromotionKind;
  /** kind `price`: the promotional unit price of every SKU. */
  promoPriceFen: number | null;
  /** kind `percent`: basis points off the list price (1000 = 10%). */
  percentOffBasisPoints: number | null;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  skus: string[];
  lines: PromotionLine[];
  /** Who must approve: the deepest line's level (§4.3). */
  requiredLevel: SalesLevel;
  createdBy: string;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface PromotionTerms {
  kind: PromotionKind;
  promoPriceFen?: number | null;
  percentOffBasisPoints?: number | null;
}

/** The promoted unit price of a SKU listed at `listPriceFen`; a promotion never raises a price. */
export function promotedPrice(terms: PromotionTerms, listPriceFen: number): number {
  const price = terms.kind === 'price' ? terms.promoPriceFen! : listPriceFen - basisPointsOf(listPriceFen, terms.percentOffBasisPoints!);
  return Math.min(price, listPriceFen);
}

/** Whether the window (both days included) covers a business date. */
export function inWindow(p: Pick<Promotion, 'startsOn' | 'endsOn'>, on: BusinessDate): boolean {
  return p.startsOn <= on && on <= p.endsOn;
}

/** An approved promotion prices orders placed on a date of its window; outside it, or in any other status, nothing. */
export function appliesOn(p: Pick<Promotion, 'status' | 'startsOn' | 'endsOn'>, on: BusinessDate): boolean {
  return p.status === 'approved' && inWindow(p, on);
}

const LEVEL_WORDS: Record<SalesLevel, string> = { sales_manager: 'a sales manager', sales_vp: 'the sales VP', general_manager: 'the general manager' };

export type NewPromotion = Omit<Promotion, 'status' | 'lines' | 'requiredLevel' | 'decidedBy' | 'decidedAt' | 'decisionNote'>;

/**
 * Drafts a promotion: the window must not end before it starts nor already be over, each SKU needs a listing and a
 * list price on the first day, and the promotion must lower the price of every SKU. The depth sets the level.
 */
export function draftPromotion(p: NewPromotion, prices: ReadonlyMap<string, PriceListLine>, listed: ReadonlySet<string>, today: BusinessDate): Step<Promotion> {
  const errors: Array<{ field: string; message: string }> = [];
  if (p.endsOn < p.startsOn) errors.push({ field: 'endsOn', message: 'must not be before startsOn' });
  else if (p.endsOn < today) errors.push({ field: 'endsOn', message: `the window is over (today is ${today})` });
  if (p.kind === 'price' && (p.promoPriceFen === null || p.promoPriceFen === undefined)) errors.push({ field: 'promoPriceFen', message: 'is required for a promotional price' });
  if (p.kind === 'percent' && !p.percentOffBasisPoints) errors.push({ field: 'percentOff', message: 'is required for a percentage off' });
  if (new Set(p.skus).size !== p.skus.length) errors.push({ field: 'skus', message: 'names a SKU twice' });
  if (errors.length) throw new DomainError('invalid', 'promotion-invalid', 'The promotion is not consistent', errors);
  const unlisted = p.skus.flatMap((sku, i) => (listed.has(sku) ? [] : [{ field: `skus[${i}]`, message: `${sku} has no listing` }]));
  if (unlisted.length) throw new DomainError('rule_violated', 'sku-not-listed', 'A promotion is for listed SKUs only', unlisted);
  const unpriced = p.skus.flatMap((sku, i) => (prices.has(sku) ? [] : [{ field: `skus[${i}]`, message: `${sku} has no approved list price on ${p.startsOn}` }]));
  if (unpriced.length) throw new DomainError('rule_violated', 'no-list-price', 'Some SKUs have no list price on the first day of the promotion', unpriced);
  const lines: PromotionLine[] = p.skus.map((sku) => {
    const list = prices.get(sku)!;
    const promoPriceFen = promotedPrice(p, list.listPriceFen);
    return { sku, listPriceFen: list.listPriceFen, floorPriceFen: list.floorPriceFen, promoPriceFen, level: discountAuthority({ ...list, unitPriceFen: promoPriceFen }, p.startsOn) };
  });
  const notLower = lines.flatMap((l, i) => (l.promoPriceFen < l.listPriceFen ? [] : [{ field: p.kind === 'price' ? 'promoPriceFen' : `skus[${i}]`, message: `${l.sku} is listed at ${l.listPriceFen} fen; the promotion does not lower it` }]));
  if (notLower.length) throw new DomainError('rule_violated', 'promotion-not-lower', 'A promotion must lower the price of each of its SKUs', notLower);
  const requiredLevel = lines.reduce<ApprovalLevel>((level, l) => SALES_LADDER.higher(level, l.level), 'none') as SalesLevel;
  const state: Promotion = { ...p, status: 'draft', lines, requiredLevel, decidedBy: null, decidedAt: null, decisionNote: null };
  return { state, transitions: [{ from: 'new', to: 'draft', reason: `drafted by ${p.createdBy}; needs ${LEVEL_WORDS[requiredLevel]} or higher` }], events: [] };
}

function promotionEventData(p: Promotion) {
  return {
    promotionId: p.id, code: p.code, name: p.name, kind: p.kind, startsOn: p.startsOn, endsOn: p.endsOn,
    lines: p.lines.map((l) => ({ sku: l.sku, listPriceFen: l.listPriceFen, promoPriceFen: l.promoPriceFen })),
    ...(p.percentOffBasisPoints ? { percentOffBasisPoints: p.percentOffBasisPoints } : {}),
  };
}

/**
 * Approved within the discount authority (§4.3): an approver below the level gets 403 `approval-level` naming who may;
 * the creator never (403 `self-approval`). Storefronts hear `sales.promotion.approved`.
 */
export function approvePromotion<P extends Promotion>(p: P, approver: Person, at: Date, note: string | null = null): Step<P> {
  refuseSelfApproval({ kind: 'promotion', number: p.code, createdBy: p.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, p.requiredLevel, `Promotion ${p.code}`);
  const t = PROMOTION.move(p.status, 'approved', `approved by ${approver.userId}${note ? `: ${note}` : ''}`, `Promotion ${p.code}`);
  const state = { ...p, status: 'approved' as const, decidedBy: approver.userId, decidedAt: at, decisionNote: note };
  const event: DomainEvent = { type: 'sales.promotion.approved', data: { ...promotionEventData(state), approvedBy: approver.userId, approvedAt: at.toISOString() } };
  return { state, transitions: [t], events: [event] };
}

export function rejectPromotion<P extends Promotion>(p: P, approver: Person, reason: string, at: Date): Step<P> {
  refuseSelfApproval({ kind: 'promotion', number: p.code, createdBy: p.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, p.requiredLevel, `Promotion ${p.code}`);
  const t = PROMOTION.move(p.status, 'rejected', `rejected by ${approver.userId}: ${reason}`, `Promotion ${p.code}`);
  return { state: { ...p, status: 'rejected' as const, decidedBy: approver.userId, decidedAt: at, decisionNote: reason }, transitions: [t], events: [] };
}

/**
 * An approved promotion stops: `ended` once its window has begun (it no longer prices orders from now on), `cancelled`
 * before its first day. Either way storefronts hear `sales.promotion.ended` with the reason. A promotion whose window
 * simply runs out stays `approved` and applies to nothing (storefronts know its `endsOn`).
 */
export function stopPromotion<P extends Promotion>(p: P, by: string, reason: string, today: BusinessDate, at: Date): Step<P> {
  const to: PromotionStatus = today < p.startsOn ? 'cancelled' : 'ended';
  const t = PROMOTION.move(p.status, to, `${to} by ${by}: ${reason}`, `Promotion ${p.code}`);
  const event: DomainEvent = { type: 'sales.promotion.ended', data: { promotionId: p.id, code: p.code, skus: p.skus, outcome: to, reason, endedOn: today, endedBy: by, endedAt: at.toISOString() } };
  return { state: { ...p, status: to }, transitions: [t], events: [event] };
}

/** What an order line gets from the promotions in force: the lowest promoted price of its SKU, or none. */
export interface PromotionOffer {
  promotionId: string;
  code: string;
  priceFen: number;
}

export function bestPromotion(
  promotions: ReadonlyArray<Pick<Promotion, 'id' | 'code' | 'status' | 'startsOn' | 'endsOn' | 'skus' | 'kind' | 'promoPriceFen' | 'percentOffBasisPoints'>>,
  sku: string,
  listPriceFen: number,
  on: BusinessDate,
): PromotionOffer | undefined {
  return promotions
    .filter((p) => appliesOn(p, on) && p.skus.includes(sku))
    .map((p) => ({ promotionId: p.id, code: p.code, priceFen: promotedPrice(p, listPriceFen) }))
    .filter((o) => o.priceFen < listPriceFen)
    .sort((a, b) => a.priceFen - b.priceFen || a.code.localeCompare(b.code))[0];
}
