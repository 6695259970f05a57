// Runs the gateway and the four services as child processes from their built output, under one
// supervisor. Shared by `npm start` and the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVICES = ['sales', 'finance', 'inventory', 'security', 'gateway'];
export const DEFAULT_PORTS = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
const COLORS = { gateway: 35, sales: 32, finance: 33, inventory: 34, security: 31 };
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
 * Starts every service with `env` on `ports`. `onExit` hears of a process that ends on its own.
 * `output` false keeps their logs quiet (benchmarks).
 */
export function launch({ env, ports = DEFAULT_PORTS, output = true, onExit = () => undefined }) {
  const children = new Map();
  let stopping = false;
  for (const name of SERVICES) {
    const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, `services/${name}/dist/main.js`)], {
      cwd: ROOT,
      // argon2 allocates 19 MiB per hash; a fixed mmap threshold makes glibc give that memory back.
      env: { MALLOC_MMAP_THRESHOLD_: '16777216', ...process.env, ...env, [`${name.toUpperCase()}_HTTP_PORT`]: String(ports[name]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      const lines = createInterface({ input: stream });
      if (output) lines.on('line', (line) => console.log(`\x1b[${COLORS[name]}m[${name}]\x1b[0m ${readable(line)}`));
      else lines.on('line', () => undefined);
    }
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) onExit(name, signal ?? code);
    });
    children.set(name, child);
  }

  return {
    pids: () => Object.fromEntries([...children].map(([name, child]) => [name, child.pid])),
    async waitHealthy(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      const healthy = async (port) => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      while (!(await Promise.all(Object.values(ports).map(healthy))).every(Boolean)) {
        if (children.size < SERVICES.length) throw new Error('a service exited while starting');
        if (Date.now() > deadline) throw new Error(`services did not become healthy within ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /** SIGTERM to all (they stop taking work, finish, drain, close), SIGKILL after 20 s. */
    stop() {
      stopping = true;
      for (const child of children.values()) child.kill('SIGTERM');
      return new Promise((resolve) => {
        const force = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), 20_000);
        const check = setInterval(() => {
          if (children.size === 0) {
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
