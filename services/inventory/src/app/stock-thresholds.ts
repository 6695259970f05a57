import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  InventoryCatalog, pageWindow, StockLow,
  type Actor, type ListStockThresholdsQuery, type Page, type SetStockThresholdRequest, type StockThresholdView,
} from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { Handles, METRICS_REGISTRY, OUTBOX, PeriodicJob, SERVICE_CONFIG, type CommandContext, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { isLow, lowStockCrossings, requireValidThreshold, type WatchedThreshold } from '../domain/stock-threshold.js';

/** The platform itself, when it raises an alert on a rule rather than on a person's command. */
const SYSTEM: Actor = { userId: 'system:low-stock-watch', roles: [] };

interface ThresholdRow {
  sku_code: string;
  warehouse_code: string;
  min_quantity: number;
  reorder_quantity: number;
  alerted: boolean;
  updated_by: string;
  updated_at: Date;
  available: number;
}

const WATCHED = `SELECT t.sku_code, t.warehouse_code, t.min_quantity, t.reorder_quantity, t.alerted, t.updated_by, t.updated_at,
                        COALESCE(l.on_hand - l.reserved, 0)::int AS available
                   FROM stock_thresholds t LEFT JOIN stock_levels l ON l.sku_code = t.sku_code AND l.warehouse_code = t.warehouse_code`;

const watched = (r: ThresholdRow): WatchedThreshold => ({
  sku: r.sku_code, warehouseCode: r.warehouse_code, minQuantity: r.min_quantity, reorderQuantity: r.reorder_quantity, alerted: r.alerted, available: r.available,
});

/**
 * Low-stock thresholds per SKU and warehouse, and their alert (domain/stock-threshold.ts).
 *
 * Why a periodic check rather than a hook in the ledger's writes: available stock changes in every ledger
 * operation (receipts, shipments, issues, reservations, releases, transfers, counts) and in the operations other
 * teams are adding to it; a check that reads the thresholds against the levels catches all of them in one
 * place, adds nothing to the stock lock every order waits on, and cannot be bypassed by a new writer. The cost:
 * an alert comes one scan late (seconds), and a dip that recovers between two scans is not reported — which is
 * fine for buying, where what matters is stock that stays low. Each crossing is alerted once: the `alerted`
 * flag is set with the event in one transaction, and cleared when available is back at the minimum.
 */
@Injectable()
export class StockThresholds implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.job = new PeriodicJob('low-stock-watch', config.jobs.scanMs, () => this.checkThresholds(), registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  @Handles(InventoryCatalog.setStockThreshold)
  async set(request: SetStockThresholdRequest, { tx, actor }: CommandContext): Promise<StockThresholdView> {
    requireValidThreshold(request);
    const [known]: Array<{ sku: boolean; warehouse: boolean }> = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM skus WHERE code = $1) AS sku, EXISTS (SELECT 1 FROM warehouses WHERE code = $2) AS warehouse`,
      [request.sku, request.warehouseCode],
    );
    if (!known.sku || !known.warehouse) {
      throw new DomainError('rule_violated', 'unknown-sku-or-warehouse', `No SKU ${request.sku} or warehouse ${request.warehouseCode}`, [
        ...(known.sku ? [] : [{ field: 'sku', message: 'names no SKU' }]),
        ...(known.warehouse ? [] : [{ field: 'warehouseCode', message: 'names no warehouse' }]),
      ]);
    }
    // A changed threshold is checked afresh: its alert flag starts again, so a warehouse low under the new figures is alerted once.
    await tx.query(
      `INSERT INTO stock_thresholds (sku_code, warehouse_code, min_quantity, reorder_quantity, alerted, updated_by, updated_at) VALUES ($1, $2, $3, $4, false, $5, now())
       ON CONFLICT (sku_code, warehouse_code) DO UPDATE SET min_quantity = EXCLUDED.min_quantity, reorder_quantity = EXCLUDED.reorder_quantity, updated_by = EXCLUDED.updated_by, updated_at = now(),
         alerted = stock_thresholds.alerted AND stock_thresholds.min_quantity = EXCLUDED.min_quantity AND stock_thresholds.reorder_quantity = EXCLUDED.reorder_quantity`,
      [request.sku, request.warehouseCode, request.minQuantity, request.reorderQuantity, actor.userId],
    );
    const [row]: ThresholdRow[] = await tx.query(`${WATCHED} WHERE t.sku_code = $1 AND t.warehouse_code = $2`, [request.sku, request.warehouseCode]);
    return thresholdView(row);
  }

  @Handles(InventoryCatalog.listStockThresholds)
  async list(query: ListStockThresholdsQuery, { tx }: CommandContext): Promise<Page<StockThresholdView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const rows: Array<ThresholdRow & { total: string }> = await tx.query(
      `SELECT *, count(*) OVER () AS total FROM (${WATCHED}) w
        WHERE ($1::text IS NULL OR sku_code = $1) AND ($2::text IS NULL OR warehouse_code = $2)
          AND ($3::boolean IS NULL OR (available < min_quantity) = $3)
        ORDER BY sku_code COLLATE "C", warehouse_code COLLATE "C" LIMIT $4 OFFSET $5`,
      [query.sku ?? null, query.warehouseCode ?? null, query.low === undefined ? null : query.low === 'true', pageSize, offset],
    );
    return { items: rows.map(thresholdView), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  /**
   * One scan: the thresholds whose alert state is to change (the SQL narrows, the domain decides), claimed with
   * SKIP LOCKED so two instances never alert the same crossing; the event and the flag in one transaction.
   */
  async checkThresholds(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      // The condition reads the locked row itself, so an instance that waited on it sees the flag another one just set.
      const rows: ThresholdRow[] = await tx.query(
        `${WATCHED} WHERE (COALESCE(l.on_hand - l.reserved, 0) < t.min_quantity) <> t.alerted
          ORDER BY t.sku_code, t.warehouse_code LIMIT 500
          FOR UPDATE OF t SKIP LOCKED`,
      );
      const { alert, recovered } = lowStockCrossings(rows.map(watched));
      for (const t of alert) await this.alert(tx, t);
      if (recovered.length) {
        await tx.query(
          `UPDATE stock_thresholds AS t SET alerted = false FROM unnest($1::text[], $2::text[]) AS r(sku_code, warehouse_code)
            WHERE t.sku_code = r.sku_code AND t.warehouse_code = r.warehouse_code`,
          [recovered.map((t) => t.sku), recovered.map((t) => t.warehouseCode)],
        );
      }
      return alert.length + recovered.length;
    });
  }

  private async alert(tx: EntityManager, t: WatchedThreshold): Promise<void> {
    // Not an update of the threshold itself: who set it and when stay as they were.
    await tx.query(`UPDATE stock_thresholds SET alerted = true WHERE sku_code = $1 AND warehouse_code = $2`, [t.sku, t.warehouseCode]);
    await this.outbox.append(tx, StockLow, {
      aggregateId: `${t.sku}@${t.warehouseCode}`,
      actor: SYSTEM,
      data: {
        sku: t.sku, warehouseCode: t.warehouseCode, availableQuantity: t.available, minQuantity: t.minQuantity, reorderQuantity: t.reorderQuantity,
        shortfallQuantity: Math.max(t.reorderQuantity - Math.max(t.available, 0), 0), detectedAt: new Date().toISOString(),
      },
    });
  }
}

function thresholdView(r: ThresholdRow): StockThresholdView {
  return {
    sku: r.sku_code, warehouseCode: r.warehouse_code, minQuantity: r.min_quantity, reorderQuantity: r.reorder_quantity, availableQuantity: r.available,
    low: isLow({ minQuantity: r.min_quantity, available: r.available }), alerted: r.alerted, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString(),
  };
}
