import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { DutyRoster } from './DutyRoster';
import { businessToday } from './front-desk';
import { Leads, leadBody } from './Leads';
import { Reception, receptionBody } from './Reception';
import { Targets } from './Targets';

const posts = (path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === 'POST' && new URL(r.url).pathname === path ? reply : undefined);
const reception = {
  id: 'r-1', number: 'RC-2026-000007', kind: 'customer', businessDate: '2026-12-02', at: '2026-12-02T02:00:00Z', channel: 'walk_in', name: '张先生', phone: '138 0013 8000',
  phoneNormalised: '13800138000', need: 'SUV', consultant: 'chen.jie', assignment: 'rotation', skipped: ['li.lei'], outcome: null, host: null, purpose: null, recordedBy: 'receptionist',
};

describe('the reception form', { timeout: 30_000 }, () => {
  it('sends the walk-in as the API takes it and shows the consultant assigned, with who lost the turn', async () => {
    const { sent } = renderSignedIn(fetchMock, <Reception />, {
      roles: ['receptionist'],
      operations: ['POST /api/v1/sales/receptions', 'GET /api/v1/sales/receptions'],
      routes: [posts('/api/v1/sales/receptions', { status: 201, body: reception })],
    });
    fireEvent.change(await screen.findByLabelText('姓名'), { target: { value: ' 张先生 ' } });
    fireEvent.change(screen.getByLabelText('电话'), { target: { value: '138 0013 8000' } });
    fireEvent.change(screen.getByLabelText('需求'), { target: { value: 'SUV' } });
    fireEvent.click(screen.getByTestId('log-reception'));
    const assigned = await screen.findByTestId('assigned');
    expect(assigned.textContent).toContain('已分配给 chen.jie');
    expect(assigned.textContent).toContain('li.lei');
    const [post] = sent('POST', '/api/v1/sales/receptions');
    expect(await post.json()).toEqual({ channel: 'walk_in', name: '张先生', phone: '138 0013 8000', need: 'SUV' });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('asks for the consultant a referral names, and puts the API\'s field error under it', async () => {
    renderSignedIn(fetchMock, <Reception />, {
      roles: ['receptionist'],
      operations: ['POST /api/v1/sales/receptions'],
      routes: [posts('/api/v1/sales/receptions', {
        status: 400,
        body: { type: 'https://ops-platform.dev/problems/invalid-request', title: 'The request is not valid', status: 400, requestId: 'req-3', errors: [{ field: 'referredTo', message: 'referredTo must be the username of the consultant named by the referrer' }] },
      })],
    });
    fireEvent.click(await screen.findByText('转介绍'));
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '吴先生' } });
    fireEvent.change(await screen.findByLabelText('介绍给哪位顾问'), { target: { value: 'no such person!' } });
    fireEvent.click(screen.getByTestId('log-reception'));
    const help = await screen.findByText('referredTo must be the username of the consultant named by the referrer');
    expect(help.closest('.ant-form-item')?.querySelector('input')).toBe(screen.getByLabelText('介绍给哪位顾问'));
  });

  it('leaves blanks out and sends a consultant only for calls, web and events', () => {
    expect(receptionBody({ channel: 'walk_in', name: ' 李 ', phone: ' ', consultant: 'chen' })).toEqual({ channel: 'walk_in', name: '李' });
    expect(receptionBody({ channel: 'phone', name: '李', consultant: ' chen ' })).toEqual({ channel: 'phone', name: '李', consultant: 'chen' });
    expect(receptionBody({ channel: 'referral', name: '李', referredTo: 'wang' })).toEqual({ channel: 'referral', name: '李', referredTo: 'wang' });
  });
});

