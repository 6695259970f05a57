/** A SKU with a reorder point, and its stock summed over all warehouses. */
export interface SkuStock {
  sku: string;
  name: string;
  unit: string;
  reorderPoint: number;
  onHandQuantity: number;
  reservedQuantity: number;
}

export interface LowStockItem extends SkuStock {
  availableQuantity: number;
  shortfall: number;
}

/**
 * The SKUs low on stock: those with a reorder point (0 never alerts) whose available quantity — on hand
 * less reserved — is below it, with the shortfall to reach it; biggest shortfall first, then by SKU code.
 */
export function lowStock(skus: readonly SkuStock[]): LowStockItem[] {
  return skus
    .map((s) => {
      const availableQuantity = s.onHandQuantity - s.reservedQuantity;
      return { ...s, availableQuantity, shortfall: s.reorderPoint - availableQuantity };
    })
    .filter((s) => s.reorderPoint > 0 && s.shortfall > 0)
    .sort((a, b) => b.shortfall - a.shortfall || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
