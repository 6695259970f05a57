import { withClient } from '@ops/persistence';
import { aCustomer, aSkuWithStock, orderBody } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

describe('gateway errors', () => {
  let p: TestPlatform;
  const count = (table: string) => withClient(p.env.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

  beforeAll(async () => {
    p = await TestPlatform.start({ gateway: { requestTimeoutMs: 1_000 } });
  });
  afterAll(() => p?.close());

  it('answers a malformed order with 400 problem+json naming each bad field, and writes nothing', async () => {
    const customer = await aCustomer(p);
    const before = { orders: await count('sales.orders'), outbox: await count('sales.outbox') };
    const res = await p.call('sales_rep', 'POST', `/sales/orders`, {
      customerId: customer.id,
      paymentTerms: 'later',
      shippingMethod: 'express',
      requestedDate: 'tomorrow',
      lines: [{ sku: 'SKU-1', quantity: 0, unitPriceFen: 12.5 }],
      sneaky: true,
    });
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['paymentTerms', 'shipTo', 'requestedDate', 'lines[0].quantity', 'lines[0].unitPriceFen', 'sneaky']));
    expect(res.body).toMatchObject({ status: 400, title: expect.any(String), type: expect.stringContaining('validation-failed') });
    expect({ orders: await count('sales.orders'), outbox: await count('sales.outbox') }).toEqual(before);
  });

  it('names a missing ship-to phone and negative or fractional quantities, and writes nothing', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5);
    const before = await count('sales.orders');
    const body = orderBody(customer.id, [{ sku, quantity: -1 }, { sku: `${sku}-2`, quantity: 1.5 }]);
    const res = await p.call('sales_rep', 'POST', `/sales/orders`, { ...body, shipTo: { name: '王芳', address: '上海市浦东新区世纪大道 100 号' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['shipTo.phone', 'lines[0].quantity', 'lines[1].quantity']));
    expect(await count('sales.orders')).toBe(before);
  });

  it('refuses a body that is not an object, or that names a path parameter, before it is forwarded', async () => {
    const before = await count('sales.orders');
    // A string goes as the raw body: these are the JSON texts of an array, a string and a number.
    for (const body of [[{ customerId: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f' }], '"an order"', '42']) {
      const res = await p.call('sales_rep', 'POST', `/sales/orders`, body);
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 400, errors: [{ field: '(body)', message: 'must be a JSON object' }] });
    }
    const listId = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f';
    const other = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${listId}/pick`, { pickListId: '0193a5b2-7c1e-7d3a-9f00-000000000000', lines: [] });
    expect({ status: other.status, errors: other.body.errors }).toEqual({ status: 400, errors: [{ field: 'pickListId', message: 'property pickListId should not exist' }] });
    expect(await count('sales.orders')).toBe(before);
  });

  it('answers a body that is not JSON with 400 problem+json', async () => {
    const res = await p.call('sales_rep', 'POST', `/sales/orders`, '{"customerId": ');
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|stack/i);
  });

  it('answers a business refusal with the service\'s problem: an unknown customer is 422', async () => {
    const sku = await aSkuWithStock(p, 1);
    const res = await p.call('sales_rep', 'POST', `/sales/orders`, orderBody('0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', [{ sku, quantity: 1, unitPriceFen: 1 }]));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'customerId', message: 'names no customer' }]);
  });

  it('answers 404 for an unknown order and 400 for an id that is not a uuid', async () => {
    expect((await p.read(`/sales/orders/0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f`)).status).toBe(404);
    const bad = await p.read(`/sales/orders/42`);
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
  });

  it('answers 503 at once when no instance of the service is running', async () => {
    await p.stopService('security');
    const started = Date.now();
    const res = await p.call('security_guard', 'POST', `/security/incidents`, { type: 'fire', severity: 'low', location: 'MAIN/B-1', description: 'smoke' });
    expect(res.status).toBe(503);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.detail).toContain('security');
    expect(Date.now() - started).toBeLessThan(1_000);
    await p.startService('security');
  });

  it('answers 504 within the timeout when the service takes the request but stays silent', async () => {
    await p.stopService('finance');
    // An instance that takes requests and never answers, as a hung process would.
    const silent = p.nc.subscribe(p.env.naming.subject('rpc.finance.>'), { queue: 'finance', callback: () => undefined });
    await p.nc.flush();
    const started = Date.now();
    const res = await p.read(`/finance/receipts`);
    const elapsed = Date.now() - started;
    silent.unsubscribe();
    expect(res.status).toBe(504);
    expect(res.contentType).toContain('application/problem+json');
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(2_500);
    await p.startService('finance');
  });

  it('serves the OpenAPI document with every route, body and problem response', async () => {
    const doc = (await http('GET', `${p.gateway.url}/api/docs-json`)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/sales/orders', '/api/v1/finance/receipts', '/api/v1/inventory/shipments', '/api/v1/security/incidents',
      ...['sales', 'finance', 'inventory', 'security'].map((service) => `/api/v1/admin/${service}/dead-letters/{sequence}/replay`)]));
    const place = doc.paths['/api/v1/sales/orders'].post;
    expect(place.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/PlaceOrderRequest');
    expect(Object.keys(place.responses)).toEqual(expect.arrayContaining(['201', '400', '422', '503', '504']));
    expect(doc.components.schemas.PlaceOrderRequest.properties.paymentTerms.example).toBe('prepaid');
    expect(doc.components.schemas.ProblemDoc).toBeDefined();

    // A frontend written from the document alone needs an example for every scalar a body asks for, a summary and the problems of each route.
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, { example?: unknown; enum?: unknown; $ref?: string; type?: string; items?: unknown; allOf?: unknown }> }>;
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.summary) missing.push(`${method} ${path}: summary`);
        if (!Object.keys(op.responses).some((status) => Number(status) >= 400)) missing.push(`${method} ${path}: problem responses`);
        const ref: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
        if (!ref) continue;
        const seen = new Set<string>();
        const walk = (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          for (const [field, prop] of Object.entries(schemas[name]?.properties ?? {})) {
            const nested = prop.$ref ?? (prop.items as { $ref?: string } | undefined)?.$ref ?? ((prop.allOf as Array<{ $ref?: string }> | undefined)?.[0]?.$ref);
            if (nested) walk(nested.split('/').pop()!);
            else if (prop.type !== 'array' && prop.type !== 'object' && prop.example === undefined && prop.enum === undefined) missing.push(`${method} ${path}: ${name}.${field} example`);
          }
        };
        walk(ref.split('/').pop()!);
      }
    }
    expect(missing).toEqual([]);
  });

  it('reports health and metrics on every process', async () => {
    expect(await http('GET', `${p.gateway.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok', checks: { nats: 'up' } } });
    expect(await http('GET', `${p.instance('sales').url}/health`)).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up', nats: 'up' } } });
    const metrics = await http('GET', `${p.instance('inventory').url}/metrics`);
    expect(metrics.contentType).toContain('text/plain');
    expect(metrics.body).toContain('process_resident_memory_bytes');
    expect(metrics.body).toContain('outbox_relay_lag_seconds_bucket');
  });
});
