import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { CashierDays } from './CashierDays';
import { CashHandovers } from './CashOffice';

const page = (items: object[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const day = {
  id: 'day-1', cashierId: 'u-me', businessDate: '2026-11-30', status: 'counted', receiptCount: 1, explained: false, handedOverFen: 0,
  countedAt: '2026-11-30T09:00:00Z', confirmedBy: null, confirmedAt: null,
  lines: [
    { method: 'cash', recordedFen: 30_000, countedFen: 30_000, differenceFen: 0, explanation: null },
    { method: 'pos', recordedFen: 0, countedFen: 0, differenceFen: 0, explanation: null },
    { method: 'transfer', recordedFen: 0, countedFen: 0, differenceFen: 0, explanation: null },
  ],
  documents: [{ kind: 'receipt', id: 'rc-1', number: 'RC-2026-000001', orderId: 'o-1', orderNumber: 'SO-2026-000001', amountFen: 30_000, unmatchedFen: 30_000, explanation: null }],
};

beforeEach(() => fetchMock.mockReset());

describe('the cashier\'s day: receipts against invoices and the cash handed over', () => {
  it('explains a receipt not invoiced by its number on a recount, and hands the day\'s cash to the treasurer', async () => {
    const { sent } = renderSignedIn(fetchMock, <CashierDays />, {
      roles: ['cashier'],
      operations: ['GET /api/v1/finance/cashier-days', 'POST /api/v1/finance/cashier-days', 'POST /api/v1/finance/cashier-days/{dayId}/handover'],
      routes: [
        (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/finance/cashier-days' ? page([day]) : undefined),
        (r) => (r.method === 'POST' && new URL(r.url).pathname === '/api/v1/finance/cashier-days' ? { status: 200, body: { ...day, explained: true } } : undefined),
        (r) => (r.method === 'POST' && new URL(r.url).pathname === '/api/v1/finance/cashier-days/day-1/handover' ? { status: 201, body: {} } : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('recount-day-2026-11-30'));
    const why = await screen.findByLabelText(/说明（RC-2026-000001/);
    fireEvent.change(why, { target: { value: '客户要求发货时开票' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/cashier-days')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/cashier-days')[0].json()).toEqual({
      businessDate: '2026-11-30', cashFen: 30_000, posFen: 0, transferFen: 0, explanations: {}, documentExplanations: { 'RC-2026-000001': '客户要求发货时开票' },
    });

    fireEvent.click(await screen.findByTestId('hand-over-2026-11-30'));
    const amount = (await screen.findByLabelText('交库金额（元）')) as HTMLInputElement;
    expect(amount.value).toBe('300.00');
    fireEvent.change(amount, { target: { value: '250' } });
    fireEvent.click(within(amount.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/cashier-days/day-1/handover')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/cashier-days/day-1/handover')[0].json()).toEqual({ amountFen: 25_000 });
  }, 20_000);

  it('shows the outlets\' shifts of the date in the day, with their cash and differences', async () => {
    const shift = {
      handoverId: 'h-1', outletId: 'o-1', outletCode: 'BAR1', businessDate: '2026-11-30', handedOverBy: 'u-a', takenOverBy: 'u-b', ticketCount: 10, expectedCashFen: 150_000,
      countedCashFen: 152_000, differenceFen: 2_000, explanation: '客人多付未找零', floatFen: 50_000, posFen: 30_000, transferFen: 0, goodsChecked: true,
      confirmedAt: '2026-11-30T14:00:00Z', journalEntryNumber: 'JE-2026-000001',
    };
    renderSignedIn(fetchMock, <CashierDays />, {
      roles: ['accountant'],
      operations: ['GET /api/v1/finance/cashier-days'],
      routes: [(r) => (new URL(r.url).pathname === '/api/v1/finance/cashier-days'
        ? page([{ ...day, outletShifts: [shift], outletCashFen: 102_000, outletPosFen: 30_000, outletTransferFen: 0, outletDifferenceFen: 2_000 }]) : undefined)],
    });
    fireEvent.click(await screen.findByRole('button', { name: /展开行|Expand row/ }));
    const row = await screen.findByTestId('day-outlet-shift-h-1');
    expect(row.textContent).toContain('BAR1');
    expect(row.textContent).toContain('客人多付未找零');
    expect(screen.getByText(/门店现金/).textContent).toMatch(/1,?020\.00/);
  });

  it('offers the treasurer the confirmation of someone else\'s handover only', async () => {
    const handover = (id: string, handedBy: string) => ({
      id, number: `CH-2026-00000${id}`, dayId: 'day-1', businessDate: '2026-11-30', amountFen: 25_000, currency: 'CNY', status: 'handed', handedBy,
      handedAt: '2026-11-30T10:00:00Z', receivedBy: null, receivedAt: null,
    });
    renderSignedIn(fetchMock, <CashHandovers />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/cash-handovers', 'POST /api/v1/finance/cash-handovers/{handoverId}/confirm'],
      routes: [(r) => (new URL(r.url).pathname === '/api/v1/finance/cash-handovers' ? page([handover('1', 'u-cashier'), handover('2', 'u-me')]) : undefined)],
    });
    expect(await screen.findByTestId('confirm-handover-CH-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('confirm-handover-CH-2026-000002')).toBeNull();
  });
});
