import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { Escorts } from './Escorts';
import { Incidents } from './Incidents';
import { MonitoringRoom } from './MonitoringRoom';
import { Notifications } from './Notifications';
import { Visitors } from './Visitors';

const page = (items: unknown[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const at = (path: string, reply: { body: unknown }) => (r: Request) => (r.method === 'GET' && new URL(r.url).pathname === path ? reply : undefined);
const ok = (body: unknown) => (r: Request) => (r.method !== 'GET' ? { body } : undefined);

const incident = {
  id: 'i-1', number: 'INC-2026-000004', type: 'fire', severity: 'critical', location: 'MAIN/A-03', occurredAt: '2026-11-30T01:00:00Z', description: 'Smoke in aisle A',
  evidence: [], reportedBy: 'u-guard', status: 'reported', acknowledgeBy: '2026-11-30T01:15:00Z', reportedAt: '2026-11-30T01:00:00Z', assignee: null, acknowledgedBy: null,
  acknowledgedAt: null, escalatedAt: '2026-11-30T01:15:05Z', resolution: null, closedAt: null, cashInvolved: false, cashAmountFen: null,
};

describe('the security watch', () => {
  it('lets the security manager acknowledge a reported incident and shows its escalation', async () => {
    const { sent } = renderSignedIn(fetchMock, <Incidents />, {
      roles: ['security_manager'], operations: ['GET /api/v1/security/incidents', 'POST /api/v1/security/incidents/{id}/acknowledge', 'POST /api/v1/security/incidents/{id}/close'],
      routes: [at('/api/v1/security/incidents', page([incident])), ok({ ...incident, status: 'acknowledged' })],
    });
    expect(await screen.findByText('INC-2026-000004')).toBeTruthy();
    expect(screen.getByText(/已上报总经理/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /结\s*案/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /受\s*理/ }));
    await vi.waitFor(() => expect(sent('POST', '/api/v1/security/incidents/i-1/acknowledge')).toHaveLength(1));
  }, 30_000);

  it('lists notifications for the person\'s roles', async () => {
    renderSignedIn(fetchMock, <Notifications />, {
      roles: ['general_manager'], operations: ['GET /api/v1/security/notifications'],
      routes: [at('/api/v1/security/notifications', page([{ id: 'n-1', recipientRole: 'general_manager', kind: 'incident_escalated', subject: 'INC-2026-000004: critical fire', documentId: 'i-1', createdAt: '2026-11-30T01:15:05Z' }]))],
    });
    expect(await screen.findByText('INC-2026-000004: critical fire')).toBeTruthy();
    expect(screen.getByText('事件超时未受理')).toBeTruthy();
  }, 30_000);

  it('opens a footage hold (a logged view) and lists who viewed it', async () => {
    const hold = { id: 'h-1', camera: 'camera-07', from: '2026-11-30T00:00:00Z', to: '2026-11-30T01:00:00Z', reason: 'Theft at A-03', incidentId: null, heldUntil: '2027-01-30T00:00:00Z', status: 'held', heldBy: 'u-me', heldAt: '2026-11-30T02:00:00Z', releasedBy: null, releasedAt: null };
    const { sent } = renderSignedIn(fetchMock, <MonitoringRoom />, {
      roles: ['monitoring_operator'],
      operations: ['GET /api/v1/security/duty-log', 'GET /api/v1/security/footage-holds', 'GET /api/v1/security/footage-holds/{id}', 'GET /api/v1/security/footage-holds/{id}/views', 'DELETE /api/v1/security/footage-holds/{id}'],
      routes: [
        at('/api/v1/security/duty-log', page([{ id: 'd-1', entry: 'Gate 2 barrier stuck', camera: null, operator: 'u-me', at: '2026-11-30T02:00:00Z' }])),
        at('/api/v1/security/footage-holds', page([hold])), at('/api/v1/security/footage-holds/h-1', { body: hold }),
        at('/api/v1/security/footage-holds/h-1/views', page([{ holdId: 'h-1', viewer: 'u-me', viewerRoles: ['monitoring_operator'], viewedAt: '2026-11-30T03:00:00Z' }])),
      ],
    });
    expect(await screen.findByText('Gate 2 barrier stuck')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '录像封存' }));
    fireEvent.click(await screen.findByRole('button', { name: /查\s*看/ }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/Theft at A-03/)).toBeTruthy();
    expect(sent('GET', '/api/v1/security/footage-holds/h-1')).toHaveLength(1);
    await vi.waitFor(() => expect(sent('GET', '/api/v1/security/footage-holds/h-1/views')).toHaveLength(1));
  }, 30_000);

  it('shows a visitor\'s masked ID and overstay, and checks them out', async () => {
    const visitor = {
      id: 'v-1', name: '王芳', idNumberMasked: '**************1234', host: 'u-host', purpose: 'Contract review', badge: 'V-017', status: 'on_site',
      checkedInAt: '2026-11-30T01:00:00Z', expectedLeaveAt: '2026-11-30T02:00:00Z', checkedOutAt: null, overstaying: true, checkedInBy: 'u-me',
    };
    const { sent } = renderSignedIn(fetchMock, <Visitors />, {
      roles: ['receptionist'], operations: ['GET /api/v1/security/visitors', 'POST /api/v1/security/visitors', 'POST /api/v1/security/visitors/{id}/check-out', 'GET /api/v1/security/visitors/overstays'],
      routes: [at('/api/v1/security/visitors', page([visitor])), ok({ ...visitor, status: 'left', overstaying: false })],
    });
    expect(await screen.findByText('**************1234')).toBeTruthy();
    expect(screen.getByText('超时')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /离\s*开/ }));
    await vi.waitFor(() => expect(sent('POST', '/api/v1/security/visitors/v-1/check-out')).toHaveLength(1));
  }, 30_000);

  it('lets a guard record an assigned escort\'s departure, and marks a late one', async () => {
    const escort = {
      id: 'e-1', depositId: 'd-1', amountFen: 4_000_000, bank: '中国工商银行 浦东支行', plannedAt: '2026-11-30T08:00:00Z', requestedBy: 'u-treasurer', status: 'assigned',
      guards: ['u-li', 'u-wang'], assignedBy: 'u-captain', departedAt: null, arrivedAt: null, late: true,
    };
    const { sent } = renderSignedIn(fetchMock, <Escorts />, {
      roles: ['security_guard'], operations: ['GET /api/v1/security/escorts', 'GET /api/v1/security/escorts/exceptions', 'POST /api/v1/security/escorts/{id}/depart', 'POST /api/v1/security/escorts/{id}/arrive'],
      routes: [at('/api/v1/security/escorts', page([escort])), ok({ ...escort, status: 'departed', late: false })],
    });
    expect(await screen.findByText('中国工商银行 浦东支行')).toBeTruthy();
    expect(screen.getByText('未按时出发', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /指派保安/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /出\s*发/ }));
    await vi.waitFor(() => expect(sent('POST', '/api/v1/security/escorts/e-1/depart')).toHaveLength(1));
  }, 30_000);
});
