import { DomainError } from '@ops/kernel';
import type { EntityManager } from 'typeorm';
import type { ListPrice } from '../domain/till-ticket.js';
import type { OutletEntity } from '../infra/persistence/outlet.entities.js';
import { inForceOn } from '../infra/persistence/price-lists.js';

/**
 * The outlet's prices on a business date: the lines of its price list when that list is approved and valid then.
 * A list not approved or out of date prices nothing (every SKU refused).
 */
export async function outletPrices(tx: EntityManager, outlet: Pick<OutletEntity, 'priceListId' | 'code'>, date: string, skus?: string[]): Promise<Map<string, ListPrice>> {
  const rows: Array<{ sku: string; list_price_fen: string; floor_price_fen: string }> = await tx.query(
    `SELECT l.sku, l.list_price_fen, l.floor_price_fen
       FROM price_list_lines l JOIN price_lists p ON p.id = l.price_list_id
      WHERE p.id = $1 AND ${inForceOn('$2')}
        ${skus ? 'AND l.sku = ANY($3)' : ''}
      ORDER BY l.sku`,
    skus ? [outlet.priceListId, date, skus] : [outlet.priceListId, date],
  );
  return new Map(rows.map((r) => [r.sku, { sku: r.sku, listPriceFen: Number(r.list_price_fen), floorPriceFen: Number(r.floor_price_fen) }]));
}

/** All a sale needs to know before it writes, in one round trip: the outlet, the actor's position, today's check, the prices. */
export interface TillContext {
  outlet: OutletEntity;
  position: string | null;
  opened: boolean;
  prices: Map<string, ListPrice>;
}

export async function tillContext(tx: EntityManager, code: string, username: string, date: string, skus: string[]): Promise<TillContext> {
  const rows: Array<{
    id: string; code: string; name: string; kind: 'store' | 'bar'; warehouse_code: string; price_list_id: string; status: 'active' | 'closed'; position: string | null; opened: boolean;
    prices: Array<{ sku: string; list: string | number; floor: string | number }>;
  }> = await tx.query(
    `SELECT o.id, o.code, o.name, o.kind, o.warehouse_code, o.price_list_id, o.status,
            (SELECT s.position FROM outlet_staff s WHERE s.outlet_id = o.id AND s.username = $2) AS position,
            EXISTS (SELECT 1 FROM opening_checks c WHERE c.outlet_id = o.id AND c.business_date = $3) AS opened,
            (SELECT coalesce(json_agg(json_build_object('sku', l.sku, 'list', l.list_price_fen, 'floor', l.floor_price_fen)), '[]'::json)
               FROM price_list_lines l JOIN price_lists p ON p.id = l.price_list_id
              WHERE p.id = o.price_list_id AND ${inForceOn('$3')} AND l.sku = ANY($4)) AS prices
       FROM outlets o WHERE o.code = $1`,
    [code, username, date, skus],
  );
  const row = rows[0];
  if (!row) throw new DomainError('not_found', 'outlet-not-found', `No outlet ${code}`);
  const outlet = { id: row.id, code: row.code, name: row.name, kind: row.kind, warehouseCode: row.warehouse_code, priceListId: row.price_list_id } as OutletEntity;
  return {
    outlet, position: row.position, opened: row.opened,
    prices: new Map(row.prices.map((p) => [p.sku, { sku: p.sku, listPriceFen: Number(p.list), floorPriceFen: Number(p.floor) }])),
  };
}
