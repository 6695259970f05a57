import type { Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { PerformanceQuery, PerformanceRowView, PerformanceSummaryQuery, PerformanceSummaryView } from './performance.js';

const READERS: readonly Role[] = ['sales_manager', 'sales_vp', 'general_manager'];
const BAD_PERIOD = { status: 400, description: 'A bad date or grouping, a period that ends before it starts, or one of more than 366 days (naming the field)' } as const;

/** The sales reports of the daily, weekly and monthly meetings: sold, received, shares, targets, best sellers. */
export const SALES_PERFORMANCE_OPERATIONS = {
  getPerformanceSummary: {
    kind: 'query', roles: READERS, request: PerformanceSummaryQuery,
    http: { method: 'GET', path: 'sales/reports/performance/summary' },
    answers: PerformanceSummaryView, summary: 'A period\'s sales, money received, target attainment and best seller', errors: [BAD_PERIOD],
    description:
      'Sold = orders placed in the period (business dates, Asia/Shanghai) and not cancelled since, at their totals. Received = the money ' +
      'finance counted in the period (cash and POS when recorded, transfers when verified), for orders placed whenever, less the refunds it paid ' +
      'in the period; sales learns them from `finance.receipt.counted` and `finance.refund.issued`. Target = the approved monthly targets of every rep, prorated by the days of each month the period covers. ' +
      'A day, a week or a month is just its dates as `from` and `to`. Without them, the 30 business days ending today.',
  },
  listPerformance: {
    kind: 'query', roles: READERS, request: PerformanceQuery,
    http: { method: 'GET', path: 'sales/reports/performance' },
    answers: pageOf(PerformanceRowView), summary: 'A period\'s sales grouped by rep, region, customer, SKU, day, week or month (CSV too)', errors: [BAD_PERIOD],
    description:
      'One row per group with its orders, units, amount, share of the period\'s sales and money received for its orders; reps and regions ' +
      'with their prorated target and attainment (a rep or region with a target and no sale is listed at 0 %). Largest amount first; by day, ' +
      'week (Monday to Sunday) or month, oldest first, only dates with sales or money. By SKU there is no money column: money is received per ' +
      'order. `Accept: text/csv` gives every row as CSV (money in yuan).',
  },
} satisfies Record<string, OperationSpec>;
