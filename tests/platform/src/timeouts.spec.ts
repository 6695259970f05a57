import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * A 504 tells the client the outcome is unknown. With an Idempotency-Key the client repeats the
 * request and gets the first result, whether the first attempt has finished by then or is still
 * running: never a second order.
 */
describe('a command that timed out, repeated with its Idempotency-Key', () => {
  let p: TestPlatform;
  let customerId: string;
  let sku: string;

  beforeAll(async () => {
    p = await TestPlatform.start({ gateway: { requestTimeoutMs: 1_000 } });
    customerId = (await aCustomer(p)).id;
    sku = await aSkuWithStock(p, 100);
    await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1, unitPriceFen: 100 }])); // the SO counter row exists from here
  });
  afterAll(() => p?.close());

  const ordersOfCustomer = () => withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT id FROM sales.orders WHERE customer_id = $1`, [customerId])).rows.map((r) => r.id as string));

  /** Holds the lock of the order number counter, as a slow transaction would: placing an order waits behind it. */
  async function holdOrderNumbers(): Promise<pg.Client> {
    const blocker = new pg.Client({ connectionString: p.env.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT last FROM sales.document_sequences WHERE series = 'SO' FOR UPDATE`);
    return blocker;
  }

  async function release(blocker: pg.Client): Promise<void> {
    await blocker.query('COMMIT');
    await blocker.end();
  }

  it('answers 504 saying how to repeat safely, and the repeat returns the order the first attempt made', async () => {
    const before = await ordersOfCustomer();
    const key = randomUUID();
    const body = orderBody(customerId, [{ sku, quantity: 2, unitPriceFen: 100 }]);
    const blocker = await holdOrderNumbers();
    const first = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
    expect(first.status).toBe(504);
    expect(first.body.type).toMatch(/service-timeout$/);
    expect(first.body.detail).toMatch(/same Idempotency-Key/);
    await release(blocker); // the first attempt, still in the service, now completes

    const repeat = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
    expect(repeat.status).toBe(201);
    const after = await ordersOfCustomer();
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContain(repeat.body.id);
    expect(repeat.body.totalFen).toBe(200);
  });

  it('makes a repeat sent while the first attempt is still running wait for it, and answer with its result', async () => {
    const before = await ordersOfCustomer();
    const key = randomUUID();
    const body = orderBody(customerId, [{ sku, quantity: 3, unitPriceFen: 100 }]);
    const blocker = await holdOrderNumbers();
    const first = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
    expect(first.status).toBe(504);
    let repeatAnswered = false;
    const repeating = p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key }).finally(() => (repeatAnswered = true));
    // The repeat is in flight while the first attempt still waits on the counter: both wait in Postgres (the repeat on the first
    // attempt's key), or, on a loaded machine, the repeat has already been answered 504 itself while the first was still blocked.
    try {
      await waitFor('the repeat in flight while the first attempt waits on a lock', async () => {
        const { n } = (await blocker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0];
        return n >= 2 || (repeatAnswered && n >= 1);
      }, { timeoutMs: 30_000 });
    } finally {
      await release(blocker); // whatever happened, nothing stays blocked behind this test
    }
    // A client that is told 504 repeats with the same key, as the problem says, until it has the outcome.
    let repeat = await repeating;
    if (repeat.status === 504) {
      repeat = await waitFor('the outcome of the first attempt', async () => {
        const again = await p.call('sales_rep', 'POST', '/sales/orders', body, { 'idempotency-key': key });
        return again.status === 504 ? false : again;
      }, { timeoutMs: 30_000 });
    }
    expect(repeat.status).toBe(201);
    const after = await ordersOfCustomer();
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContain(repeat.body.id);
  });
});
