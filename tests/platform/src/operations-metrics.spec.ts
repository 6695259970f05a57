import { jetstream } from '@nats-io/jetstream';
import type { ServiceName } from '@ops/contracts';
import { loadGatewayConfig, startGateway } from '@ops/gateway';
import { Naming } from '@ops/messaging';
import type { RunningApp } from '@ops/service-kit';
import { waitFor } from '@ops/testing';
import { load } from 'js-yaml';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aCustomer, aSkuWithStock, orderBody, pickVerifyPack, placeOrder } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, the samples only. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(app: RunningApp): Promise<Sample[]> {
  const res = await http<string>('GET', `${app.url}/metrics`);
  expect(res.status).toBe(200);
  return parseMetrics(res.body);
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

/**
 * The metric names a PromQL expression reads: identifiers that are not functions, keywords, label names
 * (in by/without/on/ignoring/group_* lists or label matchers) or inside strings and ranges.
 */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(\s*\()?/g)) {
    if (match[1]) continue; // a function or an aggregation
    const name = match[0].trim();
    if (!keywords.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

describe('operations: metrics, alerts and health', () => {
  let p: TestPlatform;
  let customerId: string;
  let sku: string;
  const services: ServiceName[] = ['sales', 'finance', 'inventory', 'security'];

  beforeAll(async () => {
    p = await TestPlatform.start();
    customerId = (await aCustomer(p)).id;
    sku = await aSkuWithStock(p, 1_000);
  });
  afterAll(() => p?.close());

  it('shows a stuck relay as an outbox backlog and an oldest age that rise, and both fall to 0 once it publishes again', async () => {
    const relay = p.runtime('sales').relay;
    const sales = p.instance('sales');
    await waitFor('an empty sales outbox', async () => value(await scrape(sales), 'outbox_unpublished_rows') === 0);
    expect(value(await scrape(sales), 'outbox_oldest_unpublished_age_seconds')).toBe(0);

    relay.pause();
    try {
      for (let i = 0; i < 3; i++) await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 100 }]));
      const first = await scrape(sales);
      expect(value(first, 'outbox_unpublished_rows')).toBeGreaterThanOrEqual(3);
      const firstAge = value(first, 'outbox_oldest_unpublished_age_seconds')!;
      expect(firstAge).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const later = await scrape(sales);
      expect(value(later, 'outbox_unpublished_rows')).toBeGreaterThanOrEqual(3);
      expect(value(later, 'outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(firstAge + 1);
    } finally {
      relay.resume();
    }
    await waitFor('the backlog published', async () => {
      const samples = await scrape(sales);
      return value(samples, 'outbox_unpublished_rows') === 0 && value(samples, 'outbox_oldest_unpublished_age_seconds') === 0;
    }, { timeoutMs: 10_000 });
  });

  it('records gateway latency by method, route template and status, errors included', async () => {
    const order = await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 100 }]));
    const missing = randomUUID();
    expect((await p.read(`/sales/orders/${order.id}`)).status).toBe(200);
    expect((await p.read(`/sales/orders/${missing}`)).status).toBe(404);
    expect((await http('GET', `${p.api}/sales/orders/${order.id}`)).status).toBe(401);
    expect((await http('GET', `${p.api}/no/such/route`)).status).toBe(404);

    const samples = (await scrape(p.gateway)).filter((s) => s.name.startsWith('http_server_request_duration_seconds'));
    const count = (labels: Record<string, string>) => value(samples.filter((s) => s.name === 'http_server_request_duration_seconds_count'), 'http_server_request_duration_seconds_count', labels);
    const route = '/api/v1/sales/orders/:id';
    expect(count({ method: 'GET', route, status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route, status: '404' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route, status: '401' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'POST', route: '/api/v1/sales/orders', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(samples.some((s) => s.name === 'http_server_request_duration_seconds_bucket' && s.labels.route === route && s.labels.le === '+Inf')).toBe(true);
    // Templates, never raw URLs: no identifier makes a series of its own.
    expect(samples.filter((s) => s.labels.route?.includes(order.id) || s.labels.route?.includes(missing) || s.labels.route?.includes('no/such'))).toEqual([]);
  });

  it('reports consumer lag and pending acks per durable consumer, and dead letters per consumer', async () => {
    const finance = p.instance('finance');
    const consumers = p.runtime('finance').consumers;
    const before = await scrape(finance);
    for (const name of ['events_consumer_pending_messages', 'events_consumer_ack_pending_messages', 'events_consumer_redelivered_messages', 'events_dead_letters']) {
      expect(value(before, name, { consumer: 'open-order-account' })).toBe(0);
    }

    // Finance stops pulling: the orders placed meanwhile wait in its consumer, and it is not ready.
    await consumers.stop();
    try {
      for (let i = 0; i < 2; i++) await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 100 }]));
      await waitFor('finance to lag', async () => {
        const samples = await scrape(finance);
        const waiting = value(samples, 'events_consumer_pending_messages', { consumer: 'open-order-account' })! + value(samples, 'events_consumer_ack_pending_messages', { consumer: 'open-order-account' })!;
        return waiting >= 2;
      });
      const ready = await http('GET', `${finance.url}/health/ready`);
      expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { consumers: 'down', database: 'up', nats: 'up' } } });
      expect((await http('GET', `${finance.url}/health/live`)).status).toBe(200);
    } finally {
      await consumers.start();
    }
    await waitFor('finance to catch up', async () => {
      const samples = await scrape(finance);
      return value(samples, 'events_consumer_pending_messages', { consumer: 'open-order-account' }) === 0 && value(samples, 'events_consumer_ack_pending_messages', { consumer: 'open-order-account' }) === 0;
    });
    expect((await http('GET', `${finance.url}/health/ready`)).status).toBe(200);

    // An invalid event is dead-lettered at once by each consumer of its subject: security's shows one.
    const security = p.instance('security');
    expect(value(await scrape(security), 'events_dead_letters', { consumer: 'expect-at-gate' })).toBe(0);
    await jetstream(p.nc).publish(new Naming(p.env.subjectPrefix).subject('inventory.goods.shipped.v1'), JSON.stringify({ id: randomUUID(), type: 'inventory.goods.shipped', data: { nonsense: true } }));
    await waitFor('a dead letter counted', async () => value(await scrape(security), 'events_dead_letters', { consumer: 'expect-at-gate' }) === 1);
  });

  it('counts orders placed, paid and shipped once each, when they commit', async () => {
    const read = async () => ({
      placed: value(await scrape(p.instance('sales')), 'orders_placed_total') ?? NaN,
      paid: value(await scrape(p.instance('finance')), 'orders_paid_total') ?? NaN,
      inventory: await scrape(p.instance('inventory')),
    });
    const before = await read();
    const body = orderBody(customerId, [{ sku, quantity: 2, unitPriceFen: 150 }]);
    const key = randomUUID();
    const placed = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
    expect(placed.status).toBe(201);
    // The same request again (a client retrying) answers the same order and places nothing more.
    const again = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
    expect(again.body.id).toBe(placed.body.id);

    const orderId = placed.body.id as string;
    expect((await p.call('cashier', 'GET', `/finance/orders/${orderId}/account?waitSeconds=20`)).status).toBe(200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen: 300, counterfeitChecked: true })).status).toBe(201);
    await pickVerifyPack(p, orderId, 1);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: 'ZTO-1', pieces: 1 })).status).toBe(201);

    const after = await read();
    expect(after.placed - before.placed).toBe(1);
    expect(after.paid - before.paid).toBe(1);
    const shipped = (s: Sample[]) => [value(s, 'orders_shipped_total') ?? NaN, value(s, 'shipments_total') ?? NaN];
    expect(shipped(after.inventory).map((n, i) => n - shipped(before.inventory)[i])).toEqual([1, 1]);
    // Each fact is counted by the service that produces it, not by the others.
    expect(value(await scrape(p.instance('sales')), 'orders_paid_total')).toBeUndefined();
  });

  it('counts the statements each command and each event effect sent, and the round trips they took, by name', async () => {
    const sent = (samples: Sample[], kind: string, name: string) => ({
      transactions: value(samples, 'db_statements_per_transaction_count', { kind, name }) ?? 0,
      statements: value(samples, 'db_statements_per_transaction_sum', { kind, name }) ?? 0,
      roundTrips: value(samples, 'db_round_trips_per_transaction_sum', { kind, name }) ?? 0,
      serviceRoundTrips: value(samples, 'db_round_trips_total') ?? 0,
    });
    const placeBefore = sent(await scrape(p.instance('sales')), 'command', 'place-order');
    const openBefore = sent(await scrape(p.instance('finance')), 'event', 'open-order-account');
    const placed = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 150 }]));
    expect(placed.status).toBe(201);
    const place = sent(await scrape(p.instance('sales')), 'command', 'place-order');
    expect(place.transactions - placeBefore.transactions).toBe(1);
    // START TRANSACTION, the reads and writes of the placement, the flush, COMMIT.
    expect(place.statements - placeBefore.statements).toBeGreaterThanOrEqual(5);
    expect(place.statements - placeBefore.statements).toBeLessThanOrEqual(30);
    // At least the START's write and the COMMIT's; statements sent together share one.
    expect(place.roundTrips - placeBefore.roundTrips).toBeGreaterThanOrEqual(2);
    expect(place.roundTrips - placeBefore.roundTrips).toBeLessThan(place.statements - placeBefore.statements);
    expect(place.serviceRoundTrips - placeBefore.serviceRoundTrips).toBeGreaterThanOrEqual(place.roundTrips - placeBefore.roundTrips);
    expect((await p.call('cashier', 'GET', `/finance/orders/${placed.body.id}/account?waitSeconds=20`)).status).toBe(200);
    // Observed right after the commit that the long poll heard of.
    const open = await waitFor('the account opening counted', async () => {
      const now = sent(await scrape(p.instance('finance')), 'event', 'open-order-account');
      return now.transactions > openBefore.transactions ? now : undefined;
    }, { timeoutMs: 5_000 });
    expect(open.transactions - openBefore.transactions).toBe(1);
    expect(open.statements - openBefore.statements).toBeGreaterThanOrEqual(3);
    expect(open.roundTrips - openBefore.roundTrips).toBeGreaterThanOrEqual(1);
  });

  it('answers live without asking anything, ready when its dependencies and parts are, and not ready first when closing', async () => {
    for (const app of [p.gateway, ...services.map((s) => p.instance(s))]) {
      expect(await http('GET', `${app.url}/health/live`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await http('GET', `${app.url}/health/ready`);
      expect(ready).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up', nats: 'up', migrations: 'up' } } });
      expect(await http('GET', `${app.url}/health`)).toMatchObject({ status: 200, body: ready.body });
    }
    expect((await http('GET', `${p.instance('sales').url}/health/ready`)).body.checks.consumers).toBe('up');

    // A second security instance and a second gateway with a drain long enough to watch.
    const previous = process.env.SHUTDOWN_DRAIN_MS;
    process.env.SHUTDOWN_DRAIN_MS = '1500';
    let extra: RunningApp;
    let gateway: RunningApp;
    try {
      extra = await p.startService('security');
      gateway = await startGateway({ ...loadGatewayConfig({}), natsUrl: p.env.natsUrl, subjectPrefix: p.env.subjectPrefix, httpPort: 0, logLevel: 'error', databaseUrl: p.env.databaseUrl });
    } finally {
      if (previous === undefined) delete process.env.SHUTDOWN_DRAIN_MS;
      else process.env.SHUTDOWN_DRAIN_MS = previous;
    }
    for (const app of [extra, gateway]) {
      expect((await http('GET', `${app.url}/health/ready`)).status).toBe(200);
      const started = Date.now();
      const closing = app.close();
      // At once: not ready, yet alive and serving.
      expect(await http('GET', `${app.url}/health/ready`)).toMatchObject({ status: 503, body: { status: 'draining' } });
      expect((await http('GET', `${app.url}/health`)).status).toBe(503);
      expect((await http('GET', `${app.url}/health/live`)).status).toBe(200);
      expect((await http('GET', `${app.url}/metrics`)).status).toBe(200);
      await closing;
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      await expect(http('GET', `${app.url}/health/live`)).rejects.toThrow();
    }
    // The platform's own instances never stopped being ready.
    expect((await http('GET', `${p.instance('security').url}/health/ready`)).status).toBe(200);
    expect((await http('GET', `${p.gateway.url}/health/ready`)).status).toBe(200);
  });

  it('alerts and the dashboard read only metrics the platform exposes', async () => {
    const exposed = new Set<string>(['up']); // `up` is Prometheus's own, one per target
    for (const app of [p.gateway, ...services.map((s) => p.instance(s))]) for (const s of await scrape(app)) exposed.add(s.name);

    const root = join(__dirname, '../../..');
    const rules = load(readFileSync(join(root, 'deploy/observability/alerts.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Array<Record<string, unknown>> }> };
    expect(rules.groups.length).toBeGreaterThan(0);
    const alerts = rules.groups.flatMap((g) => g.rules);
    for (const rule of alerts) {
      expect(rule).toEqual(expect.objectContaining({ alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/), expr: expect.any(String), for: expect.stringMatching(/^\d+[smh]$/) }));
      expect(rule.labels).toEqual(expect.objectContaining({ severity: expect.stringMatching(/^(warning|critical)$/) }));
      expect(rule.annotations).toEqual(expect.objectContaining({ summary: expect.any(String) }));
    }
    const alertNames = alerts.map((r) => r.alert);
    expect(new Set(alertNames).size).toBe(alertNames.length);
    for (const wanted of ['OutboxRelayStuck', 'EventConsumerLagGrowing', 'EventsDeadLettered', 'GatewayErrorRateHigh', 'PeriodicJobNotSucceeding', 'TargetDown']) expect(alertNames).toContain(wanted);

    const dashboard = JSON.parse(readFileSync(join(root, 'deploy/observability/grafana/dashboards/ops.json'), 'utf8')) as { uid: string; panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const exprs = [
      ...alerts.map((r) => ({ where: `alert ${r.alert as string}`, expr: r.expr as string })),
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ where: `panel "${panel.title}"`, expr: t.expr }))),
    ];
    expect(exprs.length).toBeGreaterThan(20);
    const unknown = exprs.flatMap(({ where, expr }) => {
      const names = metricNamesIn(expr);
      expect(names.length).toBeGreaterThan(0);
      return names.filter((name) => !exposed.has(name)).map((name) => `${where}: ${name}`);
    });
    expect(unknown).toEqual([]);
  });
});
