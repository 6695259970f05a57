// `npm run drill`: a fault drill under sustained load. On a Postgres and a NATS of its own (scratch
// servers on free ports, so nothing else on the machine is disturbed), it starts the platform under
// the supervisor (which restarts a process that dies), drives orders from placement to shipment with
// DRILL_CLIENTS clients, and in one run: SIGKILLs each service in turn and the gateway, crashes and
// restarts NATS, crashes and restarts Postgres. The clients behave as a careful frontend does: a
// creating command carries an Idempotency-Key and is repeated on 502/503/504 or a lost connection; a
// state change that answers 409 on a repeat is checked to have happened. Then it lets the work in
// flight finish and checks the invariants:
//   - every order a client placed is shipped, or the client was told it failed (and by what);
//   - every event was applied once by each of its consumers (inbox rows = events in the outbox),
//     the stream holds every event, no consumer has anything pending, and nothing is dead-lettered;
//   - the outbox is fully published; the journal balances (each entry and in total);
//   - the stock ledger equals the sum of its movements (levels and lots), nothing is oversold.
// It prints the figures per fault (orders completed during it, errors clients saw by status, time to
// recover), writes reports/drill.json (or DRILL_REPORT), and exits 1 when an invariant breaks.
//   DRILL_CLIENTS (default 16)   DRILL_SETTLE (s of load after each recovery, default 8)
//   DRILL_RECOVERY (s a fault may take to recover from, default 60)
//   DRILL_FAULTS (comma list, default all): kill-sales, kill-finance, kill-inventory, kill-security,
//   kill-gateway, restart-nats, restart-postgres
//   DRILL_LAYOUT=apart (default: a process per service, each killed alone) | together (the four services in
//   one process as `npm start` runs them; kill-host kills all four at once instead of kill-<service>)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { UNIT_PRICE_FEN, positiveInt, problemKey, sayer, sleep } from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch, layoutFrom, signIn } from './lib/platform.mjs';
import { freePort, scratchNats, scratchPostgres } from './lib/scratch.mjs';

const LAYOUT = layoutFrom({ OPS_LAYOUT: process.env.DRILL_LAYOUT || 'apart' });
const KILLS = LAYOUT === 'together' ? ['kill-host'] : ['kill-sales', 'kill-finance', 'kill-inventory', 'kill-security'];
const ALL_FAULTS = [...KILLS, 'kill-gateway', 'restart-nats', 'restart-postgres'];
const CLIENTS = positiveInt('DRILL_CLIENTS', 16);
const SETTLE_MS = positiveInt('DRILL_SETTLE', 8) * 1000;
const FAULTS = (process.env.DRILL_FAULTS ?? ALL_FAULTS.join(',')).split(',').map((f) => f.trim()).filter(Boolean);
for (const fault of FAULTS) if (!ALL_FAULTS.includes(fault)) throw new Error(`unknown fault ${fault}; known with DRILL_LAYOUT=${LAYOUT}: ${ALL_FAULTS.join(', ')}`);
const WARMUP_MS = 5_000;
const STEP_DEADLINE_MS = 120_000; // a client gives an order up after retrying one step this long
const REQUEST_TIMEOUT_MS = 30_000;
const RECOVERY_DEADLINE_MS = positiveInt('DRILL_RECOVERY', 60) * 1000;
const DRAIN_MS = 150_000;
const QUIET_DEADLINE_MS = 90_000;
const LONG_POLL_SECONDS = 10;
const SKUS = 3;
const ROLES = ['sales_rep', 'sales_manager', 'finance_manager', 'cashier', 'warehouse_keeper', 'warehouse_manager'];
const SCHEMAS = ['sales', 'finance', 'inventory', 'security'];
const PREFIX = 'drill';
const REPORT = process.env.DRILL_REPORT ?? join(ROOT, 'reports', 'drill.json');
const say = sayer('drill');

// ---- what the clients saw ----------------------------------------------------------------------

