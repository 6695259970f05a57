import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { setAccessToken } from '../../api/client';
import { SessionProvider } from '../../auth/Session';
import { I18nProvider } from '../../i18n/I18n';
import { NewReceiptDialog, receiptBody } from './GoodsReceipts';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } });
const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 200, total: items.length });

/** The pickers' lists; `receipt` answers the POST of the goods receipt. */
function serve(receipt: () => Response) {
  const sent: Array<{ body: unknown; headers: Headers }> = [];
  fetchMock.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/api/v1/inventory/stock-receipts') {
      sent.push({ body: await request.json(), headers: request.headers });
      return receipt();
    }
    // A signed-in keeper, who may list SKUs (the picker reads the catalogue).
    if (url.pathname === '/api/docs-json') return json({ paths: { '/api/v1/inventory/skus': { get: { 'x-permission': { roles: ['warehouse_keeper'] } } } } });
    if (url.pathname === '/api/v1/auth/me') return json({ userId: 'u-keeper', displayName: 'Keeper', roles: ['warehouse_keeper'] });
    if (url.pathname === '/api/v1/changes') return new Promise<Response>(() => undefined);
    if (url.pathname === '/api/v1/inventory/warehouses') return json(page([{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse', sellable: true }, { code: 'NORTH', name: 'Beijing', kind: 'warehouse', sellable: true }]));
    if (url.pathname === '/api/v1/inventory/locations') return json(page([{ warehouseCode: url.searchParams.get('warehouseCode'), code: 'A-01', name: 'Aisle A' }]));
    if (url.pathname === '/api/v1/inventory/skus') return json(page([{ code: 'SKU-TEA-001', name: '龙井茶礼盒', model: 'LJ-250', version: 'v2', unit: 'box', packaging: null, createdAt: '2026-11-30T00:00:00Z' }]));
    return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404);
  });
  return sent;
}

async function renderDialog() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  setAccessToken('test-token');
  render(<I18nProvider><QueryClientProvider client={client}><SessionProvider signedOut={() => null}><NewReceiptDialog /></SessionProvider></QueryClientProvider></I18nProvider>);
  fireEvent.click(await screen.findByTestId('new-receipt'));
  return screen.findByRole('dialog');
}

async function fillOneLine(dialog: HTMLElement) {
  fireEvent.change(within(dialog).getByLabelText('来货单据'), { target: { value: ' DN-2026-0042 ' } });
  fireEvent.mouseDown(within(dialog).getByLabelText('商品编码'));
  fireEvent.click(await screen.findByTitle('SKU-TEA-001 龙井茶礼盒'));
  fireEvent.change(within(dialog).getByLabelText('数量'), { target: { value: '24' } });
  fireEvent.change(within(dialog).getByLabelText('批次'), { target: { value: ' LJ2026-11 ' } });
}

describe('the new goods receipt form', () => {
  beforeEach(() => fetchMock.mockReset());

  it('sends the receipt as the API takes it, with an Idempotency-Key', async () => {
    const sent = serve(() => json({ id: 'r1', number: 'GR-2026-000009', status: 'saved' }, 201));
    const dialog = await renderDialog();
    await fillOneLine(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    // No location chosen: the API's default location, sent as such; the batch and reference trimmed.
    expect(sent[0].body).toEqual({ warehouseCode: 'MAIN', reference: 'DN-2026-0042', lines: [{ sku: 'SKU-TEA-001', quantity: 24, location: 'STOCK', batch: 'LJ2026-11' }] });
    expect(sent[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(dialog).queryByRole('alert')).toBeNull();
  }, 20_000);

  it('puts the API\'s field errors under the line\'s own field, and the rest above the form', async () => {
    serve(() => json({
      type: 'https://ops-platform.dev/problems/rule-violated', title: 'Refused by a business rule', status: 422, detail: 'Unknown SKU or location',
      errors: [{ field: 'lines[0].quantity', message: 'quantity must not be greater than 10000000' }, { field: 'supplier', message: 'is not known here' }],
      requestId: 'req-7',
    }, 422));
    const dialog = await renderDialog();
    await fillOneLine(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    const help = await within(dialog).findByText('quantity must not be greater than 10000000');
    expect(help.closest('.ant-form-item')?.querySelector('input#lines_0_quantity')).not.toBeNull();
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('Unknown SKU or location');
    expect(alert.textContent).toContain('supplier: is not known here');
    expect(alert.textContent).toContain('req-7');
    expect(screen.getByRole('dialog')).toBeTruthy(); // still open, to correct and send again
  });

  it('asks for the reference and the SKU before calling the API', async () => {
    const sent = serve(() => json({}, 201));
    const dialog = await renderDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findAllByText('必填')).toHaveLength(2);
    expect(sent).toHaveLength(0);
  });
});

describe('receiptBody', () => {
  it('keeps a chosen location and leaves out an empty batch', () => {
    expect(receiptBody({ warehouseCode: 'NORTH', reference: 'X', lines: [{ sku: 'A', quantity: 1, location: 'A-01', batch: '  ' }] }))
      .toEqual({ warehouseCode: 'NORTH', reference: 'X', lines: [{ sku: 'A', quantity: 1, location: 'A-01' }] });
  });
});

describe('receiptBody for a supplier\'s delivery', () => {
  it('sends the purchase fields: the order, the price in fen, cartons opened, and a failed inspection\'s split', () => {
    expect(receiptBody({
      warehouseCode: 'MAIN', reference: 'DN-1', supplierId: 's1', purchaseOrderId: 'po1',
      lines: [
        { sku: 'A', quantity: 4, poLineNo: 1, cartonsOpened: 2, inspection: 'passed' },
        { sku: 'B', quantity: 5, poLineNo: 2, unitPrice: '22.60', cartonsOpened: 1, inspection: 'failed', rejectedQuantity: 1, inspectionNote: ' cracked ' },
      ],
    })).toEqual({
      warehouseCode: 'MAIN', reference: 'DN-1', supplierId: 's1', purchaseOrderId: 'po1',
      lines: [
        { sku: 'A', quantity: 4, location: 'STOCK', poLineNo: 1, cartonsOpened: 2, inspection: 'passed' },
        { sku: 'B', quantity: 5, location: 'STOCK', poLineNo: 2, unitPriceFen: 2_260, cartonsOpened: 1, inspection: 'failed', rejectedQuantity: 1, inspectionNote: 'cracked' },
      ],
    });
  });
});
