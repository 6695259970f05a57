// `npm run bench:smoke`: a short load test of the main flow on this machine. Starts the platform on
// its own ports (3300-3304) against a throwaway database and NATS subject prefix, seeds one customer
// and one well-stocked SKU, fires orders at the gateway with autocannon, waits for inventory to
// reserve every one, then reads request rate, latency, outbox relay lag, event hop time, memory and
// the oversell check. Then what one forwarded request costs: a read of one customer through the gateway
// (one NATS round trip, one read by key in sales), as CPU ms per request of the gateway and of sales.
// Prints a summary, writes reports/bench-smoke.json, and always cleans up.
//   BENCH_DURATION (s, default 20)   BENCH_CONNECTIONS (default 50)   BENCH_READ_DURATION (s, default 15)
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import {
  BENCH_PORTS, UNIT_PRICE_FEN, assertPortsFree, benchCleanup, benchEnv, benchRun, cpuSeconds, guardRun, isLoopback, positiveInt, sampleRss, sayer, sleep,
} from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch, signIn } from './lib/platform.mjs';

const DURATION = positiveInt('BENCH_DURATION', 20);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const LOGIN_DURATION = positiveInt('BENCH_LOGIN_DURATION', 10);
const LOGIN_CONNECTIONS = positiveInt('BENCH_LOGIN_CONNECTIONS', 20);
const READ_DURATION = positiveInt('BENCH_READ_DURATION', 15);
const READ_CONNECTIONS = 20;
const PORTS = BENCH_PORTS;
const SETTLE_TIMEOUT_MS = 60_000;
const REST_IDLE_MS = 2_000;
const RSS_EVERY_MS = 500;
const STOCK_RECEIPTS = 5;
const RECEIPT_QUANTITY = 10_000_000;
// Hard bound on the whole run: start (≤ 90 s healthy) + seeding + load + settling + sign-ins + reads + cleanup.
const WATCHDOG_MS = (DURATION + LOGIN_DURATION + READ_DURATION + 300) * 1000;

const availableCores = availableParallelism();
const run = benchRun();
const { hex, dbName: DB_NAME, prefix: PREFIX } = run;
const benchUrl = run.databaseUrl;
const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;

const say = sayer('bench');

