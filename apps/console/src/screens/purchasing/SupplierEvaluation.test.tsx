import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { businessDate } from '../../lib/money';
import { renderSignedIn, type Route } from '../kit/testing';
import { SupplierEvaluation } from './SupplierEvaluation';

const score = {
  supplierId: 's-1', supplierCode: 'SUP-HZTEA', supplierName: '杭州龙井茶厂', from: '2026-11-01', to: '2026-11-30', receiptLines: 10, receivedQuantity: 100,
  promisedLines: 10, onTimeLines: 8, onTimeRate: 0.8, inspectedLines: 10, passedLines: 10, passRate: 1, returns: 1, returnedQuantity: 2, returnedAmountFen: 2_260,
  minOnTimeRate: 0.9, minPassRate: 0.95, belowThreshold: true, reasons: 'on-time',
};

describe('the supplier evaluation', () => {
  beforeEach(() => fetchMock.mockReset());

  it('asks for this month and shows the rates, flagging a supplier below threshold with why', async () => {
    const scores: Route = (request) => (new URL(request.url).pathname === '/api/v1/inventory/supplier-evaluation' ? { body: { items: [score], page: 1, pageSize: 20, total: 1 } } : undefined);
    const { sent } = renderSignedIn(fetchMock, <SupplierEvaluation />, { roles: ['purchasing_manager'], operations: ['GET /api/v1/inventory/supplier-evaluation'], routes: [scores] });
    expect(await screen.findByText('SUP-HZTEA 杭州龙井茶厂')).toBeTruthy();
    expect(screen.getByText('80.0 % (8/10)')).toBeTruthy();
    expect(screen.getByText('准时率低')).toBeTruthy();
    await waitFor(() => expect(sent('GET', '/api/v1/inventory/supplier-evaluation').length).toBeGreaterThan(0));
    expect(new URL(sent('GET', '/api/v1/inventory/supplier-evaluation')[0].url).searchParams.get('month')).toBe(businessDate().slice(0, 7));
  }, 20_000);
});
