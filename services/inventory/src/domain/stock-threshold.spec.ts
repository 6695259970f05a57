import { DomainError } from '@ops/kernel';
import { lowStockCrossings, purchaseSuggestions, requireValidThreshold, type SupplyPosition, type WatchedThreshold } from './stock-threshold.js';

const watched = (sku: string, available: number, alerted: boolean): WatchedThreshold => ({ sku, warehouseCode: 'MAIN', minQuantity: 10, reorderQuantity: 30, available, alerted });
const position = (more: Partial<SupplyPosition>): SupplyPosition => ({
  sku: 'A', warehouseCode: 'MAIN', backordered: 0, available: 0, onOrder: 0, threshold: null, lastSupplierId: null, lastUnitPriceFen: null, ...more,
});

describe('low stock per SKU and warehouse', () => {
  it('alerts a threshold once per crossing and re-arms it when stock is back at the minimum', () => {
    const { alert, recovered } = lowStockCrossings([watched('fell', 9, false), watched('still-low', 2, true), watched('back', 10, true), watched('fine', 50, false)]);
    expect(alert.map((t) => t.sku)).toEqual(['fell']);
    expect(recovered.map((t) => t.sku)).toEqual(['back']);
    // A minimum of 0 is never crossed.
    expect(lowStockCrossings([{ ...watched('zero', 0, false), minQuantity: 0 }]).alert).toEqual([]);
  });

  it('refuses a threshold whose reorder quantity is below its minimum, or quantities that are not whole', () => {
    expect(() => requireValidThreshold({ minQuantity: 5, reorderQuantity: 5 })).not.toThrow();
    const refused = (() => { try { requireValidThreshold({ minQuantity: 5, reorderQuantity: 4 }); } catch (e) { return e as DomainError; } })();
    expect(refused).toMatchObject({ status: 400, code: 'threshold-invalid', errors: [{ field: 'reorderQuantity' }] });
    const both = (() => { try { requireValidThreshold({ minQuantity: -1, reorderQuantity: 1.5 }); } catch (e) { return e as DomainError; } })();
    expect(both?.errors?.map((e) => e.field)).toEqual(['minQuantity', 'reorderQuantity']);
  });
});

describe('purchase suggestions', () => {
  it('adds what backorders wait for and what refills a low warehouse to its reorder quantity, less what is on order', () => {
    const suggestions = purchaseSuggestions([
      position({ sku: 'B', backordered: 7, available: 4, onOrder: 5, threshold: { minQuantity: 10, reorderQuantity: 30 }, lastSupplierId: 's-1', lastUnitPriceFen: 990 }),
      position({ sku: 'A', warehouseCode: 'NORTH', available: 12, threshold: { minQuantity: 10, reorderQuantity: 30 } }),
      position({ sku: 'A', warehouseCode: 'MAIN', backordered: 3 }),
      position({ sku: 'C', backordered: 2, onOrder: 8 }),
      position({ sku: 'D', available: -3, threshold: { minQuantity: 1, reorderQuantity: 5 } }),
      // Without a threshold only what the backorders lack beyond the stock there is.
      position({ sku: 'E', backordered: 5, available: 3 }),
      position({ sku: 'F', backordered: 2, available: 20, threshold: { minQuantity: 10, reorderQuantity: 30 } }),
    ]);
    expect(suggestions.map((s) => [s.sku, s.warehouseCode, s.shortfall, s.suggestedQuantity])).toEqual([
      ['A', 'MAIN', 3, 3],
      // 4 available − 7 backordered leaves −3: 30 − (−3) = 33 to refill, less 5 on order.
      ['B', 'MAIN', 33, 28],
      ['D', 'MAIN', 5, 5],
      ['E', 'MAIN', 2, 2],
    ]);
    expect(suggestions[1]).toMatchObject({ lastSupplierId: 's-1', lastUnitPriceFen: 990 });
  });
});
