import { In, type EntityManager } from 'typeorm';
import { SkuSupplyEntity } from './sales.entities.js';

/** Which of `skus` inventory last said are made to order (one indexed read for an order's SKUs). */
export async function madeToOrderSkus(tx: EntityManager, skus: readonly string[]): Promise<Set<string>> {
  if (!skus.length) return new Set();
  const rows = await tx.find(SkuSupplyEntity, { select: { sku: true }, where: { sku: In([...new Set(skus)]), madeToOrder: true } });
  return new Set(rows.map((r) => r.sku));
}
