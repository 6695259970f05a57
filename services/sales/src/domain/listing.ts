import { DomainError, note, StateMachine, type DomainEvent, type Step, type Transition } from '@ops/kernel';

/**
 * The online catalogue (domain.md, online catalogue): one listing per SKU. An e-commerce operator drafts it and sends
 * it for review; someone other than its author and submitter approves it, which publishes it, or rejects it back to
 * draft with a reason. A published listing is unlisted and listed again, its price changed without a new review.
 * What is on sale is the lesser of the quantity offered and the stock inventory reports available; nothing on sale is
 * sold out. Each change of a published listing is an event storefronts follow.
 */

export type ListingStatus = 'draft' | 'in_review' | 'published' | 'unlisted';
export const LISTING = new StateMachine<ListingStatus>('listing', {
  draft: ['in_review'],
  in_review: ['published', 'draft'],
  published: ['unlisted'],
  unlisted: ['published'],
});

export interface ListingSpec {
  name: string;
  value: string;
}

export interface Listing {
  id: string;
  sku: string;
  status: ListingStatus;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  specs: ListingSpec[];
  priceFen: number;
  quantityOffered: number;
  /** Inventory's last report; null until it reported. */
  availableQuantity: number | null;
  /** The sequence of that report: older ones are ignored. */
  availabilitySequence: number;
  quantityOnSale: number;
  soldOut: boolean;
  categoryCode: string;
  images: string[];
  createdBy: string;
  createdAt: Date;
  submittedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectReason: string | null;
  publishedAt: Date | null;
}

/** The fields a draft is written with and edited. */
export type ListingContent = Pick<Listing, 'titleZh' | 'titleEn' | 'descriptionZh' | 'descriptionEn' | 'specs' | 'priceFen' | 'quantityOffered' | 'categoryCode' | 'images'>;
export const CONTENT_FIELDS: ReadonlyArray<keyof ListingContent> = ['titleZh', 'titleEn', 'descriptionZh', 'descriptionEn', 'specs', 'priceFen', 'quantityOffered', 'categoryCode', 'images'];

/** The fields kept in a listing's history (each change: who, when, before, after). */
export const TRACKED_FIELDS: ReadonlyArray<keyof Listing> = ['status', ...CONTENT_FIELDS, 'quantityOnSale', 'soldOut', 'rejectReason'];

/** The floor price of the SKU on the price list in force, when one prices it. */
export interface PriceFloor {
  floorPriceFen: number;
  priceListNumber: string;
}

/** Refuses a price below the floor of the price list in force (422 `below-floor-price`); any price when no list prices the SKU. */
export function checkPrice(sku: string, priceFen: number, floor: PriceFloor | null): void {
  if (floor && priceFen < floor.floorPriceFen) {
    throw new DomainError('rule_violated', 'below-floor-price', `${sku} may not sell below ${floor.floorPriceFen} fen (the floor on ${floor.priceListNumber}); ${priceFen} asked`, [
      { field: 'priceFen', message: `must be at least ${floor.floorPriceFen} (the floor on ${floor.priceListNumber})` },
    ]);
  }
}

/** min(offered, available), 0 while the stock is unknown. */
export function onSale(l: Pick<Listing, 'quantityOffered' | 'availableQuantity'>): number {
  return l.availableQuantity === null ? 0 : Math.max(0, Math.min(l.quantityOffered, l.availableQuantity));
}

/** Sold out: inventory has reported, and nothing is on sale (no stock, or none offered). */
function withSale<L extends Listing>(l: L): L {
  return { ...l, quantityOnSale: onSale(l), soldOut: l.availableQuantity !== null && onSale(l) === 0 };
}

export function draftListing(l: Pick<Listing, 'id' | 'sku' | 'createdBy' | 'createdAt'> & ListingContent, floor: PriceFloor | null): Step<Listing> {
  checkPrice(l.sku, l.priceFen, floor);
  const state = withSale({
    ...l, status: 'draft' as const, availableQuantity: null, availabilitySequence: 0, quantityOnSale: 0, soldOut: false,
    submittedBy: null, reviewedBy: null, reviewedAt: null, rejectReason: null, publishedAt: null,
  });
  return { state, transitions: [{ from: 'new', to: 'draft', reason: `Drafted by ${l.createdBy}` }], events: [] };
}

/** A draft's fields, the ones given; only a draft is edited (409 otherwise). */
export function editListing<L extends Listing>(l: L, changes: Partial<ListingContent>, by: string, floor: PriceFloor | null): Step<L> {
  if (l.status !== 'draft') throw new DomainError('conflict', 'listing-transition-refused', `A listing that is ${l.status.replace(/_/g, ' ')} cannot be edited: only a draft (its price and quantity are changed on their own)`);
  const given = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && CONTENT_FIELDS.includes(k as keyof ListingContent))) as Partial<ListingContent>;
  const state = withSale({ ...l, ...given });
  if (given.priceFen !== undefined) checkPrice(l.sku, state.priceFen, floor);
  return { state, transitions: [note(l.status, `Edited by ${by}: ${Object.keys(given).join(', ') || 'nothing'}`)], events: [] };
}

export function submitListing<L extends Listing>(l: L, by: string): Step<L> {
  const t = LISTING.move(l.status, 'in_review', `Sent for review by ${by}`, 'A listing');
  return { state: { ...l, status: 'in_review' as const, submittedBy: by, rejectReason: null }, transitions: [t], events: [] };
}

function ownReview(l: Listing, by: string): void {
  if (by === l.createdBy || by === l.submittedBy) {
    throw new DomainError('forbidden', 'listing-own-review', `${by} ${by === l.createdBy ? 'wrote' : 'submitted'} the listing of ${l.sku}: someone else reviews it`);
  }
}

