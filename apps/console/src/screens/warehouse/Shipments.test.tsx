import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { I18nProvider } from '../../i18n/I18n';
import { DeliveryDialog } from './Shipments';

const shipment = {
  id: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', number: 'SH-2026-000007', orderId: '0193a5b2-0000-7d3a-9f00-1a2b3c4d5e6f', carrier: 'SF Express', trackingNumber: 'SF1',
  pieces: 2, lines: [], shippedBy: 'u-1', shippedAt: '2026-11-30T08:00:00Z', deliverySignedBy: null, deliveredAt: null,
  order: { number: 'SO-2026-000007', customerName: '杭州西湖茶业', shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海' } },
};

describe('the delivery receipt form', () => {
  it('offers the consignee as the signer and sends who signed (now, when no time is given)', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    fetchMock.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
      sent.push({ url: new URL(request.url).pathname, body: await request.json() });
      return new Response(JSON.stringify({ ...shipment, deliverySignedBy: '王芳', deliveredAt: '2026-12-01T02:00:00Z' }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    render(<I18nProvider><QueryClientProvider client={new QueryClient()}><DeliveryDialog shipment={shipment} /></QueryClientProvider></I18nProvider>);
    fireEvent.click(screen.getByTestId('deliver-SH-2026-000007'));
    const dialog = await screen.findByRole('dialog');
    const signer = within(dialog).getByLabelText('签收人') as HTMLInputElement;
    expect(signer.value).toBe('王芳');
    fireEvent.change(signer, { target: { value: ' 李雷 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ url: `/api/v1/inventory/shipments/${shipment.id}/delivery`, body: { signedBy: '李雷' } });
  });
});
