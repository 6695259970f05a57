import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { businessDate } from '../../lib/money';
import { renderSignedIn } from '../kit/testing';
import { StatementPrint } from '../print/statements';
import { Statements } from './Statements';

const path = (r: Request) => new URL(r.url).pathname;
const month = businessDate().slice(0, 7);
const company = { name: '示例贸易有限公司 (Demo Trading Co., Ltd.)', taxId: '91310000MA1FL8XQ30' };
const open = { company, month, final: false, closedAt: null, closedBy: null };
const line = (section: string, kind: string, key: string, label: string, amountFen: number, code: string | null = null) => ({ section, kind, key, code, label, amountFen, month, final: false });
const balanceSheet = {
  ...open, asOf: `${month}-30`, balanced: true, page: 1, pageSize: 200, total: 5,
  totals: { currentAssetsFen: 11_300, nonCurrentAssetsFen: 0, assetsFen: 11_300, currentLiabilitiesFen: 1_300, nonCurrentLiabilitiesFen: 0, liabilitiesFen: 1_300, equityFen: 10_000, unclosedProfitFen: 10_000, liabilitiesAndEquityFen: 11_300 },
  items: [
    line('current_assets', 'account', '1122', 'Accounts receivable (应收账款)', 11_300, '1122'),
    line('assets', 'total', 'total_assets', 'Total assets (资产总计)', 11_300),
    line('current_liabilities', 'account', 'taxes_payable', 'Taxes payable (应交税费)', 1_300, '2221'),
    line('equity', 'account', 'unclosed_profit', 'Profit for the period to date, not yet closed (本年利润/未分配利润)', 10_000),
    line('liabilities_and_equity', 'total', 'total_liabilities_and_equity', 'Total liabilities and equity (负债和所有者权益总计)', 11_300),
  ],
};
const vatSummary = {
  ...open, from: `${month}-01`, to: `${month}-30`, page: 1, pageSize: 200, total: 3, salesNetFen: 10_000, outputVatFen: 1_300, inputVatFen: 2_000, payableFen: 0, carriedForwardFen: 700,
  items: [
    { sourceType: 'invoice', salesNetFen: 10_000, outputVatFen: 1_300, inputVatFen: 0, month, final: false },
    { sourceType: 'payable', salesNetFen: 0, outputVatFen: 0, inputVatFen: 2_000, month, final: false },
    { sourceType: 'total', salesNetFen: 10_000, outputVatFen: 1_300, inputVatFen: 2_000, month, final: false },
  ],
};

beforeEach(() => fetchMock.mockReset());

describe('the financial statements screen', () => {
  it('shows the month\'s balance sheet marked provisional, the VAT summary with credit carried forward, and downloads CSV with Accept: text/csv', async () => {
    const { sent } = renderSignedIn(fetchMock, <Statements />, {
      roles: ['accountant'],
      operations: ['GET /api/v1/finance/statements/{month}/balance-sheet', 'GET /api/v1/finance/statements/{month}/vat-summary'],
      routes: [
        (r) => (path(r) === `/api/v1/finance/statements/${month}/balance-sheet` && r.headers.get('accept') !== 'text/csv' ? { body: balanceSheet } : undefined),
        (r) => (path(r) === `/api/v1/finance/statements/${month}/vat-summary` ? { body: vatSummary } : undefined),
        (r) => (r.headers.get('accept') === 'text/csv' ? new Response('\uFEFFsection,kind\r\n', { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="finance-get-balance-sheet.csv"' } }) : undefined),
      ],
    });
    expect((await screen.findByTestId('bs-total_assets')).textContent).toBe('¥113.00');
    expect(screen.getByText('应收账款')).toBeTruthy();
    expect(screen.getByTestId('statements-balanced').textContent).toBe('资产 = 负债 + 所有者权益');
    expect(screen.getByTestId('statement-finality').textContent).toContain('未结账');
    // Read for the month picked, the whole statement on one page.
    const read = sent('GET', `/api/v1/finance/statements/${month}/balance-sheet`)[0];
    expect(new URL(read.url).searchParams.get('pageSize')).toBe('200');

    URL.createObjectURL = vi.fn(() => 'blob:csv');
    URL.revokeObjectURL = vi.fn();
    fireEvent.click(screen.getByTestId('statements-csv'));
    await waitFor(() => expect(sent('GET', `/api/v1/finance/statements/${month}/balance-sheet`).some((r) => r.headers.get('accept') === 'text/csv')).toBe(true));

    fireEvent.click(screen.getByRole('tab', { name: '增值税汇总' }));
    expect((await screen.findByTestId('vat-carried-forward')).textContent).toBe('¥7.00');
    const table = screen.getAllByRole('table').at(-1)!;
    expect(within(table).getByText('采购入库')).toBeTruthy();
    expect(within(table).getByText('合计')).toBeTruthy();
    // The print link opens the VAT summary of the month.
    expect(screen.getByRole('link', { name: '打印' }).getAttribute('href')).toBe(`#/print/vat-summary/${month}`);
  }, 20_000);

  it('says who closed a closed month, and flags a balance sheet that does not balance', async () => {
    renderSignedIn(fetchMock, <Statements />, {
      roles: ['auditor'],
      operations: ['GET /api/v1/finance/statements/{month}/balance-sheet'],
      routes: [(r) => (path(r).endsWith('/balance-sheet') ? {
        body: { ...balanceSheet, final: true, closedAt: '2026-11-01T02:00:00Z', closedBy: 'fin.manager', balanced: false, totals: { ...balanceSheet.totals, liabilitiesAndEquityFen: 11_200 } },
      } : undefined)],
    });
    const finality = await screen.findByTestId('statement-finality');
    expect(finality.textContent).toContain('已结账');
    expect(finality.textContent).toContain('fin.manager');
    expect(screen.getByTestId('statements-balanced').textContent).toBe('不平衡：差额 ¥1.00');
  }, 20_000);

  it('prints the income statement on its sheet: company, month, provisional mark and the signature lines', async () => {
    const income = {
      ...open, from: `${month}-01`, to: `${month}-30`, page: 1, pageSize: 200, total: 2, revenueFen: 10_000, operatingProfitFen: 10_000, profitBeforeTaxFen: 10_000, netProfitFen: 10_000, yearToDateNetProfitFen: 25_000,
      items: [
        { ...line('revenue', 'account', '6001', 'Sales revenue (主营业务收入)', 10_000, '6001'), yearToDateFen: 25_000 },
        { ...line('net_profit', 'total', 'net_profit', 'Net profit (净利润)', 10_000), yearToDateFen: 25_000 },
      ],
    };
    renderSignedIn(fetchMock, <StatementPrint kind="income-statement" month={month} />, {
      roles: ['accountant'], operations: [],
      routes: [(r) => (path(r) === `/api/v1/finance/statements/${month}/income-statement` ? { body: income } : undefined)],
    });
    const page = await screen.findByTestId('print-page');
    await waitFor(() => expect(within(page).getByText('净利润')).toBeTruthy());
    expect(within(page).getByRole('heading').textContent).toBe('利润表');
    expect(page.textContent).toContain('示例贸易有限公司');
    expect(within(page).getByTestId('print-finality').textContent).toContain('未结账');
    expect(page.textContent).toContain('250.00');
    for (const who of ['会计主管', '制表']) expect(within(page).getByText(who)).toBeTruthy();
  }, 20_000);
});
