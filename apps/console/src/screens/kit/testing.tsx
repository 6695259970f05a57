import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import type { Mock } from 'vitest';
import { setAccessToken } from '../../api/client';
import { SessionProvider } from '../../auth/Session';
import { I18nProvider } from '../../i18n/I18n';

// The screens wait on several stubbed answers; on a busy machine the default second is not enough.
configure({ asyncUtilTimeout: 5_000 });

/** The answer a stubbed route gives: JSON with a status, or a Response as is. */
export type Reply = Response | { status?: number; body: unknown };
export type Route = (request: Request) => Reply | undefined;

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

/**
 * Renders a screen for a signed-in person with `roles`, the API stubbed on `fetch`: the permission document
 * grants each listed operation to those roles, /auth/me answers the person, and `routes` answer the rest
 * (anything unanswered is an empty page). Answers the requests the screen sent.
 */
export function renderSignedIn(fetchMock: Mock, ui: ReactNode, { roles, operations, routes = [] }: { roles: string[]; operations: string[]; routes?: Route[] }) {
  const paths: Record<string, Record<string, { 'x-permission': { roles: string[] } }>> = {};
  for (const op of operations) {
    const [method, path] = op.split(' ');
    (paths[path] ??= {})[method.toLowerCase()] = { 'x-permission': { roles } };
  }
  const sent: Request[] = [];
  fetchMock.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const path = new URL(request.url).pathname;
    if (path === '/api/docs-json') return json({ paths });
    if (path === '/api/v1/auth/me') return json({ userId: 'u-me', displayName: 'Me', roles });
    if (path === '/api/v1/changes') return new Promise(() => undefined);
    sent.push(request.clone());
    for (const route of routes) {
      const reply = route(request);
      if (reply) return reply instanceof Response ? reply : json(reply.body, reply.status);
    }
    return json({ items: [], page: 1, pageSize: 20, total: 0 });
  });
  setAccessToken('test-token');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <MemoryRouter>
          <SessionProvider signedOut={() => <div>signed out</div>}>{ui}</SessionProvider>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { sent: (method: string, path: string) => sent.filter((r) => r.method === method && new URL(r.url).pathname === path) };
}
