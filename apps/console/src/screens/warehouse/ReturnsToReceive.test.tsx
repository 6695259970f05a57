import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { ReturnsToReceive } from './ReturnsToReceive';

const RETURN_ID = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f';
const expected = {
  returnId: RETURN_ID, returnNumber: 'RMA-2026-000001', orderId: 'o1', customerId: 'c1', status: 'expected', expectedAt: '2026-11-30T02:00:00Z',
  warehouseCode: null, receivedBy: null, receivedAt: null,
  lines: [{ sku: 'SKU-TEA-001', expectedQuantity: 2, receivedQuantity: null, acceptedQuantity: null, rejectedQuantity: null, note: null }],
};

function show(receive: () => Response) {
  return renderSignedIn(fetchMock, <ReturnsToReceive />, {
    roles: ['warehouse_keeper'],
    operations: ['GET /api/v1/inventory/returns', 'POST /api/v1/inventory/returns/{returnId}/receive', 'GET /api/v1/inventory/warehouses'],
    routes: [
      (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/inventory/returns' ? { body: { items: [expected], page: 1, pageSize: 20, total: 1 } } : undefined),
      (r) => (new URL(r.url).pathname === '/api/v1/inventory/warehouses' ? { body: { items: [{ code: 'MAIN', name: 'Main', kind: 'warehouse', sellable: true }, { code: 'QUARANTINE', name: 'Quarantine', kind: 'warehouse', sellable: false }], page: 1, pageSize: 200, total: 2 } } : undefined),
      (r) => (r.method === 'POST' ? receive() : undefined),
    ],
  });
}

describe('returns to receive', () => {
  beforeEach(() => fetchMock.mockReset());

  it('sends the count split into accepted and rejected, with the reason for what was rejected', async () => {
    const api = show(() => json({ ...expected, status: 'received' }));
    fireEvent.click(await screen.findByTestId('receive-RMA-2026-000001'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('合格（回可售库存）'), { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('不合格（隔离区）'), { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('不合格原因'), { target: { value: ' 外箱压坏 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', `/api/v1/inventory/returns/${RETURN_ID}/receive`)).toHaveLength(1));
    expect(await api.sent('POST', `/api/v1/inventory/returns/${RETURN_ID}/receive`)[0].json()).toEqual({
      warehouseCode: 'MAIN', lines: [{ sku: 'SKU-TEA-001', receivedQuantity: 2, acceptedQuantity: 1, rejectedQuantity: 1, note: '外箱压坏' }],
    });
  });

  it('puts the API\'s field error under the line\'s own field', async () => {
    show(() => json({
      type: 'https://ops-platform.dev/problems/return-inspection-refused', title: 'Refused by a business rule', status: 422, detail: 'The count does not add up',
      errors: [{ field: 'lines[0].acceptedQuantity', message: 'accepted (2) + rejected (1) must equal the 2 counted' }], requestId: 'req-1',
    }, 422));
    fireEvent.click(await screen.findByTestId('receive-RMA-2026-000001'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('不合格（隔离区）'), { target: { value: '1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('accepted (2) + rejected (1) must equal the 2 counted')).toBeTruthy();
  });
});
