import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, expectBooksInOrder, expectStockLedgerInOrder, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Returns (RMA) end to end through the gateway (domain.md §4, returns): sales records and approves, inventory
 * receives and inspects (accepted goods to sellable stock, rejected to quarantine), sales investigates, finance
 * credits the accepted goods (receivable first, then a refund), the refund paid by a cashier closes the return.
 */
describe('returns (RMA)', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { refunds: [] as EventEnvelope[], receivables: [] as EventEnvelope[] };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const listen = (type: string, into: EventEnvelope[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));

  beforeAll(async () => {
    p = await TestPlatform.start();
    listen('finance.refund.issued', heard.refunds);
    listen('finance.receivable.changed', heard.receivables);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(async () => {
    await expectBooksInOrder(p);
    await expectStockLedgerInOrder(p);
  });

  /** An order placed, paid (prepaid, in cash) or on credit, picked, verified, packed and shipped. */
  const shippedOrder = async (lines: Array<{ sku: string; quantity: number }>, terms: 'prepaid' | 'credit' = 'prepaid') => {
    const customer = terms === 'credit' ? await aCreditCustomer(p) : await aCustomer(p);
    const order = await placeOrder(p, orderBody(customer.id, lines, terms));
    if (terms === 'prepaid') {
      await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
      const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true });
      expect(paid.status).toBe(201);
    }
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF', trackingNumber: `SF-${order.number}`, pieces: 1 })).status).toBe(201);
    await orderReaches(p, order.id, 'shipped');
    return { customer, order };
  };
  const returnReaches = (id: string, status: string) =>
    waitFor(`return ${id} to be ${status}`, async () => {
      const res = await p.read(`/sales/returns/${id}`);
      return res.status === 200 && res.body.status === status ? res.body : false;
    });
  const expectedInWarehouse = (returnId: string) =>
    waitFor(`inventory to expect ${returnId}`, async () => {
      const res = await p.call('warehouse_keeper', 'GET', '/inventory/returns?status=expected&pageSize=200');
      return res.body.items.find((r: { returnId: string }) => r.returnId === returnId) ?? false;
    });
  const level = async (sku: string, warehouseCode: string) =>
    ((await p.read(`/inventory/stock?sku=${sku}`)).body.items.find((l: { warehouseCode: string }) => l.warehouseCode === warehouseCode) ?? { onHand: 0, reserved: 0, available: 0 });
  const approve = async (id: string, ...roles: string[]) => {
    for (const role of roles) {
      const res = await p.call(role, 'POST', `/sales/returns/${id}/approve`);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
    }
  };

  it('takes two lines back, one rejected by inspection: sellable and quarantine stock, credit and refund for the accepted line only, closed by the refund paid; a second return cannot exceed what is left', async () => {
    const good = await aSkuWithStock(p, 10, 10_000);
    const bad = await aSkuWithStock(p, 2, 5_000);
    const { customer, order } = await shippedOrder([{ sku: good, quantity: 3 }, { sku: bad, quantity: 2 }]);

    // More than shipped is refused field by field, and nothing is written.
    const tooMany = await p.call('sales_rep', 'POST', '/sales/returns', { orderId: order.id, reason: 'quality_problem', faulty: true, lines: [{ sku: good, quantity: 4 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'lines[0].quantity' })]);
    expect((await p.read(`/sales/returns?orderId=${order.id}`)).body.total).toBe(0);

    const requested = await p.call('sales_rep', 'POST', '/sales/returns', {
      orderId: order.id, reason: 'quality_problem', faulty: true, note: 'Seals broken', lines: [{ sku: good, quantity: 2 }, { sku: bad, quantity: 1 }],
    });
    expect(requested).toMatchObject({
      status: 201,
      body: {
        number: expect.stringMatching(/^RMA-\d{4}-\d{6}$/), status: 'requested', customerId: customer.id, requiredLevels: ['sales_manager', 'sales_vp'], pendingLevel: 'sales_manager',
        lines: [
          expect.objectContaining({ sku: good, quantity: 2, unitPriceFen: 10_000, shippedQuantity: 3, previouslyReturnedQuantity: 0 }),
          expect.objectContaining({ sku: bad, quantity: 1, unitPriceFen: 5_000, shippedQuantity: 2 }),
        ],
      },
    });
    const rma = requested.body;
    // A rep cannot approve; a sales manager and then the sales VP do.
    expect((await p.call('sales_rep', 'POST', `/sales/returns/${rma.id}/approve`)).status).toBe(403);
    await approve(rma.id, 'sales_manager');
    expect((await p.read(`/sales/returns/${rma.id}`)).body).toMatchObject({ status: 'manager_approved', pendingLevel: 'sales_vp' });
    await approve(rma.id, 'sales_vp');
    expect(await expectedInWarehouse(rma.id)).toMatchObject({ returnNumber: rma.number, lines: [expect.objectContaining({ sku: good, expectedQuantity: 2 }), expect.objectContaining({ sku: bad, expectedQuantity: 1 })] });

    const before = { good: await level(good, 'MAIN'), bad: await level(bad, 'MAIN'), quarantined: await level(bad, 'QUARANTINE') };
    // An inspection that does not add up is refused, naming the fields; nothing moves.
    const wrong = await p.call('warehouse_keeper', 'POST', `/inventory/returns/${rma.id}/receive`, {
      lines: [{ sku: good, receivedQuantity: 3, acceptedQuantity: 3, rejectedQuantity: 0 }, { sku: bad, receivedQuantity: 1, acceptedQuantity: 0, rejectedQuantity: 1 }],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines[0].receivedQuantity', 'lines[1].note']);
    expect(await level(good, 'MAIN')).toEqual(before.good);

    const received = await p.call('warehouse_keeper', 'POST', `/inventory/returns/${rma.id}/receive`, {
      lines: [{ sku: good, receivedQuantity: 2, acceptedQuantity: 2, rejectedQuantity: 0 }, { sku: bad, receivedQuantity: 1, acceptedQuantity: 0, rejectedQuantity: 1, note: 'Box crushed, tea wet' }],
    });
    expect(received).toMatchObject({ status: 200, body: { status: 'received', warehouseCode: 'MAIN' } });
    // Accepted goods are sellable again; rejected goods are in quarantine, on hand but never available to orders.
    expect(await level(good, 'MAIN')).toMatchObject({ onHand: before.good.onHand + 2 });
    expect(await level(bad, 'MAIN')).toEqual(before.bad);
    expect((await level(bad, 'QUARANTINE')).onHand).toBe(before.quarantined.onHand + 1);
    const movements = (await p.read(`/inventory/stock/movements?documentRef=${rma.number}`)).body.items;
    expect(movements).toEqual(expect.arrayContaining([
      expect.objectContaining({ sku: good, warehouseCode: 'MAIN', location: 'STOCK', quantity: 2, kind: 'return_in' }),
      expect.objectContaining({ sku: bad, warehouseCode: 'QUARANTINE', location: 'QUARANTINE', quantity: 1, kind: 'return_quarantine' }),
    ]));
    expect(movements).toHaveLength(2);
    // Quarantined goods are never reserved: an order for the one unit there waits as a backorder.
    const wanting = await placeOrder(p, orderBody(customer.id, [{ sku: bad, quantity: 1 }]));
    await orderReaches(p, wanting.id, 'backordered');
    expect(await level(bad, 'QUARANTINE')).toMatchObject({ onHand: 1, reserved: 0, available: 0 });
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/returns/${rma.id}/receive`, { lines: [{ sku: good, receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }] })).status).toBe(409);

    await returnReaches(rma.id, 'goods_received');
    const investigated = await p.call('sales_manager', 'POST', `/sales/returns/${rma.id}/investigation`, { findings: 'Carrier crushed one box', claimFen: 5_000 });
    expect(investigated).toMatchObject({ status: 200, body: { status: 'investigated', investigation: expect.objectContaining({ creditFen: 20_000, claimFen: 5_000 }) } });

    // The credit note covers the accepted line only; the order was paid in full, so all of it is a refund due (any way).
    const creditNote = await waitFor('the credit note', async () => (await p.call('accountant', 'GET', `/finance/credit-notes?returnId=${rma.id}`)).body.items[0] ?? false);
    expect(creditNote).toMatchObject({
      number: expect.stringMatching(/^CN-\d{4}-\d{6}$/), amountFen: 20_000, netFen: 17_699, vatFen: 2_301, toReceivableFen: 0, refundFen: 20_000,
      lines: [expect.objectContaining({ sku: good, quantity: 2, amountFen: 20_000 })],
    });
    expect((await p.call('accountant', 'GET', `/finance/credit-notes/${creditNote.id}`)).body).toEqual(creditNote);
    const journal = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${creditNote.id}`)).body.items;
    expect(journal[0].lines).toEqual([
      expect.objectContaining({ account: '6001', debitFen: 17_699 }), expect.objectContaining({ account: '2221', debitFen: 2_301 }), expect.objectContaining({ account: '2203', creditFen: 20_000 }),
    ]);
    const refund = (await p.call('cashier', 'GET', `/finance/refunds?orderId=${order.id}&status=due`)).body.items[0];
    expect(refund).toMatchObject({ id: creditNote.refundId, amountFen: 20_000, method: null, returnId: rma.id, status: 'due' });
    await expectBooksInOrder(p);
    expect((await p.read(`/sales/returns/${rma.id}`)).body).toMatchObject({ status: 'investigated', creditNoteNumber: creditNote.number, refundFen: 20_000 });

    // The cashier pays it; the refund names the return, and the return closes.
    expect((await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'cash' })).status).toBe(200);
    expect(await waitFor('the refund issued', () => heard.refunds.find((e) => (e.data as { refundId: string }).refundId === refund.id) ?? false)).toMatchObject({ data: { returnId: rma.id, amountFen: 20_000 } });
    const closed = await returnReaches(rma.id, 'closed');
    expect(closed.timeline.map((t: { to: string }) => t.to)).toEqual(['requested', 'manager_approved', 'approved', 'goods_received', 'investigated', 'investigated', 'closed']);
    expect(closed.timeline[5].reason).toContain(`credit note ${creditNote.number}`);

    // A second return of the order may claim only what is left: 3 shipped − 2 returned of the good SKU.
    const second = await p.call('sales_rep', 'POST', '/sales/returns', { orderId: order.id, reason: 'wrong_goods', faulty: true, lines: [{ sku: bad, quantity: 1 }, { sku: good, quantity: 2 }] });
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([expect.objectContaining({ field: 'lines[1].quantity' })]);
    const last = await p.call('sales_rep', 'POST', '/sales/returns', { orderId: order.id, reason: 'wrong_goods', faulty: true, lines: [{ sku: good, quantity: 1 }] });
    expect(last).toMatchObject({ status: 201, body: { lines: [expect.objectContaining({ previouslyReturnedQuantity: 2 })] } });
  });

  it('credits a credit sale against its open receivable first, tells sales, and closes without a refund', async () => {
    const sku = await aSkuWithStock(p, 10, 8_000);
    const { customer, order } = await shippedOrder([{ sku, quantity: 3 }], 'credit');
    await waitFor('the receivable', async () => (await sql(`SELECT 1 FROM finance.receivables WHERE order_id = $1`, [order.id])).length === 1);
    const rma = (await p.call('sales_assistant', 'POST', '/sales/returns', { orderId: order.id, reason: 'transport_damage', faulty: true, lines: [{ sku, quantity: 1 }] })).body;
    await approve(rma.id, 'sales_manager', 'sales_vp');
    await expectedInWarehouse(rma.id);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/returns/${rma.id}/receive`, { lines: [{ sku, receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }] })).status).toBe(200);
    await returnReaches(rma.id, 'goods_received');
    expect((await p.call('sales_manager', 'POST', `/sales/returns/${rma.id}/investigation`, { findings: 'Dented in transit', claimFen: 0 })).status).toBe(200);

    const creditNote = await waitFor('the credit note', async () => (await p.call('accountant', 'GET', `/finance/credit-notes?returnId=${rma.id}`)).body.items[0] ?? false);
    expect(creditNote).toMatchObject({ amountFen: 8_000, toReceivableFen: 8_000, refundFen: 0, refundId: null });
    const [receivable] = await sql(`SELECT amount_fen::int AS amount, settled_fen::int AS settled FROM finance.receivables WHERE order_id = $1`, [order.id]);
    expect(receivable).toEqual({ amount: 24_000, settled: 8_000 });
    expect((await p.call('cashier', 'GET', `/finance/refunds?orderId=${order.id}`)).body.total).toBe(0);
    // Sales hears the customer's smaller open receivable, and the return closes: goods back, money settled.
    await waitFor('sales to hear the smaller receivable', async () => (await p.read(`/sales/customers/${customer.id}`)).body.credit.openReceivableFen === 16_000);
    await returnReaches(rma.id, 'closed');

    // The customer pays the invoice's original amount anyway: what the credit already settled becomes their prepayment.
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account`)).body).toMatchObject({ paidFen: 8_000, outstandingFen: 16_000 });
    const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 24_000, counterfeitChecked: true });
    expect(paid.status).toBe(201);
    expect((await sql(`SELECT settled_fen::int AS settled, status FROM finance.receivables WHERE order_id = $1`, [order.id]))[0]).toEqual({ settled: 24_000, status: 'settled' });
    expect((await p.read(`/finance/customers/${customer.id}/prepayment`)).body).toMatchObject({ balanceFen: 8_000 });
  });

  it('needs the general manager as a third step for goods that are not faulty; the requester never approves, and a rejection ends it', async () => {
    const sku = await aSkuWithStock(p, 10, 3_000);
    const { order } = await shippedOrder([{ sku, quantity: 2 }]);
    const rma = (await p.call('sales_manager', 'POST', '/sales/returns', { orderId: order.id, reason: 'other', faulty: false, note: 'Customer changed their mind', lines: [{ sku, quantity: 1 }] })).body;
    expect(rma).toMatchObject({ status: 'requested', requiredLevels: ['sales_manager', 'sales_vp', 'general_manager'] });
    const own = await p.call('sales_manager', 'POST', `/sales/returns/${rma.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.type).toContain('self-approval');
    await approve(rma.id, 'sales_vp');
    const vpAgain = await p.call('sales_vp', 'POST', `/sales/returns/${rma.id}/approve`);
    expect(vpAgain.status).toBe(403);
    expect(vpAgain.body.type).toContain('same-approver');
    // The general manager acts at the VP step here; the third step then needs a general manager who has not acted yet.
    await approve(rma.id, 'general_manager');
    expect((await p.read(`/sales/returns/${rma.id}`)).body).toMatchObject({ status: 'vp_approved', pendingLevel: 'general_manager' });
    expect((await p.call('general_manager', 'POST', `/sales/returns/${rma.id}/approve`)).status).toBe(403);
    // Not approved: the warehouse expects nothing. The requester withdraws it.
    expect((await p.call('warehouse_keeper', 'GET', `/inventory/returns?orderId=${order.id}`)).body.total).toBe(0);
    expect((await p.call('sales_rep', 'POST', `/sales/returns/${rma.id}/cancel`, { reason: 'x' })).status).toBe(403);
    expect((await p.call('sales_manager', 'POST', `/sales/returns/${rma.id}/cancel`, { reason: 'Handled as a goodwill gesture' })).body).toMatchObject({ status: 'cancelled' });

    // Manager and VP are not enough for goods that are not faulty: the general manager approves the last step.
    const again = (await p.call('sales_rep', 'POST', '/sales/returns', { orderId: order.id, reason: 'wrong_goods', faulty: false, lines: [{ sku, quantity: 1 }] })).body;
    expect(again).toMatchObject({ requiredLevels: ['sales_manager', 'sales_vp', 'general_manager'], lines: [expect.objectContaining({ previouslyReturnedQuantity: 0 })] });
    await approve(again.id, 'sales_manager', 'sales_vp');
    expect((await p.read(`/sales/returns/${again.id}`)).body).toMatchObject({ status: 'vp_approved', pendingLevel: 'general_manager' });
    expect((await p.call('warehouse_keeper', 'GET', `/inventory/returns?orderId=${order.id}`)).body.total).toBe(0);
    await approve(again.id, 'general_manager');
    expect(await returnReaches(again.id, 'approved')).toMatchObject({ approvals: [expect.objectContaining({ level: 'sales_manager' }), expect.objectContaining({ level: 'sales_vp' }), expect.objectContaining({ level: 'general_manager' })] });
    await expectedInWarehouse(again.id);

    // Rejected with a reason at the first step.
    const third = await p.call('sales_rep', 'POST', '/sales/returns', { orderId: order.id, reason: 'quality_problem', faulty: true, lines: [{ sku, quantity: 1 }] });
    expect(third).toMatchObject({ status: 201, body: { lines: [expect.objectContaining({ previouslyReturnedQuantity: 1 })] } });
    expect((await p.call('sales_manager', 'POST', `/sales/returns/${third.body.id}/reject`, { reason: 'Outside the return window' })).body).toMatchObject({ status: 'rejected', decisionNote: 'Outside the return window' });
  });
});
