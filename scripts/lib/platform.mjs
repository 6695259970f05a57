// Runs the gateway and the four services as child processes from their built output, under one
// supervisor. Shared by `npm start` and the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVICES = ['sales', 'finance', 'inventory', 'security', 'gateway'];
export const DEFAULT_PORTS = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
/** The services the host can run in one process (services/host): all but the gateway. */
const HOSTABLE = ['sales', 'finance', 'inventory', 'security'];
const COLORS = { host: 36, gateway: 35, sales: 32, finance: 33, inventory: 34, security: 31 };
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Compiles every project with swc in one process (about a tenth of a second). */
export function build() {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('build failed: run `node scripts/build.mjs` to see why');
}

/** Creates the database named in `url` when missing; each service then creates and migrates its schema. */
export async function ensureDatabase(url) {
  const { default: pg } = await import('pg');
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} must be a plain identifier`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`);
    return !found.rowCount;
  } finally {
    await client.end();
  }
}

// Services log JSON (for machines); the supervisor shows each entry to people as one short line.
function readable(line) {
  try {
    const entry = JSON.parse(line);
    const extra = entry.err ? ` — ${entry.err.message ?? entry.err}` : '';
    return `${LEVELS[entry.level] ?? entry.level} ${entry.context ? `${entry.context}: ` : ''}${entry.msg ?? ''}${extra}`;
  } catch {
    return line;
  }
}

/**
 * How the services are laid out in processes (OPS_LAYOUT): `together` runs sales, finance, inventory and
 * security in one process, the host, beside the gateway (the default of `npm start`, bench:flow and bench:till:
 * on a small machine one busy process costs less CPU per message than four mostly idle ones, and a quarter of
 * the memory); `apart` runs a process each, as the containers of a production deployment do. `launch` itself
 * defaults to `apart`: the drill kills services one by one, and bench:events and bench:smoke time one process.
 */
export const LAYOUTS = ['together', 'apart'];
export function layoutFrom(env = process.env) {
  const layout = env.OPS_LAYOUT || 'together';
  if (!LAYOUTS.includes(layout)) throw new Error(`OPS_LAYOUT must be one of ${LAYOUTS.join(', ')}, got "${layout}"`);
  return layout;
}

/** Restart backoff: 0.5 s, then doubling to 30 s; a process that stayed up a minute starts again from 0.5 s. */
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const STAYED_UP_MS = 60_000;

/**
 * How every process's Node runs (the image's CMD says the same). V8 sizes the young generation from the
 * machine's memory, and a process kept those pages at rest: 8 MB per semi-space brought a gateway at rest
 * from 230 to 177 MB without costing measurable CPU (docs/performance.md, "Memory at rest").
 */
const NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=8'];
/**
 * The host holds four services' heaps, and V8 on a machine with this much memory lets the old generation grow
 * long before it collects: under the flow benchmark the host peaked anywhere from 242 to 412 MB. A cap makes V8
 * collect sooner; at 160 MB the peak was 213 MB at no measurable CPU cost (docs/performance.md). 256 MB leaves
 * room for a large export or report.
 */
const HOST_NODE_FLAGS = ['--max-old-space-size=256'];

/**
 * Runs every service with `env` on `ports`, under one supervisor, laid out as `layout` says (above; with
 * `together` the host is one process named `host`). `instances` runs more than one of a process
 * (`{ inventory: 2, gateway: 2 }`, or `{ host: 2 }`); the n-th extra listens on its port + 50·n and is named
 * `inventory-2`. With `restart`, a process that dies on its own is started again after a backoff while
 * the others keep running, as `restart: unless-stopped` does in the compose file; `onExit` hears of
 * each death, `onRestart` of each restart. `output` false keeps their logs quiet (benchmarks). `services`
 * starts only those (a benchmark of one consumer).
 */
