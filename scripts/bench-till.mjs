// `npm run bench:till`: the outlets' till under a queue. Starts the platform on its own ports (3310-3314)
// against a throwaway database and NATS subject prefix, seeds a store outlet (its warehouse with stock, an
// approved price list, its clerk on the staff, the day's opening check), then has BENCH_TILLS tills (default
// 20) ring up sell-at-once tickets (two lines, cash after the counterfeit check) back to back for
// BENCH_DURATION seconds (default 30). Each till is a loop of its own waiting for its answer before the next
// ticket and pausing BENCH_THINK_MS (default 2000, ±50%) between tickets as a cashier does (BENCH_THINK_MS=0: back to
// back, a saturation test). Prints tickets/s and latency percentiles, checks the receipt numbers are gapless,
// writes reports/bench-till.json, and always cleans up. The goal (issue 17): p99 within 100 ms at 20 tills.
// OPS_LAYOUT as for `npm start`: the four services in one process (default) or a process each (apart).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import { assertPortsFree, benchCleanup, benchEnv, benchRun, cpuSeconds, guardRun, isLoopback, percentiles, positiveInt, problemKey, sayer, sleep } from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch, layoutFrom, signIn } from './lib/platform.mjs';

const DURATION = positiveInt('BENCH_DURATION', 30);
const TILLS = positiveInt('BENCH_TILLS', 20);
// A cashier between two tickets (scanning the next guest's items, counting change): each till waits this long on
// average (±50%) before ringing the next one. 0 rings back to back: a saturation test, not a queue.
const THINK_MS = process.env.BENCH_THINK_MS === '0' ? 0 : positiveInt('BENCH_THINK_MS', 2_000);
const TARGET_P99_MS = 100;
const PORTS = { gateway: 3310, sales: 3311, finance: 3312, inventory: 3313, security: 3314 };
const WATCHDOG_MS = (DURATION + 300) * 1000;
const OUTLET = 'BENCH1';
const REPORT = THINK_MS ? 'bench-till.json' : 'bench-till-saturation.json';

const run = benchRun();
const { hex, dbName: DB_NAME, prefix: PREFIX } = run;
const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
const say = sayer('bench:till');

const tokens = {};
async function call(role, method, path, body, status = 201) {
  tokens[role] ??= await signIn(api, role);
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`seeding ${method} ${path} failed: ${res.status} ${text}`);
  return JSON.parse(text);
}

let platform;
let db;
const cleanup = benchCleanup({ run, platform: () => platform, closers: () => [db && (() => db.end())], say });
const disarm = guardRun({ cleanup, watchdogMs: WATCHDOG_MS });

