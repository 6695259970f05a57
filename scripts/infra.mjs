// Makes sure Postgres and NATS with JetStream answer on this machine, starting the local ones when
// they are installed but stopped, and otherwise saying exactly what to run. Used by `npm start` and CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The local server's Unix socket when it has one: on one machine a statement over it costs the services
// and Postgres markedly less CPU than over loopback TCP (docs/performance.md). Otherwise TCP.
const LOCAL_SOCKET_DIR = '/var/run/postgresql';
export const DATABASE_URL = process.env.DATABASE_URL
  ?? (existsSync(`${LOCAL_SOCKET_DIR}/.s.PGSQL.5432`) ? `postgres://postgres@localhost/ops?host=${LOCAL_SOCKET_DIR}` : 'postgres://postgres@127.0.0.1:5432/ops');
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isLoopback = (url) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);

async function postgresAnswers(url) {
  const { default: pg } = await import('pg');
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function natsAnswers(url) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  let nc;
  try {
    nc = await connect({ servers: url, timeout: 2_000, reconnect: false });
    await (await jetstreamManager(nc, { timeout: 2_000 })).getAccountInfo();
    return 'ok';
  } catch (error) {
    return nc ? 'no-jetstream' : 'down';
  } finally {
    await nc?.close().catch(() => undefined);
  }
}

async function waitUntil(probe, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(300);
  }
  return false;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const HOW_TO = `
  On this machine (Debian packages):
    pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  On a laptop with Docker:
    docker compose up -d postgres nats
  Elsewhere: set DATABASE_URL and NATS_URL (NATS must run with JetStream, -js).`;

export async function ensureInfrastructure({ log = console.log } = {}) {
  if (!(await postgresAnswers(DATABASE_URL))) {
    const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
    if (isLoopback(DATABASE_URL) && clusters.length && existsSync('/usr/bin/pg_ctlcluster')) {
      log(`Postgres is stopped; starting cluster ${clusters[0]}/main`);
      run('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0], 'main', 'start']);
    }
    if (!(await waitUntil(() => postgresAnswers(DATABASE_URL), 20_000))) {
      throw new Error(`Postgres does not answer at ${DATABASE_URL}.${HOW_TO}`);
    }
  }
  let nats = await natsAnswers(NATS_URL);
  if (nats === 'down' && isLoopback(NATS_URL) && existsSync('/usr/sbin/nats-server')) {
    log('NATS is stopped; starting nats-server with JetStream');
    run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server', '--', '-a', '127.0.0.1', '-p', '4222', '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log']);
    await waitUntil(async () => (nats = await natsAnswers(NATS_URL)) === 'ok', 20_000);
  }
  if (nats === 'no-jetstream') throw new Error(`NATS at ${NATS_URL} answers without JetStream: restart it with -js.${HOW_TO}`);
  if (nats !== 'ok') throw new Error(`NATS does not answer at ${NATS_URL}.${HOW_TO}`);
  log(`Postgres ${redact(DATABASE_URL)} and NATS ${NATS_URL} (JetStream) answer`);
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

// `node scripts/infra.mjs` checks (and starts) the infrastructure, for CI and by hand.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureInfrastructure().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
