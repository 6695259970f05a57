// `npm run bench:flow`: the whole order-to-cash flow through the gateway under load on this machine.
// Starts the platform on its own ports (3300-3304) against a throwaway database and NATS subject
// prefix, seeds one customer and one well-stocked SKU, then runs BENCH_CLIENTS virtual clients for
// BENCH_DURATION seconds. Each client drives one order at a time through every step:
//   place (sales_rep) → wait for finance to open the account → cash receipt (cashier)
//   → wait for inventory to hear of the payment (pick list 201) → pick (warehouse_keeper)
//   → verify, pack (warehouse_manager) → ship (warehouse_keeper)
// and starts the next. When the time is up, orders in flight finish (bounded). Then it checks in
// Postgres that every shipment, receipt and 'shipped' status is there and nothing is oversold, prints
// latency per step and end to end, errors, memory and CPU, writes reports/bench-flow.json, and always
// cleans up. Exit 0 when the checks hold, 1 otherwise.
//   BENCH_DURATION (s, default 60)   BENCH_CLIENTS (default 50)
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import {
  BENCH_PORTS, UNIT_PRICE_FEN, assertPortsFree, benchCleanup, benchEnv, benchRun, guardRun, isLoopback, machineCpu, percentiles, positiveInt,
  processTable, sampleRss, sayer, sleep,
} from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch, signIn } from './lib/platform.mjs';

const DURATION = positiveInt('BENCH_DURATION', 60);
const CLIENTS = positiveInt('BENCH_CLIENTS', 50);
const PORTS = BENCH_PORTS;
const POLL_EVERY_MS = 20;
const WAIT_DEADLINE_MS = 30_000; // for each of the two waits of an order
const REQUEST_TIMEOUT_MS = 30_000;
const DRAIN_MS = 90_000; // bound on letting the orders in flight at the end finish (two waits + requests)
const SHIPPED_DEADLINE_MS = 60_000; // for sales to hear of every shipment
const FAILED_ORDER_PAUSE_MS = 100; // a client whose order failed pauses before the next, so a broken step cannot spin
const REST_IDLE_MS = 2_000;
const RSS_EVERY_MS = 500;
const STOCK_RECEIPTS = 5;
const RECEIPT_QUANTITY = 10_000_000;
const SAMPLES_PER_STEP = 5;
// Hard bound on the whole run: start (≤ 90 s healthy) + seeding + load + drain + checks + cleanup.
const WATCHDOG_MS = (DURATION + 90 + 30 + DRAIN_MS / 1000 + SHIPPED_DEADLINE_MS / 1000 + 120) * 1000;

const HTTP_STEPS = ['place', 'receipt', 'pick-list', 'pick', 'verify', 'pack', 'ship'];
const WAIT_STEPS = ['wait-account', 'wait-pick-list'];
const POLL_SERIES = ['poll-account', 'poll-pick-list'];
const STEP_ORDER = ['place', 'wait-account', 'receipt', 'wait-pick-list', 'pick-list', 'pick', 'verify', 'pack', 'ship'];
const ROLES = ['sales_rep', 'sales_manager', 'finance_manager', 'cashier', 'warehouse_keeper', 'warehouse_manager'];

const availableCores = availableParallelism();
const run = benchRun();
const { hex, dbName: DB_NAME, prefix: PREFIX } = run;
const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
const say = sayer('bench');

// ---- measurements ------------------------------------------------------------------------------

const latencies = Object.fromEntries([...STEP_ORDER, ...POLL_SERIES, 'end-to-end'].map((name) => [name, []]));
const pollsPerOrder = { 'wait-account': [], 'wait-pick-list': [] };
const errors = {}; // step → { count, byStatus, samples }
const counters = { started: 0, placed: 0, paid: 0, shipped: 0, failed: 0 };
const placedIds = [];
const completedIds = [];
const completionsPerSecond = [];
let loadStarted = 0;

