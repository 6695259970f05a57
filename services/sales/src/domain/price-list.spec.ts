import { DomainError } from '@ops/kernel';
import { approvePriceList, checkPriceListDraft, validPrice, type PriceList } from './price-list.js';

const list = (patch: Partial<PriceList>): PriceList => ({
  id: 'x', number: 'PL-1', status: 'approved', validFrom: '2026-01-01', validTo: '2026-12-31', createdBy: 'm1', approvedAt: new Date('2026-01-01T00:00:00Z'),
  lines: [{ sku: 'TEA', listPriceFen: 12_800, floorPriceFen: 10_000 }], ...patch,
});

describe('price lists (domain.md §4.1, §4.3)', () => {
  it('prices a SKU from the approved list valid that day, the latest approval winning', () => {
    const older = list({ number: 'PL-1' });
    const newer = list({ number: 'PL-2', approvedAt: new Date('2026-06-01T00:00:00Z'), lines: [{ sku: 'TEA', listPriceFen: 13_000, floorPriceFen: 11_000 }] });
    const draft = list({ number: 'PL-3', status: 'draft', approvedAt: null, lines: [{ sku: 'TEA', listPriceFen: 1, floorPriceFen: 1 }] });
    expect(validPrice([older, newer, draft], 'TEA', '2026-07-01')).toMatchObject({ listPriceFen: 13_000, priceListNumber: 'PL-2' });
    expect(validPrice([older, draft], "TEA", "2026-12-31")?.priceListNumber).toBe('PL-1');
    expect(validPrice([older], 'TEA', '2027-01-01')).toBeUndefined();
    expect(validPrice([older], 'TEA', '2025-12-31')).toBeUndefined();
    expect(validPrice([list({ validTo: null })], 'TEA', '2099-01-01')).toBeDefined();
    expect(validPrice([older], 'CUP', '2026-07-01')).toBeUndefined();
    expect(validPrice([draft], 'TEA', '2026-07-01')).toBeUndefined();
  });

  it('takes effect only when a finance manager or the sales VP other than its author approves it', () => {
    const draft = list({ status: 'draft', approvedAt: null });
    const at = new Date();
    const approved = approvePriceList(draft, { userId: 'fm', roles: ['finance_manager'] }, at);
    expect(approved.state).toMatchObject({ status: 'approved', approvedAt: at, approvedBy: 'fm' });
    expect(approved.transitions).toEqual([{ from: 'draft', to: 'approved', reason: 'approved by fm' }]);
    expect(approvePriceList(draft, { userId: 'vp', roles: ['sales_vp'] }, at).state.status).toBe('approved');
    expect(() => approvePriceList(draft, { userId: 'sm', roles: ['sales_manager'] }, at)).toThrow(/finance manager or the sales VP/);
    expect(() => approvePriceList({ ...draft, createdBy: 'vp' }, { userId: 'vp', roles: ['sales_vp'] }, at)).toThrow(DomainError);
    expect(() => approvePriceList(list({}), { userId: 'fm', roles: ['finance_manager'] }, at)).toThrow(/already approved/);
  });

  it('refuses a floor above the list price, a SKU twice and an end before the start, field by field', () => {
    try {
      checkPriceListDraft({ validFrom: '2026-02-01', validTo: '2026-01-31', lines: [{ sku: 'A', listPriceFen: 100, floorPriceFen: 101 }, { sku: 'A', listPriceFen: 1, floorPriceFen: 1 }] });
      throw new Error('accepted');
    } catch (e) {
      expect((e as DomainError).errors!.map((x) => x.field)).toEqual(['validTo', 'lines[0].floorPriceFen', 'lines[1].sku']);
    }
  });
});
