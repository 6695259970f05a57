import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { v7 as uuidv7 } from 'uuid';
import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Made-to-order orders on the sales side (issue 19): a line of a SKU inventory makes per order is marked made to
 * order; such an order needs a deposit, waits for the customer's written confirmation before anyone else hears of it,
 * and shows `in_production` once placed; a complaint ticket raises a replacement order that the business manager
 * (not its creator) approves, which places it at once.
 */
describe('made-to-order orders', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const placed: EventEnvelope<any>[] = [];
  const cancelled: EventEnvelope<any>[] = [];

  beforeAll(async () => {
    p = await TestPlatform.start();
    for (const [type, into] of [['sales.order.placed', placed], ['sales.order.cancelled', cancelled]] as const) {
      subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
    }
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  /** A SKU priced by sales and made to order in inventory (one step, five days); waits until sales has heard so. */
  async function aMadeToOrderSku(listPriceFen = 50_000): Promise<string> {
    const sku = await aSkuWithStock(p, 0, listPriceFen);
    const supply = await p.call('production_planner', 'PUT', `/inventory/skus/${sku}/supply`, { madeToOrder: true, leadDays: 5, steps: [{ name: '裁切' }], materials: [] });
    expect(supply.status).toBe(200);
    await waitFor(`sales to hear ${sku} is made to order`, () => withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT made_to_order FROM sales.sku_supply WHERE sku = $1`, [sku])).rows[0]?.made_to_order === true));
    return sku;
  }

  const heardPlaced = (orderId: string) => placed.filter((e) => e.data.orderId === orderId);

  /** Another service's event, as its outbox relay publishes it; answers once sales has handled it (its inbox holds it). */
  const publish = async (type: string, aggregateId: string, data: object) => {
    const envelope = {
      id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source: type.split('.')[0], aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'system', roles: [] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
    await waitFor(`sales to handle ${type}`, () => withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT 1 FROM sales.inbox WHERE event_id = $1`, [envelope.id])).rowCount! > 0));
  };

  it('refuses a made-to-order order without a deposit, naming requiredDepositFen', async () => {
    const sku = await aMadeToOrderSku();
    const customer = await aCustomer(p, '木作家居');
    const refused = await p.call('sales_rep', 'POST', '/sales/orders', { ...orderBody(customer.id, [{ sku, quantity: 1 }]), requiredDepositFen: 0 });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('deposit-required');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['requiredDepositFen']);
    // Left out on a prepaid order, the deposit is the whole total: accepted.
    expect((await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }]))).status).toBe(201);
  });

  it('waits for the written confirmation, unheard of by finance and inventory, and is placed by it', async () => {
    const sku = await aMadeToOrderSku();
    const stocked = await aSkuWithStock(p, 10, 1_000);
    const customer = await aCustomer(p, '定制家具');
    const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity: 2 }, { sku: stocked, quantity: 1 }]), requestedDate: '2026-12-31', requiredDepositFen: 30_000 });
    expect(order).toMatchObject({ status: 'awaiting_confirmation', madeToOrder: true, requiredDepositFen: 30_000, writtenConfirmation: null, balanceNotice: null });
    expect((order as any).lines.map((l: { sku: string; madeToOrder: boolean }) => [l.sku, l.madeToOrder])).toEqual([[sku, true], [stocked, false]]);
    expect((await p.read(`/sales/orders?status=awaiting_confirmation&customerId=${customer.id}`)).body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await p.read(`/finance/orders/${order.id}/account`)).status).toBe(404);

    const body = { documentRef: 'DMS-2026-0815', signedBy: '王芳', signedOn: '2026-12-01' };
    expect((await p.call('customer_service', 'POST', `/sales/orders/${order.id}/written-confirmation`, body)).status).toBe(403);
    expect((await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, { ...body, signedOn: 'yesterday' })).status).toBe(400);
    const confirmed = await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, body);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'in_production', writtenConfirmation: { ...body, recordedBy: 'sales_assistant' } });
    expect(confirmed.body.history.at(-1)).toMatchObject({ from: 'awaiting_confirmation', to: 'in_production', reason: expect.stringContaining('DMS-2026-0815') });
    const again = await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, body);
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('not-awaiting-confirmation');

    // Finance opens the amount due only now; the one placed event carries the made-to-order line and the requested date.
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    const [event] = heardPlaced(order.id);
    expect(heardPlaced(order.id)).toHaveLength(1);
    expect(event.data).toMatchObject({ requestedDate: '2026-12-31', kind: 'sale', requiredDepositFen: 30_000 });
    expect(event.data.lines).toEqual([expect.objectContaining({ sku, madeToOrder: true }), expect.not.objectContaining({ madeToOrder: true })]);
    expect((await p.read(`/sales/orders?status=in_production&customerId=${customer.id}`)).body.total).toBe(1);
  });

  it('keeps the newest supply of a SKU whatever order the changes arrive in, and shows the balance notice once', async () => {
    const sku = `SKU-LATE-${process.pid}`;
    const supplyOf = () => withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT made_to_order, revision FROM sales.sku_supply WHERE sku = $1`, [sku])).rows[0]);
    await publish('inventory.sku.supply-changed', sku, { sku, madeToOrder: false, leadDays: 0, revision: 3 });
    await publish('inventory.sku.supply-changed', sku, { sku, madeToOrder: true, leadDays: 5, revision: 2 });
    expect(await supplyOf()).toEqual({ made_to_order: false, revision: 3 });
    await publish('inventory.sku.supply-changed', sku, { sku, madeToOrder: true, leadDays: 7, revision: 4 });
    expect(await supplyOf()).toEqual({ made_to_order: true, revision: 4 });

    const customer = await aCustomer(p, '实木书柜');
    const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku: await aMadeToOrderSku(), quantity: 2 }]), requiredDepositFen: 30_000 });
    await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, { documentRef: 'DMS-1', signedBy: '王芳', signedOn: '2026-12-01' });
    const notice = { orderId: order.id, customerId: customer.id, totalFen: 100_000, paidFen: 30_000, balanceFen: 70_000, issuedAt: '2026-12-20T02:00:00.000Z' };
    await publish('finance.balance-notice.issued', order.id, notice);
    await publish('finance.balance-notice.issued', order.id, { ...notice, paidFen: 0, balanceFen: 100_000 });
    const read = (await p.read(`/sales/orders/${order.id}`)).body;
    expect(read.balanceNotice).toEqual({ balanceFen: 70_000, paidFen: 30_000, totalFen: 100_000, issuedAt: '2026-12-20T02:00:00.000Z' });
    expect(read.history.filter((h: { reason: string }) => h.reason.startsWith('customer told the balance due'))).toEqual([
      expect.objectContaining({ reason: 'customer told the balance due: ¥700.00 (paid ¥300.00 of ¥1000.00)' }),
    ]);
  });

  it('is cancelled while awaiting confirmation without telling anyone', async () => {
    const sku = await aMadeToOrderSku();
    const customer = await aCustomer(p, '雕花木门');
    const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity: 1 }]), requiredDepositFen: 10_000 });
    expect(order.status).toBe('awaiting_confirmation');
    const res = await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/cancel`, { reason: 'Customer chose another design', moneyDisposition: 'refund' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await p.call('sales_assistant', 'POST', `/sales/orders/${order.id}/written-confirmation`, { documentRef: 'D-1', signedBy: 'x', signedOn: '2026-12-01' })).status).toBe(409);
    // A later order of the same desk is heard; this one never was.
    const later = await placeOrder(p, orderBody(customer.id, [{ sku: await aSkuWithStock(p, 1, 100), quantity: 1 }]));
    await waitFor('the later order announced', () => heardPlaced(later.id).length === 1);
    expect(heardPlaced(order.id)).toEqual([]);
    expect(cancelled.filter((e) => e.data.orderId === order.id)).toEqual([]);
  });

  it('raises a replacement order from a complaint, approved by the business manager but never by its creator', async () => {
    const sku = await aMadeToOrderSku();
    const stocked = await aSkuWithStock(p, 5, 2_000);
    const customer = await aCustomer(p, '榆木茶台');
    const original = await placeOrder(p, orderBody(customer.id, [{ sku: stocked, quantity: 1 }]));
    const complaint = await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'complaint', channel: 'phone', subject: 'Table top cracked', customerId: customer.id, orderId: original.id });
    expect(complaint.status).toBe(201);
    const inquiry = await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'inquiry', channel: 'phone', subject: 'Opening hours', customerId: customer.id });
    const path = `/sales/service-tickets/${complaint.body.id}/replacement-orders`;

    expect((await p.call('customer_service', 'POST', `/sales/service-tickets/${inquiry.body.id}/replacement-orders`, { lines: [{ sku, quantity: 1 }], reason: 'x' })).status).toBe(409);
    const unknown = await p.call('customer_service', 'POST', path, { lines: [{ sku, quantity: 1 }, { sku: 'NO-SUCH-SKU', quantity: 1 }], reason: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines[1].sku']);
    expect((await p.call('warehouse_keeper', 'POST', path, { lines: [{ sku, quantity: 1 }], reason: 'x' })).status).toBe(403);

    // Raised by a sales manager: the same person may not approve it; the sales VP may.
    const own = await p.call('sales_manager', 'POST', path, { lines: [{ sku, quantity: 1 }], reason: 'New table top, free of charge' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      kind: 'replacement', serviceTicketId: complaint.body.id, serviceTicketNumber: complaint.body.number, status: 'pending_approval', approvalLevel: 'sales_manager',
      totalFen: 0, requiredDepositFen: 0, shipTo: expect.objectContaining({ address: '上海市浦东新区世纪大道 100 号' }),
    });
    expect(own.body.approvalReasons).toEqual([`replacement parts for complaint ${complaint.body.number}`]);
    expect(own.body.history[0].reason).toContain('New table top, free of charge');
    expect(heardPlaced(own.body.id)).toEqual([]);
    const self = await p.call('sales_manager', 'POST', `/sales/orders/${own.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.type).toContain('self-approval');
    const approved = await p.call('sales_vp', 'POST', `/sales/orders/${own.body.id}/approve`);
    expect(approved.status).toBe(200);
    // No written confirmation: the complaint is the document; the made-to-order part goes to production.
    expect(approved.body.status).toBe('in_production');
    const event = await waitFor('the replacement placed', () => heardPlaced(own.body.id)[0] ?? false);
    expect(event.data).toMatchObject({ kind: 'replacement', totalFen: 0, requiredDepositFen: 0, lines: [expect.objectContaining({ sku, madeToOrder: true, unitPriceFen: 0 })] });

    // Raised by customer service, charged for, approved by the sales manager: stocked parts are reserved.
    const charged = await p.call('customer_service', 'POST', path, { lines: [{ sku: stocked, quantity: 1, unitPriceFen: 500 }], reason: 'Spare legs at cost' });
    expect(charged.status).toBe(201);
    expect(charged.body).toMatchObject({ totalFen: 500, requiredDepositFen: 0, madeToOrder: false, lines: [expect.objectContaining({ unitPriceFen: 500, listPriceFen: 2_000 })] });
    expect((await p.call('sales_manager', 'POST', `/sales/orders/${charged.body.id}/approve`)).body.status).toBe('approved');
    await waitFor('the stocked parts reserved', async () => ['awaiting_payment', 'ready_to_ship'].includes((await p.read(`/sales/orders/${charged.body.id}`)).body.status));

    const ticket = (await p.read(`/sales/service-tickets/${complaint.body.id}`)).body;
    expect(ticket.replacementOrders).toEqual([{ orderId: own.body.id, orderNumber: own.body.number }, { orderId: charged.body.id, orderNumber: charged.body.number }]);
    expect(ticket.timeline.map((t: { reason: string }) => t.reason)).toContain(`replacement order ${own.body.number} raised by sales_manager`);
  });
});
