import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Navigate, Route as Path, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { OrderDetail } from '../OrderDetail';
import { ServiceTickets } from '../online/ServiceTickets';
import { renderSignedIn, type Route } from '../kit/testing';
import { toReplacementBody } from './MadeToOrder';

const path = (r: Request) => new URL(r.url).pathname;
const on = (method: string, at: string, body: unknown, status = 200): Route => (r) => (r.method === method && path(r) === at ? { status, body } : undefined);
const page = (items: object[]) => ({ items, page: 1, pageSize: 20, total: items.length });
const line = (lineNo: number, sku: string, madeToOrder: boolean) => ({
  lineNo, sku, quantity: 2, shippedQuantity: 0, unitPriceFen: 50_000, lineTotalFen: 100_000, listPriceFen: 50_000, floorPriceFen: 45_000, priceListNumber: 'PL-2026-000001',
  priceBasis: 'list', promotionId: null, promotionCode: null, priceHoldId: null, priceNote: null, madeToOrder,
});
const order = (more: object = {}) => ({
  id: 'o-1', number: 'SO-2026-000042', customerId: 'c-1', customerName: '定制家具', status: 'awaiting_confirmation', paymentTerms: 'prepaid', approvalLevel: 'none', approvalReasons: [],
  totalFen: 200_000, requiredDepositFen: 60_000, currency: 'CNY', payment: 'unpaid', fulfilment: 'unreserved', stockReserved: false, paid: false, requestedDate: '2026-12-31',
  madeToOrder: true, kind: 'sale', serviceTicketId: null, serviceTicketNumber: null, createdBy: 'sales_rep', createdAt: '2026-12-01T02:00:00Z', updatedAt: '2026-12-01T02:00:00Z',
  shipTo: { name: '王芳', phone: '138', address: '上海' }, shippingException: null, shippingMethod: 'express', lines: [line(1, 'SKU-SOFA', true), line(2, 'SKU-CUSHION', false)],
  history: [], shippingNotices: [], writtenConfirmation: null, balanceNotice: null, ...more,
});
const ticket = (more: object = {}) => ({
  id: 't-1', number: 'CS-2026-000007', kind: 'complaint', status: 'in_progress', channel: 'phone', subject: 'Sofa leg cracked', customerId: 'c-1', customerName: '定制家具', customerPhone: null,
  orderId: 'o-1', orderNumber: 'SO-2026-000042', owner: 'customer_service', openedBy: 'customer_service', openedAt: '2026-12-01T02:00:00Z', deadlineAt: '2026-12-04T02:00:00Z', overdue: false,
  firstResponseAt: null, firstResponseHours: null, resolution: null, resolvedAt: null, resolutionHours: null, closedAt: null, satisfaction: null, feedback: null,
  returnId: null, rmaNumber: null, replacementOrders: [], notes: [], ...more,
});
const ORDER = '/api/v1/sales/orders/o-1';
const detail = (
  <Routes>
    <Path path="/" element={<Navigate to="/orders/o-1" />} />
    <Path path="/orders/:id" element={<OrderDetail />} />
  </Routes>
);
const dialog = () => screen.findByRole('dialog');
const fill = (label: string, value: string) => fireEvent.change(within(screen.getByRole('dialog')).getByLabelText(label), { target: { value } });
const save = async () => fireEvent.click(within(await dialog()).getByRole('button', { name: /保\s*存|Save/ }));
const sentBody = async (sent: (method: string, at: string) => Request[], method: string, at: string) => {
  await waitFor(() => expect(sent(method, at)).toHaveLength(1));
  return sent(method, at)[0].json();
};

beforeEach(() => fetchMock.mockReset());

