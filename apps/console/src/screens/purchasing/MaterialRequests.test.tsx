import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { businessDate } from '../../lib/money';
import { renderSignedIn, type Route } from '../kit/testing';
import { MaterialRequests, purchaseMaterialsBody } from './MaterialRequests';

const page = <T,>(items: T[]) => ({ body: { items, page: 1, pageSize: 200, total: items.length } });
const request = (id: string, sku: string, requestedQuantity: number, status = 'open') => ({
  id, number: `MR-2026-00000${id}`, productionOrderId: 'mo-1', productionOrderNumber: 'MO-2026-000001', sku, requiredQuantity: requestedQuantity + 5, availableQuantity: 5,
  requestedQuantity, status, purchaseOrderId: null, purchaseOrderNumber: null, raisedBy: 'u-planner', cancelledBy: null, cancelReason: null,
  raisedAt: '2026-12-01T02:00:00Z', updatedAt: '2026-12-01T02:00:00Z',
});
const SUPPLIER = '0193a0b0-0000-7000-8000-000000000001';
const lists: Route = (r) => {
  const path = new URL(r.url).pathname;
  if (r.method === 'GET' && path === '/api/v1/inventory/suppliers') return page([{ id: SUPPLIER, code: 'SUP-NB', name: '宁波板材厂' }]);
  if (r.method === 'GET' && path === '/api/v1/inventory/material-requests') return page([request('1', 'MAT-BOARD', 17), request('2', 'MAT-SCREW', 40), request('3', 'MAT-BOARD', 4)]);
  return undefined;
};
const OPS = ['GET /api/v1/inventory/material-requests', 'GET /api/v1/inventory/suppliers'];

describe('the material requests screen', () => {
  beforeEach(() => fetchMock.mockReset());

  it('lists open requests with what is short, and drafts one purchase order for the chosen ones at one price per material, in fen', async () => {
    const posted: Route = (r) => (r.method === 'POST' ? { status: 201, body: { id: 'po-1', number: 'PO-2026-000009', status: 'draft' } } : undefined);
    const { sent } = renderSignedIn(fetchMock, <MaterialRequests />, {
      roles: ['purchaser'], operations: [...OPS, 'POST /api/v1/inventory/material-requests/purchase-order', 'POST /api/v1/inventory/material-requests/{id}/cancel'], routes: [posted, lists],
    });
    expect(await screen.findByText('MR-2026-000002')).toBeTruthy();
    expect(screen.getByText('40')).toBeTruthy();
    // Opened on the open ones: the list is asked with status=open.
    await waitFor(() => expect(sent('GET', '/api/v1/inventory/material-requests').some((r) => new URL(r.url).searchParams.get('status') === 'open')).toBe(true));
    expect(screen.getByTestId('cancel-MR-2026-000001')).toBeTruthy();

    fireEvent.click(await screen.findByTestId('buy-materials'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('供应商'));
    fireEvent.click(await screen.findByTitle('SUP-NB 宁波板材厂'));
    fireEvent.click(await within(dialog).findByLabelText(/MR-2026-000001/));
    fireEvent.click(within(dialog).getByLabelText(/MR-2026-000003/));
    // Both chosen requests are boards: one price asked, for the board.
    fireEvent.change(await within(dialog).findByLabelText('MAT-BOARD 单价（元，含税）'), { target: { value: '8.50' } });
    expect(within(dialog).queryByLabelText('MAT-SCREW 单价（元，含税）')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/inventory/material-requests/purchase-order')).toHaveLength(1));
    const post = sent('POST', '/api/v1/inventory/material-requests/purchase-order')[0];
    expect(await post.json()).toEqual({
      supplierId: SUPPLIER, promisedDate: businessDate(),
      lines: [{ materialRequestId: '1', unitPriceFen: 850 }, { materialRequestId: '3', unitPriceFen: 850 }],
    });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  }, 20_000);

  it('offers no purchase order nor cancel to a reader', async () => {
    renderSignedIn(fetchMock, <MaterialRequests />, { roles: ['production_planner'], operations: OPS, routes: [lists] });
    expect(await screen.findByText('MR-2026-000002')).toBeTruthy();
    expect(screen.queryByTestId('buy-materials')).toBeNull();
    expect(screen.queryByTestId('cancel-MR-2026-000001')).toBeNull();
  });
});

describe('purchaseMaterialsBody', () => {
  it('sends each chosen request at its SKU\'s price in fen, in the list\'s order, the date only when given', () => {
    const requests = [{ id: 'a', sku: 'X' }, { id: 'b', sku: 'Y' }, { id: 'c', sku: 'X' }];
    expect(purchaseMaterialsBody({ supplierId: 's', chosen: ['c', 'b'], prices: { X: '1,000.5', Y: '0.15' }, promisedDate: dayjs('2026-12-20') }, requests)).toEqual({
      supplierId: 's', promisedDate: '2026-12-20', lines: [{ materialRequestId: 'b', unitPriceFen: 15 }, { materialRequestId: 'c', unitPriceFen: 100_050 }],
    });
    expect(purchaseMaterialsBody({ supplierId: 's', chosen: [] }, requests)).toEqual({ supplierId: 's', lines: [] });
  });
});
