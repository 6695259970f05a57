import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { Audit, dayRange } from './Audit';
import { renderSignedIn } from '../kit/testing';

const entry = {
  id: 5, at: '2026-11-30T08:00:00Z', actorId: 'u-9', actorRoles: ['sales_vp'], command: 'approve-credit-change', target: 'cc-1', requestId: 'req-123456789012',
  outcome: 'done', status: 200,
  summary: { result: { number: 'CC-2026-000001' }, changes: [{ aggregate: 'customer', id: 'c-1', changes: { creditLimitFen: { before: 0, after: 5000000 } } }] },
};

describe('the audit trail', () => {
  it('offers only the trails the person may read, and shows what changed before and after', async () => {
    const { sent } = renderSignedIn(fetchMock, <Audit />, {
      roles: ['sales_manager'], operations: ['GET /api/v1/audit/sales', 'GET /api/v1/audit/sales/export.csv'],
      routes: [(r) => (new URL(r.url).pathname === '/api/v1/audit/sales' ? { body: { items: [entry], page: 1, pageSize: 20, total: 1 } } : undefined)],
    });
    expect(await screen.findByText('approve-credit-change')).toBeTruthy();
    expect(screen.getByText('审计范围: 销售')).toBeTruthy();
    // Without the users list, the actor is asked for by id.
    expect(screen.getByLabelText('操作人用户 ID')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /展开行|Expand row/ }));
    expect(await screen.findByText('creditLimitFen')).toBeTruthy();
    expect(screen.getByText('5000000')).toBeTruthy();
    // A click on the document narrows the trail to it.
    fireEvent.click(screen.getByText('cc-1'));
    await waitFor(() => expect(sent('GET', '/api/v1/audit/sales').some((r) => new URL(r.url).searchParams.get('target') === 'cc-1')).toBe(true));
  }, 30_000);

  it('turns a day range into the business day\'s instants, the end day included', () => {
    expect(dayRange([dayjs('2026-11-01'), dayjs('2026-11-30')])).toEqual({ from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });
    expect(dayRange(null)).toEqual({ from: undefined, to: undefined });
  });
});
