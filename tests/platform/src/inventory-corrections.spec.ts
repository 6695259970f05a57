import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform, type HttpResult } from './platform.js';

/** Corrections to order to cash found by acceptance testing: the inventory side. */
describe('inventory corrections', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  const HOLD = 'customer-on-credit-hold';
  const pickList = (orderId: string) => p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId });
  const ship = (orderId: string, trackingNumber: string) => p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber, pieces: 1 });
  const refusedForHold = (res: HttpResult, reason: string) => res.status === 422 && String(res.body.type).endsWith(`/${HOLD}`) && String(res.body.detail).includes(reason);

  describe('a credit hold stops supply (domain.md §4.4, §5; collection rule 9-06)', () => {
    it('refuses a pick list or a shipment for every released order of a customer on hold, whatever the release basis, until the hold is released', async () => {
      const customer = await aCreditCustomer(p);
      const sku = await aSkuWithStock(p, 20);
      // Released on credit terms at once.
      const probe = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      const onTerms = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      const packed = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      // Released by payment, and by the sales VP's written exception.
      const paid = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      const excepted = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      for (const o of [probe, onTerms, packed]) await orderReaches(p, o.id, 'ready_to_ship');
      for (const o of [paid, excepted]) await orderReaches(p, o.id, 'awaiting_payment');
      expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: paid.id, method: 'cash', amountFen: paid.totalFen, counterfeitChecked: true })).status).toBe(201);
      await orderReaches(p, paid.id, 'ready_to_ship');
      expect((await p.call('sales_vp', 'POST', `/sales/orders/${excepted.id}/shipping-exception`, { reason: 'Government customer pays on delivery' })).status).toBe(200);
      await pickVerifyPack(p, packed.id, 1);

      const reason = 'Two invoices 60 days overdue; supply stopped until settled';
      const hold = await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-hold`, { reason });
      expect(hold).toMatchObject({ status: 200, body: { onHold: true } });

      // Inventory hears of the hold through finance's event: the probe's pick list is refused once it has.
      await waitFor('inventory to refuse a pick list for the customer on hold', async () => {
        const res = await pickList(probe.id);
        if (refusedForHold(res, reason)) return res;
        throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      }, { timeoutMs: 10_000 });

      for (const o of [onTerms, paid, excepted]) {
        const refused = await waitFor(`the pick list of ${o.number} to be refused for the hold`, async () => {
          const res = await pickList(o.id);
          if (refusedForHold(res, reason)) return res;
          // Payment and the exception reach inventory by their own events: until then the order is not released at all.
          if (res.status === 422 && String(res.body.type).endsWith('/order-not-released')) return false;
          throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        });
        expect(refused).toMatchObject({ status: 422, body: { title: expect.any(String), detail: expect.stringContaining('credit hold') } });
        expect((await p.read(`/inventory/pick-lists?orderId=${o.id}`)).body.total).toBe(0);
      }
      // An order already packed does not leave either.
      const notShipped = await ship(packed.id, 'ZTO-HOLD-1');
      expect(notShipped).toMatchObject({ status: 422, body: { type: expect.stringContaining(HOLD), detail: expect.stringContaining(reason) } });
      expect((await p.read(`/inventory/shipments?orderId=${packed.id}`)).body.total).toBe(0);
      expect((await p.read(`/inventory/pick-lists?orderId=${packed.id}`)).body.items).toMatchObject([{ status: 'packed' }]);

      expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-release`, { reason: 'Settled in full' })).status).toBe(200);
      const made = await waitFor('a pick list once inventory hears the hold is released', async () => {
        const res = await pickList(onTerms.id);
        return res.status === 201 ? res.body : false;
      });
      expect(made).toMatchObject({ orderId: onTerms.id, status: 'open' });
      for (const o of [paid, excepted]) expect((await pickList(o.id)).status).toBe(201);
      expect(await ship(packed.id, 'ZTO-HOLD-2')).toMatchObject({ status: 201, body: { orderId: packed.id } });
    });

    it('keeps the newest decision: the last hold\'s reason, until the last release', async () => {
      const customer = await aCreditCustomer(p);
      const sku = await aSkuWithStock(p, 5);
      const probe = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      for (const o of [probe, order]) await orderReaches(p, o.id, 'ready_to_ship');
      // Hold, release and hold again in quick succession (each through its own consumer): the last decision stands.
      for (const [step, reason] of [['credit-hold', 'First hold'], ['credit-release', 'First release'], ['credit-hold', 'Second hold']]) {
        expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/${step}`, { reason })).status).toBe(200);
      }
      // The probe may get its pick list before inventory has heard them all; the order is asked only once it has.
      await waitFor('the probe\'s pick list to be refused for the second hold', async () => {
        const res = await pickList(probe.id);
        if (refusedForHold(res, 'Second hold')) return res;
        throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      }, { timeoutMs: 10_000 });
      expect(refusedForHold(await pickList(order.id), 'Second hold')).toBe(true);
      expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-release`, { reason: 'Settled' })).status).toBe(200);
      const made = await waitFor('a pick list once the last hold is released', async () => {
        const res = await pickList(order.id);
        if (res.status === 201) return res.body;
        throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      });
      expect(made.orderId).toBe(order.id);
    });
  });

  describe('backorders are never overtaken (domain.md §4.5)', () => {
    const stockOf = async (sku: string) => (await p.read(`/inventory/stock?sku=${sku}`)).body.items[0];

    it('keeps stock that arrived for a waiting backorder from a newer order, and fills the line strictly in order', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 0);
      const a = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 5 }]));
      await orderReaches(p, a.id, 'backordered');
      await receiveStock(p, sku, 3, 'PO-A1');
      expect(await stockOf(sku)).toMatchObject({ onHand: 3, reserved: 0 });
      expect((await p.read(`/sales/orders/${a.id}`)).body.status).toBe('backordered');

      // B could take 2 of the 3 on hand, but they wait for A, which was registered first.
      const b = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
      await orderReaches(p, b.id, ['backordered', 'awaiting_payment']);
      expect((await p.read(`/sales/orders/${b.id}`)).body.status).toBe('backordered');
      expect(await stockOf(sku)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
      const register = await waitFor('both in the shortage register', async () => {
        const res = await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=open`);
        return res.body.total === 2 ? res.body.items : false;
      });
      expect(register.map((s: { orderId: string }) => s.orderId)).toEqual([a.id, b.id]);
      expect(register[0].sequence).toBeLessThan(register[1].sequence);
      // What B lacks: the 3 on hand are A's.
      expect(register[1]).toMatchObject({ requested: 2, available: 0, shortBy: 2 });

      await receiveStock(p, sku, 2, 'PO-A2');
      await orderReaches(p, a.id, 'awaiting_payment');
      expect(await stockOf(sku)).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
      expect((await p.read(`/sales/orders/${b.id}`)).body.status).toBe('backordered');

      await receiveStock(p, sku, 2, 'PO-A3');
      await orderReaches(p, b.id, 'awaiting_payment');
      expect(await stockOf(sku)).toMatchObject({ onHand: 7, reserved: 7, available: 0 });
      const reservations = await Promise.all([a, b].map(async (o) => (await p.read(`/inventory/reservations?orderId=${o.id}`)).body.items));
      expect(reservations.map((r) => r.map((x: { quantity: number }) => x.quantity))).toEqual([[5], [2]]);
    });

    it('fills the backorders of a race of short orders in the order of sales\' shortage register', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 0);
      const quantities = Array.from({ length: 20 }, (_, i) => 1 + ((i * 7) % 3));
      const orders = await Promise.all(quantities.map((quantity) => placeOrder(p, orderBody(customer.id, [{ sku, quantity }]))));
      const register = await waitFor('every order in the shortage register', async () => {
        const res = await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&pageSize=100`);
        return res.body.total === orders.length ? res.body.items : false;
      }, { timeoutMs: 30_000 });
      const sequences = register.map((s: { sequence: number }) => s.sequence);
      expect(sequences.every((n: unknown) => Number.isInteger(n))).toBe(true);
      expect([...sequences].sort((x, y) => x - y)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(orders.length);

      // Stock for all of them, in steps that each fill some of the line.
      const total = quantities.reduce((s, q) => s + q, 0);
      for (let arrived = 0, step = 1; arrived < total; step += 1) {
        const quantity = Math.min(7, total - arrived);
        await receiveStock(p, sku, quantity, `PO-RACE-${step}`);
        arrived += quantity;
      }
      expect(await stockOf(sku)).toMatchObject({ onHand: total, reserved: total, available: 0 });

      // The order inventory filled them in: its reservations of the SKU, oldest first.
      const filled: string[] = [];
      for (let page = 1; ; page += 1) {
        const res = await p.read(`/inventory/reservations?pageSize=200&page=${page}`);
        filled.push(...res.body.items.filter((r: { sku: string }) => r.sku === sku).map((r: { orderId: string }) => r.orderId));
        if (page * 200 >= res.body.total) break;
      }
      expect(filled).toHaveLength(orders.length);
      expect(filled).toEqual(register.map((s: { orderId: string }) => s.orderId));
      await waitFor('sales to mark every shortage filled', async () => (await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=open`)).body.total === 0);
    });
  });
});
