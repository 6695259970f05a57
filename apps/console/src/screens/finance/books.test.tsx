import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { PeriodClose } from './PeriodClose';
import { totalsOf, voucherBody, Vouchers } from './Vouchers';

const page = (items: object[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const path = (r: Request) => new URL(r.url).pathname;
const voucher = (number: string, status: string, preparedBy: string, extra: object = {}) => ({
  id: `id-${number}`, number, entryDate: '2026-11-30', memo: '计提十一月房租', attachmentCount: 1, attachmentRefs: ['租赁合同'],
  lines: [
    { accountCode: '6602', accountName: 'Administrative expenses (管理费用)', debitFen: 12_000, creditFen: 0, memo: null },
    { accountCode: '2241', accountName: 'Other payables (其他应付款)', debitFen: 0, creditFen: 12_000, memo: null },
  ],
  totalFen: 12_000, status, preparedBy, preparedAt: '2026-11-30T02:00:00Z', submittedAt: null, reviewedBy: null, reviewedAt: null, rejectionReason: null,
  journalEntryNumber: null, reversalOf: null, reversedBy: null, ...extra,
});
const VOUCHER_OPS = [
  'GET /api/v1/finance/vouchers', 'POST /api/v1/finance/vouchers', 'POST /api/v1/finance/vouchers/{voucherId}/submit',
  'POST /api/v1/finance/vouchers/{voucherId}/approve', 'POST /api/v1/finance/vouchers/{voucherId}/reject', 'POST /api/v1/finance/vouchers/{voucherId}/reverse',
];

beforeEach(() => fetchMock.mockReset());

describe('vouchers', () => {
  it('offers review only to someone other than the preparer, submitting only to the preparer, reversing only a posted voucher', async () => {
    const { sent } = renderSignedIn(fetchMock, <Vouchers />, {
      roles: ['accountant'],
      operations: VOUCHER_OPS,
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/finance/vouchers' ? page([
          voucher('PZ-2026-000001', 'submitted', 'u-other'),
          voucher('PZ-2026-000002', 'submitted', 'u-me'),
          voucher('PZ-2026-000003', 'draft', 'u-me'),
          voucher('PZ-2026-000004', 'posted', 'u-other', { journalEntryNumber: 'JE-2026-000009' }),
          voucher('PZ-2026-000005', 'rejected', 'u-me', { rejectionReason: '缺发票' }),
        ]) : undefined),
        (r) => (r.method === 'POST' ? { status: 200, body: {} } : undefined),
      ],
    });
    expect(await screen.findByTestId('approve-PZ-2026-000001')).toBeTruthy();
    expect(screen.getByTestId('reject-PZ-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('approve-PZ-2026-000002')).toBeNull();
    expect(screen.queryByTestId('reject-PZ-2026-000002')).toBeNull();
    expect(screen.queryByTestId('submit-PZ-2026-000001')).toBeNull();
    expect(screen.getByTestId('edit-PZ-2026-000005')).toBeTruthy();
    expect(screen.getByText('缺发票')).toBeTruthy();
    expect(screen.queryByTestId('reverse-PZ-2026-000003')).toBeNull();
    expect(screen.getByTestId('reverse-PZ-2026-000004')).toBeTruthy();

    fireEvent.click(screen.getByTestId('submit-PZ-2026-000003'));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/vouchers/id-PZ-2026-000003/submit')).toHaveLength(1));
  }, 20_000);

  it('drafts a voucher from the lines editor: amounts in yuan sent as fen, running totals, the server\'s field errors on their fields', async () => {
    const { sent } = renderSignedIn(fetchMock, <Vouchers />, {
      roles: ['accountant'],
      operations: VOUCHER_OPS,
      routes: [
        (r) => (r.method === 'POST' && path(r) === '/api/v1/finance/vouchers' ? {
          status: 422,
          body: { type: 'https://ops-platform.dev/problems/voucher-invalid', title: 'Refused', status: 422, detail: 'The voucher cannot be kept', errors: [{ field: 'lines[1].accountCode', message: '1122 is a control account' }] },
        } : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('new-voucher'));
    const memo = await screen.findByLabelText('摘要');
    const dialog = memo.closest('.ant-modal') as HTMLElement;
    fireEvent.change(memo, { target: { value: '计提十一月房租' } });
    fireEvent.change(within(dialog).getByLabelText('科目代码 1'), { target: { value: '6602' } });
    fireEvent.change(within(dialog).getByLabelText('借方（元） 1'), { target: { value: '120' } });
    fireEvent.change(within(dialog).getByLabelText('科目代码 2'), { target: { value: '1122' } });
    fireEvent.change(within(dialog).getByLabelText('贷方（元） 2'), { target: { value: '100' } });
    expect(within(dialog).getByTestId('voucher-totals').textContent).toContain('借贷不平，差额 ¥20.00');
    fireEvent.change(within(dialog).getByLabelText('贷方（元） 2'), { target: { value: '120.00' } });
    await waitFor(() => expect(within(dialog).getByTestId('voucher-totals').textContent).toContain('借贷平衡'));

    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/vouchers')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/vouchers')[0].json()).toEqual({
      entryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), memo: '计提十一月房租', attachmentCount: 0, attachmentRefs: [],
      lines: [{ accountCode: '6602', debitFen: 12_000 }, { accountCode: '1122', creditFen: 12_000 }],
    });
    expect(await within(dialog).findByText('1122 is a control account')).toBeTruthy();
  }, 20_000);

  it('adds up the lines as typed, and sends what was typed', () => {
    expect(totalsOf([{ debitFen: '1.5' }, { creditFen: '1.50' }, { debitFen: 'x' }])).toEqual({ debitFen: 150, creditFen: 150 });
    expect(voucherBody({ entryDate: '2026-11-30', memo: ' m ', attachmentCount: 2, attachmentRefs: 'a\n\n b ', lines: [{ accountCode: ' 6602 ', debitFen: '1', creditFen: '', memo: ' x ' }] }))
      .toEqual({ entryDate: '2026-11-30', memo: 'm', attachmentCount: 2, attachmentRefs: ['a', 'b'], lines: [{ accountCode: '6602', debitFen: 100, memo: 'x' }] });
  });
});

