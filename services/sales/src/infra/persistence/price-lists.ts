import type { EntityManager } from 'typeorm';
import type { PriceList } from '../../domain/price-list.js';

/** SQL: the price list `p` is in force on the date in parameter `date` (approved, and the date within its validity). */
export const inForceOn = (date: string): string => `p.status = 'approved' AND p.valid_from <= ${date} AND (p.valid_to IS NULL OR p.valid_to >= ${date})`;

/** Approved price lists valid on `date` that price any of `skus`, with just those lines. */
export async function approvedListsFor(manager: EntityManager, skus: string[], date: string): Promise<PriceList[]> {
  const rows: Array<{ id: string; number: string; valid_from: string; valid_to: string | null; created_by: string; approved_at: Date; sku: string; list_price_fen: string; floor_price_fen: string }> =
    await manager.query(
      `SELECT p.id, p.number, p.valid_from::text, p.valid_to::text, p.created_by, p.approved_at, l.sku, l.list_price_fen, l.floor_price_fen
         FROM price_list_lines l JOIN price_lists p ON p.id = l.price_list_id
        WHERE ${inForceOn('$2')} AND l.sku = ANY($1)`,
      [skus, date],
    );
  const lists = new Map<string, PriceList>();
  for (const row of rows) {
    const list = lists.get(row.id) ?? {
      id: row.id, number: row.number, status: 'approved' as const, validFrom: row.valid_from, validTo: row.valid_to, createdBy: row.created_by, approvedAt: row.approved_at, lines: [],
    };
    list.lines.push({ sku: row.sku, listPriceFen: Number(row.list_price_fen), floorPriceFen: Number(row.floor_price_fen) });
    lists.set(row.id, list);
  }
  return [...lists.values()];
}
