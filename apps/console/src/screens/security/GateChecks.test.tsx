import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { GateChecks } from './GateChecks';

const GUARD_OPS = ['GET /api/v1/security/expected-exits', 'GET /api/v1/security/gate-checks', 'POST /api/v1/security/gate-checks'];
const exit = { shipmentId: 's-1', shipmentNumber: 'SH-2026-000007', orderId: 'o-1', carrier: 'SF Express', trackingNumber: 'SF123', pieces: 2, status: 'expected', expectedAt: '2026-11-30T08:00:00Z' };
const exits = (r: Request) => (new URL(r.url).pathname === '/api/v1/security/expected-exits' ? { body: { items: [exit], page: 1, pageSize: 20, total: 1 } } : undefined);
const mismatch = {
  id: 'g-1', number: 'GC-2026-000009', shipmentNumber: 'SH-2026-000007', shipmentId: 's-1', piecesCounted: 3, piecesExpected: 2, outcome: 'mismatch',
  incidentId: 'i-1', gate: 'Main gate', vehicle: '沪A·12345', checkedBy: 'u-me', checkedAt: '2026-11-30T09:00:00Z',
};

describe('the gate', () => {
  it('records the count against an expected shipment and says plainly when it does not match', async () => {
    localStorage.removeItem('ops-console-gate');
    const { sent } = renderSignedIn(fetchMock, <GateChecks />, {
      roles: ['security_guard'], operations: GUARD_OPS,
      routes: [exits, (r) => (r.method === 'POST' ? { status: 201, body: mismatch } : undefined)],
    });
    fireEvent.click(await screen.findByTestId('check-SH-2026-000007'));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('随车单据上的发货单号') as HTMLInputElement).value).toBe('SH-2026-000007');
    fireEvent.change(within(dialog).getByLabelText('清点件数'), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText('车牌号'), { target: { value: ' 沪A·12345 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    const result = await screen.findByTestId('gate-result');
    expect(result.textContent).toContain('件数不符，不得放行');
    expect(result.textContent).toContain('单据 2 件，清点 3 件');
    const [post] = sent('POST', '/api/v1/security/gate-checks');
    expect(await post.json()).toEqual({ shipmentNumber: 'SH-2026-000007', piecesCounted: 3, vehicle: '沪A·12345' });
  }, 30_000);

  it('shows a security manager the lists without the commands', async () => {
    renderSignedIn(fetchMock, <GateChecks />, { roles: ['security_manager'], operations: ['GET /api/v1/security/expected-exits', 'GET /api/v1/security/gate-checks'], routes: [exits] });
    await screen.findByText('SH-2026-000007');
    expect(screen.queryByTestId('record-check')).toBeNull();
    expect(screen.queryByTestId('check-SH-2026-000007')).toBeNull();
  }, 30_000);
});
