// `npm start`: install if needed, check (or start) Postgres and NATS, build, then run the gateway and
// the four services under one supervisor (the four in one process, the host, unless OPS_LAYOUT=apart);
// each service migrates its schema as it starts. Seeds demo data once and prints where to go. Ctrl-C
// stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const say = (message) => console.log(`\x1b[36m[start]\x1b[0m ${message}`);

// On a machine whose Node is older than the project's, fetch the pinned one and start again on it.
const { REQUIRED_MAJOR, runtimeBinDir } = await import('./runtime.mjs');
if (Number(process.versions.node.split('.')[0]) < REQUIRED_MAJOR) {
  say(`this is Node ${process.version}; the platform runs on Node ${REQUIRED_MAJOR}, taken from the npm registry…`);
  const bin = runtimeBinDir();
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(join(bin, 'node'), process.argv.slice(1), { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => {}); // the child does the work; this process only waits for it
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  say('installing dependencies (npm install, from the lockfile)…');
  if (spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { ensureInfrastructure, DATABASE_URL, NATS_URL } = await import('./infra.mjs');
try {
  await ensureInfrastructure({ log: say });
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

const { build, ensureDatabase, launch, layoutFrom, signIn, DEFAULT_PORTS: PORTS } = await import('./lib/platform.mjs');
let layout;
try {
  layout = layoutFrom();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
if (await ensureDatabase(DATABASE_URL)) say(`created database ${new URL(DATABASE_URL).pathname.slice(1)}`);

say('building…');
try {
  build();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let stopping = false;
// A process that dies is started again after a backoff; the others keep serving (ready again once it is).
const platform = launch({
  env: { DATABASE_URL, NATS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  layout,
  restart: true,
  onExit: (name, how) => console.error(`\x1b[31m${name} exited (${how})\x1b[0m; the others keep running`),
  onRestart: (name, delay) => say(`restarted ${name} after ${delay} ms`),
});
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await platform.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  await platform.waitHealthy();
} catch (error) {
  console.error(error.message);
  await stop(1);
}

const api = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
await seedOnce(api);
await seedOutlets(api);
await seedOnlineStore(api);
await seedMadeToOrder(api);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const login = (role) => `$(curl -s -X POST ${api}/auth/login -H 'content-type: application/json' -d '{"username":"${role}","password":"${role}-demo"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`;
console.log(`
\x1b[1mOperations platform is running\x1b[0m (ready in ${seconds} s)
  Console   http://127.0.0.1:${PORTS.gateway}/   (web console: sign in as any demo user below; 中文 / English)
  Gateway   http://127.0.0.1:${PORTS.gateway}/api/v1
  API docs  http://127.0.0.1:${PORTS.gateway}/api/docs   (OpenAPI JSON: /api/docs-json)
  Health    http://127.0.0.1:{${Object.values(PORTS).join(',')}}/health and /metrics   (${layout === 'together' ? 'sales, finance, inventory and security run in one process, the host; OPS_LAYOUT=apart runs a process each' : 'a process per service'})
  Sign in   POST /api/v1/auth/login as one demo user per role: username = the role, password = <role>-demo
            e.g. sales_rep / sales_rep-demo, cashier / cashier-demo, warehouse_keeper / warehouse_keeper-demo,
            admin / admin-demo, auditor / auditor-demo (demo profile only; set OPS_PROFILE=production to disable)

Try the main flow (demo customers C-0001…C-0003, C-0002 on credit; SKUs SKU-TEA-001, SKU-CUP-002, SKU-POT-003 on the approved Standard list):
  REP=${login('sales_rep')}
  CASHIER=${login('cashier')}
  KEEPER=${login('warehouse_keeper')}
  CUSTOMER=$(curl -s '${api}/sales/customers?search=C-0001' -H "authorization: Bearer $REP" | node -pe 'JSON.parse(require("fs").readFileSync(0)).items[0].id')
  ORDER=$(curl -s -X POST ${api}/sales/orders -H "authorization: Bearer $REP" -H 'content-type: application/json' -d '{"customerId":"'$CUSTOMER'","paymentTerms":"prepaid","shipTo":{"name":"王芳","phone":"13800000000","address":"上海市浦东新区世纪大道 100 号"},"shippingMethod":"express","requestedDate":"2026-12-01","lines":[{"sku":"SKU-TEA-001","quantity":2}]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
  curl -s -X POST ${api}/finance/receipts -H "authorization: Bearer $CASHIER" -H 'content-type: application/json' -d '{"orderId":"'$ORDER'","method":"cash","amountFen":25600,"counterfeitChecked":true}'
  MANAGER=${login('warehouse_manager')}
  PICK=$(curl -s -X POST ${api}/inventory/pick-lists -H "authorization: Bearer $KEEPER" -H 'content-type: application/json' -d '{"orderId":"'$ORDER'"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
  curl -s -X POST ${api}/inventory/pick-lists/$PICK/pick -H "authorization: Bearer $KEEPER" -H 'content-type: application/json' -d '{"lines":[{"sku":"SKU-TEA-001","quantity":2}]}'
  curl -s -X POST ${api}/inventory/pick-lists/$PICK/verify -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' -d '{"lines":[{"sku":"SKU-TEA-001","quantity":2,"batch":"2026-11"}]}'
  curl -s -X POST ${api}/inventory/pick-lists/$PICK/pack -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' -d '{"pieces":1}'
  curl -s -X POST ${api}/inventory/shipments -H "authorization: Bearer $KEEPER" -H 'content-type: application/json' -d '{"orderId":"'$ORDER'","carrier":"SF Express","trackingNumber":"SF1234567890","pieces":1}'
  curl -s ${api}/sales/orders/$ORDER -H "authorization: Bearer $REP"    # status "shipped", with its history and shipping notice (sales hears of the shipment a moment after it: if this still says ready_to_ship, ask again)
Press Ctrl-C to stop.`);

async function seedOnce(base) {
  const tokens = {};
  const send = async (role, path, body = {}, status = 201) => {
    tokens[role] ??= await signIn(base, role);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}`, 'idempotency-key': `seed:${path}:${body.code ?? body.sku ?? body.name ?? body.reference ?? ''}` };
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== status) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const skus = await (await fetch(`${base}/inventory/skus?pageSize=1`, { headers: { authorization: `Bearer ${await signIn(base, 'auditor')}` } })).json();
  if (skus.total > 0) return;
  say('seeding demo data (once)');
  // Reorder points: the teapots (20 in stock, point 30) open on the dashboard's low-stock list; tea and cups do not.
  const demoSkus = [
    { code: 'SKU-TEA-001', name: '龙井茶礼盒', model: 'LJ-250', version: 'v2', unit: 'box', packaging: '12 boxes per carton', reorderPoint: 40, stock: 100, listPriceFen: 12_800, floorPriceFen: 11_500 },
    { code: 'SKU-CUP-002', name: '青瓷茶杯套装', model: 'QC-6', version: 'v1', unit: 'set', packaging: '8 sets per carton', reorderPoint: 20, stock: 50, listPriceFen: 26_800, floorPriceFen: 24_000 },
    { code: 'SKU-POT-003', name: '紫砂壶', model: 'ZS-300', version: 'v1', unit: 'piece', packaging: '6 pieces per carton', reorderPoint: 30, stock: 20, listPriceFen: 58_800, floorPriceFen: 52_000 },
  ];
  for (const { stock, listPriceFen, floorPriceFen, ...sku } of demoSkus) {
    await send('warehouse_manager', '/inventory/skus', sku);
    // Opening stock is a goods receipt like any other: recorded by a keeper, audited by the manager.
    const receipt = await send('warehouse_keeper', '/inventory/stock-receipts', { reference: `OPENING-${sku.code}`, lines: [{ sku: sku.code, quantity: stock, batch: '2026-11' }] });
    await send('warehouse_manager', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
  }
  // Sales prices only from an approved list: drafted by the sales manager, approved by finance.
  const list = await send('sales_manager', '/sales/price-lists', {
    name: 'Standard list', validFrom: '2026-01-01', lines: demoSkus.map(({ code, listPriceFen, floorPriceFen }) => ({ sku: code, listPriceFen, floorPriceFen })),
  });
  await send('finance_manager', `/sales/price-lists/${list.id}/approve`, {}, 200);
  const customers = [];
  for (const customer of [
    { code: 'C-0001', name: '上海晨光贸易有限公司', region: 'East China', phone: '+86 21 5555 0101', contactName: '李强', assignedRep: 'sales_rep', taxId: '91310115MA1K3Y5N2B' },
    { code: 'C-0002', name: '杭州西湖茶业有限公司', region: 'East China', phone: '+86 571 5555 0202', contactName: '陈静', assignedRep: 'sales_rep', taxId: '91330106MA2B7C9D4E' },
    { code: 'C-0003', name: '北京华北百货有限公司', region: 'North China', phone: '+86 10 5555 0303', contactName: '张伟', assignedRep: 'sales_rep', taxId: '91110108MA01CX4P7D' },
  ]) customers.push(await send('sales_rep', '/sales/customers', customer));
  // C-0002 buys on credit: grade B, 50,000 CNY, 30 days, approved by the sales manager and then the VP.
  const change = await send('sales_rep', `/sales/customers/${customers[1].id}/credit-changes`, { grade: 'B', creditLimitFen: 5_000_000, paymentTermsDays: 30, reason: 'Demo credit customer' });
  await send('sales_manager', `/sales/credit-changes/${change.id}/approve`, {}, 200);
  await send('sales_vp', `/sales/credit-changes/${change.id}/approve`, {}, 200);
}

/**
 * The demo outlets (once: skipped when any outlet exists): a store selling the Standard list from its own shop
 * warehouse, and a bar counter selling drinks from its own, each with opening stock and its demo staff.
 */
async function seedOutlets(base) {
  const tokens = {};
  const call = async (role, method, path, body, status = 201) => {
    tokens[role] ??= await signIn(base, role);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}`, 'idempotency-key': `seed-outlets:${method}:${path}:${body?.code ?? body?.reference ?? body?.name ?? ''}` };
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== status) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await call('auditor', 'GET', '/sales/outlets?pageSize=1', undefined, 200)).total > 0) return;
  say('seeding demo outlets (once)');
  const warehouses = (await call('warehouse_manager', 'GET', '/inventory/warehouses?pageSize=200', undefined, 200)).items.map((w) => w.code);
  const receive = async (warehouseCode, lines) => {
    const receipt = await call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: `OPENING-${warehouseCode}`, warehouseCode, lines: lines.map((l) => ({ ...l, batch: '2026-11' })) });
    await call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
  };
  for (const [code, name] of [['STORE1', '茶叶门店 Tea shop'], ['BAR1', '大堂吧台 Lobby bar']]) {
    if (!warehouses.includes(code)) await call('warehouse_manager', 'POST', '/inventory/warehouses', { code, name, kind: 'store' });
  }
  const standard = (await call('auditor', 'GET', '/sales/price-lists?status=approved&pageSize=200', undefined, 200)).items.find((l) => l.name === 'Standard list');
  if (!standard) throw new Error('seeding outlets: no approved Standard list');
  // The store sells the Standard list's tea, cups and pots from its own stock.
  await receive('STORE1', [{ sku: 'SKU-TEA-001', quantity: 30 }, { sku: 'SKU-CUP-002', quantity: 12 }, { sku: 'SKU-POT-003', quantity: 6 }]);
  const week = (opens, closes) => Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, { opens, closes }]));
  await call('sales_manager', 'POST', '/sales/outlets', {
    code: 'STORE1', name: '茶叶门店 Tea shop', kind: 'store', warehouseCode: 'STORE1', priceListId: standard.id, openingHours: week('10:00', '21:00'),
    staff: [{ username: 'store_manager', position: 'manager' }, { username: 'store_clerk', position: 'clerk' }],
  });
  // The bar sells drinks, priced on a bar list of their own.
  const drinks = [
    { code: 'SKU-BEER-330', name: '青岛啤酒 330ml', model: 'QD-330', version: 'v1', unit: 'bottle', stock: 240, listPriceFen: 3_800, floorPriceFen: 3_000 },
    { code: 'SKU-COLA-330', name: '可乐 330ml', model: 'CL-330', version: 'v1', unit: 'can', stock: 120, listPriceFen: 1_800, floorPriceFen: 1_400 },
    { code: 'SKU-WINE-750', name: '干红葡萄酒 750ml', model: 'GH-750', version: 'v1', unit: 'bottle', stock: 24, listPriceFen: 38_800, floorPriceFen: 32_000 },
  ];
  for (const { stock, listPriceFen, floorPriceFen, ...sku } of drinks) await call('warehouse_manager', 'POST', '/inventory/skus', { ...sku, packaging: '24 per case', reorderPoint: 0 });
  await receive('BAR1', drinks.map((d) => ({ sku: d.code, quantity: d.stock })));
  const barList = await call('sales_manager', 'POST', '/sales/price-lists', { name: 'Bar list', validFrom: '2026-01-01', lines: drinks.map(({ code, listPriceFen, floorPriceFen }) => ({ sku: code, listPriceFen, floorPriceFen })) });
  await call('finance_manager', 'POST', `/sales/price-lists/${barList.id}/approve`, {}, 200);
  await call('sales_manager', 'POST', '/sales/outlets', {
    code: 'BAR1', name: '大堂吧台 Lobby bar', kind: 'bar', warehouseCode: 'BAR1', priceListId: barList.id, openingHours: week('18:00', '02:00'),
    staff: [{ username: 'bar_supervisor', position: 'supervisor' }, { username: 'bar_staff', position: 'bar_staff' }, { username: 'bartender', position: 'bartender' }],
  });
}