function published(l: Listing, by: string, at: Date): DomainEvent {
  return {
    type: 'sales.listing.published',
    data: { listingId: l.id, sku: l.sku, titleZh: l.titleZh, titleEn: l.titleEn, categoryCode: l.categoryCode, priceFen: l.priceFen, quantityOffered: l.quantityOffered, by, at: at.toISOString() },
  };
}

/** Someone other than the author and submitter approves: the listing is published (403 `listing-own-review`). */
export function approveListing<L extends Listing>(l: L, by: string, at: Date, floor: PriceFloor | null): Step<L> {
  if (l.status === 'in_review') ownReview(l, by);
  const t = LISTING.move(l.status, 'published', `Approved and published by ${by}`, 'A listing');
  checkPrice(l.sku, l.priceFen, floor);
  const state = withSale({ ...l, status: 'published' as const, reviewedBy: by, reviewedAt: at, publishedAt: at, rejectReason: null });
  return { state, transitions: [t], events: [published(state, by, at)] };
}

export function rejectListing<L extends Listing>(l: L, by: string, reason: string, at: Date): Step<L> {
  if (l.status === 'in_review') ownReview(l, by);
  const t = LISTING.move(l.status, 'draft', `Rejected by ${by}: ${reason}`, 'A listing');
  return { state: { ...l, status: 'draft' as const, reviewedBy: by, reviewedAt: at, rejectReason: reason }, transitions: [t], events: [] };
}

/** An unlisted listing on sale again; it was reviewed before (its content cannot have changed since). */
export function relist<L extends Listing>(l: L, by: string, at: Date, floor: PriceFloor | null): Step<L> {
  const t = LISTING.move(l.status, 'published', `Listed again by ${by}`, 'A listing');
  checkPrice(l.sku, l.priceFen, floor);
  const state = withSale({ ...l, status: 'published' as const, publishedAt: at });
  return { state, transitions: [t], events: [published(state, by, at)] };
}

export function unlist<L extends Listing>(l: L, by: string, at: Date): Step<L> {
  const t = LISTING.move(l.status, 'unlisted', `Unlisted by ${by}`, 'A listing');
  return { state: { ...l, status: 'unlisted' as const }, transitions: [t], events: [{ type: 'sales.listing.unlisted', data: { listingId: l.id, sku: l.sku, by, at: at.toISOString() } }] };
}

/** The price of a published or unlisted listing, without a new review; the same price again changes nothing. */
export function changePrice<L extends Listing>(l: L, priceFen: number, by: string, at: Date, floor: PriceFloor | null): Step<L> {
  if (l.status !== 'published' && l.status !== 'unlisted') {
    throw new DomainError('conflict', 'listing-transition-refused', `A listing that is ${l.status.replace(/_/g, ' ')} has its price edited with the draft`);
  }
  if (priceFen === l.priceFen) return { state: l, transitions: [], events: [] };
  checkPrice(l.sku, priceFen, floor);
  return {
    state: { ...l, priceFen },
    transitions: [note(l.status, `Price ${l.priceFen} → ${priceFen} fen by ${by}`)],
    events: [{ type: 'sales.listing.price-changed', data: { listingId: l.id, sku: l.sku, before: l.priceFen, after: priceFen, by, at: at.toISOString() } }],
  };
}

function changedEvent(before: Listing, after: Listing, by: string, at: Date): DomainEvent[] {
  if (after.status !== 'published') return [];
  const fields = (['quantityOffered', 'quantityOnSale', 'soldOut'] as const).filter((f) => before[f] !== after[f]);
  if (!fields.length) return [];
  return [{
    type: 'sales.listing.changed',
    data: { listingId: after.id, sku: after.sku, fields, quantityOffered: after.quantityOffered, quantityOnSale: after.quantityOnSale, soldOut: after.soldOut, by, at: at.toISOString() },
  }];
}

/** The quantity offered, in any state but review; a published listing tells the storefronts. */
export function setQuantityOffered<L extends Listing>(l: L, quantityOffered: number, by: string, at: Date): Step<L> {
  if (l.status === 'in_review') throw new DomainError('conflict', 'listing-transition-refused', 'A listing in review cannot change: reject it back to draft first');
  if (quantityOffered === l.quantityOffered) return { state: l, transitions: [], events: [] };
  const state = withSale({ ...l, quantityOffered });
  return { state, transitions: [note(l.status, `Quantity offered ${l.quantityOffered} → ${quantityOffered} by ${by}`)], events: changedEvent(l, state, by, at) };
}

/**
 * Inventory's report of the SKU's available stock. A report older than (or as old as) the last one kept changes
 * nothing, so a repeat or a late one is harmless.
 */
export function stockReported<L extends Listing>(l: L, availableQuantity: number, sequence: number, by: string, at: Date): Step<L> {
  if (sequence <= l.availabilitySequence) return { state: l, transitions: [], events: [] };
  const state = withSale({ ...l, availableQuantity, availabilitySequence: sequence });
  const transitions: Transition[] = [];
  if (state.soldOut !== l.soldOut && l.availableQuantity !== null) transitions.push(note(l.status, state.soldOut ? 'Sold out' : 'Back in stock'));
  return { state, transitions, events: changedEvent(l, state, by, at) };
}

/** What changed between two states of a listing, field by field, for its history. */
export function listingChanges(before: Listing, after: Listing): Array<{ field: string; before: unknown; after: unknown }> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return TRACKED_FIELDS.filter((f) => !same(before[f], after[f])).map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

/** A category tree is at most this deep. */
export const MAX_CATEGORY_DEPTH = 5;
