import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { addToCart, cartTotal, tenderBody, Till } from './Till';

const BASE = '/api/v1/sales/outlets/STORE1';
const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const outlet = { id: 'o-1', code: 'STORE1', name: 'Tea shop', kind: 'store', warehouseCode: 'STORE1', priceListId: 'p-1', priceListNumber: 'PL-1', openingHours: {}, status: 'active', staff: [], myPosition: 'clerk', createdBy: 'sales_manager', createdAt: '2026-11-30T00:00:00Z' };
const check = { id: 'c-1', outletCode: 'STORE1', businessDate: '2026-11-30', equipmentOk: true, equipmentNotes: null, cashFloatFen: 50_000, displayStockChecked: true, displayNotes: null, checkedBy: 'store_clerk', checkedAt: '2026-11-30T01:00:00Z' };
const paid = {
  id: 't-1', outletCode: 'STORE1', number: 'T-STORE1-2026-000007', status: 'paid', tableLabel: null, businessDate: '2026-11-30', subtotalFen: 25_600, discountFen: 0, totalFen: 25_600,
  discountApprovedBy: null, openedBy: 'store_clerk', openedAt: '2026-11-30T02:00:00Z', cashier: 'store_clerk', paidAt: '2026-11-30T02:00:00Z', voidedBy: null, voidReason: null, voidedAt: null,
  changeFen: 4_400, lines: [{ lineNo: 1, sku: 'SKU-TEA-001', quantity: 2, listPriceFen: 12_800, unitPriceFen: 12_800, amountFen: 25_600, slipId: null }],
  tenders: [{ seq: 1, method: 'cash', amountFen: 25_600, tenderedFen: 30_000, changeFen: 4_400, counterfeitChecked: true, cards: null, payer: null, reference: null }],
};
const OPS = ['POST /api/v1/sales/outlets/{code}/tickets', 'GET /api/v1/sales/outlets', 'GET /api/v1/sales/outlets/{code}/tickets'];

beforeEach(() => localStorage.setItem('ops-console-outlet', 'STORE1'));

describe('the till', { timeout: 30_000 }, () => {
  it('rings two of an item up by tap and scan, takes cash after the counterfeit check and shows the receipt number', async () => {
    const { sent } = renderSignedIn(fetchMock, <Till />, {
      roles: ['store_clerk'], operations: OPS,
      routes: [
        route('GET', '/api/v1/sales/outlets', { status: 200, body: { items: [outlet], page: 1, pageSize: 200, total: 1 } }),
        route('GET', `${BASE}/opening-check`, { status: 200, body: check }),
        route('GET', `${BASE}/prices`, { status: 200, body: [{ sku: 'SKU-TEA-001', listPriceFen: 12_800, floorPriceFen: 11_500 }] }),
        route('POST', `${BASE}/tickets`, { status: 201, body: paid }),
      ],
    });
    fireEvent.click(await screen.findByTestId('sku-SKU-TEA-001'));
    fireEvent.change(screen.getByTestId('till-scan'), { target: { value: 'sku-tea-001' } });
    fireEvent.keyDown(screen.getByTestId('till-scan'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect((await screen.findByTestId('till-total')).textContent).toContain('¥256.00');
    fireEvent.change(screen.getByTestId('till-tendered'), { target: { value: '300' } });
    expect(screen.getByTestId('till-change').textContent).toContain('¥44.00');
    expect((screen.getByTestId('till-pay') as HTMLButtonElement).disabled).toBe(true); // not before the counterfeit check
    fireEvent.click(screen.getByText('已验钞'));
    fireEvent.click(screen.getByTestId('till-pay'));
    await waitFor(() => expect(sent('POST', `${BASE}/tickets`)).toHaveLength(1));
    const [post] = sent('POST', `${BASE}/tickets`);
    expect(await post.json()).toEqual({ lines: [{ sku: 'SKU-TEA-001', quantity: 2 }], tenders: [{ method: 'cash', amountFen: 25_600, tenderedFen: 30_000, counterfeitChecked: true }] });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect((await screen.findByTestId('till-paid')).textContent).toContain('T-STORE1-2026-000007');
  });

  it('warns that nothing sells before the opening check', async () => {
    renderSignedIn(fetchMock, <Till />, {
      roles: ['store_clerk'], operations: [...OPS, 'POST /api/v1/sales/outlets/{code}/opening-checks'],
      routes: [
        route('GET', '/api/v1/sales/outlets', { status: 200, body: { items: [outlet], page: 1, pageSize: 200, total: 1 } }),
        route('GET', `${BASE}/prices`, { status: 200, body: [] }),
        route('GET', `${BASE}/opening-check`, { status: 404, body: { type: 'https://ops-platform.dev/problems/opening-check-missing', title: 'Not found', status: 404, detail: 'No opening check', requestId: 'r' } }),
      ],
    });
    expect(await screen.findByTestId('till-not-opened')).toBeTruthy();
    expect(await screen.findByTestId('opening-check')).toBeTruthy();
  });

  it('builds the tender the API takes', () => {
    const form = { method: 'pos' as const, tendered: '', counterfeitChecked: false, cards: [{ last4: ' 1234', signed: true }], reference: '', payer: '' };
    expect(tenderBody(form, 500)).toEqual({ method: 'pos', amountFen: 500, cards: [{ last4: '1234', signed: true }] });
    expect(tenderBody({ ...form, method: 'transfer', reference: ' WX-1 ', payer: 'Li' }, 500)).toEqual({ method: 'transfer', amountFen: 500, reference: 'WX-1', payer: 'Li' });
    const cart = addToCart(addToCart([], { sku: 'A', listPriceFen: 100, floorPriceFen: 90 }), { sku: 'A', listPriceFen: 100, floorPriceFen: 90 });
    expect(cart).toEqual([{ sku: 'A', quantity: 2, listPriceFen: 100 }]);
    expect(cartTotal(cart)).toBe(200);
  });
});
