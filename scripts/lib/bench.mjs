// Helpers shared by the benchmarks (`npm run bench:smoke`, `npm run bench:flow`): the isolated
// database and subject prefix each run gets, the platform's environment on the bench ports, port and
// process probes from /proc, percentiles, and the bounded, idempotent cleanup every run ends with.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import pg from 'pg';
import { DATABASE_URL, NATS_URL } from '../infra.mjs';

export const BENCH_PORTS = { gateway: 3300, sales: 3301, finance: 3302, inventory: 3303, security: 3304 };
export const UNIT_PRICE_FEN = 12_800; // far below any approval tier, so every order is placed at once

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A logger that prefixes each line with the given tag, in cyan. */
export const sayer = (tag = 'bench') => (message) => console.log(`\x1b[36m[${tag}]\x1b[0m ${message}`);

/** An error's status and, for a problem+json answer, its problem type (`409 pick-list-exists`): 409 means several things. */
export function problemKey(status, body) {
  try {
    const type = JSON.parse(body)?.type;
    if (typeof type === 'string') return `${status} ${type.slice(type.lastIndexOf('/') + 1)}`;
  } catch {
    // not JSON
  }
  return String(status);
}

export function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function isLoopback(url) {
  return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);
}

/** A fresh identity for one run: database `ops_bench_<hex>`, subject prefix `bench_<hex>`, and its streams. */
export function benchRun() {
  const hex = randomBytes(4).toString('hex');
  const dbName = `ops_bench_${hex}`;
  const prefix = `bench_${hex}`;
  const streams = ['SALES', 'FINANCE', 'INVENTORY', 'SECURITY', 'DEAD_LETTERS'].map((name) => `${prefix.toUpperCase()}_${name}`);
  return { hex, dbName, prefix, streams, databaseUrl: withDatabase(DATABASE_URL, dbName) };
}

/** The environment the platform runs with during a benchmark: everything on the bench database and prefix. */
export function benchEnv({ databaseUrl, prefix }) {
  return {
    DATABASE_URL: databaseUrl,
    // A per-service override in the caller's environment must not point a service elsewhere.
    SALES_DATABASE_URL: databaseUrl, FINANCE_DATABASE_URL: databaseUrl, INVENTORY_DATABASE_URL: databaseUrl, SECURITY_DATABASE_URL: databaseUrl,
    NATS_URL,
    // The sign-in phase measures argon2 and the session write, not the rate limiter.
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
    SUBJECT_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
  };
}

export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Throws when one of the ports already answers (another benchmark, or a leftover). */
export async function assertPortsFree(ports) {
  for (const [name, port] of Object.entries(ports)) {
    if (await portInUse(port)) throw new Error(`port ${port} (${name}) is already in use; is another benchmark running?`);
  }
}

/** Resident set size of a process in MiB, from /proc/<pid>/status; null once it is gone. */
export function rssMiB(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds; null once it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

export function sampleRss(pids) {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
}

/**
 * Every process on the machine: pid → { comm, cpu (s), system (s): the part the kernel spent on its behalf
 * (sockets, wakeups, disk), switches: how often its threads gave up the CPU to wait (for a message, a
 * statement's answer, the disk: a round trip costs each side one) or were made to (preempted) }.
 */
export function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { comm, cpu: (Number(fields[11]) + Number(fields[12])) / 100, system: Number(fields[12]) / 100, switches: contextSwitches(entry) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** Voluntary and involuntary context switches of every thread of `pid` so far. */
function contextSwitches(pid) {
  let sum = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      for (const match of readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8').matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)) sum += Number(match[1]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return sum;
}

/**
 * Seconds the main thread of each of `pids` (its event loop) has spent on a core and runnable but waiting
 * for one, so far (/proc/<pid>/schedstat: the kernel's own accounting, in ns). Over a window, their sum
 * near the window's length means the event loop never waited for work: that process is the queue.
 */
export function mainThreadTimes(pids) {
  return fromEachProcess(pids, (pid) => {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
  });
}

/**
 * Write system calls (write, writev) each of `pids` has made so far (/proc/<pid>/io, syscw). Nearly all of
 * a service's are socket writes, each one waking the reader (Postgres, nats-server) on the other end.
 */
export function writeCalls(pids) {
  return fromEachProcess(pids, (pid) => Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]));
}

/** `read(pid)` for each named process; one gone meanwhile (or whose /proc file this kernel lacks) is left out. */
function fromEachProcess(pids, read) {
  const values = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      values[name] = read(pid);
    } catch {
      // gone meanwhile, or not there to read
    }
  }
  return values;
}

