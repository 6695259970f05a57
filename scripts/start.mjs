// `npm start`: install if needed, check (or start) Postgres and NATS, build, then run the gateway and
// the four services under one supervisor; each service migrates its schema as it starts. Seeds demo
// data once and prints where to go. Ctrl-C stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const say = (message) => console.log(`\x1b[36m[start]\x1b[0m ${message}`);

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  say('installing dependencies (npm ci)…');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { ensureInfrastructure, DATABASE_URL, NATS_URL } = await import('./infra.mjs');
try {
  await ensureInfrastructure({ log: say });
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// Each service creates its schema and migrates it; the database itself must exist first.
const { default: pg } = await import('pg');
{
  const name = new URL(DATABASE_URL).pathname.slice(1);
  const server = new URL(DATABASE_URL);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!found.rowCount) {
    say(`creating database ${name}`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  }
  await client.end();
}

say('building (cached by Nx)…');
const build = spawnSync(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});
if (build.status !== 0) {
  console.error('build failed: run `npx nx run-many -t build` to see why');
  process.exit(1);
}

const PORTS = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
const COLORS = { gateway: 35, sales: 32, finance: 33, inventory: 34, security: 31 };
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const children = new Map();
let stopping = false;

function launch(name) {
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, `services/${name}/dist/main.js`)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL, NATS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`\x1b[${COLORS[name]}m[${name}]\x1b[0m ${readable(line)}`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the platform`);
      stop(1);
    }
  });
  children.set(name, child);
}

// Services log JSON (for machines); the supervisor shows it to people as one short line.
function readable(line) {
  try {
    const entry = JSON.parse(line);
    const extra = entry.err ? ` — ${entry.err.message ?? entry.err}` : '';
    return `${LEVELS[entry.level] ?? entry.level} ${entry.context ? `${entry.context}: ` : ''}${entry.msg ?? ''}${extra}`;
  } catch {
    return line;
  }
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 20_000);
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      clearTimeout(force);
      process.exit(code);
    }
  }, 100);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

for (const name of ['sales', 'finance', 'inventory', 'security', 'gateway']) launch(name);

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
  } catch {
    return false;
  }
}
const deadline = Date.now() + 90_000;
while (!(await Promise.all(Object.values(PORTS).map(healthy))).every(Boolean)) {
  if (stopping) await new Promise(() => undefined);
  if (Date.now() > deadline) {
    console.error('services did not become healthy within 90 s');
    stop(1);
    await new Promise(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 250));
}

const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
await seedOnce(api);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
\x1b[1mOperations platform is running\x1b[0m (ready in ${seconds} s)
  Gateway   http://127.0.0.1:${PORTS.gateway}/api/v1
  API docs  http://127.0.0.1:${PORTS.gateway}/api/docs   (OpenAPI JSON: /api/docs-json)
  Health    http://127.0.0.1:{${Object.values(PORTS).join(',')}}/health and /metrics
  Sign-in   none yet: people, roles and demo logins arrive with issue 3; requests act as "anonymous"

Try the main flow (demo customers C-0001…C-0003, SKUs SKU-TEA-001, SKU-CUP-002, SKU-POT-003):
  CUSTOMER=$(curl -s '${api}/sales/customers?search=C-0001' | node -pe 'JSON.parse(require("fs").readFileSync(0)).items[0].id')
  ORDER=$(curl -s -X POST ${api}/sales/orders -H 'content-type: application/json' -d '{"customerId":"'$CUSTOMER'","paymentTerms":"prepaid","shipTo":{"name":"王芳","phone":"13800000000","address":"上海市浦东新区世纪大道 100 号"},"shippingMethod":"express","requestedDate":"2026-12-01","lines":[{"sku":"SKU-TEA-001","quantity":2,"unitPriceFen":12800}]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
  curl -s -X POST ${api}/finance/receipts -H 'content-type: application/json' -d '{"orderId":"'$ORDER'","method":"cash","amountFen":25600}'
  curl -s -X POST ${api}/inventory/shipments -H 'content-type: application/json' -d '{"orderId":"'$ORDER'","carrier":"SF Express","trackingNumber":"SF1234567890","pieces":1}'
  curl -s ${api}/sales/orders/$ORDER     # status "shipped", with its history and shipping notice
Press Ctrl-C to stop.`);

async function seedOnce(base) {
  const post = async (path, body) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `seed:${path}:${body.code ?? body.sku}` }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
  };
  const skus = await (await fetch(`${base}/inventory/skus?pageSize=1`)).json();
  if (skus.total > 0) return;
  say('seeding demo data (once)');
  const demoSkus = [
    { code: 'SKU-TEA-001', name: '龙井茶礼盒', model: 'LJ-250', version: 'v2', unit: 'box', packaging: '12 boxes per carton', stock: 100 },
    { code: 'SKU-CUP-002', name: '青瓷茶杯套装', model: 'QC-6', version: 'v1', unit: 'set', packaging: '8 sets per carton', stock: 50 },
    { code: 'SKU-POT-003', name: '紫砂壶', model: 'ZS-300', version: 'v1', unit: 'piece', packaging: '6 pieces per carton', stock: 20 },
  ];
  for (const { stock, ...sku } of demoSkus) {
    await post('/inventory/skus', sku);
    await post('/inventory/stock-receipts', { sku: sku.code, quantity: stock, reference: 'OPENING-STOCK' });
  }
  for (const customer of [
    { code: 'C-0001', name: '上海晨光贸易有限公司', region: 'East China', phone: '+86 21 5555 0101' },
    { code: 'C-0002', name: '杭州西湖茶业有限公司', region: 'East China', phone: '+86 571 5555 0202' },
    { code: 'C-0003', name: '北京华北百货有限公司', region: 'North China', phone: '+86 10 5555 0303' },
  ]) await post('/sales/customers', customer);
}
