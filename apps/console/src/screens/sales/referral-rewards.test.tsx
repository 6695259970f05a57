import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { ReferralRewardsToPay } from '../finance/ReferralRewardsToPay';
import { ReferralRewards } from './ReferralRewards';

const page = (items: object[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const path = (r: Request) => new URL(r.url).pathname;
const reward = (number: string, status: string, more: object = {}) => ({
  id: `id-${number}`, number, status, referrerId: 'c-1', referrerName: '晨光贸易', newCustomerId: 'c-2', newCustomerName: '新华商行', orderId: 'o-1', orderNumber: 'SO-2026-000042',
  orderTotalFen: 20_000, orderPlacedAt: '2026-12-01T02:00:00Z', amountFen: 600, deadline: '2026-12-31', note: null, requestedBy: 'sales_rep', requestedAt: '2026-12-01T03:00:00Z',
  repConfirmedBy: null, managerConfirmedBy: null, confirmedAt: null, voidReason: null, voidedBy: null, paymentMethod: null, journalEntryNumber: null, paidAt: null, ...more,
});
const financeReward = (number: string, status: string, more: object = {}) => ({
  id: `id-${number}`, number, status, referrerId: 'c-1', referrerName: '晨光贸易', newCustomerId: 'c-2', newCustomerName: '新华商行', orderId: 'o-1', orderNumber: 'SO-2026-000042',
  orderTotalFen: 20_000, amountFen: 600, requestedBy: 'sales_rep', managerConfirmedBy: 'sales_manager', receivedAt: '2026-12-01T04:00:00Z', checkedBy: null, checkedAt: null,
  rejectReason: null, method: null, bankReference: null, paidBy: null, paidAt: null, journalEntryNumber: null, ...more,
});

beforeEach(() => fetchMock.mockReset());

describe('referral rewards in sales', () => {
  it('offers each step at its status: the rep\'s on a request, the manager\'s on a rep-confirmed one; a late request shows why it is void', async () => {
    const { sent } = renderSignedIn(fetchMock, <ReferralRewards />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/sales/referral-rewards', 'POST /api/v1/sales/referral-rewards/{id}/rep-confirm', 'POST /api/v1/sales/referral-rewards/{id}/manager-confirm', 'POST /api/v1/sales/referral-rewards/{id}/void'],
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/referral-rewards' ? page([
          reward('RR-2026-000001', 'requested'),
          reward('RR-2026-000002', 'rep_confirmed', { repConfirmedBy: 'sales_rep' }),
          reward('RR-2026-000003', 'void', { voidReason: 'request-after-deadline', voidedBy: 'system' }),
          reward('RR-2026-000004', 'paid', { paymentMethod: 'transfer', journalEntryNumber: 'JE-2026-000120' }),
        ]) : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/sales/referral-rewards/id-RR-2026-000002/manager-confirm' ? { body: {} } : undefined),
      ],
    });
    expect(await screen.findByTestId('rep-confirm-RR-2026-000001')).toBeTruthy();
    expect(screen.getByTestId('void-RR-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('manager-confirm-RR-2026-000001')).toBeNull();
    expect(screen.queryByTestId('rep-confirm-RR-2026-000002')).toBeNull();
    expect(screen.queryByTestId('void-RR-2026-000003')).toBeNull();
    expect(screen.queryByTestId('void-RR-2026-000004')).toBeNull();
    expect(screen.getByTestId('void-reason-RR-2026-000003').textContent).toBe('超过申请期限，自动作废');
    expect(screen.getByText(/JE-2026-000120/)).toBeTruthy();

    fireEvent.click(screen.getByTestId('manager-confirm-RR-2026-000002'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/referral-rewards/id-RR-2026-000002/manager-confirm')).toHaveLength(1));
  }, 20_000);

  it('a rep sees no manager step', async () => {
    renderSignedIn(fetchMock, <ReferralRewards />, {
      roles: ['sales_rep'],
      operations: ['GET /api/v1/sales/referral-rewards', 'POST /api/v1/sales/referral-rewards', 'POST /api/v1/sales/referral-rewards/{id}/rep-confirm'],
      routes: [(r) => (path(r) === '/api/v1/sales/referral-rewards' ? page([reward('RR-2026-000002', 'rep_confirmed', { repConfirmedBy: 'sales_rep' })]) : undefined)],
    });
    expect(await screen.findByTestId('request-referral-reward')).toBeTruthy();
    expect(await screen.findByText('RR-2026-000002')).toBeTruthy();
    expect(screen.queryByTestId('manager-confirm-RR-2026-000002')).toBeNull();
    expect(screen.queryByTestId('void-RR-2026-000002')).toBeNull();
  });
});

describe('referral rewards in finance', () => {
  it('checks a reward (approve or reject with a reason) and pays an approved one by transfer with its reference', async () => {
    const { sent } = renderSignedIn(fetchMock, <ReferralRewardsToPay />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/referral-rewards', 'POST /api/v1/finance/referral-rewards/{id}/approve', 'POST /api/v1/finance/referral-rewards/{id}/reject', 'POST /api/v1/finance/referral-rewards/{id}/pay'],
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/finance/referral-rewards' ? page([financeReward('RR-2026-000001', 'to_check'), financeReward('RR-2026-000002', 'approved', { checkedBy: 'accountant' })]) : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/finance/referral-rewards/id-RR-2026-000002/pay' ? { body: {} } : undefined),
      ],
    });
    expect(await screen.findByTestId('approve-RR-2026-000001')).toBeTruthy();
    expect(screen.getByTestId('reject-RR-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('pay-RR-2026-000001')).toBeNull();
    expect(screen.queryByTestId('approve-RR-2026-000002')).toBeNull();

    fireEvent.click(screen.getByTestId('pay-RR-2026-000002'));
    const reference = await screen.findByLabelText('银行流水号');
    const dialog = reference.closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('必填')).toBeTruthy();
    expect(sent('POST', '/api/v1/finance/referral-rewards/id-RR-2026-000002/pay')).toHaveLength(0);
    fireEvent.change(reference, { target: { value: ' ICBC-20261201-0042 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/referral-rewards/id-RR-2026-000002/pay')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/referral-rewards/id-RR-2026-000002/pay')[0].json()).toEqual({ method: 'transfer', bankReference: 'ICBC-20261201-0042' });
  }, 20_000);

  it('a cashier pays but does not check', async () => {
    renderSignedIn(fetchMock, <ReferralRewardsToPay />, {
      roles: ['cashier'],
      operations: ['GET /api/v1/finance/referral-rewards', 'POST /api/v1/finance/referral-rewards/{id}/pay'],
      routes: [(r) => (path(r) === '/api/v1/finance/referral-rewards' ? page([financeReward('RR-2026-000001', 'to_check'), financeReward('RR-2026-000002', 'approved')]) : undefined)],
    });
    expect(await screen.findByTestId('pay-RR-2026-000002')).toBeTruthy();
    expect(screen.queryByTestId('approve-RR-2026-000001')).toBeNull();
  });
});