/** Counts an error under its status and, for a problem+json answer, the problem type (409 means several things). */
function recordError(step, status, body) {
  const e = (errors[step] ??= { count: 0, byStatus: {}, samples: [] });
  e.count++;
  let key = String(status);
  try {
    const type = JSON.parse(body)?.type;
    if (typeof type === 'string') key += ` ${type.slice(type.lastIndexOf('/') + 1)}`;
  } catch {
    // not JSON
  }
  e.byStatus[key] = (e.byStatus[key] ?? 0) + 1;
  if (e.samples.length < SAMPLES_PER_STEP) e.samples.push({ status, body: String(body).slice(0, 300) });
}

class StepFailed extends Error {
  constructor(step, status, body) {
    super(`${step}: ${status} ${String(body).slice(0, 200)}`);
    this.step = step;
    this.status = status;
  }
}

// ---- HTTP --------------------------------------------------------------------------------------

const tokens = {};
const stopAll = new AbortController(); // aborts what is still in flight when the drain bound is reached

/** One request through the gateway (Node's fetch: undici, keep-alive); never throws. */
async function call(role, method, path, body) {
  const started = performance.now();
  try {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([stopAll.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  } catch (error) {
    const status = error.name === 'TimeoutError' ? 'timeout' : error.name === 'AbortError' ? 'aborted' : 'network-error';
    return { status, text: `${error.name}: ${error.cause?.message ?? error.message}`, ms: performance.now() - started };
  }
}

/** A step that must answer `expected`: records its latency, or the error and throws. */
async function step(name, role, method, path, body, expected) {
  const res = await call(role, method, path, body);
  if (res.status !== expected) {
    recordError(name, res.status, res.text);
    throw new StepFailed(name, res.status, res.text);
  }
  latencies[name].push(res.ms);
  return res.text ? JSON.parse(res.text) : null;
}

/**
 * Polls every POLL_EVERY_MS until the answer is `done` (a `pending` answer means not yet), within
 * WAIT_DEADLINE_MS. Records each request under `series`, the whole wait under `name`.
 */
async function waitFor(name, series, request, { done, pending }) {
  const started = performance.now();
  let polls = 0;
  while (true) {
    const res = await request();
    polls++;
    latencies[series].push(res.ms);
    if (res.status === done) {
      latencies[name].push(performance.now() - started);
      pollsPerOrder[name].push(polls);
      return res;
    }
    if (res.status !== pending) {
      recordError(name, res.status, res.text);
      throw new StepFailed(name, res.status, res.text);
    }
    if (performance.now() - started > WAIT_DEADLINE_MS) {
      recordError(name, 'deadline', `still ${res.status} after ${polls} polls in ${WAIT_DEADLINE_MS / 1000} s: ${res.text}`);
      throw new StepFailed(name, 'deadline', res.text);
    }
    await sleep(POLL_EVERY_MS);
  }
}

// ---- one order, one client ---------------------------------------------------------------------

let customerId;
let sku;
let stopping = false;

async function driveOrder(n) {
  const t0 = performance.now();
  const order = await step('place', 'sales_rep', 'POST', '/sales/orders', {
    customerId,
    paymentTerms: 'prepaid',
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express',
    requestedDate: '2026-12-01',
    lines: [{ sku, quantity: 1, unitPriceFen: UNIT_PRICE_FEN }],
  }, 201);
  counters.placed++;
  placedIds.push(order.id);
  const orderId = order.id;

  await waitFor('wait-account', 'poll-account', () => call('cashier', 'GET', `/finance/orders/${orderId}/account`), { done: 200, pending: 404 });
  // Cash counts only once the counterfeit check is recorded (422 without it).
  await step('receipt', 'cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true }, 201);
  counters.paid++;

  // 422 until inventory has heard of both the payment and the reservation; 409 (a list exists already) is an error here.
  const created = await waitFor('wait-pick-list', 'poll-pick-list', () => call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId }), { done: 201, pending: 422 });
  latencies['pick-list'].push(created.ms);
  const list = JSON.parse(created.text);
  const counts = list.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));

  await step('pick', 'warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: counts }, 200);
  await step('verify', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: counts }, 200);
  await step('pack', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/pack`, { pieces: 1 }, 200);
  await step('ship', 'warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'SF Express', trackingNumber: `SF${n}`, pieces: 1 }, 201);

  const done = performance.now();
  latencies['end-to-end'].push(done - t0);
  counters.shipped++;
  completedIds.push(orderId);
  const second = Math.floor((Date.now() - loadStarted) / 1000);
  completionsPerSecond[second] = (completionsPerSecond[second] ?? 0) + 1;
}

async function client() {
  while (!stopping) {
    const n = ++counters.started;
    try {
      await driveOrder(n);
    } catch (error) {
      counters.failed++;
      if (!(error instanceof StepFailed)) recordError('client', 'exception', error.stack ?? error.message);
      if (!stopping) await sleep(FAILED_ORDER_PAUSE_MS);
    }
  }
}

// ---- seeding -----------------------------------------------------------------------------------

async function seed(path, role, body, status = 201) {
  const res = await call(role, 'POST', path, body);
  if (res.status !== status) throw new Error(`seeding POST ${path} failed: ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

// ---- cleanup: idempotent, bounded, always runs -------------------------------------------------

let platform;
let db;
const cleanup = benchCleanup({ run, platform: () => platform, closers: () => [db && (() => db.end())], say });
const disarm = guardRun({ cleanup, watchdogMs: WATCHDOG_MS });

// ---- the run -----------------------------------------------------------------------------------

/** CPU each process used over a window, as % of one core, attributed to the services, the bench, Postgres, NATS and the rest. */
function cpuShares(before, after, seconds, pids, benchBackends) {
  const ours = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
  const shares = { ...Object.fromEntries(Object.keys(pids).map((name) => [name, 0])), bench: 0, 'postgres (bench db)': 0, 'postgres (other)': 0, 'nats-server': 0, other: 0 };
  for (const [pid, { comm, cpu }] of after.table) {
    const used = cpu - (before.table.get(pid)?.cpu ?? 0);
    if (used <= 0) continue;
    const name = ours.get(pid) ?? (pid === process.pid ? 'bench'
      : comm === 'postgres' ? (benchBackends.has(pid) ? 'postgres (bench db)' : 'postgres (other)')
        : comm === 'nats-server' ? 'nats-server' : 'other');
    shares[name] += used;
  }
  const pct = (s) => Math.round((s / seconds) * 100);
  const result = Object.fromEntries(Object.entries(shares).map(([name, s]) => [name, pct(s)]));
  result.machine = pct(after.machine.busy - before.machine.busy);
  return result;
}

const snapshot = () => ({ table: processTable(), machine: machineCpu(), at: performance.now() });

async function main() {
  if (!isLoopback(DATABASE_URL) || !isLoopback(NATS_URL)) {
    throw new Error('the flow benchmark runs against this machine only (DATABASE_URL and NATS_URL must be loopback)');
  }
  await ensureInfrastructure({ log: say });
  await assertPortsFree(PORTS);

  say('building…');
  build();
  await ensureDatabase(run.databaseUrl);
  say(`database ${DB_NAME}, subject prefix ${PREFIX}; ${DURATION} s with ${CLIENTS} clients`);

  let crashed = null;
  const started = Date.now();
  platform = launch({
    env: benchEnv(run),
    ports: PORTS,
    output: false,
    onExit: (name, how) => {
      crashed ??= `${name} exited (${how})`;
      stopping = true;
    },
  });
  await platform.waitHealthy();
  const pids = platform.pids();
  say(`platform healthy in ${((Date.now() - started) / 1000).toFixed(1)} s (pids ${Object.entries(pids).map(([n, p]) => `${n} ${p}`).join(', ')})`);

  for (const role of ROLES) tokens[role] = await signIn(api, role);
  say(`seeding one customer and one SKU with ${STOCK_RECEIPTS} × ${RECEIPT_QUANTITY.toLocaleString('en')} on hand`);
  customerId = (await seed('/sales/customers', 'sales_rep', { code: `C-BENCH-${hex}`, name: 'Bench customer' })).id;
  sku = `SKU-BENCH-${hex}`;
  await seed('/inventory/skus', 'warehouse_manager', { code: sku, name: 'Bench tea box', model: 'BENCH-1', version: 'v1', unit: 'box' });
  for (let i = 1; i <= STOCK_RECEIPTS; i++) {
    const receipt = await seed('/inventory/stock-receipts', 'warehouse_keeper', { reference: `BENCH-OPENING-${i}`, lines: [{ sku, quantity: RECEIPT_QUANTITY }] });
    await seed(`/inventory/stock-receipts/${receipt.id}/audit`, 'warehouse_manager', {}, 200);
  }
  const priceList = await seed('/sales/price-lists', 'sales_manager', { name: 'Bench list', validFrom: '2020-01-01', lines: [{ sku, listPriceFen: UNIT_PRICE_FEN, floorPriceFen: UNIT_PRICE_FEN }] });
  await seed(`/sales/price-lists/${priceList.id}/approve`, 'finance_manager', {}, 200);

  db = new pg.Client({ connectionString: run.databaseUrl, connectionTimeoutMillis: 5_000, query_timeout: 30_000 });
  await db.connect();
  const count = async (sql, params) => Number((await db.query(sql, params)).rows[0].count);

  await sleep(REST_IDLE_MS);
  const rssAtRest = sampleRss(pids);
  const rssPeak = { ...rssAtRest };
  say(`RSS at rest (MiB): ${Object.entries(rssAtRest).map(([n, v]) => `${n} ${v}`).join(', ')}`);

  say(`load: ${CLIENTS} clients driving orders from placement to shipment for ${DURATION} s…`);
  const sampler = setInterval(() => {
    for (const [name, value] of Object.entries(sampleRss(pids))) {
      if (value !== null && (rssPeak[name] === null || value > rssPeak[name])) rssPeak[name] = value;
    }
  }, RSS_EVERY_MS);
  const progress = setInterval(() => say(`  ${Math.round((Date.now() - loadStarted) / 1000)} s: ${counters.shipped} shipped, ${counters.placed} placed, ${counters.failed} failed`), 10_000);

  let cpuDuringLoad;
  let drained = true;
  let drainSeconds = 0;
  const cpuBefore = snapshot();
  loadStarted = Date.now();
  const clients = Array.from({ length: CLIENTS }, () => client());
  try {
    while (Date.now() - loadStarted < DURATION * 1000 && !crashed) await sleep(Math.min(250, DURATION * 1000 - (Date.now() - loadStarted)));
    stopping = true;
    const cpuAfter = snapshot();
    const benchBackends = new Set((await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid));
    cpuDuringLoad = cpuShares(cpuBefore, cpuAfter, (cpuAfter.at - cpuBefore.at) / 1000, pids, benchBackends);
    say(`time is up: ${counters.shipped} shipped; letting the orders in flight finish (at most ${DRAIN_MS / 1000} s)…`);
    const drainStarted = Date.now();
    let timer;
    const all = Promise.all(clients);
    const bound = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), DRAIN_MS); });
    if ((await Promise.race([all.then(() => 'done'), bound])) === 'timeout') {
      drained = false;
      stopAll.abort();
      await all;
    }
    clearTimeout(timer);
    drainSeconds = (Date.now() - drainStarted) / 1000;
    say(`${drained ? 'drained' : 'NOT drained (aborted)'} after ${drainSeconds.toFixed(1)} s `);
  } finally {
    stopping = true;
    clearInterval(sampler);
    clearInterval(progress);
  }
  if (crashed) say(`\x1b[31m${crashed} during the load\x1b[0m`);

  // ---- checks from Postgres ----
  const completed = completedIds.length;
  const completedInWindow = completionsPerSecond.slice(0, DURATION).reduce((a, b) => a + (b ?? 0), 0);
  say('checking Postgres: shipments, receipts, stock, and that sales marked every completed order shipped…');
  const checksStarted = Date.now();
  const shippedDeadline = checksStarted + SHIPPED_DEADLINE_MS;
  let notShipped;
  while (true) {
    notShipped = await count(`SELECT count(*) FROM sales.orders WHERE id = ANY($1::uuid[]) AND status <> 'shipped'`, [completedIds]);
    if (notShipped === 0 || Date.now() > shippedDeadline || crashed) break;
    await sleep(250);
  }
  const shippedLagSeconds = notShipped === 0 ? (Date.now() - checksStarted) / 1000 : null; // after the drain
  const shipments = await count('SELECT count(*) FROM inventory.shipments');
  const receipts = await count('SELECT count(*) FROM finance.receipts');
  const badStock = await count('SELECT count(*) FROM inventory.stock_levels WHERE reserved > on_hand OR on_hand < 0');
  const ordersInDb = await count('SELECT count(*) FROM sales.orders');
  const statuses = Object.fromEntries((await db.query('SELECT status, count(*)::int AS n FROM sales.orders GROUP BY status ORDER BY status')).rows.map((r) => [r.status, r.n]));
  const stock = (await db.query('SELECT on_hand, reserved FROM inventory.stock_levels WHERE sku_code = $1', [sku])).rows[0];
  const notShippedSample = notShipped === 0 ? [] : (await db.query(`SELECT id, status FROM sales.orders WHERE id = ANY($1::uuid[]) AND status <> 'shipped' LIMIT 5`, [completedIds])).rows;

  const problems = [];
  if (crashed) problems.push(crashed);
  if (completed === 0) problems.push('no order was completed');
  if (shipments !== completed) problems.push(`inventory.shipments holds ${shipments} shipments, the clients completed ${completed} orders`);
  if (badStock !== 0) problems.push(`${badStock} stock level rows with reserved > on_hand or on_hand < 0`);
  if (notShipped !== 0) problems.push(`${notShipped} of ${completed} completed orders not 'shipped' in sales.orders after ${SHIPPED_DEADLINE_MS / 1000} s`);
  if (receipts !== counters.paid) problems.push(`finance.receipts holds ${receipts} receipts, the clients made ${counters.paid} payments`);
  if (!drained) problems.push(`orders in flight did not finish within ${DRAIN_MS / 1000} s after the load`);

  const steps = Object.fromEntries([...STEP_ORDER, 'end-to-end', ...POLL_SERIES].map((name) => [name, percentiles(latencies[name])]));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableCores,
    ok: problems.length === 0,
    problems,
    parameters: {
      durationSeconds: DURATION, clients: CLIENTS, gateway: api, linesPerOrder: 1, quantityPerLine: 1, unitPriceFen: UNIT_PRICE_FEN,
      pollEveryMs: POLL_EVERY_MS, waitDeadlineMs: WAIT_DEADLINE_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, drainBoundMs: DRAIN_MS,
      stockOnHand: STOCK_RECEIPTS * RECEIPT_QUANTITY, ports: PORTS, database: DB_NAME, subjectPrefix: PREFIX, httpClient: 'node fetch (undici, keep-alive)',
    },
    orders: {
      completed,
      completedWithinDuration: completedInWindow,
      completedDuringDrain: completed - completedInWindow,
      ordersPerSecond: Math.round((completed / DURATION) * 100) / 100,
      started: counters.started, placed: counters.placed, paid: counters.paid, failed: counters.failed,
      drained, drainSeconds,
      completionsPerSecond: Array.from({ length: completionsPerSecond.length }, (_, i) => completionsPerSecond[i] ?? 0),
    },
    latencyMs: steps,
    pollsPerOrder: Object.fromEntries(Object.entries(pollsPerOrder).map(([name, v]) => [name, percentiles(v)])),
    errors,
    checks: {
      shipments, completed, receipts, paymentsMade: counters.paid, badStockRows: badStock, completedNotShipped: notShipped, notShippedSample,
      shippedWithinSeconds: shippedLagSeconds, ordersInDb, placedAnswered201: counters.placed, ordersByStatus: statuses,
      stock: { sku, onHand: stock?.on_hand ?? null, reserved: stock?.reserved ?? null },
    },
    rssMiB: { atRest: rssAtRest, peak: rssPeak },
    cpuPercentOfOneCoreDuringLoad: cpuDuringLoad,
  };

  const dir = join(ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-flow.json'), `${JSON.stringify(report, null, 2)}\n`);
  printSummary(report);
  console.log('  report     reports/bench-flow.json');
  return report.ok;
}