const tokens = {};
async function post(role, path, body, status = 201) {
  tokens[role] ??= await signIn(api, role);
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`seeding POST ${path} failed: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** autocannon against the gateway: one kind of request, `connections` at a time, for `duration` seconds. */
const hammer = (connections, duration, request) =>
  autocannon({ url: `http://127.0.0.1:${PORTS.gateway}`, connections, duration, timeout: 10, renderProgressBar: false, requests: [request] });

const ms = (n) => (n === null || n === undefined ? null : Math.round(Number(n) * 10) / 10);

// ---- cleanup: idempotent, bounded, always runs -------------------------------------------------

let platform;
let db;
const cleanup = benchCleanup({ run, platform: () => platform, closers: () => [db && (() => db.end())], say });
const disarm = guardRun({ cleanup, watchdogMs: WATCHDOG_MS });

// ---- the run -----------------------------------------------------------------------------------

async function main() {
  if (!isLoopback(DATABASE_URL) || !isLoopback(NATS_URL)) {
    throw new Error(`the smoke benchmark runs against this machine only (DATABASE_URL and NATS_URL must be loopback)`);
  }
  await ensureInfrastructure({ log: say });
  await assertPortsFree(PORTS);

  say('building…');
  build();
  await ensureDatabase(benchUrl);
  say(`database ${DB_NAME}, subject prefix ${PREFIX}; ${DURATION} s with ${CONNECTIONS} connections`);

  let crashed = null;
  const started = Date.now();
  platform = launch({
    env: benchEnv(run),
    ports: PORTS,
    output: false,
    onExit: (name, how) => { crashed ??= `${name} exited (${how})`; },
  });
  await platform.waitHealthy();
  const pids = platform.pids();
  say(`platform healthy in ${((Date.now() - started) / 1000).toFixed(1)} s (pids ${Object.entries(pids).map(([n, p]) => `${n} ${p}`).join(', ')})`);

  say(`seeding one customer and one SKU with ${STOCK_RECEIPTS} × ${RECEIPT_QUANTITY.toLocaleString('en')} on hand`);
  const customer = await post('sales_rep', '/sales/customers', { code: `C-BENCH-${hex}`, name: 'Bench customer' });
  const sku = `SKU-BENCH-${hex}`;
  await post('warehouse_manager', '/inventory/skus', { code: sku, name: 'Bench tea box', model: 'BENCH-1', version: 'v1', unit: 'box' });
  for (let i = 1; i <= STOCK_RECEIPTS; i++) {
    const receipt = await post('warehouse_keeper', '/inventory/stock-receipts', { reference: `BENCH-OPENING-${i}`, lines: [{ sku, quantity: RECEIPT_QUANTITY }] });
    await post('warehouse_manager', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
  }
  const priceList = await post('sales_manager', '/sales/price-lists', { name: 'Bench list', validFrom: '2020-01-01', lines: [{ sku, listPriceFen: UNIT_PRICE_FEN, floorPriceFen: UNIT_PRICE_FEN }] });
  await post('finance_manager', `/sales/price-lists/${priceList.id}/approve`, {}, 200);

  await sleep(REST_IDLE_MS);
  const rssAtRest = sampleRss(pids);
  const rssPeak = { ...rssAtRest };
  say(`RSS at rest (MiB): ${Object.entries(rssAtRest).map(([n, v]) => `${n} ${v}`).join(', ')}`);

  db = new pg.Client({ connectionString: benchUrl, connectionTimeoutMillis: 5_000, query_timeout: 30_000 });
  await db.connect();
  const count = async (sql) => Number((await db.query(sql)).rows[0].count);
  const ordersBefore = await count('SELECT count(*) FROM sales.orders');

  const body = JSON.stringify({
    customerId: customer.id,
    paymentTerms: 'prepaid',
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express',
    requestedDate: '2026-12-01',
    lines: [{ sku, quantity: 1, unitPriceFen: UNIT_PRICE_FEN }],
  });
  const failures = []; // the first few non-2xx answers, to say why
  say(`load: POST /api/v1/sales/orders for ${DURATION} s, ${CONNECTIONS} connections…`);
  const sampler = setInterval(() => {
    for (const [name, value] of Object.entries(sampleRss(pids))) {
      if (value !== null && (rssPeak[name] === null || value > rssPeak[name])) rssPeak[name] = value;
    }
  }, RSS_EVERY_MS);
  let load;
  const cpuBefore = Object.fromEntries(Object.entries({ ...pids, bench: process.pid }).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const loadStarted = Date.now();
  try {
    load = await hammer(CONNECTIONS, DURATION, {
      method: 'POST',
      path: '/api/v1/sales/orders',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sales_rep}` },
      body,
      onResponse: (status, responseBody) => {
        if ((status < 200 || status > 299) && failures.length < 5) failures.push({ status, body: String(responseBody).slice(0, 300) });
      },
    });
  } finally {
    clearInterval(sampler);
  }
  const loadEnded = Date.now();
  // Share of one core each process used during the load (this machine may have few cores).
  const cpuDuringLoad = Object.fromEntries(Object.entries({ ...pids, bench: process.pid }).map(([name, pid]) => {
    const after = cpuSeconds(pid);
    return [name, after === null || cpuBefore[name] === null ? null : Math.round(((after - cpuBefore[name]) / ((loadEnded - loadStarted) / 1000)) * 100)];
  }));
  if (crashed) throw new Error(`${crashed} during the load`);
  const non2xx = load.non2xx;
  const ok2xx = load['2xx'];
  say(`load done: ${load.requests.total} requests, ${ok2xx} 2xx, ${non2xx} non-2xx, ${load.errors} errors (${load.timeouts} timeouts)`);

  // Wait until every placed order has been relayed and reserved. Requests in flight when the load
  // stopped still commit orders afterwards, so the state must also hold still for a moment: no new
  // orders and no transaction open in the bench database for QUIET_MS.
  say('waiting for the outbox to drain and inventory to reserve every order…');
  const QUIET_MS = 2_000;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let settled = false;
  let quietSince = null;
  let pending;
  let orders;
  let reservations;
  let busy;
  while (true) {
    const before = orders;
    pending = await count('SELECT count(*) FROM sales.outbox WHERE published_at IS NULL');
    orders = (await count('SELECT count(*) FROM sales.orders')) - ordersBefore;
    reservations = await count('SELECT count(*) FROM inventory.reservations');
    busy = await count(`SELECT count(*) FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`);
    const now = Date.now();
    if (pending !== 0 || reservations !== orders || busy !== 0) quietSince = null;
    else if (quietSince === null || orders !== before) quietSince = now;
    if (quietSince !== null && now - quietSince >= QUIET_MS) { settled = true; break; }
    if (crashed) throw new Error(`${crashed} while settling`);
    if (now > deadline) break;
    await sleep(250);
  }
  const settleMs = (settled ? quietSince : Date.now()) - loadEnded;
  if (settled) say(`settled ${(settleMs / 1000).toFixed(1)} s after the load ended`);
  else say(`NOT settled after ${SETTLE_TIMEOUT_MS / 1000} s: ${pending} outbox rows unpublished, ${reservations}/${orders} orders reserved, ${busy} transactions open`);

  const relay = (await db.query(`
    SELECT count(*)::int AS n,
           percentile_cont(0.5)  WITHIN GROUP (ORDER BY lag) AS p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
           max(lag) AS max
      FROM (SELECT extract(epoch FROM published_at - created_at) * 1000 AS lag
              FROM sales.outbox WHERE type = 'sales.order.placed' AND published_at IS NOT NULL) t`)).rows[0];
  const hop = (await db.query(`
    SELECT count(*)::int AS n,
           percentile_cont(0.5)  WITHIN GROUP (ORDER BY hop) AS p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY hop) AS p99,
           max(hop) AS max
      FROM (SELECT extract(epoch FROM r.created_at - o.created_at) * 1000 AS hop
              FROM sales.outbox o
              JOIN inventory.reservations r ON r.order_id = (o.envelope->'data'->>'orderId')::uuid
             WHERE o.type = 'sales.order.placed') t`)).rows[0];
  const oversold = await count('SELECT count(*) FROM inventory.stock_levels WHERE reserved > on_hand');
  const statuses = Object.fromEntries((await db.query('SELECT status, count(*)::int AS n FROM sales.orders GROUP BY status ORDER BY status')).rows.map((r) => [r.status, r.n]));
  const stock = (await db.query('SELECT on_hand, reserved FROM inventory.stock_levels WHERE sku_code = $1', [sku])).rows[0];

  const problems = [];
  if (ok2xx === 0) problems.push('no order was accepted');
  if (!settled) problems.push(`did not settle within ${SETTLE_TIMEOUT_MS / 1000} s (${pending} unpublished, ${reservations}/${orders} reserved)`);
  if (oversold !== 0) problems.push(`${oversold} stock level rows oversold`);
  // Requests still in flight when autocannon stops are placed but never counted, so up to one per
  // connection more orders than 2xx answers is expected; fewer would mean an acknowledged order lost.
  if (orders < ok2xx) problems.push(`sales.orders holds ${orders} orders but the gateway answered 2xx ${ok2xx} times`);

  say(`sign-in: POST /api/v1/auth/login for ${LOGIN_DURATION} s, ${LOGIN_CONNECTIONS} connections…`);
  const signIns = await hammer(LOGIN_CONNECTIONS, LOGIN_DURATION, {
    method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sales_rep', password: 'sales_rep-demo' }),
  });
  const signInsOk = signIns['2xx'];
  if (signIns.non2xx > 0) problems.push(`${signIns.non2xx} sign-ins were not answered 2xx`);

  const readPath = `/api/v1/sales/customers/${customer.id}`;
  say(`one forwarded read: GET ${readPath} for ${READ_DURATION} s, ${READ_CONNECTIONS} connections…`);
  const cpuBeforeReads = { gateway: cpuSeconds(pids.gateway), sales: cpuSeconds(pids.sales) };
  const reads = await hammer(READ_CONNECTIONS, READ_DURATION, { method: 'GET', path: readPath, headers: { authorization: `Bearer ${tokens.sales_rep}` } });
  const cpuMsPerRead = Object.fromEntries(Object.entries(cpuBeforeReads).map(([name, before]) => {
    const after = cpuSeconds(pids[name]);
    return [name, after === null || before === null || reads.requests.total === 0 ? null : Math.round(((after - before) * 1000 / reads.requests.total) * 1000) / 1000];
  }));
  if (reads.non2xx > 0) problems.push(`${reads.non2xx} customer reads were not answered 2xx`);

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableCores,
    ok: problems.length === 0,
    problems,
    parameters: {
      durationSeconds: DURATION, connections: CONNECTIONS, target: `POST ${api}/sales/orders`, linesPerOrder: 1, quantityPerLine: 1,
      stockOnHand: STOCK_RECEIPTS * RECEIPT_QUANTITY, ports: PORTS, database: DB_NAME, subjectPrefix: PREFIX,
    },
    http: {
      requestsTotal: load.requests.total,
      requestsPerSecond: { average: load.requests.average, stddev: load.requests.stddev, min: load.requests.min, max: load.requests.max },
      latencyMs: { p50: load.latency.p50, p90: load.latency.p90, p99: load.latency.p99, max: load.latency.max, average: load.latency.average },
      throughputBytesPerSecond: load.throughput.average,
      '2xx': ok2xx, non2xx, errors: load.errors, timeouts: load.timeouts,
      statusCodes: Object.fromEntries(Object.entries(load.statusCodeStats ?? {}).map(([code, v]) => [code, v.count])),
      sampleFailures: failures,
      loadSeconds: (loadEnded - loadStarted) / 1000,
    },
    signIn: {
      connections: LOGIN_CONNECTIONS, durationSeconds: LOGIN_DURATION, '2xx': signInsOk, non2xx: signIns.non2xx,
      requestsPerSecond: signIns.requests.average,
      latencyMs: { p50: signIns.latency.p50, p90: signIns.latency.p90, p99: signIns.latency.p99, max: signIns.latency.max },
    },
    forwardedRead: {
      target: `GET ${readPath}`, connections: READ_CONNECTIONS, durationSeconds: READ_DURATION, '2xx': reads['2xx'], non2xx: reads.non2xx,
      requestsPerSecond: reads.requests.average,
      latencyMs: { p50: reads.latency.p50, p99: reads.latency.p99 },
      cpuMsPerRequest: cpuMsPerRead,
    },
    cpuPercentOfOneCoreDuringLoad: cpuDuringLoad,
    orders: { placed: orders, unansweredAtStop: orders - ok2xx, byStatus: statuses, reservations, settled, settleSecondsAfterLoad: settleMs / 1000 },
    relayLagMs: { rows: relay.n, p50: ms(relay.p50), p99: ms(relay.p99), max: ms(relay.max) },
    eventHopMs: { rows: hop.n, p50: ms(hop.p50), p99: ms(hop.p99), max: ms(hop.max) },
    rssMiB: { atRest: rssAtRest, peak: rssPeak },
    stock: { sku, onHand: stock?.on_hand ?? null, reserved: stock?.reserved ?? null },
    oversoldRows: oversold,
  };

  const dir = join(ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-smoke.json'), `${JSON.stringify(report, null, 2)}\n`);
  printSummary(report);
  console.log(`  report   reports/bench-smoke.json`);
  return report.ok;
}

function printSummary(r) {
  const h = r.http;
  const pad = (s, n) => String(s).padEnd(n);
  const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en', { maximumFractionDigits: 1 }));
  const lines = [
    '',
    `\x1b[1mSmoke benchmark\x1b[0m  ${r.date}  node ${r.node}  ${r.parameters.durationSeconds} s × ${r.parameters.connections} connections`,
    `  requests   ${num(h.requestsPerSecond.average)} req/s (${num(h.requestsTotal)} in ${num(h.loadSeconds)} s)`,
    `  latency    p50 ${num(h.latencyMs.p50)} ms  p90 ${num(h.latencyMs.p90)} ms  p99 ${num(h.latencyMs.p99)} ms  max ${num(h.latencyMs.max)} ms`,
    `  answers    2xx ${num(h['2xx'])}  non-2xx ${num(h.non2xx)}  errors ${num(h.errors)} (timeouts ${num(h.timeouts)})  codes ${JSON.stringify(h.statusCodes)}`,
    ...h.sampleFailures.map((f) => `             e.g. ${f.status} ${f.body}`),
    `  orders     ${num(r.orders.placed)} placed (${num(r.orders.unansweredAtStop)} without a 2xx answer: in flight when the load stopped), ${num(r.orders.reservations)} reserved, ${r.orders.settled ? `settled ${num(r.orders.settleSecondsAfterLoad)} s after the load` : 'NOT settled'}  ${JSON.stringify(r.orders.byStatus)}`,
    `  sign-in    ${num(r.signIn.requestsPerSecond)} req/s at ${r.signIn.connections} connections: p50 ${num(r.signIn.latencyMs.p50)} ms  p99 ${num(r.signIn.latencyMs.p99)} ms  (2xx ${num(r.signIn['2xx'])}, non-2xx ${num(r.signIn.non2xx)})`,
    `  read       ${num(r.forwardedRead.requestsPerSecond)} req/s at ${r.forwardedRead.connections} connections (${r.forwardedRead.target.replace(/[0-9a-f-]{36}$/, '{id}')}): p50 ${num(r.forwardedRead.latencyMs.p50)} ms  p99 ${num(r.forwardedRead.latencyMs.p99)} ms; CPU ms per request: gateway ${r.forwardedRead.cpuMsPerRequest.gateway ?? '–'}, sales ${r.forwardedRead.cpuMsPerRequest.sales ?? '–'}`,
    `  relay lag  p50 ${num(r.relayLagMs.p50)} ms  p99 ${num(r.relayLagMs.p99)} ms  max ${num(r.relayLagMs.max)} ms  (${num(r.relayLagMs.rows)} events)`,
    `  event hop  p50 ${num(r.eventHopMs.p50)} ms  p99 ${num(r.eventHopMs.p99)} ms  max ${num(r.eventHopMs.max)} ms  (outbox row → reservation, ${num(r.eventHopMs.rows)} rows)`,
    `  RSS (MiB)  ${pad('', 10)} ${pad('at rest', 8)} peak`,
    ...Object.keys(r.rssMiB.atRest).map((name) => `             ${pad(name, 10)} ${pad(num(r.rssMiB.atRest[name]), 8)} ${num(r.rssMiB.peak[name])}`),
    `  CPU (%)    ${Object.entries(r.cpuPercentOfOneCoreDuringLoad).map(([n, v]) => `${n} ${num(v)}`).join('  ')}  (of one core, during the load; ${availableCores} cores)`,
    `  stock      ${r.stock.sku}: on hand ${num(r.stock.onHand)}, reserved ${num(r.stock.reserved)}`,
    `  oversold   ${r.oversoldRows} rows ${r.oversoldRows === 0 ? '(ok)' : '\x1b[31mFAIL\x1b[0m'}`,
    r.ok ? '  result     \x1b[32mok\x1b[0m' : `  result     \x1b[31mFAILED\x1b[0m: ${r.problems.join('; ')}`,
  ];
  console.log(lines.join('\n'));
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`\x1b[31m[bench]\x1b[0m ${error.stack ?? error.message}`);
} finally {
  if (!(await cleanup())) ok = false;
  disarm();
}
process.exit(ok ? 0 : 1);
