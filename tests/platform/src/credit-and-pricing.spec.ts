import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aPriceList, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** Sales' rules on who buys at what price and on what credit (domain.md §4.1–4.5, 4.8), through the gateway. */
describe('customers, credit and price lists', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });

  afterAll(async () => {
    await p?.close();
  });

  it('changes credit terms only after a sales manager and then the sales VP approve, never the requester', async () => {
    const customer = await aCustomer(p);
    expect((await p.read(`/sales/customers/${customer.id}`)).body.credit).toMatchObject({ grade: 'D', creditLimitFen: 0, paymentTermsDays: 0 });
    const inconsistent = await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'D', creditLimitFen: 100, paymentTermsDays: 0, reason: 'x' });
    expect(inconsistent).toMatchObject({ status: 400, body: { errors: [{ field: 'creditLimitFen' }] } });

    const change = await p.call('sales_manager', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'A', creditLimitFen: 50_000_000, paymentTermsDays: 45, reason: 'Reliable for two years' });
    expect(change).toMatchObject({ status: 201, body: { status: 'pending_manager', previous: { grade: 'D' }, proposed: { grade: 'A' }, number: expect.stringMatching(/^CC-\d{4}-\d{6}$/) } });
    const second = await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'B', creditLimitFen: 1, paymentTermsDays: 1, reason: 'y' });
    expect(second.status).toBe(409);

    const approve = (role: string) => p.call(role, 'POST', `/sales/credit-changes/${change.body.id}/approve`);
    expect(await approve('sales_manager')).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect(await approve('sales_rep')).toMatchObject({ status: 403 });
    expect(await approve('sales_vp')).toMatchObject({ status: 200, body: { status: 'pending_vp', managerApprovedBy: expect.any(String) } });
    expect((await p.read(`/sales/customers/${customer.id}`)).body.credit.grade).toBe('D'); // not yet in force
    expect(await approve('sales_vp')).toMatchObject({ status: 403, body: { type: expect.stringContaining('same-approver') } });
    expect(await approve('general_manager')).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect((await p.read(`/sales/customers/${customer.id}`)).body.credit).toMatchObject({ grade: 'A', creditLimitFen: 50_000_000, paymentTermsDays: 45 });
    expect((await approve('general_manager')).status).toBe(409);
    expect((await p.call('sales_manager', 'GET', `/sales/credit-changes?customerId=${customer.id}&status=approved`)).body.total).toBe(1);
    expect(await p.read(`/sales/credit-changes/${change.body.id}`)).toMatchObject({
      status: 200, body: { status: 'approved', previous: { grade: 'D' }, proposed: { grade: 'A', creditLimitFen: 50_000_000 }, managerApprovedBy: expect.any(String), decidedBy: expect.any(String) },
    });
    expect((await p.read('/sales/credit-changes/0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f')).status).toBe(404);
    const graded = (await p.call('sales_manager', 'GET', `/sales/customers?grade=A&search=${encodeURIComponent(customer.name)}`)).body.items;
    expect(graded.map((c: { id: string }) => c.id)).toContain(customer.id);

    const rejected = await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, { grade: 'C', creditLimitFen: 1_000, paymentTermsDays: 7, reason: 'downgrade' });
    expect(await p.call('sales_manager', 'POST', `/sales/credit-changes/${rejected.body.id}/reject`, { reason: 'keep A' })).toMatchObject({ status: 200, body: { status: 'rejected', decisionNote: 'keep A' } });
    expect((await p.read(`/sales/customers/${customer.id}`)).body.credit.grade).toBe('A');
  });

  it('prices lines only from an approved list valid today, and asks approval by discount', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 100, 10_000); // floor 9,000
    const draft = await p.call('sales_manager', 'POST', '/sales/price-lists', { name: 'Next year', validFrom: '2099-01-01', lines: [{ sku: 'SKU-NOT-YET', listPriceFen: 1, floorPriceFen: 1 }] });
    expect(await p.call('sales_manager', 'POST', `/sales/price-lists/${draft.body.id}/approve`)).toMatchObject({ status: 403 });
    const badList = await p.call('sales_manager', 'POST', '/sales/price-lists', { name: 'Bad', validFrom: '2026-01-01', lines: [{ sku: 'X', listPriceFen: 100, floorPriceFen: 101 }] });
    expect(badList).toMatchObject({ status: 400, body: { errors: [{ field: 'lines[0].floorPriceFen' }] } });

    const unpriced = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }, { sku: 'SKU-NOT-YET', quantity: 1 }]));
    expect(unpriced).toMatchObject({ status: 422, body: { type: expect.stringContaining('no-list-price'), errors: [{ field: 'lines[1].sku' }] } });
    expect((await p.call('sales_manager', 'GET', `/sales/orders?customerId=${customer.id}`)).body.total).toBe(0);

    expect((await p.read(`/sales/prices/${sku}`)).body).toMatchObject({ sku, listPriceFen: 10_000, floorPriceFen: 9_000 });
    const atList = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
    expect(atList).toMatchObject({ status: 'approved', totalFen: 20_000, lines: [{ unitPriceFen: 10_000, listPriceFen: 10_000 }] });
    const cases: Array<[number, string]> = [[9_700, 'sales_manager'], [9_699, 'sales_vp'], [9_000, 'sales_vp'], [8_999, 'general_manager']];
    for (const [unitPriceFen, level] of cases) {
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen }]));
      expect({ unitPriceFen, status: order.status, approvalLevel: order.approvalLevel }).toEqual({ unitPriceFen, status: 'pending_approval', approvalLevel: level });
    }

    // A newer approved list wins from the day it is approved.
    await aPriceList(p, [{ sku, listPriceFen: 12_000 }]);
    const latest = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    expect(latest.totalFen).toBe(12_000);
    const found = await p.call('sales_manager', 'GET', `/sales/orders?number=${latest.number}&paymentTerms=prepaid&from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([latest.id]);
    expect((await p.call('finance_manager', 'GET', `/sales/price-lists?sku=${sku}&status=approved`)).body.total).toBe(2);
  });

  it('refuses credit to grade D, sends a credit order over the limit to the sales VP, and counts orders not yet invoiced', async () => {
    const sku = await aSkuWithStock(p, 100, 10_000);
    const cash = await aCustomer(p);
    const refused = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(cash.id, [{ sku, quantity: 1 }], 'credit'));
    expect(refused).toMatchObject({ status: 422, body: { type: expect.stringContaining('credit-refused'), detail: expect.stringContaining('grade D') } });

    const customer = await aCreditCustomer(p, { grade: 'B', creditLimitFen: 50_000, paymentTermsDays: 30 });
    const first = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3 }], 'credit'));
    expect(first.status).toBe('approved');
    const exposure = (await p.read(`/sales/customers/${customer.id}`)).body.exposure;
    expect(exposure).toEqual({ uninvoicedCreditOrdersFen: 30_000, exposureFen: 30_000, availableCreditFen: 20_000 });
    const within = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }], 'credit')); // exactly at the limit
    expect(within.status).toBe('approved');
    const over = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    expect(over).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_vp', approvalReasons: [expect.stringContaining('over the limit')] });
    expect((await p.call('sales_manager', 'POST', `/sales/orders/${over.id}/approve`)).status).toBe(403);
    expect((await p.call('sales_vp', 'POST', `/sales/orders/${over.id}/approve`)).body.status).toBe('approved');
    // Prepaid orders do not use credit.
    expect((await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]))).status).toBe('approved');
  });

  it('keeps the shortage register in order of registration, with model and version, until stock arrives', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 1, 500);
    const short = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 4 }], 'prepaid'));
    await orderReaches(p, short.id, 'backordered');
    const register = await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=open`);
    expect(register).toMatchObject({ status: 200, body: { total: 1, items: [{ orderId: short.id, orderNumber: short.number, sku, model: 'LJ-250', version: 'v2', requested: 4, available: 1, shortBy: 3, requestedDate: '2026-12-01', filledAt: null }] } });
    expect((await p.call('sales_rep', 'GET', '/sales/shortages')).status).toBe(403);
    expect((await p.call('purchaser', 'GET', '/sales/shortages')).status).toBe(200);

    await receiveStock(p, sku, 3, 'PO-1');
    await orderReaches(p, short.id, 'awaiting_payment');
    const filled = await waitFor('the shortage to be filled', async () => {
      const res = await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=filled`);
      return res.body.total === 1 ? res.body.items[0] : false;
    });
    expect(filled.filledAt).toEqual(expect.any(String));
    expect((await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=open`)).body.total).toBe(0);
  });

  it('lists the customers to tell about yesterday\'s shipments and records who told them', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 2_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF Express', trackingNumber: 'SF100', pieces: 1 });
    expect(shipment.status).toBe(201);
    const notice = await waitFor('the shipping notice', async () => {
      const res = await p.call('sales_assistant', 'GET', `/sales/shipping-notices?orderId=${order.id}`);
      return res.body.items[0] ?? false;
    });
    expect(notice).toMatchObject({ orderNumber: order.number, carrier: 'SF Express', trackingNumber: 'SF100', pieces: 1, shippingMethod: 'express', toldAt: null, shipTo: { phone: '+86 138 0000 0000' } });
    // Shipped today: the customer is told tomorrow.
    expect((await p.call('sales_assistant', 'GET', `/sales/shipping-notices?orderId=${order.id}&status=scheduled`)).body.total).toBe(1);
    expect((await p.call('sales_assistant', 'GET', `/sales/shipping-notices?orderId=${order.id}&status=due`)).body.total).toBe(0);
    const told = await p.call('sales_assistant', 'POST', `/sales/shipping-notices/${notice.shipmentId}/told`, { via: 'phone', note: 'will receive Tuesday' });
    expect(told).toMatchObject({ status: 200, body: { toldVia: 'phone', toldBy: expect.any(String), toldAt: expect.any(String) } });
    expect((await p.call('sales_assistant', 'POST', `/sales/shipping-notices/${notice.shipmentId}/told`, { via: 'sms' })).status).toBe(409);
    expect((await p.call('sales_assistant', 'GET', `/sales/shipping-notices?orderId=${order.id}&status=told`)).body.total).toBe(1);
  });

  it('cancels a prepaid order not paid within 7 days, releases its stock and tells the rep who recorded it', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5, 700);
    const stale = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
    const fresh = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await orderReaches(p, stale.id, 'awaiting_payment');
    await orderReaches(p, fresh.id, 'awaiting_payment');
    // Placed 7 days ago (the boundary itself is unit tested in the order domain).
    await withClient(p.env.databaseUrl, (c) => c.query(`UPDATE sales.orders SET placed_at = now() - interval '7 days' WHERE id = $1`, [stale.id]));
    const expired = await orderReaches(p, stale.id, 'cancelled');
    expect(expired.history.at(-1)).toMatchObject({ to: 'cancelled', reason: 'expired: not paid within 7 days', actorId: 'system:order-expiry' });
    await waitFor('inventory to release the stock', async () => (await p.read(`/inventory/stock?sku=${sku}`)).body.items[0].reserved === 1);
    expect((await p.read(`/sales/orders/${fresh.id}`)).body.status).toBe('awaiting_payment');

    const notices = await p.call('sales_rep', 'GET', '/sales/notifications?unread=true');
    const notice = notices.body.items.find((n: { orderId: string }) => n.orderId === stale.id);
    expect(notice).toMatchObject({ kind: 'order-expired', message: expect.stringContaining(stale.number), readAt: null });
    expect((await p.call('sales_manager', 'POST', `/sales/notifications/${notice.id}/read`)).status).toBe(404); // not theirs
    expect((await p.call('sales_rep', 'POST', `/sales/notifications/${notice.id}/read`)).body.readAt).toEqual(expect.any(String));
    expect((await p.call('sales_rep', 'GET', '/sales/notifications?unread=true')).body.items.some((n: { orderId: string }) => n.orderId === stale.id)).toBe(false);
  });
});
