// `npm run bench:flow`: the whole order-to-cash flow through the gateway under load on this machine.
// Starts the platform on its own ports (3300-3304) against a throwaway database and NATS subject
// prefix, seeds one customer and BENCH_SKUS well-stocked SKUs (one unless told), then runs BENCH_CLIENTS virtual clients. Each
// client drives one order at a time through every step:
//   place (sales_rep) → wait for finance to open the account → cash receipt (cashier)
//   → wait until inventory has heard of payment and reservation → pick list → pick (warehouse_keeper)
//   → verify, pack (warehouse_manager) → ship (warehouse_keeper)
// and starts the next. After a warm-up, BENCH_DURATION seconds are measured: throughput, latency per
// step and end to end, CPU of every process (and per order), how each of our processes' event loop spent the
// window (on a core, waiting for one), statements sent to Postgres (per order, and
// per transaction of each step), our processes' write system calls and events per order, memory. Then orders in flight finish (bounded), and
// it checks in Postgres that every shipment, receipt and 'shipped' status is there and nothing is
// oversold, writes reports/bench-flow.json, and always cleans up. Exit 0 when the checks hold, 1 otherwise.
//   BENCH_DURATION (s, default 60)   BENCH_WARMUP (s, default 10)   BENCH_CLIENTS (default 50)
//   BENCH_RATE=<orders/s> (an open loop instead: orders arrive evenly at that rate, however many are in flight)
//   BENCH_WAIT=long-poll (default: waitSeconds on the two reads) | poll (every 20 ms, as earlier runs)
//   BENCH_HTTP=undici (default: undici's request on a keep-alive agent) | fetch (Node's fetch, as runs before 2026-12-03)
//   BENCH_SKUS=<n> (default 1: every order locks the same stock row; n spreads the orders over n SKUs in turn, as a real mix would)
//   BENCH_CPU_PROF=1 (V8 profiles of every process, reports/cpu-profiles)
//   BENCH_NODE_ARGS="--flag …" (more Node flags for every process, e.g. a V8 heap size to compare)
//   BENCH_STATEMENTS=1 (every distinct statement counted, reports/statements)
//   BENCH_OUTPUT=1 (the processes' log lines, warnings and errors, on the console)
//   BENCH_BASELINE=<earlier report> (drawn beside this run in reports/bench-flow.svg)
//   OPS_LAYOUT=together (default: the four services in one process) | apart (a process each)
//   BENCH_INSTANCES=host=2,gateway=2 (more instances of a process; with OPS_LAYOUT=apart, of a service)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Agent, request as undiciRequest } from 'undici';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import {
  BENCH_PORTS, UNIT_PRICE_FEN, assertPortsFree, problemKey, benchCleanup, benchEnv, benchRun, guardRun, isLoopback, machineCpu, percentiles, positiveInt,
  mainThreadTimes, processTable, sampleRss, sayer, sleep, writeCalls,
} from './lib/bench.mjs';
import { costChart } from './lib/chart.mjs';
import { ROOT, build, ensureDatabase, launch, layoutFrom, signIn } from './lib/platform.mjs';

