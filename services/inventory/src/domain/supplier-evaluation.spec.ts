import { evaluateSuppliers, monthPeriod, priceHistory, thresholdsFor, type DeliveredLine } from './supplier-evaluation.js';

const line = (more: Partial<DeliveredLine>): DeliveredLine => ({
  supplierId: 's-1', receiptNumber: 'GR-1', sku: 'A', quantity: 10, unitPriceFen: 100, arrivedOn: '2026-11-10', promisedOn: '2026-11-10', inspection: 'passed', ...more,
});

describe('supplier evaluation', () => {
  it('rates on time by business date against the promised date, inspection by lines passed of lines inspected, and counts returns', () => {
    const [s1, s2] = evaluateSuppliers([
      line({}),
      line({ arrivedOn: '2026-11-11' }),
      line({ promisedOn: null, inspection: null }),
      line({ supplierId: 's-2', inspection: 'failed' }),
    ], [{ supplierId: 's-2', quantity: 3, amountFen: 300 }, { supplierId: 's-2', quantity: 1, amountFen: 100 }], thresholdsFor('2026-11-01'));
    expect(s1).toMatchObject({ supplierId: 's-1', receiptLines: 3, receivedQuantity: 30, promisedLines: 2, onTimeLines: 1, onTimeRate: 0.5, inspectedLines: 2, passedLines: 2, passRate: 1, belowThreshold: true, reasons: ['on-time'] });
    expect(s2).toMatchObject({ supplierId: 's-2', onTimeRate: 1, passRate: 0, returns: 2, returnedQuantity: 4, returnedAmountFen: 400, reasons: ['inspection'] });
  });

  it('holds a supplier to the thresholds on the counts; nothing measured is never below', () => {
    const lines = [...Array.from({ length: 9 }, () => line({})), line({ arrivedOn: '2026-11-12' })];
    expect(evaluateSuppliers(lines, [], { minOnTimeRate: 0.9, minPassRate: 0.95 })[0]).toMatchObject({ onTimeRate: 0.9, belowThreshold: false });
    expect(evaluateSuppliers([line({ promisedOn: null, inspection: null })], [], { minOnTimeRate: 0.9, minPassRate: 0.95 })[0]).toMatchObject({ onTimeRate: null, passRate: null, belowThreshold: false, reasons: [] });
    expect(evaluateSuppliers([], [{ supplierId: 's-3', quantity: 1, amountFen: 5 }], { minOnTimeRate: 0.9, minPassRate: 0.95 })[0]).toMatchObject({ supplierId: 's-3', receiptLines: 0, returns: 1 });
  });

  it('lists a SKU\'s prices oldest first with the change from the one before, leaving out unpriced lines', () => {
    expect(priceHistory([
      line({ arrivedOn: '2026-11-20', unitPriceFen: 120, supplierId: 's-2', receiptNumber: 'GR-3' }),
      line({ arrivedOn: '2026-11-01', receiptNumber: 'GR-1' }),
      line({ arrivedOn: '2026-11-05', unitPriceFen: null }),
      line({ sku: 'B', arrivedOn: '2026-10-01', unitPriceFen: 7 }),
    ]).map((p) => [p.sku, p.on, p.supplierId, p.unitPriceFen, p.changeFen])).toEqual([
      ['A', '2026-11-01', 's-1', 100, null],
      ['A', '2026-11-20', 's-2', 120, 20],
      ['B', '2026-10-01', 's-1', 7, null],
    ]);
  });

  it('turns a month into its first and last dates', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
