import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { BusinessAccounts } from './BusinessAccounts';
import { ServiceTickets } from './ServiceTickets';

const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const page = (items: unknown[]) => ({ items, page: 1, pageSize: 20, total: items.length });
const BA = '/api/v1/sales/business-accounts';
const ST = '/api/v1/sales/service-tickets';

const account = (patch: Record<string, unknown> = {}) => ({
  id: 'a-1', number: 'BA-2026-000001', kind: 'buyer', subKind: null, status: 'pending_review', companyName: '云杉电商有限公司', creditCode: '91310000MA1FL0XY43',
  contactName: '李娜', contactPhone: '13900000000', contactEmail: null, customerId: 'c-1', customerName: '云杉电商', documents: [{ kind: 'business_licence', reference: 'DMS-1' }],
  registeredBy: 'customer_service', registeredAt: '2026-12-01T02:00:00Z', reviewedBy: null, reviewedAt: null, decisionReason: null, ...patch,
});
const ticket = (patch: Record<string, unknown> = {}) => ({
  id: 't-1', number: 'ST-2026-000001', kind: 'inquiry', status: 'open', channel: 'phone', subject: 'Opening hours?', customerId: null, customerName: '张先生', customerPhone: '13800138000',
  orderId: null, orderNumber: null, owner: 'customer_service', openedBy: 'customer_service', openedAt: '2026-12-01T02:00:00Z', deadlineAt: '2026-12-02T02:00:00Z', overdue: false,
  firstResponseAt: null, firstResponseHours: null, resolution: null, resolvedAt: null, resolutionHours: null, closedAt: null, satisfaction: null, feedback: null,
  returnId: null, rmaNumber: null, notes: [{ noteNo: 1, direction: 'in', text: 'When do you open?', by: 'customer_service', at: '2026-12-01T02:00:00Z' }], ...patch,
});
const stats = (h: number | null) => ({ count: h === null ? 0 : 1, averageHours: h, medianHours: h, p90Hours: h });

