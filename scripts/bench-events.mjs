// `npm run bench:events`: what one event costs its consumer, alone and in a backlog. Starts the security
// service by itself (port 3304) against a throwaway database and NATS subject prefix, and publishes
// `inventory.goods.shipped` events straight to JetStream; its `expect-at-gate` consumer records an expected
// exit for each (one insert, its history, its inbox row). Two phases:
//   paced    BENCH_EVENTS_PACED events at BENCH_EVENTS_RATE per second: each event meets an idle consumer;
//   backlog  the service is paused (SIGSTOP), BENCH_EVENTS_BACKLOG events are published, and it is resumed:
//            how fast it catches up, as after an outage.
// For each: events per second, and CPU ms per event of the service, of its Postgres backends and of
// nats-server (publishing included). EVENT_BATCH_SIZE and EVENT_CONCURRENCY in the environment reach the
// service, so `EVENT_BATCH_SIZE=1 npm run bench:events` shows the backlog applied one event per
// transaction. Writes reports/bench-events.json and always cleans up.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import { BENCH_PORTS, assertPortsFree, benchCleanup, benchEnv, benchRun, cpuSeconds, guardRun, isLoopback, positiveInt, processTable, sayer, sleep } from './lib/bench.mjs';
import { ROOT, build, ensureDatabase, launch } from './lib/platform.mjs';

const PACED = positiveInt('BENCH_EVENTS_PACED', 1_000);
const RATE = positiveInt('BENCH_EVENTS_RATE', 50);
const BACKLOG = positiveInt('BENCH_EVENTS_BACKLOG', 3_000);
const WARM_UP = 200;
const run = benchRun();
const say = sayer('bench');

let platform;
let db;
let nc;
const cleanup = benchCleanup({ run, platform: () => platform, closers: () => [db && (() => db.end()), nc && (() => nc.close())], say });
const disarm = guardRun({ cleanup, watchdogMs: (PACED / RATE + 300) * 1000 });

function goodsShipped() {
  const orderId = randomUUID();
  const now = new Date().toISOString();
  return JSON.stringify({
    id: randomUUID(), type: 'inventory.goods.shipped', version: 1, occurredAt: now, source: 'inventory', aggregateId: randomUUID(), correlationId: orderId, causationId: null,
    actor: { userId: randomUUID(), roles: ['warehouse_keeper'], username: 'bench' },
    data: { shipmentId: randomUUID(), shipmentNumber: `SH-${orderId.slice(0, 8)}`, orderId, carrier: 'SF Express', trackingNumber: `SF${orderId.slice(0, 10)}`, pieces: 2, shippedAt: now, lines: [{ sku: 'SKU-BENCH', quantity: 2 }] },
  });
}

async function main() {
  if (!isLoopback(DATABASE_URL) || !isLoopback(NATS_URL)) throw new Error('the events benchmark runs against this machine only (DATABASE_URL and NATS_URL must be loopback)');
  await ensureInfrastructure({ log: say });
  await assertPortsFree({ security: BENCH_PORTS.security });
  say('building…');
  build();
  await ensureDatabase(run.databaseUrl);
  platform = launch({ env: benchEnv(run), ports: BENCH_PORTS, output: false, services: ['security'] });
  await platform.waitHealthy();
  const service = platform.pids().security;

  const { connect } = await import('@nats-io/transport-node');
  const { jetstream } = await import('@nats-io/jetstream');
  nc = await connect({ servers: NATS_URL });
  const js = jetstream(nc);
  const subject = `${run.prefix}.inventory.goods.shipped.v1`;
  db = new pg.Client({ connectionString: run.databaseUrl });
  await db.connect();
  const applied = async () => Number((await db.query(`SELECT count(*) AS n FROM security.expected_exits`)).rows[0].n);
  const untilApplied = async (n) => { while ((await applied()) < n) await sleep(20); };
  const natsPid = [...processTable()].find(([, p]) => p.comm === 'nats-server')?.[0];
  if (!natsPid) throw new Error('no nats-server process on this machine to measure');
  // The service's pool: its backends stay for the run.
  const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [run.dbName])).rows.map((r) => r.pid);
  const cpu = async () => ({ service: cpuSeconds(service), postgres: (await backends()).reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0), nats: cpuSeconds(natsPid) });

  say(`warming up with ${WARM_UP} events…`);
  for (let i = 0; i < WARM_UP; i++) await js.publish(subject, goodsShipped());
  await untilApplied(WARM_UP);
  await sleep(2_000);
  const restFrom = await cpu();
  await sleep(5_000);
  const idlePerSecond = ((await cpu()).service - restFrom.service) / 5;

  /** CPU ms per event of each process over `work`, the service's idle CPU taken out. */
  const measure = async (events, work) => {
    const before = await cpu();
    const started = Date.now();
    await work();
    const seconds = (Date.now() - started) / 1000;
    const after = await cpu();
    const perEvent = (key, idle = 0) => Math.round(((after[key] - before[key] - idle * seconds) * 1_000_000) / events) / 1000;
    return { events, seconds: Math.round(seconds * 100) / 100, eventsPerSecond: Math.round(events / seconds), cpuMsPerEvent: { service: perEvent('service', idlePerSecond), postgres: perEvent('postgres'), nats: perEvent('nats') } };
  };

  say(`paced: ${PACED} events at ${RATE}/s…`);
  let total = WARM_UP;
  const paced = await measure(PACED, async () => {
    const started = Date.now();
    for (let i = 0; i < PACED; i++) {
      await js.publish(subject, goodsShipped());
      const due = started + ((i + 1) * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    await untilApplied((total += PACED));
  });

  say(`backlog: ${BACKLOG} events published while the service is paused…`);
  process.kill(service, 'SIGSTOP');
  try {
    for (let i = 0; i < BACKLOG; i++) await js.publish(subject, goodsShipped());
  } finally {
    process.kill(service, 'SIGCONT');
  }
  const backlog = await measure(BACKLOG, () => untilApplied((total += BACKLOG)));

  const batchSize = process.env.EVENT_BATCH_SIZE ?? '16 (default)';
  const line = (name, r) => `  ${name.padEnd(8)} ${String(r.events).padStart(5)} events  ${String(r.eventsPerSecond).padStart(5)} events/s   CPU ms per event: security ${r.cpuMsPerEvent.service}  postgres ${r.cpuMsPerEvent.postgres}  nats-server ${r.cpuMsPerEvent.nats}`;
  console.log(`\n\x1b[1mEvents benchmark\x1b[0m  ${new Date().toISOString()}  node ${process.version}  expect-at-gate in security, EVENT_BATCH_SIZE ${batchSize}`);
  console.log(line('paced', paced));
  console.log(`${line('backlog', backlog)}  (caught up in ${backlog.seconds} s)`);
  console.log(`  (the service's CPU at rest, ${Math.round(idlePerSecond * 1000) / 10} % of a core, is taken out; nats-server's includes the publishing)`);
  const dir = join(ROOT, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-events.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, batchSize, paced: { rate: RATE, ...paced }, backlog }, null, 2));
  console.log('  report   reports/bench-events.json');
}

let ok = false;
try {
  await main();
  ok = true;
} catch (error) {
  console.error(`\x1b[31m[bench]\x1b[0m ${error.stack ?? error}`);
} finally {
  disarm();
  ok = (await cleanup()) && ok;
}
process.exit(ok ? 0 : 1);
