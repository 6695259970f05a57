import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { Performance } from './Performance';
import { periodOf } from './performance-period';

describe('the report periods', () => {
  it('gives today, this week from Monday and this month from the 1st, and the ones before', () => {
    // 2026-11-25 is a Wednesday.
    expect(periodOf('day', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(periodOf('day', '2026-11-25', 1)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    expect(periodOf('week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-25' });
    expect(periodOf('week', '2026-11-25', 1)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodOf('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(periodOf('month', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(periodOf('month', '2026-03-10', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2026-01-10', 1)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

const summary = {
  from: '2026-10-01', to: '2026-10-31', orders: 5, quantity: 17, amountFen: 276_000, collectedFen: 190_000, collectionRatePercent: 68.8, customers: 3,
  targetFen: 100_000, attainmentPercent: 124, bestSeller: { sku: 'DESK-1', orders: 3, quantity: 7, amountFen: 210_000 },
};
const row = { key: 'rep_east', label: 'rep_east', orders: 3, quantity: 10, amountFen: 124_000, sharePercent: 44.9, collectedFen: 124_000, targetFen: 100_000, attainmentPercent: 124 };
const routes: Route[] = [
  (r) => (new URL(r.url).pathname === '/api/v1/sales/reports/performance/summary' ? { body: summary } : undefined),
  (r) => (new URL(r.url).pathname === '/api/v1/sales/reports/performance' ? { body: { items: [row], page: 1, pageSize: 20, total: 1 } } : undefined),
];

describe('the sales performance screen', { timeout: 30_000 }, () => {
  it('shows the period\'s figures and asks for last month grouped by region when told so', async () => {
    const { sent } = renderSignedIn(fetchMock, <Performance />, {
      roles: ['sales_vp'], operations: ['GET /api/v1/sales/reports/performance', 'GET /api/v1/sales/reports/performance/summary'], routes,
    });
    expect((await screen.findByTestId('perf-sold')).textContent).toContain('2,760.00');
    expect((await screen.findByTestId('perf-collected')).textContent).toContain('1,900.00');
    expect((await screen.findAllByText('124.0 %')).length).toBeGreaterThanOrEqual(2); // the summary and the rep's row
    fireEvent.click(screen.getByText('上一期'));
    fireEvent.click(screen.getByText('按区域'));
    await waitFor(() => {
      const asked = sent('GET', '/api/v1/sales/reports/performance').map((r) => new URL(r.url).searchParams);
      expect(asked.some((q) => q.get('by') === 'region' && /^\d{4}-\d{2}-01$/.test(q.get('from') ?? '') && q.get('to') !== q.get('from'))).toBe(true);
    });
  });
});
