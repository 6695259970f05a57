import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { Users } from './Users';

const ADMIN_OPS = ['GET /api/v1/identity/users', 'POST /api/v1/identity/users', 'PUT /api/v1/identity/users/{id}/roles', 'POST /api/v1/identity/users/{id}/deactivate'];
const user = (id: string, username: string, extra: object = {}) => ({
  id, username, displayName: `Demo ${username}`, roles: ['cashier'], active: true, lockedUntil: null, lastSignInAt: null, createdAt: '2026-11-30T08:00:00Z', ...extra,
});
const page = { items: [user('u-me', 'admin', { roles: ['admin'] }), user('u-2', 'cashier'), user('u-3', 'old.hand', { active: false })], page: 1, pageSize: 20, total: 3 };
const list = (r: Request) => (r.method === 'GET' && new URL(r.url).pathname === '/api/v1/identity/users' ? { body: page } : undefined);

describe('the users screen', { timeout: 30_000 }, () => {
  it('creates a user with the roles ticked, and shows the server\'s field error under its field', async () => {
    const { sent } = renderSignedIn(fetchMock, <Users />, {
      roles: ['admin'], operations: ADMIN_OPS, routes: [list, (r) => r.method === 'POST' ? {
        status: 400,
        body: { type: 'https://ops-platform.dev/problems/validation-failed', title: 'The request is not valid', status: 400, detail: '1 field(s) need attention', requestId: 'req-7', errors: [{ field: 'password', message: 'password is a commonly breached password' }] },
      } : undefined],
    });
    fireEvent.click(await screen.findByTestId('create-user'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('用户名'), { target: { value: 'li.na' } });
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '李娜' } });
    fireEvent.change(within(dialog).getByLabelText('初始密码'), { target: { value: 'password1234' } });
    fireEvent.click(within(dialog).getByLabelText('出纳'));
    fireEvent.click(within(dialog).getByLabelText('会计'));
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    const help = await within(dialog).findByText('password is a commonly breached password');
    expect(help.closest('.ant-form-item')?.querySelector('input#password')).not.toBeNull();
    const [post] = sent('POST', '/api/v1/identity/users');
    expect(await post.json()).toEqual({ username: 'li.na', displayName: '李娜', password: 'password1234', roles: ['cashier', 'accountant'] });
    expect(within(dialog).getByRole('alert').textContent).toContain('req-7');
  });

  it('asks for the obviously missing fields without calling the API', async () => {
    const { sent } = renderSignedIn(fetchMock, <Users />, { roles: ['admin'], operations: ADMIN_OPS, routes: [list] });
    fireEvent.click(await screen.findByTestId('create-user'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('初始密码'), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('密码至少 12 个字符')).toBeTruthy();
    expect(within(dialog).getAllByText('必填')).toHaveLength(2);
    expect(within(dialog).getByText('请至少选择一个角色')).toBeTruthy();
    expect(sent('POST', '/api/v1/identity/users')).toHaveLength(0);
  });

  it('offers deactivation only for other people still active, and role changes only to admins', async () => {
    renderSignedIn(fetchMock, <Users />, { roles: ['admin'], operations: ADMIN_OPS, routes: [list] });
    await screen.findByText('old.hand');
    expect(screen.getAllByRole('button', { name: /停\s*用/ })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: '修改角色' })).toHaveLength(2);
  });

  it('shows an auditor the list without commands', async () => {
    renderSignedIn(fetchMock, <Users />, { roles: ['auditor'], operations: ['GET /api/v1/identity/users'], routes: [list] });
    await screen.findByText('old.hand');
    expect(screen.queryByTestId('create-user')).toBeNull();
    expect(screen.queryByRole('button', { name: /停\s*用/ })).toBeNull();
    await waitFor(() => expect(screen.queryByRole('button', { name: '修改角色' })).toBeNull());
  });
});