const DURATION = positiveInt('BENCH_DURATION', 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const CLIENTS = positiveInt('BENCH_CLIENTS', 50);
/**
 * BENCH_SKUS: how many SKUs the orders spread over, each order the next in turn. One (the default, as every
 * earlier run) makes every reservation and shipment queue for the same stock row; a real order mix does not.
 */
const SKUS = positiveInt('BENCH_SKUS', 1);
/**
 * BENCH_RATE: orders arrive at this rate, evenly spaced, whether or not the earlier ones are done (an open
 * loop, as customers arrive at a shop). Below the platform's capacity, the step latencies are then what an
 * order costs at that load; in the closed loop of BENCH_CLIENTS they are 50 clients over the throughput.
 */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : null;
if (RATE !== null && !(RATE > 0 && RATE <= 1_000)) throw new Error('BENCH_RATE is orders per second, above 0 and at most 1000');
const LOAD = RATE ? `orders arriving at ${RATE}/s` : `${CLIENTS} clients`;
const PORTS = BENCH_PORTS;
// OPS_LAYOUT: the four services in one process, the host (`together`, the default), or a process each (`apart`).
const LAYOUT = layoutFrom();
// BENCH_INSTANCES=host=2,gateway=2 (or inventory=2 with OPS_LAYOUT=apart): more than one instance of a process;
// clients spread their requests over the gateways.
const INSTANCES = Object.fromEntries((process.env.BENCH_INSTANCES ?? '').split(',').filter(Boolean).map((pair) => {
  const [name, n] = pair.split('=');
  if (!(name in PORTS || name === 'host') || !(Number(n) >= 1)) throw new Error(`BENCH_INSTANCES: ${pair} is not <process>=<count>`);
  return [name, Number(n)];
}));
/** How many instances serve `service`'s port: its own count, or the host's where the host runs it. */
const instancesOf = (service) => INSTANCES[LAYOUT === 'together' && service !== 'gateway' ? 'host' : service] ?? 1;
/** Every process's HTTP port, extra instances included (known once the platform is launched). */
let processPorts = PORTS;
// How clients wait for what an event brings (the account opened, the order ready to pick): `long-poll` asks
// once and the service answers when it is there (waitSeconds); `poll` asks every POLL_EVERY_MS, as before.
const WAIT_MODE = process.env.BENCH_WAIT ?? 'long-poll';
if (!['long-poll', 'poll'].includes(WAIT_MODE)) throw new Error('BENCH_WAIT is long-poll or poll');
/**
 * How the clients speak HTTP. The clients share the machine's two cores with the platform, so what they spend
 * is taken from it: Node's fetch cost about 260–330 µs of CPU per request here, undici's `request` 75 µs
 * (docs/performance.md). `fetch` keeps earlier runs comparable.
 */
const HTTP_CLIENT = process.env.BENCH_HTTP ?? 'undici';
if (!['undici', 'fetch'].includes(HTTP_CLIENT)) throw new Error('BENCH_HTTP is undici or fetch');
const POLL_EVERY_MS = 20;
const LONG_POLL_SECONDS = 25;
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
const WATCHDOG_MS = (WARMUP + DURATION + 90 + 30 + DRAIN_MS / 1000 + SHIPPED_DEADLINE_MS / 1000 + 120) * 1000;

const PROFILE_DIR = join(ROOT, 'reports', 'cpu-profiles');
const STATEMENTS_DIR = join(ROOT, 'reports', 'statements');
const HTTP_STEPS = ['place', 'receipt', 'pick-list', 'pick', 'verify', 'pack', 'ship'];
const WAIT_STEPS = ['wait-account', 'wait-pick-list'];
const POLL_SERIES = ['poll-account', 'poll-pick-list'];
const STEP_ORDER = ['place', 'wait-account', 'receipt', 'wait-pick-list', 'pick-list', 'pick', 'verify', 'pack', 'ship'];
const ROLES = ['sales_rep', 'sales_manager', 'finance_manager', 'cashier', 'warehouse_keeper', 'warehouse_manager'];

const availableCores = availableParallelism();
const run = benchRun();
const { hex, dbName: DB_NAME, prefix: PREFIX } = run;
const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
let gateways = [api];
let nextGateway = 0;
const say = sayer('bench');

// ---- measurements ------------------------------------------------------------------------------

const latencies = Object.fromEntries([...STEP_ORDER, ...POLL_SERIES, 'end-to-end'].map((name) => [name, []]));
const pollsPerOrder = { 'wait-account': [], 'wait-pick-list': [] };
const errors = {}; // step → { count, byStatus, samples }
const counters = { started: 0, placed: 0, paid: 0, shipped: 0, failed: 0, mostInFlight: 0, commands: 0 };
/** The commands of one order; what the clients got done, counted in orders, is the commands answered over these. */
const COMMAND_STEPS = new Set(['place', 'receipt', 'pick-list', 'pick', 'verify', 'pack', 'ship']);
/** Requests answered 504 per step: the write may or may not have happened (the client was told so). */
const outcomeUnknown = {};
const placedIds = [];
const completedIds = [];
const completionsPerSecond = [];
let loadStarted = 0;
/** When the measured window began (after the warm-up); 0 before. Latencies count for requests started in it. */
let measuredFrom = 0;
/** The machine's speed before the run (machineRuler). */
let ruler;

/** A latency sample, kept when what it measures started inside the measured window. */
function sample(name, ms) {
  if (COMMAND_STEPS.has(name)) counters.commands++;
  if (measuredFrom && Date.now() - ms >= measuredFrom) latencies[name].push(ms);
}

/** Counts an error under its status and, for a problem+json answer, the problem type (409 means several things). */
function recordError(step, status, body) {
  const e = (errors[step] ??= { count: 0, byStatus: {}, samples: [] });
  e.count++;
  const key = problemKey(status, body);
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

const agent = new Agent({ keepAliveTimeout: 60_000 });

/** One request through the gateway (keep-alive, BENCH_HTTP's client); never throws. */
async function call(role, method, path, body) {
  const started = performance.now();
  const url = `${gateways[nextGateway++ % gateways.length]}${path}`;
  const headers = { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const json = body === undefined ? undefined : JSON.stringify(body);
  try {
    if (HTTP_CLIENT === 'fetch') {
      const res = await fetch(url, { method, headers, body: json, signal: AbortSignal.any([stopAll.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
      return { status: res.status, text: await res.text(), ms: performance.now() - started };
    }
    // The two timeouts bound the wait for the answer's head and then for each part of its body.
    const res = await undiciRequest(url, { dispatcher: agent, method, headers, body: json, signal: stopAll.signal, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
    return { status: res.statusCode, text: await res.body.text(), ms: performance.now() - started };
  } catch (error) {
    const status = /TimeoutError$/.test(error.name) ? 'timeout' : error.name === 'AbortError' || stopAll.signal.aborted ? 'aborted' : 'network-error';
    return { status, text: `${error.name}: ${error.cause?.message ?? error.message}`, ms: performance.now() - started };
  }
}

/** A step that must answer `expected`: records its latency, or the error and throws. */
async function step(name, role, method, path, body, expected) {
  const res = await call(role, method, path, body);
  if (res.status !== expected) {
    recordError(name, res.status, res.text);
    if (res.status === 504) outcomeUnknown[name] = (outcomeUnknown[name] ?? 0) + 1;
    throw new StepFailed(name, res.status, res.text);
  }
  sample(name, res.ms);
  return res.text ? JSON.parse(res.text) : null;
}

/**
 * Asks until the answer is `done` (a `pending` answer means not yet), within WAIT_DEADLINE_MS: every
 * POLL_EVERY_MS when polling, at once again after a long poll's deadline. Records each request under
 * `series`, the whole wait under `name`.
 */
async function waitFor(name, series, request, { done, pending }) {
  const started = performance.now();
  let polls = 0;
  while (true) {
    const res = await request();
    polls++;
    sample(series, res.ms);
    if (res.status === done) {
      sample(name, performance.now() - started);
      if (measuredFrom) pollsPerOrder[name].push(polls);
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
    if (WAIT_MODE === 'poll') await sleep(POLL_EVERY_MS);
  }
}

// ---- one order, one client ---------------------------------------------------------------------

let customerId;
/** The SKUs orders are placed for; order n takes skus[n % skus.length]. */
let skus = [];
let stopping = false;

async function driveOrder(n) {
  const t0 = performance.now();
  const order = await step('place', 'sales_rep', 'POST', '/sales/orders', {
    customerId,
    paymentTerms: 'prepaid',
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express',
    requestedDate: '2026-12-01',
    lines: [{ sku: skus[n % skus.length], quantity: 1, unitPriceFen: UNIT_PRICE_FEN }],
  }, 201);
  counters.placed++;
  placedIds.push(order.id);
  const orderId = order.id;

  if (WAIT_MODE === 'poll') {
    await waitFor('wait-account', 'poll-account', () => call('cashier', 'GET', `/finance/orders/${orderId}/account`), { done: 200, pending: 404 });
  } else {
    await waitFor('wait-account', 'poll-account', () => call('cashier', 'GET', `/finance/orders/${orderId}/account?waitSeconds=${LONG_POLL_SECONDS}`), { done: 200, pending: 404 });
  }
  // Cash counts only once the counterfeit check is recorded (422 without it).
  await step('receipt', 'cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true }, 201);
  counters.paid++;

  let created;
  if (WAIT_MODE === 'poll') {
    // 422 until inventory has heard of both the payment and the reservation; 409 (a list exists already) is an error here.
    created = await waitFor('wait-pick-list', 'poll-pick-list', () => call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId }), { done: 201, pending: 422 });
  } else {
    // Ready once inventory has heard of both the payment and the reservation; then the pick list is made once.
    const readiness = async () => {
      const res = await call('warehouse_keeper', 'GET', `/inventory/orders/${orderId}/pick-readiness?waitSeconds=${LONG_POLL_SECONDS}`);
      return res.status === 200 && !JSON.parse(res.text).ready ? { ...res, status: 'not ready' } : res;
    };
    await waitFor('wait-pick-list', 'poll-pick-list', readiness, { done: 200, pending: 'not ready' });
    created = await call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId });
    if (created.status !== 201) {
      recordError('pick-list', created.status, created.text);
      throw new StepFailed('pick-list', created.status, created.text);
    }
  }
  sample('pick-list', created.ms);
  const list = JSON.parse(created.text);
  const counts = list.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));

  await step('pick', 'warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: counts }, 200);
  await step('verify', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: counts }, 200);
  await step('pack', 'warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/pack`, { pieces: 1 }, 200);
  await step('ship', 'warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'SF Express', trackingNumber: `SF${n}`, pieces: 1 }, 201);

  const done = performance.now();
  sample('end-to-end', done - t0);
  counters.shipped++;
  completedIds.push(orderId);
  if (measuredFrom) {
    const second = Math.floor((Date.now() - measuredFrom) / 1000);
    completionsPerSecond[second] = (completionsPerSecond[second] ?? 0) + 1;
  }
}

/** One order from placement to shipment; false when it failed. */
async function oneOrder() {
  try {
    await driveOrder(++counters.started);
    return true;
  } catch (error) {
    counters.failed++;
    if (!(error instanceof StepFailed)) recordError('client', 'exception', error.stack ?? error.message);
    return false;
  }
}

/** A closed-loop client: its next order when the last one is done. */
async function client() {
  while (!stopping) {
    if (!(await oneOrder()) && !stopping) await sleep(FAILED_ORDER_PAUSE_MS);
  }
}

/** The open loop (BENCH_RATE): an order every 1/RATE s until the load stops; settles when the last is done. */
async function arrivals() {
  const inFlight = new Set();
  const from = performance.now();
  for (let k = 0; !stopping; k++) {
    const wait = from + (k * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    if (stopping) break;
    const order = oneOrder().finally(() => inFlight.delete(order));
    inFlight.add(order);
    counters.mostInFlight = Math.max(counters.mostInFlight, inFlight.size);
  }
  await Promise.all(inFlight);
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
const cleanup = benchCleanup({ run, platform: () => platform, closers: () => [db && (() => db.end()), () => agent.destroy()], say });
const disarm = guardRun({ cleanup, watchdogMs: WATCHDOG_MS });

// ---- the run -----------------------------------------------------------------------------------

/**
 * CPU each process used over a window, as % of one core, attributed to the services, the bench, Postgres,
 * NATS and the rest. `used` gets the seconds behind it: `cpu`, the part of it the kernel spent (`system`),
 * and the context `switches`, each by the same names.
 */
function cpuShares(before, after, seconds, pids, benchBackends, used = { cpu: {}, system: {}, switches: {} }) {
  const ours = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
  const names = [...Object.keys(pids), 'bench', 'postgres (bench db)', 'postgres (other)', 'nats-server', 'other'];
  for (const key of ['cpu', 'system', 'switches']) Object.assign(used[key], Object.fromEntries(names.map((name) => [name, 0])));
  for (const [pid, now] of after.table) {
    const then = before.table.get(pid) ?? { cpu: 0, system: 0, switches: 0 };
    if (now.cpu - then.cpu <= 0) continue;
    const name = ours.get(pid) ?? (pid === process.pid ? 'bench'
      : now.comm === 'postgres' ? (benchBackends.has(pid) ? 'postgres (bench db)' : 'postgres (other)')
        : now.comm === 'nats-server' ? 'nats-server' : 'other');
    for (const key of ['cpu', 'system', 'switches']) used[key][name] += now[key] - then[key];
  }
  const pct = (s) => Math.round((s / seconds) * 100);
  const result = Object.fromEntries(Object.entries(used.cpu).map(([name, s]) => [name, pct(s)]));
  result.machine = pct(after.machine.busy - before.machine.busy);
  return result;
}

const snapshot = (pids) => ({ table: processTable(), machine: machineCpu(), mainThreads: mainThreadTimes(pids), writes: writeCalls(pids), at: performance.now() });

/**
 * How each of our processes' main thread (its event loop) spent the window, as % of it: on a core, and
 * runnable but waiting for one (taken by another process). Near 100 together, the event loop was never
 * idle: that process is where the orders queue, and what it waits for is a core, not work.
 */
function mainThreadShares(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const pct = (s) => Math.round((s / seconds) * 100);
  return Object.fromEntries(Object.entries(after.mainThreads).filter(([name]) => before.mainThreads[name]).map(([name, now]) => [name, {
    onCorePercent: pct(now.onCpu - before.mainThreads[name].onCpu),
    waitingForCorePercent: pct(now.waiting - before.mainThreads[name].waiting),
  }]));
}

/** Every process's /metrics text now, by process name: one scrape serves every reading taken at that moment. */
async function scrapeMetrics() {
  const texts = {};
  for (const [name, port] of Object.entries(processPorts)) {
    texts[name] = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.text(), () => '');
  }
  return texts;
}

/** A counter of each process so far: db_statements_total (statements sent to Postgres), db_round_trips_total (writes to it). */
function counterOf(metrics, counter) {
  return Object.fromEntries(Object.entries(metrics).map(([name, text]) => {
    const line = text.split('\n').find((l) => l.startsWith(`${counter}{`) || l.startsWith(`${counter} `));
    return [name, line ? Number(line.split(' ').pop()) : null];
  }));
}

/**
 * Every process's `db_statements_per_transaction` and `db_round_trips_per_transaction`: per command and per
 * event consumer, the transactions, the statements they sent and the round trips they took.
 */
function transactionStatements(metrics) {
  const units = {};
  for (const text of Object.values(metrics)) {
    for (const line of text.split('\n')) {
      const m = line.match(/^db_(statements|round_trips)_per_transaction_(sum|count)\{(.*)\} (\S+)$/);
      if (!m) continue;
      const kind = m[3].match(/kind="([^"]+)"/)[1];
      const name = m[3].match(/name="([^"]+)"/)[1];
      const unit = (units[`${kind} ${name}`] ??= { kind, name, sum: 0, count: 0, tripSum: 0 });
      if (m[1] === 'statements') unit[m[2]] += Number(m[4]);
      else if (m[2] === 'sum') unit.tripSum += Number(m[4]);
    }
  }
  return units;
}

/** Statements per transaction over the window, for the commands and events an order goes through (at least one per ten orders). */
function statementsPerStep(before, after, orders) {
  return Object.entries(after)
    .map(([key, a]) => ({ kind: a.kind, name: a.name, transactions: a.count - (before[key]?.count ?? 0), statements: a.sum - (before[key]?.sum ?? 0), roundTrips: a.tripSum - (before[key]?.tripSum ?? 0) }))
    .filter((u) => u.transactions > 0 && u.transactions >= orders / 10)
    .map((u) => ({
      kind: u.kind, name: u.name, perOrder: Math.round((u.transactions / Math.max(orders, 1)) * 100) / 100,
      meanStatements: Math.round((u.statements / u.transactions) * 10) / 10, meanRoundTrips: Math.round((u.roundTrips / u.transactions) * 10) / 10,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.meanStatements - a.meanStatements);
}

/**
 * Every process's histogram `name` (`event_hop_seconds`: the producer's commit → the consumer's effect
 * committed; `event_age_seconds`: from the event's occurrence, before its commit): per consumer, the
 * cumulative count at each bucket bound.
 */
function eventHops(metrics, name) {
  const hops = {};
  const bucket = new RegExp(`^${name}_bucket\\{(.*)\\} (\\S+)$`);
  for (const text of Object.values(metrics)) {
    for (const line of text.split('\n')) {
      const m = line.match(bucket);
      if (!m) continue;
      const consumer = m[1].match(/consumer="([^"]+)"/)[1];
      const le = m[1].match(/le="([^"]+)"/)[1];
      (hops[consumer] ??= {})[le] = (hops[consumer][le] ?? 0) + Number(m[2]);
    }
  }
  return hops;
}

/**
 * An event histogram (the hop or the age, see eventHops) over the window, from the histograms' growth:
 * quantiles as the bucket bound they fall under.
 */
function hopQuantiles(before, after) {
  const quantiles = (counts) => {
    const bounds = Object.keys(counts).sort((a, b) => (a === '+Inf' ? 1 : b === '+Inf' ? -1 : Number(a) - Number(b)));
    const total = counts['+Inf'] ?? 0;
    const at = (q) => {
      const bound = bounds.find((le) => counts[le] >= q * total);
      return bound === undefined || bound === '+Inf' ? null : Number(bound) * 1000;
    };
    return { events: total, p50Ms: total ? at(0.5) : null, p99Ms: total ? at(0.99) : null };
  };
  const all = {};
  const perConsumer = {};
  for (const [consumer, counts] of Object.entries(after)) {
    const grown = Object.fromEntries(Object.entries(counts).map(([le, n]) => [le, n - (before[consumer]?.[le] ?? 0)]));
    perConsumer[consumer] = quantiles(grown);
    for (const [le, n] of Object.entries(grown)) all[le] = (all[le] ?? 0) + n;
  }
  return { all: quantiles(all), perConsumer };
}

/**
 * A fixed piece of CPU work, timed before the platform starts: this VM's speed moves by a factor of two or
 * three between days, so runs from different days compare through it (and through the client's own CPU
 * per order, which no platform change touches), not through their raw figures.
 */
function machineRuler() {
  const start = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < 50_000_000; i++) x = (x * 31 + i) | 0;
  const used = process.cpuUsage(start);
  return { loopCpuMs: Math.round((used.user + used.system) / 100) / 10, steps: 50_000_000, result: x };
}

/**
 * What one order costs, over the load window: CPU ms of every process (Postgres, NATS and the bench
 * itself included), statements each service sent to Postgres, transactions the database committed, our
 * processes' write system calls, events each service published.
 */
function costPerOrder({ used, statementsBefore, statementsAfter, roundTripsBefore, roundTripsAfter, transactionsBefore, transactionsAfter, writesBefore, writesAfter, events, orders, ordersOfWork }) {
  const per = (value) => (orders > 0 && value !== null ? Math.round((value / orders) * 10) / 10 : null);
  const perProcess = (values, scale = 1) => {
    const out = Object.fromEntries(Object.entries(values).map(([name, v]) => [name, per(v * scale)]));
    return { ...out, total: per(Object.values(values).reduce((a, b) => a + b, 0) * scale) };
  };
  // A process without the counter (an older build) leaves the total unknown rather than too small.
  const perService = (before, after) => ({
    ...Object.fromEntries(Object.keys(after).map((name) => [name, after[name] === null ? null : per(after[name] - before[name])])),
    total: Object.values(after).some((n) => n === null) ? null : per(Object.keys(after).reduce((sum, name) => sum + (after[name] - before[name]), 0)),
  });
  return {
    orders,
    // The commands answered in the window, in orders (7 to an order). Past capacity more orders are begun than
    // shipped, and every figure per shipped order carries their work too: by this ratio.
    ordersOfWork: Math.round(ordersOfWork),
    workPerShippedOrder: orders > 0 ? Math.round((ordersOfWork / orders) * 100) / 100 : null,
    cpuMs: perProcess(used.cpu, 1000),
    // Of cpuMs, what the kernel spent on the process's behalf; and how often its threads stopped to wait or were preempted.
    kernelCpuMs: perProcess(used.system, 1000),
    contextSwitches: perProcess(used.switches),
    statements: perService(statementsBefore, statementsAfter),
    // Writes to Postgres: the statements sent together in one, each answered before what depends on it goes.
    roundTrips: perService(roundTripsBefore, roundTripsAfter),
    transactions: { committed: per(transactionsAfter.committed - transactionsBefore.committed), rolledBack: per(transactionsAfter.rolledBack - transactionsBefore.rolledBack) },
    events: { ...Object.fromEntries(Object.entries(events).map(([name, n]) => [name, per(n)])), total: per(Object.values(events).reduce((a, b) => a + b, 0)) },
    writeCalls: Object.fromEntries(Object.keys(writesAfter).filter((name) => name in writesBefore).map((name) => [name, per(writesAfter[name] - writesBefore[name])])),
  };
}

async function main() {
  if (!isLoopback(DATABASE_URL) || !isLoopback(NATS_URL)) {
    throw new Error('the flow benchmark runs against this machine only (DATABASE_URL and NATS_URL must be loopback)');
  }
  await ensureInfrastructure({ log: say });
  await assertPortsFree(Object.fromEntries(Object.entries(PORTS).flatMap(([name, port]) => Array.from({ length: instancesOf(name) }, (_, i) => [`${name}-${i}`, port + 50 * i]))));

  ruler = machineRuler();
  say(`machine ruler: a fixed 50M-step loop took ${ruler.loopCpuMs} ms of CPU`);
  say('building…');
  if (process.env.BENCH_STATEMENTS === '1') mkdirSync(STATEMENTS_DIR, { recursive: true });
  if (process.env.BENCH_CPU_PROF === '1') mkdirSync(PROFILE_DIR, { recursive: true });
  build();
  await ensureDatabase(run.databaseUrl);
  say(`database ${DB_NAME}, subject prefix ${PREFIX}; ${DURATION} s with ${LOAD}; ${LAYOUT === 'together' ? 'the four services in one process (OPS_LAYOUT=together)' : 'a process per service (OPS_LAYOUT=apart)'}`);

  let crashed = null;
  const started = Date.now();
  platform = launch({
    // BENCH_STATEMENTS=1: every process tallies the statements it sends by text (reports/statements/<process>.json).
    env: { ...benchEnv(run), ...(process.env.BENCH_STATEMENTS === '1' ? { DB_STATEMENT_TALLY_DIR: STATEMENTS_DIR } : {}) },
    ports: PORTS,
    layout: LAYOUT,
    instances: INSTANCES,
    output: process.env.BENCH_OUTPUT === '1', // the processes' own log lines (warnings and errors at the bench's LOG_LEVEL)
    // BENCH_CPU_PROF=1: a V8 CPU profile of every process, written when it stops (open in Chrome DevTools or speedscope).
    // BENCH_NODE_ARGS: more Node or V8 flags for every process, after the platform's own (the last one of a flag wins).
    nodeArgs: [
      ...(process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
      ...(process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    ],
    onExit: (name, how) => {
      crashed ??= `${name} exited (${how})`;
      stopping = true;
    },
  });
  await platform.waitHealthy();
  processPorts = platform.ports();
  gateways = Object.entries(processPorts).filter(([name]) => name.startsWith('gateway')).map(([, port]) => `http://127.0.0.1:${port}/api/v1`);
  const pids = platform.pids();
  say(`platform healthy in ${((Date.now() - started) / 1000).toFixed(1)} s (pids ${Object.entries(pids).map(([n, p]) => `${n} ${p}`).join(', ')})`);

  for (const role of ROLES) tokens[role] = await signIn(api, role);
  say(`seeding one customer and ${SKUS === 1 ? 'one SKU' : `${SKUS} SKUs`} with ${STOCK_RECEIPTS} × ${RECEIPT_QUANTITY.toLocaleString('en')} on hand${SKUS === 1 ? '' : ' each'}`);
  customerId = (await seed('/sales/customers', 'sales_rep', { code: `C-BENCH-${hex}`, name: 'Bench customer' })).id;
  skus = Array.from({ length: SKUS }, (_, i) => (SKUS === 1 ? `SKU-BENCH-${hex}` : `SKU-BENCH-${hex}-${i + 1}`));
  for (const [i, code] of skus.entries()) await seed('/inventory/skus', 'warehouse_manager', { code, name: 'Bench tea box', model: `BENCH-${i + 1}`, version: 'v1', unit: 'box' });
  for (let i = 1; i <= STOCK_RECEIPTS; i++) {
    const receipt = await seed('/inventory/stock-receipts', 'warehouse_keeper', { reference: `BENCH-OPENING-${i}`, lines: skus.map((sku) => ({ sku, quantity: RECEIPT_QUANTITY })) });
    await seed(`/inventory/stock-receipts/${receipt.id}/audit`, 'warehouse_manager', {}, 200);
  }
  const priceList = await seed('/sales/price-lists', 'sales_manager', { name: 'Bench list', validFrom: '2020-01-01', lines: skus.map((sku) => ({ sku, listPriceFen: UNIT_PRICE_FEN, floorPriceFen: UNIT_PRICE_FEN })) });
  await seed(`/sales/price-lists/${priceList.id}/approve`, 'finance_manager', {}, 200);

  db = new pg.Client({ connectionString: run.databaseUrl, connectionTimeoutMillis: 5_000, query_timeout: 30_000 });
  await db.connect();
  const count = async (sql, params) => Number((await db.query(sql, params)).rows[0].count);
  // What the bench database committed and rolled back so far, single-statement reads included; each backend reports within about a second.
  const transactionCounts = async () => (await db.query('SELECT xact_commit::float8 AS committed, xact_rollback::float8 AS "rolledBack" FROM pg_stat_database WHERE datname = current_database()')).rows[0];

  await sleep(REST_IDLE_MS);
  const rssAtRest = sampleRss(pids);
  const rssPeak = { ...rssAtRest };
  say(`RSS at rest (MiB): ${Object.entries(rssAtRest).map(([n, v]) => `${n} ${v}`).join(', ')}`);

  say(`load: ${LOAD} driving orders from placement to shipment, ${WARMUP} s warm-up then ${DURATION} s measured…`);
  const sampler = setInterval(() => {
    for (const [name, value] of Object.entries(sampleRss(pids))) {
      if (value !== null && (rssPeak[name] === null || value > rssPeak[name])) rssPeak[name] = value;
    }
  }, RSS_EVERY_MS);
  const progress = setInterval(() => say(`  ${Math.round((Date.now() - loadStarted) / 1000)} s since the start: ${counters.shipped} shipped, ${counters.placed} placed, ${counters.failed} failed`), 10_000);

  let cpuDuringLoad;
  let mainThreads;
  let perOrder;
  let perStep;
  let eventHop;
  let eventAge;
  let drained = true;
  let drainSeconds = 0;
  loadStarted = Date.now();
  const clients = RATE ? [arrivals()] : Array.from({ length: CLIENTS }, () => client());
  try {
    // The warm-up fills the pipeline (every client has an order in flight) before anything is measured.
    say(`warming up for ${WARMUP} s…`);
    while (Date.now() - loadStarted < WARMUP * 1000 && !crashed) await sleep(250);
    const metricsBefore = await scrapeMetrics();
    const statementsBefore = counterOf(metricsBefore, 'db_statements_total');
    const roundTripsBefore = counterOf(metricsBefore, 'db_round_trips_total');
    const transactionsBefore = await transactionCounts();
    const shippedBefore = counters.shipped;
    const commandsBefore = counters.commands;
    const windowStartedAt = new Date();
    const cpuBefore = snapshot(pids);
    measuredFrom = Date.now();
    say(`measuring for ${DURATION} s…`);
    while (Date.now() - measuredFrom < DURATION * 1000 && !crashed) await sleep(Math.min(250, DURATION * 1000 - (Date.now() - measuredFrom)));
    stopping = true;
    const cpuAfter = snapshot(pids);
    const windowEndedAt = new Date();
    const ordersInWindow = counters.shipped - shippedBefore;
    const ordersOfWork = (counters.commands - commandsBefore) / COMMAND_STEPS.size;
    const metricsAfter = await scrapeMetrics();
    const statementsAfter = counterOf(metricsAfter, 'db_statements_total');
    const roundTripsAfter = counterOf(metricsAfter, 'db_round_trips_total');
    const transactionsAfter = await transactionCounts();
    perStep = statementsPerStep(transactionStatements(metricsBefore), transactionStatements(metricsAfter), ordersInWindow);
    eventHop = hopQuantiles(eventHops(metricsBefore, 'event_hop_seconds'), eventHops(metricsAfter, 'event_hop_seconds'));
    eventAge = hopQuantiles(eventHops(metricsBefore, 'event_age_seconds'), eventHops(metricsAfter, 'event_age_seconds'));
    const benchBackends = new Set((await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid));
    const used = { cpu: {}, system: {}, switches: {} };
    cpuDuringLoad = cpuShares(cpuBefore, cpuAfter, (cpuAfter.at - cpuBefore.at) / 1000, pids, benchBackends, used);
    mainThreads = mainThreadShares(cpuBefore, cpuAfter);
    const events = {};
    for (const schema of ['sales', 'finance', 'inventory', 'security']) {
      events[schema] = await count(`SELECT count(*) FROM ${schema}.outbox WHERE created_at BETWEEN $1 AND $2`, [windowStartedAt, windowEndedAt]);
    }
    perOrder = costPerOrder({ used, statementsBefore, statementsAfter, roundTripsBefore, roundTripsAfter, transactionsBefore, transactionsAfter, writesBefore: cpuBefore.writes, writesAfter: cpuAfter.writes, events, orders: ordersInWindow, ordersOfWork });
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
  // Each order ships one unit: what is on hand across the bench's SKUs is what was received less one per shipment.
  const stock = (await db.query('SELECT sum(on_hand)::float8 AS on_hand, sum(reserved)::float8 AS reserved FROM inventory.stock_levels WHERE sku_code = ANY($1)', [skus])).rows[0];
  const stockReceived = SKUS * STOCK_RECEIPTS * RECEIPT_QUANTITY;
  const notShippedSample = notShipped === 0 ? [] : (await db.query(`SELECT id, status FROM sales.orders WHERE id = ANY($1::uuid[]) AND status <> 'shipped' LIMIT 5`, [completedIds])).rows;

  const problems = [];
  if (crashed) problems.push(crashed);
  if (completed === 0) problems.push('no order was completed');
  // A 504 leaves the outcome unknown: such a shipment or receipt may exist without the client counting it, never more.
  if (shipments < completed || shipments > completed + (outcomeUnknown.ship ?? 0)) problems.push(`inventory.shipments holds ${shipments} shipments, the clients completed ${completed} orders (${outcomeUnknown.ship ?? 0} ships unknown)`);
  if (badStock !== 0) problems.push(`${badStock} stock level rows with reserved > on_hand or on_hand < 0`);
  if (stock?.on_hand !== stockReceived - shipments) problems.push(`on hand across the bench's SKUs is ${stock?.on_hand}, not the ${stockReceived} received less ${shipments} shipped`);
  if (notShipped !== 0) problems.push(`${notShipped} of ${completed} completed orders not 'shipped' in sales.orders after ${SHIPPED_DEADLINE_MS / 1000} s`);
  if (receipts < counters.paid || receipts > counters.paid + (outcomeUnknown.receipt ?? 0)) problems.push(`finance.receipts holds ${receipts} receipts, the clients made ${counters.paid} payments (${outcomeUnknown.receipt ?? 0} unknown)`);
  if (!drained) problems.push(`orders in flight did not finish within ${DRAIN_MS / 1000} s after the load`);

  const steps = Object.fromEntries([...STEP_ORDER, 'end-to-end', ...POLL_SERIES].map((name) => [name, percentiles(latencies[name])]));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableCores,
    machineRuler: ruler,
    ok: problems.length === 0,
    problems,
    parameters: {
      durationSeconds: DURATION, warmupSeconds: WARMUP, layout: LAYOUT, instances: INSTANCES, waitMode: WAIT_MODE, clients: RATE ? null : CLIENTS, arrivalsPerSecond: RATE, mostInFlight: RATE ? counters.mostInFlight : null, gateway: api, linesPerOrder: 1, quantityPerLine: 1, unitPriceFen: UNIT_PRICE_FEN,
      pollEveryMs: POLL_EVERY_MS, longPollSeconds: LONG_POLL_SECONDS, waitDeadlineMs: WAIT_DEADLINE_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, drainBoundMs: DRAIN_MS,
      skus: SKUS, stockOnHandPerSku: STOCK_RECEIPTS * RECEIPT_QUANTITY, ports: PORTS, database: DB_NAME, subjectPrefix: PREFIX, httpClient: HTTP_CLIENT === 'fetch' ? 'node fetch (undici, keep-alive)' : 'undici request (keep-alive agent)',
    },
    orders: {
      completed,
      completedWithinDuration: completedInWindow,
      completedOutsideWindow: completed - completedInWindow,
      ordersPerSecond: Math.round((completedInWindow / DURATION) * 100) / 100,
      started: counters.started, placed: counters.placed, paid: counters.paid, failed: counters.failed,
      drained, drainSeconds,
      completionsPerSecond: Array.from({ length: completionsPerSecond.length }, (_, i) => completionsPerSecond[i] ?? 0),
    },
    latencyMs: steps,
    pollsPerOrder: Object.fromEntries(Object.entries(pollsPerOrder).map(([name, v]) => [name, percentiles(v)])),
    errors,
    checks: {
      shipments, completed, receipts, paymentsMade: counters.paid, outcomeUnknown, badStockRows: badStock, completedNotShipped: notShipped, notShippedSample,
      shippedWithinSeconds: shippedLagSeconds, ordersInDb, placedAnswered201: counters.placed, ordersByStatus: statuses,
      stock: { skus: SKUS, received: stockReceived, onHand: stock?.on_hand ?? null, reserved: stock?.reserved ?? null },
    },
    rssMiB: { atRest: rssAtRest, peak: rssPeak },
    cpuPercentOfOneCoreDuringLoad: cpuDuringLoad,
    mainThreadPercentOfLoad: mainThreads,
    perOrder,
    statementsPerTransaction: perStep,
    eventHopMs: eventHop,
    eventAgeMs: eventAge,
  };

  const dir = join(ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-flow.json'), `${JSON.stringify(report, null, 2)}\n`);
  // BENCH_BASELINE=<an earlier bench-flow.json>: the chart shows that run beside this one.
  const baseline = process.env.BENCH_BASELINE ? JSON.parse(readFileSync(process.env.BENCH_BASELINE, 'utf8')) : undefined;
  writeFileSync(join(dir, 'bench-flow.svg'), costChart(report, baseline));
  printSummary(report);
  console.log('  report     reports/bench-flow.json, reports/bench-flow.svg (cost per order by process)');
  return report.ok;
}

function printSummary(r) {
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en', { maximumFractionDigits: 1 }));
  const o = r.orders;
  const c = r.checks;
  const label = {
    place: 'place', 'wait-account': '  wait: account open', receipt: 'receipt', 'wait-pick-list': WAIT_MODE === 'poll' ? '  wait: pick list 201' : '  wait: ready to pick', 'pick-list': 'pick list (the 201)',
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
    `\x1b[1mFlow benchmark\x1b[0m  ${r.date}  node ${r.node}  ${r.parameters.durationSeconds} s × ${r.parameters.arrivalsPerSecond ? `${r.parameters.arrivalsPerSecond} orders/s arriving (open loop; at most ${r.parameters.mostInFlight} in flight)` : `${r.parameters.clients} clients`}  (${r.cores} cores)`,
    `  orders     ${num(o.completed)} completed (${num(o.completedWithinDuration)} in the ${r.parameters.durationSeconds} s measured, ${num(o.completedOutsideWindow)} in the ${r.parameters.warmupSeconds} s warm-up or the drain), ${num(o.failed)} failed; ${num(o.placed)} placed, ${num(o.paid)} paid`,
    `  rate       ${num(o.ordersPerSecond)} orders/s sustained (shipped in the measured window ÷ its length); drain ${o.drained ? `${num(o.drainSeconds)} s` : 'NOT finished'}`,
    `  latency (ms)             n      p50      p90      p99      max     mean`,
    ...['place', 'wait-account', 'receipt', 'wait-pick-list', 'pick-list', 'pick', 'verify', 'pack', 'ship', 'end-to-end', 'poll-account', 'poll-pick-list'].map(row),
    `  polls      per order: account p50 ${num(r.pollsPerOrder['wait-account'].p50)} max ${num(r.pollsPerOrder['wait-account'].max)}, pick list p50 ${num(r.pollsPerOrder['wait-pick-list'].p50)} max ${num(r.pollsPerOrder['wait-pick-list'].max)} (${r.parameters.waitMode === 'poll' ? `every ${r.parameters.pollEveryMs} ms` : `long polls of up to ${r.parameters.longPollSeconds} s`})`,
    Object.keys(r.errors).length ? '  errors     per step (count, by status):' : '  errors     none',
    ...errorLines,
    `  checks     shipments ${num(c.shipments)} = completed ${num(c.completed)}${c.outcomeUnknown.ship ? ` (+ ≤ ${c.outcomeUnknown.ship} unknown)` : ''} ${check(c.shipments >= c.completed && c.shipments <= c.completed + (c.outcomeUnknown.ship ?? 0))};  ` +
      `receipts ${num(c.receipts)} = payments ${num(c.paymentsMade)}${c.outcomeUnknown.receipt ? ` (+ ≤ ${c.outcomeUnknown.receipt} unknown)` : ''} ${check(c.receipts >= c.paymentsMade && c.receipts <= c.paymentsMade + (c.outcomeUnknown.receipt ?? 0))}`,
    `             stock rows reserved > on_hand or on_hand < 0: ${c.badStockRows} ${check(c.badStockRows === 0)};  completed orders not 'shipped' in sales: ${num(c.completedNotShipped)} ${check(c.completedNotShipped === 0)}`,
    `             sales.orders ${JSON.stringify(c.ordersByStatus)}; stock (${c.stock.skus === 1 ? 'one SKU' : `${c.stock.skus} SKUs`}): on hand ${num(c.stock.onHand)} = received ${num(c.stock.received)} − shipped ${check(c.stock.onHand === c.stock.received - c.shipments)}, reserved ${num(c.stock.reserved)}`,
    `  RSS (MiB)  ${pad('', 10)} ${pad('at rest', 8)} peak`,
    ...Object.keys(r.rssMiB.atRest).map((name) => `             ${pad(name, 10)} ${pad(num(r.rssMiB.atRest[name]), 8)} ${num(r.rssMiB.peak[name])}`),
    `  CPU (%)    ${Object.entries(r.cpuPercentOfOneCoreDuringLoad ?? {}).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
    `             (of one core, over the ${r.parameters.durationSeconds} s load; the machine has ${r.cores} cores = ${r.cores * 100} %)`,
    ...(r.mainThreadPercentOfLoad && Object.keys(r.mainThreadPercentOfLoad).length ? [
      `  event loop ${Object.entries(r.mainThreadPercentOfLoad).map(([n, t]) => `${n} ${num(t.onCorePercent)} + ${num(t.waitingForCorePercent)}`).join('  ')}`,
      '             (% of the load: main thread on a core + waiting for one; near 100 together, that process is the queue)',
    ] : []),
    ...(r.eventHopMs ? [
      `  event hop  ${num(r.eventHopMs.all.events)} events: p50 ≤ ${num(r.eventHopMs.all.p50Ms)} ms, p99 ≤ ${num(r.eventHopMs.all.p99Ms)} ms (outbox commit → effect committed; bucket bounds)`,
      `             slowest p99: ${Object.entries(r.eventHopMs.perConsumer).sort((a, b) => (b[1].p99Ms ?? 1e9) - (a[1].p99Ms ?? 1e9)).slice(0, 3).map(([c, q]) => `${c} ${num(q.p99Ms)} ms`).join(', ')}`,
      ...(r.eventAgeMs ? [`  event age  p50 ≤ ${num(r.eventAgeMs.all.p50Ms)} ms, p99 ≤ ${num(r.eventAgeMs.all.p99Ms)} ms (occurred, before the producer's commit → effect committed: the hop as earlier runs measured it)`] : []),
    ] : []),
    ...(r.perOrder ? [
      `  per order  over the ${num(r.perOrder.orders)} orders shipped in the load window${r.perOrder.workPerShippedOrder > 1.05 ? ` (the commands answered in it make ${num(r.perOrder.ordersOfWork)} orders' worth, ${r.perOrder.workPerShippedOrder} per order shipped: past capacity, each figure below carries more than one order's work)` : ''}:`,
      `             CPU ms     ${Object.entries(r.perOrder.cpuMs).filter(([, v]) => v).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
      ...(r.perOrder.kernelCpuMs ? [
        `             of it in the kernel (sockets, wakeups, disk): ${Object.entries(r.perOrder.kernelCpuMs).filter(([n]) => r.perOrder.cpuMs[n]).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
        `             context switches ${Object.entries(r.perOrder.contextSwitches).filter(([n]) => r.perOrder.cpuMs[n]).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
      ] : []),
      `             statements ${Object.entries(r.perOrder.statements).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
      ...(r.perOrder.roundTrips?.total ? [`             round trips ${Object.entries(r.perOrder.roundTrips).map(([n, v]) => `${n} ${num(v)}`).join('  ')} (writes to Postgres; statements sent together share one)`] : []),
      ...(r.perOrder.writeCalls && Object.keys(r.perOrder.writeCalls).length ? [
        `             writes     ${Object.entries(r.perOrder.writeCalls).map(([n, v]) => `${n} ${num(v)}`).join('  ')} (system calls; each to a socket wakes Postgres or NATS)`,
      ] : []),
      ...(r.perOrder.transactions ? [`             transactions committed ${num(r.perOrder.transactions.committed)}, rolled back ${num(r.perOrder.transactions.rolledBack)} (the bench database, single-statement reads included)`] : []),
      `             events     ${Object.entries(r.perOrder.events).map(([n, v]) => `${n} ${num(v)}`).join('  ')}`,
      ...(r.perOrder.cpuMs.bench ? [`  ruler      all processes used ${num(Math.round((r.perOrder.cpuMs.total / r.perOrder.cpuMs.bench) * 10) / 10)} × the client's own CPU per order; the 50M-step loop took ${num(r.machineRuler?.loopCpuMs)} ms (compare runs of other days by these)`] : []),
      ...(r.statementsPerTransaction?.length ? [
        '  per step   statements / round trips per transaction (mean over the window; the commands the clients sent, the events each order set off):',
        ...['command', 'event'].map((kind) => `             ${kind === 'command' ? 'commands' : 'events  '}   ${r.statementsPerTransaction.filter((u) => u.kind === kind).map((u) => `${u.name} ${num(u.meanStatements)}${u.meanRoundTrips ? ` / ${num(u.meanRoundTrips)}` : ''}`).join('  ')}`),
      ] : []),
    ] : []),
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
