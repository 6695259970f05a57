import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type Subscription } from '@nats-io/transport-node';
import type { EventEnvelope, ProductionCompletedData, SkuSupplyChangedData } from '@ops/contracts';
import { addDays, businessDate, setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { expectBooksInOrder, expectStockLedgerInOrder, pickVerifyPack, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Made-to-order production in inventory (issue 19), driven through the gateway with the real finance service: a SKU's
 * supply spec, a placed order with a made-to-order line (published as sales' outbox relay would: it is not reserved),
 * production orders issued only once finance confirms the deposit, released in-house or to a contract factory, steps with
 * sample checks that stop on a failure until the quality manager decides, the reference sample of a first run and the
 * comparison on a repeat, receipt into stock that reserves the whole order and tells finance (balance notice), shipping
 * only once paid in full, the factory's payable from its audited receipt, and late steps on the business clock.
 */
describe('production orders', () => {
  let p: TestPlatform;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
  const subscriptions: Subscription[] = [];
  const heard = { supply: [] as Array<EventEnvelope<SkuSupplyChangedData>>, completed: [] as Array<EventEnvelope<ProductionCompletedData>> };
  const listen = <T>(type: string, into: T[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<T>())) }));

  beforeAll(async () => {
    p = await TestPlatform.start({ services: ['inventory', 'finance'] });
    listen('inventory.sku.supply-changed', heard.supply);
    listen('inventory.production.completed', heard.completed);
  });

  afterAll(async () => {
    setBusinessClock(null);
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(async () => {
    setBusinessClock(null);
    await expectStockLedgerInOrder(p);
    await expectBooksInOrder(p);
  });

  /** One of sales' events, as its outbox relay publishes it. */
  const publish = async (type: string, aggregateId: string, data: object) => {
    const envelope = {
      id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source: type.split('.')[0], aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'sales_manager', roles: ['sales_manager'] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
    return envelope.id;
  };
  /** Inventory has handled the event (its inbox holds it): what it was going to do is done. */
  const handled = (eventId: string) => waitFor(`inventory to handle ${eventId}`, () => withClient(p.env.databaseUrl, async (c) =>
    (await c.query(`SELECT 1 FROM inventory.inbox WHERE event_id = $1`, [eventId])).rowCount! > 0));

  const aSku = async (stock = 0) => {
    const code = unique('SKU');
    const res = await p.call('warehouse_manager', 'POST', '/inventory/skus', { code, name: '橡木柜 Oak cabinet', model: 'OAK-1', version: 'v1', unit: 'pcs' });
    expect(res.status).toBe(201);
    if (stock) await receiveStock(p, code, stock, 'OPENING');
    return code;
  };
  const aMadeToOrderSku = async (materials: Array<{ sku: string; quantityPerUnit: number }>, leadDays = 10) => {
    const sku = await aSku();
    const res = await p.call('production_planner', 'PUT', `/inventory/skus/${sku}/supply`, { madeToOrder: true, leadDays, steps: [{ name: '裁剪 Cutting' }, { name: '组装 Assembly' }], materials });
    expect(res.status).toBe(200);
    return sku;
  };

  const requestedDate = () => addDays(businessDate(), 30);
  /** A placed order of one made-to-order line (2 × 400.00) and one stocked line (1 × 200.00), deposit 300.00, its finance account open. */
  const placed = async (made: string, stocked: string, customerId: string = randomUUID()) => {
    const orderId = randomUUID();
    const orderNumber = unique('SO-T');
    await publish('sales.order.placed', orderId, {
      orderId, orderNumber, customerId, customerName: '晨光贸易', paymentTerms: 'prepaid', totalFen: 100_000, requiredDepositFen: 30_000, requestedDate: requestedDate(),
      lines: [
        { lineNo: 1, sku: made, quantity: 2, unitPriceFen: 40_000, lineTotalFen: 80_000, madeToOrder: true },
        { lineNo: 2, sku: stocked, quantity: 1, unitPriceFen: 20_000, lineTotalFen: 20_000, madeToOrder: false },
      ],
    });
    expect((await p.call('cashier', 'GET', `/finance/orders/${orderId}/account?waitSeconds=10`)).status).toBe(200);
    // Inventory has heard of it too (a positive barrier, so "nothing issued yet" below is not a race).
    await waitFor('inventory to record the made-to-order order', () => withClient(p.env.databaseUrl, async (c) =>
      (await c.query(`SELECT 1 FROM inventory.made_to_order_orders WHERE order_id = $1`, [orderId])).rowCount === 1));
    return { orderId, orderNumber, customerId };
  };
  const pay = async (orderId: string, amountFen: number) => {
    const res = await p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });
    expect(res.status).toBe(201);
  };
  const productionOf = async (orderId: string) => (await p.call('production_planner', 'GET', `/inventory/production-orders?orderId=${orderId}`)).body.items as any[];
  const issued = (orderId: string) => waitFor(`the production order of ${orderId}`, async () => (await productionOf(orderId))[0] ?? false);
  const post = (role: string, mo: { id: string }, path: string, body?: object) => p.call(role, 'POST', `/inventory/production-orders/${mo.id}${path}`, body);
  const pass = { result: 'pass', sampleSize: 5, defects: [] };

  /** Steps 1 and 2 started, checked and completed (with the reference comparison on a repeat run). */
  const work = async (mo: { id: string }, comparison?: 'matches') => {
    for (const stepNo of [1, 2]) {
      expect((await post('production_planner', mo, `/steps/${stepNo}/start`)).status).toBe(200);
      expect((await post('qc_inspector', mo, `/steps/${stepNo}/sample-checks`, { ...pass, ...(comparison ? { referenceComparison: comparison } : {}) })).status).toBe(201);
      if (stepNo === 2) return;
      expect((await post('warehouse_manager', mo, `/steps/${stepNo}/complete`)).status).toBe(200);
    }
  };

  it('keeps a SKU\'s supply spec and tells sales, refusing a made-to-order SKU without steps or lead time', async () => {
    const fabric = await aSku();
    const sku = await aSku();
    const bad = await p.call('production_planner', 'PUT', `/inventory/skus/${sku}/supply`, { madeToOrder: true, leadDays: 0, steps: [], materials: [{ sku: 'NO-SUCH', quantityPerUnit: 1 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['steps', 'leadDays', 'materials[0].sku']);
    expect((await p.call('sales_rep', 'PUT', `/inventory/skus/${sku}/supply`, { madeToOrder: false, leadDays: 0, steps: [], materials: [] })).status).toBe(403);
    expect((await p.call('sales_rep', 'GET', `/inventory/skus/${sku}/supply`)).body).toMatchObject({ madeToOrder: false, revision: 0 });

    const body = { madeToOrder: true, leadDays: 12, steps: [{ name: '裁剪 Cutting' }], materials: [{ sku: fabric, quantityPerUnit: 3 }] };
    expect((await p.call('production_planner', 'PUT', `/inventory/skus/${sku}/supply`, body)).body).toMatchObject({ madeToOrder: true, leadDays: 12, revision: 1, steps: [{ stepNo: 1 }] });
    expect((await p.call('warehouse_manager', 'PUT', `/inventory/skus/${sku}/supply`, { ...body, leadDays: 14 })).body.revision).toBe(2);
    expect((await p.call('sales_rep', 'GET', `/inventory/skus/${sku}/supply`)).body).toMatchObject({ leadDays: 14, revision: 2, materials: [{ sku: fabric, quantityPerUnit: 3 }] });
    const told = await waitFor('both supply changes', () => {
      const mine = heard.supply.filter((e) => e.data.sku === sku).map((e) => e.data);
      return mine.length >= 2 ? mine : false;
    });
    expect(told.map((d) => [d.madeToOrder, d.leadDays, d.revision])).toEqual([[true, 12, 1], [true, 14, 2]]);
    // The list of specs: this SKU among the made-to-order ones, not among those set back to stocked.
    const listed = async (madeToOrder: string) =>
      ((await p.call('production_planner', 'GET', `/inventory/sku-supplies?madeToOrder=${madeToOrder}&pageSize=200`)).body.items as Array<{ sku: string }>).map((s) => s.sku);
    expect(await listed('true')).toContain(sku);
    expect(await listed('false')).not.toContain(sku);
  });

  it('makes a made-to-order line after the deposit: failed sample stops the step until rework passes; received, reserved, shipped once paid in full', async () => {
    const fabric = await aSku(5);
    const knob = await aSku(10);
    const cabinet = await aMadeToOrderSku([{ sku: fabric, quantityPerUnit: 4 }]);
    const { orderId, customerId } = await placed(cabinet, knob);

    // Placed but not reserved, and no production before the deposit.
    expect((await p.call('warehouse_keeper', 'GET', `/inventory/reservations?orderId=${orderId}`)).body.items).toEqual([]);
    expect(await productionOf(orderId)).toEqual([]);

    await pay(orderId, 30_000);
    const mo = await issued(orderId);
    expect(mo).toMatchObject({
      status: 'planned', sku: cabinet, quantity: 2, customerId, customerName: '晨光贸易', plannedFinish: requestedDate(), plannedStart: addDays(requestedDate(), -10), behindRequestedDate: false, firstRun: true,
      materials: [{ sku: fabric, quantityPerUnit: 4, quantity: 8 }], steps: [{ stepNo: 1, status: 'pending' }, { stepNo: 2, status: 'pending', plannedFinish: requestedDate() }],
    });
    expect(mo.number).toMatch(/^MO-\d{4}-\d{6}$/);
    // A second deposit confirmation issues nothing more.
    await handled(await publish('finance.deposit.confirmed', orderId, { orderId, customerId, requiredDepositFen: 30_000, paidFen: 30_000, confirmedAt: new Date().toISOString() }));
    expect((await productionOf(orderId)).length).toBe(1);

    // Released in-house: 8 of fabric needed, 5 free: purchasing is asked for 3.
    expect((await post('production_planner', mo, '/release', { route: 'outsourced' })).status).toBe(422);
    expect((await post('warehouse_manager', mo, '/release', { route: 'in_house' })).status).toBe(403);
    const released = await post('production_planner', mo, '/release', { route: 'in_house' });
    expect(released.body).toMatchObject({ status: 'released', route: 'in_house', materialRequests: [{ sku: fabric, quantityRequested: 3, status: 'open' }] });

    // The first step issues the materials: refused while short, each named.
    const short = await post('production_planner', mo, '/steps/1/start');
    expect(short).toMatchObject({ status: 409, body: { type: expect.stringContaining('materials-short'), errors: [{ field: 'materials[0]', message: `${fabric}: needs 8, 5 free in stock, short by 3` }] } });
    await receiveStock(p, fabric, 3, 'MR-DELIVERY');
    expect((await post('production_planner', mo, '/steps/2/start')).status).toBe(409);
    expect((await post('production_planner', mo, '/steps/1/start')).body).toMatchObject({ status: 'in_progress', materialsIssued: true, steps: [{ status: 'in_progress' }, { status: 'pending' }] });
    const issuedFabric = (await p.call('warehouse_manager', 'GET', `/inventory/stock/movements?sku=${fabric}&documentRef=${mo.number}`)).body.items;
    expect(issuedFabric.map((m: { quantity: number; kind: string }) => [m.kind, m.quantity])).toEqual([['issue', -8]]);

    // A failed sample stops the step: nothing more on it until the quality manager decides; rework needs a new pass.
    expect((await post('production_planner', mo, '/steps/1/complete'))).toMatchObject({ status: 409, body: { type: expect.stringContaining('sample-check-required') } });
    const failed = await post('qc_inspector', mo, '/steps/1/sample-checks', { result: 'fail', sampleSize: 2, defects: [{ description: '封边开裂 edge banding cracked', quantity: 1 }] });
    expect(failed.status).toBe(201);
    expect(failed.body.steps[0]).toMatchObject({ status: 'stopped', checks: [{ result: 'fail', counts: 'fail', defects: [{ quantity: 1 }] }] });
    expect((await post('qc_inspector', mo, '/steps/1/sample-checks', pass))).toMatchObject({ status: 409, body: { type: expect.stringContaining('step-stopped') } });
    expect((await post('production_planner', mo, '/steps/1/complete')).status).toBe(409);
    expect((await post('qc_inspector', mo, '/steps/1/decision', { decision: 'rework', note: 'Re-band the edges' })).status).toBe(403);
    const reworked = await post('quality_manager', mo, '/steps/1/decision', { decision: 'rework', note: 'Re-band the edges' });
    expect(reworked.body.steps[0]).toMatchObject({ status: 'in_progress', passed: false, decisions: [{ decision: 'rework' }] });
    expect((await post('production_planner', mo, '/steps/1/complete'))).toMatchObject({ status: 409, body: { type: expect.stringContaining('sample-check-required') } });
    expect((await post('quality_manager', mo, '/steps/1/sample-checks', pass)).status).toBe(201);
    expect((await post('production_planner', mo, '/steps/1/complete')).body.steps[0].status).toBe('completed');

    // The first run of the design: done only with its reference sample.
    expect((await post('production_planner', mo, '/steps/2/start')).status).toBe(200);
    expect((await post('qc_inspector', mo, '/steps/2/sample-checks', pass)).status).toBe(201);
    expect((await post('production_planner', mo, '/steps/2/complete'))).toMatchObject({ status: 409, body: { type: expect.stringContaining('reference-sample-missing') } });
    // Not done: nothing to receive yet.
    expect((await post('warehouse_keeper', mo, '/receive', {})).status).toBe(409);
    expect((await post('production_planner', mo, '/receive', {})).status).toBe(403);
    expect((await post('quality_manager', mo, '/reference-sample', { sampleCode: unique('RS'), location: '样品室 A-3' })).body.referenceSample).toMatchObject({ productionOrderNumber: mo.number });
    expect((await post('quality_manager', mo, '/reference-sample', { sampleCode: unique('RS'), location: '样品室 A-3' })).status).toBe(409);
    expect((await post('production_planner', mo, '/steps/2/complete')).body).toMatchObject({ status: 'done' });
    expect((await p.call('production_planner', 'GET', `/inventory/reference-samples?customerId=${customerId}&sku=${cabinet}`)).body.items).toHaveLength(1);
    const csv = await p.call('production_planner', 'GET', `/inventory/production-orders?orderId=${orderId}&status=done`, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(mo.number);
    expect((await p.call('cashier', 'GET', '/inventory/production-orders')).status).toBe(403);

    // Received: the finished goods into stock and the whole order reserved for it; finance tells the customer the balance.
    const received = await post('warehouse_keeper', mo, '/receive', {});
    expect(received.body).toMatchObject({ status: 'received', warehouseCode: 'MAIN', receiptNumber: null });
    const reserved = (await p.call('warehouse_keeper', 'GET', `/inventory/reservations?orderId=${orderId}`)).body.items;
    expect(reserved.map((r: { sku: string; quantity: number; status: string }) => [r.sku, r.quantity, r.status]).sort()).toEqual([[cabinet, 2, 'reserved'], [knob, 1, 'reserved']].sort());
    const completed = await waitFor('inventory.production.completed', () => heard.completed.find((e) => e.data.orderId === orderId)?.data ?? false);
    expect(completed).toMatchObject({ customerId, lines: [{ sku: cabinet, quantity: 2, productionOrderNumber: mo.number }] });
    const notice = await waitFor('the balance notice', async () => (await p.call('cashier', 'GET', `/finance/orders/${orderId}/account`)).body.balanceNotice ?? false);
    expect(notice).toMatchObject({ totalFen: 100_000, paidFen: 30_000, balanceFen: 70_000 });

    // Not shipped until paid in full; then picked, packed and shipped.
    const early = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId });
    expect(early.status).toBe(422);
    await pay(orderId, 70_000);
    await pickVerifyPack(p, orderId, 2);
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: unique('ZTO'), pieces: 2 });
    expect(shipment.status).toBe(201);
  });

  it('outsources a repeat of the design to a factory: each sample compared with the reference, the factory paid on the receipt', async () => {
    const knob = await aSku(10);
    const cabinet = await aMadeToOrderSku([]);
    const customerId = randomUUID();
    // The first run keeps the reference sample.
    const first = await placed(cabinet, knob, customerId);
    await pay(first.orderId, 30_000);
    const one = await issued(first.orderId);
    await post('production_planner', one, '/release', { route: 'in_house' });
    await work(one);
    await post('quality_manager', one, '/reference-sample', { sampleCode: unique('RS'), location: 'A-3' });
    expect((await post('production_planner', one, '/steps/2/complete')).body.status).toBe('done');

    const second = await placed(cabinet, knob, customerId);
    await pay(second.orderId, 30_000);
    const mo = await issued(second.orderId);
    expect(mo.firstRun).toBe(false);
    const goods = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: unique('SUP'), name: '宁波五金', kind: 'goods', paymentTermsDays: 30 });
    const factory = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: unique('FAB'), name: '佛山木作厂', kind: 'factory', paymentTermsDays: 30 });
    const wrong = await post('production_planner', mo, '/release', { route: 'outsourced', factorySupplierId: goods.body.id });
    expect(wrong).toMatchObject({ status: 422, body: { type: expect.stringContaining('invalid-release') } });
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['factorySupplierId', 'agreedUnitPriceFen']);
    expect((await post('production_planner', mo, '/release', { route: 'outsourced', factorySupplierId: factory.body.id, agreedUnitPriceFen: 45_200 })).body)
      .toMatchObject({ status: 'released', route: 'outsourced', factorySupplierCode: factory.body.code, agreedUnitPriceFen: 45_200, materialRequests: [] });

    // A repeat: the comparison with the reference sample is required, and "differs" stops the step.
    expect((await post('production_planner', mo, '/steps/1/start')).status).toBe(200);
    const missing = await post('qc_inspector', mo, '/steps/1/sample-checks', pass);
    expect(missing).toMatchObject({ status: 422, body: { errors: [{ field: 'referenceComparison' }] } });
    expect((await post('qc_inspector', mo, '/steps/1/sample-checks', { ...pass, referenceComparison: 'differs' })).body.steps[0]).toMatchObject({ status: 'stopped', checks: [{ result: 'pass', counts: 'fail' }] });
    expect((await post('quality_manager', mo, '/steps/1/decision', { decision: 'concession', note: 'Customer accepts the grain' })).body.steps[0]).toMatchObject({ status: 'in_progress', passed: true });
    expect((await post('production_planner', mo, '/steps/1/complete')).status).toBe(200);
    expect((await post('production_planner', mo, '/steps/2/start')).status).toBe(200);
    expect((await post('qc_inspector', mo, '/steps/2/sample-checks', { ...pass, referenceComparison: 'matches' })).status).toBe(201);
    expect((await post('production_planner', mo, '/steps/2/complete')).body.status).toBe('done');

    // Received from the factory: an audited goods receipt at the agreed price, which finance books as the factory's payable.
    const received = await post('warehouse_keeper', mo, '/receive', {});
    expect(received.body).toMatchObject({ status: 'received', receiptNumber: expect.stringMatching(/^GR-\d{4}-\d{6}$/) });
    const receipt = (await p.call('warehouse_manager', 'GET', `/inventory/stock-receipts?supplierId=${factory.body.id}`)).body.items[0];
    expect(receipt).toMatchObject({ status: 'audited', reference: mo.number, lines: [{ sku: cabinet, quantity: 2, unitPriceFen: 45_200 }] });
    const payable = await waitFor('the factory payable', async () => (await p.call('accountant', 'GET', `/finance/payables?supplierId=${factory.body.id}`)).body.items?.[0] ?? false);
    expect(payable).toMatchObject({ receiptId: receipt.id, amountFen: 90_400 });
    const reserved = (await p.call('warehouse_keeper', 'GET', `/inventory/reservations?orderId=${second.orderId}`)).body.items;
    expect(reserved.map((r: { sku: string }) => r.sku).sort()).toEqual([cabinet, knob].sort());
  });

  it('lists a late step on the day it becomes late, and cancels production not yet in work with its order', async () => {
    const knob = await aSku(5);
    const board = await aSku();
    const cabinet = await aMadeToOrderSku([{ sku: board, quantityPerUnit: 3 }], 4);
    const { orderId, orderNumber } = await placed(cabinet, knob);
    await pay(orderId, 30_000);
    const mo = await issued(orderId);
    // Released in-house with no board in stock: purchasing is asked for all of it.
    expect((await p.call('production_planner', 'POST', `/inventory/production-orders/${mo.id}/release`, { route: 'in_house' })).status).toBe(200);
    const requests = async () => ((await p.call('purchaser', 'GET', `/inventory/material-requests?productionOrderId=${mo.id}`)).body as any).items as any[];
    expect((await requests()).map((r) => [r.sku, r.status])).toEqual([[board, 'open']]);
    const step1 = mo.steps[0].plannedFinish as string;
    const late = async (on?: string) =>
      ((await p.call('production_planner', 'GET', `/inventory/production-orders/late-steps${on ? `?on=${on}` : ''}`)).body as any[]).filter((s) => s.productionOrderId === mo.id);
    expect(await late(step1)).toEqual([]);
    expect((await late(addDays(step1, 1))).map((s) => [s.stepNo, s.daysLate])).toEqual([[1, 1]]);
    // The business clock: on the day after the planned finish, "today's" list holds it.
    setBusinessClock(() => new Date(`${addDays(step1, 1)}T02:00:00Z`));
    expect((await late()).map((s) => [s.stepNo, s.daysLate, s.orderNumber])).toEqual([[1, 1, orderNumber]]);
    setBusinessClock(null);

    await publish('sales.order.cancelled', orderId, { orderId, customerId: mo.customerId, reason: 'customer withdrew', moneyDisposition: 'refund' });
    const cancelled = await waitFor('the production order cancelled', async () => ((await productionOf(orderId))[0].status === 'cancelled' ? (await productionOf(orderId))[0] : false));
    expect(cancelled.cancelReason).toContain('customer withdrew');
    expect(await late(addDays(step1, 1))).toEqual([]);
    // The material it no longer needs is no longer asked for.
    expect((await requests()).map((r) => [r.sku, r.status])).toEqual([[board, 'cancelled']]);
  });
});
