import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGatewayConfig, startGateway, type GatewayConfig } from '@ops/gateway';
import { withClient } from '@ops/persistence';
import type { RunningApp } from '@ops/service-kit';
import { waitFor } from '@ops/testing';
import jwt from 'jsonwebtoken';
import { aCustomer } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

const secret = (name: string) => `${name}-`.padEnd(40, name[0]);

/** What probing the gateway as an attacker found, held shut. */
describe('security hardening', () => {
  let p: TestPlatform;
  let dir: string;
  let keysFile: string;
  const extra: RunningApp[] = [];

  const writeKeys = (access: { signing: string; keys: string[] }, actor: { signing: string; keys: string[] }) => {
    const set = (s: { signing: string; keys: string[] }) => ({ signing: s.signing, keys: Object.fromEntries(s.keys.map((kid) => [kid, secret(kid)])) });
    writeFileSync(keysFile, JSON.stringify({ access: set(access), actor: set(actor) }));
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ops-keys-'));
    keysFile = path.join(dir, 'keys.json');
    writeKeys({ signing: 'a1', keys: ['a1'] }, { signing: 's1', keys: ['s1'] });
    p = await TestPlatform.start({ overrides: { keysFile, keysReloadMs: 100 }, gateway: { keysFile, keysReloadMs: 100, accessTokenTtlSeconds: 6 } });
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const gateway = async (config: Partial<GatewayConfig>) => {
    const app = await startGateway({
      ...loadGatewayConfig({}), natsUrl: p.env.natsUrl, subjectPrefix: p.env.subjectPrefix, databaseUrl: p.env.databaseUrl, httpPort: 0, logLevel: 'error',
      seedDemoUsers: false, keysFile, keysReloadMs: 100, ...config,
    });
    extra.push(app);
    return app;
  };
  const signIn = (app: RunningApp, username: string, password: string, forwardedFor?: string) =>
    http('POST', `${app.url}/api/v1/auth/login`, { username, password }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});

  // First in the file: the address of these requests (127.0.0.1) has no failed sign-ins yet.
  it('takes the client address from the socket, not from an X-Forwarded-For a client makes up', async () => {
    const strict = await gateway({ loginRateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(strict, 'nobody', 'wrong password', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it('honours X-Forwarded-For from a trusted proxy (TRUSTED_PROXIES): each client behind it has its own limit', async () => {
    const behindProxy = await gateway({ loginRateLimitPerMinute: 5, trustedProxies: ['127.0.0.1'] });
    const distinct: number[] = [];
    for (let i = 0; i < 8; i++) distinct.push((await signIn(behindProxy, 'nobody', 'wrong password', `192.0.2.${10 + i}`)).status);
    expect(distinct).toEqual(Array(8).fill(401));
    const same: number[] = [];
    for (let i = 0; i < 7; i++) same.push((await signIn(behindProxy, 'nobody', 'wrong password', '192.0.2.99')).status);
    expect(same).toEqual([...Array(5).fill(401), 429, 429]);
  });

  it('shares one sign-in limit and one lockout between two gateway instances', async () => {
    const [one, two] = [await gateway({ loginRateLimitPerMinute: 5, trustedProxies: ['127.0.0.1'] }), await gateway({ loginRateLimitPerMinute: 5, trustedProxies: ['127.0.0.1'] })];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(i % 2 ? two : one, 'nobody', 'wrong password', '203.0.113.50')).status);
    expect(statuses).toEqual([...Array(5).fill(401), 429, 429, 429]);

    expect((await p.call('admin', 'POST', '/identity/users', { username: 'zhao.liu', displayName: '赵六', password: 'the right passphrase', roles: ['cashier'] })).status).toBe(201);
    // Five failures, alternating instances and addresses (so no address limit interferes), lock the account on both.
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 ? two : one, 'zhao.liu', 'a wrong guess', `203.0.113.${60 + i}`)).status).toBe(401);
    expect((await signIn(one, 'zhao.liu', 'the right passphrase', '203.0.113.70')).status).toBe(423);
    expect((await signIn(two, 'zhao.liu', 'the right passphrase', '203.0.113.71')).status).toBe(423);
  });

  it('ends a session on every gateway instance at once, although each keeps signed-in sessions for a minute', async () => {
    const [one, two] = [await gateway({ sessionCacheMs: 60_000 }), await gateway({ sessionCacheMs: 60_000 })];
    const { accessToken } = (await http<{ accessToken: string }>('POST', `${one.url}/api/v1/auth/login`, { username: 'cashier', password: 'cashier-demo' })).body;
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = (app: RunningApp) => http('GET', `${app.url}/api/v1/auth/me`, undefined, auth);
    expect([(await me(one)).status, (await me(two)).status]).toEqual([200, 200]); // both now hold the session in memory
    expect((await http('POST', `${one.url}/api/v1/auth/logout`, undefined, auth)).status).toBe(204);
    expect((await me(one)).status).toBe(401);
    // Told over NATS: well within a second, not when the minute is up.
    await waitFor('the other instance to forget the session', async () => (await me(two)).status === 401, { timeoutMs: 1_000, intervalMs: 20 });
  });

  it('rotates signing keys while requests flow: nobody is refused, and a retired key\'s tokens stop working', async () => {
    const kidOf = (token: string) => (jwt.decode(token, { complete: true }) as { header: { kid?: string } }).header.kid;
    const login = async (role: string) => (await http<{ accessToken: string }>('POST', `${p.api}/auth/login`, { username: role, password: `${role}-demo` })).body.accessToken;
    const before = await login('sales_manager');
    expect(kidOf(before)).toBe('a1');

    let current = before;
    let flowing = true;
    const refused: string[] = [];
    let calls = 0;
    const flow = (async () => {
      while (flowing) {
        const res = await http('GET', `${p.api}/sales/customers?pageSize=1`, undefined, { authorization: `Bearer ${current}` });
        calls++;
        if (res.status !== 200) refused.push(`${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    })();
    const reloaded = () => new Promise((resolve) => setTimeout(resolve, 500));
    // 1. New keys are added everywhere first, verifying only; 2. then they sign.
    writeKeys({ signing: 'a1', keys: ['a1', 'a2'] }, { signing: 's1', keys: ['s1', 's2'] });
    await reloaded();
    writeKeys({ signing: 'a2', keys: ['a1', 'a2'] }, { signing: 's2', keys: ['s1', 's2'] });
    await reloaded();
    const after = await login('sales_manager');
    expect(kidOf(after)).toBe('a2');
    current = after;
    await reloaded();
    flowing = false;
    await flow;
    expect({ calls: calls > 20, refused }).toEqual({ calls: true, refused: [] });
    // A token signed by the old key still works until it expires, then not.
    expect((await http('GET', `${p.api}/auth/me`, undefined, { authorization: `Bearer ${before}` })).status).toBe(200);
    await waitFor('the old token to expire', async () => (await http('GET', `${p.api}/auth/me`, undefined, { authorization: `Bearer ${before}` })).status === 401, { timeoutMs: 10_000, intervalMs: 250 });
    // 3. Once every token it signed has expired, the old key is retired: a token it signs is refused at once.
    writeKeys({ signing: 'a2', keys: ['a2'] }, { signing: 's2', keys: ['s2'] });
    await reloaded();
    const claims = jwt.decode(after) as Record<string, unknown>;
    const forged = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, secret('a1'), { keyid: 'a1' });
    expect(await http('GET', `${p.api}/auth/me`, undefined, { authorization: `Bearer ${forged}` })).toMatchObject({ status: 401, body: { type: expect.stringContaining('invalid-token') } });
    // The current key still signs and verifies (a fresh token: `after` itself lives only 6 s, and may be gone by now).
    const fresh = await login('sales_manager');
    expect(kidOf(fresh)).toBe('a2');
    expect((await http('GET', `${p.api}/sales/customers`, undefined, { authorization: `Bearer ${fresh}` })).status).toBe(200);
  });

  it('searches what a person typed: % and _ are literal, and the search stays indexed at 100,000 customers', async () => {
    const percent = (await p.call('sales_rep', 'POST', '/sales/customers', { code: 'C-100PCT', name: '百分之百 100% Ltd' })).body;
    const underscore = (await p.call('sales_rep', 'POST', '/sales/customers', { code: 'C-UNDER', name: 'Snake_case Trading' })).body;
    await aCustomer(p, 'Plain Trading');
    const search = async (term: string) => (await p.call('sales_rep', 'GET', `/sales/customers?search=${encodeURIComponent(term)}&pageSize=200`)).body.items.map((c: { id: string }) => c.id);
    expect(await search('%')).toEqual([percent.id]);
    expect(await search('_')).toEqual([underscore.id]);
    expect(await search('e_c')).toEqual([underscore.id]);
    await withClient(p.env.databaseUrl, async (c) => {
      await c.query(`INSERT INTO sales.customers (id, code, name, credit_grade, credit_limit_fen, payment_terms_days, open_receivable_fen, overdue_fen, receivable_revision, on_hold)
        SELECT gen_random_uuid(), 'C-BULK-' || n, '客户 ' || md5(n::text), 'D', 0, 0, 0, 0, 0, false FROM generate_series(1, 100000) n`);
      await c.query('ANALYZE sales.customers');
      // Whether the planner prefers the indexes or a scan depends on its estimate for the pattern (a scan of 100,000
      // short rows is cheap too), so ask whether the search *can* use them: with scans off, both trigram indexes serve it.
      await c.query('BEGIN');
      await c.query('SET LOCAL enable_seqscan = off');
      const plan = (await c.query(`EXPLAIN SELECT * FROM sales.customers WHERE code ILIKE $1 OR name ILIKE $1`, ['%a1b2c%'])).rows.map((r) => r['QUERY PLAN']).join('\n');
      await c.query('ROLLBACK');
      expect(plan).toMatch(/customers_name_trgm/);
      expect(plan).toMatch(/customers_code_trgm/);
      expect(plan).not.toMatch(/Seq Scan/);
    });
  });

  it('keeps before and after of a credit limit change in the audit trail', async () => {
    const customer = await aCustomer(p);
    const change = (await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'B', creditLimitFen: 3_000_000, paymentTermsDays: 30, reason: 'grown' })).body;
    expect((await p.call('sales_manager', 'POST', `/sales/credit-changes/${change.id}/approve`)).status).toBe(200);
    expect((await p.call('sales_vp', 'POST', `/sales/credit-changes/${change.id}/approve`)).status).toBe(200);
    const trail = (await p.call('auditor', 'GET', `/audit/sales?command=approve-credit-change&target=${change.id}`)).body.items;
    const vpStep = trail.find((e: { summary: { changes?: unknown[] } }) => (e.summary.changes ?? []).some((c: any) => c.aggregate === 'customer'));
    expect(vpStep.summary.changes).toEqual(expect.arrayContaining([
      { aggregate: 'customer', id: customer.id, changes: expect.objectContaining({ creditLimitFen: { before: 0, after: 3_000_000 }, creditGrade: { before: 'D', after: 'B' } }) },
      { aggregate: 'credit-change', id: change.id, changes: expect.objectContaining({ status: { before: 'pending_vp', after: 'approved' } }) },
    ]));
  });

  it('keeps before and after of a change of roles in the gateway\'s trail', async () => {
    const user = (await p.call('admin', 'POST', '/identity/users', { username: 'qian.qi', displayName: '钱七', password: 'a long passphrase', roles: ['cashier'] })).body;
    expect((await p.call('admin', 'PUT', `/identity/users/${user.id}/roles`, { roles: ['cashier', 'accountant'] })).status).toBe(200);
    const entry = (await p.call('admin', 'GET', `/audit/identity?command=set-roles&target=${user.id}`)).body.items[0];
    expect(entry.summary.changes).toEqual([{ aggregate: 'user', id: user.id, changes: { roles: { before: ['cashier'], after: ['cashier', 'accountant'] } } }]);
  });
});