export function launch({ env, ports = DEFAULT_PORTS, output = true, onExit = () => undefined, onRestart = () => undefined, nodeArgs = [], instances = {}, restart = false, services = SERVICES, layout = 'apart' }) {
  if (!LAYOUTS.includes(layout)) throw new Error(`layout must be one of ${LAYOUTS.join(', ')}`);
  const hosted = layout === 'together' ? services.filter((service) => HOSTABLE.includes(service)) : [];
  const alone = services.filter((service) => !hosted.includes(service));
  const inHost = Object.keys(instances).filter((name) => hosted.includes(name));
  if (inHost.length) throw new Error(`${inHost.join(', ')} run in the host with OPS_LAYOUT=together: ask for more instances of the host, or use OPS_LAYOUT=apart`);
  // process name → { kind, script, apps: [{ name, service, port }], env, child, startedAt, delay, timer }
  const slots = new Map();
  let stopping = false;

  function spawnSlot(name) {
    const slot = slots.get(name);
    const child = spawn(process.execPath, [...NODE_FLAGS, ...(slot.kind === 'host' ? HOST_NODE_FLAGS : []), ...nodeArgs, join(ROOT, slot.script)], {
      cwd: ROOT,
      // argon2 allocates 19 MiB per hash; a fixed mmap threshold makes glibc give that memory back.
      env: { MALLOC_MMAP_THRESHOLD_: '16777216', ...process.env, ...env, ...slot.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      const lines = createInterface({ input: stream });
      if (output) lines.on('line', (line) => console.log(`\x1b[${COLORS[slot.kind]}m[${name}]\x1b[0m ${readable(line)}`));
      else lines.on('line', () => undefined);
    }
    child.on('exit', (code, signal) => {
      slot.child = undefined;
      if (stopping) return;
      onExit(name, signal ?? code);
      if (!restart) return;
      slot.delay = Date.now() - slot.startedAt > STAYED_UP_MS ? RESTART_FIRST_MS : Math.min(slot.delay ? slot.delay * 2 : RESTART_FIRST_MS, RESTART_MAX_MS);
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        if (stopping) return;
        spawnSlot(name);
        onRestart(name, slot.delay);
      }, slot.delay);
    });
    slot.child = child;
    slot.startedAt = Date.now();
  }

  const processes = [...(hosted.length ? [{ kind: 'host', script: 'services/host/dist/main.js', apps: hosted }] : []),
    ...alone.map((service) => ({ kind: service, script: `services/${service}/dist/main.js`, apps: [service] }))];
  for (const { kind, script, apps } of processes) {
    for (let i = 0; i < (instances[kind] ?? 1); i++) {
      const name = i === 0 ? kind : `${kind}-${i + 1}`;
      const served = apps.map((service) => ({ name: i === 0 ? service : `${service}-${i + 1}`, service, port: ports[service] + 50 * i }));
      const portEnv = Object.fromEntries(served.map((app) => [`${app.service.toUpperCase()}_HTTP_PORT`, String(app.port)]));
      slots.set(name, { kind, script, apps: served, env: kind === 'host' ? { ...portEnv, HOST_SERVICES: hosted.join(',') } : portEnv, child: undefined, startedAt: 0, delay: 0, timer: undefined });
      spawnSlot(name);
    }
  }
  const running = () => [...slots.values()].filter((slot) => slot.child);

  return {
    /** The pid of every running process, by process name. */
    pids: () => Object.fromEntries([...slots].filter(([, slot]) => slot.child).map(([name, slot]) => [name, slot.child.pid])),
    /** The HTTP port of every service instance (its /health and /metrics), by name: `sales`, `gateway-2`; the host serves several. */
    ports: () => Object.fromEntries([...slots.values()].flatMap((slot) => slot.apps.map((app) => [app.name, app.port]))),
    /** Sends `signal` to one process (a fault drill's SIGKILL); with `restart`, the supervisor brings it back. */
    kill(name, signal = 'SIGKILL') {
      slots.get(name)?.child?.kill(signal);
    },
    async waitHealthy(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      const healthy = async (port) => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      const every = [...slots.values()].flatMap((slot) => slot.apps.map((app) => app.port));
      while (!(await Promise.all(every.map(healthy))).every(Boolean)) {
        if (!restart && running().length < slots.size) throw new Error('a service exited while starting');
        if (Date.now() > deadline) throw new Error(`services did not become healthy within ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /** SIGTERM to all (they stop taking work, finish, drain, close), SIGKILL after 20 s. */
    stop() {
      stopping = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      for (const slot of running()) slot.child.kill('SIGTERM');
      return new Promise((resolve) => {
        const force = setTimeout(() => running().forEach((slot) => slot.child.kill('SIGKILL')), 20_000);
        const check = setInterval(() => {
          if (running().length === 0) {
            clearInterval(check);
            clearTimeout(force);
            resolve();
          }
        }, 100);
      });
    },
  };
}

/** Signs in as a demo user (username = role, password = `<role>-demo`) and answers the access token. */
export async function signIn(api, role) {
  const res = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: role, password: `${role}-demo` }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`);
  return (await res.json()).accessToken;
}
