import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** Goods in through audited receipts, stock per location and batch, and picking that names its lots (domain.md §6). */
describe('warehouse: receipts, lots and batches', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });

  afterAll(async () => {
    await p?.close();
  });

  /** On hand per SKU three ways: the ledger's sum, the lots' sum, and the warehouse total. */
  const stockThreeWays = (sku: string) =>
    withClient(p.env.databaseUrl, async (c) => {
      const one = async (sql: string) => Number((await c.query(sql, [sku])).rows[0].n);
      return {
        ledger: await one(`SELECT COALESCE(SUM(quantity), 0) AS n FROM inventory.stock_movements WHERE sku_code = $1`),
        lots: await one(`SELECT COALESCE(SUM(on_hand), 0) AS n FROM inventory.stock_lots WHERE sku_code = $1`),
        level: await one(`SELECT COALESCE(SUM(on_hand), 0) AS n FROM inventory.stock_levels WHERE sku_code = $1`),
        reserved: await one(`SELECT COALESCE(SUM(reserved), 0) AS n FROM inventory.stock_levels WHERE sku_code = $1`),
        reservations: await one(`SELECT COALESCE(SUM(quantity), 0) AS n FROM inventory.reservations WHERE sku_code = $1 AND status = 'reserved'`),
      };
    });

  it('changes no stock for a saved receipt; its audit by another person posts the ledger and the lots', async () => {
    const sku = await aSkuWithStock(p, 0);
    const location = await p.call('warehouse_manager', 'POST', '/inventory/locations', { code: 'A-01', name: 'Aisle A, shelf 1' });
    expect(location).toMatchObject({ status: 201, body: { warehouseCode: 'MAIN', code: 'A-01' } });
    expect((await p.call('warehouse_manager', 'POST', '/inventory/locations', { code: 'A-01', name: 'again' })).status).toBe(409);

    const bad = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'DN-1', lines: [{ sku, quantity: 1, location: 'Z-99' }, { sku: 'NO-SUCH-SKU', quantity: 1 }] });
    expect(bad).toMatchObject({ status: 422, body: { errors: [{ field: 'lines[0].location' }, { field: 'lines[1].sku' }] } });
    const fractional = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'DN-1', lines: [{ sku, quantity: 1.5 }] });
    expect(fractional.status).toBe(400);

    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'DN-1', lines: [{ sku, quantity: 6, location: 'A-01', batch: 'L1' }, { sku, quantity: 4 }] });
    expect(receipt).toMatchObject({ status: 201, body: { status: 'saved', number: expect.stringMatching(/^GR-\d{4}-\d{6}$/), lines: [{ location: 'A-01', batch: 'L1' }, { location: 'STOCK', batch: null }] } });
    expect(await stockThreeWays(sku)).toMatchObject({ ledger: 0, lots: 0, level: 0 });
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(403); // keepers do not audit
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).body).toMatchObject({ status: 'audited', auditedBy: expect.any(String) });
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(409);

    expect(await stockThreeWays(sku)).toMatchObject({ ledger: 10, lots: 10, level: 10 });
    const lots = (await p.read(`/inventory/stock/lots?sku=${sku}`)).body.items;
    expect(lots).toEqual([
      expect.objectContaining({ location: 'A-01', batch: 'L1', onHand: 6 }),
      expect.objectContaining({ location: 'STOCK', batch: null, onHand: 4 }),
    ]);
    const ledger = (await p.call('warehouse_manager', 'GET', `/inventory/stock/movements?documentRef=${receipt.body.number}`)).body;
    expect(ledger.items.map((m: { quantity: number; batch: string | null }) => [m.quantity, m.batch])).toEqual([[6, 'L1'], [4, null]]);
  });

  it('a manager\'s own receipt waits for another manager', async () => {
    const sku = await aSkuWithStock(p, 0);
    const own = await p.call('warehouse_manager', 'POST', '/inventory/stock-receipts', { reference: 'DN-2', lines: [{ sku, quantity: 1 }] });
    expect(await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${own.body.id}/audit`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect((await p.call('purchasing_manager', 'POST', `/inventory/stock-receipts/${own.body.id}/audit`)).status).toBe(200);
  });

  it('picks the oldest batch first, has the verifier confirm each batch, and ships from those lots', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 0, 1_000);
    await receiveStock(p, sku, 2, 'DN-OLD', { batch: 'OLD' });
    await receiveStock(p, sku, 5, 'DN-NEW', { batch: 'NEW' });
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 3_000, counterfeitChecked: true });
    const list = await waitFor('a pick list', async () => {
      const res = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id });
      return res.status === 201 ? res.body : false;
    });
    const tooMuch = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: [{ sku, quantity: 3, batch: 'OLD' }] });
    expect(tooMuch).toMatchObject({ status: 422, body: { type: expect.stringContaining('lot-short'), errors: [{ field: 'lines[0]' }] } });
    const picked = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: [{ sku, quantity: 3 }] });
    expect(picked.body.picks).toEqual([
      { sku, location: 'STOCK', batch: 'NEW', quantity: 1 },
      { sku, location: 'STOCK', batch: 'OLD', quantity: 2 },
    ]);
    const blind = await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: [{ sku, quantity: 3 }] });
    expect(blind).toMatchObject({ status: 422, body: { type: expect.stringContaining('batches-differ') } });
    const verified = await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: [{ sku, quantity: 2, batch: 'OLD' }, { sku, quantity: 1, batch: 'NEW' }] });
    expect(verified.body.status).toBe('verified');
    await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/pack`, { pieces: 1 });
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: 'ZTO-1', pieces: 1 });
    expect(shipment.status).toBe(201);

    expect((await p.read(`/inventory/stock/lots?sku=${sku}`)).body.items.map((l: { batch: string; onHand: number }) => [l.batch, l.onHand])).toEqual([['OLD', 0], ['NEW', 4]]);
    const out = (await p.call('warehouse_manager', 'GET', `/inventory/stock/movements?documentRef=${shipment.body.number}`)).body.items;
    expect(out.map((m: { quantity: number; batch: string }) => [m.quantity, m.batch])).toEqual([[-1, 'NEW'], [-2, 'OLD']]);
    expect(await stockThreeWays(sku)).toEqual({ ledger: 4, lots: 4, level: 4, reserved: 0, reservations: 0 });
  });

  it('lets exactly 10 of 50 racing orders reserve the last 10 units; the rest are backordered and every sum agrees', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10);
    const orders = await Promise.all(Array.from({ length: 50 }, () => placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]))));
    const settled = await waitFor('every order to be reserved or backordered', async () => {
      const res = await p.call('sales_manager', 'GET', `/sales/orders?customerId=${customer.id}&pageSize=100`);
      const statuses = res.body.items.map((o: { status: string }) => o.status);
      return statuses.length === 50 && statuses.every((s: string) => s === 'awaiting_payment' || s === 'backordered') ? statuses : false;
    }, { timeoutMs: 30_000 });
    expect(settled.filter((s: string) => s === 'awaiting_payment')).toHaveLength(10);
    expect(settled.filter((s: string) => s === 'backordered')).toHaveLength(40);
    expect(orders).toHaveLength(50);
    expect(await stockThreeWays(sku)).toEqual({ ledger: 10, lots: 10, level: 10, reserved: 10, reservations: 10 });
    expect((await p.call('sales_manager', 'GET', `/sales/shortages?sku=${sku}&status=open&pageSize=100`)).body.total).toBe(40);
  });

  it('ships an order in parts, tracked line by line, and delivers it once every part is signed for', async () => {
    const customer = await aCreditCustomer(p);
    const tea = await aSkuWithStock(p, 10, 1_000);
    const cup = await aSkuWithStock(p, 10, 500);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku: tea, quantity: 3 }, { sku: cup, quantity: 2 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');

    const shipPart = async (lines: Array<{ sku: string; quantity: number }> | undefined, tracking: string) => {
      await pickVerifyPack(p, order.id, 1, lines);
      const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: tracking, pieces: 1 });
      expect(shipment.status).toBe(201);
      return shipment.body;
    };

    const tooMuch = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id, lines: [{ sku: tea, quantity: 4 }] });
    expect(tooMuch).toMatchObject({ status: 422, body: { errors: [{ field: 'lines[0].quantity', message: 'only 3 of ' + tea + ' is left to ship' }] } });
    const first = await shipPart([{ sku: tea, quantity: 2 }], 'ZTO-P1');
    expect(first.lines).toEqual([{ sku: tea, warehouseCode: 'MAIN', quantity: 2 }]);
    const partly = await waitFor('sales to count the first part', async () => {
      const res = await p.read(`/sales/orders/${order.id}`);
      return res.body.lines[0].shippedQuantity === 2 ? res.body : false;
    });
    expect(partly).toMatchObject({ status: 'ready_to_ship', lines: [{ sku: tea, shippedQuantity: 2 }, { sku: cup, shippedQuantity: 0 }] });
    expect(partly.history.at(-1)).toMatchObject({ from: 'ready_to_ship', to: 'ready_to_ship', reason: `shipped in part: ${first.number}` });
    expect((await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/cancel`, { reason: 'x', moneyDisposition: 'refund' })).status).toBe(409);
    expect((await p.read(`/inventory/reservations?orderId=${order.id}`)).body.items.map((r: { shippedQuantity: number; status: string }) => [r.shippedQuantity, r.status]))
      .toEqual(expect.arrayContaining([[2, 'reserved'], [0, 'reserved']]));

    // Signing for the first part does not deliver an order with more to ship.
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${first.id}/delivery`, { signedBy: '王芳' })).status).toBe(200);
    const second = await shipPart(undefined, 'ZTO-P2');
    expect(second.lines).toEqual(expect.arrayContaining([{ sku: tea, warehouseCode: 'MAIN', quantity: 1 }, { sku: cup, warehouseCode: 'MAIN', quantity: 2 }]));
    await orderReaches(p, order.id, 'shipped');
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id })).status).toBe(409);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${second.id}/delivery`, { signedBy: '王芳' })).status).toBe(200);
    // Delivered once both parts are signed for, and closed at once: it is a credit order.
    const done = await orderReaches(p, order.id, 'closed');
    expect(done.history.map((h: { to: string }) => h.to).slice(-2)).toEqual(['delivered', 'closed']);
    expect(done.shippingNotices.map((n: { deliverySignedBy: string }) => n.deliverySignedBy)).toEqual(['王芳', '王芳']);
    expect(await stockThreeWays(tea)).toEqual({ ledger: 7, lots: 7, level: 7, reserved: 0, reservations: 0 });
  });

  it('reserves an order in one warehouse: the main one when it can take it all, else another that can', async () => {
    const customer = await aCreditCustomer(p);
    const code = `N${Date.now() % 100_000}`;
    expect(await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code, name: 'North warehouse' })).toMatchObject({ status: 201, body: { code } });
    expect((await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code, name: 'again' })).status).toBe(409);
    const sku = await aSkuWithStock(p, 1, 800);
    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { warehouseCode: code, reference: 'DN-N', lines: [{ sku, quantity: 5, batch: 'N1' }] });
    await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`);

    const small = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    const large = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3 }], 'credit'));
    await orderReaches(p, small.id, 'ready_to_ship');
    await orderReaches(p, large.id, 'ready_to_ship');
    const warehouseOf = async (orderId: string) => (await p.read(`/inventory/reservations?orderId=${orderId}`)).body.items.map((r: { warehouseCode: string }) => r.warehouseCode);
    expect(await warehouseOf(small.id)).toEqual(['MAIN']);
    expect(await warehouseOf(large.id)).toEqual([code]);

    const list = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: large.id });
    const picked = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.body.id}/pick`, { lines: [{ sku, quantity: 3 }] });
    expect(picked.body.picks).toEqual([{ sku, location: 'STOCK', batch: 'N1', quantity: 3 }]);
    await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.body.id}/verify`, { lines: [{ sku, quantity: 3, batch: 'N1' }] });
    await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.body.id}/pack`, { pieces: 1 });
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: large.id, carrier: 'ZTO', trackingNumber: 'ZTO-N', pieces: 1 })).status).toBe(201);
    const lots = (await p.read(`/inventory/stock/lots?sku=${sku}`)).body.items.map((l: { warehouseCode: string; onHand: number }) => [l.warehouseCode, l.onHand]);
    expect(lots).toEqual(expect.arrayContaining([['MAIN', 1], [code, 2]]));
    expect(await stockThreeWays(sku)).toEqual({ ledger: 3, lots: 3, level: 3, reserved: 1, reservations: 1 });
  });
});