describe('month-end close', () => {
  const check = (closable: boolean) => ({
    month: '2026-11', status: 'open', ended: true, blockedBy: null, closable, checkedAt: '2026-12-01T02:00:00Z',
    checks: [
      { check: 'cashier-days', agrees: closable, problems: closable ? [] : [{ check: 'cashier-days', detail: 'Receipt RC-2026-000007 (200.00) belongs to cashier\'s day 2026-11-30, which is not closed', amounts: { amountFen: 20_000 } }] },
      { check: 'receivables', agrees: true, problems: [] },
      { check: 'payables', agrees: true, problems: [] },
      { check: 'supplier-prepayments', agrees: true, problems: [] },
      { check: 'stock', agrees: true, problems: [] },
      { check: 'vouchers', agrees: true, problems: [] },
    ],
  });
  const periods = [
    { month: '2026-12', status: 'open', entryCount: 3, closedBy: null, closedAt: null, lastCheck: null },
    { month: '2026-11', status: 'open', entryCount: 12, closedBy: null, closedAt: null, lastCheck: null },
  ];

  it('shows the earliest open month\'s checklist with what does not agree, and closes it for a finance manager', async () => {
    const { sent } = renderSignedIn(fetchMock, <PeriodClose />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/periods', 'GET /api/v1/finance/periods/{month}/close-check', 'POST /api/v1/finance/periods/{month}/close'],
      routes: [
        (r) => (path(r) === '/api/v1/finance/periods' ? { body: periods } : undefined),
        (r) => (path(r) === '/api/v1/finance/periods/2026-11/close-check' ? { body: check(false) } : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/finance/periods/2026-11/close' ? { status: 200, body: { ...periods[1], status: 'closed' } } : undefined),
      ],
    });
    expect(await screen.findByText(/RC-2026-000007/)).toBeTruthy();
    expect(screen.getByTestId('closable').textContent).toBe('暂不能结账');
    expect(within(screen.getByTestId('check-item-cashier-days')).getByText('不符')).toBeTruthy();
    expect(within(screen.getByTestId('check-item-stock')).getByText('相符')).toBeTruthy();
    fireEvent.click(screen.getByTestId('close-2026-11'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/periods/2026-11/close')).toHaveLength(1));
  }, 20_000);

  it('offers no close to an accountant, who reads the checklist only', async () => {
    renderSignedIn(fetchMock, <PeriodClose />, {
      roles: ['accountant'],
      operations: ['GET /api/v1/finance/periods', 'GET /api/v1/finance/periods/{month}/close-check'],
      routes: [
        (r) => (path(r) === '/api/v1/finance/periods' ? { body: periods } : undefined),
        (r) => (path(r) === '/api/v1/finance/periods/2026-11/close-check' ? { body: check(true) } : undefined),
      ],
    });
    expect((await screen.findByTestId('closable')).textContent).toBe('可以结账');
    expect(screen.queryByTestId('close-2026-11')).toBeNull();
  });
});