describe('the lead registration', { timeout: 30_000 }, () => {
  it('shows the API\'s phone error under the phone, and says when the credit is shared', async () => {
    let calls = 0;
    const { sent } = renderSignedIn(fetchMock, <Leads />, {
      roles: ['sales_rep'],
      operations: ['GET /api/v1/sales/leads', 'POST /api/v1/sales/leads'],
      routes: [(r) => {
        if (r.method !== 'POST' || new URL(r.url).pathname !== '/api/v1/sales/leads') return undefined;
        calls++;
        return calls === 1
          ? { status: 400, body: { type: 'https://ops-platform.dev/problems/phone-invalid', title: 'The request is not valid', status: 400, requestId: 'req-4', errors: [{ field: 'phone', message: 'must be an 11-digit mobile or a landline with its area code' }] } }
          : { status: 201, body: { id: 'l-1', name: '周先生', phone: '13800138999', need: null, status: 'shared', owners: [], ownedSince: null, lastFollowUpOn: null, ownedUntil: null, registeredBy: 'a', registeredAt: '2026-12-02T02:00:00Z', registration: 'shared', disputeId: null } };
      }],
    });
    fireEvent.click(await screen.findByTestId('register-lead'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('客户姓名'), { target: { value: '周先生' } });
    fireEvent.change(within(dialog).getByLabelText('电话'), { target: { value: '12345' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    const help = await within(dialog).findByText('must be an 11-digit mobile or a landline with its area code');
    expect(help.closest('.ant-form-item')?.querySelector('input')).toBe(within(dialog).getByLabelText('电话'));
    fireEvent.change(within(dialog).getByLabelText('电话'), { target: { value: '+86 138 0013 8999' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect((await screen.findByTestId('lead-registration')).textContent).toContain('业绩各 50%');
    const posted = sent('POST', '/api/v1/sales/leads');
    expect(await posted[1].json()).toEqual({ name: '周先生', phone: '+86 138 0013 8999' });
    expect(leadBody({ name: ' 周 ', phone: ' 13800138999 ', need: ' ' })).toEqual({ name: '周', phone: '13800138999' });
  });
});

describe('the duty roster', { timeout: 30_000 }, () => {
  it('shows who is next and the fairness counts, and marks a consultant away with the reason', async () => {
    const roster = {
      date: '2026-12-02', nextConsultant: 'chen', setBy: 'sales_manager',
      consultants: [
        { consultant: 'chen', present: true, awayReason: null, next: true, turns: 2, skips: 0 },
        { consultant: 'li', present: false, awayReason: 'test drive', next: false, turns: 1, skips: 1 },
      ],
    };
    const { sent } = renderSignedIn(fetchMock, <DutyRoster />, {
      roles: ['receptionist'],
      operations: ['GET /api/v1/sales/duty-roster/{date}', 'POST /api/v1/sales/duty-roster/{date}/presence', 'GET /api/v1/sales/rotation/fairness'],
      routes: [(r) => {
        const path = new URL(r.url).pathname;
        if (r.method === 'GET' && path.startsWith('/api/v1/sales/duty-roster/')) return { body: roster };
        if (r.method === 'GET' && path === '/api/v1/sales/rotation/fairness') return { body: { from: '2026-11-03', to: '2026-12-02', consultants: [{ consultant: 'li', turns: 1, skips: 1, returning: 0, referrals: 2, skipReasons: [{ reason: 'test drive', count: 1 }] }] } };
        if (r.method === 'POST' && path.endsWith('/presence')) return { body: roster };
        return undefined;
      }],
    });
    expect(await screen.findByText('下一位')).toBeTruthy();
    expect(await screen.findByText('test drive ×1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('away-chen'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('离岗原因'), { target: { value: 'Delivery to a customer' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent('POST', `/api/v1/sales/duty-roster/${businessToday()}/presence`)).toHaveLength(1));
    expect(await sent('POST', `/api/v1/sales/duty-roster/${businessToday()}/presence`)[0].json()).toEqual({ consultant: 'chen', present: false, reason: 'Delivery to a customer' });
  });
});

describe('the sales target form', { timeout: 30_000 }, () => {
  it('sends the amount typed in yuan as fen, and puts the API\'s amountFen error under the yuan field', async () => {
    const { sent } = renderSignedIn(fetchMock, <Targets />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/sales/targets', 'POST /api/v1/sales/targets'],
      routes: [posts('/api/v1/sales/targets', {
        status: 400,
        body: { type: 'https://ops-platform.dev/problems/target-amount', title: 'The request is not valid', status: 400, requestId: 'req-5', errors: [{ field: 'amountFen', message: 'must be a positive whole number of fen' }] },
      })],
    });
    fireEvent.click(await screen.findByTestId('set-target'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('业务员'), { target: { value: ' chen.jie ' } });
    fireEvent.change(within(dialog).getByLabelText('区域'), { target: { value: 'East China' } });
    fireEvent.change(within(dialog).getByLabelText('月份'), { target: { value: '2027-01' } });
    fireEvent.change(within(dialog).getByLabelText('目标金额（元）'), { target: { value: '500,000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    const help = await within(dialog).findByText('must be a positive whole number of fen');
    expect(help.closest('.ant-form-item')?.querySelector('input')).toBe(within(dialog).getByLabelText('目标金额（元）'));
    const [post] = sent('POST', '/api/v1/sales/targets');
    expect(await post.json()).toEqual({ rep: 'chen.jie', region: 'East China', month: '2027-01', amountFen: 50_000_000 });
  });
});
