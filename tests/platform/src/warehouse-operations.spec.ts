import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { StocktakeSchedule } from '@ops/inventory';
import { addDays, businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectStockLedgerInOrder, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Transfers, stocktakes and sample loans end to end through the gateway (domain.md §6): every unit moves through
 * the stock ledger, via TRANSIT and ON_LOAN, and a stocktake's adjustments post only once approved.
 */
describe('warehouse operations', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { transfers: [] as EventEnvelope[], adjusted: [] as EventEnvelope[] };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const listen = (type: string, into: EventEnvelope[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
  let n = 0;
  const aWarehouse = async (kind: 'warehouse' | 'store') => {
    const code = `W${process.pid}-${++n}`;
    const res = await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code, name: `${kind} ${code}`, kind });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code, name: `${kind} ${code}`, kind, sellable: true });
    return code;
  };
  const onHand = async (sku: string, warehouseCode: string) =>
    (await sql(`SELECT on_hand FROM inventory.stock_levels WHERE sku_code = $1 AND warehouse_code = $2`, [sku, warehouseCode]))[0]?.on_hand ?? 0;
  const movements = (documentRef: string) => sql(`SELECT sku_code, warehouse_code, location, quantity, kind FROM inventory.stock_movements WHERE document_ref = $1 ORDER BY id`, [documentRef]);
  const transfer = async (from: string, to: string, sku: string, quantity: number) => {
    const res = await p.call('warehouse_keeper', 'POST', '/inventory/transfers', { fromWarehouse: from, toWarehouse: to, lines: [{ sku, quantity }] });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    p = await TestPlatform.start();
    listen('inventory.transfer.received', heard.transfers);
    listen('inventory.stocktake.adjusted', heard.adjusted);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(async () => {
    await expectStockLedgerInOrder(p);
  });

  it('moves stock between two stores with a sales manager\'s consent, through TRANSIT, a difference explained', async () => {
    const sku = await aSkuWithStock(p, 10);
    const [east, west] = [await aWarehouse('store'), await aWarehouse('store')];

    // Warehouse to store: no consent needed.
    const stocking = await transfer('MAIN', east, sku, 10);
    expect(stocking.status).toBe('draft');
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${stocking.id}/dispatch`)).status).toBe(200);
    expect(await onHand(sku, 'TRANSIT')).toBe(10);
    const stocked = await p.call('warehouse_manager', 'POST', `/inventory/transfers/${stocking.id}/receive`, { lines: [{ sku, receivedQuantity: 10 }] });
    expect(stocked.status).toBe(200);
    expect(await onHand(sku, east)).toBe(10);

    // Store to store: a sales manager consents first.
    const between = await transfer(east, west, sku, 6);
    expect(between.status).toBe('consent_needed');
    const early = await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${between.id}/dispatch`);
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/transfer-consent-needed/);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${between.id}/consent`)).status).toBe(403);
    const consented = await p.call('sales_manager', 'POST', `/inventory/transfers/${between.id}/consent`);
    expect(consented.body).toMatchObject({ status: 'consented', consentedBy: expect.any(String) });
    const dispatched = await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${between.id}/dispatch`);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', lines: [{ sku, quantity: 6, sent: [{ location: 'STOCK', quantity: 6 }] }] });
    expect([await onHand(sku, east), await onHand(sku, 'TRANSIT')]).toEqual([4, 6]);

    // The dispatcher does not receive; a difference needs its explanation; more than sent is refused.
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${between.id}/receive`, { lines: [{ sku, receivedQuantity: 6 }] })).status).toBe(403);
    const unexplained = await p.call('warehouse_manager', 'POST', `/inventory/transfers/${between.id}/receive`, { lines: [{ sku, receivedQuantity: 5 }] });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors).toEqual([{ field: 'lines[0].differenceNote', message: expect.any(String) }]);
    const tooMany = await p.call('warehouse_manager', 'POST', `/inventory/transfers/${between.id}/receive`, { lines: [{ sku, receivedQuantity: 7 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ field: 'lines[0].receivedQuantity', message: expect.any(String) }]);
    const received = await p.call('warehouse_manager', 'POST', `/inventory/transfers/${between.id}/receive`, { lines: [{ sku, receivedQuantity: 5, differenceNote: 'One box crushed in the van' }] });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', lines: [{ sku, quantity: 6, receivedQuantity: 5, difference: -1, differenceNote: 'One box crushed in the van' }] });

    expect([await onHand(sku, east), await onHand(sku, west), await onHand(sku, 'TRANSIT')]).toEqual([4, 5, 0]);
    // TRANSIT takes goods only from transfers: a goods receipt into it is refused, naming the field.
    const intoTransit = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'DN-TRANSIT', warehouseCode: 'TRANSIT', lines: [{ sku, quantity: 1, location: 'TRANSIT' }] });
    expect(intoTransit).toMatchObject({ status: 422, body: { errors: [{ field: 'warehouseCode', message: 'names no sellable warehouse' }] } });
    expect(await movements(between.number)).toEqual([
      { sku_code: sku, warehouse_code: east, location: 'STOCK', quantity: -6, kind: 'transfer' },
      { sku_code: sku, warehouse_code: 'TRANSIT', location: 'TRANSIT', quantity: 6, kind: 'transfer' },
      { sku_code: sku, warehouse_code: 'TRANSIT', location: 'TRANSIT', quantity: -5, kind: 'transfer' },
      { sku_code: sku, warehouse_code: west, location: 'STOCK', quantity: 5, kind: 'transfer' },
      { sku_code: sku, warehouse_code: 'TRANSIT', location: 'TRANSIT', quantity: -1, kind: 'adjustment' },
    ]);
    const event = await waitFor('inventory.transfer.received', async () => heard.transfers.find((e) => (e.data as { transferId: string }).transferId === between.id) ?? false);
    expect(event.data).toMatchObject({ number: between.number, lines: [{ sku, sentQuantity: 6, receivedQuantity: 5, difference: -1, differenceNote: 'One box crushed in the van' }] });
  });

  it('serves a waiting backorder first with stock a transfer brings into a sellable warehouse', async () => {
    const sku = await aSkuWithStock(p, 4);
    const store = await aWarehouse('store');
    const moving = await transfer('MAIN', store, sku, 4);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/transfers/${moving.id}/dispatch`)).status).toBe(200);
    // Nothing sellable is left: the order waits in line.
    const order = await placeOrder(p, orderBody((await aCustomer(p)).id, [{ sku, quantity: 3 }]));
    await orderReaches(p, order.id, 'backordered');
    expect((await p.call('warehouse_manager', 'POST', `/inventory/transfers/${moving.id}/receive`, { lines: [{ sku, receivedQuantity: 4 }] })).status).toBe(200);
    await orderReaches(p, order.id, 'awaiting_payment');
    const level = (await p.read(`/inventory/stock?sku=${sku}`)).body.items.find((l: { warehouseCode: string }) => l.warehouseCode === store);
    expect(level).toMatchObject({ onHand: 4, reserved: 3, available: 1 });
  });

  it('counts blind, and adjusts stock only once a manager who did not count approves', async () => {
    const [tin, box] = [await aSkuWithStock(p, 0), await aSkuWithStock(p, 0)];
    const warehouse = await aWarehouse('warehouse');
    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { warehouseCode: warehouse, reference: 'OPENING', lines: [{ sku: tin, quantity: 10 }, { sku: box, quantity: 5 }] });
    expect(receipt.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(200);

    const started = await p.call('warehouse_manager', 'POST', '/inventory/stocktakes', { warehouseCode: warehouse });
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect(started.body).toMatchObject({ status: 'counting', reportDueOn: addDays(businessDate(), 1), overdue: false });

    // What a counter sees: the lots to count, never a book quantity.
    const sheet = await p.call('warehouse_keeper', 'GET', `/inventory/stocktakes/${id}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.sheets).toEqual([{ location: 'STOCK', lines: [
      { sku: [tin, box].sort()[0], batch: null, countedQuantity: null, countedBy: null, found: false },
      { sku: [tin, box].sort()[1], batch: null, countedQuantity: null, countedBy: null, found: false },
    ] }]);
    const blind = (body: unknown) => {
      const json = JSON.stringify(body);
      expect(json).not.toMatch(/book|variance|onHand|adjustment/i);
      expect(json).not.toMatch(/:10[,}]|:5[,}]/);
    };
    blind(sheet.body);
    expect((await p.call('warehouse_keeper', 'GET', `/inventory/stocktakes/${id}/variances`)).status).toBe(403);
    const counted = await p.call('warehouse_keeper', 'POST', `/inventory/stocktakes/${id}/counts`, { location: 'STOCK', lines: [{ sku: tin, countedQuantity: 8 }, { sku: box, countedQuantity: 7 }] });
    expect(counted.status).toBe(200);
    blind({ ...counted.body, sheets: counted.body.sheets.map((s: { lines: Array<{ countedQuantity: number }> }) => ({ ...s, lines: s.lines.map((l) => ({ ...l, countedQuantity: 'x' })) })) });
    const listed = await p.call('warehouse_keeper', 'GET', `/inventory/stocktakes?warehouseCode=${warehouse}`);
    expect(listed.body.items).toHaveLength(1);
    blind({ ...listed.body.items[0], sheets: [] });
    const submitted = await p.call('warehouse_keeper', 'POST', `/inventory/stocktakes/${id}/submit`);
    expect(submitted.body.status).toBe('submitted');
    blind({ ...submitted.body, sheets: [] });

    // The variance report, for managers: counted − book when counted, each proposed as an adjustment.
    const report = await p.call('warehouse_manager', 'GET', `/inventory/stocktakes/${id}/variances`);
    expect(report.status).toBe(200);
    const variance = Object.fromEntries(report.body.lines.map((l: { sku: string; variance: number }) => [l.sku, l.variance]));
    expect(variance).toEqual({ [tin]: -2, [box]: 2 });
    expect(report.body.adjustments.map((a: { status: string; lines: Array<{ quantity: number }> }) => [a.status, a.lines[0].quantity]).sort()).toEqual([['proposed', -2], ['proposed', 2]]);
    expect((await p.read(`/inventory/stocktakes/${id}/variances`)).status).toBe(200);

    // Nothing has moved yet.
    expect([await onHand(tin, warehouse), await onHand(box, warehouse)]).toEqual([10, 5]);
    expect(await movements(started.body.number)).toEqual([]);

    // Counted under the wrong code: a move between the two SKUs, refused without a reason.
    const pair = { short: { sku: tin, location: 'STOCK' }, over: { sku: box, location: 'STOCK' }, quantity: 2 };
    const unexplained = await p.call('warehouse_manager', 'POST', `/inventory/stocktakes/${id}/adjustments/between-skus`, pair);
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const proposed = await p.call('warehouse_manager', 'POST', `/inventory/stocktakes/${id}/adjustments/between-skus`, { ...pair, reason: 'Tins shelved and counted as gift boxes' });
    expect(proposed.status).toBe(200);
    const move = proposed.body.adjustments.find((a: { kind: string }) => a.kind === 'between_skus');
    expect(move).toMatchObject({ status: 'proposed', reason: 'Tins shelved and counted as gift boxes' });
    expect([await onHand(tin, warehouse), await onHand(box, warehouse)]).toEqual([10, 5]);

    // A keeper cannot approve; the manager (who did not count) can, and the ledger moves under the stocktake's number.
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/stocktakes/${id}/adjustments/${move.no}/approve`)).status).toBe(403);
    const approved = await p.call('warehouse_manager', 'POST', `/inventory/stocktakes/${id}/adjustments/${move.no}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('closed');
    expect([await onHand(tin, warehouse), await onHand(box, warehouse)]).toEqual([8, 7]);
    expect(await movements(started.body.number)).toEqual([
      { sku_code: tin, warehouse_code: warehouse, location: 'STOCK', quantity: -2, kind: 'adjustment' },
      { sku_code: box, warehouse_code: warehouse, location: 'STOCK', quantity: 2, kind: 'adjustment' },
    ].sort((a, b) => (a.sku_code < b.sku_code ? -1 : 1)));
    const event = await waitFor('inventory.stocktake.adjusted', async () => heard.adjusted.find((e) => (e.data as { stocktakeId: string }).stocktakeId === id) ?? false);
    expect(event.data).toMatchObject({ number: started.body.number, kind: 'between_skus', reason: 'Tins shelved and counted as gift boxes' });
  });

  it('lists a sample loan past its date as overdue, takes back part and writes off the rest with approval', async () => {
    const sku = await aSkuWithStock(p, 5);
    const lent = await p.call('warehouse_keeper', 'POST', '/inventory/sample-loans', {
      borrower: { name: '李雷', phone: '+86 139 0000 0000', organisation: '晨光贸易' }, expectedReturnDate: businessDate(), lines: [{ sku, quantity: 3 }],
    });
    expect(lent.status).toBe(201);
    expect(lent.body).toMatchObject({ status: 'out', overdue: false, lines: [{ sku, warehouseCode: 'MAIN', quantity: 3, outstanding: 3 }] });
    expect([await onHand(sku, 'MAIN'), await onHand(sku, 'ON_LOAN')]).toEqual([2, 3]);
    const overdue = async () => (await p.call('warehouse_manager', 'GET', '/inventory/sample-loans?overdue=true&pageSize=200')).body.items.map((l: { id: string }) => l.id);
    expect(await overdue()).not.toContain(lent.body.id);

    // The day passes without the samples coming back.
    await sql(`UPDATE inventory.sample_loans SET expected_return_date = $2 WHERE id = $1`, [lent.body.id, addDays(businessDate(), -1)]);
    expect(await overdue()).toContain(lent.body.id);

    const back = await p.call('warehouse_keeper', 'POST', `/inventory/sample-loans/${lent.body.id}/returns`, { lines: [{ sku, quantity: 1 }] });
    expect(back.body).toMatchObject({ status: 'out', overdue: true, lines: [{ returnedQuantity: 1, outstanding: 2 }] });
    expect(await overdue()).toContain(lent.body.id);
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/sample-loans/${lent.body.id}/write-off`, { reason: 'Lost at the trade fair' })).status).toBe(200);
    const off = await p.call('warehouse_manager', 'POST', `/inventory/sample-loans/${lent.body.id}/write-off/approve`);
    expect(off.body).toMatchObject({ status: 'written_off', overdue: false, lines: [{ returnedQuantity: 1, writtenOffQuantity: 2, outstanding: 0 }] });
    expect([await onHand(sku, 'MAIN'), await onHand(sku, 'ON_LOAN')]).toEqual([3, 0]);
    expect((await movements(lent.body.number)).map((m) => [m.warehouse_code, m.quantity, m.kind])).toEqual([
      ['MAIN', -3, 'transfer'], ['ON_LOAN', 3, 'transfer'], ['ON_LOAN', -1, 'transfer'], ['MAIN', 1, 'transfer'], ['ON_LOAN', -2, 'adjustment'],
    ]);
    expect(await overdue()).not.toContain(lent.body.id);
  });

  it('opens a stocktake of every sellable warehouse on the third Saturday, overdue once its report day has passed', async () => {
    const store = await aWarehouse('store');
    const schedule = p.instance('inventory').app.get(StocktakeSchedule);
    expect(await schedule.openFor('2026-11-20')).toEqual([]);
    const opened = await schedule.openFor('2026-11-21');
    expect(opened).toEqual(expect.arrayContaining(['MAIN', store]));
    expect(opened.some((code) => ['TRANSIT', 'ON_LOAN', 'QUARANTINE'].includes(code))).toBe(false);
    // Run again (a slot taken over after a crash): nothing opens twice.
    expect(await schedule.openFor('2026-11-21')).toEqual([]);
    const overdue = await p.call('warehouse_manager', 'GET', '/inventory/stocktakes?overdue=true&pageSize=200');
    const scheduled = overdue.body.items.filter((s: { openedOn: string }) => s.openedOn === '2026-11-21');
    expect(scheduled.map((s: { warehouseCode: string }) => s.warehouseCode).sort()).toEqual([...opened].sort());
    expect(scheduled.every((s: { reportDueOn: string; overdue: boolean; startedBy: string }) => s.reportDueOn === '2026-11-22' && s.overdue && s.startedBy === 'system:monthly-stocktake')).toBe(true);
  });
});