function printSummary(r) {
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en', { maximumFractionDigits: 1 }));
  const o = r.orders;
  const c = r.checks;
  const label = {
    place: 'place', 'wait-account': '  wait: account open', receipt: 'receipt', 'wait-pick-list': '  wait: pick list 201', 'pick-list': 'pick list (the 201)',
    pick: 'pick', verify: 'verify', pack: 'pack', ship: 'ship', 'end-to-end': 'END TO END', 'poll-account': 'each account poll', 'poll-pick-list': 'each pick-list poll',
  };
  const row = (name) => {
    const s = r.latencyMs[name];
    return `  ${pad(label[name], 22)} ${lpad(num(s.n), 7)} ${lpad(num(s.p50), 8)} ${lpad(num(s.p90), 8)} ${lpad(num(s.p99), 8)} ${lpad(num(s.max), 8)} ${lpad(num(s.mean), 8)}`;
  };
  const errorLines = Object.entries(r.errors).flatMap(([name, e]) => [
    `             ${pad(name, 16)} ${e.count}  ${JSON.stringify(e.byStatus)}`,
    ...e.samples.slice(0, 3).map((s) => `               e.g. ${s.status} ${s.body}`),
  ]);
  const check = (ok) => (ok ? '(ok)' : '\x1b[31mFAIL\x1b[0m');
  const lines = [
    '',
    `\x1b[1mFlow benchmark\x1b[0m  ${r.date}  node ${r.node}  ${r.parameters.durationSeconds} s × ${r.parameters.clients} clients  (${r.cores} cores)`,
    `  orders     ${num(o.completed)} completed (${num(o.completedWithinDuration)} within the ${r.parameters.durationSeconds} s, ${num(o.completedDuringDrain)} finishing after), ${num(o.failed)} failed; ${num(o.placed)} placed, ${num(o.paid)} paid`,
    `  rate       ${num(o.ordersPerSecond)} orders/s sustained (completed ÷ duration); drain ${o.drained ? `${num(o.drainSeconds)} s` : 'NOT finished'}`,
    `  latency (ms)             n      p50      p90      p99      max     mean`,
    ...['place', 'wait-account', 'receipt', 'wait-pick-list', 'pick-list', 'pick', 'verify', 'pack', 'ship', 'end-to-end', 'poll-account', 'poll-pick-list'].map(row),
    `  polls      per order: account p50 ${num(r.pollsPerOrder['wait-account'].p50)} max ${num(r.pollsPerOrder['wait-account'].max)}, pick list p50 ${num(r.pollsPerOrder['wait-pick-list'].p50)} max ${num(r.pollsPerOrder['wait-pick-list'].max)} (every ${r.parameters.pollEveryMs} ms)`,
    Object.keys(r.errors).length ? '  errors     per step (count, by status):' : '  errors     none',
    ...errorLines,
    `  checks     shipments ${num(c.shipments)} = completed ${num(c.completed)} ${check(c.shipments === c.completed)};  receipts ${num(c.receipts)} = payments ${num(c.paymentsMade)} ${check(c.receipts === c.paymentsMade)}`,
    `             stock rows reserved > on_hand or on_hand < 0: ${c.badStockRows} ${check(c.badStockRows === 0)};  completed orders not 'shipped' in sales: ${num(c.completedNotShipped)} ${check(c.completedNotShipped === 0)}`,
    `             sales.orders ${JSON.stringify(c.ordersByStatus)}; stock ${c.stock.sku}: on hand ${num(c.stock.onHand)}, reserved ${num(c.stock.reserved)}`,
    `  RSS (MiB)  ${pad('', 10)} ${pad('at rest', 8)} peak`,
    ...Object.keys(r.rssMiB.atRest).map((name) => `             ${pad(name, 10)} ${pad(num(r.rssMiB.atRest[name]), 8)} ${num(r.rssMiB.peak[name])}`),
    `  CPU (%)    ${Object.entries(r.cpuPercentOfOneCoreDuringLoad ?? {}).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
    `             (of one core, over the ${r.parameters.durationSeconds} s load; the machine has ${r.cores} cores = ${r.cores * 100} %)`,
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
  stopping = true;
  stopAll.abort();
  if (!(await cleanup())) ok = false;
  disarm();
}
process.exit(ok ? 0 : 1);