/**
 * The online store's demo catalogue (once: skipped when a listing is published): the Standard list's three SKUs listed
 * under one category, drafted by the e-commerce operator and published on the sales manager's review.
 */
async function seedOnlineStore(base) {
  const tokens = {};
  const call = async (role, method, path, body, status = 201) => {
    tokens[role] ??= await signIn(base, role);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}`, 'idempotency-key': `seed-online:${method}:${path}:${body?.code ?? body?.sku ?? ''}` };
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== status) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await call('auditor', 'GET', '/sales/listings?status=published&pageSize=1', undefined, 200)).total > 0) return;
  say('seeding the demo online catalogue (once)');
  const categories = (await call('auditor', 'GET', '/sales/listing-categories', undefined, 200)).map((c) => c.code);
  if (!categories.includes('TEA-WARE')) await call('ecommerce_operator', 'POST', '/sales/listing-categories', { code: 'TEA-WARE', nameZh: '茶与茶具', nameEn: 'Tea and tea ware' });
  const listings = [
    { sku: 'SKU-TEA-001', titleZh: '龙井茶礼盒 250 克', titleEn: 'Longjing tea gift box, 250 g', priceFen: 12_800, quantityOffered: 60, specs: [{ name: '净含量', value: '250 g' }] },
    { sku: 'SKU-CUP-002', titleZh: '青瓷茶杯六只装', titleEn: 'Celadon tea cups, set of six', priceFen: 26_800, quantityOffered: 30, specs: [{ name: '件数', value: '6' }] },
    { sku: 'SKU-POT-003', titleZh: '宜兴紫砂壶 300 毫升', titleEn: 'Yixing clay teapot, 300 ml', priceFen: 58_800, quantityOffered: 10, specs: [{ name: '容量', value: '300 ml' }] },
  ];
  for (const listing of listings) {
    const draft = await call('ecommerce_operator', 'POST', '/sales/listings', {
      ...listing, descriptionZh: listing.titleZh, descriptionEn: listing.titleEn, categoryCode: 'TEA-WARE', images: [`listings/${listing.sku.toLowerCase()}/front.jpg`],
    });
    await call('ecommerce_operator', 'POST', `/sales/listings/${draft.id}/submit`, {}, 200);
    await call('sales_manager', 'POST', `/sales/listings/${draft.id}/approve`, {}, 200);
  }
}

/**
 * Made to order (once: skipped when the custom gift box exists): a gift box printed with the customer's design, made in
 * three process steps from 350 g board (in stock), on its own approved price list, and a contract factory that can be
 * given the work instead of the in-house line.
 */
async function seedMadeToOrder(base) {
  const tokens = {};
  const call = async (role, method, path, body, status = 201) => {
    tokens[role] ??= await signIn(base, role);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}`, 'idempotency-key': `seed-mto:${method}:${path}:${body?.code ?? body?.reference ?? body?.name ?? ''}` };
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== status) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await call('auditor', 'GET', '/inventory/skus?pageSize=200', undefined, 200)).items.some((s) => s.code === 'SKU-BOX-CUSTOM')) return;
  say('seeding the demo made-to-order product (once)');
  await call('warehouse_manager', 'POST', '/inventory/skus', { code: 'MAT-BOARD-350', name: '350 克白卡纸', model: 'WB-350', version: 'v1', unit: 'sheet', packaging: '500 sheets per ream', reorderPoint: 0 });
  const receipt = await call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'OPENING-MAT-BOARD-350', lines: [{ sku: 'MAT-BOARD-350', quantity: 1_000, batch: '2026-11' }] });
  await call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.id}/audit`, {}, 200);
  await call('warehouse_manager', 'POST', '/inventory/skus', { code: 'SKU-BOX-CUSTOM', name: '定制印字礼盒', model: 'DZ-BOX', version: 'v1', unit: 'box', packaging: '50 boxes per carton', reorderPoint: 0 });
  await call('production_planner', 'PUT', '/inventory/skus/SKU-BOX-CUSTOM/supply', {
    madeToOrder: true, leadDays: 10, steps: [{ name: '印刷 Printing' }, { name: '模切 Die-cutting' }, { name: '糊盒 Gluing' }], materials: [{ sku: 'MAT-BOARD-350', quantityPerUnit: 2 }],
  }, 200);
  const list = await call('sales_manager', 'POST', '/sales/price-lists', { name: 'Made to order list', validFrom: '2026-01-01', lines: [{ sku: 'SKU-BOX-CUSTOM', listPriceFen: 3_500, floorPriceFen: 3_000 }] });
  await call('finance_manager', 'POST', `/sales/price-lists/${list.id}/approve`, {}, 200);
  await call('purchasing_manager', 'POST', '/inventory/suppliers', { code: 'F-DGPRINT', name: '东莞彩印包装厂', kind: 'factory', taxId: '91441900MA4UX1234K', paymentTermsDays: 30 });
}
