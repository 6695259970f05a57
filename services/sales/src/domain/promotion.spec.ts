import { DomainError } from '@ops/kernel';
import { priceLine, priceLines } from './order.js';
import { appliesOn, approvePromotion, bestPromotion, draftPromotion, inWindow, promotedPrice, rejectPromotion, stopPromotion, type NewPromotion, type Promotion } from './promotion.js';

const LIST = { sku: 'TEA', listPriceFen: 10_000, floorPriceFen: 9_000 };
const prices = new Map([['TEA', LIST], ['CUP', { sku: 'CUP', listPriceFen: 2_000, floorPriceFen: 1_500 }]]);
const listed = new Set(['TEA', 'CUP']);
const at = new Date('2026-12-01T02:00:00Z');

function draft(over: Partial<NewPromotion> = {}): Promotion {
  const base: NewPromotion = {
    id: 'p1', code: 'PROMO-2026-000001', name: 'Tea week', kind: 'percent', promoPriceFen: null, percentOffBasisPoints: 300,
    startsOn: '2026-12-10', endsOn: '2026-12-12', skus: ['TEA'], createdBy: 'operator', createdAt: at,
  };
  return draftPromotion({ ...base, ...over }, prices, listed, '2026-12-01').state;
}

const person = (userId: string, ...roles: string[]) => ({ userId, roles });

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('promotion window (inclusive, business dates)', () => {
  const p = { status: 'approved' as const, startsOn: '2026-12-10', endsOn: '2026-12-12' };
  it.each([
    ['the day before', '2026-12-09', false],
    ['the first day', '2026-12-10', true],
    ['a day between', '2026-12-11', true],
    ['the last day', '2026-12-12', true],
    ['the day after', '2026-12-13', false],
  ])('%s: applies %s', (_n, on, expected) => {
    expect(inWindow(p, on)).toBe(expected);
    expect(appliesOn(p, on)).toBe(expected);
  });

  it('applies only when approved', () => {
    for (const status of ['draft', 'rejected', 'ended', 'cancelled'] as const) expect(appliesOn({ ...p, status }, '2026-12-11')).toBe(false);
  });
});

describe('promotion depth sets the approver (§4.3 ladder)', () => {
  it.each([
    ['3% off', { kind: 'percent' as const, percentOffBasisPoints: 300 }, 'sales_manager'],
    ['3.01% off', { kind: 'percent' as const, percentOffBasisPoints: 301 }, 'sales_vp'],
    ['10% off (at the floor)', { kind: 'percent' as const, percentOffBasisPoints: 1000 }, 'sales_vp'],
    ['a price one fen below the floor', { kind: 'price' as const, promoPriceFen: 8_999, percentOffBasisPoints: null }, 'general_manager'],
    ['a price 1% off', { kind: 'price' as const, promoPriceFen: 9_900, percentOffBasisPoints: null }, 'sales_manager'],
  ])('%s needs %s', (_n, terms, level) => {
    expect(draft(terms).requiredLevel).toBe(level);
  });

  it('takes the deepest SKU', () => {
    // 1,000 fen off: 10% of TEA (VP), 50% of CUP, below its floor (GM).
    expect(draft({ kind: 'price', promoPriceFen: 1_000, percentOffBasisPoints: null, skus: ['TEA', 'CUP'] }).lines.map((l) => l.level)).toEqual(['general_manager', 'general_manager']);
    expect(draft({ skus: ['TEA', 'CUP'], percentOffBasisPoints: 500 }).requiredLevel).toBe('sales_vp');
  });

  it('lets a sales manager approve up to 3%, refuses 10% naming the sales VP, and lets the VP approve it', () => {
    expect(approvePromotion(draft(), person('m', 'sales_manager'), at).state.status).toBe('approved');
    const ten = draft({ percentOffBasisPoints: 1000 });
    const e = refusal(() => approvePromotion(ten, person('m', 'sales_manager'), at));
    expect(e.code).toBe('approval-level');
    expect(e.kind).toBe('forbidden');
    expect(e.message).toMatch(/sales vp/);
    const step = approvePromotion(ten, person('vp', 'sales_vp'), at);
    expect(step.state).toMatchObject({ status: 'approved', decidedBy: 'vp' });
    expect(step.events).toEqual([expect.objectContaining({ type: 'sales.promotion.approved', data: expect.objectContaining({ code: ten.code, startsOn: '2026-12-10', endsOn: '2026-12-12', lines: [{ sku: 'TEA', listPriceFen: 10_000, promoPriceFen: 9_000 }] }) })]);
  });

  it('refuses the creator whatever their role, and a rejection below the level', () => {
    expect(refusal(() => approvePromotion(draft({ createdBy: 'gm' }), person('gm', 'general_manager'), at)).code).toBe('self-approval');
    expect(refusal(() => rejectPromotion(draft({ percentOffBasisPoints: 1000 }), person('m', 'sales_manager'), 'no', at)).code).toBe('approval-level');
    expect(rejectPromotion(draft(), person('m', 'sales_manager'), 'no', at).state.status).toBe('rejected');
  });

  it('refuses an unlisted SKU, a SKU without a list price, a promotion that lowers nothing, and a window that ends before it starts', () => {
    expect(refusal(() => draft({ skus: ['NOPE'] })).code).toBe('sku-not-listed');
    expect(refusal(() => draftPromotion({ ...draft(), skus: ['TEA'] }, new Map(), listed, '2026-12-01')).code).toBe('no-list-price');
    expect(refusal(() => draft({ kind: 'price', promoPriceFen: 10_000, percentOffBasisPoints: null })).code).toBe('promotion-not-lower');
    expect(refusal(() => draft({ endsOn: '2026-12-09' })).code).toBe('promotion-invalid');
    expect(refusal(() => draft({ startsOn: '2026-11-01', endsOn: '2026-11-30' })).code).toBe('promotion-invalid');
  });
});

