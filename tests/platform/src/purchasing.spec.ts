import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, expectStockLedgerInOrder, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Purchasing end to end through the gateway (domain.md, purchasing): suppliers (accounts masked), purchase
 * orders approved at the level their amount needs, received by audited goods receipts that fill waiting
 * backorders in line order, raise the order's received quantities and tell finance the payable.
 */
describe('purchasing', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { receipts: [] as EventEnvelope[], suppliers: [] as EventEnvelope[], orders: [] as EventEnvelope[] };
  const listen = (type: string, into: EventEnvelope[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

  beforeAll(async () => {
    p = await TestPlatform.start();
    listen('inventory.receipt.audited', heard.receipts);
    listen('inventory.supplier.saved', heard.suppliers);
    listen('inventory.purchase-order.approved', heard.orders);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(async () => {
    await expectStockLedgerInOrder(p);
    await expectBooksInOrder(p);
  });

  const aSupplier = async (more: object = {}) => {
    const res = await p.call('purchaser', 'POST', '/inventory/suppliers', {
      code: unique('SUP'), name: '杭州龙井茶厂', kind: 'factory', taxId: '91330100MA2B3C4D5E', paymentTermsDays: 30, bankName: '中国工商银行杭州分行',
      bankAccount: '6222 0210 0112 3456 789', contacts: [{ name: '李明', phone: '13800000000' }], ...more,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string };
  };
  const anOrder = async (role: string, supplierId: string, lines: Array<{ sku: string; quantity: number; unitPriceFen: number }>, prepaymentFen = 0) => {
    const res = await p.call(role, 'POST', '/inventory/purchase-orders', { supplierId, prepaymentFen, lines: lines.map((l) => ({ ...l, promisedDate: '2026-12-15' })) });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string; amountFen: number };
  };
  const receipt = (supplierId: string, purchaseOrderId: string | undefined, lines: object[], more: object = {}) =>
    p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: unique('DN'), supplierId, purchaseOrderId, lines, ...more });
  const stockOf = async (sku: string, warehouseCode = 'MAIN') =>
    ((await p.read(`/inventory/stock?sku=${sku}`)).body.items.find((l: { warehouseCode: string }) => l.warehouseCode === warehouseCode) ?? { onHand: 0, reserved: 0 });
  const passed = (sku: string, quantity: number, poLineNo: number) => ({ sku, quantity, poLineNo, cartonsOpened: 1, inspection: 'passed' });
  const auditedEvent = (receiptId: string) => waitFor(`receipt ${receiptId} audited to be published`, async () => heard.receipts.find((e) => (e.data as { receiptId: string }).receiptId === receiptId) ?? false);

  it('registers a supplier: the account masked in lists and for buyers, in full for the purchasing manager; every save is told to finance with its revision', async () => {
    const supplier = await aSupplier();
    expect(supplier).toMatchObject({ revision: 1, active: true, bankAccount: '**** **** 6789', bankAccountMasked: true });
    const listed = await p.call('purchaser', 'GET', `/inventory/suppliers?q=${supplier.code}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: supplier.id, bankAccount: '**** **** 6789', bankAccountMasked: true })]);
    expect((await p.call('purchasing_manager', 'GET', `/inventory/suppliers?q=${supplier.code}`)).body.items[0].bankAccount).toBe('**** **** 6789');
    expect((await p.call('purchasing_manager', 'GET', `/inventory/suppliers/${supplier.id}`)).body).toMatchObject({ bankAccount: '6222021001123456789', bankAccountMasked: false });
    expect((await p.call('purchaser', 'GET', `/inventory/suppliers/${supplier.id}`)).body.bankAccount).toBe('**** **** 6789');

    const duplicate = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: supplier.code, name: 'x', kind: 'goods', paymentTermsDays: 0 });
    expect(duplicate).toMatchObject({ status: 409, body: { type: expect.stringContaining('supplier-exists') } });
    const badTaxId = await p.call('purchaser', 'POST', '/inventory/suppliers', { code: unique('SUP'), name: 'x', kind: 'goods', paymentTermsDays: 0, taxId: '91330100MA2B3C4D5O' });
    expect(badTaxId.status).toBe(400);
    expect(badTaxId.body.errors).toEqual([expect.objectContaining({ field: 'taxId' })]);

    const changed = await p.call('purchaser', 'PUT', `/inventory/suppliers/${supplier.id}`, { paymentTermsDays: 60 });
    expect(changed).toMatchObject({ status: 200, body: { paymentTermsDays: 60, revision: 2, code: supplier.code } });
    const saved = await waitFor('both saves to be published', async () => {
      const mine = heard.suppliers.filter((e) => (e.data as { supplierId: string }).supplierId === supplier.id);
      return mine.length === 2 ? mine.map((e) => e.data) : false;
    });
    expect(saved).toEqual(expect.arrayContaining([
      expect.objectContaining({ revision: 1, paymentTermsDays: 30, bankAccount: '6222021001123456789' }),
      expect.objectContaining({ revision: 2, paymentTermsDays: 60 }),
    ]));
  });

  it('approves at the level the amount needs, never by the creator; cancels only before any receipt', async () => {
    const supplier = await aSupplier();
    const sku = await aSkuWithStock(p, 0);
    const small = await anOrder('purchaser', supplier.id, [{ sku, quantity: 10, unitPriceFen: 1_130 }], 5_000);
    expect(small).toMatchObject({ status: 'draft', amountFen: 11_300, requiredApproval: 'purchasing_manager' });
    expect((await p.call('purchaser', 'POST', `/inventory/purchase-orders/${small.id}/approve`)).status).toBe(403);
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${small.id}/approve`)).toMatchObject({ status: 200, body: { status: 'approved' } });
    const told = await waitFor('the approval to be published', async () => heard.orders.find((e) => (e.data as { purchaseOrderId: string }).purchaseOrderId === small.id) ?? false);
    expect(told.data).toMatchObject({ number: small.number, supplierId: supplier.id, amountFen: 11_300, prepaymentFen: 5_000 });

    // 50,000.00 CNY and more: the general manager.
    const big = await anOrder('purchaser', supplier.id, [{ sku, quantity: 100, unitPriceFen: 50_000 }]);
    expect(big).toMatchObject({ amountFen: 5_000_000, requiredApproval: 'general_manager' });
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${big.id}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('approval-level') } });
    expect(await p.call('general_manager', 'POST', `/inventory/purchase-orders/${big.id}/approve`)).toMatchObject({ status: 200, body: { status: 'approved', requiredApproval: 'general_manager' } });

    const own = await anOrder('purchasing_manager', supplier.id, [{ sku, quantity: 1, unitPriceFen: 100 }]);
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${own.id}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect(await p.call('purchaser', 'POST', `/inventory/purchase-orders/${own.id}/cancel`, { reason: 'ordered twice' })).toMatchObject({ status: 200, body: { status: 'cancelled' } });

    // A receipt against the order, even one not yet audited, stops the cancellation.
    expect((await receipt(supplier.id, big.id, [passed(sku, 1, 1)])).status).toBe(201);
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${big.id}/cancel`, { reason: 'too much' })).toMatchObject({ status: 409, body: { type: expect.stringContaining('purchase-order-has-receipts') } });
    const listed = await p.call('purchaser', 'GET', `/inventory/purchase-orders?supplierId=${supplier.id}&status=approved`);
    expect(listed.body.items.map((o: { id: string }) => o.id).sort()).toEqual([small.id, big.id].sort());
    expect((await p.call('purchaser', 'GET', `/inventory/purchase-orders?sku=${sku}&status=cancelled`)).body.items.map((o: { id: string }) => o.id)).toEqual([own.id]);
  });

  it('receives an order in two parts: saving changes nothing, the audit fills waiting backorders in line order, counts into the order and tells finance the exact payable', async () => {
    const supplier = await aSupplier();
    const tea = await aSkuWithStock(p, 0);
    const cups = await aSkuWithStock(p, 0);
    const customer = await aCustomer(p);
    const first = await placeOrder(p, orderBody(customer.id, [{ sku: tea, quantity: 3 }]));
    await orderReaches(p, first.id, 'backordered');
    const second = await placeOrder(p, orderBody(customer.id, [{ sku: tea, quantity: 2 }]));
    await orderReaches(p, second.id, 'backordered');

    // The shortage register as purchase suggestions.
    const suggestions = await p.call('purchaser', 'GET', `/inventory/purchase-suggestions?sku=${tea}`);
    expect(suggestions.body.items).toEqual([expect.objectContaining({ sku: tea, warehouseCode: 'MAIN', backorderedQuantity: 5, availableQuantity: 0, onOrderQuantity: 0, suggestedQuantity: 5 })]);

    const po = await anOrder('purchaser', supplier.id, [{ sku: tea, quantity: 10, unitPriceFen: 1_130 }, { sku: cups, quantity: 5, unitPriceFen: 2_260 }]);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.id}/approve`)).status).toBe(200);
    // Ten on order cover the five the backorders wait for: nothing left to suggest.
    expect((await p.call('purchaser', 'GET', `/inventory/purchase-suggestions?sku=${tea}`)).body.items).toEqual([]);

    // A receipt must be for the order's supplier and match its lines.
    const other = await aSupplier();
    const wrong = await receipt(other.id, po.id, [passed(cups, 1, 1), { sku: cups, quantity: 1, poLineNo: 2 }]);
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['supplierId', 'lines[0].sku', 'lines[1].cartonsOpened', 'lines[1].inspection']);

    const part = await receipt(supplier.id, po.id, [passed(tea, 4, 1)]);
    expect(part).toMatchObject({ status: 201, body: { status: 'saved', supplierId: supplier.id, purchaseOrderId: po.id, late: false, lines: [expect.objectContaining({ unitPriceFen: 1_130, acceptedQuantity: 4 })] } });
    expect(await stockOf(tea)).toMatchObject({ onHand: 0 });
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body.status).toBe('approved');
    expect((await p.call('warehouse_keeper', 'POST', `/inventory/stock-receipts/${part.body.id}/audit`)).status).toBe(403);

    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${part.body.id}/audit`)).status).toBe(200);
    // 4 arrived: the first backorder (3) is filled, the second (2) keeps waiting behind it for the 1 left.
    await orderReaches(p, first.id, 'awaiting_payment');
    expect(await stockOf(tea)).toMatchObject({ onHand: 4, reserved: 3 });
    expect((await p.read(`/sales/orders/${second.id}`)).body.status).toBe('backordered');
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body).toMatchObject({
      status: 'partly_received', lines: [expect.objectContaining({ lineNo: 1, receivedQuantity: 4, remainingQuantity: 6 }), expect.objectContaining({ lineNo: 2, receivedQuantity: 0 })],
    });
    expect((await auditedEvent(part.body.id)).data).toEqual({
      receiptId: part.body.id, receiptNumber: part.body.number, supplierId: supplier.id, purchaseOrderId: po.id, purchaseOrderNumber: po.number, warehouseCode: 'MAIN',
      lines: [{ lineNo: 1, sku: tea, quantity: 4, unitPriceFen: 1_130, amountFen: 4_520 }], amountFen: 4_520, auditedAt: expect.any(String),
    });

    // The rest, one line partly failing inspection: the rejected unit goes to quarantine, not to sellable stock.
    const rest = await receipt(supplier.id, po.id, [passed(tea, 6, 1), { ...passed(cups, 5, 2), cartonsOpened: 2, inspection: 'failed', inspectionNote: 'one cup cracked', rejectedQuantity: 1 }]);
    expect(rest.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${rest.body.id}/audit`)).status).toBe(200);
    await orderReaches(p, second.id, 'awaiting_payment');
    expect(await stockOf(tea)).toMatchObject({ onHand: 10, reserved: 5 });
    expect(await stockOf(cups)).toMatchObject({ onHand: 4 });
    expect(await stockOf(cups, 'QUARANTINE')).toMatchObject({ onHand: 1 });
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 10 }), expect.objectContaining({ receivedQuantity: 5 })] });
    expect((await auditedEvent(rest.body.id)).data).toMatchObject({
      lines: [{ lineNo: 1, sku: tea, quantity: 6, unitPriceFen: 1_130, amountFen: 6_780 }, { lineNo: 2, sku: cups, quantity: 5, unitPriceFen: 2_260, amountFen: 11_300 }],
      amountFen: 18_080,
    });
    const movements = (await p.read(`/inventory/stock/movements?documentRef=${rest.body.number}`)).body.items;
    expect(movements.map((m: { sku: string; warehouseCode: string; quantity: number; kind: string }) => [m.sku, m.warehouseCode, m.quantity, m.kind]).sort()).toEqual([
      [cups, 'MAIN', 4, 'receipt'], [cups, 'QUARANTINE', 1, 'receipt'], [tea, 'MAIN', 6, 'receipt'],
    ].sort());
    expect((await p.call('purchaser', 'POST', `/inventory/purchase-orders/${po.id}/close`, {})).body.status).toBe('closed');
    expect((await p.call('warehouse_keeper', 'GET', `/inventory/stock-receipts?purchaseOrderId=${po.id}`)).body.total).toBe(2);
  });

  it('across services: each audited receipt raises exactly its payable in finance, paid through the approval chain; an overpayment is held and used on the next', async () => {
    const supplier = await aSupplier();
    const desk = await aSkuWithStock(p, 0);
    const approved = async (quantity: number) => {
      const po = await anOrder('purchaser', supplier.id, [{ sku: desk, quantity, unitPriceFen: 11_300 }]);
      expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.id}/approve`)).status).toBe(200);
      return po;
    };
    const audit = async (id: string) => expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${id}/audit`)).status).toBe(200);
    type Payable = { id: string; receiptId: string; amountFen: number; netFen: number; vatFen: number; remainingFen: number; status: string };
    const payablesOf = async () => (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplier.id}`)).body.items as Payable[];
    const payablesWhen = (what: string, ready: (items: Payable[]) => boolean) => waitFor(what, async () => {
      const items = await payablesOf();
      return ready(items) ? items : false;
    });
    const balance = async () => (await p.call('accountant', 'GET', '/finance/suppliers?pageSize=200')).body.items.find((x: { id: string }) => x.id === supplier.id);

    // A PO in two parts. The second receipt is saved before the first is audited: only the audited one owes anything.
    const po = await approved(10);
    const first = await receipt(supplier.id, po.id, [passed(desk, 4, 1)]);
    const second = await receipt(supplier.id, po.id, [passed(desk, 6, 1)]);
    await audit(first.body.id);
    const one = await payablesWhen('the first payable', (items) => items.length > 0);
    expect(one).toEqual([expect.objectContaining({ receiptId: first.body.id, amountFen: 45_200, remainingFen: 45_200, status: 'open' })]);
    // 45,200 fen with 13 % VAT in: 40,000 net to inventory (1405), 5,200 to VAT input (222101), 45,200 owed (2202).
    expect(one[0]).toMatchObject({ netFen: 40_000, vatFen: 5_200 });
    await audit(second.body.id);
    const both = await payablesWhen('both payables', (items) => items.length === 2);
    expect(both.find((x) => x.receiptId === second.body.id)).toMatchObject({ amountFen: 67_800, remainingFen: 67_800 });
    expect(await balance()).toMatchObject({ owedFen: 113_000, prepaymentFen: 0 });

    // Paid through the chain: the purchaser asks, the purchasing manager then the general manager approve, a cashier pays 1,000.00 more than owed.
    const ask = await p.call('purchaser', 'POST', '/finance/payment-requests', { supplierId: supplier.id, payableIds: both.map((x) => x.id), amountFen: 213_000, reason: 'November deliveries' });
    expect(ask.status).toBe(201);
    expect((await p.call('cashier', 'POST', `/finance/payment-requests/${ask.body.id}/pay`, { method: 'transfer', bankReference: 'ICBC-EARLY' })).status).toBe(409);
    expect((await p.call('purchasing_manager', 'POST', `/finance/payment-requests/${ask.body.id}/approve`)).body).toMatchObject({ status: 'manager_approved' });
    expect((await p.call('general_manager', 'POST', `/finance/payment-requests/${ask.body.id}/approve`)).body).toMatchObject({ status: 'approved' });
    const paid = await p.call('cashier', 'POST', `/finance/payment-requests/${ask.body.id}/pay`, { method: 'transfer', bankReference: 'ICBC-20261130-0042' });
    expect(paid.body).toMatchObject({ status: 'paid', toPayablesFen: 113_000, toPrepaymentFen: 100_000, prepaymentUsedFen: 0 });
    expect((await payablesOf()).map((x) => [x.remainingFen, x.status])).toEqual([[0, 'settled'], [0, 'settled']]);
    expect(await balance()).toMatchObject({ owedFen: 0, prepaymentFen: 100_000 });

    // The next delivery is settled from what was paid ahead.
    const next = await approved(5);
    const third = await receipt(supplier.id, next.id, [passed(desk, 5, 1)]);
    await audit(third.body.id);
    const all = await payablesWhen('the third payable', (items) => items.length === 3);
    expect(all.find((x) => x.receiptId === third.body.id)).toMatchObject({ amountFen: 56_500, remainingFen: 0, status: 'settled' });
    expect(await balance()).toMatchObject({ owedFen: 0, prepaymentFen: 100_000 - 56_500 });
  });

  it('needs a purchasing manager to audit more than the order has still to come; short-closes with a reason; lists late receipts', async () => {
    const supplier = await aSupplier();
    const sku = await aSkuWithStock(p, 0);
    const po = await anOrder('purchaser', supplier.id, [{ sku, quantity: 2, unitPriceFen: 500 }]);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${po.id}/approve`)).status).toBe(200);
    const over = await receipt(supplier.id, po.id, [passed(sku, 3, 1)]);
    expect(over.status).toBe(201);
    expect(await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${over.body.id}/audit`)).toMatchObject({
      status: 403, body: { type: expect.stringContaining('over-receipt-needs-purchasing-manager') },
    });
    expect(await stockOf(sku)).toMatchObject({ onHand: 0 });
    expect((await p.call('purchasing_manager', 'POST', `/inventory/stock-receipts/${over.body.id}/audit`)).status).toBe(200);
    expect(await stockOf(sku)).toMatchObject({ onHand: 3 });
    expect((await p.read(`/inventory/purchase-orders/${po.id}`)).body).toMatchObject({ status: 'received', lines: [expect.objectContaining({ receivedQuantity: 3, remainingQuantity: 0 })] });
    expect((await auditedEvent(over.body.id)).data).toMatchObject({ amountFen: 1_500 });

    const partly = await anOrder('purchaser', supplier.id, [{ sku, quantity: 10, unitPriceFen: 500 }]);
    expect((await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${partly.id}/approve`)).status).toBe(200);
    // Arrived ten days ago, recorded today: late. One recorded as it arrives is not.
    const arrivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const late = await receipt(supplier.id, partly.id, [passed(sku, 4, 1)], { arrivedAt });
    expect(late).toMatchObject({ status: 201, body: { late: true, arrivedAt } });
    const onTime = await receipt(supplier.id, partly.id, [passed(sku, 1, 1)]);
    expect(onTime.body.late).toBe(false);
    const lateOnes = (await p.call('purchasing_manager', 'GET', `/inventory/stock-receipts?late=true&purchaseOrderId=${partly.id}`)).body.items.map((r: { id: string }) => r.id);
    expect(lateOnes).toEqual([late.body.id]);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${late.body.id}/audit`)).status).toBe(200);

    expect(await p.call('purchaser', 'POST', `/inventory/purchase-orders/${partly.id}/close`, { reason: 'supplier ran out' })).toMatchObject({
      status: 403, body: { type: expect.stringContaining('short-close-needs-manager') },
    });
    expect(await p.call('purchasing_manager', 'POST', `/inventory/purchase-orders/${partly.id}/close`, { reason: 'supplier ran out' })).toMatchObject({
      status: 200, body: { status: 'closed', reason: 'supplier ran out', lines: [expect.objectContaining({ receivedQuantity: 4 })] },
    });
    // The saved receipt against the now closed order cannot be audited into it.
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${onTime.body.id}/audit`)).status).toBe(409);
  });
});