describe('business accounts', { timeout: 30_000 }, () => {
  it('shows each account\'s state and lets a reviewer approve a pending one and suspend an approved one with a reason', async () => {
    const { sent } = renderSignedIn(fetchMock, <BusinessAccounts />, {
      roles: ['ecommerce_operator'],
      operations: [`GET ${BA}`, `POST ${BA}/{id}/approve`, `POST ${BA}/{id}/reject`, `POST ${BA}/{id}/suspend`, `POST ${BA}/{id}/reinstate`],
      routes: [
        route('GET', BA, { status: 200, body: page([account(), account({ id: 'a-2', number: 'BA-2026-000002', status: 'approved', reviewedBy: 'sales_manager' })]) }),
        route('POST', `${BA}/a-1/approve`, { status: 200, body: account({ status: 'approved' }) }),
        route('POST', `${BA}/a-2/suspend`, { status: 200, body: account({ id: 'a-2', status: 'suspended' }) }),
      ],
    });
    expect(await screen.findByText('BA-2026-000001')).toBeTruthy();
    expect(screen.getAllByTestId('ba-status').map((tag) => tag.textContent)).toEqual(['待审核', '已通过']);
    // Who may register is another permission: no button without it.
    expect(screen.queryByTestId('register-business-account')).toBeNull();
    expect(screen.queryByTestId('suspend-BA-2026-000001')).toBeNull();
    expect(screen.queryByTestId('approve-BA-2026-000002')).toBeNull();

    fireEvent.click(screen.getByTestId('approve-BA-2026-000001'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(sent('POST', `${BA}/a-1/approve`)).toHaveLength(1));

    fireEvent.click(screen.getByTestId('suspend-BA-2026-000002'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Bank proof expired' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK|暂停/ }));
    await waitFor(() => expect(sent('POST', `${BA}/a-2/suspend`)).toHaveLength(1));
    expect(await sent('POST', `${BA}/a-2/suspend`)[0].json()).toEqual({ reason: 'Bank proof expired' });
  });

  it('registers an account, checking the credit code\'s shape before sending', async () => {
    const { sent } = renderSignedIn(fetchMock, <BusinessAccounts />, {
      roles: ['ecommerce_operator'],
      operations: [`GET ${BA}`, `POST ${BA}`],
      routes: [route('POST', BA, { status: 201, body: account({ kind: 'supplier', customerId: null }) })],
    });
    fireEvent.click(await screen.findByTestId('register-business-account'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('类型'));
    fireEvent.click(await screen.findByTitle('供应商'));
    fireEvent.change(within(dialog).getByLabelText('企业名称'), { target: { value: '顺达茶叶有限公司' } });
    fireEvent.change(within(dialog).getByLabelText('统一社会信用代码'), { target: { value: '91310000MA1FL0' } });
    fireEvent.change(within(dialog).getByLabelText('联系人'), { target: { value: '周强' } });
    fireEvent.change(within(dialog).getByLabelText('联系电话'), { target: { value: '13700000000' } });
    fireEvent.change(within(dialog).getByLabelText('文件编号/存放位置'), { target: { value: 'DMS-9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('不是有效的统一社会信用代码格式')).toBeTruthy();
    expect(sent('POST', BA)).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('统一社会信用代码'), { target: { value: '91310000ma1fl0xy43' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', BA)).toHaveLength(1));
    const [post] = sent('POST', BA);
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await post.json()).toEqual({
      kind: 'supplier', companyName: '顺达茶叶有限公司', creditCode: '91310000MA1FL0XY43', contactName: '周强', contactPhone: '13700000000', documents: [{ kind: 'business_licence', reference: 'DMS-9' }],
    });
  });
});

describe('service tickets', { timeout: 30_000 }, () => {
  it('flags overdue tickets, shows the conversation and the time report, and closes a resolved ticket with the satisfaction', async () => {
    const { sent } = renderSignedIn(fetchMock, <ServiceTickets />, {
      roles: ['customer_service'],
      operations: [`GET ${ST}`, `GET ${ST}/report`, `POST ${ST}/{id}/close`, `POST ${ST}/{id}/notes`, `POST ${ST}/{id}/return`],
      routes: [
        route('GET', `${ST}/report`, {
          status: 200,
          body: {
            from: '2026-11-02', to: '2026-12-01', overall: { key: 'all', tickets: 2, firstResponse: stats(2), resolution: stats(5) },
            byOwner: [{ key: 'sales_rep', tickets: 1, firstResponse: stats(2), resolution: stats(5) }], byKind: [{ key: 'complaint', tickets: 1, firstResponse: stats(2), resolution: stats(5) }],
          },
        }),
        route('GET', ST, {
          status: 200,
          body: page([
            ticket({ overdue: true }),
            ticket({ id: 't-2', number: 'ST-2026-000002', kind: 'complaint', status: 'resolved', customerId: 'c-1', customerName: '红枫贸易', firstResponseHours: 2, resolutionHours: 5, resolution: 'Delivered' }),
            ticket({ id: 't-3', number: 'ST-2026-000003', kind: 'return_request', customerId: 'c-1', orderId: 'o-1', orderNumber: 'SO-2026-000042' }),
          ]),
        }),
        route('POST', `${ST}/t-2/close`, { status: 200, body: ticket({ id: 't-2', status: 'closed', satisfaction: 4 }) }),
      ],
    });
    expect(await screen.findByTestId('overdue-ST-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('overdue-ST-2026-000002')).toBeNull();
    const report = await screen.findByTestId('ticket-report');
    expect(report.textContent).toContain('sales_rep');
    expect(report.textContent).toContain('投诉');
    // Only a return request with an order and no RMA opens one; only a resolved ticket closes.
    expect(screen.getByTestId('return-ST-2026-000003')).toBeTruthy();
    expect(screen.queryByTestId('return-ST-2026-000001')).toBeNull();
    expect(screen.queryByTestId('close-ST-2026-000001')).toBeNull();

    fireEvent.click(screen.getByTestId('close-ST-2026-000002'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('满意度（1–5）'), { target: { value: '4' } });
    fireEvent.change(within(dialog).getByLabelText('客户评价'), { target: { value: 'Kind staff' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', `${ST}/t-2/close`)).toHaveLength(1));
    expect(await sent('POST', `${ST}/t-2/close`)[0].json()).toEqual({ satisfaction: 4, feedback: 'Kind staff' });
  });

  it('lists only the overdue ones when asked', async () => {
    const { sent } = renderSignedIn(fetchMock, <ServiceTickets />, { roles: ['customer_service'], operations: [`GET ${ST}`] });
    await waitFor(() => expect(sent('GET', ST).length).toBeGreaterThan(0));
    expect(screen.queryByTestId('ticket-report')).toBeNull();
    expect(screen.queryByTestId('open-ticket')).toBeNull();
    fireEvent.mouseDown(screen.getByLabelText('只看超时'));
    fireEvent.click(await screen.findByTitle('已超时'));
    await waitFor(() => expect(sent('GET', ST).some((r) => new URL(r.url).searchParams.get('overdue') === 'true')).toBe(true));
  });
});
