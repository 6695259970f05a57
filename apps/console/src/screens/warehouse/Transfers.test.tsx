import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { Transfers } from './Transfers';

const ID = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e71';
const dispatched = {
  id: ID, number: 'TR-2026-000001', fromWarehouse: 'EAST', toWarehouse: 'WEST', status: 'dispatched', createdBy: 'u-keeper', createdAt: '2026-11-30T02:00:00Z',
  consentedBy: 'u-sm', dispatchedBy: 'u-keeper', dispatchedAt: '2026-11-30T03:00:00Z', receivedBy: null, receivedAt: null,
  lines: [{ sku: 'SKU-TEA-001', quantity: 6, location: null, batch: null, sent: [{ location: 'STOCK', batch: null, quantity: 6 }], receivedQuantity: null, difference: null, differenceNote: null }],
};

describe('transfers', () => {
  beforeEach(() => fetchMock.mockReset());

  const show = (receive: () => Response) => renderSignedIn(fetchMock, <Transfers />, {
    roles: ['warehouse_manager'],
    operations: ['GET /api/v1/inventory/transfers', 'POST /api/v1/inventory/transfers/{id}/receive'],
    routes: [
      (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/inventory/transfers' ? { body: { items: [dispatched], page: 1, pageSize: 20, total: 1 } } : undefined),
      (r) => (r.method === 'POST' ? receive() : undefined),
    ],
  });

  it('sends the count of every line with the explanation of a difference', async () => {
    const api = show(() => json({ ...dispatched, status: 'received' }));
    fireEvent.click(await screen.findByTestId('receive-TR-2026-000001'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('实收数量'), { target: { value: '5' } });
    fireEvent.change(within(dialog).getByLabelText('差异说明'), { target: { value: ' 运输途中压坏一箱 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', `/api/v1/inventory/transfers/${ID}/receive`)).toHaveLength(1));
    expect(await api.sent('POST', `/api/v1/inventory/transfers/${ID}/receive`)[0].json()).toEqual({ lines: [{ sku: 'SKU-TEA-001', receivedQuantity: 5, differenceNote: '运输途中压坏一箱' }] });
  }, 20_000);

  it('puts the refusal of an unexplained difference under the line\'s note', async () => {
    show(() => json({
      type: 'https://ops-platform.dev/problems/transfer-count-refused', title: 'Refused by a business rule', status: 422, detail: 'The count of transfer TR-2026-000001 is refused',
      errors: [{ field: 'lines[0].differenceNote', message: 'say why 1 of SKU-TEA-001 did not arrive' }], requestId: 'req-1',
    }, 422));
    fireEvent.click(await screen.findByTestId('receive-TR-2026-000001'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('实收数量'), { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('say why 1 of SKU-TEA-001 did not arrive')).toBeTruthy();
  }, 20_000);
});
