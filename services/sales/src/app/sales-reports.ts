import { Injectable } from '@nestjs/common';
import { SalesCatalog, type SalesDailyReportQuery, type SalesDailyReportView } from '@ops/contracts';
import { businessDate, reportPeriod } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { salesDays } from '../domain/daily-report.js';

/** A business date's bounds as instants: from its first moment in Asia/Shanghai to the next date's. */
const DAY_STARTS = `($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const DAY_AFTER_ENDS = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const SHANGHAI_DATE = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** What the sales managers' dashboard reads: orders per day, and the approvals waiting now. */
@Injectable()
export class SalesReports {
  @Handles(SalesCatalog.getDailyReport)
  async getDailyReport(query: SalesDailyReportQuery, { tx }: CommandContext): Promise<SalesDailyReportView> {
    const period = reportPeriod(query, businessDate());
    const bounds = [period.from, period.to];
    const placed: Array<{ day: string; orders: number; total: string }> = await tx.query(
      `SELECT ${SHANGHAI_DATE('placed_at')} AS day, count(*)::int AS orders, COALESCE(sum(total_fen), 0) AS total
         FROM orders WHERE placed_at >= ${DAY_STARTS} AND placed_at < ${DAY_AFTER_ENDS} GROUP BY day`,
      bounds,
    );
    // An order is cancelled once: its history's move into `cancelled` (by a person, or on payment expiry).
    const cancelled: Array<{ day: string; orders: number }> = await tx.query(
      `SELECT ${SHANGHAI_DATE('at')} AS day, count(DISTINCT aggregate_id)::int AS orders
         FROM state_history
        WHERE aggregate = 'order' AND to_state = 'cancelled' AND from_state <> 'cancelled' AND at >= ${DAY_STARTS} AND at < ${DAY_AFTER_ENDS}
        GROUP BY day`,
      bounds,
    );
    const [pending]: Array<{ orders: number; credit_changes: number; price_lists: number }> = await tx.query(
      `SELECT (SELECT count(*) FROM orders WHERE status = 'pending_approval')::int AS orders,
              (SELECT count(*) FROM credit_changes WHERE status IN ('pending_manager', 'pending_vp'))::int AS credit_changes,
              (SELECT count(*) FROM price_lists WHERE status = 'draft')::int AS price_lists`,
    );
    return {
      ...period,
      days: salesDays(
        period,
        placed.map((r) => ({ date: r.day, orders: r.orders, totalFen: Number(r.total) })),
        cancelled.map((r) => ({ date: r.day, orders: r.orders })),
      ),
      pendingApproval: { orders: pending.orders, creditChanges: pending.credit_changes, priceLists: pending.price_lists },
    };
  }
}
