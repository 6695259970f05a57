import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { CreditChanges } from './CreditChanges';
import { Customers } from './Customers';
import { PriceLists } from './PriceLists';
import { ShippingNotices } from './ShippingNotices';
import { renderSignedIn, type Route } from '../kit/testing';

const problem = (errors: Array<{ field: string; message: string }>) => ({
  status: 400,
  body: { type: 'https://ops-platform.dev/problems/validation-failed', title: 'The request is not valid', status: 400, detail: 'The price list is not consistent', requestId: 'req-9', errors },
});
const posts = (path: string, reply: ReturnType<typeof problem> | { status: number; body: unknown }): Route => (r) => (r.method === 'POST' && new URL(r.url).pathname === path ? reply : undefined);

const customer = {
  id: 'c-1', code: 'C-0001', name: '上海晨光贸易有限公司', region: 'East China', phone: null, contactName: null, assignedRep: 'sales_rep', createdAt: '2026-11-30T08:00:00Z',
  credit: { grade: 'D', creditLimitFen: 0, paymentTermsDays: 0, openReceivableFen: 0, overdueFen: 0, onHold: false, holdReason: null },
};
const customers: Route = (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/sales/customers' ? { body: { items: [customer], page: 1, pageSize: 20, total: 1 } } : undefined);

describe('the price list form', { timeout: 30_000 }, () => {
  it('sends the prices typed in yuan as fen, and puts a line\'s field error under that line\'s yuan field', async () => {
    const { sent } = renderSignedIn(fetchMock, <PriceLists />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/sales/price-lists', 'POST /api/v1/sales/price-lists'],
      routes: [posts('/api/v1/sales/price-lists', problem([{ field: 'lines[1].floorPriceFen', message: 'must not be above the list price' }]))],
    });
    fireEvent.click(await screen.findByTestId('create-price-list'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '2027 春季价格表' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /添加一行/ }));
    // This role may not list SKUs: the code is typed.
    fireEvent.change(within(dialog).getByLabelText('商品编码 1'), { target: { value: 'SKU-TEA-001' } });
    fireEvent.change(within(dialog).getByLabelText('商品编码 2'), { target: { value: 'SKU-CUP-002' } });
    const list = within(dialog).getAllByLabelText('目录价（元）');
    const floor = within(dialog).getAllByLabelText('底价（元）');
    fireEvent.change(list[0], { target: { value: '128.5' } });
    fireEvent.change(floor[0], { target: { value: '¥110' } });
    fireEvent.change(list[1], { target: { value: '1,268' } });
    fireEvent.change(floor[1], { target: { value: '1300.00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    const help = await within(dialog).findByText('must not be above the list price');
    expect(help.closest('.ant-form-item')?.querySelector('input')).toBe(floor[1]);
    expect(within(dialog).getByRole('alert').textContent).toContain('req-9');
    const [post] = sent('POST', '/api/v1/sales/price-lists');
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    const body = await post.json();
    expect(body).toEqual({
      name: '2027 春季价格表',
      validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      lines: [{ sku: 'SKU-TEA-001', listPriceFen: 12850, floorPriceFen: 11000 }, { sku: 'SKU-CUP-002', listPriceFen: 126800, floorPriceFen: 130000 }],
    });
  });

  it('refuses an amount that is not one without calling the API', async () => {
    const { sent } = renderSignedIn(fetchMock, <PriceLists />, { roles: ['sales_manager'], operations: ['GET /api/v1/sales/price-lists', 'POST /api/v1/sales/price-lists'] });
    fireEvent.click(await screen.findByTestId('create-price-list'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('目录价（元）'), { target: { value: '12.345' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('请输入金额，例如 128.00')).toBeTruthy();
    expect(sent('POST', '/api/v1/sales/price-lists')).toHaveLength(0);
  });
});

describe('the credit change request', { timeout: 30_000 }, () => {
  it('sends the limit in fen and shows the API\'s error on creditLimitFen under the yuan field', async () => {
    const { sent } = renderSignedIn(fetchMock, <Customers />, {
      roles: ['sales_rep'],
      operations: ['GET /api/v1/sales/customers', 'POST /api/v1/sales/customers/{customerId}/credit-changes'],
      routes: [customers, posts('/api/v1/sales/customers/c-1/credit-changes', problem([{ field: 'creditLimitFen', message: 'must be 0 for grade D: they pay before delivery' }]))],
    });
    fireEvent.click(await screen.findByTestId('credit-change-C-0001'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('信用额度（元）'), { target: { value: '20000' } });
    fireEvent.change(within(dialog).getByLabelText('申请理由'), { target: { value: '回款准时' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    const help = await within(dialog).findByText('must be 0 for grade D: they pay before delivery');
    expect(help.closest('.ant-form-item')?.querySelector('input#creditLimit')).not.toBeNull();
    const [post] = sent('POST', '/api/v1/sales/customers/c-1/credit-changes');
    expect(await post.json()).toEqual({ grade: 'D', creditLimitFen: 2000000, paymentTermsDays: 0, reason: '回款准时' });
  });
});

describe('the credit change list', { timeout: 30_000 }, () => {
  const change = (number: string, status: string) => ({
    id: `cc-${number}`, number, customerId: 'c-1', status, proposed: { grade: 'C', creditLimitFen: 2000000, paymentTermsDays: 15 }, previous: { grade: 'D', creditLimitFen: 0, paymentTermsDays: 0 },
    reason: '回款准时', requestedBy: 'u-rep', requestedAt: '2026-11-30T08:00:00Z', managerApprovedBy: status === 'pending_vp' ? 'u-boss' : null, managerApprovedAt: status === 'pending_vp' ? '2026-11-30T09:00:00Z' : null,
    decidedBy: null, decidedAt: null, decisionNote: null,
  });
  const changes: Route = (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/sales/credit-changes'
    ? { body: { items: [change('CC-1', 'pending_manager'), change('CC-2', 'pending_vp'), change('CC-3', 'approved')], page: 1, pageSize: 20, total: 3 } }
    : undefined);

  it('offers a sales manager the manager step only, and sends a rejection with its reason', async () => {
    const { sent } = renderSignedIn(fetchMock, <CreditChanges />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/sales/credit-changes', 'GET /api/v1/sales/customers', 'POST /api/v1/sales/credit-changes/{id}/approve', 'POST /api/v1/sales/credit-changes/{id}/reject'],
      routes: [changes, customers, posts('/api/v1/sales/credit-changes/cc-CC-1/reject', { status: 200, body: change('CC-1', 'rejected') })],
    });
    expect(await screen.findByTestId('approve-CC-1')).toBeTruthy();
    expect(screen.queryByTestId('approve-CC-2')).toBeNull();
    expect(screen.queryByTestId('approve-CC-3')).toBeNull();
    expect(screen.getByText('待销售经理审批')).toBeTruthy();
    expect((await screen.findAllByText('C-0001 上海晨光贸易有限公司')).length).toBe(3);

    fireEvent.click(screen.getByTestId('reject-CC-1'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('驳回原因'), { target: { value: '今年逾期两次' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/credit-changes/cc-CC-1/reject')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/sales/credit-changes/cc-CC-1/reject')[0].json()).toEqual({ reason: '今年逾期两次' });
  });
});

describe('the shipping notice call list', { timeout: 30_000 }, () => {
  const notice = {
    shipmentId: 's-1', shippingMethod: 'express', carrier: 'SF Express', trackingNumber: 'SF123', pieces: 2, notifyOn: '2026-11-29', toldAt: null, toldBy: null, toldVia: null, note: null,
    deliveredAt: null, deliverySignedBy: null, orderId: 'o-1', orderNumber: 'SO-2026-000005', customerName: '杭州西湖茶业有限公司', shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
  };
  it('opens on the notices due and records how the customer was told', async () => {
    const { sent } = renderSignedIn(fetchMock, <ShippingNotices />, {
      roles: ['sales_rep'],
      operations: ['GET /api/v1/sales/shipping-notices', 'POST /api/v1/sales/shipping-notices/{shipmentId}/told'],
      routes: [
        (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/sales/shipping-notices' ? { body: { items: [notice], page: 1, pageSize: 20, total: 1 } } : undefined),
        posts('/api/v1/sales/shipping-notices/s-1/told', { status: 200, body: { ...notice, toldAt: '2026-11-30T10:00:00Z', toldBy: 'u-me', toldVia: 'wechat' } }),
      ],
    });
    fireEvent.click(await screen.findByTestId('told-SO-2026-000005'));
    expect(new URL(sent('GET', '/api/v1/sales/shipping-notices')[0].url).searchParams.get('status')).toBe('due');
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('快递 · SF Express · SF123 · 2 件');
    fireEvent.click(within(dialog).getByLabelText('微信'));
    fireEvent.change(within(dialog).getByLabelText('备注'), { target: { value: '  周二收货 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/shipping-notices/s-1/told')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/sales/shipping-notices/s-1/told')[0].json()).toEqual({ via: 'wechat', note: '周二收货' });
  });
});
