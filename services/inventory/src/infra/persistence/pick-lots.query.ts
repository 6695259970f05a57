import { rowsWhere } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import type { Lot } from '../../domain/lots.js';
import { StockLotEntity } from './inventory.entities.js';

/**
 * The stock lots a pick list's lines may be picked from (each line's SKU in its warehouse), found from the
 * list's lines in Postgres, so the read needs nothing from the list first and goes in the same round trip as
 * the list's own locking read. Not locked: the shipment takes the units under the stock lock and refuses a
 * lot that no longer holds them.
 */
export async function lotsOfPickList(tx: EntityManager, pickListId: string): Promise<Lot[]> {
  const lots = await rowsWhere(tx, StockLotEntity,
    `({skuCode}, {warehouseCode}) IN (SELECT l->>'sku', l->>'warehouseCode' FROM pick_lists p, jsonb_array_elements(p.lines) l WHERE p.id = $1)`, [pickListId]);
  return lots.map((l) => ({ sku: l.skuCode, location: l.location, batch: l.batch, onHand: l.onHand, since: l.since }));
}
