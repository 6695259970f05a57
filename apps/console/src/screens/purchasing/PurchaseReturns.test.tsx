import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { NewPurchaseReturnDialog, purchaseReturnBody } from './PurchaseReturns';
import { SetThresholdDialog } from './PurchaseSuggestions';

const page = <T,>(items: T[]) => ({ body: { items, page: 1, pageSize: 200, total: items.length } });
const lists: Route = (request) => {
  const path = new URL(request.url).pathname;
  if (path === '/api/v1/inventory/suppliers') return page([{ id: '0193a0b0-0000-7000-8000-000000000001', code: 'SUP-HZTEA', name: '杭州龙井茶厂' }]);
  if (path === '/api/v1/inventory/skus') return page([{ code: 'SKU-TEA-001', name: '龙井茶礼盒', model: 'LJ-250', version: 'v2', unit: 'box', packaging: null, createdAt: '2026-11-30T00:00:00Z' }]);
  if (path === '/api/v1/inventory/warehouses') return page([{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse', sellable: true }]);
  return undefined;
};
const READS = ['GET /api/v1/inventory/suppliers', 'GET /api/v1/inventory/skus', 'GET /api/v1/inventory/stock-receipts', 'GET /api/v1/inventory/warehouses'];

describe('the new purchase return form', () => {
  beforeEach(() => fetchMock.mockReset());

  it('sends a return without a receipt with the supplier, SKU and the price in fen, with an Idempotency-Key', async () => {
    const posted: Route = (request) => (request.method === 'POST' ? { status: 201, body: { id: 'pr-1', number: 'PRN-2026-000001', status: 'draft' } } : undefined);
    const { sent } = renderSignedIn(fetchMock, <NewPurchaseReturnDialog />, { roles: ['purchaser'], operations: [...READS, 'POST /api/v1/inventory/purchase-returns'], routes: [posted, lists] });
    fireEvent.click(await screen.findByTestId('new-purchase-return'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('供应商'));
    fireEvent.click(await screen.findByTitle('SUP-HZTEA 杭州龙井茶厂'));
    fireEvent.change(within(dialog).getByLabelText('退货原因'), { target: { value: ' 外箱压损 ' } });
    fireEvent.mouseDown(within(dialog).getByLabelText('商品编码'));
    fireEvent.click(await screen.findByTitle('SKU-TEA-001 龙井茶礼盒'));
    fireEvent.change(within(dialog).getByLabelText('数量'), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText('单价（元，含税）'), { target: { value: '11.30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/inventory/purchase-returns')).toHaveLength(1));
    const request = sent('POST', '/api/v1/inventory/purchase-returns')[0];
    expect(await request.json()).toEqual({ supplierId: '0193a0b0-0000-7000-8000-000000000001', reason: '外箱压损', lines: [{ sku: 'SKU-TEA-001', quantity: 3, unitPriceFen: 1130 }] });
    expect(request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  }, 20_000);

  it('sends a return against a receipt by receipt line, without supplier or price, the lot only when named', () => {
    expect(purchaseReturnBody({
      receiptId: 'r-1', supplierId: 's-ignored', reason: 'Failed inspection',
      lines: [{ receiptLineNo: 2, quantity: 2, warehouseCode: 'QUARANTINE', sku: 'ignored', unitPrice: '9' }, { receiptLineNo: 1, quantity: 1, location: ' A-01 ', batch: ' ' }],
    })).toEqual({ receiptId: 'r-1', reason: 'Failed inspection', lines: [{ receiptLineNo: 2, quantity: 2, warehouseCode: 'QUARANTINE' }, { receiptLineNo: 1, quantity: 1, location: 'A-01' }] });
  });
});

describe('the low-stock threshold form', () => {
  beforeEach(() => fetchMock.mockReset());

  it('puts the API\'s field error under the reorder quantity', async () => {
    const refused: Route = (request) => (request.method === 'PUT'
      ? { status: 400, body: { type: 'https://ops-platform.dev/problems/invalid', title: 'Invalid', status: 400, detail: 'The threshold does not hold together', errors: [{ field: 'reorderQuantity', message: 'must be at least the minimum (8)' }] } }
      : undefined);
    const { sent } = renderSignedIn(fetchMock, <SetThresholdDialog />, { roles: ['warehouse_manager'], operations: [...READS, 'PUT /api/v1/inventory/stock-thresholds'], routes: [refused, lists] });
    fireEvent.click(await screen.findByTestId('set-threshold'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('商品编码'));
    fireEvent.click(await screen.findByTitle('SKU-TEA-001 龙井茶礼盒'));
    fireEvent.change(within(dialog).getByLabelText('下限'), { target: { value: '8' } });
    fireEvent.change(within(dialog).getByLabelText('补至'), { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('must be at least the minimum (8)')).toBeTruthy();
    expect(await sent('PUT', '/api/v1/inventory/stock-thresholds')[0].json()).toEqual({ sku: 'SKU-TEA-001', warehouseCode: 'MAIN', minQuantity: 8, reorderQuantity: 5 });
  }, 20_000);
});
