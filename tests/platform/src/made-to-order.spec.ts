import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { addDays, setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, expectStockLedgerInOrder, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Made to order end to end (issue 19), through the gateway: a made-to-order line is never reserved from stock; the
 * order is placed on the customer's written confirmation; no production order exists until finance confirms the
 * deposit, then one per line; a failed sample check stops its step until the quality manager's rework and a passing
 * check; the first run of a customer's design needs its reference sample; received into stock, the goods are
 * reserved for the order and the customer is told the balance; they ship only once paid in full. Outsourced to a
 * contract factory, the finished goods' receipt is the factory's payable. A late step is listed on the day it
 * becomes late on the business clock. The books and the stock ledger hold after each test.
 */
describe('made to order', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { deposits: [] as EventEnvelope<any>[], completed: [] as EventEnvelope<any>[], notices: [] as EventEnvelope<any>[] };
  // The business clock stands on `today`, mid-morning in Shanghai; a test moves it by setting `today`.
  let today = '2026-12-01';
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

  beforeAll(async () => {
    setBusinessClock(() => new Date(`${today}T02:00:00Z`));
    p = await TestPlatform.start();
    for (const [type, into] of [['finance.deposit.confirmed', heard.deposits], ['inventory.production.completed', heard.completed], ['finance.balance-notice.issued', heard.notices]] as const) {
      subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
    }
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  afterEach(async () => {
    today = '2026-12-01';
    await expectStockLedgerInOrder(p);
    await expectBooksInOrder(p);
  });

  /** Events heard once each (the relay publishes at least once; the stream drops copies by message id, a plain subscriber may not). */
  const once = (events: EventEnvelope<any>[], orderId: string) => [...new Map(events.filter((e) => e.data.orderId === orderId).map((e) => [e.id, e.data])).values()];
  /** Long enough for the outbox relays (250 ms polls) and consumers to have done anything they were going to. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));
  const ok = (res: { status: number; body: unknown }, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as any;
  };

  /**
   * A SKU sales prices at `listPriceFen` that inventory makes to order: two steps over `leadDays`, one material taking
   * two units per finished unit (in stock, so the first step can issue it). Waits until sales has heard it is made to order.
   */
  async function aMadeToOrderSku(listPriceFen = 50_000, leadDays = 5) {
    const material = await aSkuWithStock(p, 100, 100);
    const sku = await aSkuWithStock(p, 0, listPriceFen);
    ok(await p.call('production_planner', 'PUT', `/inventory/skus/${sku}/supply`, {
      madeToOrder: true, leadDays, steps: [{ name: '裁切 Cutting' }, { name: '组装 Assembly' }], materials: [{ sku: material, quantityPerUnit: 2 }],
    }));
    await waitFor(`sales to hear ${sku} is made to order`, () => withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT made_to_order FROM sales.sku_supply WHERE sku = $1`, [sku])).rows[0]?.made_to_order === true));
    return { sku, material };
  }

  /** An order of `quantity` × the SKU at its list price, agreed with a deposit, placed on the customer's written confirmation; finance has opened it. */
  async function aConfirmedOrder(sku: string, quantity: number, requiredDepositFen: number, requestedDate = '2026-12-20') {
    const customer = await aCustomer(p, '木作家居');
    const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity }]), requestedDate, requiredDepositFen });
    expect(order.status).toBe('awaiting_confirmation');
    const placed = ok(await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, { documentRef: unique('DMS'), signedBy: '王芳', signedOn: today }));
    expect(placed).toMatchObject({ status: 'in_production', lines: [{ sku, madeToOrder: true }] });
    const account = ok(await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`));
    expect(account).toMatchObject({ madeToOrder: true, requiredDepositFen, depositConfirmedAt: null });
    return { order, customer };
  }

  const productionOrdersOf = async (orderId: string) => ok(await p.read(`/inventory/production-orders?orderId=${orderId}`)).items as any[];
  const theProductionOrder = (orderId: string) => waitFor(`the production order of ${orderId}`, async () => {
    const items = await productionOrdersOf(orderId);
    return items.length ? items : false;
  });
  const cash = (orderId: string, amountFen: number) => p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });
  const mo = (id: string) => `/inventory/production-orders/${id}`;
  const stockOf = async (sku: string) => (ok(await p.read(`/inventory/stock?sku=${sku}`)).items.find((l: { warehouseCode: string }) => l.warehouseCode === 'MAIN') ?? { onHand: 0, reserved: 0 });
  const pass = { result: 'pass', sampleSize: 2, defects: [] };

  /** Runs a step that passes its check at once. */
  async function runStep(id: string, stepNo: number) {
    ok(await p.call('production_planner', 'POST', `${mo(id)}/steps/${stepNo}/start`));
    ok(await p.call('qc_inspector', 'POST', `${mo(id)}/steps/${stepNo}/sample-checks`, pass), 201);
    return ok(await p.call('production_planner', 'POST', `${mo(id)}/steps/${stepNo}/complete`));
  }

  it('produces a made-to-order line only after the deposit, stops a failed step until rework passes, tells the balance, and ships once paid in full', async () => {
    const { sku, material } = await aMadeToOrderSku(50_000);
    const [inspector, qualityManager] = await Promise.all(['qc_inspector', 'quality_manager'].map(async (role) => ok(await p.call(role, 'GET', '/auth/me')).userId as string));
    const { order, customer } = await aConfirmedOrder(sku, 2, 30_000);
    expect(order.totalFen).toBe(100_000);

    // Placed and heard by everyone, yet nothing is produced nor reserved before the deposit.
    await settle();
    expect(await productionOrdersOf(order.id)).toEqual([]);
    expect(await stockOf(sku)).toMatchObject({ onHand: 0, reserved: 0 });
    expect(once(heard.deposits, order.id)).toEqual([]);

    // The deposit counts: finance confirms it once, and inventory issues one production order for the line.
    expect(ok(await cash(order.id, 30_000), 201)).toMatchObject({ status: 'counted', outstandingFen: 70_000 });
    const [made] = await theProductionOrder(order.id);
    expect(made).toMatchObject({
      status: 'planned', sku, quantity: 2, customerId: customer.id, orderKind: 'sale', requestedDate: '2026-12-20', plannedFinish: '2026-12-20', plannedStart: '2026-12-15',
      behindRequestedDate: false, firstRun: true, number: expect.stringMatching(/^MO-\d{4}-\d{6}$/),
    });
    expect(once(heard.deposits, order.id)).toEqual([expect.objectContaining({ requiredDepositFen: 30_000, paidFen: 30_000 })]);
    expect(ok(await p.read(`/finance/orders/${order.id}/account`)).depositConfirmedAt).toEqual(expect.any(String));
    await settle();
    expect(await productionOrdersOf(order.id)).toHaveLength(1);

    // Released to our own workshop; the first step's start issues the materials (2 per unit).
    expect(ok(await p.call('production_planner', 'POST', `${mo(made.id)}/release`, { route: 'in_house' }))).toMatchObject({ status: 'released', route: 'in_house' });
    expect(ok(await p.call('production_planner', 'POST', `${mo(made.id)}/steps/1/start`))).toMatchObject({ status: 'in_progress', materialsIssued: true, steps: [{ stepNo: 1, status: 'in_progress' }, { stepNo: 2, status: 'pending' }] });
    expect(await stockOf(material)).toMatchObject({ onHand: 96 });

    // A failed sample stops the step: it can be neither completed nor checked again until the quality manager decides.
    const failed = ok(await p.call('qc_inspector', 'POST', `${mo(made.id)}/steps/1/sample-checks`, { result: 'fail', sampleSize: 2, defects: [{ description: '尺寸偏差 off size', quantity: 1 }] }), 201);
    expect(failed.steps[0]).toMatchObject({ status: 'stopped', passed: false, checks: [{ result: 'fail', inspector, defects: [{ description: '尺寸偏差 off size', quantity: 1 }] }] });
    expect((await p.call('production_planner', 'POST', `${mo(made.id)}/steps/1/complete`)).status).toBe(409);
    expect((await p.call('qc_inspector', 'POST', `${mo(made.id)}/steps/1/sample-checks`, pass)).status).toBe(409);
    expect((await p.call('production_planner', 'POST', `${mo(made.id)}/steps/2/start`)).status).toBe(409);
    expect((await p.call('qc_inspector', 'POST', `${mo(made.id)}/steps/1/decision`, { decision: 'concession', note: 'fine by me' })).status).toBe(403);
    const rework = ok(await p.call('quality_manager', 'POST', `${mo(made.id)}/steps/1/decision`, { decision: 'rework', note: 'Re-cut both panels' }));
    expect(rework.steps[0]).toMatchObject({ status: 'in_progress', passed: false, decisions: [{ decision: 'rework', decidedBy: qualityManager }] });
    // Rework needs a new passing check before the step completes.
    const unchecked = await p.call('production_planner', 'POST', `${mo(made.id)}/steps/1/complete`);
    expect(unchecked.status).toBe(409);
    expect(unchecked.body.type).toContain('sample-check-required');
    ok(await p.call('qc_inspector', 'POST', `${mo(made.id)}/steps/1/sample-checks`, pass), 201);
    expect(ok(await p.call('production_planner', 'POST', `${mo(made.id)}/steps/1/complete`)).steps[0]).toMatchObject({ status: 'completed', passed: true });

    // The first run of this customer's design is done only with its reference sample registered.
    ok(await p.call('production_planner', 'POST', `${mo(made.id)}/steps/2/start`));
    ok(await p.call('qc_inspector', 'POST', `${mo(made.id)}/steps/2/sample-checks`, pass), 201);
    const noSample = await p.call('production_planner', 'POST', `${mo(made.id)}/steps/2/complete`);
    expect(noSample.status).toBe(409);
    expect(noSample.body.type).toContain('reference-sample-missing');
    ok(await p.call('quality_manager', 'POST', `${mo(made.id)}/reference-sample`, { sampleCode: unique('RS'), location: '样品室 A-3' }), 201);
    expect(ok(await p.call('production_planner', 'POST', `${mo(made.id)}/steps/2/complete`))).toMatchObject({ status: 'done' });

    // Received into stock and reserved for this order only; finance tells the customer the balance, sales shows it.
    expect(ok(await p.call('warehouse_keeper', 'POST', `${mo(made.id)}/receive`, {}))).toMatchObject({ status: 'received' });
    expect(await stockOf(sku)).toMatchObject({ onHand: 2, reserved: 2 });
    await waitFor('production completed', () => once(heard.completed, order.id).length > 0);
    const withNotice = await waitFor('sales to show the balance notice', async () => {
      const res = await p.read(`/sales/orders/${order.id}`);
      return res.body.balanceNotice ? res.body : false;
    });
    expect(withNotice.balanceNotice).toMatchObject({ totalFen: 100_000, paidFen: 30_000, balanceFen: 70_000 });
    expect(withNotice.history.map((h: { reason: string }) => h.reason).join('\n')).toContain('balance');
    expect(ok(await p.read(`/finance/orders/${order.id}/account`)).balanceNotice).toMatchObject({ balanceFen: 70_000, paidFen: 30_000 });
    expect(once(heard.notices, order.id)).toHaveLength(1);
    await orderReaches(p, order.id, 'awaiting_payment');

    // Not paid in full: nothing is picked nor shipped.
    const early = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id });
    expect(early.status).toBe(422);
    expect(early.body.type).toContain('order-not-released');
    const shipEarly = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF Express', trackingNumber: unique('SF'), pieces: 1 });
    expect(shipEarly.status).toBe(422);

    // The balance paid: released, picked, packed and shipped, invoiced for the whole order.
    expect(ok(await cash(order.id, 70_000), 201)).toMatchObject({ orderFullyPaid: true, outstandingFen: 0 });
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    ok(await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF Express', trackingNumber: unique('SF'), pieces: 1 }), 201);
    await orderReaches(p, order.id, 'shipped');
    expect(await stockOf(sku)).toMatchObject({ onHand: 0, reserved: 0 });
    const invoices = await waitFor('the invoice', async () => {
      const res = await p.read(`/finance/invoices?orderId=${order.id}`);
      return res.body.total === 1 ? res.body.items : false;
    });
    expect(invoices[0]).toMatchObject({ amountFen: 100_000 });
  });

  it('books a contract factory\'s work as its payable when the finished goods are received', async () => {
    const { sku } = await aMadeToOrderSku(60_000);
    const factory = ok(await p.call('purchaser', 'POST', '/inventory/suppliers', {
      code: unique('FAB'), name: '佛山木作厂', kind: 'factory', taxId: '91440600MA4B3C4D5E', paymentTermsDays: 30, bankName: '中国工商银行佛山分行',
      bankAccount: '6222 0210 0112 3456 790', contacts: [{ name: '陈工', phone: '13900000000' }],
    }), 201);
    const trader = ok(await p.call('purchaser', 'POST', '/inventory/suppliers', {
      code: unique('SUP'), name: '杭州贸易行', kind: 'goods', taxId: '91330100MA2B3C4D5F', paymentTermsDays: 30, bankName: '中国工商银行杭州分行',
      bankAccount: '6222 0210 0112 3456 791', contacts: [{ name: '李明', phone: '13800000001' }],
    }), 201);
    const { order } = await aConfirmedOrder(sku, 2, 40_000);
    ok(await cash(order.id, 40_000), 201);
    const [made] = await theProductionOrder(order.id);

    // Only an active supplier of kind factory, with the price agreed, takes the work.
    const notFactory = await p.call('production_planner', 'POST', `${mo(made.id)}/release`, { route: 'outsourced', factorySupplierId: trader.id, agreedUnitPriceFen: 45_200 });
    expect(notFactory.status).toBe(422);
    expect(notFactory.body.errors.map((e: { field: string }) => e.field)).toContain('factorySupplierId');
    expect((await p.call('production_planner', 'POST', `${mo(made.id)}/release`, { route: 'outsourced', factorySupplierId: factory.id })).status).toBe(422);
    expect(ok(await p.call('production_planner', 'POST', `${mo(made.id)}/release`, { route: 'outsourced', factorySupplierId: factory.id, agreedUnitPriceFen: 45_200 })))
      .toMatchObject({ status: 'released', route: 'outsourced', factorySupplierId: factory.id, agreedUnitPriceFen: 45_200 });
    await runStep(made.id, 1);
    ok(await p.call('qc_inspector', 'POST', `${mo(made.id)}/reference-sample`, { sampleCode: unique('RS'), location: '样品室 B-1' }), 201);
    expect(await runStep(made.id, 2)).toMatchObject({ status: 'done' });

    // Receiving the finished goods is the factory's goods receipt at the agreed price, audited at once: finance raises its payable.
    const received = ok(await p.call('warehouse_keeper', 'POST', `${mo(made.id)}/receive`, {}));
    expect(received).toMatchObject({ status: 'received', receiptId: expect.any(String), receiptNumber: expect.stringMatching(/^GR-/) });
    const payable = await waitFor('the factory\'s payable', async () => ok(await p.call('accountant', 'GET', `/finance/payables?supplierId=${factory.id}`)).items.find((x: any) => x.receiptId === received.receiptId) ?? false);
    expect(payable).toMatchObject({ amountFen: 90_400, netFen: 80_000, vatFen: 10_400, status: 'open', receiptNumber: received.receiptNumber });
    const [entry] = ok(await p.call('accountant', 'GET', `/finance/journal?sourceId=${payable.id}`)).items;
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '1405', debitFen: 80_000 }), expect.objectContaining({ account: '222101', debitFen: 10_400 }), expect.objectContaining({ account: '2202', creditFen: 90_400 }),
    ]);
    // The goods are the order's: reserved for it, and the customer told the balance.
    expect(await stockOf(sku)).toMatchObject({ onHand: 2, reserved: 2 });
    expect(await waitFor('the balance notice', async () => ok(await p.read(`/finance/orders/${order.id}/account`)).balanceNotice ?? false)).toMatchObject({ balanceFen: 80_000 });
  });

  it('produces a free replacement part for a complaint once the business manager confirms it, paid in full at once', async () => {
    const { sku } = await aMadeToOrderSku(20_000);
    const customer = await aCustomer(p, '榆木茶台');
    const complaint = ok(await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'complaint', channel: 'phone', subject: 'Lid hinge cracked', customerId: customer.id }), 201);
    const replacement = ok(await p.call('customer_service', 'POST', `/sales/service-tickets/${complaint.id}/replacement-orders`, { lines: [{ sku, quantity: 1 }], reason: 'New lid, free of charge', requestedDate: '2026-12-20' }), 201);
    expect(replacement).toMatchObject({ status: 'pending_approval', kind: 'replacement', totalFen: 0 });
    await settle();
    expect(await productionOrdersOf(replacement.id)).toEqual([]);
    ok(await p.call('sales_manager', 'POST', `/sales/orders/${replacement.id}/approve`));
    // Nothing to pay: finance confirms payment and the (absent) deposit at opening, and production is issued.
    const account = ok(await p.call('cashier', 'GET', `/finance/orders/${replacement.id}/account?waitSeconds=10`));
    expect(account).toMatchObject({ totalFen: 0, fullyPaid: true, depositConfirmedAt: expect.any(String) });
    const [made] = await theProductionOrder(replacement.id);
    // The production order is linked to the complaint it answers.
    expect(made).toMatchObject({ orderKind: 'replacement', serviceTicketNumber: complaint.number, quantity: 1, status: 'planned' });
    expect(once(heard.deposits, replacement.id)).toEqual([expect.objectContaining({ requiredDepositFen: 0, paidFen: 0 })]);
  });

  it('lists a late step on the day it becomes late on the business clock', async () => {
    const { sku } = await aMadeToOrderSku(30_000, 6);
    const { order } = await aConfirmedOrder(sku, 1, 10_000, '2026-12-21');
    ok(await cash(order.id, 10_000), 201);
    const [made] = await theProductionOrder(order.id);
    const step1 = made.steps[0].plannedFinish as string;
    expect(step1 < made.plannedFinish).toBe(true);
    const lateOn = async (on?: string) => (ok(await p.call('production_planner', 'GET', `/inventory/production-orders/late-steps${on ? `?on=${on}` : ''}`)) as any[])
      .filter((l) => l.productionOrderId === made.id);

    // On its planned finish the step is not late yet; the next business day it is, by one day, and the day after by two.
    today = step1;
    expect(await lateOn()).toEqual([]);
    today = addDays(step1, 1);
    expect(await lateOn()).toEqual([expect.objectContaining({ productionOrderNumber: made.number, orderNumber: order.number, stepNo: 1, stepStatus: 'pending', plannedFinish: step1, daysLate: 1 })]);
    expect(await lateOn(addDays(step1, 2))).toEqual([expect.objectContaining({ stepNo: 1, daysLate: 2 })]);
    // Its step done, it is no longer listed.
    ok(await p.call('production_planner', 'POST', `${mo(made.id)}/release`, { route: 'in_house' }));
    await runStep(made.id, 1);
    expect(await lateOn()).toEqual([]);
  });
});