async function main() {
  if (!isLoopback(DATABASE_URL) || !isLoopback(NATS_URL)) throw new Error('the till benchmark runs against this machine only (DATABASE_URL and NATS_URL must be loopback)');
  await ensureInfrastructure({ log: say });
  await assertPortsFree(PORTS);
  if (process.env.BENCH_NO_BUILD === '1') say('not building (BENCH_NO_BUILD=1): running the dist/ there is');
  else {
    say('building…');
    build();
  }
  await ensureDatabase(run.databaseUrl);
  say(`database ${DB_NAME}, subject prefix ${PREFIX}; ${TILLS} tills for ${DURATION} s, think time ${THINK_MS} ms`);

  let crashed = null;
  platform = launch({ env: benchEnv(run), ports: PORTS, layout: layoutFrom(), output: false, onExit: (name, how) => { crashed ??= `${name} exited (${how})`; } });
  await platform.waitHealthy();
  const pids = platform.pids();

  say('seeding the outlet: warehouse, stock, price list, staff, opening check');
  const skus = [`SKU-TILL-A-${hex}`.toUpperCase(), `SKU-TILL-B-${hex}`.toUpperCase()];
  await call('warehouse_manager', 'POST', '/inventory/warehouses', { code: OUTLET, name: 'Bench store', kind: 'store' });
  for (const sku of skus) await call('warehouse_manager', 'POST', '/inventory/skus', { code: sku, name: 'Bench item', model: 'B-1', version: 'v1', unit: 'piece' });
  const receipt = await call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'BENCH-TILL', warehouseCode: OUTLET, lines: skus.map((sku) => ({ sku, quantity: 10_000_000 })) });
  await call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
  const list = await call('sales_manager', 'POST', '/sales/price-lists', { name: 'Bench till list', validFrom: '2020-01-01', lines: [{ sku: skus[0], listPriceFen: 1_800, floorPriceFen: 1_500 }, { sku: skus[1], listPriceFen: 3_800, floorPriceFen: 3_000 }] });
  await call('finance_manager', 'POST', `/sales/price-lists/${list.id}/approve`, {}, 200);
  await call('sales_manager', 'POST', '/sales/outlets', {
    code: OUTLET, name: 'Bench store', kind: 'store', warehouseCode: OUTLET, priceListId: list.id,
    staff: [{ username: 'store_clerk', position: 'clerk' }, { username: 'store_manager', position: 'manager' }],
  });
  await call('store_clerk', 'POST', `/sales/outlets/${OUTLET}/opening-checks`, { cashFloatFen: 50_000, equipmentOk: true, displayStockChecked: true });

  // One ticket: 2 × A + 1 × B = 7,400 fen, paid with a 100-yuan note.
  const body = JSON.stringify({ lines: [{ sku: skus[0], quantity: 2 }, { sku: skus[1], quantity: 1 }], tenders: [{ method: 'cash', amountFen: 7_400, tenderedFen: 10_000, counterfeitChecked: true }] });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.store_clerk}` };
  const url = `${api}/sales/outlets/${OUTLET}/tickets`;
  // Warm-up: connections, JIT, caches.
  for (let i = 0; i < 20; i++) await fetch(url, { method: 'POST', headers, body }).then((r) => r.text());
  // The path alone, one at a time: a query through the gateway and a ticket, for comparison with the load.
  const timed = async (n, fn) => { const out = []; for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(); out.push(performance.now() - t0); } return percentiles(out, [50, 99]); };
  const baseline = {
    getPricesMs: await timed(30, () => fetch(`${api}/sales/outlets/${OUTLET}/prices`, { headers }).then((r) => r.text())),
    sellOneAtATimeMs: await timed(30, () => fetch(url, { method: 'POST', headers, body }).then((r) => r.text())),
  };
  say(`one at a time: GET prices p50 ${baseline.getPricesMs.p50} ms, sell p50 ${baseline.sellOneAtATimeMs.p50} ms p99 ${baseline.sellOneAtATimeMs.p99} ms`);

  db = new pg.Client({ connectionString: run.databaseUrl, connectionTimeoutMillis: 5_000, query_timeout: 30_000 });
  await db.connect();
  const before = Number((await db.query(`SELECT count(*) FROM sales.till_tickets WHERE status = 'paid'`)).rows[0].count);

  say(`load: ${TILLS} tills ringing POST /sales/outlets/${OUTLET}/tickets for ${DURATION} s…`);
  const latencies = [];
  const failures = {};
  const samples = [];
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  // What the database's sessions wait on during the load, sampled: where a queue of tills spends its time.
  const waits = {};
  const waitSampler = setInterval(() => {
    db.query(`SELECT coalesce(wait_event_type || ':' || wait_event, state) AS w, left(query, 60) AS q FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`).then(({ rows }) => {
      for (const r of rows) { const key = `${r.w} | ${r.q}`; waits[key] = (waits[key] ?? 0) + 1; }
    }, () => undefined);
  }, 100);
  const started = performance.now();
  const until = started + DURATION * 1000;
  await Promise.all(Array.from({ length: TILLS }, async (_, till) => {
    if (THINK_MS) await sleep((THINK_MS * till) / TILLS); // the tills do not all start at the same instant
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers, body });
      const text = await res.text();
      const elapsed = performance.now() - t0;
      if (res.status === 201) latencies.push(elapsed);
      else {
        const key = problemKey(res.status, text);
        failures[key] = (failures[key] ?? 0) + 1;
        if (samples.length < 3) samples.push(`${res.status} ${text.slice(0, 300)}`);
      }
      if (THINK_MS) await sleep(THINK_MS * (0.5 + Math.random()));
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(waitSampler);
  const topWaits = Object.entries(waits).sort((a, b) => b[1] - a[1]).slice(0, 8);
  const cpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => {
    const after = cpuSeconds(pid);
    return [name, after === null || cpuBefore[name] === null ? null : Math.round(((after - cpuBefore[name]) / seconds) * 100)];
  }));
  if (crashed) throw new Error(`${crashed} during the load`);

  const paid = Number((await db.query(`SELECT count(*) FROM sales.till_tickets WHERE status = 'paid'`)).rows[0].count) - before;
  const numbers = (await db.query(`SELECT number FROM sales.till_tickets WHERE outlet_id = (SELECT id FROM sales.outlets WHERE code = $1) AND number IS NOT NULL`, [OUTLET])).rows
    .map((r) => Number(r.number.slice(r.number.lastIndexOf('-') + 1))).sort((a, b) => a - b);
  const gapless = numbers.every((n, i) => n === i + 1);
  const stats = percentiles(latencies, [50, 95, 99]);
  const problems = [];
  if (latencies.length === 0) problems.push('no ticket was paid');
  if (Object.keys(failures).length) problems.push(`non-201 answers: ${JSON.stringify(failures)}`);
  if (!gapless) problems.push('receipt numbers have a gap');
  if (paid !== latencies.length) problems.push(`${paid} tickets paid in the database, ${latencies.length} answered 201`);
  const report = {
    date: new Date().toISOString(), node: process.version, cores: availableParallelism(), ok: problems.length === 0, problems,
    parameters: { tills: TILLS, durationSeconds: DURATION, thinkMs: THINK_MS, target: `POST ${url}`, linesPerTicket: 2, tender: 'cash', ports: PORTS, database: DB_NAME, subjectPrefix: PREFIX },
    tickets: { count: latencies.length, perSecond: Math.round((latencies.length / seconds) * 10) / 10, paidInDatabase: paid, receiptNumbersGapless: gapless, lastNumber: numbers.at(-1) ?? null },
    latencyMs: { p50: stats.p50, p95: stats.p95, p99: stats.p99, max: stats.max, mean: stats.mean },
    p99WithinTarget: stats.p99 !== null && stats.p99 <= TARGET_P99_MS, targetP99Ms: TARGET_P99_MS,
    baseline, databaseWaitSamples: Object.fromEntries(topWaits), failures, sampleFailures: samples, cpuPercentOfOneCoreDuringLoad: cpu, loadSeconds: Math.round(seconds * 10) / 10,
  };
  const dir = join(ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, REPORT), `${JSON.stringify(report, null, 2)}\n`);
  console.log([
    '',
    `\x1b[1mTill benchmark\x1b[0m  ${report.date}  node ${report.node}  ${TILLS} tills × ${DURATION} s, ${THINK_MS ? `~${THINK_MS} ms between a till's tickets` : 'back to back (saturation)'}  (${report.cores} cores)`,
    `  tickets    ${report.tickets.count} paid, ${report.tickets.perSecond} tickets/s; numbers gapless: ${gapless} (last ${report.tickets.lastNumber})`,
    `  latency    p50 ${stats.p50} ms  p95 ${stats.p95} ms  p99 ${stats.p99} ms  max ${stats.max} ms  (target p99 ≤ ${TARGET_P99_MS} ms: ${report.p99WithinTarget ? 'met' : 'NOT met'})`,
    `  failures   ${JSON.stringify(failures)}`,
    '  db waits   (samples every 100 ms of sessions not idle: wait | query)',
    ...topWaits.map(([k, n]) => `             ${String(n).padStart(5)}  ${k}`),
    ...samples.map((s) => `             e.g. ${s}`),
    `  CPU (%)    ${Object.entries(cpu).map(([n, v]) => `${n} ${v}`).join('  ')}  (of one core)`,
    report.ok ? '  result     \x1b[32mok\x1b[0m' : `  result     \x1b[31mFAILED\x1b[0m: ${problems.join('; ')}`,
    `  report     reports/${REPORT}`,
  ].join('\n'));
  await sleep(0);
  return report.ok;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`\x1b[31m[bench:till]\x1b[0m ${error.stack ?? error.message}`);
} finally {
  if (!(await cleanup())) ok = false;
  disarm();
}
process.exit(ok ? 0 : 1);
