import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { Commissions } from './Collection';
import { Receivables } from './Receivables';

const receivable = {
  id: 'r-1', invoiceId: 'i-1', invoiceNumber: 'INV-2027-000003', orderId: 'o-1', customerId: 'c-1', amountFen: 50_000, settledFen: 0, openFen: 50_000, status: 'open',
  invoiceDate: '2026-10-20', dueDate: '2026-11-19', daysPastDue: 53, stage: 'dunning', overdue: true, unpaidFrom: '2026-12-05', dunningFrom: '2027-01-05',
  supplyStoppedFrom: '2027-01-25', doubtfulFrom: '2027-02-26', stageRevision: 2, dunningPlanDue: '2027-01-10', dunningPlanMissing: true, dunningPlan: null,
  problemAccount: false, problemFrom: '2027-01-20', problemReportDue: '2027-01-25', problemReportMissing: false, problemReport: null, doubtfulReason: null, writeOff: null,
};
const list = (items: object[]): Route => (r) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/finance/receivables' ? { body: { items, page: 1, pageSize: 20, total: items.length } } : undefined);

describe('the collection ladder on the receivables screen', { timeout: 30_000 }, () => {
  it('flags a missing dunning plan and lets the sales manager file one, sent as the contract names it', async () => {
    const { sent } = renderSignedIn(fetchMock, <Receivables />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/finance/receivables', 'POST /api/v1/finance/receivables/{receivableId}/dunning-plan'],
      routes: [list([receivable]), (r) => (r.method === 'POST' ? { body: { ...receivable, dunningPlanMissing: false } } : undefined)],
    });
    expect(await screen.findByText('催收计划逾期未报')).toBeTruthy();
    expect(screen.queryByTestId('write-off-r-1')).toBeNull();
    fireEvent.click(await screen.findByTestId('dunning-plan-r-1'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('欠款原因'), { target: { value: ' 客户资金紧张 ' } });
    fireEvent.change(within(dialog).getByLabelText('收款计划'), { target: { value: '月底前付清' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/receivables/r-1/dunning-plan')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/receivables/r-1/dunning-plan')[0].json()).toEqual({ reasons: ' 客户资金紧张 ', plan: '月底前付清' });
  });

  it('offers a finance manager the write-off of a doubtful receivable only, with a reason', async () => {
    const { sent } = renderSignedIn(fetchMock, <Receivables />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/receivables', 'POST /api/v1/finance/receivables/{receivableId}/write-off'],
      routes: [list([{ ...receivable, stage: 'doubtful', id: 'r-2', invoiceNumber: 'INV-2027-000004' }, receivable]), (r) => (r.method === 'POST' ? { body: receivable } : undefined)],
    });
    fireEvent.click(await screen.findByTestId('write-off-r-2'));
    expect(screen.queryByTestId('write-off-r-1')).toBeNull();
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '破产清算无财产可分配' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/receivables/r-2/write-off')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/receivables/r-2/write-off')[0].json()).toEqual({ reason: '破产清算无财产可分配' });
  });
});

describe('commissions', { timeout: 30_000 }, () => {
  it('asks for the month typed, shows the tier, and opens a rep\'s statement with the figures explained', async () => {
    const row = {
      month: '2027-07', rep: 'sales_rep', collectibleFen: 1_000_000, collectedFen: 990_000, uncollectedFen: 10_000, collectionRateBp: 9_900, badDebt: false,
      tier: 'partial', commissionFen: 594, penaltyFen: 0, netFen: 594, explanation: 'collected 9900.00 of 10000.00 (99.00 %): 98 % to below 100 % earns 0.06 % of collected = 5.94',
    };
    const { sent } = renderSignedIn(fetchMock, <Commissions />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/commissions', 'GET /api/v1/finance/commissions/{rep}'],
      routes: [(r) => {
        const path = new URL(r.url).pathname;
        if (path === '/api/v1/finance/commissions') return { body: { items: [row], page: 1, pageSize: 20, total: 1 } };
        if (path === '/api/v1/finance/commissions/sales_rep') return { body: { ...row, lines: [{ receivableId: 'r-1', invoiceNumber: 'INV-2027-000009', orderNumber: 'SO-2027-000011', customerName: '晨光', dueDate: '2027-07-19', collectibleFen: 1_000_000, collectedFen: 990_000, stage: 'unpaid' }] } };
        return undefined;
      }],
    });
    fireEvent.change(await screen.findByTestId('commission-month'), { target: { value: '2027-07' } });
    expect(await screen.findByText('0.06%')).toBeTruthy();
    await waitFor(() => expect(sent('GET', '/api/v1/finance/commissions').some((r) => new URL(r.url).searchParams.get('month') === '2027-07')).toBe(true));
    fireEvent.click(screen.getByTestId('statement-sales_rep'));
    expect(await screen.findByText('SO-2027-000011')).toBeTruthy();
    expect(screen.getByText(/earns 0.06 % of collected = 5.94/)).toBeTruthy();
  });
});
