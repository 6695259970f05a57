import { randomUUID } from 'node:crypto';
import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * What a frontend waits for after a command (the order's account opened in finance, the order ready
 * to pick in inventory) it can ask for once with `waitSeconds`: the answer comes when it is there,
 * instead of the frontend polling.
 */
describe('waiting for what an event brings (long polls)', () => {
  let p: TestPlatform;
  let customerId: string;
  let sku: string;

  beforeAll(async () => {
    p = await TestPlatform.start();
    customerId = (await aCustomer(p)).id;
    sku = await aSkuWithStock(p, 100);
  });
  afterAll(() => p?.close());

  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = Date.now();
    const result = await work();
    return [result, Date.now() - started];
  };

  it('answers the account as soon as finance opens it, and 404 only when the wait runs out', async () => {
    const unknown = await timed(() => p.call('cashier', 'GET', `/finance/orders/${randomUUID()}/account?waitSeconds=1`));
    expect(unknown[0].status).toBe(404);
    expect(unknown[1]).toBeGreaterThanOrEqual(1_000);

    // Finance hears of the order only once its consumers run again: the question is asked before that, and waits.
    const consumers = p.runtime('finance').consumers;
    await consumers.stop();
    const order = await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 100 }]));
    const asked = timed(() => p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=20`));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account`)).status).toBe(404); // not there while finance is deaf
    await consumers.start();
    const [account, ms] = await asked;
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ orderId: order.id, totalFen: 100, paidFen: 0 });
    expect(ms).toBeLessThan(15_000);
  });

  it('tells what stops a pick list, and answers ready the moment the payment reaches inventory', async () => {
    const order = await placeOrder(p, orderBody(customerId, [{ sku, quantity: 2, unitPriceFen: 100 }]));
    const now = await p.call('warehouse_keeper', 'GET', `/inventory/orders/${order.id}/pick-readiness`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ orderId: order.id, ready: false, blockedBy: 'order-not-released', lines: [] });

    const waiting = timed(() => p.call('warehouse_keeper', 'GET', `/inventory/orders/${order.id}/pick-readiness?waitSeconds=20`));
    await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=20`);
    const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 200, counterfeitChecked: true });
    expect(paid.status).toBe(201);
    const [ready, ms] = await waiting;
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, blockedBy: null, lines: [{ sku, quantity: 2 }] });
    expect(ms).toBeLessThan(15_000);

    const list = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id });
    expect(list.status).toBe(201);
    const after = await p.call('warehouse_keeper', 'GET', `/inventory/orders/${order.id}/pick-readiness?waitSeconds=1`);
    expect(after.body).toMatchObject({ ready: false, blockedBy: 'pick-list-exists' });
  });

  it('refuses a wait longer than 25 seconds, naming the field', async () => {
    const res = await p.call('cashier', 'GET', `/finance/orders/${randomUUID()}/account?waitSeconds=26`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'waitSeconds' })]);
  });
});
