// Places one order through a platform started as in production (built services, one process each) with
// tracing exported over OTLP/HTTP to a receiver in this script, then writes every span it received to
// TRACE_REPORT (default reports/trace-order.json). tests/platform/src/tracing.spec.ts reads the file and
// checks the chain gateway → sales → outbox publish → inventory consumer → its Postgres statements.
// Runs on its own database, subject prefix and free ports; drops the database afterwards.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { DATABASE_URL, ensureInfrastructure } from './infra.mjs';
import { benchEnv, withDatabase } from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch, signIn } from './lib/platform.mjs';
import { freePort } from './lib/scratch.mjs';

const report = process.env.TRACE_REPORT ?? join(ROOT, 'reports/trace-order.json');
const say = (message) => console.log(`[trace] ${message}`);
const hex = randomBytes(4).toString('hex');
const run = { databaseUrl: withDatabase(DATABASE_URL, `ops_trace_${hex}`), prefix: `trace_${hex}` };

// OTLP/HTTP JSON receiver: keeps every span with its resource's service.name.
const spans = [];
const value = (v) => v?.stringValue ?? v?.intValue ?? v?.boolValue ?? v?.doubleValue;
const attributes = (list = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c)).on('end', () => {
    try {
      for (const rs of JSON.parse(Buffer.concat(chunks).toString()).resourceSpans ?? []) {
        const service = attributes(rs.resource?.attributes)['service.name'];
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({ service, scope: ss.scope?.name, name: s.name, kind: s.kind, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || null, attributes: attributes(s.attributes) });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch {
      res.writeHead(400).end();
    }
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const collector = `http://127.0.0.1:${receiver.address().port}`;

await ensureInfrastructure({ log: say });
build();
await ensureDatabase(run.databaseUrl);
const ports = { gateway: await freePort(), sales: await freePort(), finance: await freePort(), inventory: await freePort(), security: await freePort() };
const platform = launch({
  env: {
    ...benchEnv(run), OTEL_EXPORTER_OTLP_ENDPOINT: collector, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200',
  },
  ports,
  output: false,
});
let failure;
let answered;
const requestId = `trace-check-${hex}`;
try {
  await platform.waitHealthy();
  const api = `http://127.0.0.1:${ports.gateway}/api/v1`;
  const tokens = Object.fromEntries(await Promise.all(['sales_rep', 'sales_manager', 'finance_manager', 'warehouse_manager'].map(async (role) => [role, await signIn(api, role)])));
  const call = async (role, path, body, headers = {}) => {
    const res = await fetch(`${api}${path}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return { body: await res.json(), requestId: res.headers.get('x-request-id') };
  };
  const sku = `SKU-TRACE-${hex}`;
  const customer = (await call('sales_rep', '/sales/customers', { code: `C-TRACE-${hex}`, name: 'Trace customer' })).body;
  await call('warehouse_manager', '/inventory/skus', { code: sku, name: 'Trace tea box', model: 'TRACE-1', version: 'v1', unit: 'box' });
  const list = (await call('sales_manager', '/sales/price-lists', { name: 'Trace list', validFrom: '2020-01-01', lines: [{ sku, listPriceFen: 10_000, floorPriceFen: 10_000 }] })).body;
  await call('finance_manager', `/sales/price-lists/${list.id}/approve`, {});
  const placed = await call('sales_rep', '/sales/orders', {
    customerId: customer.id, paymentTerms: 'prepaid', shippingMethod: 'express', requestedDate: '2026-12-01',
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    lines: [{ sku, quantity: 1, unitPriceFen: 10_000 }],
  }, { 'x-request-id': requestId });
  say(`order ${placed.body.number} placed (request ${placed.requestId})`);
  // Wait until inventory has handled order-placed (its reservation or backorder is in the table).
  const db = new pg.Client({ connectionString: run.databaseUrl });
  await db.connect();
  const deadline = Date.now() + 30_000;
  while ((await db.query(`SELECT count(*)::int AS n FROM inventory.inbox WHERE consumer LIKE '%reserve-stock%'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n === 0) {
    if (Date.now() > deadline) throw new Error('inventory did not handle the placed order within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  await db.end();
  answered = { requestId: placed.requestId, orderId: placed.body.id };
} catch (error) {
  failure = error;
} finally {
  await platform.stop(); // each process exports what it still holds as it stops
  receiver.close();
  const admin = new pg.Client({ connectionString: withDatabase(DATABASE_URL, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "ops_trace_${hex}" WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}
if (failure) {
  console.error(failure.message);
  process.exit(1);
}
mkdirSync(dirname(report), { recursive: true });
writeFileSync(report, JSON.stringify({ requestId, answered, spans }, null, 1));
say(`${spans.length} spans from ${[...new Set(spans.map((s) => s.service))].join(', ')} → ${report}`);
