import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { I18nProvider } from '../i18n/I18n';
import { Login } from './Login';

const problem = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('the sign-in form', () => {
  it('asks for what is missing next to each field, in Chinese by default, without calling the API', async () => {
    render(<I18nProvider><Login onSignedIn={() => undefined} /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findAllByText('必填')).toHaveLength(2);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server\'s problem detail with its request id, and the field errors next to their fields', async () => {
    fetchMock.mockResolvedValueOnce(problem(400, {
      type: 'https://ops-platform.dev/problems/validation-failed', title: 'The request is not valid', status: 400, detail: '1 field(s) need attention',
      errors: [{ field: 'username', message: 'username must be shorter than or equal to 100 characters' }], requestId: 'req-42',
    }));
    const onSignedIn = vi.fn();
    render(<I18nProvider><Login onSignedIn={onSignedIn} /></I18nProvider>);
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'x'.repeat(101) } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('1 field(s) need attention');
    expect(alert.textContent).toContain('请求编号: req-42');
    // The message sits in the username field's own help area.
    const help = await screen.findByText('username must be shorter than or equal to 100 characters');
    expect(help.closest('.ant-form-item')?.querySelector('input#username')).not.toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs in with the token the API answers', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900 }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const onSignedIn = vi.fn();
    render(<I18nProvider><Login onSignedIn={onSignedIn} /></I18nProvider>);
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'cashier' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'cashier-demo' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(sessionStorage.getItem('ops-console-token')).toBe('a.b.c');
  });
});
