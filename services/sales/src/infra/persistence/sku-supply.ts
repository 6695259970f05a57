import { rowsWhere } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import { SkuSupplyEntity } from './sales.entities.js';

/** Which of `skus` inventory last said are made to order (one indexed read for an order's SKUs). */
export async function madeToOrderSkus(tx: EntityManager, skus: readonly string[]): Promise<Set<string>> {
  if (!skus.length) return new Set();
  const rows = await rowsWhere(tx, SkuSupplyEntity, '{sku} = ANY($1) AND {madeToOrder}', [[...new Set(skus)]]);
  return new Set(rows.map((r) => r.sku));
}
