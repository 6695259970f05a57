import { Injectable } from '@nestjs/common';
import {
  PERFORMANCE_MAX_DAYS, pageWindow, ReceiptCounted, RefundIssued, SalesCatalog, type EventEnvelope, type Page, type PerformanceQuery, type PerformanceRowView, type PerformanceSummaryQuery,
  type PerformanceSummaryView, type ReceiptCountedData, type RefundIssuedData,
} from '@ops/contracts';
import { businessDate, REPORT_DEFAULT_DAYS, reportPeriod, type Period } from '@ops/kernel';
import { writeAtFlush } from '@ops/persistence';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { performanceRows, performanceSummary, type CollectionFact, type MonthlyTarget, type SalesFact, type SkuFact } from '../domain/sales-performance.js';

/** A business date's bounds as instants: from its first moment in Asia/Shanghai to the next date's. */
const PERIOD_STARTS = `($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const PERIOD_ENDS = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
/** A sale is an order placed in the period and not cancelled since. */
const SOLD = `o.placed_at >= ${PERIOD_STARTS} AND o.placed_at < ${PERIOD_ENDS} AND o.status <> 'cancelled'`;

/**
 * The sales reports (domain.md §8): sold against money received, by rep, region, customer, SKU or date, with
 * targets. The money comes from finance's `finance.receipt.counted` less `finance.refund.issued`, kept here per order; nothing is read
 * from finance's schema. The database sums per date and customer; domain/sales-performance.ts groups.
 */
@Injectable()
export class SalesPerformance {
  /** Safe to run again: a receipt is kept once. */
  @OnEvent(ReceiptCounted, 'order-collection')
  async onReceiptCounted(event: EventEnvelope<ReceiptCountedData>, tx: EntityManager): Promise<void> {
    const { receiptId, receiptNumber, orderId, amountFen, receivedOn } = event.data;
    await keepMoney(tx, { moneyId: receiptId, kind: 'receipt', receiptNumber, orderId, amountFen, on: receivedOn });
  }

  /** Money paid back (a cancelled order's or a return's refund) is taken off what was received, on the day it was paid. */
  @OnEvent(RefundIssued, 'order-refund-collection')
  async onRefundIssued(event: EventEnvelope<RefundIssuedData>, tx: EntityManager): Promise<void> {
    const { refundId, orderId, amountFen, paidAt } = event.data;
    await keepMoney(tx, { moneyId: refundId, kind: 'refund', receiptNumber: null, orderId, amountFen: -amountFen, on: businessDate(new Date(paidAt)) });
  }

  @Handles(SalesCatalog.getPerformanceSummary)
  async getSummary(query: PerformanceSummaryQuery, { tx }: CommandContext): Promise<PerformanceSummaryView> {
    const period = periodOf(query);
    const facts = await this.factsOf(tx, period);
    return performanceSummary(period, facts.sales, facts.collections, facts.skus, facts.targets);
  }

  @Handles(SalesCatalog.listPerformance)
  async listPerformance(query: PerformanceQuery, { tx }: CommandContext): Promise<Page<PerformanceRowView>> {
    const period = periodOf(query);
    const { page, pageSize, offset } = pageWindow(query);
    const facts = await this.factsOf(tx, period);
    const rows = performanceRows(query.by, period, facts.sales, facts.collections, facts.skus, facts.targets);
    return { items: rows.slice(offset, offset + pageSize), page, pageSize, total: rows.length };
  }

  private async factsOf(tx: EntityManager, period: Period): Promise<{ sales: SalesFact[]; collections: CollectionFact[]; skus: SkuFact[]; targets: MonthlyTarget[] }> {
    const bounds = [period.from, period.to];
    const sales: Array<{ placed_on: string; customer_id: string; customer_name: string; sales_rep: string | null; region: string | null; orders: number; quantity: number; amount: string }> = await tx.query(
      `SELECT to_char(o.placed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS placed_on, o.customer_id, max(o.customer_name) AS customer_name, o.sales_rep, o.region,
              count(*)::int AS orders, COALESCE(sum(q.quantity), 0)::int AS quantity, sum(o.total_fen) AS amount
         FROM orders o CROSS JOIN LATERAL (SELECT sum(quantity) AS quantity FROM order_lines WHERE order_id = o.id) q
        WHERE ${SOLD}
        GROUP BY 1, o.customer_id, o.sales_rep, o.region`,
      bounds,
    );
    const collections: Array<{ received_on: string; customer_id: string; customer_name: string; sales_rep: string | null; region: string | null; amount: string }> = await tx.query(
      `SELECT to_char(c.received_on, 'YYYY-MM-DD') AS received_on, o.customer_id, max(o.customer_name) AS customer_name, o.sales_rep, o.region, sum(c.amount_fen) AS amount
         FROM order_collections c JOIN orders o ON o.id = c.order_id
        WHERE c.received_on BETWEEN $1::date AND $2::date
        GROUP BY 1, o.customer_id, o.sales_rep, o.region`,
      bounds,
    );
    const skus: Array<{ sku: string; orders: number; quantity: number; amount: string }> = await tx.query(
      `SELECT l.sku, count(DISTINCT l.order_id)::int AS orders, sum(l.quantity)::int AS quantity, sum(l.line_total_fen) AS amount
         FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE ${SOLD}
        GROUP BY l.sku`,
      bounds,
    );
    // Approved targets only; a rep's target is theirs over every region, a region's is every rep's in it.
    const targets: Array<{ rep: string; region: string; month: string; approved_fen: string }> = await tx.query(
      `SELECT rep, region, month, approved_fen FROM sales_targets WHERE approved_fen IS NOT NULL AND month BETWEEN $1 AND $2`,
      [period.from.slice(0, 7), period.to.slice(0, 7)],
    );
    return {
      sales: sales.map((r) => ({ placedOn: r.placed_on, customerId: r.customer_id, customerName: r.customer_name, salesRep: r.sales_rep, region: r.region, orders: r.orders, quantity: r.quantity, amountFen: Number(r.amount) })),
      collections: collections.map((r) => ({ receivedOn: r.received_on, customerId: r.customer_id, customerName: r.customer_name, salesRep: r.sales_rep, region: r.region, amountFen: Number(r.amount) })),
      skus: skus.map((r) => ({ sku: r.sku, orders: r.orders, quantity: r.quantity, amountFen: Number(r.amount) })),
      targets: targets.flatMap((t) => [
        { scope: 'rep' as const, subject: t.rep, month: t.month, amountFen: Number(t.approved_fen) },
        { scope: 'region' as const, subject: t.region, month: t.month, amountFen: Number(t.approved_fen) },
      ]),
    };
  }
}

/** Nothing is read back (a repeat is skipped by the key), so the row goes with the COMMIT. */
async function keepMoney(tx: EntityManager, m: { moneyId: string; kind: 'receipt' | 'refund'; receiptNumber: string | null; orderId: string; amountFen: number; on: string }): Promise<void> {
  await writeAtFlush(tx, [
    `INSERT INTO order_collections (money_id, kind, receipt_number, order_id, amount_fen, received_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (money_id) DO NOTHING`,
    [m.moneyId, m.kind, m.receiptNumber, m.orderId, m.amountFen, m.on],
  ]);
}

const periodOf = (query: { from?: string; to?: string }): Period => reportPeriod(query, businessDate(), { defaultDays: REPORT_DEFAULT_DAYS, maxDays: PERFORMANCE_MAX_DAYS });
