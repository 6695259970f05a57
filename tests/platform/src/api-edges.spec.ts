import { withClient } from '@ops/persistence';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

const PROBLEM = 'application/problem+json';

/** The edges of the API a new client finds first: what bad input gets, and what is kept of it. */
describe('the API at its edges', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  const count = async (table: string) => withClient(p.env.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

  it('records a request refused at the gateway for bad input, with who sent it and each bad field', async () => {
    // Signed in first: a sign-in is a line of the same trail.
    await p.token('sales_rep');
    await p.token('admin');
    const before = await count('identity.audit_log');
    const bad = await p.call('sales_rep', 'POST', '/sales/customers', { code: 'has spaces!', name: '' });
    expect(bad).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([expect.objectContaining({ field: 'code' }), expect.objectContaining({ field: 'name' })]) } });
    const trail = (await p.call('admin', 'GET', '/audit/identity?command=register-customer')).body.items;
    expect(await count('identity.audit_log')).toBe(before + 1);
    expect(trail[0]).toMatchObject({
      actorRoles: ['sales_rep'], command: 'register-customer', outcome: 'rejected', status: 400,
      summary: { owner: 'sales', errors: expect.arrayContaining([expect.objectContaining({ field: 'code' })]) },
    });
    // The body went on to sales, whose validation refused it (the gateway validates only what it serves
    // itself, and queries), and sales kept the refusal in its own trail too.
    const sales = (await p.call('admin', 'GET', '/audit/sales?command=register-customer')).body.items;
    expect(sales[0]).toMatchObject({ command: 'register-customer', outcome: 'rejected', status: 400, requestId: trail[0].requestId });
    // A bad path parameter is bad input too.
    expect((await p.call('sales_rep', 'GET', '/sales/orders/not-a-uuid')).status).toBe(400);
    expect((await p.call('admin', 'GET', '/audit/identity?command=get-order')).body.items[0]).toMatchObject({ outcome: 'rejected', status: 400 });
  });

  it('refuses a NUL or control character in any text field with 400 naming the field, and a blank required text', async () => {
    const customers = await count('sales.customers');
    const nul = await p.call('sales_rep', 'POST', '/sales/customers', { code: 'C-NUL', name: 'Acme\u0000Ltd' });
    expect(nul).toMatchObject({ status: 400, contentType: expect.stringContaining(PROBLEM), body: { errors: [{ field: 'name', message: expect.stringContaining('control character') }] } });
    const nested = await p.call('sales_rep', 'POST', '/sales/orders', { ...orderBody('0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', [{ sku: 'A\u0000', quantity: 1 }]) });
    expect(nested).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([expect.objectContaining({ field: 'lines[0].sku' })]) } });
    const query = await p.call('sales_rep', 'GET', '/sales/customers?search=%00');
    expect(query).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'search' })] } });
    for (const [role, path, body, field] of [
      ['admin', '/identity/users', { username: 'blank.name', displayName: '   ', password: 'a long passphrase', roles: [] }, 'displayName'],
      ['sales_manager', '/sales/price-lists', { name: '  ', validFrom: '2026-01-01', lines: [{ sku: 'X', listPriceFen: 1, floorPriceFen: 1 }] }, 'name'],
      ['warehouse_manager', '/inventory/warehouses', { code: 'WH-BLANK', name: ' \t ' }, 'name'],
      ['security_guard', '/security/gate-checks', { shipmentNumber: '   ', piecesCounted: 1 }, 'shipmentNumber'],
    ] as const) {
      const res = await p.call(role, 'POST', path, body);
      expect({ path, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ path, status: 400, fields: [field] });
    }
    expect(await count('sales.customers')).toBe(customers);
    // Surrounding spaces are trimmed, not kept.
    const trimmed = await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code: 'WH-TRIM', name: '  East depot  ' });
    expect(trimmed).toMatchObject({ status: 201, body: { name: 'East depot' } });
  });

  it('answers every error as problem+json: an unknown route, a bad URL, a path parameter far too long', async () => {
    for (const [path, status] of [['/nothing-here', 404], ['/sales/orders/%zz', 400], [`/sales/orders/${'a'.repeat(5_000)}`, 414]] as const) {
      const res = await p.call('admin', 'GET', path);
      expect({ path: path.slice(0, 30), status: res.status, type: res.contentType }).toEqual({ path: path.slice(0, 30), status, type: expect.stringContaining(PROBLEM) });
      expect(res.body).toMatchObject({ status, type: expect.stringContaining('https://'), title: expect.any(String) });
    }
  });

  it('lets a client finish sending an oversized body and read its 413', async () => {
    const token = await p.token('sales_rep');
    const huge = JSON.stringify({ code: 'C-BIG', name: 'x'.repeat(2 * 1024 * 1024) });
    const results = await Promise.all(Array.from({ length: 12 }, () =>
      fetch(`${p.api}/sales/customers`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: huge })
        .then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.json() }), (error: Error) => ({ error: `${error.message} ${(error.cause as Error)?.message ?? ''}` }))));
    expect(results).toEqual(Array(12).fill({ status: 413, type: expect.stringContaining(PROBLEM), body: expect.objectContaining({ status: 413 }) }));
  });

  // A request that reaches a process while it shuts down: libs/service-kit/src/bootstrap.spec.ts (every process, the gateway included, starts through startApp).

  describe('Idempotency-Key', () => {
    it('is accepted by every creating POST, user creation and delivery receipts included', async () => {
      const key = { 'idempotency-key': `user-${Date.now()}` };
      const body = { username: `idem.${Date.now()}`, displayName: '幂等', password: 'a long passphrase', roles: ['cashier'] };
      const first = await p.call('admin', 'POST', '/identity/users', body, key);
      const again = await p.call('admin', 'POST', '/identity/users', body, key);
      expect(first.status).toBe(201);
      expect(again).toMatchObject({ status: 201, body: { id: first.body.id } });

      const customer = await aCreditCustomer(p);
      const sku = await aSkuWithStock(p, 3);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      await orderReaches(p, order.id, 'ready_to_ship');
      await pickVerifyPack(p, order.id, 1);
      const shipment = (await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF', trackingNumber: 'SF-IDEM', pieces: 1 })).body;
      const receipt = { 'idempotency-key': `delivery-${shipment.id}` };
      const signed = await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${shipment.id}/delivery`, { signedBy: '王芳' }, receipt);
      expect(signed).toMatchObject({ status: 200, body: { deliverySignedBy: '王芳' } });
      // The same receipt sent again (a retry after a lost answer) gets the first answer, not "already delivered".
      expect(await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${shipment.id}/delivery`, { signedBy: '王芳' }, receipt)).toMatchObject({ status: 200, body: signed.body });
      expect((await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${shipment.id}/delivery`, { signedBy: '王芳' })).status).toBe(409);
    });

    it('refuses the same key with a different body (422) instead of answering the first result', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10);
      const key = { 'idempotency-key': `order-${Date.now()}` };
      const first = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }]), key);
      expect(first.status).toBe(201);
      expect((await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }]), key)).body.id).toBe(first.body.id);
      const changed = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 2 }]), key);
      expect(changed).toMatchObject({ status: 422, contentType: expect.stringContaining(PROBLEM), body: { type: expect.stringContaining('idempotency-key-reused') } });
    });

    it('forgets keys after their time (IDEMPOTENCY_KEY_HOURS): an old key makes a new record', async () => {
      const key = { 'idempotency-key': `old-${Date.now()}` };
      const body = { code: `C-OLD-${Date.now()}`, name: 'Old key Ltd' };
      const first = await p.call('sales_rep', 'POST', '/sales/customers', body, key);
      expect(first.status).toBe(201);
      await withClient(p.env.databaseUrl, (c) => c.query(`UPDATE sales.idempotency_keys SET created_at = now() - interval '25 hours'`));
      const again = await p.call('sales_rep', 'POST', '/sales/customers', body, key);
      // The key has expired, so this is a new request: the code is taken now.
      expect(again).toMatchObject({ status: 409 });
    });
  });
});
