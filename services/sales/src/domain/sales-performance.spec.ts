import { percentOf, performanceRows, performanceSummary, targetForPeriod, weekStart, type CollectionFact, type SalesFact, type SkuFact } from './sales-performance.js';

const november = { from: '2026-11-01', to: '2026-11-30' };
const sale = (patch: Partial<SalesFact>): SalesFact => ({ placedOn: '2026-11-02', customerId: 'c1', customerName: '晨光', salesRep: 'rep-a', region: '华东', orders: 1, quantity: 1, amountFen: 0, ...patch });
const money = (patch: Partial<CollectionFact>): CollectionFact => ({ receivedOn: '2026-11-03', customerId: 'c1', customerName: '晨光', salesRep: 'rep-a', region: '华东', amountFen: 0, ...patch });

const sales = [
  sale({ amountFen: 60_000, quantity: 6, orders: 2 }),
  sale({ placedOn: '2026-11-09', customerId: 'c2', customerName: '远大', salesRep: 'rep-b', region: '华南', amountFen: 30_000, quantity: 3 }),
  sale({ placedOn: '2026-11-30', customerId: 'c3', customerName: '新华', salesRep: null, region: null, amountFen: 10_000, quantity: 1 }),
];
const collections = [money({ amountFen: 50_000 }), money({ receivedOn: '2026-11-10', customerId: 'c2', customerName: '远大', salesRep: 'rep-b', region: '华南', amountFen: 35_000 })];
const skus: SkuFact[] = [{ sku: 'CHAIR', orders: 2, quantity: 8, amountFen: 40_000 }, { sku: 'DESK', orders: 2, quantity: 2, amountFen: 60_000 }];

describe('the sales performance report', () => {
  it('groups by rep with shares of the period, money received and the target prorated to the period', () => {
    const rows = performanceRows('rep', november, sales, collections, skus, [
      { scope: 'rep', subject: 'rep-a', month: '2026-11', amountFen: 120_000 },
      { scope: 'rep', subject: 'rep-c', month: '2026-11', amountFen: 10_000 },
      { scope: 'region', subject: '华东', month: '2026-11', amountFen: 1 },
    ]);
    expect(rows).toEqual([
      { key: 'rep-a', label: 'rep-a', orders: 2, quantity: 6, amountFen: 60_000, sharePercent: 60, collectedFen: 50_000, targetFen: 120_000, attainmentPercent: 50 },
      { key: 'rep-b', label: 'rep-b', orders: 1, quantity: 3, amountFen: 30_000, sharePercent: 30, collectedFen: 35_000, targetFen: null, attainmentPercent: null },
      { key: '(none)', label: '(none)', orders: 1, quantity: 1, amountFen: 10_000, sharePercent: 10, collectedFen: 0, targetFen: null, attainmentPercent: null },
      // A rep with a target and no sale is listed, at 0 % of it.
      { key: 'rep-c', label: 'rep-c', orders: 0, quantity: 0, amountFen: 0, sharePercent: 0, collectedFen: 0, targetFen: 10_000, attainmentPercent: 0 },
    ]);
  });

  it('groups by customer, by SKU (best seller first, no money per SKU) and by week in date order', () => {
    expect(performanceRows('customer', november, sales, collections, skus).map((r) => [r.label, r.sharePercent, r.collectedFen])).toEqual([['晨光', 60, 50_000], ['远大', 30, 35_000], ['新华', 10, 0]]);
    expect(performanceRows('sku', november, sales, collections, skus).map((r) => [r.key, r.sharePercent, r.collectedFen])).toEqual([['DESK', 60, null], ['CHAIR', 40, null]]);
    expect(performanceRows('week', november, sales, collections, skus).map((r) => [r.key, r.amountFen, r.collectedFen])).toEqual([
      ['2026-11-02', 60_000, 50_000], ['2026-11-09', 30_000, 35_000], ['2026-11-30', 10_000, 0],
    ]);
    expect(performanceRows('region', november, sales, collections, skus).map((r) => r.key)).toEqual(['华东', '华南', '(none)']);
  });

  it('sums the period with the collection rate, the reps\' targets and the best seller', () => {
    expect(performanceSummary(november, sales, collections, skus, [{ scope: 'rep', subject: 'rep-a', month: '2026-11', amountFen: 200_000 }])).toEqual({
      ...november, orders: 4, quantity: 10, amountFen: 100_000, collectedFen: 85_000, collectionRatePercent: 85, customers: 3,
      targetFen: 200_000, attainmentPercent: 50, bestSeller: { sku: 'DESK', orders: 2, quantity: 2, amountFen: 60_000 },
    });
    expect(performanceSummary(november, [], [], [])).toMatchObject({ amountFen: 0, collectionRatePercent: null, targetFen: null, attainmentPercent: null, bestSeller: null });
  });

  it('prorates a monthly target by the days of the month a period covers', () => {
    const target = [{ scope: 'rep' as const, subject: 'r', month: '2026-02', amountFen: 28_000 }];
    expect(targetForPeriod(target, { from: '2026-02-01', to: '2026-02-28' })).toBe(28_000);
    expect(targetForPeriod(target, { from: '2026-02-22', to: '2026-03-10' })).toBe(7_000);
    expect(targetForPeriod(target, { from: '2026-03-01', to: '2026-03-31' })).toBe(0);
    expect(targetForPeriod([{ scope: 'rep', subject: 'r', month: '2026-12', amountFen: 31_000 }], { from: '2026-12-31', to: '2027-01-05' })).toBe(1_000);
  });

  it('starts weeks on Monday and rounds percentages to one decimal', () => {
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(5, 0)).toBeNull();
  });
});
