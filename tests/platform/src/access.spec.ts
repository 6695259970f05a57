import { loadGatewayConfig, startGateway } from '@ops/gateway';
import { ROLE_NAMES as ROLES } from '@ops/kernel';
import jwt from 'jsonwebtoken';
import { waitFor } from '@ops/testing';
import { http, TestPlatform } from './platform.js';

const SOME_ID = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f';

interface Operation {
  method: string;
  path: string;
  permission?: { owner: string; command: string; roles: string[] | Record<string, string[]> };
  access?: { public?: boolean; signedIn?: boolean };
  /** A stream of server-sent events: its answer never ends, so only its status is read. */
  stream: boolean;
}

describe('people, permissions and access', () => {
  let p: TestPlatform;
  let operations: Operation[];

  beforeAll(async () => {
    // One pooled connection per service: a query runs in a snapshot that holds one, so a handler that took a
    // second one (through the data source rather than its context) would wait forever here, not only under load.
    p = await TestPlatform.start({ overrides: { dbPoolSize: 1 } });
    const doc = (await http('GET', `${p.gateway.url}/api/docs-json`)).body;
    operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(), path, permission: op['x-permission'], access: op['x-access'], stream: !!op.responses?.['200']?.content?.['text/event-stream'],
      })),
    );
  });
  afterAll(() => p?.close());

  it('has no route without a declared access rule', () => {
    const undeclared = operations.filter((op) => !op.permission && !op.access).map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it('allows or refuses every route for every role exactly as the permission table declares', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    const checked = operations.filter((op) => op.permission);
    for (const op of checked) {
      const owner = op.permission!.owner === '{service}' || op.permission!.owner === '{owner}' ? 'sales' : op.permission!.owner;
      const roles = Array.isArray(op.permission!.roles) ? op.permission!.roles : op.permission!.roles[owner];
      const path = op.path.replace('/api/v1', '').replace('{service}', owner).replace('{owner}', owner).replace('{sequence}', '1').replace(/\{[a-zA-Z]+\}/g, SOME_ID);
      await Promise.all(ROLES.map(async (role) => {
        const res = op.stream ? await streamStatus(role, path) : await p.call(role, op.method, path, ['POST', 'PUT'].includes(op.method) ? {} : undefined);
        calls++;
        const allowed = roles.includes(role);
        const refused = res.status === 403 && /role-required/.test(res.body?.type ?? '');
        const missing = res.status === 404 && /\/not-found$/.test(res.body?.type ?? '');
        if (allowed === refused || res.status === 401 || missing) mismatches.push(`${role} ${op.method} ${path}: ${res.status} ${res.body?.type ?? ''}`);
      }));
    }
    expect(mismatches).toEqual([]);
    // For the issue note: the size of the matrix.
    console.info(`authorization matrix: ${checked.length} routes × ${ROLES.length} roles = ${calls} calls`);
  });

  /** The status of a stream, and its problem when refused; an open stream is hung up at once. */
  async function streamStatus(role: string, path: string): Promise<{ status: number; body: any }> {
    const abort = new AbortController();
    const res = await fetch(`${p.api}${path}`, { headers: { authorization: `Bearer ${await p.token(role)}` }, signal: abort.signal });
    const body = res.ok ? undefined : await res.json();
    abort.abort();
    return { status: res.status, body };
  }

  it('refuses calls without a token, with an expired token, and with a tampered one', async () => {
    expect((await http('GET', `${p.api}/sales/orders`)).status).toBe(401);
    const secret = loadGatewayConfig({}).jwtSecret;
    const me = (await p.call('auditor', 'GET', '/auth/me')).body;
    const expired = jwt.sign({ sub: me.userId, sid: SOME_ID, roles: ['auditor'], name: 'x', exp: Math.floor(Date.now() / 1000) - 10 }, secret, { issuer: 'ops-gateway', audience: 'ops-api' });
    const expiredRes = await http('GET', `${p.api}/sales/orders`, undefined, { authorization: `Bearer ${expired}` });
    expect(expiredRes).toMatchObject({ status: 401, body: { type: expect.stringContaining('token-expired') } });
    const good = await p.token('auditor');
    const [head, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
    expect(await http('GET', `${p.api}/identity/users`, undefined, { authorization: `Bearer ${forged}` })).toMatchObject({ status: 401, body: { type: expect.stringContaining('invalid-token') } });
  });

  it('rotates refresh tokens, ends the session when an old one is reused, and signs out', async () => {
    const login = (await http('POST', `${p.api}/auth/login`, { username: 'cashier', password: 'cashier-demo' })).body;
    const first = await http('POST', `${p.api}/auth/refresh`, { refreshToken: login.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.refreshToken);
    const reused = await http('POST', `${p.api}/auth/refresh`, { refreshToken: login.refreshToken });
    expect(reused.status).toBe(401);
    // Reuse means the token leaked: the whole session is gone, the newest tokens included.
    expect((await http('POST', `${p.api}/auth/refresh`, { refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await http('GET', `${p.api}/auth/me`, undefined, { authorization: `Bearer ${first.body.accessToken}` })).status).toBe(401);

    const again = (await http('POST', `${p.api}/auth/login`, { username: 'cashier', password: 'cashier-demo' })).body;
    const auth = { authorization: `Bearer ${again.accessToken}` };
    expect((await http('GET', `${p.api}/auth/me`, undefined, auth)).body).toMatchObject({ roles: ['cashier'] });
    expect((await http('POST', `${p.api}/auth/logout`, undefined, auth)).status).toBe(204);
    expect(await http('GET', `${p.api}/auth/me`, undefined, auth)).toMatchObject({ status: 401, body: { type: expect.stringContaining('session-ended') } });
    expect((await http('POST', `${p.api}/auth/refresh`, { refreshToken: again.refreshToken })).status).toBe(401);
  });

  it('locks an account after repeated failed sign-ins, even against the right password', async () => {
    const created = await p.call('admin', 'POST', '/identity/users', { username: 'li.na', displayName: '李娜', password: 'correct horse battery', roles: ['cashier'] });
    expect(created.status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await http('POST', `${p.api}/auth/login`, { username: 'li.na', password: 'wrong password' })).status).toBe(401);
    const fifth = await http('POST', `${p.api}/auth/login`, { username: 'li.na', password: 'wrong password' });
    expect(fifth.status).toBe(401);
    const locked = await http('POST', `${p.api}/auth/login`, { username: 'li.na', password: 'correct horse battery' });
    expect(locked).toMatchObject({ status: 423, body: { type: expect.stringContaining('account-locked') } });
    const trail = await p.read('/audit/identity?userId=' + created.body.id);
    expect(trail.body.items.map((e: { outcome: string }) => e.outcome)).toEqual(['refused', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
  });

  it('ends a session on every gateway instance at once, though each keeps signed-in sessions in memory', async () => {
    const other = await startGateway({ ...loadGatewayConfig({}), natsUrl: p.env.natsUrl, subjectPrefix: p.env.subjectPrefix, databaseUrl: p.env.databaseUrl, httpPort: 0, logLevel: 'error', seedDemoUsers: false });
    try {
      const tokens = (await http('POST', `${p.api}/auth/login`, { username: 'accountant', password: 'accountant-demo' })).body;
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      // Both instances now know the session (the second from its own read, kept in its cache).
      expect((await http('GET', `${other.url}/api/v1/auth/me`, undefined, auth)).status).toBe(200);
      expect((await http('GET', `${p.api}/auth/me`, undefined, auth)).status).toBe(200);
      expect((await http('POST', `${p.api}/auth/logout`, undefined, auth)).status).toBe(204);
      await waitFor('the other instance to hear of the sign-out', async () => (await http('GET', `${other.url}/api/v1/auth/me`, undefined, auth)).status === 401, { timeoutMs: 1_000, intervalMs: 20 });
      // A role taken away applies at once on the other instance too.
      const admin = { authorization: `Bearer ${await p.token('admin')}` };
      const user = (await http('POST', `${p.api}/identity/users`, { username: 'sun.ba', displayName: '孙八', password: 'a long passphrase', roles: ['cashier'] }, admin)).body;
      const theirs = { authorization: `Bearer ${(await http('POST', `${p.api}/auth/login`, { username: 'sun.ba', password: 'a long passphrase' })).body.accessToken}` };
      expect((await http('GET', `${other.url}/api/v1/finance/receipts`, undefined, theirs)).status).toBe(200);
      expect((await http('PUT', `${p.api}/identity/users/${user.id}/roles`, { roles: ['security_guard'] }, admin)).status).toBe(200);
      await waitFor('the other instance to apply the new roles', async () => (await http('GET', `${other.url}/api/v1/finance/receipts`, undefined, theirs)).status === 403, { timeoutMs: 1_000, intervalMs: 20 });
    } finally {
      await other.close();
    }
  });

  it('rate-limits sign-in attempts from one address', async () => {
    // Behind a trusted proxy, so this test's client has an address of its own: failed sign-ins of earlier tests count against 127.0.0.1.
    const strict = await startGateway({ ...loadGatewayConfig({}), natsUrl: p.env.natsUrl, subjectPrefix: p.env.subjectPrefix, databaseUrl: p.env.databaseUrl, httpPort: 0, logLevel: 'error', loginRateLimitPerMinute: 3, seedDemoUsers: false, trustedProxies: ['127.0.0.1'] });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await http('POST', `${strict.url}/api/v1/auth/login`, { username: 'nobody', password: 'nothing-at-all' }, { 'x-forwarded-for': '192.0.2.201' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('lets an admin manage people: weak passwords refused, roles and deactivation take effect at once', async () => {
    const weak = await p.call('admin', 'POST', '/identity/users', { username: 'wang.wu', displayName: '王五', password: 'short', roles: [] });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    const user = (await p.call('admin', 'POST', '/identity/users', { username: 'wang.wu', displayName: '王五', password: 'a long passphrase', roles: ['sales_rep'] })).body;
    const token = (await http('POST', `${p.api}/auth/login`, { username: 'wang.wu', password: 'a long passphrase' })).body.accessToken;
    const as = { authorization: `Bearer ${token}` };
    expect((await http('GET', `${p.api}/sales/customers`, undefined, as)).status).toBe(200);
    expect((await p.call('admin', 'PUT', `/identity/users/${user.id}/roles`, { roles: ['security_guard'] })).status).toBe(200);
    expect((await http('GET', `${p.api}/sales/customers`, undefined, as)).status).toBe(403);
    expect((await p.call('admin', 'POST', `/identity/users/${user.id}/deactivate`)).body).toMatchObject({ active: false });
    expect((await http('GET', `${p.api}/security/incidents`, undefined, as)).status).toBe(401);
    expect((await http('POST', `${p.api}/auth/login`, { username: 'wang.wu', password: 'a long passphrase' })).status).toBe(403);
  });

  it('puts names to user ids for everyone signed in, and nothing more', async () => {
    const cashier = (await p.call('cashier', 'GET', '/auth/me')).body;
    const directory = await p.call('security_guard', 'GET', `/identity/people?ids=${cashier.userId}`);
    expect(directory.status).toBe(200);
    expect(directory.body.items).toEqual([{ id: cashier.userId, displayName: cashier.displayName, username: 'cashier', active: true }]);
    const everyone = (await p.call('warehouse_keeper', 'GET', '/identity/people?pageSize=200')).body;
    expect(everyone.total).toBeGreaterThanOrEqual(20);
    expect(Object.keys(everyone.items[0]).sort()).toEqual(['active', 'displayName', 'id', 'username']);
    const bad = await p.call('cashier', 'GET', '/identity/people?ids=not-an-id');
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'ids']);
    expect((await http('GET', `${p.api}/identity/people`)).status).toBe(401);
  });

  it('sends security headers, refuses foreign origins, and keeps internals out of error bodies', async () => {
    const res = await fetch(`${p.api}/sales/orders`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = await res.text();
    expect(body).not.toMatch(/stack|at \w+ \(|SELECT|node_modules/);
  });
});
