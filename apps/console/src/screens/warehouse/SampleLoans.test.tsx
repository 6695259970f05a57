import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { SampleLoans } from './SampleLoans';

describe('sample loans', () => {
  beforeEach(() => fetchMock.mockReset());

  it('lends samples to a borrower until a date', async () => {
    const api = renderSignedIn(fetchMock, <SampleLoans />, {
      roles: ['warehouse_keeper'],
      operations: ['GET /api/v1/inventory/sample-loans', 'POST /api/v1/inventory/sample-loans', 'GET /api/v1/inventory/warehouses'],
      routes: [
        (r) => (new URL(r.url).pathname === '/api/v1/inventory/warehouses' ? { body: { items: [{ code: 'MAIN', name: 'Main', kind: 'warehouse', sellable: true }, { code: 'ON_LOAN', name: 'On loan', kind: 'warehouse', sellable: false }], page: 1, pageSize: 200, total: 2 } } : undefined),
        (r) => (r.method === 'POST' ? json({}, 201) : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('lend-samples'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('借用人'), { target: { value: '李雷' } });
    fireEvent.change(within(dialog).getByLabelText('电话'), { target: { value: '+86 139 0000 0000' } });
    fireEvent.change(within(dialog).getByLabelText('单位'), { target: { value: '晨光贸易' } });
    fireEvent.change(within(dialog).getByLabelText('预计归还日期'), { target: { value: '2026-12-15' } });
    fireEvent.change(within(dialog).getByLabelText('商品编码'), { target: { value: 'SKU-TEA-001' } });
    fireEvent.change(within(dialog).getByLabelText('数量'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', '/api/v1/inventory/sample-loans')).toHaveLength(1));
    expect(await api.sent('POST', '/api/v1/inventory/sample-loans')[0].json()).toEqual({
      borrower: { name: '李雷', phone: '+86 139 0000 0000', organisation: '晨光贸易' }, expectedReturnDate: '2026-12-15', lines: [{ sku: 'SKU-TEA-001', quantity: 2, warehouseCode: 'MAIN' }],
    });
  }, 20_000);
});
