import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { installTracing } from '@ops/observability';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

const spans = new InMemorySpanExporter();
installTracing({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });

describe('the main flow through the gateway (walking skeleton)', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  // The books balance after every test: total debits equal total credits across the whole journal.
  afterEach(async () => {
    const trial = await p.call('accountant', 'GET', '/finance/trial-balance');
    expect(trial.body.totals.debitFen).toBe(trial.body.totals.creditFen);
    expect(trial.body.balanced).toBe(true);
  });

  it('takes a prepaid order from placement to shipped, each service keeping its own view', async () => {
    const customer = await aCustomer(p, '上海晨光贸易有限公司');
    const sku = await aSkuWithStock(p, 10, 12_800);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const order = await p.call('sales_rep', 'POST', `/sales/orders`, orderBody(customer.id, [{ sku, quantity: 3, unitPriceFen: 12_800 }]), {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'approved', totalFen: 38_400, number: expect.stringMatching(/^SO-\d{4}-\d{6}$/) });
    const orderId = order.body.id;

    // inventory reserved the stock; sales heard of it
    await orderReaches(p, orderId, 'awaiting_payment');
    const stock = await p.read(`/inventory/stock?sku=${sku}`);
    expect(stock.body.items).toEqual([{ sku, warehouseCode: 'MAIN', onHand: 10, reserved: 3, available: 7 }]);

    // shipping before payment is refused
    const early = await p.call('warehouse_keeper', 'POST', `/inventory/shipments`, { orderId, carrier: 'SF Express', trackingNumber: 'SF1', pieces: 1 });
    expect(early.status).toBe(422);
    expect(early.contentType).toContain('application/problem+json');

    // finance opened the amount due; the cashier records the payment
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${orderId}/account`)).status === 200);
    const receipt = await p.call('cashier', 'POST', `/finance/receipts`, { orderId, method: 'cash', amountFen: 38_400, counterfeitChecked: true });
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({ number: expect.stringMatching(/^RC-\d{4}-000001$/), orderFullyPaid: true, outstandingFen: 0 });

    await orderReaches(p, orderId, 'ready_to_ship');
    // one keeper picks; the same keeper may not verify; another keeper verifies and packs
    const list = await waitFor('inventory to release the order for picking', async () => {
      const res = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId });
      return res.status === 201 ? res.body : false;
    });
    expect(list).toMatchObject({ status: 'open', lines: [{ sku, warehouseCode: 'MAIN', quantity: 3 }] });
    const short = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: [{ sku, quantity: 2 }] });
    expect(short).toMatchObject({ status: 422, body: { errors: [{ field: `lines[${sku}].quantity`, message: 'counted 2, the order needs 3' }] } });
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/pick`, { lines: [{ sku, quantity: 3 }] })).body.status).toBe('picked');
    const own = await p.call('warehouse_keeper', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: [{ sku, quantity: 3 }] });
    expect(own).toMatchObject({ status: 403, body: { type: expect.stringContaining('picker-cannot-verify') } });
    expect((await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/verify`, { lines: [{ sku, quantity: 3 }] })).body.status).toBe('verified');
    expect((await p.call('warehouse_manager', 'POST', `/inventory/pick-lists/${list.id}/pack`, { pieces: 2 })).body).toMatchObject({ status: 'packed', pieces: 2 });
    const wrongPieces = await p.call('warehouse_keeper', 'POST', `/inventory/shipments`, { orderId, carrier: 'SF Express', trackingNumber: 'SF1234567890', pieces: 3 });
    expect(wrongPieces).toMatchObject({ status: 422, body: { errors: [{ field: 'pieces', message: 'must be 2, as packed' }] } });
    const shipped1 = await p.call('warehouse_keeper', 'POST', `/inventory/shipments`, { orderId, carrier: 'SF Express', trackingNumber: 'SF1234567890', pieces: 2 });
    expect(shipped1.status).toBe(201);
    const shipment = shipped1.body;
    expect(shipment).toMatchObject({ orderId, pieces: 2, lines: [{ sku, warehouseCode: 'MAIN', quantity: 3 }] });
    expect((await p.read(`/inventory/pick-lists?orderId=${orderId}`)).body.items[0]).toMatchObject({ status: 'shipped', verifiedBy: expect.any(String) });

    const shipped = await orderReaches(p, orderId, 'shipped');
    expect(shipped.history.map((h: { to: string }) => h.to).slice(0, 4)).toEqual(['approved', 'awaiting_payment', 'ready_to_ship', 'shipped']);
    expect(shipped.shippingNotices).toEqual([expect.objectContaining({ carrier: 'SF Express', trackingNumber: 'SF1234567890', pieces: 2, shippingMethod: 'express' })]);

    const invoices = await waitFor('finance to invoice', async () => {
      const res = await p.read(`/finance/invoices?orderId=${orderId}`);
      return res.body.total === 1 ? res.body.items : false;
    });
    expect(invoices[0]).toMatchObject({ amountFen: 38_400, customerName: '上海晨光贸易有限公司', shipmentId: shipment.id, number: expect.stringMatching(/^INV-/) });

    // the receipt and the invoice each posted one balanced entry: cash in, prepayment used, revenue and VAT recognised
    const journal = await p.call('accountant', 'GET', '/finance/journal');
    const bySource = (id: string) => journal.body.items.find((e: { sourceId: string }) => e.sourceId === id);
    expect(bySource(receipt.body.id).lines).toEqual([
      expect.objectContaining({ account: '1001', debitFen: 38_400, creditFen: 0 }),
      expect.objectContaining({ account: '2203', debitFen: 0, creditFen: 38_400 }),
    ]);
    expect(bySource(invoices[0].id).lines).toEqual([
      expect.objectContaining({ account: '2203', debitFen: 38_400, creditFen: 0 }),
      expect.objectContaining({ account: '6001', debitFen: 0, creditFen: 33_982 }),
      expect.objectContaining({ account: '2221', debitFen: 0, creditFen: 4_418 }),
    ]);
    await expect(withClient(p.env.databaseUrl, (c) => c.query('UPDATE finance.journal_lines SET debit_fen = debit_fen + 1'))).rejects.toThrow(/append-only/);

    const exits = await waitFor('security to expect the shipment', async () => {
      const res = await p.read(`/security/expected-exits`);
      return res.body.items.find((e: { shipmentId: string }) => e.shipmentId === shipment.id);
    });
    expect(exits).toMatchObject({ pieces: 2, trackingNumber: 'SF1234567890', status: 'expected' });

    const after = await p.read(`/inventory/stock?sku=${sku}`);
    expect(after.body.items[0]).toMatchObject({ onHand: 7, reserved: 0, available: 7 });

    // the guard counts two pieces against the papers: cleared
    const gate = await p.call('security_guard', 'POST', '/security/gate-checks', { shipmentNumber: shipment.number, piecesCounted: 2, vehicle: '沪A·12345' });
    expect(gate).toMatchObject({ status: 201, body: { outcome: 'cleared', shipmentId: shipment.id, piecesExpected: 2, incidentId: null } });
    expect((await p.call('security_guard', 'POST', '/security/gate-checks', { shipmentNumber: shipment.number, piecesCounted: 2 })).status).toBe(409);

    // the customer signs the delivery receipt: delivered, and closed since it is paid
    const signed = await p.call('warehouse_keeper', 'POST', `/inventory/shipments/${shipment.id}/delivery`, { signedBy: '王芳' });
    expect(signed).toMatchObject({ status: 200, body: { deliverySignedBy: '王芳', deliveredAt: expect.any(String) } });
    const closed = await orderReaches(p, orderId, 'closed');
    expect(closed.history.map((h: { to: string }) => h.to).slice(-2)).toEqual(['delivered', 'closed']);

    // every command of the flow is in its service's audit trail, with who did it
    const placedBy = (await p.call('sales_rep', 'GET', '/auth/me')).body.userId;
    const trail = await p.read(`/audit/sales?target=${orderId}`);
    expect(trail.body.items).toEqual([expect.objectContaining({ command: 'place-order', actorId: placedBy, actorRoles: ['sales_rep'], outcome: 'done' })]);
    expect((await p.read(`/audit/finance?target=${receipt.body.id}`)).body.items[0]).toMatchObject({ command: 'record-receipt', actorRoles: ['cashier'], outcome: 'done', summary: { request: { orderId, amountFen: 38_400 } } });
    expect((await p.read(`/audit/inventory?target=${shipment.id}&command=ship-order`)).body.items[0]).toMatchObject({ command: 'ship-order', actorRoles: ['warehouse_keeper'] });
    const csv = await p.read(`/audit/sales/export.csv?command=place-order`);
    expect(csv.contentType).toContain('text/csv');
    expect(String(csv.body).split('\r\n')[0]).toBe('id,at,actorId,actorRoles,command,target,requestId,outcome,status,summary');
    expect(String(csv.body)).toContain(orderId);

    // one trace followed the placement through the gateway, sales and the services that reacted
    const placed = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId).map((s) => s.name);
    expect(placed).toEqual(expect.arrayContaining(['POST /api/v1/sales/orders', 'sales place-order', `${p.env.subjectPrefix}.sales.order.placed.v1 process`]));
    expect(placed.filter((n) => n.endsWith('sales.order.placed.v1 process')).length).toBe(2); // inventory and finance
  });

  it('opens a recount in inventory when security reports a theft in a warehouse', async () => {
    const incident = await p.call('security_guard', 'POST', `/security/incidents`, {
      type: 'theft', severity: 'high', location: 'MAIN/A-03', description: 'Two cartons missing from rack A-03',
    });
    expect(incident.status).toBe(201);
    expect(incident.body).toMatchObject({ number: expect.stringMatching(/^INC-/), status: 'reported', acknowledgeBy: expect.any(String) });
    const recount = await waitFor('inventory to request a recount', async () => {
      const res = await p.read(`/inventory/recount-requests`);
      return res.body.items.find((r: { incidentId: string }) => r.incidentId === incident.body.id);
    });
    expect(recount).toMatchObject({ warehouseCode: 'MAIN', location: 'A-03', status: 'open' });
  });

  it('backorders an order that stock cannot cover, reserving nothing, and fills backorders in order when stock arrives', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 2);
    const first = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 5, unitPriceFen: 100 }]));
    await orderReaches(p, first.id, 'backordered');
    const second = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 4, unitPriceFen: 100 }]));
    await orderReaches(p, second.id, 'backordered');
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0]).toMatchObject({ onHand: 2, reserved: 0 });

    // 4 arrive: the first in line needs 5 of the 6 on hand and gets them; the second waits its turn.
    await receiveStock(p, sku, 4, 'PO-1');
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0]).toMatchObject({ onHand: 6, reserved: 5, available: 1 });
    const filled = await orderReaches(p, first.id, 'awaiting_payment');
    expect(filled.history.map((h: { to: string }) => h.to)).toEqual(['approved', 'backordered', 'awaiting_payment']);
    expect((await p.read(`/sales/orders/${second.id}`)).body.status).toBe('backordered');

    await receiveStock(p, sku, 3, 'PO-2');
    await orderReaches(p, second.id, 'awaiting_payment');
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0]).toMatchObject({ onHand: 9, reserved: 9, available: 0 });
  });

  it('returns the first result for a repeated Idempotency-Key', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5);
    const body = orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 100 }]);
    const first = await p.call('sales_rep', 'POST', `/sales/orders`, body, { 'idempotency-key': 'order-key-1' });
    const again = await p.call('sales_rep', 'POST', `/sales/orders`, body, { 'idempotency-key': 'order-key-1' });
    expect(again.body.id).toBe(first.body.id);
    const list = await p.read(`/sales/orders?customerId=${customer.id}`);
    expect(list.body.total).toBe(1);
    // The key is the caller's own: someone else using it records their own order, and learns nothing of the first.
    const other = await p.call('sales_assistant', 'POST', `/sales/orders`, body, { 'idempotency-key': 'order-key-1' });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('raises an unauthorized goods exit when goods leave on papers the gate does not know', async () => {
    const check = await p.call('security_guard', 'POST', '/security/gate-checks', { shipmentNumber: 'SH-2026-999999', piecesCounted: 4, gate: 'North gate' });
    expect(check).toMatchObject({ status: 201, body: { outcome: 'unknown_shipment', shipmentId: null, incidentId: expect.any(String) } });
    const incidents = await p.read('/security/incidents?type=unauthorized_goods_exit');
    expect(incidents.body.items.find((i: { id: string }) => i.id === check.body.incidentId)).toMatchObject({
      severity: 'high', location: 'North gate', description: expect.stringContaining('SH-2026-999999'),
    });
  });

  it('holds a large order for approval by the right level, never by its creator', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 100, 1_000_000);
    // 60 × 10,000 CNY = 600,000 CNY: the sales VP's level.
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 60, unitPriceFen: 1_000_000 }]));
    expect(order).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_vp' });
    expect((await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/approve`)).status).toBe(403);
    const tooLow = await p.call('sales_manager', 'POST', `/sales/orders/${order.id}/approve`);
    expect(tooLow).toMatchObject({ status: 403, body: { type: expect.stringContaining('approval-level') } });
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0].reserved).toBe(0);

    const approved = await p.call('sales_vp', 'POST', `/sales/orders/${order.id}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });
    await orderReaches(p, order.id, 'awaiting_payment');
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0].reserved).toBe(60);

    // A manager's own order at the manager's level goes to another approver.
    const own = (await p.call('sales_manager', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 10, unitPriceFen: 1_000_000 }]))).body;
    expect(own).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_manager' });
    expect(await p.call('sales_manager', 'POST', `/sales/orders/${own.id}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    const rejected = await p.call('general_manager', 'POST', `/sales/orders/${own.id}/reject`, { reason: 'customer asked to wait' });
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    expect(rejected.body.history.at(-1)).toMatchObject({ to: 'rejected', reason: 'rejected: customer asked to wait' });
  });

  it('ships a credit order before payment and books the receivable', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 11_300);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2, unitPriceFen: 11_300 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: 'ZTO-9', pieces: 1 });
    expect(shipment.status).toBe(201);
    const invoice = await waitFor('the invoice', async () => (await p.read(`/finance/invoices?orderId=${order.id}`)).body.items[0]);
    expect(invoice).toMatchObject({ amountFen: 22_600 });
    const entry = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${invoice.id}`)).body.items[0];
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '1122', debitFen: 22_600 }),
      expect.objectContaining({ account: '6001', creditFen: 20_000 }),
      expect.objectContaining({ account: '2221', creditFen: 2_600 }),
    ]);
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ paidFen: 0, outstandingFen: 22_600 });
  });

  it('cancels a paid order: stock released, money kept as prepayment or refunded as the customer chooses', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 5_000);
    const pay = async (orderId: string, amountFen: number) => {
      await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${orderId}/account`)).status === 200);
      expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true })).status).toBe(201);
    };
    const keep = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3, unitPriceFen: 5_000 }]));
    const refund = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2, unitPriceFen: 5_000 }]));
    await orderReaches(p, keep.id, 'awaiting_payment');
    await orderReaches(p, refund.id, 'awaiting_payment');
    await pay(keep.id, 15_000);
    await pay(refund.id, 10_000);
    await orderReaches(p, keep.id, 'ready_to_ship');
    expect((await p.read(`/inventory/stock?sku=${sku}`)).body.items[0]).toMatchObject({ onHand: 10, reserved: 5 });

    const kept = await p.call('sales_rep', 'POST', `/sales/orders/${keep.id}/cancel`, { reason: 'customer changed their mind', moneyDisposition: 'keep_as_prepayment' });
    expect(kept.body).toMatchObject({ status: 'cancelled' });
    await p.call('sales_rep', 'POST', `/sales/orders/${refund.id}/cancel`, { reason: 'duplicate order', moneyDisposition: 'refund' });

    const keptAccount = await waitFor('finance to settle the cancellation', async () => {
      const res = await p.read(`/finance/orders/${keep.id}/account`);
      return res.body.cancellation ? res.body : false;
    });
    expect(keptAccount).toMatchObject({ cancellation: 'kept_as_prepayment', paidFen: 15_000, prepaymentFen: 15_000 });
    await waitFor('the refund', async () => (await p.read(`/finance/orders/${refund.id}/account`)).body.cancellation === 'refunded');
    // The cancellation makes a refund due; a cashier pays it, back the way the money came in (cash).
    const due = (await p.call('cashier', 'GET', `/finance/refunds?orderId=${refund.id}`)).body.items[0];
    expect(due).toMatchObject({ status: 'due', method: 'cash', amountFen: 10_000 });
    expect((await p.call('cashier', 'POST', `/finance/refunds/${due.id}/pay`, { method: 'cash' })).body).toMatchObject({ status: 'paid' });
    const journal = (await p.call('accountant', 'GET', '/finance/journal')).body.items;
    expect(journal.find((e: { sourceType: string }) => e.sourceType === 'refund').lines).toEqual([
      expect.objectContaining({ account: '2203', debitFen: 10_000 }),
      expect.objectContaining({ account: '1001', creditFen: 10_000 }),
    ]);
    await waitFor('inventory to release the stock', async () => (await p.read(`/inventory/stock?sku=${sku}`)).body.items[0].reserved === 0);
    expect((await p.read(`/inventory/reservations?orderId=${keep.id}`)).body.items).toEqual([expect.objectContaining({ quantity: 3, status: 'released' })]);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: keep.id, method: 'cash', amountFen: 1, counterfeitChecked: true })).status).toBe(422);
    expect((await p.call('sales_rep', 'POST', `/sales/orders/${keep.id}/cancel`, { reason: 'again', moneyDisposition: 'refund' })).status).toBe(409);
  });

  it('records each way of paying by its rules, and counts a transfer only once another person in finance verifies it', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 30_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 30_000 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    const card = (amountFen: number) => ({ last4: '4321', holderName: '王芳', holderSigned: true, amountFen });
    const threeCards = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'pos', amountFen: 30_000, cards: [card(10_000), card(10_000), card(10_000)] });
    expect(threeCards).toMatchObject({ status: 400, body: { errors: [{ field: 'cards', message: 'at most 2 cards may pay one receipt' }] } });
    const unchecked = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 30_000 });
    expect(unchecked).toMatchObject({ status: 422, body: { errors: [{ field: 'counterfeitChecked' }] } });
    const fractional = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 100.5, counterfeitChecked: true });
    expect(fractional.body.errors.map((e: { field: string }) => e.field)).toContain('amountFen');
    expect((await p.read(`/finance/receipts?orderId=${order.id}`)).body.total).toBe(0);

    const transfer = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'transfer', amountFen: 30_000, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: '2026-11-21' });
    expect(transfer).toMatchObject({ status: 201, body: { status: 'pending_verification', orderFullyPaid: false, outstandingFen: 30_000 } });
    expect(await p.call('cashier', 'POST', `/finance/receipts/${transfer.body.id}/verify`)).toMatchObject({ status: 403 });
    const own = await p.call('finance_manager', 'POST', '/finance/receipts', { orderId: order.id, method: 'transfer', amountFen: 1, payerName: 'x', remittingBank: 'y', transferDate: '2026-11-21' });
    expect(await p.call('finance_manager', 'POST', `/finance/receipts/${own.body.id}/verify`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('recorder-cannot-verify') } });
    const verified = await p.call('accountant', 'POST', `/finance/receipts/${transfer.body.id}/verify`);
    expect(verified).toMatchObject({ status: 200, body: { status: 'counted', orderFullyPaid: true, details: { remittingBank: '中国工商银行' } } });
    await orderReaches(p, order.id, 'ready_to_ship');
  });
});
