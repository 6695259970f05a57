import { DomainError } from '@ops/kernel';
import { priceLine } from './order.js';
import { agreedPriceAuthority, cancelHold, holdForOrder, honouredOn, reapproveHold, recordPriceHold, shownStatus, useHold, type PriceHold } from './price-hold.js';

const LIST = { sku: 'TEA', listPriceFen: 10_000, floorPriceFen: 9_000 };
const at = new Date('2026-12-01T02:00:00Z');

function hold(agreed = 10_000, holdUntil = '2026-12-10'): PriceHold {
  return recordPriceHold(
    { id: 'h1', number: 'PH-2026-000001', customerId: 'c1', customerName: 'Acme', holdUntil, depositFen: 50_000, depositReference: 'RC-1', createdBy: 'rep', createdAt: at },
    [{ sku: 'TEA', agreedUnitPriceFen: agreed }],
    new Map([['TEA', LIST]]),
    '2026-12-01',
  ).state;
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('price hold expiry', () => {
  it('is honoured on and before its date, not after', () => {
    const h = hold();
    expect(honouredOn(h, '2026-12-09')).toBe(true);
    expect(honouredOn(h, '2026-12-10')).toBe(true);
    expect(honouredOn(h, '2026-12-11')).toBe(false);
    expect(shownStatus(h, '2026-12-11')).toBe('expired');
    expect(holdForOrder(h, 'c1', '2026-12-10')).toMatchObject({ honoured: true });
    expect(holdForOrder(h, 'c1', '2026-12-11')).toEqual({ honoured: false, note: 'price hold PH-2026-000001 expired on 2026-12-10: the current price applies' });
  });

  it('refuses another customer, a used hold and a cancelled one', () => {
    expect(refusal(() => holdForOrder(hold(), 'c2', '2026-12-05')).code).toBe('price-hold-other-customer');
    const used = useHold(hold(), { id: 'o1', number: 'SO-1' }, at).state;
    expect(used).toMatchObject({ status: 'used', usedByOrderNumber: 'SO-1' });
    expect(refusal(() => holdForOrder(used, 'c1', '2026-12-05')).code).toBe('price-hold-used');
    expect(refusal(() => holdForOrder(cancelHold(hold(), 'rep', 'withdrawn').state, 'c1', '2026-12-05')).code).toBe('price-hold-cancelled');
  });

  it('refuses a date in the past, a SKU twice and a SKU without a list price', () => {
    expect(refusal(() => hold(10_000, '2026-11-30')).code).toBe('price-hold-invalid');
    const base = { id: 'h', number: 'PH', customerId: 'c1', customerName: 'A', holdUntil: '2026-12-10', depositFen: 1, depositReference: 'R', createdBy: 'rep', createdAt: at };
    expect(refusal(() => recordPriceHold(base, [{ sku: 'TEA', agreedUnitPriceFen: 1 }, { sku: 'TEA', agreedUnitPriceFen: 1 }], new Map([['TEA', LIST]]), '2026-12-01')).code).toBe('price-hold-invalid');
    expect(refusal(() => recordPriceHold(base, [{ sku: 'CUP', agreedUnitPriceFen: 1 }], new Map([['TEA', LIST]]), '2026-12-01')).code).toBe('no-list-price');
  });
});

describe('price hold re-approval', () => {
  const manager = { userId: 'mgr', roles: ['sales_manager'] };
  it('a sales manager moves the date, recorded with who, when and why; the hold is honoured again', () => {
    const step = reapproveHold(hold(), manager, '2026-12-20', 'signing delayed', '2026-12-12', at);
    expect(step.state.holdUntil).toBe('2026-12-20');
    expect(step.state.reapprovals).toEqual([{ by: 'mgr', at: at.toISOString(), reason: 'signing delayed', previousHoldUntil: '2026-12-10', holdUntil: '2026-12-20' }]);
    expect(step.transitions[0].reason).toMatch(/re-approved by mgr until 2026-12-20/);
    expect(honouredOn(step.state, '2026-12-12')).toBe(true);
  });
  it('refuses the hold\'s creator, a rep, a used hold and a date in the past', () => {
    expect(refusal(() => reapproveHold(hold(), { userId: 'rep', roles: ['sales_vp'] }, '2026-12-20', 'x', '2026-12-12', at)).code).toBe('self-approval');
    const rep = refusal(() => reapproveHold(hold(), { userId: 'r2', roles: ['sales_rep'] }, '2026-12-20', 'x', '2026-12-12', at));
    expect(rep.code).toBe('approval-level');
    expect(rep.message).toMatch(/sales manager/);
    expect(refusal(() => reapproveHold(useHold(hold(), { id: 'o', number: 'SO' }, at).state, manager, '2026-12-20', 'x', '2026-12-12', at)).code).toBe('price-hold-transition-refused');
    expect(refusal(() => reapproveHold(hold(), manager, '2026-12-11', 'x', '2026-12-12', at)).code).toBe('price-hold-invalid');
  });
});

describe('a hold prices an order line', () => {
  const heldLine = (agreed: number) => hold(agreed).lines[0];
  const offers = (agreed: number, honoured: boolean) => ({ hold: { priceHoldId: 'h1', honoured, agreedUnitPriceFen: agreed, authority: agreedPriceAuthority(heldLine(agreed)), note: honoured ? 'held' : 'expired' } });
  it('honoured: the agreed price, though the list went up', () => {
    const now = { ...LIST, listPriceFen: 12_000, floorPriceFen: 11_000 };
    expect(priceLine({ sku: 'TEA', quantity: 1 }, now, offers(10_000, true))).toMatchObject({ unitPriceFen: 10_000, authority: 'none', basis: { basis: 'price_hold' }, note: 'held' });
  });
  it('expired: the current price, saying why', () => {
    const now = { ...LIST, listPriceFen: 12_000, floorPriceFen: 11_000 };
    expect(priceLine({ sku: 'TEA', quantity: 1 }, now, offers(10_000, false))).toMatchObject({ unitPriceFen: 12_000, basis: { basis: 'list' }, note: 'expired' });
  });
  it('an agreed discount needs the approval it needed the day it was agreed', () => {
    expect(agreedPriceAuthority(heldLine(9_500))).toBe('sales_vp');
    expect(priceLine({ sku: 'TEA', quantity: 1 }, LIST, offers(9_500, true))).toMatchObject({ unitPriceFen: 9_500, authority: 'sales_vp' });
  });
  it('never charges more than the current price', () => {
    const cheaper = { ...LIST, listPriceFen: 9_000, floorPriceFen: 8_000 };
    expect(priceLine({ sku: 'TEA', quantity: 1 }, cheaper, offers(10_000, true))).toMatchObject({ unitPriceFen: 9_000, basis: { basis: 'list' } });
  });
});
