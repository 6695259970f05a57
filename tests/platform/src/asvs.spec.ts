import { connect } from '@nats-io/transport-node';
import { withClient } from '@ops/persistence';
import { RpcClient } from '@ops/messaging';
import jwt from 'jsonwebtoken';
import { aCustomer } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

/**
 * The OWASP ASVS 4.0 level 2 requirements that apply to an API, each checked against the running platform
 * (the number in each name is the requirement's). Each test fails when its control is taken away.
 */
describe('ASVS level 2 checks against the running platform', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  const signIn = (username: string, password: string) => http<{ accessToken: string; refreshToken: string }>('POST', `${p.api}/auth/login`, { username, password });

  describe('V2 authentication', () => {
    it('2.1.1, 2.1.7: refuses passwords under 12 characters and the most breached ones', async () => {
      for (const password of ['elevenchars', 'Password1234']) {
        const res = await p.call('admin', 'POST', '/identity/users', { username: `weak.${password.length}${password[0]}`, displayName: 'Weak', password, roles: [] });
        expect({ password, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ password, status: 400, field: 'password' });
      }
    });

    it('2.2.1: locks an account after repeated failures, whatever the password then', async () => {
      expect((await p.call('admin', 'POST', '/identity/users', { username: 'lock.me', displayName: 'Lock', password: 'a proper passphrase', roles: ['cashier'] })).status).toBe(201);
      for (let i = 0; i < 5; i++) await signIn('lock.me', 'not the passphrase');
      expect((await signIn('lock.me', 'a proper passphrase')).status).toBe(423);
    });

    it('2.4.1: stores passwords only as argon2id hashes', async () => {
      const [row] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT password_hash FROM identity.users WHERE username = 'cashier'`)).rows);
      // PHC string: $argon2id$v=19$<parameters in any order>$salt$hash — OWASP's minimum: 19 MiB, 2 passes, 1 lane.
      const [, algorithm, version, parameters] = String(row.password_hash).split('$');
      expect([algorithm, version, Object.fromEntries(parameters.split(',').map((kv) => kv.split('=')))]).toEqual(['argon2id', 'v=19', { m: '19456', t: '2', p: '1' }]);
      expect(row.password_hash).not.toContain('cashier-demo');
    });
  });

  describe('V3 sessions and tokens', () => {
    it('3.3.1: signing out ends the session at once, access and refresh token alike', async () => {
      const tokens = (await signIn('accountant', 'accountant-demo')).body;
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      expect((await http('POST', `${p.api}/auth/logout`, undefined, auth)).status).toBe(204);
      expect((await http('GET', `${p.api}/auth/me`, undefined, auth)).status).toBe(401);
      expect((await http('POST', `${p.api}/auth/refresh`, { refreshToken: tokens.refreshToken })).status).toBe(401);
    });

    it('3.5.2, 3.5.3: refuses unsigned tokens, other algorithms, and changed claims', async () => {
      const good = (await signIn('auditor', 'auditor-demo')).body.accessToken;
      const [head, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.`;
      const raised = `${head}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
      const otherKey = jwt.sign(claims, 'a key that is not the gateway one at all!', { algorithm: 'HS512' });
      for (const token of [none, raised, otherKey]) expect((await http('GET', `${p.api}/identity/users`, undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
    });

    it('3.2.2: refresh tokens are random and single-use: reusing one ends the session', async () => {
      const first = (await signIn('cashier', 'cashier-demo')).body;
      const second = (await signIn('cashier', 'cashier-demo')).body;
      expect(first.refreshToken).not.toBe(second.refreshToken);
      expect((await http('POST', `${p.api}/auth/refresh`, { refreshToken: first.refreshToken })).status).toBe(200);
      expect((await http('POST', `${p.api}/auth/refresh`, { refreshToken: first.refreshToken })).status).toBe(401);
    });
  });

  describe('V4 access control', () => {
    it('4.1.1: every service checks the actor again: a command put straight onto the bus is refused', async () => {
      const nc = await connect({ servers: p.env.natsUrl });
      try {
        const reply = await new RpcClient(nc, p.env.naming).request('finance', 'record-receipt', { orderId: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', method: 'cash', amountFen: 1 }, { actorAssertion: '', requestId: 'asvs-4.1.1' });
        expect(reply).toMatchObject({ ok: false, problem: { status: 403 } });
      } finally {
        await nc.close();
      }
    });

    it('4.1.3, 4.3.1: a role without the permission is refused, administration needs an admin', async () => {
      expect((await p.call('sales_rep', 'POST', '/finance/receipts', {})).status).toBe(403);
      expect((await p.call('general_manager', 'GET', '/identity/users')).status).toBe(403);
      expect((await p.call('general_manager', 'GET', '/admin/sales/dead-letters')).status).toBe(403);
    });

    it('4.2.1: one person cannot read or change another\'s notifications', async () => {
      const [notice] = await withClient(p.env.databaseUrl, async (c) => (await c.query(
        `INSERT INTO sales.notifications (recipient, kind, message) VALUES ('somebody-else', 'order-expired', 'not yours') RETURNING id`)).rows);
      expect((await p.call('sales_rep', 'POST', `/sales/notifications/${notice.id}/read`)).status).toBe(404);
      expect((await p.call('sales_rep', 'GET', '/sales/notifications')).body.items.some((n: { id: number }) => Number(n.id) === Number(notice.id))).toBe(false);
    });
  });

  describe('V5 validation and V13 API', () => {
    it('5.1.3, 5.1.4: refuses unknown fields, wrong types and out-of-range values, naming each', async () => {
      const res = await p.call('sales_rep', 'POST', '/sales/orders', { customerId: 'nope', paymentTerms: 'barter', lines: [{ sku: 'A', quantity: -1 }], isAdmin: true });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['customerId', 'paymentTerms', 'lines[0].quantity', 'isAdmin']));
    });

    it('5.3.4: a search is data, not a pattern: % and _ match themselves', async () => {
      await aCustomer(p, 'Ordinary Trading');
      expect((await p.call('sales_rep', 'GET', '/sales/customers?search=%25')).body.total).toBe(0);
    });

    it('13.2.5: refuses a body that is not JSON as JSON', async () => {
      const res = await fetch(`${p.api}/sales/customers`, { method: 'POST', headers: { authorization: `Bearer ${await p.token('sales_rep')}`, 'content-type': 'text/plain' }, body: 'code=C-1&name=x' });
      expect([400, 415]).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('V7 errors and logging, V14 configuration', () => {
    it('7.1.1, 7.1.3: audits refused commands with who and why, and never a password', async () => {
      await p.call('sales_rep', 'POST', '/identity/users', { username: 'x.y', displayName: 'x', password: 'a secret passphrase', roles: [] });
      const trail = (await p.call('admin', 'GET', '/audit/identity?outcome=refused')).body.items;
      expect(trail.some((e: { status: number; actorRoles: string[] }) => e.status === 403 && e.actorRoles.includes('sales_rep'))).toBe(true);
      const everything = JSON.stringify((await p.call('admin', 'GET', '/audit/identity?pageSize=200')).body);
      expect(everything).not.toContain('a secret passphrase');
      expect(everything).not.toContain('-demo');
    });

    it('7.4.1: errors say what to do, with a request id, and nothing of the inside', async () => {
      const res = await http('GET', `${p.api}/sales/orders/not-a-uuid`, undefined, { authorization: `Bearer ${await p.token('sales_rep')}` });
      expect(res.contentType).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).not.toMatch(/stack|node_modules|SELECT|at \w+ \(/);
    });

    it('14.4.1–14.4.7, 14.5.3: security headers on every answer, and no CORS for foreign origins', async () => {
      const res = await fetch(`${p.api}/sales/orders`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${await p.token('sales_rep')}` } });
      expect(res.headers.get('content-type')).toMatch(/charset=utf-8/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
