import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { Stocktakes } from './Stocktakes';

const ID = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e70';
const stocktake = {
  id: ID, number: 'ST-2026-000001', warehouseCode: 'MAIN', location: null, status: 'counting', openedOn: '2026-11-21', reportDueOn: '2026-11-22', overdue: false,
  startedBy: 'u-manager', submittedAt: null,
  sheets: [{ location: 'STOCK', lines: [
    { sku: 'SKU-TEA-001', batch: null, countedQuantity: null, countedBy: null, found: false },
    { sku: 'SKU-TIN-002', batch: 'B1', countedQuantity: null, countedBy: null, found: false },
  ] }],
};

function show(counts: () => Response) {
  return renderSignedIn(fetchMock, <Stocktakes />, {
    roles: ['warehouse_keeper'],
    operations: ['GET /api/v1/inventory/stocktakes', 'POST /api/v1/inventory/stocktakes/{id}/counts', 'POST /api/v1/inventory/stocktakes/{id}/submit'],
    routes: [
      (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/inventory/stocktakes' ? { body: { items: [stocktake], page: 1, pageSize: 20, total: 1 } } : undefined),
      (r) => (r.method === 'POST' ? counts() : undefined),
    ],
  });
}

const openSheet = async () => {
  await screen.findByText('ST-2026-000001');
  fireEvent.click(document.querySelector('.ant-table-row-expand-icon')!);
  fireEvent.click(await screen.findByTestId('count-ST-2026-000001-STOCK'));
  return screen.findByRole('dialog');
};

describe('stocktakes', () => {
  beforeEach(() => fetchMock.mockReset());

  it('counts blind: the sheet shows no book quantity, and sends what was counted with a found line', async () => {
    const api = show(() => json(stocktake));
    const dialog = await openSheet();
    // Nothing a counter sees names or shows a book figure or a variance.
    expect(document.body.textContent).not.toMatch(/账面|Book/);
    expect(dialog.textContent).not.toMatch(/差异|Variance/);
    expect(within(dialog).queryAllByRole('spinbutton').map((i) => (i as HTMLInputElement).value)).toEqual(['', '']);
    const counted = within(dialog).getAllByLabelText('实盘数');
    fireEvent.change(counted[0], { target: { value: '7' } });
    fireEvent.change(counted[1], { target: { value: '0' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /加一行/ }));
    fireEvent.change(within(dialog).getAllByLabelText('商品编码')[2], { target: { value: ' SKU-BOX-003 ' } });
    fireEvent.change(within(dialog).getAllByLabelText('实盘数')[2], { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', `/api/v1/inventory/stocktakes/${ID}/counts`)).toHaveLength(1));
    expect(await api.sent('POST', `/api/v1/inventory/stocktakes/${ID}/counts`)[0].json()).toEqual({
      location: 'STOCK',
      lines: [{ sku: 'SKU-TEA-001', countedQuantity: 7 }, { sku: 'SKU-TIN-002', batch: 'B1', countedQuantity: 0 }, { sku: 'SKU-BOX-003', countedQuantity: 2 }],
    });
  }, 20_000);

  it('puts the API\'s field error under the line\'s own field', async () => {
    show(() => json({
      type: 'https://ops-platform.dev/problems/unknown-sku', title: 'Refused by a business rule', status: 422, detail: 'Some lines name a SKU that does not exist',
      errors: [{ field: 'lines[0].sku', message: 'names no SKU (SKU-TEA-001)' }], requestId: 'req-1',
    }, 422));
    const dialog = await openSheet();
    fireEvent.change(within(dialog).getAllByLabelText('实盘数')[0], { target: { value: '1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('names no SKU (SKU-TEA-001)')).toBeTruthy();
  }, 20_000);
});
