import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aCustomer, aSkuWithStock, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

const ROOT = join(__dirname, '../../..');
const SCREENSHOTS = join(ROOT, 'reports/screenshots');
const DOCUMENTS = join(ROOT, 'reports/documents');
const BUYER_TAX_ID = '91310115MA1K3Y5N2B';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core), against the whole platform:
 * the gateway serves the built console at `/`, the console calls only the public API.
 */
describe('the web console', () => {
  let p: TestPlatform;
  let browser: Browser;
  let customer: { id: string; name: string };
  let sku: string;
  /** The order the four-person flow ships, whose documents the printing tests print. */
  let shippedOrderId: string;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, env: { ...process.env, QUIET_BUILD: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('the build failed');
    p = await TestPlatform.start({ gateway: { consoleDir: join(ROOT, 'apps/console/dist') } });
    customer = await aCustomer(p, '上海晨光贸易有限公司', { taxId: BUYER_TAX_ID });
    sku = await aSkuWithStock(p, 20, 12_800);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(DOCUMENTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  /** A new browser (own storage) signed in as the demo user of `role`. */
  async function signedIn(role: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${p.gateway.url}/`);
    await page.getByLabel('用户名').fill(role);
    await page.getByLabel('密码').fill(`${role}-demo`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('who').waitFor();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  async function chooseOption(page: Page, field: string, text: string) {
    await page.getByLabel(field).click();
    await page.getByLabel(field).fill(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  }

  async function fillNewOrder(page: Page, quantity: string) {
    await page.goto(`${p.gateway.url}/#/orders/new`);
    await chooseOption(page, '客户', customer.name);
    await page.getByLabel('收货人').fill('王芳');
    await page.getByLabel('电话').fill('+86 138 0000 0000');
    await page.getByLabel('地址').fill('上海市浦东新区世纪大道 100 号');
    await chooseOption(page, '商品编码', sku);
    await page.getByLabel('数量').fill(quantity);
  }

  it('takes a prepaid order from creation to shipment by clicking, as four people, the order page following live', async () => {
    // The sales rep places the order; the live price is shown as the line is written.
    const rep = await signedIn('sales_rep');
    await fillNewOrder(rep, '2');
    await rep.getByTestId('line-price').filter({ hasText: '¥128.00 × 2 = ¥256.00' }).waitFor();
    await shot(rep, 'new-order');
    await rep.getByRole('button', { name: '提交订单' }).click();
    await rep.waitForURL(/#\/orders\/[0-9a-f-]{36}$/);
    const orderId = rep.url().split('/').pop()!;
    shippedOrderId = orderId;
    const status = rep.getByTestId('order-status');
    await status.filter({ hasText: '待付款' }).waitFor();

    // The cashier records the cash, checked for counterfeits.
    const cashier = await signedIn('cashier');
    await cashier.goto(`${p.gateway.url}/#/orders/${orderId}`);
    await cashier.getByLabel('已验钞').check();
    await shot(cashier, 'order-cashier');
    await cashier.getByRole('button', { name: '登记收款' }).click();
    await cashier.getByText('¥256.00').first().waitFor();

    // The rep's page, untouched, follows: paid and reserved, ready to ship.
    await status.filter({ hasText: '待发货' }).waitFor({ timeout: 15_000 });

    // A keeper makes the pick list and picks; another checks it, packs and ships.
    const keeper = await signedIn('warehouse_keeper');
    await keeper.goto(`${p.gateway.url}/#/orders/${orderId}`);
    await keeper.getByTestId('pick-readiness').filter({ hasText: '可以拣货' }).waitFor({ timeout: 15_000 });
    await keeper.getByRole('button', { name: '生成拣货单' }).click();
    await keeper.getByRole('button', { name: '拣货', exact: true }).click();
    await keeper.getByTestId('pick-list-status').filter({ hasText: '已拣货' }).waitFor();
    await shot(keeper, 'order-keeper');

    const manager = await signedIn('warehouse_manager');
    await manager.goto(`${p.gateway.url}/#/orders/${orderId}`);
    await manager.getByRole('button', { name: '复核' }).click();
    await manager.getByRole('button', { name: '打包' }).click();
    await manager.getByLabel('运单号').fill('SF1234567890');
    await manager.getByRole('button', { name: '发货' }).click();
    await manager.getByTestId('pick-list-status').filter({ hasText: '已发货' }).waitFor();

    await status.filter({ hasText: '已发货' }).waitFor({ timeout: 15_000 });
    await shot(rep, 'order-shipped');
    const order = (await p.call('sales_rep', 'GET', `/sales/orders/${orderId}`)).body;
    expect([order.status, order.totalFen]).toEqual(['shipped', 25_600]);
    const shipments = (await p.call('warehouse_manager', 'GET', `/inventory/shipments?orderId=${orderId}`)).body.items;
    expect(shipments.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual(['SF1234567890']);
    await rep.context().close();
    await cashier.context().close();
    await keeper.context().close();
    await manager.context().close();
  }, 120_000);

  it('refuses an approval to the order\'s own creator with the reason, and a rejection keeps its reason in the history', async () => {
    // A sales manager gives 2.34 % off: the order waits for a sales manager's approval.
    const manager = await signedIn('sales_manager');
    await fillNewOrder(manager, '1');
    await manager.getByLabel('成交单价（元）').fill('125');
    await manager.getByTestId('line-discount').filter({ hasText: '折扣 2.34%' }).waitFor();
    await manager.getByRole('button', { name: '提交订单' }).click();
    await manager.waitForURL(/#\/orders\/[0-9a-f-]{36}$/);
    const orderId = manager.url().split('/').pop()!;
    await manager.getByTestId('order-status').filter({ hasText: '待审批' }).waitFor();

    // Approving one's own order is refused, and the console says why.
    await manager.getByRole('button', { name: '批准' }).click();
    await manager.getByRole('alert').filter({ hasText: 'someone else must approve it' }).waitFor();
    await shot(manager, 'approval-refused');
    expect((await p.call('sales_manager', 'GET', `/sales/orders/${orderId}`)).body.status).toBe('pending_approval');

    // The VP finds it in the approval queue and rejects it with a reason, which the history keeps.
    const vp = await signedIn('sales_vp');
    await vp.getByRole('navigation').getByRole('menuitem', { name: '待审批订单' }).click();
    await vp.getByRole('link', { name: (await p.call('sales_vp', 'GET', `/sales/orders/${orderId}`)).body.number }).click();
    await vp.getByLabel('驳回原因').fill('折扣超出本季度政策');
    await vp.getByRole('button', { name: '驳回' }).click();
    await vp.getByTestId('order-status').filter({ hasText: '已驳回' }).waitFor();
    await vp.getByText('rejected: 折扣超出本季度政策').waitFor();
    await manager.context().close();
    await vp.context().close();
  }, 90_000);

  it('shows the API\'s field error next to its field, and nothing is placed', async () => {
    const rep = await signedIn('sales_rep');
    const before = (await p.call('sales_rep', 'GET', '/sales/orders')).body.total;
    await fillNewOrder(rep, '0');
    await rep.getByRole('button', { name: '提交订单' }).click();
    const message = rep.locator('.ant-form-item').filter({ has: rep.getByLabel('数量') }).getByText('quantity must not be less than 1');
    await message.waitFor();
    await rep.getByRole('alert').filter({ hasText: '请求编号' }).waitFor();
    await shot(rep, 'field-error');
    expect((await p.call('sales_rep', 'GET', '/sales/orders')).body.total).toBe(before);
    await rep.context().close();
  }, 60_000);

  it('exports the orders list as a CSV file that opens with its Chinese text intact', async () => {
    const rep = await signedIn('sales_rep');
    await rep.getByRole('navigation').getByRole('menuitem', { name: '订单', exact: true }).click();
    await rep.getByRole('heading', { name: '订单' }).waitFor();
    const [download] = await Promise.all([rep.waitForEvent('download'), rep.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sales-list-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(header.split(',').slice(0, 4)).toEqual(['id', 'number', 'customerId', 'customerName']);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.includes(customer.name))).toBe(true);
    await rep.context().close();
  }, 60_000);

  it('shows each person only the screens their roles allow, and switches to English', async () => {
    const cashier = await signedIn('cashier');
    const menu = async () => (await cashier.getByRole('navigation').getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
    expect(await menu()).toEqual(['经营看板', '订单', '客户', '价格表', '定金锁价', '收款', '应退款', '红字发票（贷项通知）', '收银日结', '现金交库', '送存银行', '发票', '应收账款', '客户对账单', '应付账款', '付款申请', '老带新奖励发放']);
    await cashier.getByRole('button', { name: 'English' }).click();
    expect(await menu()).toEqual(['Dashboard', 'Orders', 'Customers', 'Price lists', 'Price holds', 'Receipts', 'Refunds due', 'Credit notes', 'Cashier days', 'Cash handovers', 'Bank runs', 'Invoices', 'Receivables', 'Customer statement', 'Payables', 'Payment requests', 'Referral rewards to pay']);
    await cashier.getByRole('navigation').getByRole('menuitem', { name: 'Receipts' }).click();
    await cashier.getByRole('heading', { name: 'Receipts' }).waitFor();
    await shot(cashier, 'receipts-en');
    await cashier.context().close();
  }, 60_000);

  /** Opens the printable page a link on the current screen leads to (a new tab), and waits for its sheet. */
  async function openPrinted(page: Page, link: ReturnType<Page['getByRole']>): Promise<Page> {
    const [sheet] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await sheet.getByTestId('print-page').waitFor();
    await sheet.getByRole('heading', { level: 1 }).waitFor();
    return sheet;
  }

  it('prints the shipped order\'s invoice to PDF: its number, the tax ids and the 13 % VAT lines', async () => {
    expect(shippedOrderId).toBeDefined();
    const [invoice] = (await p.call('accountant', 'GET', `/finance/invoices?orderId=${shippedOrderId}`)).body.items;
    expect(invoice).toBeDefined();
    const accountant = await signedIn('accountant');
    await accountant.goto(`${p.gateway.url}/#/invoices`);
    const row = accountant.getByRole('row').filter({ hasText: invoice.number });
    const sheet = await openPrinted(accountant, row.getByRole('link', { name: '打印' }));
    await sheet.getByTestId('invoice-number').filter({ hasText: invoice.number }).waitFor();
    await shot(sheet, 'print-invoice');
    const pdf = await sheet.pdf({ format: 'A4', printBackground: true });
    const file = join(DOCUMENTS, 'invoice.pdf');
    writeFileSync(file, pdf);
    const extracted = spawnSync(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], { encoding: 'utf8' });
    expect(extracted.stderr).toBe('');
    const text = extracted.stdout.replace(/\s+/g, ' ');
    // ¥256.00 with VAT included: ¥226.55 net and ¥29.45 VAT at 13 %, on the line and in the totals.
    for (const printed of [invoice.number, '销售发票', '纳税人识别号', BUYER_TAX_ID, '91310000MA1FL8XQ30', '税额', '13%', '¥226.55', '¥29.45', '¥256.00', '贰佰伍拾陆元整']) {
      expect(text).toContain(printed);
    }
    await sheet.close();
    await accountant.context().close();
  }, 60_000);

  it('prints the receipt, the pick list, the delivery note with its signature lines and the customer statement', async () => {
    expect(shippedOrderId).toBeDefined();
    const manager = await signedIn('finance_manager');
    const [receipt] = (await p.call('finance_manager', 'GET', `/finance/receipts?orderId=${shippedOrderId}`)).body.items;
    const [pickList] = (await p.call('warehouse_manager', 'GET', `/inventory/pick-lists?orderId=${shippedOrderId}`)).body.items;
    const [shipment] = (await p.call('warehouse_manager', 'GET', `/inventory/shipments?orderId=${shippedOrderId}`)).body.items;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const sheets: Array<[string, string, string[]]> = [
      ['receipt', `receipt/${receipt.id}`, [receipt.number, '收款收据', '贰佰伍拾陆元整', '收款人']],
      ['pick-list', `pick-list/${pickList.id}`, [pickList.number, '拣货单', sku, '复核人']],
      ['delivery-note', `delivery-note/${shipment.id}`, [shipment.number, '送货单', 'SF1234567890', '王芳', '收货人签收']],
      ['statement', `statement/${customer.id}?from=${today}&to=${today}`, ['客户对账单', customer.name, '期末余额']],
    ];
    for (const [name, path, texts] of sheets) {
      const reader = name === 'pick-list' || name === 'delivery-note' ? await signedIn('warehouse_manager') : manager;
      await reader.goto(`${p.gateway.url}/#/print/${path}`);
      await reader.getByTestId('print-page').waitFor();
      for (const text of texts) await reader.getByTestId('print-page').getByText(text, { exact: false }).first().waitFor();
      await shot(reader, `print-${name}`);
      if (reader !== manager) await reader.context().close();
    }
    await manager.context().close();
  }, 90_000);

  it('shows a manager\'s dashboard whose figures follow new orders live', async () => {
    const gm = await signedIn('general_manager');
    await gm.goto(`${p.gateway.url}/#/dashboard`);
    const ordersToday = gm.getByTestId('orders-today');
    await ordersToday.waitFor();
    const before = Number(await ordersToday.innerText());
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    await ordersToday.filter({ hasText: String(before + 1) }).waitFor({ timeout: 15_000 });
    await gm.locator('.recharts-surface').first().waitFor();
    await shot(gm, 'dashboard');
    await gm.context().close();
  }, 60_000);

  // Every screen of the menu, opened by someone whose roles allow it: a screenshot, and axe-core finds no
  // serious or critical accessibility violation.
  const SCREENS: Array<[role: string, route: string, name: string]> = [
    ['general_manager', '/dashboard', 'dashboard-screen'],
    ['sales_rep', '/orders', 'orders'],
    ['sales_rep', '/orders/new', 'new-order-screen'],
    ['sales_manager', '/approvals', 'approvals'],
    ['sales_manager', '/customers', 'customers'],
    ['sales_manager', '/credit-changes', 'credit-changes'],
    ['sales_manager', '/price-lists', 'price-lists'],
    ['sales_manager', '/price-holds', 'price-holds'],
    ['ecommerce_operator', '/promotions', 'promotions'],
    ['sales_manager', '/shortages', 'shortages'],
    ['sales_rep', '/shipping-notices', 'shipping-notices'],
    ['sales_manager', '/returns', 'returns'],
    ['receptionist', '/reception', 'reception'],
    ['sales_manager', '/duty-roster', 'duty-roster'],
    ['sales_rep', '/leads', 'leads'],
    ['sales_vp', '/targets', 'targets'],
    ['sales_vp', '/sales-performance', 'sales-performance'],
    ['sales_manager', '/referral-rewards', 'referral-rewards'],
    ['ecommerce_operator', '/business-accounts', 'business-accounts'],
    ['customer_service', '/service-tickets', 'service-tickets'],
    ['ecommerce_operator', '/listings', 'listings'],
    ['store_clerk', '/till', 'till'],
    ['bar_staff', '/bar', 'bar-board'],
    ['bar_supervisor', '/shift-handovers', 'shift-handovers'],
    ['bar_supervisor', '/outlet-rota', 'outlet-rota'],
    ['bar_supervisor', '/outlet-waste', 'outlet-waste'],
    ['store_manager', '/outlet-targets', 'outlet-targets'],
    ['store_clerk', '/outlet-complaints', 'outlet-complaints'],
    ['store_manager', '/replenishments', 'replenishments'],
    ['sales_manager', '/outlets', 'outlets'],
    ['cashier', '/receipts', 'receipts'],
    ['accountant', '/transfers-to-verify', 'transfers-to-verify'],
    ['finance_manager', '/deposits-to-approve', 'deposits-to-approve'],
    ['cashier', '/refunds', 'refunds'],
    ['accountant', '/credit-notes', 'credit-notes'],
    ['accountant', '/cashier-days', 'cashier-days'],
    ['finance_manager', '/cash-handovers', 'cash-handovers'],
    ['finance_manager', '/bank-deposits', 'bank-deposits'],
    ['finance_manager', '/invoices', 'invoices'],
    ['finance_manager', '/receivables', 'receivables'],
    ['finance_manager', '/aging', 'aging-groups'],
    ['finance_manager', '/commissions', 'commissions'],
    ['finance_manager', '/statement', 'statement'],
    ['accountant', '/journal', 'journal'],
    ['accountant', '/trial-balance', 'trial-balance'],
    ['accountant', '/vouchers', 'vouchers'],
    ['finance_manager', '/period-close', 'period-close'],
    ['accountant', '/statements', 'financial-statements'],
    ['accountant', '/payables', 'payables'],
    ['purchasing_manager', '/payment-requests', 'payment-requests'],
    ['accountant', '/referral-rewards-to-pay', 'referral-rewards-to-pay'],
    ['production_planner', '/production-orders', 'production-orders'],
    ['quality_manager', '/late-steps', 'late-steps'],
    ['production_planner', '/sku-supply', 'sku-supply'],
    ['warehouse_keeper', '/pick-lists', 'pick-lists'],
    ['warehouse_keeper', '/shipments', 'shipments'],
    ['warehouse_manager', '/goods-receipts', 'goods-receipts'],
    ['warehouse_manager', '/stock', 'stock'],
    ['warehouse_keeper', '/returns-to-receive', 'returns-to-receive'],
    ['warehouse_keeper', '/transfers', 'transfers'],
    ['warehouse_keeper', '/stocktakes', 'stocktakes'],
    ['warehouse_keeper', '/sample-loans', 'sample-loans'],
    ['purchasing_manager', '/suppliers', 'suppliers'],
    ['purchaser', '/purchase-orders', 'purchase-orders'],
    ['warehouse_keeper', '/purchase-returns', 'purchase-returns'],
    ['warehouse_manager', '/purchase-suggestions', 'purchase-suggestions'],
    ['purchasing_manager', '/supplier-evaluation', 'supplier-evaluation'],
    ['purchaser', '/material-requests', 'material-requests'],
    ['security_guard', '/gate-checks', 'gate-checks'],
    ['security_manager', '/incidents', 'incidents'],
    ['security_captain', '/posts', 'posts'],
    ['security_captain', '/patrols', 'patrols'],
    ['security_captain', '/security-exceptions', 'security-exceptions'],
    ['security_manager', '/patrol-compliance', 'patrol-compliance'],
    ['security_manager', '/notifications', 'notifications'],
    ['monitoring_operator', '/monitoring-room', 'monitoring-room'],
    ['receptionist', '/visitors', 'visitors'],
    ['security_captain', '/escorts', 'escorts'],
    ['admin', '/users', 'users'],
    ['auditor', '/audit', 'audit'],
  ];

  it('lists every screen of the menu here', () => {
    const menu = [...readFileSync(join(ROOT, 'apps/console/src/lib/permissions.ts'), 'utf8').matchAll(/key: '\w+', path: '([^']+)'/g)].map((m) => m[1]);
    expect(menu.length).toBeGreaterThan(30);
    expect(menu.filter((path) => !SCREENS.some(([, route]) => route === path))).toEqual([]);
  });

  // A dozen screens per test, so that each part keeps to its own time limit however many screens the menu grows to.
  const SCREEN_PARTS = Array.from({ length: Math.ceil(SCREENS.length / 12) }, (_, i) => [i + 1, SCREENS.slice(i * 12, i * 12 + 12)] as const);
  it.each(SCREEN_PARTS)('opens every screen for a role that may use it, with no serious accessibility violations (axe-core), part %i', async (_part, screens) => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const pages = new Map<string, Page>();
    const found: string[] = [];
    for (const [role, route, name] of screens) {
      const page = pages.get(role) ?? await signedIn(role);
      pages.set(role, page);
      await page.goto(`${p.gateway.url}/#${route}`);
      await page.waitForURL(new RegExp(`#${route.replace(/\//g, '\\/')}$`));
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await shot(page, `screen-${name}`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      found.push(...violations.map((v) => `${route} as ${role}: ${v}`));
    }
    for (const page of pages.values()) await page.context().close();
    expect(found).toEqual([]);
  }, 180_000);
});
