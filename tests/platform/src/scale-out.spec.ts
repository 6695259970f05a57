import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { withClient } from '@ops/persistence';
import { aCustomer, aSkuWithStock, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

describe('two instances of a service', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    // About sharing work, not speed: sixty orders at once on a busy test machine may queue past the usual 3 s.
    p = await TestPlatform.start({ gateway: { requestTimeoutMs: 15_000 } });
    await p.startService('sales');
    await p.startService('inventory');
  });
  afterAll(() => p?.close());

  it('share the requests, and their relays publish every outbox row exactly once', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 1_000);
    await Promise.all(Array.from({ length: 60 }, () => placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 100 }]))));

    // Requests: the queue group spread them over both instances.
    const served = await Promise.all([0, 1].map(async (i) => {
      const text = await (await fetch(`${p.instance('sales', i).url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('rpc_requests_total{command="place-order",status="200"'));
      return line ? Number(line.split(' ').pop()) : 0;
    }));
    expect(served[0] + served[1]).toBe(60);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);

    // Events: one relay leads; the stream holds each outbox row once.
    expect([p.runtime('sales', 0).relay.isLeader, p.runtime('sales', 1).relay.isLeader].filter(Boolean)).toHaveLength(1);
    const outbox = await withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT id FROM sales.outbox WHERE type = 'sales.order.placed'`)).rows.map((r) => r.id as string));
    expect(outbox).toHaveLength(60);
    const subject = p.env.naming.subject('sales.order.placed.v1');
    const stream = p.env.naming.stream('SALES');
    let ids: string[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const info = await (await jetstreamManager(p.nc)).streams.info(stream, { subjects_filter: subject });
      if ((info.state.subjects?.[subject] ?? 0) >= 60) {
        const reader = await jetstream(p.nc).consumers.get(stream, { filter_subjects: subject });
        const batch = await reader.fetch({ max_messages: info.state.subjects![subject], expires: 3_000 });
        ids = [];
        for await (const m of batch) {
          ids.push(m.json<{ id: string }>().id);
          if (ids.length === info.state.subjects![subject]) break;
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ids.sort()).toEqual([...outbox].sort());
  });

  it('never oversells when two inventory instances race for the last units', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10);
    const orders = await Promise.all(Array.from({ length: 40 }, () => placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 100 }]))));
    const settled = await Promise.all(orders.map(async (o) => (await orderReaches(p, o.id, ['awaiting_payment', 'backordered'], 20_000)).status as string));
    expect(settled.filter((s) => s === 'awaiting_payment')).toHaveLength(10);
    expect(settled.filter((s) => s === 'backordered')).toHaveLength(30);
    const stock = await p.read(`/inventory/stock?sku=${sku}`);
    expect(stock.body.items[0]).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    const handled = await Promise.all([0, 1].map(async (i) => (await (await fetch(`${p.instance('inventory', i).url}/metrics`)).text()).includes('events_handled_total{consumer="reserve-stock",outcome="applied"')));
    expect(handled).toEqual([true, true]);
  });
});
