import { lowStock, type SkuStock } from './low-stock.js';

const sku = (code: string, reorderPoint: number, onHandQuantity: number, reservedQuantity = 0): SkuStock => ({ sku: code, name: code, unit: 'box', reorderPoint, onHandQuantity, reservedQuantity });

describe('low stock', () => {
  it('lists a SKU whose available quantity is below its reorder point, with the shortfall', () => {
    expect(lowStock([sku('TEA', 10, 6, 2)])).toEqual([{ ...sku('TEA', 10, 6, 2), availableQuantity: 4, shortfall: 6 }]);
  });

  it('leaves out SKUs at or above their point, and those with no point', () => {
    expect(lowStock([sku('AT', 10, 10), sku('ABOVE', 10, 30, 5), sku('NONE', 0, 0)])).toEqual([]);
  });

  it('counts reserved stock as gone, and a SKU with nothing as 0 available', () => {
    expect(lowStock([sku('RESERVED', 5, 8, 8), sku('EMPTY', 3, 0)]).map((s) => [s.sku, s.availableQuantity, s.shortfall])).toEqual([['RESERVED', 0, 5], ['EMPTY', 0, 3]]);
  });

  it('puts the biggest shortfall first, then orders by SKU code', () => {
    const listed = lowStock([sku('B', 10, 8), sku('C', 50, 10), sku('A', 12, 10), sku('D', 7, 0)]);
    expect(listed.map((s) => [s.sku, s.shortfall])).toEqual([['C', 40], ['D', 7], ['A', 2], ['B', 2]]);
  });
});
