import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { mondayFrom, OutletComplaints, OutletReplenishments, OutletRota, OutletTargets, OutletWaste } from './OutletRecords';

const BASE = '/api/v1/sales/outlets/BAR1';
const OP = '/api/v1/sales/outlets/{code}';
const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const page = (items: unknown[]) => ({ items, page: 1, pageSize: 100, total: items.length });
const dates = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2026, 11, 7 + i)).toISOString().slice(0, 10));
const rota = {
  outletCode: 'BAR1', startDate: dates[0], endDate: dates[27], dates, shiftKinds: ['day', 'evening'], open: dates.map(() => true), savedBy: 'bar_supervisor', savedAt: '2026-12-01T00:00:00Z', origin: 'generated',
  rows: [
    { username: 'amy', days: dates.map((_, i) => (i % 7 === 0 ? 'rest' : 'day')), restDays: 4, weekendRestDays: 0 },
    { username: 'bob', days: dates.map((_, i) => (i % 7 === 6 ? 'rest' : 'evening')), restDays: 4, weekendRestDays: 4 },
  ],
};
const waste = (patch: Record<string, unknown> = {}) => ({
  id: 'w-1', number: 'W-BAR1-2026-000001', outletCode: 'BAR1', status: 'recorded', businessDate: '2026-12-01', note: 'Tray dropped', recordedBy: 'bar_staff', recordedAt: '2026-12-01T10:00:00Z',
  lines: [{ lineNo: 1, sku: 'BEER-330', quantity: 3, kind: 'breakage', floorPriceFen: 900, unitCostFen: null, costFen: null, costBasis: null }],
  decidedBy: null, decidedAt: null, rejectReason: null, costFen: null, journalEntryNumber: null, ...patch,
});

beforeEach(() => localStorage.setItem('ops-console-outlet', 'BAR1'));

describe('an outlet\'s records', { timeout: 30_000 }, () => {
  it('starts the rota on a Monday', () => {
    expect(mondayFrom('2026-12-02')).toBe('2026-12-07');
    expect(mondayFrom('2026-12-07')).toBe('2026-12-07');
  });

  it('shows the rota as people × days with rest days marked and counted, and generates one for the supervisor', async () => {
    const { sent } = renderSignedIn(fetchMock, <OutletRota />, {
      roles: ['bar_supervisor'], operations: [`GET ${OP}/rota`, `POST ${OP}/rota`],
      routes: [route('GET', `${BASE}/rota`, { status: 200, body: rota }), route('POST', `${BASE}/rota`, { status: 200, body: rota })],
    });
    expect(await screen.findByTestId(`rest-amy-${dates[0]}`)).toBeTruthy();
    expect(screen.getByTestId(`rest-bob-${dates[6]}`)).toBeTruthy();
    expect(screen.getByTestId('rest-count-amy').textContent).toBe('4');
    fireEvent.click(screen.getByTestId('generate-rota'));
    await waitFor(() => expect(sent('POST', `${BASE}/rota`)).toHaveLength(1));
    expect(await sent('POST', `${BASE}/rota`)[0].json()).toEqual({ startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('shows the waste with its cost and lets the supervisor approve', async () => {
    const { sent } = renderSignedIn(fetchMock, <OutletWaste />, {
      roles: ['bar_supervisor'], operations: [`GET ${OP}/waste`, `POST ${OP}/waste/{id}/approve`],
      routes: [
        route('GET', `${BASE}/waste`, { status: 200, body: page([waste(), waste({ id: 'w-2', number: 'W-BAR1-2026-000002', status: 'approved', costFen: 1_500 })]) }),
        route('POST', `${BASE}/waste/w-1/approve`, { status: 200, body: waste({ status: 'approved' }) }),
      ],
    });
    expect((await screen.findByTestId('cost-W-BAR1-2026-000002')).textContent).toBe('¥15.00');
    expect(screen.queryByTestId('record-waste')).toBeNull();
    fireEvent.click(screen.getByTestId('approve-W-BAR1-2026-000001'));
    await waitFor(() => expect(sent('POST', `${BASE}/waste/w-1/approve`)).toHaveLength(1));
  });

  it('shows the attainment of the day, week and month', async () => {
    const p = (from: string, to: string, targetFen: number | null, actualFen: number, percent: number | null) => ({ from, to, targetFen, actualFen, percent });
    renderSignedIn(fetchMock, <OutletTargets />, {
      roles: ['store_clerk'], operations: [`GET ${OP}/targets/attainment`],
      routes: [route('GET', `${BASE}/targets/attainment`, { status: 200, body: { outletCode: 'BAR1', date: '2026-12-02', day: p('2026-12-02', '2026-12-02', 40_000, 10_000, 25), week: p('2026-11-30', '2026-12-06', 200_000, 10_000, 5), month: p('2026-12-01', '2026-12-31', null, 10_000, null) } })],
    });
    expect(await screen.findByText('25')).toBeTruthy();
    expect(screen.getByTestId('attainment-month').textContent).toContain('未设目标');
    expect(screen.queryByTestId('set-target')).toBeNull();
  });

  it('flags a complaint open for more than three days; the clerk logs but does not resolve', async () => {
    renderSignedIn(fetchMock, <OutletComplaints />, {
      roles: ['store_clerk'], operations: [`GET ${OP}/complaints`, `POST ${OP}/complaints`],
      routes: [route('GET', `${BASE}/complaints`, { status: 200, body: page([{ id: 'c-1', number: 'C-BAR1-2026-000001', outletCode: 'BAR1', status: 'open', customerName: 'Ms Wang', contact: null, ticketNumber: null, category: 'service', description: 'slow', loggedBy: 'bar_staff', loggedAt: '2026-11-20T10:00:00Z', assignedTo: null, resolution: null, outcome: null, resolvedBy: null, resolvedAt: null, overdue: true }]) })],
    });
    expect(await screen.findByTestId('overdue-C-BAR1-2026-000001')).toBeTruthy();
    expect(screen.getByTestId('log-complaint')).toBeTruthy();
    expect(screen.queryByTestId('resolve-C-BAR1-2026-000001')).toBeNull();
  });

  it('lists replenishment requests with the transfer number', async () => {
    renderSignedIn(fetchMock, <OutletReplenishments />, {
      roles: ['store_manager'], operations: [`GET ${OP}/replenishments`],
      routes: [route('GET', `${BASE}/replenishments`, { status: 200, body: page([{ id: 'r-1', number: 'R-BAR1-2026-000001', outletCode: 'BAR1', status: 'transfer-raised', fromWarehouseCode: 'WH1', toWarehouseCode: 'BAR1', lines: [{ sku: 'BEER-330', quantity: 48 }], note: null, requestedBy: 'store_manager', requestedAt: '2026-12-01T10:00:00Z', transferNumber: 'TR-2026-000007' }]) })],
    });
    expect(await screen.findByText('TR-2026-000007')).toBeTruthy();
    expect(screen.getByText('BEER-330 ×48')).toBeTruthy();
  });
});
