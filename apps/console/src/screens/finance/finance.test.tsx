import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { I18nProvider } from '../../i18n/I18n';
import { CountDayDialog } from './CashierDays';
import { IssueInvoiceDialog } from './Invoices';
import { PayRefundDialog } from './Refunds';
import { accountName } from './shared';
import { thisMonth } from './Statement';

const json = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const wrap = (ui: ReactNode) => render(<I18nProvider><QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{ui}</QueryClientProvider></I18nProvider>);
/** What the console sent: the n-th call's method, path, headers and JSON body. */
async function sent(n: number) {
  const request = fetchMock.mock.calls[n][0] as Request;
  const text = await request.clone().text();
  return { method: request.method, path: new URL(request.url).pathname + new URL(request.url).search, headers: request.headers, body: text ? JSON.parse(text) : undefined };
}

beforeEach(() => fetchMock.mockReset());

describe('paying a refund', () => {
  const refund = { id: 'rf-1', number: 'RF-2026-000002', amountFen: 25600, method: 'transfer' as const };

  it('asks for the payee\'s account before calling the API, and sends the transfer as the contract names it', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ...refund, status: 'paid' }));
    wrap(<PayRefundDialog refund={refund} />);
    fireEvent.click(screen.getByTestId('pay-RF-2026-000002'));
    fireEvent.click(await screen.findByRole('button', { name: /保\s*存/ }));
    expect(await screen.findAllByText('必填')).toHaveLength(3);
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('收款账户户名'), { target: { value: ' 杭州西湖茶业有限公司 ' } });
    fireEvent.change(screen.getByLabelText('收款银行及支行'), { target: { value: '招商银行杭州分行' } });
    fireEvent.change(screen.getByLabelText('收款账号'), { target: { value: '6225 8801 2345 6789' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    const request = await sent(0);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/v1/finance/refunds/rf-1/pay');
    expect(request.body).toEqual({ method: 'transfer', payeeName: '杭州西湖茶业有限公司', payeeBank: '招商银行杭州分行', payeeAccountNumber: '6225 8801 2345 6789' });
  });

  it('puts the server\'s field error under its own field and keeps the dialog open', async () => {
    fetchMock.mockResolvedValueOnce(json(422, {
      type: 'https://ops-platform.dev/problems/refund-payment-refused', title: 'Refused by a business rule', status: 422, detail: 'Refund RF-2026-000002 cannot be paid this way',
      errors: [{ field: 'payeeBank', message: 'a transfer names the payee\'s bank' }], requestId: 'req-7',
    }));
    wrap(<PayRefundDialog refund={refund} />);
    fireEvent.click(screen.getByTestId('pay-RF-2026-000002'));
    fireEvent.change(await screen.findByLabelText('收款账户户名'), { target: { value: '杭州西湖茶业有限公司' } });
    fireEvent.change(screen.getByLabelText('收款银行及支行'), { target: { value: '?' } });
    fireEvent.change(screen.getByLabelText('收款账号'), { target: { value: '6225880123456789' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    const help = await screen.findByText('a transfer names the payee\'s bank');
    expect(help.closest('.ant-form-item')?.querySelector('input#payeeBank')).not.toBeNull();
    expect((await screen.findByRole('alert')).textContent).toContain('req-7');
  });

  it('pays cash back without bank details', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { id: 'rf-2', status: 'paid' }));
    wrap(<PayRefundDialog refund={{ id: 'rf-2', number: 'RF-2026-000001', amountFen: 12800, method: 'cash' }} />);
    fireEvent.click(screen.getByTestId('pay-RF-2026-000001'));
    expect(await screen.findByLabelText('领款人')).toBeTruthy();
    expect(screen.queryByLabelText('收款银行及支行')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    expect((await sent(0)).body).toEqual({ method: 'cash' });
  });
});

describe('invoicing an order by hand', () => {
  it('names an unknown order number under the order field and invoices nothing', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { items: [], page: 1, pageSize: 1, total: 0 }));
    wrap(<IssueInvoiceDialog />);
    fireEvent.click(screen.getByTestId('issue-invoice'));
    fireEvent.change(await screen.findByLabelText('订单号'), { target: { value: 'so-2026-999999' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.getAllByText('没有这个订单号').some((el) => el.closest('.ant-form-item')?.querySelector('input#order'))).toBe(true));
    expect(fetchMock).toHaveBeenCalledOnce();
    expect((await sent(0)).path).toBe('/api/v1/sales/orders?number=SO-2026-999999&pageSize=1');
  });

  it('looks the number up and invoices that order with an idempotency key', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { items: [{ id: 'order-1', number: 'SO-2026-000001' }], page: 1, pageSize: 1, total: 1 }))
      .mockResolvedValueOnce(json(201, { id: 'inv-1', number: 'INV-2026-000003' }));
    wrap(<IssueInvoiceDialog />);
    fireEvent.click(screen.getByTestId('issue-invoice'));
    fireEvent.change(await screen.findByLabelText('订单号'), { target: { value: 'SO-2026-000001' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    const request = await sent(1);
    expect(request.path).toBe('/api/v1/finance/orders/order-1/invoice');
    expect(request.body).toEqual({ series: 'INV' });
    expect(request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('finance words', () => {
  it('shows each language its half of the journal\'s account names', () => {
    expect(accountName('Cash on hand (库存现金)', 'zh')).toBe('库存现金');
    expect(accountName('Cash on hand (库存现金)', 'en')).toBe('Cash on hand');
    expect(accountName('1001', 'en')).toBe('1001');
  });

  it('opens the statement on this month in Shanghai', () => {
    expect(thisMonth('2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(thisMonth('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('counting the cashier\'s day', () => {
  it('sends each way of payment in fen with the explanations given, and puts an unexplained difference under its field', async () => {
    fetchMock.mockResolvedValueOnce(json(422, {
      type: 'https://ops-platform.dev/problems/unexplained-difference', title: 'Refused by a business rule', status: 422, detail: 'The day has differences nobody explained',
      errors: [{ field: 'cashFen', message: 'must not be negative' }, { field: 'explanations.pos', message: 'over by 5.00: explain the difference' }], requestId: 'req-9',
    }));
    wrap(<CountDayDialog />);
    fireEvent.click(screen.getByTestId('count-day'));
    fireEvent.change(await screen.findByLabelText('现金（元）'), { target: { value: '299.50' } });
    fireEvent.change(screen.getByLabelText('POS 刷卡（元）'), { target: { value: '105' } });
    fireEvent.change(screen.getAllByLabelText('差异说明')[0], { target: { value: ' 找零少收 ' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('over by 5.00: explain the difference')).toBeTruthy();
    expect(screen.getByText('must not be negative')).toBeTruthy();
    const request = await sent(0);
    expect([request.method, request.path]).toEqual(['POST', '/api/v1/finance/cashier-days']);
    expect(request.body).toEqual({ businessDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), cashFen: 29_950, posFen: 10_500, transferFen: 0, explanations: { cash: ' 找零少收 ' } });
  });
});
