import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { PatrolCompliance } from './PatrolCompliance';
import { Patrols } from './Patrols';
import { Posts } from './Posts';
import { SecurityExceptions } from './SecurityExceptions';

const page = (items: unknown[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const at = (path: string, reply: { body: unknown }) => (r: Request) => (r.method === 'GET' && new URL(r.url).pathname === path ? reply : undefined);
const route = {
  id: 'r-1', code: 'NIGHT-W', name: 'Warehouse night', kind: 'night', frequencyMinutes: 120, activeFrom: '20:00', activeTo: '06:00', effectiveFrom: '2026-11-30T11:00:00Z',
  checkpoints: [{ id: 'c-1', position: 1, code: 'CP-A', name: 'Gate 2', tenantArea: false }, { id: 'c-2', position: 2, code: 'CP-B', name: 'W1', tenantArea: true }],
};
const round = {
  id: 'o-1', routeId: 'r-1', routeCode: 'NIGHT-W', night: '2026-11-30', windowStart: '2026-11-30T14:00:00Z', windowEnd: '2026-11-30T16:00:00Z', status: 'missed', expected: 2,
  scans: [{ id: 's-1', code: 'CP-A', checkpointId: 'c-1', routeId: 'r-1', roundId: 'o-1', guardUsername: 'security_guard', secondGuard: null, scannedAt: '2026-11-30T14:10:00Z', flags: [] }],
  misses: [{ checkpointId: 'c-2', code: 'CP-B', recordedAt: '2026-11-30T16:00:01Z' }],
};

describe('patrols', () => {
  it('shows routes and rounds with their misses, and a guard scans a tag; a refusal lands on its field', async () => {
    const { sent } = renderSignedIn(fetchMock, <Patrols />, {
      roles: ['security_guard'], operations: ['GET /api/v1/security/patrol-routes', 'GET /api/v1/security/patrol-rounds', 'POST /api/v1/security/patrol-scans'],
      routes: [
        at('/api/v1/security/patrol-routes', page([route])), at('/api/v1/security/patrol-rounds', page([round])),
        (r) => (r.method === 'POST' ? json({ type: 'x', title: 'Refused', status: 422, detail: 'two guards', errors: [{ field: 'secondGuard', message: 'must name the second guard' }] }, 422) : undefined),
      ],
    });
    expect(await screen.findByText('CP-A → CP-B')).toBeTruthy();
    expect(await screen.findByText('有漏巡')).toBeTruthy();
    expect(screen.queryByTestId('create-route')).toBeNull();
    fireEvent.click(await screen.findByTestId('patrol-scan'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('扫描的标签编号'), { target: { value: ' CP-B ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('must name the second guard')).toBeTruthy();
    const [post] = sent('POST', '/api/v1/security/patrol-scans');
    expect(await post.json()).toEqual({ code: 'CP-B' });
  }, 30_000);

  it('lists the captain\'s exceptions, the roster and compliance', async () => {
    renderSignedIn(fetchMock, <SecurityExceptions />, {
      roles: ['security_captain'], operations: ['GET /api/v1/security/exceptions', 'GET /api/v1/security/posts'],
      routes: [at('/api/v1/security/exceptions', page([{ kind: 'missed_checkpoint', date: '2026-11-30', postId: null, shiftId: null, routeId: 'r-1', roundId: 'o-1', checkpointId: 'c-2', scanId: null, from: '2026-11-30T14:00:00Z', to: '2026-11-30T16:00:00Z', detail: 'Checkpoint CP-B not scanned' }]))],
    });
    expect(await screen.findByText('Checkpoint CP-B not scanned')).toBeTruthy();
    expect((await screen.findAllByText('漏巡')).length).toBeGreaterThan(0);
  }, 30_000);

  it('renders the roster and compliance screens', async () => {
    renderSignedIn(fetchMock, <><Posts /><PatrolCompliance /></>, {
      roles: ['security_captain'], operations: ['GET /api/v1/security/posts', 'POST /api/v1/security/posts', 'GET /api/v1/security/shifts', 'GET /api/v1/security/handovers', 'GET /api/v1/security/patrols/compliance'],
      routes: [
        at('/api/v1/security/posts', page([{ id: 'p-1', code: 'GATE-1', name: 'Main gate', kind: 'gate' }])),
        at('/api/v1/security/patrols/compliance', { body: { from: '2026-11-24', to: '2026-11-30', byRoute: [{ key: 'NIGHT-W', expected: 12, scanned: 9, percent: 75 }], byGuard: [], byNight: [] } }),
      ],
    });
    expect((await screen.findAllByText('GATE-1')).length).toBeGreaterThan(0);
    expect(await screen.findByText('NIGHT-W')).toBeTruthy();
    expect(screen.getByTestId('create-post')).toBeTruthy();
  }, 30_000);
});