describe('promotion life', () => {
  const approved = () => approvePromotion(draft(), person('m', 'sales_manager'), at).state;
  it('ends during its window and is cancelled before it, telling storefronts', () => {
    const ended = stopPromotion(approved(), 'operator', 'sold out', '2026-12-11', at);
    expect(ended.state.status).toBe('ended');
    expect(ended.events[0]).toMatchObject({ type: 'sales.promotion.ended', data: { outcome: 'ended', endedOn: '2026-12-11' } });
    expect(stopPromotion(approved(), 'operator', 'brand withdrew', '2026-12-05', at).state.status).toBe('cancelled');
  });
  it('cannot approve twice or end a draft', () => {
    expect(refusal(() => approvePromotion(approved(), person('vp', 'sales_vp'), at)).code).toBe('promotion-transition-refused');
    expect(refusal(() => stopPromotion(draft(), 'operator', 'x', '2026-12-11', at)).code).toBe('promotion-transition-refused');
  });
});

describe('promotions price order lines', () => {
  const promos = [
    { id: 'a', code: 'A', status: 'approved' as const, startsOn: '2026-12-10', endsOn: '2026-12-12', skus: ['TEA'], kind: 'percent' as const, promoPriceFen: null, percentOffBasisPoints: 1000 },
    { id: 'b', code: 'B', status: 'approved' as const, startsOn: '2026-12-11', endsOn: '2026-12-11', skus: ['TEA'], kind: 'price' as const, promoPriceFen: 8_500, percentOffBasisPoints: null },
  ];
  it('takes the lowest promoted price in force, and none outside the windows', () => {
    expect(bestPromotion(promos, 'TEA', 10_000, '2026-12-10')).toEqual({ promotionId: 'a', code: 'A', priceFen: 9_000 });
    expect(bestPromotion(promos, 'TEA', 10_000, '2026-12-11')).toEqual({ promotionId: 'b', code: 'B', priceFen: 8_500 });
    expect(bestPromotion(promos, 'TEA', 10_000, '2026-12-13')).toBeUndefined();
    expect(bestPromotion(promos, 'CUP', 2_000, '2026-12-11')).toBeUndefined();
    expect(promotedPrice({ kind: 'price', promoPriceFen: 12_000 }, 10_000)).toBe(10_000);
  });

  const offer = { promotion: { promotionId: 'a', code: 'A', priceFen: 9_000 } };
  it('gives the promoted price with no approval, even below the floor', () => {
    expect(priceLine({ sku: 'TEA', quantity: 1 }, LIST, offer)).toMatchObject({ unitPriceFen: 9_000, authority: 'none', basis: { basis: 'promotion' } });
    expect(priceLine({ sku: 'TEA', quantity: 1 }, LIST, { promotion: { promotionId: 'x', code: 'X', priceFen: 8_000 } })).toMatchObject({ unitPriceFen: 8_000, authority: 'none' });
  });
  it('measures a further discount against the promoted price', () => {
    expect(priceLine({ sku: 'TEA', quantity: 1, unitPriceFen: 8_730 }, { ...LIST, floorPriceFen: 8_000 }, offer)).toMatchObject({ unitPriceFen: 8_730, authority: 'sales_manager' });
    expect(priceLine({ sku: 'TEA', quantity: 1, unitPriceFen: 8_729 }, { ...LIST, floorPriceFen: 8_000 }, offer)).toMatchObject({ authority: 'sales_vp' });
    expect(priceLine({ sku: 'TEA', quantity: 1, unitPriceFen: 8_800 }, LIST, offer)).toMatchObject({ authority: 'general_manager' });
  });
  it('ignores a client price above the promoted one, and keeps the old rule without a promotion', () => {
    expect(priceLine({ sku: 'TEA', quantity: 1, unitPriceFen: 9_800 }, LIST, offer)).toMatchObject({ unitPriceFen: 9_000, authority: 'none' });
    expect(priceLine({ sku: 'TEA', quantity: 1, unitPriceFen: 9_800 }, LIST)).toMatchObject({ unitPriceFen: 9_800, authority: 'sales_manager', basis: { basis: 'list' } });
  });
  it('shows the promotion on the line', () => {
    const { lines, discount, totalFen } = priceLines([{ sku: 'TEA', quantity: 2 }], () => ({ ...LIST, priceListNumber: 'PL-1' }), () => offer);
    expect(lines[0]).toMatchObject({ unitPriceFen: 9_000, listPriceFen: 10_000, priceBasis: 'promotion', promotionId: 'a', promotionCode: 'A', priceNote: 'promotion A' });
    expect(discount).toBe('none');
    expect(totalFen).toBe(18_000);
  });
});