const windows = []; // { name, startedAt, errors: {status: n}, firstSeen: {status: example}, completed, recoveredAfterMs, healthyAfterMs }
let current = { name: 'warm-up', startedAt: Date.now(), errors: {}, firstSeen: {}, completed: 0 };
windows.push(current);
const placed = new Map(); // order id → { completed: bool, failed: reason | null }
const failedOrders = [];
const counters = { started: 0, placed: 0, completed: 0, failed: 0, retries: 0 };
let stopping = false;
/** A fault the platform did not recover from: the clients give up at once and the drill reports it. */
let aborted = false;

function seen(status, body, request) {
  const key = problemKey(status, body);
  current.errors[key] = (current.errors[key] ?? 0) + 1;
  // The first of each kind, with its request and detail: a 500 in a fault window says where to look.
  current.firstSeen[key] ??= { request, detail: problemDetail(body) };
}

/** The problem's detail (and the request id that finds its log lines), or the start of a body that is not one. */
function problemDetail(body) {
  try {
    const problem = JSON.parse(body);
    if (problem && typeof problem === 'object') return [problem.detail, problem.requestId && `(request ${problem.requestId})`].filter(Boolean).join(' ') || body.slice(0, 200);
  } catch {
    // not JSON
  }
  return String(body).slice(0, 200);
}

class OrderFailed extends Error {}

let api;
const tokens = {};

async function call(role, method, path, body, key) {
  try {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[role]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: error.name === 'TimeoutError' ? 'timeout' : 'network-error', text: String(error.cause?.message ?? error.message) };
  }
}

const RETRYABLE = new Set([500, 502, 503, 504, 'timeout', 'network-error']);

/**
 * One step, repeated while the platform is away (5xx, lost connection) until STEP_DEADLINE_MS; a
 * creating command with the same Idempotency-Key each time. `done` decides what counts as success
 * (a 409 on a repeat may mean the first attempt did it: `confirm` checks).
 */
