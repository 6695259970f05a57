import { Injectable } from '@nestjs/common';
import type { MaterialRequestView } from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import type { Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { cancelMaterialRequest, raiseMaterialRequest, receiveMaterialRequest, reopenMaterialRequest, shortfalls } from '../domain/material-request.js';
import { MaterialRequestEntity } from '../infra/persistence/material-requests.entities.js';
import { MaterialRequestStore } from '../infra/persistence/material-requests.stores.js';

/** What a released production order needs of each material (quantity = order quantity × quantity per unit). */
export interface MaterialNeed {
  productionOrderId: string;
  productionOrderNumber: string;
  lines: Array<{ sku: string; quantity: number }>;
}

/** One request raised for a material the stock does not cover. */
export type RaisedMaterialRequest = MaterialRequestView;

/** Requests that still count on stock or on a purchase: not received, not cancelled. */
const PENDING = ['open', 'ordered'];

/**
 * Material requests (domain/material-request.ts) as the rest of inventory meets them: raised, net of stock,
 * when a production order is released; received, or open again, as the purchase order they were bought on
 * comes in or is cancelled. Always in the caller's transaction.
 */
@Injectable()
export class MaterialRequestDesk {
  constructor(private readonly requests: MaterialRequestStore) {}

  /**
   * One request per material with a shortfall (none when the stock covers it), answering what was raised.
   * Available = on hand less reserved in the warehouses that sell, less what pending requests of other
   * production orders count on of it; see `availableForRequest`. Two releases needing one material take turns
   * on a lock of that material's requests (not the stock's lock: nothing here moves stock), so neither counts
   * on stock the other just counted on.
   */
  async raiseFor(tx: EntityManager, need: MaterialNeed, acting: Acting): Promise<RaisedMaterialRequest[]> {
    const skus = [...new Set(need.lines.map((l) => l.sku))].sort();
    if (!skus.length) return [];
    for (const sku of skus) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`material-requests:${sku}`]);
    const free: Array<{ sku_code: string; free: string }> = await tx.query(
      `SELECT l.sku_code, sum(GREATEST(l.on_hand - l.reserved, 0)) AS free
         FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse_code AND w.sellable
        WHERE l.sku_code = ANY($1::text[]) GROUP BY 1`,
      [skus],
    );
    const counted: Array<{ sku: string; counted: string }> = await tx.query(
      `SELECT sku, sum(required_quantity - requested_quantity) AS counted FROM material_requests
        WHERE sku = ANY($1::text[]) AND status = ANY($2::text[]) AND production_order_id <> $3 GROUP BY 1`,
      [skus, PENDING, need.productionOrderId],
    );
    const short = shortfalls(need.lines.map((l) => ({
      sku: l.sku, required: l.quantity,
      free: Number(free.find((f) => f.sku_code === l.sku)?.free ?? 0),
      counted: Number(counted.find((c) => c.sku === l.sku)?.counted ?? 0),
    })));
    const raised: RaisedMaterialRequest[] = [];
    for (const s of short) {
      const step = raiseMaterialRequest({
        id: uuidv7(), number: await nextDocumentNumber(tx, 'MR', businessYear()), productionOrderId: need.productionOrderId,
        productionOrderNumber: need.productionOrderNumber, sku: s.sku, required: s.required, available: s.available, requested: s.requested, raisedBy: acting.actor.userId,
      });
      const row = await this.requests.create(tx, step, acting);
      raised.push(materialRequestView(await this.requests.get(tx, row.id, { lock: false })));
    }
    return raised;
  }

  /** The requests of a production order, in the order they were raised (its detail view shows them). */
  async requestsOf(tx: EntityManager, productionOrderId: string): Promise<MaterialRequestView[]> {
    const rows = await tx.find(MaterialRequestEntity, { where: { productionOrderId }, order: { number: 'ASC' } });
    return rows.map(materialRequestView);
  }

  /** Its production order was cancelled: its open requests are cancelled with it (ordered ones stay with their purchase order). */
  async cancelFor(tx: EntityManager, productionOrderId: string, reason: string, acting: Acting): Promise<void> {
    const open = await tx.find(MaterialRequestEntity, { where: { productionOrderId, status: 'open' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    for (const row of open) await this.requests.apply(tx, row, (r) => cancelMaterialRequest(r, acting.actor.userId, reason), acting);
  }

  /** A purchase order came in full (the audit of its last receipt): the requests bought on it are received. */
  async receivedWith(tx: EntityManager, order: { id: string; status: string }, receiptNumber: string, acting: Acting): Promise<void> {
    if (order.status !== 'received') return;
    const ordered = await tx.find(MaterialRequestEntity, { where: { purchaseOrderId: order.id, status: 'ordered' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    for (const row of ordered) await this.requests.apply(tx, row, (r) => receiveMaterialRequest(r, receiptNumber), acting);
  }

  /** A purchase order was cancelled: the requests bought on it are open again, to be bought on another. */
  async reopenFor(tx: EntityManager, orderId: string, reason: string, acting: Acting): Promise<void> {
    const ordered = await tx.find(MaterialRequestEntity, { where: { purchaseOrderId: orderId, status: 'ordered' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    for (const row of ordered) await this.requests.apply(tx, row, (r) => reopenMaterialRequest(r, reason), acting);
  }
}

export function materialRequestView(r: MaterialRequestEntity): MaterialRequestView {
  return {
    id: r.id, number: r.number, productionOrderId: r.productionOrderId, productionOrderNumber: r.productionOrderNumber, sku: r.sku,
    requiredQuantity: r.requiredQuantity, availableQuantity: r.availableQuantity, requestedQuantity: r.requestedQuantity, status: r.status,
    purchaseOrderId: r.purchaseOrderId, purchaseOrderNumber: r.purchaseOrderNumber, raisedBy: r.raisedBy, cancelledBy: r.cancelledBy, cancelReason: r.cancelReason,
    raisedAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}