/** Busy and total CPU time of the whole machine so far, in seconds (all cores), from /proc/stat. */
export function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  const idle = ticks[3] + ticks[4];
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** Nearest-rank percentiles of a list of numbers (ms), rounded to 0.1; nulls when it is empty. */
export function percentiles(values, ranks = [50, 90, 99]) {
  const sorted = Float64Array.from(values).sort();
  const round = (n) => Math.round(n * 10) / 10;
  const out = { n: sorted.length };
  for (const p of ranks) out[`p${p}`] = sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]) : null;
  out.max = sorted.length ? round(sorted[sorted.length - 1]) : null;
  out.mean = sorted.length ? round(sorted.reduce((a, b) => a + b, 0) / sorted.length) : null;
  return out;
}

/**
 * The cleanup every benchmark ends with, idempotent and bounded: closes the bench's own connections
 * (`closers()`), stops the platform (`platform()`), drops the `ops_bench_<hex>` database and deletes
 * the run's streams. Answers whether everything went well.
 */
export function benchCleanup({ run, platform, closers = () => [], say }) {
  let cleaning;
  return () => {
    cleaning ??= (async () => {
      const problems = [];
      const step = async (what, fn, timeoutMs) => {
        let timer;
        try {
          await Promise.race([fn(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), timeoutMs); })]);
        } catch (error) {
          problems.push(`${what}: ${error.message}`);
        } finally {
          clearTimeout(timer);
        }
      };
      say('cleaning up…');
      await step('closing the bench database connection', async () => { await Promise.all(closers().filter(Boolean).map((close) => close())); }, 5_000);
      const running = platform();
      if (running) await step('stopping the platform', () => running.stop(), 30_000);
      await step(`dropping database ${run.dbName}`, async () => {
        if (!/^ops_bench_[0-9a-f]+$/.test(run.dbName)) throw new Error('refusing to drop a database not named ops_bench_<hex>');
        const admin = new pg.Client({ connectionString: withDatabase(DATABASE_URL, 'postgres'), connectionTimeoutMillis: 5_000, query_timeout: 20_000 });
        await admin.connect();
        try {
          await admin.query(`DROP DATABASE IF EXISTS "${run.dbName}" WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      }, 25_000);
      await step('deleting NATS streams', async () => {
        const { connect } = await import('@nats-io/transport-node');
        const { jetstreamManager } = await import('@nats-io/jetstream');
        const nc = await connect({ servers: NATS_URL, timeout: 5_000, reconnect: false });
        try {
          const jsm = await jetstreamManager(nc, { timeout: 5_000 });
          for (const name of run.streams) {
            try {
              await jsm.streams.delete(name);
            } catch (error) {
              if (!/not found/i.test(error.message)) problems.push(`deleting stream ${name}: ${error.message}`);
            }
          }
        } finally {
          await nc.close();
        }
      }, 20_000);
      for (const problem of problems) console.error(`\x1b[31m[bench]\x1b[0m cleanup: ${problem}`);
      if (!problems.length) say(`cleaned up: platform stopped, database ${run.dbName} dropped, streams ${run.prefix.toUpperCase()}_* deleted`);
      return problems.length === 0;
    })();
    return cleaning;
  };
}

/** Cleans up and exits 1 on SIGINT/SIGTERM or when the run outlasts `watchdogMs`; answers a disarm function. */
export function guardRun({ cleanup, watchdogMs }) {
  const watchdog = setTimeout(async () => {
    console.error(`\x1b[31m[bench]\x1b[0m gave up after ${watchdogMs / 1000} s`);
    await cleanup();
    process.exit(1);
  }, watchdogMs);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      console.error(`\x1b[31m[bench]\x1b[0m ${signal}: stopping`);
      await cleanup();
      process.exit(1);
    });
  }
  return () => clearTimeout(watchdog);
}