describe('made-to-order orders', { timeout: 30_000 }, () => {
  it('marks made-to-order lines and lets the order clerk record the customer\'s written confirmation', async () => {
    const { sent } = renderSignedIn(fetchMock, detail, {
      roles: ['sales_assistant'], operations: ['GET /api/v1/sales/orders/{id}', 'POST /api/v1/sales/orders/{orderId}/written-confirmation'],
      routes: [on('GET', ORDER, order()), on('POST', `${ORDER}/written-confirmation`, order({ status: 'in_production' }))],
    });
    expect((await screen.findByTestId('order-status')).textContent).toBe('待客户书面确认');
    expect(screen.getByTestId('made-to-order-1').textContent).toBe('按单生产');
    expect(screen.queryByTestId('made-to-order-2')).toBeNull();
    fireEvent.click(screen.getByTestId('written-confirmation'));
    await dialog();
    fill('确认书编号', 'DMS-2026-0815');
    fill('客户签字人', '王芳');
    fill('签字日期', '2026-12-01');
    await save();
    expect(await sentBody(sent, 'POST', `${ORDER}/written-confirmation`)).toEqual({ documentRef: 'DMS-2026-0815', signedBy: '王芳', signedOn: '2026-12-01' });
  });

  it('shows the confirmation recorded and the balance the customer was told; no form for someone who may not record it', async () => {
    renderSignedIn(fetchMock, detail, {
      roles: ['warehouse_keeper'], operations: ['GET /api/v1/sales/orders/{id}'],
      routes: [on('GET', ORDER, order({
        status: 'awaiting_payment', fulfilment: 'reserved',
        writtenConfirmation: { documentRef: 'DMS-2026-0815', signedBy: '王芳', signedOn: '2026-12-01', recordedBy: 'sales_assistant', recordedAt: '2026-12-01T03:00:00Z' },
        balanceNotice: { balanceFen: 140_000, paidFen: 60_000, totalFen: 200_000, issuedAt: '2026-12-20T02:00:00Z' },
      }))],
    });
    expect((await screen.findByTestId('written-confirmation')).textContent).toBe('王芳 于 2026-12-01 签字（DMS-2026-0815），sales_assistant 登记');
    expect(screen.getByTestId('order-balance-notice').textContent).toContain('已通知客户尾款 ¥1,400.00（合计 ¥2,000.00，已付 ¥600.00）');
    expect(screen.queryByRole('button', { name: '登记书面确认' })).toBeNull();
  });
});

describe('replacement orders', { timeout: 30_000 }, () => {
  it('turns the form into the API\'s body: yuan to fen, free when no price is given', () => {
    expect(toReplacementBody({ sku: ' SKU-LEG ', quantity: 4, unitPrice: '', reason: ' cracked ' })).toEqual({ lines: [{ sku: 'SKU-LEG', quantity: 4, unitPriceFen: 0 }], reason: 'cracked' });
    expect(toReplacementBody({ sku: 'SKU-LEG', quantity: 1, unitPrice: '12.50', reason: 'at cost', requestedDate: '2026-12-20' }))
      .toEqual({ lines: [{ sku: 'SKU-LEG', quantity: 1, unitPriceFen: 1_250 }], reason: 'at cost', requestedDate: '2026-12-20' });
  });

  it('raises one from a complaint ticket and lists those raised; not from an inquiry', async () => {
    const ST = '/api/v1/sales/service-tickets';
    const { sent } = renderSignedIn(fetchMock, <ServiceTickets />, {
      roles: ['customer_service'], operations: [`GET ${ST}`, `POST ${ST}/{ticketId}/replacement-orders`],
      routes: [
        on('GET', ST, page([ticket({ replacementOrders: [{ orderId: 'o-9', orderNumber: 'SO-2026-000099' }] }), ticket({ id: 't-2', number: 'CS-2026-000008', kind: 'inquiry', customerId: null })])),
        on('POST', `${ST}/t-1/replacement-orders`, order({ id: 'o-10', kind: 'replacement', status: 'pending_approval' }), 201),
      ],
    });
    const list = await screen.findByTestId('replacements-CS-2026-000007');
    expect(list.textContent).toContain('SO-2026-000099');
    expect(screen.queryByTestId('replacement-CS-2026-000008')).toBeNull();
    fireEvent.click(screen.getByTestId('replacement-CS-2026-000007'));
    await dialog();
    fill('商品编码', 'SKU-LEG');
    fill('原因', 'Leg cracked on delivery');
    await save();
    expect(await sentBody(sent, 'POST', `${ST}/t-1/replacement-orders`)).toEqual({ lines: [{ sku: 'SKU-LEG', quantity: 1, unitPriceFen: 0 }], reason: 'Leg cracked on delivery' });
  });
});
