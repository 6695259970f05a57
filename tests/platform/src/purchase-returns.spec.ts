import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, expectStockLedgerInOrder, orderBody, orderReaches, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Purchasing's side of stock end to end through the gateway: goods back to a supplier (a purchase return
 * against an audited purchase receipt, approved by another person, shipped out of stock with finance told the
 * amount), the low-stock alert once per crossing, and purchase suggestions.
 */
describe('purchase returns, low stock and purchase suggestions', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { shipped: [] as EventEnvelope[], low: [] as EventEnvelope[] };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const listen = (type: string, into: EventEnvelope[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
  let seq = 0;

  beforeAll(async () => {
    p = await TestPlatform.start();
    listen('inventory.purchase-return.shipped', heard.shipped);
    listen('inventory.stock.low', heard.low);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(async () => {
    await expectBooksInOrder(p);
    await expectStockLedgerInOrder(p);
  });

  const aSupplier = async () => {
    const res = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: `SUP-${Date.now()}-${++seq}`, name: '杭州龙井茶厂', kind: 'goods', paymentTermsDays: 30 });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  /** A purchase receipt from the supplier, recorded by a keeper and audited by the warehouse manager. */
  const purchaseReceipt = async (supplierId: string, lines: Array<{ sku: string; quantity: number; unitPriceFen: number }>) => {
    const recorded = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', {
      reference: `DN-${++seq}`, supplierId, lines: lines.map((l) => ({ ...l, cartonsOpened: 1, inspection: 'passed' })),
    });
    expect(recorded.status).toBe(201);
    const audited = await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${recorded.body.id}/audit`);
    expect(audited.status).toBe(200);
    return audited.body as { id: string; number: string };
  };
  const onHand = async (sku: string, warehouseCode = 'MAIN') =>
    ((await p.read(`/inventory/stock?sku=${sku}`)).body.items.find((l: { warehouseCode: string }) => l.warehouseCode === warehouseCode)?.onHand ?? 0) as number;
  /** A return without a receipt, drafted by a purchaser, approved by a purchasing manager and shipped by a keeper. */
  const sendBack = async (supplierId: string, sku: string, quantity: number) => {
    const draft = await p.call('purchaser', 'POST', '/inventory/purchase-returns', { supplierId, reason: 'Damaged', lines: [{ sku, quantity, unitPriceFen: 100 }] });
    expect(draft.status).toBe(201);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-returns/${draft.body.id}/approve`)).status).toBe(200);
    const shipped = await p.call('warehouse_keeper', 'POST', `/inventory/purchase-returns/${draft.body.id}/ship`);
    expect(shipped.status).toBe(200);
    return shipped.body;
  };

  it('sends goods of an audited receipt back to the supplier: approved by another person, shipped out of stock, finance told the amount', async () => {
    const supplier = await aSupplier();
    const sku = await aSkuWithStock(p, 0);
    const receipt = await purchaseReceipt(supplier.id, [{ sku, quantity: 10, unitPriceFen: 1_130 }]);
    expect(await onHand(sku)).toBe(10);

    // More than the receipt brought in is refused, naming the line.
    const tooMany = await p.call('purchaser', 'POST', '/inventory/purchase-returns', { receiptId: receipt.id, reason: 'Crushed cartons', lines: [{ receiptLineNo: 1, quantity: 11 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ field: 'lines[0].quantity', message: expect.stringContaining('at most 10') }]);

    const draft = await p.call('purchaser', 'POST', '/inventory/purchase-returns', { receiptId: receipt.id, reason: 'Crushed cartons', lines: [{ receiptLineNo: 1, quantity: 4 }] });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ number: expect.stringMatching(/^PRN-\d{4}-\d{6}$/), status: 'draft', supplierId: supplier.id, receiptNumber: receipt.number, amountFen: 4_520, lines: [{ sku, quantity: 4, unitPriceFen: 1_130, amountFen: 4_520, receiptLineNo: 1 }] });
    // What earlier returns take back counts: 6 are left of the 10.
    const beyond = await p.call('purchasing_manager', 'POST', '/inventory/purchase-returns', { receiptId: receipt.id, reason: 'More crushed', lines: [{ receiptLineNo: 1, quantity: 7 }] });
    expect(beyond.status).toBe(422);
    expect(beyond.body.errors[0].message).toContain('at most 6');
    // A purchasing manager does not approve their own return.
    const own = await p.call('purchasing_manager', 'POST', '/inventory/purchase-returns', { receiptId: receipt.id, reason: 'More crushed', lines: [{ receiptLineNo: 1, quantity: 1 }] });
    expect(own.status).toBe(201);
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-returns/${own.body.id}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-returns/${own.body.id}/cancel`, { reason: 'Counted twice' })).body.status).toBe('cancelled');

    // Not shipped before it is approved; approved by a purchasing manager who did not draft it.
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/purchase-returns/${draft.body.id}/ship`)).status).toBe(409);
    const approved = await p.call('purchasing_manager', 'POST', `/inventory/purchase-returns/${draft.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const shipped = await p.call('warehouse_keeper', 'POST', `/inventory/purchase-returns/${draft.body.id}/ship`);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', lines: [{ lots: [{ warehouseCode: 'MAIN', location: 'STOCK', batch: null, quantity: 4 }] }] });

    expect(await onHand(sku)).toBe(6);
    const movements = (await p.read(`/inventory/stock/movements?documentRef=${draft.body.number}`)).body.items;
    expect(movements).toEqual([expect.objectContaining({ sku, warehouseCode: 'MAIN', quantity: -4, kind: 'purchase_return' })]);
    const event = await waitFor('the shipped return to be published', async () => heard.shipped.find((e) => e.aggregateId === draft.body.id) ?? false);
    expect(event.data).toMatchObject({
      purchaseReturnId: draft.body.id, number: draft.body.number, supplierId: supplier.id, receiptId: receipt.id, receiptNumber: receipt.number,
      lines: [{ lineNo: 1, sku, quantity: 4, unitPriceFen: 1_130, amountFen: 4_520 }], amountFen: 4_520,
    });
    // Shipped once.
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/purchase-returns/${draft.body.id}/ship`)).status).toBe(409);
  });

  it('alerts low stock in a warehouse once per crossing, and again after it recovered and fell again', async () => {
    const supplier = await aSupplier();
    const sku = await aSkuWithStock(p, 10);
    const set = await p.call('warehouse_manager', 'PUT', '/inventory/stock-thresholds', { sku, warehouseCode: 'MAIN', minQuantity: 8, reorderQuantity: 20 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ availableQuantity: 10, low: false, alerted: false });
    expect((await p.call('warehouse_manager', 'PUT', '/inventory/stock-thresholds', { sku, warehouseCode: 'MAIN', minQuantity: 8, reorderQuantity: 5 })).status).toBe(400);

    const alertsOf = (s: string) => heard.low.filter((e) => (e.data as { sku: string }).sku === s);
    /** Another SKU's threshold crossed now: once its alert is heard, a whole scan has run since. */
    const aScanHasRun = async () => {
      const sentinel = await aSkuWithStock(p, 0);
      expect((await p.call('purchasing_manager', 'PUT', '/inventory/stock-thresholds', { sku: sentinel, warehouseCode: 'MAIN', minQuantity: 1, reorderQuantity: 1 })).status).toBe(200);
      await waitFor('a scan of the thresholds', async () => alertsOf(sentinel).length > 0);
    };

    await sendBack(supplier.id, sku, 3);
    const first = await waitFor('the low-stock alert', async () => alertsOf(sku)[0] ?? false);
    expect(first.data).toMatchObject({ sku, warehouseCode: 'MAIN', availableQuantity: 7, minQuantity: 8, reorderQuantity: 20, shortfallQuantity: 13 });
    // Lower still: the same crossing, no second alert.
    await sendBack(supplier.id, sku, 1);
    await aScanHasRun();
    expect(alertsOf(sku)).toHaveLength(1);
    expect((await p.read(`/inventory/stock-thresholds?sku=${sku}`)).body.items).toEqual([expect.objectContaining({ availableQuantity: 6, low: true, alerted: true })]);

    // Back at the minimum: re-armed; below it again: alerted again.
    await receiveStock(p, sku, 4, 'RESTOCK');
    await waitFor('the threshold to re-arm', async () => (await p.read(`/inventory/stock-thresholds?sku=${sku}`)).body.items[0]?.alerted === false);
    await sendBack(supplier.id, sku, 3);
    await waitFor('the second crossing\'s alert', async () => alertsOf(sku).length === 2);
    expect(alertsOf(sku)[1].data).toMatchObject({ availableQuantity: 7, minQuantity: 8 });
  });

  it('suggests buying what backorders wait for plus the refill below the threshold, less what is on order, with the last supplier and price', async () => {
    const supplier = await aSupplier();
    const sku = await aSkuWithStock(p, 0);
    await purchaseReceipt(supplier.id, [{ sku, quantity: 4, unitPriceFen: 990 }]);
    // An order for 5 of the 4 on hand waits in line.
    const customer = await aCustomer(p);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 5, unitPriceFen: 100 }]));
    await orderReaches(p, order.id, 'backordered');
    expect((await p.call('purchasing_manager', 'PUT', '/inventory/stock-thresholds', { sku, warehouseCode: 'MAIN', minQuantity: 10, reorderQuantity: 30 })).status).toBe(200);
    const po = await p.call('purchaser', 'POST', '/inventory/purchase-orders', { supplierId: supplier.id, lines: [{ sku, quantity: 8, unitPriceFen: 990, promisedDate: '2099-12-31' }] });
    expect(po.status).toBe(201);

    // A draft order is not on order yet.
    const before = (await p.call('purchaser', 'GET', `/inventory/purchase-suggestions?sku=${sku}`)).body.items;
    expect(before).toEqual([expect.objectContaining({ sku, warehouseCode: 'MAIN', backorderedQuantity: 5, availableQuantity: 4, shortfallQuantity: 31, onOrderQuantity: 0, suggestedQuantity: 31 })]);

    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.body.id}/approve`)).status).toBe(200);
    const after = await p.call('purchaser', 'GET', `/inventory/purchase-suggestions?sku=${sku}`);
    expect(after.status).toBe(200);
    expect(after.body.items).toEqual([{
      sku, warehouseCode: 'MAIN', backorderedQuantity: 5, availableQuantity: 4, minQuantity: 10, reorderQuantity: 30, shortfallQuantity: 30 - (4 - 5), onOrderQuantity: 8,
      suggestedQuantity: 30 - (4 - 5) - 8, lastSupplierId: supplier.id, lastSupplierName: '杭州龙井茶厂', lastUnitPriceFen: 990,
    }]);
    const [backorder] = await sql(`SELECT status FROM inventory.backorders WHERE order_id = $1`, [order.id]);
    expect(backorder.status).toBe('open');
  });

  it('evaluates suppliers for a month: on time against the promised date, inspection, returns (rejected goods back from quarantine); CSV too', async () => {
    const supplier = await aSupplier();
    const [tea, cups] = [await aSkuWithStock(p, 0), await aSkuWithStock(p, 0)];
    const po = await p.call('purchaser', 'POST', '/inventory/purchase-orders', {
      supplierId: supplier.id, lines: [{ sku: tea, quantity: 3, unitPriceFen: 500, promisedDate: '2099-12-31' }, { sku: cups, quantity: 2, unitPriceFen: 200, promisedDate: '2099-12-31' }],
    });
    expect(po.status).toBe(201);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.body.id}/approve`)).status).toBe(200);
    const recorded = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', {
      reference: `DN-${++seq}`, supplierId: supplier.id, purchaseOrderId: po.body.id, lines: [
        { sku: tea, quantity: 3, poLineNo: 1, cartonsOpened: 1, inspection: 'passed' },
        { sku: cups, quantity: 2, poLineNo: 2, cartonsOpened: 1, inspection: 'failed', inspectionNote: 'Cracked glaze', rejectedQuantity: 2 },
      ],
    });
    expect(recorded.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${recorded.body.id}/audit`)).status).toBe(200);
    expect(await onHand(cups, 'QUARANTINE')).toBe(2);

    // The rejected goods go back from quarantine, at the receipt's price.
    const back = await p.call('purchaser', 'POST', '/inventory/purchase-returns', { receiptId: recorded.body.id, reason: 'Failed inspection', lines: [{ receiptLineNo: 2, quantity: 2, warehouseCode: 'QUARANTINE' }] });
    expect(back.status).toBe(201);
    expect(back.body.amountFen).toBe(400);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-returns/${back.body.id}/approve`)).status).toBe(200);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/purchase-returns/${back.body.id}/ship`)).status).toBe(200);
    expect(await onHand(cups, 'QUARANTINE')).toBe(0);
    // Its 2 rejected units went back already; none of the line came into MAIN.
    for (const warehouseCode of ['QUARANTINE', 'MAIN']) {
      const more = await p.call('purchaser', 'POST', '/inventory/purchase-returns', { receiptId: recorded.body.id, reason: 'Again', lines: [{ receiptLineNo: 2, quantity: 1, warehouseCode }] });
      expect(more.status).toBe(422);
      expect(more.body.errors[0]).toMatchObject({ field: 'lines[0].quantity', message: expect.stringContaining('at most 0') });
    }

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const res = await p.call('purchasing_manager', 'GET', `/inventory/supplier-evaluation?month=${month}`);
    expect(res.status).toBe(200);
    const score = {
      supplierId: supplier.id, receiptLines: 2, receivedQuantity: 5, promisedLines: 2, onTimeLines: 2, onTimeRate: 1, inspectedLines: 2, passedLines: 1, passRate: 0.5,
      returns: 1, returnedQuantity: 2, returnedAmountFen: 400, belowThreshold: true, reasons: 'inspection',
    };
    expect(res.body.items.find((s: { supplierId: string }) => s.supplierId === supplier.id)).toMatchObject(score);
    const below = await p.call('purchasing_manager', 'GET', `/inventory/supplier-evaluation?month=${month}&belowThreshold=true`);
    expect(below.body.items.find((s: { supplierId: string }) => s.supplierId === supplier.id)).toMatchObject(score);
    const csv = await p.call('purchasing_manager', 'GET', `/inventory/supplier-evaluation?month=${month}`, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(supplier.id);
    const prices = await p.call('purchaser', 'GET', `/inventory/purchase-prices?sku=${tea}`);
    expect(prices.body.items).toEqual([expect.objectContaining({ sku: tea, supplierId: supplier.id, unitPriceFen: 500, quantity: 3, changeFen: null })]);
  });
});
