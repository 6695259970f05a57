import {
  approveListing, changePrice, draftListing, editListing, listingChanges, LISTING, onSale, rejectListing, relist, setQuantityOffered, stockReported, submitListing, unlist,
  type Listing,
} from './listing.js';

const at = new Date('2026-12-01T04:00:00Z');
const content = {
  titleZh: '明前龙井', titleEn: 'Longjing', descriptionZh: '西湖', descriptionEn: 'West Lake', specs: [{ name: '净含量', value: '250 g' }],
  priceFen: 12_900, quantityOffered: 10, categoryCode: 'TEA', images: ['listings/tea/front.jpg'],
};
const draft = (floor: { floorPriceFen: number; priceListNumber: string } | null = null) =>
  draftListing({ id: '00000000-0000-7000-8000-000000000001', sku: 'TEA-250', createdBy: 'op-a', createdAt: at, ...content }, floor).state;
const inReview = () => submitListing(draft(), 'op-a').state;
const published = () => approveListing(inReview(), 'op-b', at, null).state;

describe('a listing', () => {
  it('is drafted at or above the floor of the price list in force, any price when none prices the SKU', () => {
    expect(() => draft({ floorPriceFen: 13_000, priceListNumber: 'PL-1' })).toThrow(expect.objectContaining({ code: 'below-floor-price' }));
    expect(draft({ floorPriceFen: 12_900, priceListNumber: 'PL-1' })).toMatchObject({ status: 'draft', quantityOnSale: 0, soldOut: false });
    expect(draft(null).priceFen).toBe(12_900);
  });

  it('is edited only as a draft, price checked against the floor', () => {
    const edited = editListing(draft(), { titleEn: 'Longjing tea', priceFen: 11_000 }, 'op-a', null).state;
    expect(edited).toMatchObject({ titleEn: 'Longjing tea', priceFen: 11_000 });
    expect(() => editListing(draft(), { priceFen: 100 }, 'op-a', { floorPriceFen: 500, priceListNumber: 'PL-1' })).toThrow(expect.objectContaining({ code: 'below-floor-price' }));
    expect(() => editListing(inReview(), { titleEn: 'x' }, 'op-a', null)).toThrow(expect.objectContaining({ code: 'listing-transition-refused' }));
  });

  it('is published only by a reviewer other than its author and submitter', () => {
    expect(() => approveListing(draft(), 'op-b', at, null)).toThrow(expect.objectContaining({ code: 'listing-transition-refused' }));
    expect(() => approveListing(inReview(), 'op-a', at, null)).toThrow(expect.objectContaining({ code: 'listing-own-review', kind: 'forbidden' }));
    const bySomeoneElse = submitListing(draft(), 'op-c').state;
    expect(() => approveListing(bySomeoneElse, 'op-c', at, null)).toThrow(expect.objectContaining({ code: 'listing-own-review' }));
    const step = approveListing(inReview(), 'sales_manager', at, null);
    expect(step.state).toMatchObject({ status: 'published', reviewedBy: 'sales_manager', publishedAt: at });
    expect(step.events).toEqual([expect.objectContaining({ type: 'sales.listing.published', data: expect.objectContaining({ sku: 'TEA-250', priceFen: 12_900, by: 'sales_manager' }) })]);
  });

  it('is rejected back to draft with the reason, not by its author', () => {
    expect(() => rejectListing(inReview(), 'op-a', 'no', at)).toThrow(expect.objectContaining({ code: 'listing-own-review' }));
    expect(rejectListing(inReview(), 'op-b', 'Wrong weight', at).state).toMatchObject({ status: 'draft', rejectReason: 'Wrong weight' });
  });

  it('is unlisted and listed again without a new review, each an event', () => {
    const off = unlist(published(), 'op-a', at);
    expect(off.state.status).toBe('unlisted');
    expect(off.events[0]).toMatchObject({ type: 'sales.listing.unlisted', data: { sku: 'TEA-250', by: 'op-a' } });
    const on = relist(off.state, 'op-a', at, null);
    expect(on.state.status).toBe('published');
    expect(on.events[0].type).toBe('sales.listing.published');
    expect(() => unlist(draft(), 'op-a', at)).toThrow(expect.objectContaining({ code: 'listing-transition-refused' }));
    expect(LISTING.can('unlisted', 'draft')).toBe(false);
  });

  it('changes its price on sale with an event naming before and after, refused below the floor', () => {
    const step = changePrice(published(), 11_900, 'op-a', at, { floorPriceFen: 10_000, priceListNumber: 'PL-1' });
    expect(step.state.priceFen).toBe(11_900);
    expect(step.events).toEqual([{ type: 'sales.listing.price-changed', data: expect.objectContaining({ sku: 'TEA-250', before: 12_900, after: 11_900, by: 'op-a' }) }]);
    expect(() => changePrice(published(), 9_000, 'op-a', at, { floorPriceFen: 10_000, priceListNumber: 'PL-1' })).toThrow(expect.objectContaining({ code: 'below-floor-price' }));
    expect(() => changePrice(draft(), 9_000, 'op-a', at, null)).toThrow(expect.objectContaining({ code: 'listing-transition-refused' }));
    expect(changePrice(published(), 12_900, 'op-a', at, null).events).toEqual([]);
  });

  it('puts on sale the lesser of offered and available, sold out at zero and back, ignoring stale reports', () => {
    const l = published();
    expect(onSale({ quantityOffered: 10, availableQuantity: null })).toBe(0);
    const four = stockReported(l, 4, 5, 'inventory', at);
    expect(four.state).toMatchObject({ availableQuantity: 4, quantityOnSale: 4, soldOut: false, availabilitySequence: 5 });
    expect(four.events[0]).toMatchObject({ type: 'sales.listing.changed', data: { fields: ['quantityOnSale'], quantityOnSale: 4 } });
    expect(stockReported(four.state, 0, 4, 'inventory', at)).toEqual({ state: four.state, transitions: [], events: [] });
    const gone = stockReported(four.state, 0, 6, 'inventory', at);
    expect(gone.state).toMatchObject({ quantityOnSale: 0, soldOut: true });
    expect(gone.events[0].data).toMatchObject({ fields: ['quantityOnSale', 'soldOut'], soldOut: true });
    const back = stockReported(gone.state, 50, 7, 'inventory', at).state;
    expect(back).toMatchObject({ quantityOnSale: 10, soldOut: false });
    expect(setQuantityOffered(back, 3, 'op-a', at).state.quantityOnSale).toBe(3);
    expect(stockReported(draft(), 5, 1, 'inventory', at).events).toEqual([]);
  });

  it('lists its changes field by field', () => {
    const before: Listing = published();
    const after = changePrice(before, 11_000, 'op-a', at, null).state;
    expect(listingChanges(before, after)).toEqual([{ field: 'priceFen', before: 12_900, after: 11_000 }]);
    expect(listingChanges(draft(), inReview())).toEqual([{ field: 'status', before: 'draft', after: 'in_review' }]);
  });
});
