import { addDays, businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aPriceList, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The four read-only reports the managers' dashboard charts: sales per day, receivables aging with finance's
 * queues, SKUs below their reorder point, and incidents by type and severity. Each is checked against data
 * made through the API on this file's own platform and database, so the numbers are exact.
 */
describe('dashboard reports', () => {
  let p: TestPlatform;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const fieldsOf = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  describe('GET sales/reports/daily', () => {
    it('counts orders by the day they were placed and cancelled, every day of the period present, and what waits for approval', async () => {
      const customer = await aCustomer(p, '杭州龙井茶庄');
      const sku = await aSkuWithStock(p, 10, 12_345);
      const big = await aSkuWithStock(p, 0, 10_000_000); // 100,000 CNY: a sales manager approves it
      const first = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
      const second = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      const pending = await placeOrder(p, orderBody(customer.id, [{ sku: big, quantity: 1 }]));
      expect([first.status, second.status, pending.status]).toEqual(['approved', 'approved', 'pending_approval']);
      expect((await p.call('sales_rep', 'POST', `/sales/orders/${second.id}/cancel`, { reason: 'Customer ordered twice', moneyDisposition: 'keep_as_prepayment' })).status).toBe(200);
      // A credit change and a price list waiting for their approvers.
      const change = await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'B', creditLimitFen: 1_000_000, paymentTermsDays: 30, reason: 'Asks for terms' });
      expect(change.status).toBe(201);
      expect((await p.call('sales_manager', 'POST', '/sales/price-lists', { name: 'Next year', validFrom: '2027-01-01', lines: [{ sku, listPriceFen: 13_000, floorPriceFen: 12_000 }] })).status).toBe(201);

      const today = businessDate();
      const report = await p.call('sales_manager', 'GET', '/sales/reports/daily');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ from: addDays(today, -29), to: today, pendingApproval: { orders: 1, creditChanges: 1, priceLists: 1 } });
      // Every date of the 30, oldest first; nothing before today. The cancelled order still counts as placed today.
      expect(report.body.days).toEqual([
        ...Array.from({ length: 29 }, (_, i) => ({ date: addDays(today, i - 29), ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 })),
        { date: today, ordersPlaced: 2, placedFen: 2 * 12_345 + 12_345, ordersCancelled: 1 },
      ]);

      // Approved by the sales manager: placed today too, and no longer waiting.
      expect((await p.call('sales_manager', 'POST', `/sales/orders/${pending.id}/approve`)).status).toBe(200);
      const after = await p.call('general_manager', 'GET', `/sales/reports/daily?from=${addDays(today, -2)}&to=${today}`);
      expect(after.body).toMatchObject({
        from: addDays(today, -2), to: today, pendingApproval: { orders: 0, creditChanges: 1, priceLists: 1 },
        days: [
          { date: addDays(today, -2), ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
          { date: addDays(today, -1), ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
          { date: today, ordersPlaced: 3, placedFen: 3 * 12_345 + 10_000_000, ordersCancelled: 1 },
        ],
      });
      expect((await p.read(`/sales/reports/daily?to=${addDays(today, -1)}`)).body).toMatchObject({ from: addDays(today, -30), to: addDays(today, -1) });
    });

    it('refuses a period that ends before it starts or exceeds 92 days, naming the field, and roles outside sales management', async () => {
      const today = businessDate();
      const backwards = await p.call('sales_vp', 'GET', `/sales/reports/daily?from=${today}&to=${addDays(today, -1)}`);
      expect(backwards).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json') });
      expect(fieldsOf(backwards.body)).toEqual(['to']);
      expect(fieldsOf((await p.call('sales_vp', 'GET', `/sales/reports/daily?from=${addDays(today, 1)}`)).body)).toEqual(['from']);
      expect((await p.call('sales_vp', 'GET', '/sales/reports/daily?from=2026-01-01&to=2026-04-02')).body.days).toHaveLength(92);
      const long = await p.call('sales_vp', 'GET', '/sales/reports/daily?from=2026-01-01&to=2026-04-03');
      expect(long.status).toBe(400);
      expect(fieldsOf(long.body)).toEqual(['to']);
      expect(fieldsOf((await p.call('sales_vp', 'GET', `/sales/reports/daily?from=${addDays(today, -92)}`)).body)).toEqual(['from']);
      const notADate = await p.call('sales_vp', 'GET', '/sales/reports/daily?from=2026-02-30');
      expect(notADate.status).toBe(400);
      expect(fieldsOf(notADate.body)).toContain('from');
      for (const role of ['sales_rep', 'cashier', 'warehouse_keeper']) {
        expect(await p.call(role, 'GET', '/sales/reports/daily')).toMatchObject({ status: 403, body: { type: expect.stringContaining('role-required') } });
      }
    });
  });

  describe('GET finance/receivables/aging', () => {
    const aging = (role = 'finance_manager') => p.call(role, 'GET', '/finance/receivables/aging');
    const accountOf = (orderId: string) => waitFor(`finance to open ${orderId}`, async () => (await p.read(`/finance/orders/${orderId}/account`)).status === 200);
    type Bucket = { bucket: string; receivables: number; openFen: number };
    const bucket = (body: { buckets: Bucket[] }, name: string): Bucket => body.buckets.find((b) => b.bucket === name)!;

    it('buckets open receivables by days past due on today\'s business date, and counts finance\'s queues', async () => {
      const before = (await aging()).body;
      expect(before.buckets.map((b: { bucket: string }) => b.bucket)).toEqual(['not_due', 'days_1_30', 'days_31_60', 'days_61_90', 'over_90']);

      // A shipped credit order leaves a receivable, due after the customer's 30 days.
      const credit = await aCreditCustomer(p, { grade: 'B', creditLimitFen: 1_000_000, paymentTermsDays: 30 });
      const sku = await aSkuWithStock(p, 20, 11_300);
      const order = await placeOrder(p, orderBody(credit.id, [{ sku, quantity: 2 }], 'credit'));
      await orderReaches(p, order.id, 'ready_to_ship');
      await pickVerifyPack(p, order.id, 1);
      expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: 'ZTO-AGING-1', pieces: 1 })).status).toBe(201);
      const owed = await waitFor('the receivable in the aging', async () => {
        const body = (await aging()).body;
        return body.totalOpenFen === before.totalOpenFen + 22_600 ? body : false;
      });
      expect(owed.asOf).toBe(businessDate());
      expect(bucket(owed, 'not_due')).toEqual({ bucket: 'not_due', receivables: bucket(before, 'not_due').receivables + 1, openFen: bucket(before, 'not_due').openFen + 22_600 });

      // 45 days past its due date, as the books would have it then: days 31 to 60.
      await sql(`UPDATE finance.receivables SET due_date = $2 WHERE order_id = $1`, [order.id, addDays(businessDate(), -45)]);
      const late = (await aging('sales_vp')).body;
      expect(bucket(late, 'not_due')).toEqual(bucket(before, 'not_due'));
      expect(bucket(late, 'days_31_60')).toEqual({ bucket: 'days_31_60', receivables: bucket(before, 'days_31_60').receivables + 1, openFen: bucket(before, 'days_31_60').openFen + 22_600 });
      expect(late.totalOpenFen).toBe(late.buckets.reduce((sum: number, b: { openFen: number }) => sum + b.openFen, 0));

      // The queues: a transfer to verify, a first payment below the deposit, a refund due.
      const customer = await aCustomer(p);
      const orders = [];
      for (let i = 0; i < 3; i++) orders.push(await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }])));
      for (const o of orders) await accountOf(o.id);
      const transfer = await p.call('cashier', 'POST', '/finance/receipts', { orderId: orders[0].id, method: 'transfer', amountFen: 11_300, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: businessDate() });
      expect(transfer.body.status).toBe('pending_verification');
      const deposit = await p.call('cashier', 'POST', '/finance/receipts', { orderId: orders[1].id, method: 'cash', amountFen: 5_000, counterfeitChecked: true });
      expect(deposit.body.status).toBe('awaiting_deposit_approval');
      expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: orders[2].id, method: 'cash', amountFen: 11_300, counterfeitChecked: true })).body.status).toBe('counted');
      await orderReaches(p, orders[2].id, 'ready_to_ship');
      expect((await p.call('sales_rep', 'POST', `/sales/orders/${orders[2].id}/cancel`, { reason: 'Customer withdrew', moneyDisposition: 'refund' })).status).toBe(200);
      const queues = await waitFor('the refund due in the queues', async () => {
        const body = (await aging('accountant')).body;
        return body.waiting.refundsDue === before.waiting.refundsDue + 1 ? body : false;
      });
      expect(queues.waiting).toEqual({
        transfersToVerify: before.waiting.transfersToVerify + 1, depositsToApprove: before.waiting.depositsToApprove + 1, refundsDue: before.waiting.refundsDue + 1,
      });

      // Verified, the transfer leaves its queue.
      expect((await p.call('accountant', 'POST', `/finance/receipts/${transfer.body.id}/verify`)).status).toBe(200);
      expect((await aging()).body.waiting.transfersToVerify).toBe(before.waiting.transfersToVerify);
    });

    it('answers the roles that read receivables, and refuses the others', async () => {
      for (const role of ['cashier', 'accountant', 'sales_manager', 'general_manager', 'auditor']) expect((await aging(role)).status).toBe(200);
      for (const role of ['sales_rep', 'warehouse_manager', 'security_manager']) expect((await aging(role)).status).toBe(403);
    });
  });

  describe('GET inventory/stock/low', () => {
    const registerSku = (code: string, reorderPoint?: number) =>
      p.call('warehouse_manager', 'POST', '/inventory/skus', { code, name: `Tea ${code}`, model: 'LJ-250', version: 'v2', unit: 'box', ...(reorderPoint === undefined ? {} : { reorderPoint }) });
    const low = async (role = 'purchaser') => {
      const res = await p.call(role, 'GET', '/inventory/stock/low');
      expect(res.status).toBe(200);
      return res.body as { items: Array<{ sku: string; shortfall: number; reservedQuantity: number }> };
    };

    it('lists SKUs whose available stock over all warehouses is below their reorder point, biggest shortfall first', async () => {
      const run = p.env.runId.toUpperCase();
      const [short, plenty, empty, never] = ['SHORT', 'PLENTY', 'EMPTY', 'NEVER'].map((name) => `LOW-${run}-${name}`);
      const registered = await registerSku(short, 10);
      expect(registered).toMatchObject({ status: 201, body: { code: short, reorderPoint: 10 } });
      expect((await registerSku(plenty, 5)).status).toBe(201);
      expect((await registerSku(empty, 3)).status).toBe(201);
      expect((await registerSku(never)).body).toMatchObject({ reorderPoint: 0 });
      await receiveStock(p, short, 6, 'LOW-OPENING');
      await receiveStock(p, plenty, 20, 'LOW-OPENING');
      await aPriceList(p, [{ sku: short, listPriceFen: 1_000 }]);
      // 2 of the 6 reserved for an order: 4 available, 6 short of 10.
      const customer = await aCustomer(p);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku: short, quantity: 2 }]));
      await orderReaches(p, order.id, 'awaiting_payment');

      const listed = await waitFor('the reservation in the low-stock list', async () => {
        const body = await low();
        const item = body.items.find((i) => i.sku === short);
        return item?.reservedQuantity === 2 ? body : false;
      });
      const ours = listed.items.filter((i) => i.sku.startsWith(`LOW-${run}-`));
      expect(ours).toEqual([
        { sku: short, name: `Tea ${short}`, unit: 'box', reorderPoint: 10, onHandQuantity: 6, reservedQuantity: 2, availableQuantity: 4, shortfall: 6 },
        { sku: empty, name: `Tea ${empty}`, unit: 'box', reorderPoint: 3, onHandQuantity: 0, reservedQuantity: 0, availableQuantity: 0, shortfall: 3 },
      ]);
      // Sorted by shortfall over the whole list.
      const shortfalls = listed.items.map((i) => i.shortfall);
      expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
      // The stock route next to it still answers stock levels, page by page: neither shadows the other.
      const stock = await p.call('purchaser', 'GET', `/inventory/stock?sku=${short}`);
      expect(stock.body).toMatchObject({ items: [{ sku: short, onHand: 6, reserved: 2, available: 4 }], total: 1 });
      expect((await p.call('purchaser', 'GET', '/inventory/skus?pageSize=200')).body.items.find((s: { code: string }) => s.code === plenty)).toMatchObject({ reorderPoint: 5 });

      // Stock arriving above the point takes it off the list.
      await receiveStock(p, short, 10, 'LOW-TOP-UP');
      expect((await low('sales_rep')).items.map((i) => i.sku)).not.toContain(short);
    });

    it('takes a whole reorder point of 0 or more, and refuses roles that may not read stock', async () => {
      const run = p.env.runId.toUpperCase();
      for (const [reorderPoint, n] of [[-1, 1], [1.5, 2], ['7', 3]] as const) {
        const res = await registerSku(`LOW-${run}-BAD-${n}`, reorderPoint as number);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain('reorderPoint');
      }
      for (const role of ['warehouse_keeper', 'sales_assistant', 'auditor']) await low(role);
      for (const role of ['cashier', 'security_guard']) expect((await p.call(role, 'GET', '/inventory/stock/low')).status).toBe(403);
    });
  });

  describe('GET security/incidents/summary', () => {
    const report = (facts: { type: string; severity: string; occurredAt?: string }) =>
      p.call('security_guard', 'POST', '/security/incidents', { location: 'Gate 2', description: 'Seen on the night patrol', ...facts });
    /** Noon in Shanghai on a business date. */
    const noonOn = (date: string) => `${date}T04:00:00Z`;

    it('counts the period\'s incidents by the day they occurred, per type and severity, and those still open', async () => {
      const today = businessDate();
      for (const facts of [
        { type: 'theft', severity: 'high' },
        { type: 'theft', severity: 'high' },
        { type: 'fire_hazard', severity: 'low' },
        { type: 'theft', severity: 'high', occurredAt: noonOn(addDays(today, -3)) },
        { type: 'intrusion', severity: 'critical', occurredAt: noonOn(addDays(today, -40)) },
      ]) expect((await report(facts)).status).toBe(201);
      // One of them is over: resolved and closed, as the security manager would have it.
      await sql(`UPDATE security.incidents SET status = 'closed' WHERE type = 'fire_hazard'`);

      const summary = await p.call('security_manager', 'GET', '/security/incidents/summary');
      expect(summary).toMatchObject({ status: 200 });
      expect(summary.body).toEqual({
        from: addDays(today, -29), to: today, total: 4, open: 3,
        counts: [{ type: 'theft', severity: 'high', count: 3 }, { type: 'fire_hazard', severity: 'low', count: 1 }],
        byStatus: { reported: 3, acknowledged: 0, investigating: 0, resolved: 0, closed: 1 },
      });
      const threeDaysAgo = addDays(today, -3);
      expect((await p.call('monitoring_operator', 'GET', `/security/incidents/summary?from=${threeDaysAgo}&to=${threeDaysAgo}`)).body).toEqual({
        from: threeDaysAgo, to: threeDaysAgo, total: 1, open: 1, counts: [{ type: 'theft', severity: 'high', count: 1 }],
        byStatus: { reported: 1, acknowledged: 0, investigating: 0, resolved: 0, closed: 0 },
      });
      const longAgo = addDays(today, -40);
      expect((await p.call('general_manager', 'GET', `/security/incidents/summary?from=${addDays(longAgo, -1)}&to=${addDays(longAgo, 1)}`)).body).toMatchObject({
        total: 1, counts: [{ type: 'intrusion', severity: 'critical', count: 1 }],
      });
      expect((await p.read(`/security/incidents/summary?to=${addDays(today, -4)}`)).body).toMatchObject({ total: 0, open: 0, counts: [] });
    });

    it('refuses a bad period naming the field, and roles outside the list', async () => {
      const today = businessDate();
      const backwards = await p.call('security_captain', 'GET', `/security/incidents/summary?from=${today}&to=${addDays(today, -5)}`);
      expect(backwards.status).toBe(400);
      expect(fieldsOf(backwards.body)).toEqual(['to']);
      const long = await p.call('security_captain', 'GET', `/security/incidents/summary?from=${addDays(today, -100)}&to=${today}`);
      expect(long.status).toBe(400);
      expect(fieldsOf(long.body)).toEqual(['to']);
      for (const role of ['security_guard', 'warehouse_manager', 'sales_vp']) {
        expect(await p.call(role, 'GET', '/security/incidents/summary')).toMatchObject({ status: 403, body: { type: expect.stringContaining('role-required') } });
      }
      // The incident list beside it is still the list.
      expect((await p.call('security_manager', 'GET', '/security/incidents?pageSize=1')).body).toMatchObject({ page: 1, pageSize: 1 });
    });
  });
});
