import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { Payables } from './Payables';
import { PaymentRequests } from './PaymentRequests';

const page = (items: object[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const request = (number: string, status: string, createdBy: string, managerApprovedBy: string | null = null) => ({
  id: `id-${number}`, number, supplierId: 's-1', supplierName: '杭州茶业', kind: 'payables', payableIds: ['p-1'], purchaseOrderId: null, purchaseOrderNumber: null,
  amountFen: 15_000, reason: '十一月到货', status, createdBy, createdAt: '2026-11-30T02:00:00Z', managerApprovedBy, managerApprovedAt: null, approvedBy: null, approvedAt: null,
  rejectedBy: null, rejectionReason: null, method: null, bankReference: null, paidBy: null, paidAt: null, prepaymentUsedFen: 0, toPayablesFen: 0, toPrepaymentFen: 0,
});
const path = (r: Request) => new URL(r.url).pathname;

beforeEach(() => fetchMock.mockReset());

describe('supplier payment requests', () => {
  it('pays an approved request by transfer with the bank\'s reference', async () => {
    const { sent } = renderSignedIn(fetchMock, <PaymentRequests />, {
      roles: ['finance_manager'],
      operations: ['GET /api/v1/finance/payment-requests', 'POST /api/v1/finance/payment-requests/{requestId}/pay'],
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/finance/payment-requests' ? page([request('SPR-2026-000001', 'approved', 'u-buyer')]) : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/finance/payment-requests/id-SPR-2026-000001/pay' ? { status: 200, body: {} } : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('pay-SPR-2026-000001'));
    const reference = await screen.findByLabelText('银行流水号');
    const dialog = reference.closest('.ant-modal') as HTMLElement;
    // A transfer without its reference is not sent.
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('必填')).toBeTruthy();
    expect(sent('POST', '/api/v1/finance/payment-requests/id-SPR-2026-000001/pay')).toHaveLength(0);
    fireEvent.change(reference, { target: { value: ' ICBC-20261130-0042 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/finance/payment-requests/id-SPR-2026-000001/pay')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/finance/payment-requests/id-SPR-2026-000001/pay')[0].json()).toEqual({ method: 'transfer', bankReference: 'ICBC-20261130-0042' });
  }, 20_000);

  it('offers approval at the level the person holds, never on their own request or a second time', async () => {
    renderSignedIn(fetchMock, <PaymentRequests />, {
      roles: ['general_manager'],
      operations: ['GET /api/v1/finance/payment-requests', 'POST /api/v1/finance/payment-requests/{requestId}/approve'],
      routes: [(r) => (path(r) === '/api/v1/finance/payment-requests' ? page([
        request('SPR-2026-000001', 'manager_approved', 'u-buyer', 'u-pm'),
        request('SPR-2026-000002', 'submitted', 'u-me'),
        request('SPR-2026-000003', 'manager_approved', 'u-buyer', 'u-me'),
        request('SPR-2026-000004', 'paid', 'u-buyer', 'u-pm'),
      ]) : undefined)],
    });
    expect(await screen.findByTestId('approve-SPR-2026-000001')).toBeTruthy();
    expect(screen.getByTestId('reject-SPR-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('approve-SPR-2026-000002')).toBeNull();
    expect(screen.queryByTestId('approve-SPR-2026-000003')).toBeNull();
    expect(screen.queryByTestId('approve-SPR-2026-000004')).toBeNull();
  });
});

describe('supplier payables', () => {
  it('lists payables with what is owed, overdue and missing an invoice', async () => {
    renderSignedIn(fetchMock, <Payables />, {
      roles: ['accountant'],
      operations: ['GET /api/v1/finance/payables'],
      routes: [(r) => (path(r) === '/api/v1/finance/payables' ? page([{
        id: 'p-1', supplierId: 's-1', supplierCode: 'SUP-1', supplierName: '杭州茶业', receiptId: 'r-1', receiptNumber: 'GR-2026-000001', purchaseOrderId: null, purchaseOrderNumber: null,
        amountFen: 11_300, netFen: 10_000, vatFen: 1_300, settledFen: 0, returnedFen: 0, remainingFen: 11_300, status: 'open', auditDate: '2026-10-01', paymentTermsDays: 30,
        termsProvisional: false, dueDate: '2026-10-31', overdue: true, supplierInvoiceNumber: null, missingInvoice: true, raisedAt: '2026-10-01T02:00:00Z',
      }]) : undefined)],
    });
    expect((await screen.findAllByText(/GR-2026-000001/)).length).toBeGreaterThan(0);
    expect(screen.getAllByText('缺供应商发票').length).toBeGreaterThan(0);
    expect(screen.getByText('2026-10-31')).toBeTruthy();
  }, 20_000);
});
