import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { withClient } from '@ops/persistence';
import { NATS_CONNECTION } from '@ops/service-kit';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

describe('durable events under faults', () => {
  let p: TestPlatform;
  const query = <T = any>(sql: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(sql, params)).rows as T[]);
  const metric = async (url: string, name: string, labels: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  it('applies an event delivered twice only once', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 4, unitPriceFen: 100 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    const [row] = await query<{ envelope: object }>(`SELECT envelope FROM sales.outbox WHERE type = 'sales.order.placed' AND envelope->'data'->>'orderId' = $1`, [order.id]);
    // The same event again, past JetStream's duplicate window (a new message id), as a late redelivery would be.
    await jetstream(p.nc).publish(p.env.naming.subject('sales.order.placed.v1'), JSON.stringify(row.envelope), { msgID: `${order.id}-again` });
    const inventory = p.instance('inventory').url;
    await waitFor('inventory to see the duplicate', async () => (await metric(inventory, 'events_handled_total', 'consumer="reserve-stock",outcome="duplicate"')) >= 1);
    expect(await query(`SELECT quantity FROM inventory.reservations WHERE order_id = $1`, [order.id])).toEqual([{ quantity: 4 }]);
    const stock = await p.read(`/inventory/stock?sku=${sku}`);
    expect(stock.body.items[0]).toMatchObject({ onHand: 10, reserved: 4 });
  });

  it('reserves every order placed while inventory was down exactly once when it returns', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 100);
    await p.stopService('inventory');
    const orders = [];
    for (let i = 0; i < 15; i++) orders.push(await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2, unitPriceFen: 100 }])));
    await p.startService('inventory');
    for (const order of orders) await orderReaches(p, order.id, 'awaiting_payment');
    const rows = await query<{ order_id: string; n: string }>(`SELECT order_id, count(*) AS n FROM inventory.reservations WHERE sku_code = $1 GROUP BY order_id`, [sku]);
    expect(rows).toHaveLength(15);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    const stock = await p.read(`/inventory/stock?sku=${sku}`);
    expect(stock.body.items[0]).toMatchObject({ onHand: 100, reserved: 30 });
  });

  it('loses no event and applies none twice when a consumer loses its connection mid-stream', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 500);
    const placing = Promise.all(Array.from({ length: 30 }, () => placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3, unitPriceFen: 100 }]))));
    // Cut inventory off while the orders stream in: in-flight handlers fail to ack, buffered messages are lost with the connection.
    await waitFor('inventory to start reserving', async () => (await query(`SELECT 1 FROM inventory.reservations WHERE sku_code = $1 LIMIT 1`, [sku])).length > 0);
    await p.instance('inventory').app.get<NatsConnection>(NATS_CONNECTION).close();
    await p.stopService('inventory');
    const orders = await placing;
    await p.startService('inventory');
    for (const order of orders) await orderReaches(p, order.id, 'awaiting_payment', 20_000);
    const rows = await query<{ n: string; total: string }>(`SELECT count(*) AS n, sum(quantity) AS total FROM inventory.reservations WHERE sku_code = $1`, [sku]);
    expect(rows[0]).toEqual({ n: '30', total: '90' });
    const stock = await p.read(`/inventory/stock?sku=${sku}`);
    expect(stock.body.items[0]).toMatchObject({ onHand: 500, reserved: 90 });
    const placed = await query(`SELECT count(*)::int AS n FROM sales.orders WHERE customer_id = $1 AND status = 'awaiting_payment'`, [customer.id]);
    expect(placed).toEqual([{ n: 30 }]);
  });

  it('retries a failing handler, dead-letters it after the bound, and replays it once fixed', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5, 500);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 500 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    await p.call('cashier', 'POST', `/finance/receipts`, { orderId: order.id, method: 'pos', amountFen: 500, cards: [{ last4: '4321', holderName: '王芳', holderSigned: true, amountFen: 500 }] });
    await orderReaches(p, order.id, 'ready_to_ship');

    await pickVerifyPack(p, order.id, 1);
    // Break security's handler for shipments: its table is gone.
    await query(`ALTER TABLE security.expected_exits RENAME TO expected_exits_away`);
    const shipment = await waitFor('the shipment', async () => {
      const res = await p.call('warehouse_keeper', 'POST', `/inventory/shipments`, { orderId: order.id, carrier: 'ZTO', trackingNumber: 'ZTO-1', pieces: 1 });
      return res.status === 201 ? res.body : false;
    });
    const security = p.instance('security').url;
    await waitFor('the event to be dead-lettered', async () => (await metric(security, 'events_dead_lettered_total', 'consumer="expect-at-gate"')) === 1, { timeoutMs: 20_000 });
    expect(await metric(security, 'events_handled_total', 'consumer="expect-at-gate",outcome="failed"')).toBe(4);

    const letters = await p.read(`/admin/security/dead-letters`);
    expect(letters.status).toBe(200);
    expect(letters.body).toHaveLength(1);
    expect(letters.body[0]).toMatchObject({ consumer: 'expect-at-gate', subject: 'inventory.goods.shipped.v1', deliveries: 4, failure: expect.stringContaining('expected_exits') });

    // Still broken: the replay fails and the letter stays.
    const early = await p.call('admin', 'POST', `/admin/security/dead-letters/${letters.body[0].sequence}/replay`);
    expect(early.status).toBe(409);

    await query(`ALTER TABLE security.expected_exits_away RENAME TO expected_exits`);
    const replay = await p.call('admin', 'POST', `/admin/security/dead-letters/${letters.body[0].sequence}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ replayed: true, alreadyApplied: false });
    const exits = await p.read(`/security/expected-exits`);
    expect(exits.body.items.map((e: { shipmentId: string }) => e.shipmentId)).toContain(shipment.id);
    expect((await p.read(`/admin/security/dead-letters`)).body).toEqual([]);
    expect(await metric(security, 'events_dead_letter_replayed_total', 'consumer="expect-at-gate"')).toBe(1);
  });

  it('sends an event that breaks its contract to the dead letters at once', async () => {
    const h = natsHeaders();
    const bogus = { id: '01939f3e-0000-7000-8000-000000000001', type: 'security.incident.reported', version: 1, occurredAt: new Date().toISOString(), source: 'security', aggregateId: 'x', correlationId: 'x', causationId: null, actor: { userId: 'u', roles: [] }, data: { incidentId: 'not-a-uuid' } };
    await jetstream(p.nc).publish(p.env.naming.subject('security.incident.reported.v1'), JSON.stringify(bogus), { headers: h });
    const inventory = p.instance('inventory').url;
    await waitFor('the invalid event to be dead-lettered', async () => (await metric(inventory, 'events_dead_lettered_total', 'consumer="recount-after-incident",reason="invalid"')) === 1);
    const letters = await p.read(`/admin/inventory/dead-letters`);
    expect(letters.body[0].failure).toContain('incidentId');
  });
});
