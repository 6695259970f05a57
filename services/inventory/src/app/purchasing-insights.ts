import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow,
  type Page, type PriceHistoryQuery, type PricePointView, type PurchaseSuggestionsQuery, type PurchaseSuggestionsView, type SupplierEvaluationQuery, type SupplierEvaluationView,
} from '@ops/contracts';
import { businessDate, reportPeriod, type BusinessDate } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { purchaseSuggestions, type SupplyPosition } from '../domain/stock-threshold.js';
import { evaluateSuppliers, monthPeriod, priceHistory, thresholdsFor, type DeliveredLine } from '../domain/supplier-evaluation.js';

/** Purchase order lines still to come: approved or partly received, ordered less received. */
const OPEN_PO_STATUSES = ['approved', 'partly_received'];

/**
 * What purchasing reads to decide (domain/stock-threshold.ts, domain/supplier-evaluation.ts): what to buy, and
 * how suppliers have delivered. Reads only; the rules are the domain's, the SQL gathers their inputs.
 */
@Injectable()
export class PurchasingInsights {
  @Handles(InventoryCatalog.listPurchaseSuggestions)
  async suggestions(query: PurchaseSuggestionsQuery, { tx }: CommandContext): Promise<PurchaseSuggestionsView> {
    const key = (sku: string, warehouseCode: string) => `${sku}\u0000${warehouseCode}`;
    const positions = new Map<string, SupplyPosition>();
    const at = (sku: string, warehouseCode: string) => {
      let p = positions.get(key(sku, warehouseCode));
      if (!p) positions.set(key(sku, warehouseCode), (p = { sku, warehouseCode, backordered: 0, available: 0, onOrder: 0, threshold: null, lastSupplierId: null, lastUnitPriceFen: null }));
      return p;
    };
    const thresholds: Array<{ sku_code: string; warehouse_code: string; min_quantity: number; reorder_quantity: number }> = await tx.query(
      `SELECT sku_code, warehouse_code, min_quantity, reorder_quantity FROM stock_thresholds`,
    );
    for (const t of thresholds) at(t.sku_code, t.warehouse_code).threshold = { minQuantity: t.min_quantity, reorderQuantity: t.reorder_quantity };
    // Backorders name no warehouse: orders are reserved in the main warehouse first, so that is where their goods are wanted.
    const waiting: Array<{ sku: string; quantity: string }> = await tx.query(
      `SELECT l->>'sku' AS sku, sum((l->>'quantity')::int) AS quantity FROM backorders b CROSS JOIN LATERAL jsonb_array_elements(b.lines) AS l
        WHERE b.status = 'open' GROUP BY 1`,
    );
    for (const w of waiting) at(w.sku, DEFAULT_WAREHOUSE).backordered = Number(w.quantity);
    const onOrder: Array<{ sku_code: string; warehouse_code: string; quantity: string }> = await tx.query(
      `SELECT pl.sku_code, pl.warehouse_code, sum(GREATEST(pl.quantity - pl.received_quantity, 0)) AS quantity
         FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
        WHERE po.status = ANY($1::text[]) GROUP BY 1, 2`,
      [OPEN_PO_STATUSES],
    );
    for (const o of onOrder) at(o.sku_code, o.warehouse_code).onOrder = Number(o.quantity);
    const wanted = [...positions.values()].filter((p) => (!query.sku || p.sku === query.sku) && (!query.warehouseCode || p.warehouseCode === query.warehouseCode));
    const skus = [...new Set(wanted.map((p) => p.sku))];
    if (!skus.length) return { items: [] };
    const levels: Array<{ sku_code: string; warehouse_code: string; available: number }> = await tx.query(
      `SELECT sku_code, warehouse_code, on_hand - reserved AS available FROM stock_levels WHERE sku_code = ANY($1::text[])`,
      [skus],
    );
    for (const l of levels) {
      const p = positions.get(key(l.sku_code, l.warehouse_code));
      if (p) p.available = l.available;
    }
    const last = await lastPurchases(tx, skus);
    for (const p of wanted) {
      const bought = last.get(p.sku);
      p.lastSupplierId = bought?.supplierId ?? null;
      p.lastUnitPriceFen = bought?.unitPriceFen ?? null;
    }
    const items = purchaseSuggestions(wanted).map((s) => ({
      sku: s.sku, warehouseCode: s.warehouseCode, backorderedQuantity: s.backordered, availableQuantity: s.available,
      minQuantity: s.threshold?.minQuantity ?? null, reorderQuantity: s.threshold?.reorderQuantity ?? null, shortfallQuantity: s.shortfall, onOrderQuantity: s.onOrder,
      suggestedQuantity: s.suggestedQuantity, lastSupplierId: s.lastSupplierId, lastSupplierName: last.get(s.sku)?.supplierName ?? null, lastUnitPriceFen: s.lastUnitPriceFen,
    }));
    return { items };
  }

