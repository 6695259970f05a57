import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** Corrections to order to cash found by acceptance testing: the sales side. */
describe('sales corrections', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  it('closes a credit order on the signed delivery: its payment is the receivable\'s business (domain.md §4.11)', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 5);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    const shipped = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF Express', trackingNumber: 'SF100', pieces: 1 });
    expect(shipped.status).toBe(201);
    await orderReaches(p, order.id, 'shipped');
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${shipped.body.id}/delivery`, { signedBy: '王芳' })).status).toBe(200);
    const closed = await orderReaches(p, order.id, 'closed');
    expect(closed).toMatchObject({ paid: false, payment: 'unpaid', fulfilment: 'delivered' });
    expect(closed.history.map((h: { to: string }) => h.to).slice(-2)).toEqual(['delivered', 'closed']);
    expect(closed.history.at(-1).reason).toBe('delivered on credit terms');
  });

  it('tells the customer\'s own rep, not whoever recorded it, that an unpaid order expired (domain.md §4.7)', async () => {
    const customer = (await p.call('sales_manager', 'POST', '/sales/customers', { code: `C-REP-${Date.now()}`, name: 'Rep Ltd', assignedRep: 'sales_assistant' })).body;
    const sku = await aSkuWithStock(p, 5);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    await withClient(p.env.databaseUrl, (c) => c.query(`UPDATE sales.orders SET placed_at = now() - interval '7 days' WHERE id = $1`, [order.id]));
    await orderReaches(p, order.id, 'cancelled');
    const mine = await waitFor('the rep\'s notice', async () => {
      const items = (await p.call('sales_assistant', 'GET', '/sales/notifications')).body.items;
      return items.find((n: { orderId: string }) => n.orderId === order.id) ?? false;
    });
    expect(mine).toMatchObject({ kind: 'order-expired', readAt: null });
    // The rep who recorded it (sales_rep) is not the customer's rep and hears nothing.
    expect((await p.call('sales_rep', 'GET', '/sales/notifications')).body.items.some((n: { orderId: string }) => n.orderId === order.id)).toBe(false);
    expect((await p.call('sales_assistant', 'POST', `/sales/notifications/${mine.id}/read`)).body.readAt).toEqual(expect.any(String));
  });
});
