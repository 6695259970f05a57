import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { businessDate } from '../../lib/money';
import { json, renderSignedIn, type Route } from '../kit/testing';
import { linesFromSuggestions, NewPurchaseOrderDialog, purchaseOrderBody } from './PurchaseOrders';

const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 200, total: items.length });
const at = (path: string, body: unknown, method = 'GET'): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? json(body) : undefined);
const suggestion = (sku: string, suggestedQuantity: number, lastUnitPriceFen: number | null = null) => ({
  sku, warehouseCode: 'MAIN', backorderedQuantity: 5, availableQuantity: 0, minQuantity: null, reorderQuantity: null, shortfallQuantity: suggestedQuantity, onOrderQuantity: 0,
  suggestedQuantity, lastSupplierId: null, lastSupplierName: null, lastUnitPriceFen,
});

describe('the new purchase order form', () => {
  beforeEach(() => fetchMock.mockReset());

  it('fills its lines from the purchase suggestions and sends prices and the prepayment as fen', async () => {
    const { sent } = renderSignedIn(fetchMock, <NewPurchaseOrderDialog />, {
      roles: ['purchaser'],
      operations: ['POST /api/v1/inventory/purchase-orders', 'GET /api/v1/inventory/purchase-suggestions', 'GET /api/v1/inventory/skus'],
      routes: [
        at('/api/v1/inventory/suppliers', page([{ id: '0193a000-0000-7000-8000-000000000001', code: 'SUP-HZ', name: '杭州茶厂' }])),
        at('/api/v1/inventory/warehouses', page([{ code: 'MAIN', name: 'Main', kind: 'warehouse', sellable: true }])),
        at('/api/v1/inventory/skus', page([{ code: 'SKU-TEA', name: '龙井', model: 'LJ', version: 'v2', unit: 'box', packaging: null, createdAt: '2026-11-30T00:00:00Z' }])),
        at('/api/v1/inventory/purchase-suggestions', { items: [suggestion('SKU-TEA', 7)] }),
        (r) => (r.method === 'POST' && new URL(r.url).pathname === '/api/v1/inventory/purchase-orders' ? { status: 201, body: { id: 'po1' } } : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('new-purchase-order'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('fill-from-suggestions'));
    await waitFor(() => expect((within(dialog).getByLabelText('数量') as HTMLInputElement).value).toBe('7'));
    fireEvent.mouseDown(within(dialog).getByLabelText('供应商'));
    fireEvent.click(await screen.findByTitle('SUP-HZ 杭州茶厂'));
    fireEvent.change(within(dialog).getByLabelText('单价（元，含税）'), { target: { value: '11.30' } });
    fireEvent.change(within(dialog).getByLabelText('预付款（元）'), { target: { value: '20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/inventory/purchase-orders')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/inventory/purchase-orders')[0].json()).toEqual({
      supplierId: '0193a000-0000-7000-8000-000000000001', prepaymentFen: 2_000,
      lines: [{ sku: 'SKU-TEA', warehouseCode: 'MAIN', quantity: 7, unitPriceFen: 1_130, promisedDate: businessDate() }],
    });
  }, 20_000);
});

describe('purchaseOrderBody and linesFromSuggestions', () => {
  it('turns yuan into fen, and takes each suggestion\'s warehouse and last price', () => {
    expect(purchaseOrderBody({ supplierId: 's', lines: [{ sku: 'A', quantity: 2, unitPrice: '1,000.5', promisedDate: '2026-12-15' }] }))
      .toEqual({ supplierId: 's', prepaymentFen: 0, lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 2, unitPriceFen: 100_050, promisedDate: '2026-12-15' }] });
    expect(linesFromSuggestions([suggestion('A', 3), { ...suggestion('B', 4, 1_130), warehouseCode: 'NORTH' }, suggestion('C', 0)], '2026-12-01')).toEqual([
      { sku: 'A', warehouseCode: 'MAIN', quantity: 3, promisedDate: '2026-12-01' },
      { sku: 'B', warehouseCode: 'NORTH', quantity: 4, unitPrice: '11.30', promisedDate: '2026-12-01' },
    ]);
  });
});