async function step(what, role, method, path, body, { expect, key, confirm } = {}) {
  const deadline = Date.now() + STEP_DEADLINE_MS;
  let repeated = false;
  for (let delay = 200; ; delay = Math.min(delay * 2, 2_000)) {
    const res = await call(role, method, path, body, key);
    if (res.status === expect) return res.text ? JSON.parse(res.text) : null;
    seen(res.status, res.text, `${method} ${path}`);
    if (res.status === 409 && repeated && confirm && (await confirm())) return null;
    if (res.status === 401) tokens[role] = await signIn(api, role).catch(() => tokens[role]);
    else if (!RETRYABLE.has(res.status)) throw new OrderFailed(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
    if (Date.now() > deadline) throw new OrderFailed(`${what}: still ${res.status} after ${STEP_DEADLINE_MS / 1000} s of retries`);
    if (aborted) throw new OrderFailed(`${what}: still ${res.status} when the drill gave up`);
    repeated = true;
    counters.retries++;
    await sleep(delay);
  }
}

/** A long poll repeated until `ready` holds for the answer. */
async function waitUntil(what, role, path, ready) {
  const deadline = Date.now() + STEP_DEADLINE_MS;
  for (;;) {
    const answer = await step(what, role, 'GET', path, undefined, { expect: 200 }).catch((error) => {
      if (error instanceof OrderFailed && / 404 /.test(error.message)) return null; // not there yet
      throw error;
    });
    if (answer && ready(answer)) return answer;
    if (Date.now() > deadline || aborted) throw new OrderFailed(`${what}: not ready after ${STEP_DEADLINE_MS / 1000} s`);
  }
}

let customerId;
const skus = [];

async function driveOrder(n) {
  const sku = skus[n % skus.length];
  const order = await step('place', 'sales_rep', 'POST', '/sales/orders', {
    customerId, paymentTerms: 'prepaid', shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express', requestedDate: '2026-12-01', lines: [{ sku, quantity: 1, unitPriceFen: UNIT_PRICE_FEN }],
  }, { expect: 201, key: `drill-place-${n}` });
  counters.placed++;
  placed.set(order.id, { completed: false, failed: null });
  try {
    await waitUntil('account', 'cashier', `/finance/orders/${order.id}/account?waitSeconds=${LONG_POLL_SECONDS}`, () => true);
    await step('receipt', 'cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true }, { expect: 201, key: `drill-receipt-${n}` });
    await waitUntil('ready to pick', 'warehouse_keeper', `/inventory/orders/${order.id}/pick-readiness?waitSeconds=${LONG_POLL_SECONDS}`, (r) => r.ready || r.blockedBy === 'pick-list-exists');
    const list = await step('pick list', 'warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id }, { expect: 201, key: `drill-pick-list-${n}` });
    const counts = list.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
    const reached = (status) => async () => {
      const res = await call('warehouse_keeper', 'GET', `/inventory/pick-lists?orderId=${order.id}`);
      return res.status === 200 && JSON.parse(res.text).items.some((l) => l.id === list.id && status.includes(l.status));
    };
    await step('pick', 'warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: counts }, { expect: 200, confirm: reached(['picked', 'verified', 'packed', 'shipped']) });
    await step('verify', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: counts }, { expect: 200, confirm: reached(['verified', 'packed', 'shipped']) });
    await step('pack', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/pack`, { pieces: 1 }, { expect: 200, confirm: reached(['packed', 'shipped']) });
    await step('ship', 'warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF Express', trackingNumber: `SF-DRILL-${n}`, pieces: 1 }, { expect: 201, key: `drill-ship-${n}` });
    placed.get(order.id).completed = true;
    counters.completed++;
    current.completed++;
  } catch (error) {
    placed.get(order.id).failed = error.message;
    throw error;
  }
}

async function client() {
  while (!stopping) {
    const n = ++counters.started;
    try {
      await driveOrder(n);
    } catch (error) {
      counters.failed++;
      failedOrders.push({ n, reason: error instanceof OrderFailed ? error.message : error.stack });
      await sleep(500);
    }
  }
}

// ---- faults ------------------------------------------------------------------------------------

let platform;
let postgres;
let nats;
let ports;

async function allHealthy() {
  const checks = await Promise.all(Object.values(platform.ports()).map((port) => fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)));
  return checks.every(Boolean);
}

async function inject(fault) {
  if (fault.startsWith('kill-')) platform.kill(fault.slice('kill-'.length), 'SIGKILL');
  else if (fault === 'restart-nats') {
    await nats.crash();
    await sleep(1_000); // a second without NATS: publishes and requests fail meanwhile
    await nats.start();
  } else if (fault === 'restart-postgres') {
    postgres.crash();
    await sleep(1_000);
    await postgres.start();
  }
}

async function runFault(fault) {
  current = { name: fault, startedAt: Date.now(), errors: {}, firstSeen: {}, completed: 0, healthyAfterMs: null, recoveredAfterMs: null };
  windows.push(current);
  say(`fault: ${fault}`);
  const t0 = performance.now();
  await inject(fault);
  const deadline = Date.now() + RECOVERY_DEADLINE_MS;
  // Recovered: every process healthy again, and an order completed after the fault.
  const completedBefore = counters.completed;
  while (Date.now() < deadline) {
    if (current.healthyAfterMs === null && (await allHealthy())) current.healthyAfterMs = Math.round(performance.now() - t0);
    if (current.healthyAfterMs !== null && counters.completed > completedBefore) {
      current.recoveredAfterMs = Math.round(performance.now() - t0);
      break;
    }
    await sleep(100);
  }
  if (current.recoveredAfterMs === null) {
    say(`\x1b[31m  not recovered within ${RECOVERY_DEADLINE_MS / 1000} s\x1b[0m (healthy after ${current.healthyAfterMs ?? '–'} ms); giving up`);
    return false;
  }
  say(`  healthy after ${current.healthyAfterMs} ms, an order completed after ${current.recoveredAfterMs} ms; ${SETTLE_MS / 1000} s of load…`);
  await sleep(SETTLE_MS);
  return true;
}

// ---- invariants --------------------------------------------------------------------------------

async function quiet(db, nc) {
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + QUIET_DEADLINE_MS;
  for (;;) {
    let busy = 0;
    for (const schema of SCHEMAS) busy += Number((await db.query(`SELECT count(*) FROM ${schema}.outbox WHERE published_at IS NULL`)).rows[0].count);
    for await (const stream of jsm.streams.list()) {
      if (!stream.config.name.startsWith(`${PREFIX.toUpperCase()}_`)) continue;
      for await (const consumer of jsm.consumers.list(stream.config.name)) busy += consumer.num_pending + consumer.num_ack_pending;
    }
    if (busy === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
}

async function invariants(db, nc) {
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const jsm = await jetstreamManager(nc);
  const problems = [];
  const figures = {};
  const one = async (sql, params) => (await db.query(sql, params)).rows[0];
  const count = async (sql, params) => Number((await one(sql, params)).count);

  // Orders: shipped, or the client was told it failed.
  const known = [...placed.keys()];
  const statuses = Object.fromEntries((await db.query(`SELECT status, count(*)::int AS n FROM sales.orders GROUP BY status`)).rows.map((r) => [r.status, r.n]));
  const completedIds = [...placed].filter(([, o]) => o.completed).map(([id]) => id);
  const notShipped = await count(`SELECT count(*) FROM sales.orders WHERE id = ANY($1::uuid[]) AND status <> 'shipped'`, [completedIds]);
  const silent = [...placed].filter(([, o]) => !o.completed && !o.failed).length;
  const unknownToClients = await count(`SELECT count(*) FROM sales.orders WHERE NOT (id = ANY($1::uuid[]))`, [known]);
  figures.orders = { placed: known.length, completed: completedIds.length, failedAndTold: failedOrders.length, byStatus: statuses, unknownToClients };
  if (notShipped) problems.push(`${notShipped} orders the clients completed are not 'shipped' in sales`);
  if (silent) problems.push(`${silent} placed orders neither completed nor reported failed to their client`);
  // A client that gave up placing an order (told so) may have left one behind; any more is a lost 201 or a repeat that made a second order.
  const gaveUpPlacing = failedOrders.filter((f) => f.reason.startsWith('place:')).length;
  if (unknownToClients > gaveUpPlacing) problems.push(`${unknownToClients} orders exist that no client was told of (a repeat made a second order, or a 201 was lost)`);

  // Events: each applied once by each consumer; the stream holds them all; nothing pending or dead.
  const consumers = [];
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    if (!name.startsWith(`${PREFIX.toUpperCase()}_`)) continue;
    if (name.endsWith('_DEAD_LETTERS')) {
      figures.deadLetters = stream.state.messages;
      if (stream.state.messages) problems.push(`${stream.state.messages} dead letters`);
      continue;
    }
    for await (const c of jsm.consumers.list(name)) {
      const subject = c.config.filter_subject.slice(PREFIX.length + 1);
      const service = c.config.durable_name.split('-')[0];
      const consumer = c.config.durable_name.slice(service.length + 1);
      const producer = subject.split('.')[0];
      const events = await count(`SELECT count(*) FROM ${producer}.outbox WHERE subject = $1`, [subject]);
      const applied = await count(`SELECT count(*) FROM ${service}.inbox WHERE consumer = $1`, [consumer]);
      const info = await jsm.streams.info(name, { subjects_filter: c.config.filter_subject });
      const inStream = info.state.subjects?.[c.config.filter_subject] ?? 0;
      consumers.push({ consumer: c.config.durable_name, subject, events, applied, inStream, pending: c.num_pending + c.num_ack_pending });
      if (applied !== events) problems.push(`${c.config.durable_name}: ${applied} applied for ${events} events of ${subject}`);
      if (inStream < events) problems.push(`${subject}: ${inStream} in the stream for ${events} in the outbox`);
      if (c.num_pending + c.num_ack_pending) problems.push(`${c.config.durable_name}: ${c.num_pending + c.num_ack_pending} events still pending`);
    }
  }
  figures.consumers = consumers;
  figures.deadLetters ??= 0;
  let unpublished = 0;
  for (const schema of SCHEMAS) unpublished += await count(`SELECT count(*) FROM ${schema}.outbox WHERE published_at IS NULL`);
  figures.unpublishedOutboxRows = unpublished;
  if (unpublished) problems.push(`${unpublished} outbox rows never published`);

  // Books: every entry balances, and so does the whole journal.
  const unbalanced = await count(`SELECT count(*) FROM (SELECT entry_id FROM finance.journal_lines GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)) e`);
  const totals = await one(`SELECT coalesce(sum(debit_fen), 0)::bigint AS debit, coalesce(sum(credit_fen), 0)::bigint AS credit FROM finance.journal_lines`);
  figures.journal = { debitFen: Number(totals.debit), creditFen: Number(totals.credit), unbalancedEntries: unbalanced };
  if (unbalanced) problems.push(`${unbalanced} journal entries do not balance`);
  if (totals.debit !== totals.credit) problems.push(`journal debits ${totals.debit} ≠ credits ${totals.credit}`);
  const receipts = await count(`SELECT count(*) FROM finance.receipts`);
  const paidOrders = await count(`SELECT count(*) FROM finance.order_accounts WHERE confirmed_at IS NOT NULL`);
  figures.receipts = { receipts, paidOrders };
  if (receipts !== paidOrders) problems.push(`${receipts} receipts for ${paidOrders} paid orders (one receipt each was sent)`);

  // Stock: the ledger is the sum of its movements; lots add up to levels; nothing oversold.
  const ledgerOff = await count(`SELECT count(*) FROM inventory.stock_levels l LEFT JOIN (SELECT sku_code, warehouse_code, sum(quantity) AS q FROM inventory.stock_movements GROUP BY 1, 2) m USING (sku_code, warehouse_code) WHERE l.on_hand <> coalesce(m.q, 0)`);
  const lotsOff = await count(`SELECT count(*) FROM inventory.stock_levels l LEFT JOIN (SELECT sku_code, warehouse_code, sum(on_hand) AS q FROM inventory.stock_lots GROUP BY 1, 2) t USING (sku_code, warehouse_code) WHERE l.on_hand <> coalesce(t.q, 0)`);
  const oversold = await count(`SELECT count(*) FROM inventory.stock_levels WHERE reserved > on_hand OR on_hand < 0 OR reserved < 0`);
  const shipments = await count(`SELECT count(*) FROM inventory.shipments`);
  const doubleShipped = await count(`SELECT count(*) FROM (SELECT order_id FROM inventory.shipments GROUP BY 1 HAVING count(*) > 1) s`);
  figures.stock = { levelsNotEqualToMovements: ledgerOff, levelsNotEqualToLots: lotsOff, oversoldRows: oversold, shipments, ordersShippedTwice: doubleShipped };
  if (ledgerOff) problems.push(`${ledgerOff} stock levels differ from the sum of their movements`);
  if (lotsOff) problems.push(`${lotsOff} stock levels differ from the sum of their lots`);
  if (oversold) problems.push(`${oversold} stock rows oversold or negative`);
  if (doubleShipped) problems.push(`${doubleShipped} orders shipped twice`);
  return { problems, figures };
}

// ---- the run -----------------------------------------------------------------------------------

async function main() {
  say('building…');
  build();
  say('scratch Postgres and NATS…');
  postgres = await scratchPostgres();
  nats = await scratchNats();
  const databaseUrl = postgres.url('ops_drill');
  await ensureDatabase(databaseUrl);
  ports = { gateway: await freePort(), sales: await freePort(), finance: await freePort(), inventory: await freePort(), security: await freePort() };
  const deaths = [];
  platform = launch({
    env: {
      DATABASE_URL: databaseUrl, SALES_DATABASE_URL: databaseUrl, FINANCE_DATABASE_URL: databaseUrl, INVENTORY_DATABASE_URL: databaseUrl, SECURITY_DATABASE_URL: databaseUrl,
      NATS_URL: nats.url, SUBJECT_PREFIX: PREFIX, LOG_LEVEL: 'warn', HTTP_HOST: '127.0.0.1', LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    ports,
    layout: LAYOUT,
    output: process.env.DRILL_LOGS === '1',
    restart: true,
    onExit: (name, how) => deaths.push({ name, how, at: Date.now() }),
    onRestart: (name, delay) => say(`  supervisor restarted ${name} after ${delay} ms`),
  });
  await platform.waitHealthy();
  api = `http://127.0.0.1:${ports.gateway}/api/v1`;
  say(`platform on ${api} (Postgres :${postgres.port}, NATS :${nats.port}); seeding…`);
  for (const role of ROLES) tokens[role] = await signIn(api, role);
  const seed = async (role, path, body, status = 201) => {
    const res = await call(role, 'POST', path, body);
    if (res.status !== status) throw new Error(`seeding ${path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text);
  };
  customerId = (await seed('sales_rep', '/sales/customers', { code: 'C-DRILL', name: 'Drill customer' })).id;
  for (let i = 1; i <= SKUS; i++) {
    const code = `SKU-DRILL-${i}`;
    await seed('warehouse_manager', '/inventory/skus', { code, name: `Drill item ${i}`, model: 'DRILL', version: 'v1', unit: 'box' });
    const receipt = await seed('warehouse_keeper', '/inventory/stock-receipts', { reference: `DRILL-OPENING-${i}`, lines: [{ sku: code, quantity: 1_000_000 }] });
    await seed('warehouse_manager', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
    skus.push(code);
  }
  const list = await seed('sales_manager', '/sales/price-lists', { name: 'Drill list', validFrom: '2020-01-01', lines: skus.map((sku) => ({ sku, listPriceFen: UNIT_PRICE_FEN, floorPriceFen: UNIT_PRICE_FEN })) });
  await seed('finance_manager', `/sales/price-lists/${list.id}/approve`, {}, 200);

  say(`load: ${CLIENTS} clients; ${LAYOUT === 'together' ? 'the four services in one process' : 'a process per service'}; faults: ${FAULTS.join(', ')}`);
  const started = Date.now();
  current.startedAt = started;
  const clients = Array.from({ length: CLIENTS }, () => client());
  await sleep(WARMUP_MS);
  for (const fault of FAULTS) {
    if (!(await runFault(fault))) {
      aborted = true;
      break;
    }
  }
  current = { name: 'drain', startedAt: Date.now(), errors: {}, firstSeen: {}, completed: 0 };
  windows.push(current);
  stopping = true;
  say(aborted ? 'stopping the clients…' : 'faults done; letting the orders in flight finish…');
  const drained = await Promise.race([Promise.all(clients).then(() => true), sleep(DRAIN_MS).then(() => false)]);
  if (aborted) {
    const unrecovered = windows.find((w) => w.recoveredAfterMs === null && w.name !== 'drain' && w.name !== 'warm-up');
    const report = { date: new Date().toISOString(), ok: false, problems: [`${unrecovered.name}: the platform did not recover within ${RECOVERY_DEADLINE_MS / 1000} s`], faults: windows.map((w) => w.name), processDeaths: deaths };
    mkdirSync(dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\x1b[31m[drill]\x1b[0m BROKEN: ${report.problems[0]}`);
    return false;
  }

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { connect } = await import('@nats-io/transport-node');
  const nc = await connect({ servers: nats.url });
  say('waiting for the outbox and the consumers to go quiet…');
  const wentQuiet = await quiet(db, nc);
  const { problems, figures } = await invariants(db, nc);
  if (!drained) problems.push(`orders in flight did not finish within ${DRAIN_MS / 1000} s`);
  if (!wentQuiet) problems.push(`outbox or consumers still busy after ${QUIET_DEADLINE_MS / 1000} s`);
  await db.end();
  await nc.close();

  const report = {
    date: new Date().toISOString(), ok: problems.length === 0, problems,
    parameters: { clients: CLIENTS, settleSeconds: SETTLE_MS / 1000, layout: LAYOUT, faults: FAULTS, skus: SKUS },
    seconds: Math.round((Date.now() - started) / 1000),
    orders: { ...counters },
    faults: windows.map((w) => ({ name: w.name, ordersCompleted: w.completed, errorsSeenByClients: w.errors, firstSeen: w.firstSeen, healthyAfterMs: w.healthyAfterMs ?? null, firstOrderCompletedAfterMs: w.recoveredAfterMs ?? null })),
    processDeaths: deaths.map((d) => ({ process: d.name, how: d.how, atSecond: Math.round((d.at - started) / 1000) })),
    failedOrders: failedOrders.slice(0, 20),
    invariants: figures,
  };
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  print(report);
  return report.ok;
}

function print(r) {
  const pad = (s, n) => String(s).padEnd(n);
  const lines = [
    '',
    `\x1b[1mFault drill\x1b[0m  ${r.date}  ${r.parameters.clients} clients, ${r.seconds} s`,
    `  orders     ${r.orders.placed} placed, ${r.orders.completed} shipped, ${r.orders.failed} failed and told; ${r.orders.retries} requests repeated by clients`,
    `  ${pad('window', 18)} ${pad('orders', 7)} ${pad('healthy', 10)} ${pad('recovered', 10)} errors seen by clients`,
    ...r.faults.map((f) => `  ${pad(f.name, 18)} ${pad(f.ordersCompleted, 7)} ${pad(f.healthyAfterMs === null ? '–' : `${f.healthyAfterMs} ms`, 10)} ${pad(f.firstOrderCompletedAfterMs === null ? '–' : `${f.firstOrderCompletedAfterMs} ms`, 10)} ${JSON.stringify(f.errorsSeenByClients)}`),
    `  deaths     ${r.processDeaths.map((d) => `${d.process} (${d.how}) at ${d.atSecond} s`).join(', ') || 'none'}`,
    `  events     ${r.invariants.consumers?.length ?? 0} consumers: ${(r.invariants.consumers ?? []).filter((c) => c.applied === c.events).length} applied every event once; dead letters ${r.invariants.deadLetters}; unpublished outbox rows ${r.invariants.unpublishedOutboxRows}`,
    `  books      debits ${r.invariants.journal?.debitFen} = credits ${r.invariants.journal?.creditFen}; unbalanced entries ${r.invariants.journal?.unbalancedEntries}; ${r.invariants.receipts?.receipts} receipts for ${r.invariants.receipts?.paidOrders} paid orders`,
    `  stock      ${JSON.stringify(r.invariants.stock)}`,
    `  orders     ${JSON.stringify(r.invariants.orders)}`,
    // A 500 is never the answer a fault should give (503 or 504 say "try again"): each kind's first, to look up.
    ...r.faults.flatMap((f) => Object.entries(f.firstSeen).filter(([key]) => key.startsWith('500')).map(([key, e]) => `  ${pad(key, 10)} in ${f.name}: ${e.request}: ${e.detail}`)),
    ...r.failedOrders.slice(0, 5).map((f) => `  failed     #${f.n}: ${f.reason.split('\n')[0]}`),
    r.ok ? '  result     \x1b[32mevery invariant holds\x1b[0m' : `  result     \x1b[31mBROKEN\x1b[0m: ${r.problems.join('; ')}`,
    `  report     ${REPORT}`,
  ];
  console.log(lines.join('\n'));
}

let exitCode = 1;
try {
  exitCode = (await main()) ? 0 : 1;
} catch (error) {
  console.error(`\x1b[31m[drill]\x1b[0m ${error.stack ?? error.message}`);
} finally {
  stopping = true;
  await platform?.stop().catch(() => undefined);
  await nats?.destroy().catch(() => undefined);
  try {
    postgres?.destroy();
  } catch {
    // best effort
  }
}
process.exit(exitCode);
