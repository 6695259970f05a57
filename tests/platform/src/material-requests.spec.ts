import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { MaterialRequestDesk } from '@ops/inventory';
import { addDays, businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { aCustomer, aSkuWithStock, expectBooksInOrder, expectStockLedgerInOrder, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Material requests (domain.md, production: materials): releasing a production order raises, net of stock,
 * one request per material the stock does not cover; purchasing buys them on a purchase order through the
 * purchasing ladder, and they are received when that order has come in full. The first case releases a real
 * production order; the others raise requests through the inventory service's own MaterialRequestDesk in a
 * transaction of the test's, as a release raises them, to set up exact stock positions quickly.
 */
describe('material requests', () => {
  let p: TestPlatform;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
  const planner = { userId: randomUUID(), roles: ['production_planner'] };

  beforeAll(async () => {
    p = await TestPlatform.start();
  });

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    await expectStockLedgerInOrder(p);
    await expectBooksInOrder(p);
  });

  type Request = { id: string; number: string; sku: string; requiredQuantity: number; availableQuantity: number; requestedQuantity: number; status: string; purchaseOrderId: string | null; purchaseOrderNumber: string | null };

  /** A production order's release, as far as materials go: the desk in one inventory transaction. */
  const release = async (lines: Array<{ sku: string; quantity: number }>) => {
    const productionOrderId = randomUUID();
    const productionOrderNumber = unique('MO-TEST');
    const app = p.instance('inventory').app;
    const raised = await app.get(DataSource).transaction((tx) => app.get(MaterialRequestDesk).raiseFor(tx, { productionOrderId, productionOrderNumber, lines }, { actor: planner }));
    return { productionOrderId, productionOrderNumber, raised: raised as Request[] };
  };
  const requestsOf = async (productionOrderId: string) =>
    (await p.call('purchaser', 'GET', `/inventory/material-requests?productionOrderId=${productionOrderId}`)).body.items as Request[];
  const aSupplier = async () => {
    const res = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: unique('SUP'), name: '宁波板材厂', kind: 'goods', paymentTermsDays: 30 });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const passed = (sku: string, quantity: number, poLineNo: number) => ({ sku, quantity, poLineNo, cartonsOpened: 1, inspection: 'passed' });
  const receiveAndAudit = async (supplierId: string, purchaseOrderId: string, lines: object[]) => {
    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: unique('DN'), supplierId, purchaseOrderId, lines });
    expect(receipt.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(200);
  };

  /** Sales' and finance's events, as their outbox relays publish them (the made-to-order chain up to the deposit). */
  const publish = async (type: string, aggregateId: string, data: object) => {
    const envelope = {
      id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source: type.split('.')[0], aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'sales_manager', roles: ['sales_manager'] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
  };

  it('releasing a production order raises its shortfalls, which purchasing buys; received with the purchase order, the materials can be issued', async () => {
    const fabric = await aSkuWithStock(p, 5);
    const frame = await aSkuWithStock(p, 100);
    const cabinet = await aSkuWithStock(p, 0);
    const spec = await p.call('production_planner', 'PUT', `/inventory/skus/${cabinet}/supply`, {
      madeToOrder: true, leadDays: 10, steps: [{ name: '组装 Assembly' }], materials: [{ sku: fabric, quantityPerUnit: 4 }, { sku: frame, quantityPerUnit: 1 }],
    });
    expect(spec.status).toBe(200);
    const orderId = randomUUID();
    const customerId = randomUUID();
    await publish('sales.order.placed', orderId, {
      orderId, orderNumber: unique('SO-T'), customerId, customerName: '晨光贸易', paymentTerms: 'prepaid', totalFen: 80_000, requiredDepositFen: 30_000,
      requestedDate: addDays(businessDate(), 30), lines: [{ lineNo: 1, sku: cabinet, quantity: 2, unitPriceFen: 40_000, lineTotalFen: 80_000, madeToOrder: true }],
    });
    await waitFor('inventory to record the made-to-order order', () => withClient(p.env.databaseUrl, async (c) =>
      (await c.query(`SELECT 1 FROM inventory.made_to_order_orders WHERE order_id = $1`, [orderId])).rowCount === 1));
    await publish('finance.deposit.confirmed', orderId, { orderId, customerId, requiredDepositFen: 30_000, paidFen: 30_000, confirmedAt: new Date().toISOString() });
    const mo = await waitFor('the production order', async () =>
      (await p.call('production_planner', 'GET', `/inventory/production-orders?orderId=${orderId}`)).body.items?.[0] ?? false) as { id: string; number: string };
    expect(await requestsOf(mo.id)).toEqual([]);

    const released = await p.call('production_planner', 'POST', `/inventory/production-orders/${mo.id}/release`, { route: 'in_house' });
    expect(released.status).toBe(200);
    // 2 cabinets × 4 = 8 of fabric, 5 free: 3 to buy. The frames (2 of 100) need nothing.
    const [request] = await requestsOf(mo.id);
    expect(await requestsOf(mo.id)).toEqual([expect.objectContaining({ sku: fabric, productionOrderNumber: mo.number, requiredQuantity: 8, availableQuantity: 5, requestedQuantity: 3, status: 'open' })]);

    const supplier = await aSupplier();
    const bought = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: request.id, unitPriceFen: 2_500 }] });
    expect(bought).toMatchObject({ status: 201, body: { status: 'draft', amountFen: 7_500, lines: [expect.objectContaining({ sku: fabric, quantity: 3, promisedDate: businessDate() })] } });
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${bought.body.id}/approve`)).status).toBe(200);
    await receiveAndAudit(supplier.id, bought.body.id, [passed(fabric, 3, 1)]);
    expect((await requestsOf(mo.id))[0]).toMatchObject({ status: 'received', purchaseOrderNumber: bought.body.number });
    // What was bought is there for the production order: its first step takes the 8 of fabric from stock.
    expect((await p.call('production_planner', 'POST', `/inventory/production-orders/${mo.id}/steps/1/start`)).status).toBe(200);
  });

  it('raises one request per material short, net of free stock and of what other production orders count on', async () => {
    const board = await aSkuWithStock(p, 10);
    const glue = await aSkuWithStock(p, 100);
    const screw = await aSkuWithStock(p, 0);
    // Two boards held for a customer's order are not free.
    const customer = await aCustomer(p);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku: board, quantity: 2 }]));
    await orderReaches(p, order.id, 'awaiting_payment');

    const first = await release([{ sku: board, quantity: 25 }, { sku: glue, quantity: 5 }, { sku: screw, quantity: 40 }]);
    // Glue is covered: no request. Boards: 10 on hand less 2 reserved = 8 available, 17 to buy.
    expect(first.raised.map((r) => [r.sku, r.requiredQuantity, r.availableQuantity, r.requestedQuantity, r.status]).sort()).toEqual([
      [board, 25, 8, 17, 'open'], [screw, 40, 0, 40, 'open'],
    ].sort());
    expect(first.raised.every((r) => /^MR-\d{4}-\d{6}$/.test(r.number))).toBe(true);
    expect((await requestsOf(first.productionOrderId)).map((r) => r.id).sort()).toEqual(first.raised.map((r) => r.id).sort());

    // The first production order counts on the 8 free boards: a second one finds none.
    const second = await release([{ sku: board, quantity: 4 }, { sku: glue, quantity: 5 }]);
    expect(second.raised.map((r) => [r.sku, r.availableQuantity, r.requestedQuantity])).toEqual([[board, 0, 4]]);

    // Covered in full: nothing raised.
    expect((await release([{ sku: glue, quantity: 90 }])).raised).toEqual([]);

    // Filters and the CSV of the whole list.
    const openBoards = await p.call('production_planner', 'GET', `/inventory/material-requests?sku=${board}&status=open`);
    expect(openBoards.status).toBe(200);
    expect(openBoards.body.items.map((r: Request) => r.requestedQuantity)).toEqual([17, 4]);
    const csv = await p.call('purchaser', 'GET', `/inventory/material-requests?sku=${board}`, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(first.productionOrderNumber);
    expect(String(csv.body)).toContain(second.productionOrderNumber);
    expect((await p.call('cashier', 'GET', '/inventory/material-requests')).status).toBe(403);
  });

  it('buys requests on one purchase order, one line per SKU, approved on the ladder; received when the order has come in full', async () => {
    const board = await aSkuWithStock(p, 0);
    const screw = await aSkuWithStock(p, 0);
    const a = await release([{ sku: board, quantity: 12 }, { sku: screw, quantity: 30 }]);
    const b = await release([{ sku: board, quantity: 3 }]);
    const supplier = await aSupplier();
    const [aBoard, aScrew] = [board, screw].map((sku) => a.raised.find((r) => r.sku === sku)!);
    const bBoard = b.raised[0];

    // Refused as a whole: two prices for one SKU, a request named twice, a role outside purchasing.
    const twoPrices = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', {
      supplierId: supplier.id, lines: [{ materialRequestId: aBoard.id, unitPriceFen: 800 }, { materialRequestId: bBoard.id, unitPriceFen: 900 }, { materialRequestId: aBoard.id, unitPriceFen: 800 }],
    });
    expect(twoPrices).toMatchObject({ status: 422, body: { type: expect.stringContaining('invalid-material-purchase') } });
    expect(twoPrices.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines[1].unitPriceFen', 'lines[2].materialRequestId']);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: aBoard.id, unitPriceFen: 800 }] })).status).toBe(403);
    expect((await requestsOf(a.productionOrderId)).every((r) => r.status === 'open')).toBe(true);

    const bought = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', {
      supplierId: supplier.id, promisedDate: '2026-12-20',
      lines: [{ materialRequestId: aBoard.id, unitPriceFen: 800 }, { materialRequestId: aScrew.id, unitPriceFen: 15 }, { materialRequestId: bBoard.id, unitPriceFen: 800 }],
    });
    expect(bought.status).toBe(201);
    const po = bought.body as { id: string; number: string; status: string; amountFen: number; requiredApproval: string; lines: Array<{ lineNo: number; sku: string; quantity: number; unitPriceFen: number; promisedDate: string }> };
    expect(po).toMatchObject({ status: 'draft', amountFen: 15 * 800 + 30 * 15, requiredApproval: 'purchasing_manager' });
    expect(po.lines.map((l) => [l.sku, l.quantity, l.unitPriceFen, l.promisedDate])).toEqual([[board, 15, 800, '2026-12-20'], [screw, 30, 15, '2026-12-20']]);
    for (const r of [...(await requestsOf(a.productionOrderId)), ...(await requestsOf(b.productionOrderId))]) {
      expect(r).toMatchObject({ status: 'ordered', purchaseOrderId: po.id, purchaseOrderNumber: po.number });
    }
    expect((await p.call('purchaser', 'GET', `/inventory/material-requests?purchaseOrderId=${po.id}`)).body.total).toBe(3);

    // Bought once only.
    const again = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: bBoard.id, unitPriceFen: 800 }] });
    expect(again).toMatchObject({ status: 409, body: { type: expect.stringContaining('material-request-not-open') } });
    // Once ordered, it is the purchase order that is cancelled.
    expect(await p.call('purchaser', 'POST', `/inventory/material-requests/${bBoard.id}/cancel`, { reason: 'not needed' })).toMatchObject({ status: 409, body: { type: expect.stringContaining('material-request-ordered') } });

    // The same ladder as any purchase order: not by its creator.
    expect((await p.call('purchaser', 'POST', `/inventory/purchase-orders/${po.id}/approve`)).status).toBe(403);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.id}/approve`)).body.status).toBe('approved');

    const lineOf = (sku: string) => po.lines.find((l) => l.sku === sku)!.lineNo;
    await receiveAndAudit(supplier.id, po.id, [passed(board, 15, lineOf(board)), passed(screw, 10, lineOf(screw))]);
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body.status).toBe('partly_received');
    expect((await requestsOf(a.productionOrderId)).map((r) => r.status)).toEqual(['ordered', 'ordered']);

    await receiveAndAudit(supplier.id, po.id, [passed(screw, 20, lineOf(screw))]);
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body.status).toBe('received');
    expect([...(await requestsOf(a.productionOrderId)), ...(await requestsOf(b.productionOrderId))].map((r) => r.status)).toEqual(['received', 'received', 'received']);
    const history = await p.read(`/inventory/material-requests/${bBoard.id}`);
    expect(history.body).toMatchObject({ status: 'received', purchaseOrderNumber: po.number });
  });

  it('a cancelled purchase order puts its requests back to open; an open request is cancelled with a reason', async () => {
    const board = await aSkuWithStock(p, 0);
    const { productionOrderId, raised: [request] } = await release([{ sku: board, quantity: 6 }]);
    const supplier = await aSupplier();
    const bought = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: request.id, unitPriceFen: 500 }] });
    expect(bought.status).toBe(201);
    expect((await p.call('purchaser', 'POST', `/inventory/purchase-orders/${bought.body.id}/cancel`, { reason: 'supplier has none' })).body.status).toBe('cancelled');
    expect((await requestsOf(productionOrderId))[0]).toMatchObject({ status: 'open', purchaseOrderId: null, purchaseOrderNumber: null });

    expect((await p.call('purchaser', 'POST', `/inventory/material-requests/${request.id}/cancel`, { reason: '' })).status).toBe(400);
    const cancelled = await p.call('purchaser', 'POST', `/inventory/material-requests/${request.id}/cancel`, { reason: 'design changed to steel' });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', cancelReason: 'design changed to steel' } });
    expect((await p.call('purchaser', 'POST', `/inventory/material-requests/${request.id}/cancel`, { reason: 'again' })).status).toBe(409);
    expect((await p.call('purchaser', 'GET', `/inventory/material-requests/${randomUUID()}`)).status).toBe(404);

    // A cancelled request no longer counts on stock, and is never bought.
    const later = await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: request.id, unitPriceFen: 500 }] });
    expect(later.status).toBe(409);
  });

  it('a cancelled production order takes its open requests with it, not those already bought', async () => {
    const board = await aSkuWithStock(p, 0);
    const screw = await aSkuWithStock(p, 0);
    const { productionOrderId, raised } = await release([{ sku: board, quantity: 2 }, { sku: screw, quantity: 9 }]);
    const supplier = await aSupplier();
    const screws = raised.find((r) => r.sku === screw)!;
    expect((await p.call('purchaser', 'POST', '/inventory/material-requests/purchase-order', { supplierId: supplier.id, lines: [{ materialRequestId: screws.id, unitPriceFen: 12 }] })).status).toBe(201);
    const app = p.instance('inventory').app;
    await app.get(DataSource).transaction((tx) => app.get(MaterialRequestDesk).cancelFor(tx, productionOrderId, 'order cancelled by the customer', { actor: planner }));
    const after = await requestsOf(productionOrderId);
    expect(after.map((r) => [r.sku, r.status]).sort()).toEqual([[board, 'cancelled'], [screw, 'ordered']].sort());
  });
});