  @Handles(InventoryCatalog.listSupplierEvaluation)
  async evaluation(query: SupplierEvaluationQuery, { tx }: CommandContext): Promise<Page<SupplierEvaluationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const period = query.month ? monthPeriod(query.month) : query.from || query.to ? reportPeriod(query, businessDate()) : monthPeriod(businessDate().slice(0, 7));
    const thresholds = thresholdsFor(period.to);
    const lines = await deliveredLines(tx, period);
    const returns: Array<{ supplier_id: string; quantity: string; amount_fen: string }> = await tx.query(
      `SELECT r.supplier_id, (SELECT COALESCE(sum((l->>'quantity')::int), 0) FROM jsonb_array_elements(r.lines) AS l) AS quantity, r.amount_fen
         FROM purchase_returns r
        WHERE r.status = 'shipped' AND r.shipped_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND r.shipped_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [period.from, period.to],
    );
    const scores = evaluateSuppliers(lines, returns.map((r) => ({ supplierId: r.supplier_id, quantity: Number(r.quantity), amountFen: Number(r.amount_fen) })), thresholds);
    const names = await supplierNames(tx, scores.map((s) => s.supplierId));
    const rows = scores
      .filter((s) => query.belowThreshold === undefined || s.belowThreshold === (query.belowThreshold === 'true'))
      .map((s): SupplierEvaluationView => ({
        supplierId: s.supplierId, supplierCode: names.get(s.supplierId)?.code ?? null, supplierName: names.get(s.supplierId)?.name ?? null, from: period.from, to: period.to,
        receiptLines: s.receiptLines, receivedQuantity: s.receivedQuantity, promisedLines: s.promisedLines, onTimeLines: s.onTimeLines, onTimeRate: s.onTimeRate,
        inspectedLines: s.inspectedLines, passedLines: s.passedLines, passRate: s.passRate, returns: s.returns, returnedQuantity: s.returnedQuantity,
        returnedAmountFen: s.returnedAmountFen, minOnTimeRate: thresholds.minOnTimeRate, minPassRate: thresholds.minPassRate, belowThreshold: s.belowThreshold, reasons: s.reasons.join(' '),
      }))
      // Worst on time first (nothing promised last), then by code.
      .sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || (a.passRate ?? 2) - (b.passRate ?? 2) || (a.supplierCode ?? '').localeCompare(b.supplierCode ?? ''));
    return { items: rows.slice(offset, offset + pageSize), page, pageSize, total: rows.length };
  }

  @Handles(InventoryCatalog.listPriceHistory)
  async prices(query: PriceHistoryQuery, { tx }: CommandContext): Promise<Page<PricePointView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const lines = (await deliveredLines(tx, { from: query.from ?? null, to: query.to ?? null }, query.sku)).filter((l) => !query.supplierId || l.supplierId === query.supplierId);
    const points = priceHistory(lines);
    const names = await supplierNames(tx, points.map((p) => p.supplierId));
    const items = points.slice(offset, offset + pageSize).map((p) => ({
      date: p.on, sku: p.sku, supplierId: p.supplierId, supplierName: names.get(p.supplierId)?.name ?? null, receiptNumber: p.receiptNumber,
      quantity: p.quantity, unitPriceFen: p.unitPriceFen, changeFen: p.changeFen,
    }));
    return { items, page, pageSize, total: points.length };
  }
}

/**
 * The lines of audited purchase receipts (those naming a supplier) that arrived in the period, by business date
 * (the arrival, else the audit), with the promised date of the purchase order line each delivers.
 */
async function deliveredLines(tx: EntityManager, period: { from: BusinessDate | null; to: BusinessDate | null }, sku?: string): Promise<DeliveredLine[]> {
  const rows: Array<{ supplier_id: string; number: string; sku: string; quantity: number; unit_price_fen: string | null; arrived_on: string; promised_on: string | null; inspection: string | null }> = await tx.query(
    `SELECT r.supplier_id, r.number, l->>'sku' AS sku, (l->>'quantity')::int AS quantity, l->>'unitPriceFen' AS unit_price_fen,
            to_char(COALESCE(r.arrived_at, r.audited_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS arrived_on,
            to_char(pol.promised_date, 'YYYY-MM-DD') AS promised_on, l->>'inspection' AS inspection
       FROM stock_receipts r CROSS JOIN LATERAL jsonb_array_elements(r.lines) AS l
       LEFT JOIN purchase_order_lines pol ON pol.purchase_order_id = r.purchase_order_id AND pol.line_no = (l->>'poLineNo')::int
      WHERE r.status = 'audited' AND r.supplier_id IS NOT NULL
        AND ($1::date IS NULL OR COALESCE(r.arrived_at, r.audited_at) >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND ($2::date IS NULL OR COALESCE(r.arrived_at, r.audited_at) < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND ($3::text IS NULL OR l->>'sku' = $3)
      ORDER BY COALESCE(r.arrived_at, r.audited_at), r.number`,
    [period.from, period.to, sku ?? null],
  );
  return rows.map((r) => ({
    supplierId: r.supplier_id, receiptNumber: r.number, sku: r.sku, quantity: r.quantity, unitPriceFen: r.unit_price_fen === null ? null : Number(r.unit_price_fen),
    arrivedOn: r.arrived_on, promisedOn: r.promised_on, inspection: r.inspection === 'passed' || r.inspection === 'failed' ? r.inspection : null,
  }));
}

/** Per SKU, the supplier and unit price of its latest audited purchase receipt line with a price. */
async function lastPurchases(tx: EntityManager, skus: string[]): Promise<Map<string, { supplierId: string; supplierName: string | null; unitPriceFen: number }>> {
  const rows: Array<{ sku: string; supplier_id: string; name: string | null; unit_price_fen: string }> = await tx.query(
    `SELECT DISTINCT ON (l->>'sku') l->>'sku' AS sku, r.supplier_id, s.name, l->>'unitPriceFen' AS unit_price_fen
       FROM stock_receipts r CROSS JOIN LATERAL jsonb_array_elements(r.lines) AS l LEFT JOIN suppliers s ON s.id = r.supplier_id
      WHERE r.status = 'audited' AND r.supplier_id IS NOT NULL AND l->>'unitPriceFen' IS NOT NULL AND l->>'sku' = ANY($1::text[])
      ORDER BY l->>'sku', r.audited_at DESC, r.id DESC`,
    [skus],
  );
  return new Map(rows.map((r) => [r.sku, { supplierId: r.supplier_id, supplierName: r.name, unitPriceFen: Number(r.unit_price_fen) }]));
}

async function supplierNames(tx: EntityManager, ids: string[]): Promise<Map<string, { code: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; code: string; name: string }> = await tx.query(`SELECT id, code, name FROM suppliers WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
