import { businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** Finance's side of order to cash (domain.md §4.10, §5): receivables, invoices, deposits, prepayments, statements, holds. */
describe('finance: receivables, invoices and prepayments', () => {
  let p: TestPlatform;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    p = await TestPlatform.start();
  });

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    // The books balance after every test: total debits equal total credits across the whole journal.
    const trial = await p.call('accountant', 'GET', '/finance/trial-balance');
    expect(trial.body.totals.debitFen).toBe(trial.body.totals.creditFen);
    expect(trial.body.balanced).toBe(true);
  });

  const ship = async (orderId: string, tracking: string) => {
    await pickVerifyPack(p, orderId, 1);
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: tracking, pieces: 1 });
    expect(shipment.status).toBe(201);
    return shipment.body as { id: string; number: string };
  };
  const customerSeenBySales = (customerId: string, ok: (c: { credit: { openReceivableFen: number; overdueFen: number; onHold: boolean } }) => boolean) =>
    waitFor(`sales to hear about customer ${customerId}`, async () => {
      const res = await p.read(`/sales/customers/${customerId}`);
      return ok(res.body) ? res.body : false;
    });

  it('books a shipped credit order as a receivable due after the terms, tells sales, and settles it with the payment', async () => {
    const customer = await aCreditCustomer(p, { grade: 'B', creditLimitFen: 1_000_000, paymentTermsDays: 45 });
    const sku = await aSkuWithStock(p, 10, 11_300);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await ship(order.id, 'ZTO-R1');

    const receivable = await waitFor('the receivable', async () => (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}`)).body.items[0]);
    expect(receivable).toMatchObject({ amountFen: 22_600, settledFen: 0, openFen: 22_600, status: 'open', overdue: false, stage: 'current', daysPastDue: 0, dueDate: addDays(businessDate(), 45), invoiceNumber: expect.stringMatching(/^INV-/) });
    const seen = await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 22_600);
    expect(seen.exposure).toMatchObject({ uninvoicedCreditOrdersFen: 0, exposureFen: 22_600 });

    const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'transfer', amountFen: 22_600, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: businessDate() });
    await p.call('accountant', 'POST', `/finance/receipts/${paid.body.id}/verify`);
    const entry = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${paid.body.id}`)).body.items[0];
    expect(entry.lines).toEqual([expect.objectContaining({ account: '1002', debitFen: 22_600 }), expect.objectContaining({ account: '1122', creditFen: 22_600 })]);
    expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}`)).body.items[0]).toMatchObject({ status: 'settled', openFen: 0 });
    await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 0);
    expect((await p.read(`/sales/orders/${order.id}`)).body).toMatchObject({ status: 'shipped' });
    await waitFor('sales to hear of the payment', async () => (await p.read(`/sales/orders/${order.id}`)).body.paid === true);
  });

  it('tells sales when a receivable falls overdue, and a new credit order then needs the sales VP', async () => {
    const customer = await aCreditCustomer(p, { grade: 'A', creditLimitFen: 10_000_000, paymentTermsDays: 30 });
    const sku = await aSkuWithStock(p, 10, 5_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await ship(order.id, 'ZTO-R2');
    await waitFor('the receivable', async () => (await sql(`SELECT 1 FROM finance.receivables WHERE order_id = $1`, [order.id])).length === 1);
    await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 5_000 && c.credit.overdueFen === 0);

    // Not collected by the 5th of the month after its due date (collection rules 9-05), as far as the books can tell:
    // due in the month before last, so unpaid since the 5th of last month whatever today is.
    const due = addDays(`${businessDate().slice(0, 8)}01`, -35);
    await sql(`UPDATE finance.receivables SET due_date = $2 WHERE order_id = $1`, [order.id, due]);
    await customerSeenBySales(customer.id, (c) => c.credit.overdueFen === 5_000);
    const daysPastDue = Math.round((Date.parse(`${businessDate()}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
    const overdue = (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&overdue=true`)).body.items[0];
    expect(overdue).toMatchObject({ overdue: true, daysPastDue });
    expect(['unpaid', 'dunning', 'supply_stopped']).toContain(overdue.stage); // unpaid since last month's 5th: further on, by today's date
    const next = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    expect(next).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_vp', approvalReasons: ['the customer has an overdue credit sale'] });

    // Inventory heard it too: credit terms no longer release this customer's orders for the warehouse.
    expect((await p.call('sales_vp', 'POST', `/sales/orders/${next.id}/approve`)).body.status).toBe('approved');
    await orderReaches(p, next.id, 'ready_to_ship');
    const waiting = await waitFor('inventory to refuse the pick list for the overdue customer', async () => {
      const res = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: next.id });
      return res.status === 422 && res.body.type.endsWith('customer-overdue') ? res : false;
    });
    expect(waiting.body.detail).toContain("sales VP's written exception");
    expect((await p.call('sales_manager', 'POST', `/sales/orders/${next.id}/shipping-exception`, { reason: 'x' })).status).toBe(403);
    const exception = await p.call('sales_vp', 'POST', `/sales/orders/${next.id}/shipping-exception`, { reason: 'Payment promised in writing by Friday' });
    expect(exception.body).toMatchObject({ shippingException: 'Payment promised in writing by Friday' });
    expect(exception.body.history.at(-1)).toMatchObject({ reason: 'shipping exception approved: Payment promised in writing by Friday' });
    await waitFor('inventory to release it by the exception', async () => (await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: next.id })).status === 201);
  });

  it('lets an unpaid prepaid order go to the warehouse only with the sales VP\'s written exception', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 2_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id })).body.type).toContain('order-not-released');
    await p.call('sales_vp', 'POST', `/sales/orders/${order.id}/shipping-exception`, { reason: 'Government customer pays on delivery' });
    expect((await p.call('sales_vp', 'POST', `/sales/orders/${order.id}/shipping-exception`, { reason: 'again' })).status).toBe(409);
    await ship(order.id, 'ZTO-E1');
    await orderReaches(p, order.id, 'shipped');
  });

  it('voids an invoice only by a finance manager with a reason, reverses it, and invoices the order again', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 3_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await ship(order.id, 'ZTO-V1');
    const invoice = await waitFor('the invoice', async () => (await p.read(`/finance/invoices?orderId=${order.id}`)).body.items[0]);
    await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 3_000);

    expect((await p.call('cashier', 'POST', `/finance/invoices/${invoice.id}/void`, { reason: 'typo' })).status).toBe(403);
    const noReason = await p.call('finance_manager', 'POST', `/finance/invoices/${invoice.id}/void`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const voided = await p.call('finance_manager', 'POST', `/finance/invoices/${invoice.id}/void`, { reason: 'Wrong tax number printed' });
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: 'Wrong tax number printed', voidedBy: expect.any(String) });
    expect((await p.call('finance_manager', 'POST', `/finance/invoices/${invoice.id}/void`, { reason: 'again' })).status).toBe(409);

    const entries = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${invoice.id}`)).body.items;
    const original = entries.find((e: { sourceType: string }) => e.sourceType === 'invoice');
    const reversal = entries.find((e: { sourceType: string }) => e.sourceType === 'invoice_void');
    expect(reversal.reversalOf).toBe(original.id);
    const signed = (e: { lines: Array<{ account: string; debitFen: number; creditFen: number }> }) => Object.fromEntries(e.lines.map((l) => [l.account, l.debitFen - l.creditFen]));
    expect(signed(reversal)).toEqual(Object.fromEntries(Object.entries(signed(original)).map(([k, v]) => [k, -v])));
    await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 0);

    const wrongName = await p.call('accountant', 'POST', `/finance/orders/${order.id}/invoice`, { customerName: 'Someone else Ltd' });
    expect(wrongName).toMatchObject({ status: 422, body: { errors: [{ field: 'customerName' }] } });
    const again = await p.call('accountant', 'POST', `/finance/orders/${order.id}/invoice`, { customerName: customer.name, series: 'SVAT' });
    expect(again).toMatchObject({ status: 201, body: { status: 'issued', series: 'SVAT', amountFen: 3_000, customerName: customer.name, number: expect.stringMatching(/^SVAT-\d{4}-000001$/) } });
    expect((await p.call('accountant', 'POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(409);
    await customerSeenBySales(customer.id, (c) => c.credit.openReceivableFen === 3_000);
  });

  it('invoices a prepaid order by hand once paid in full, and its shipment then bills nothing more', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 2_500);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    expect((await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {})).body.type).toContain('not-yet-invoiceable');
    await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 5_000, counterfeitChecked: true });
    const invoice = await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {});
    expect(invoice).toMatchObject({ status: 201, body: { amountFen: 5_000, shipmentId: null } });
    await orderReaches(p, order.id, 'ready_to_ship');
    const heard = async () => Number((await sql(`SELECT count(*) AS n FROM finance.inbox WHERE consumer = 'invoice-shipment'`))[0].n);
    const before = await heard();
    await ship(order.id, 'ZTO-H1');
    await waitFor('finance to hear of the shipment', async () => (await heard()) > before);
    expect((await p.read(`/finance/invoices?orderId=${order.id}`)).body.total).toBe(1);
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ invoicedFen: 5_000, openReceivableFen: 0 });
  });

  it('holds a first payment below the required deposit until a sales manager and a finance manager accept it', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 10_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    const deposit = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 4_000, counterfeitChecked: true });
    expect(deposit).toMatchObject({ status: 201, body: { status: 'awaiting_deposit_approval', outstandingFen: 10_000 } });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${deposit.body.id}`)).body.total).toBe(0);
    expect((await p.call('cashier', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).status).toBe(403);
    const bySales = await p.call('sales_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`);
    expect(bySales).toMatchObject({ status: 200, body: { status: 'awaiting_deposit_approval', depositSalesApprovedBy: expect.any(String), outstandingFen: 10_000 } });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${deposit.body.id}`)).body.total).toBe(0);
    const accepted = await p.call('finance_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`);
    expect(accepted).toMatchObject({ status: 200, body: { status: 'counted', depositFinanceApprovedBy: expect.any(String), outstandingFen: 6_000, orderFullyPaid: false } });
    expect((await p.call('sales_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).status).toBe(409);
    // The rest completes the order and needs nobody's approval.
    const rest = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 6_000, counterfeitChecked: true });
    expect(rest.body).toMatchObject({ status: 'counted', orderFullyPaid: true });
    await orderReaches(p, order.id, 'ready_to_ship');
  });

  it('keeps an overpayment as the customer\'s prepayment and pays their next order from it', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 5_000);
    const first = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${first.id}/account`)).status === 200);
    const over = await p.call('cashier', 'POST', '/finance/receipts', { orderId: first.id, method: 'cash', amountFen: 8_000, counterfeitChecked: true });
    expect(over.body).toMatchObject({ orderFullyPaid: true, prepaymentFen: 3_000 });
    expect((await p.read(`/finance/customers/${customer.id}/prepayment`)).body).toMatchObject({ balanceFen: 3_000, movements: [{ kind: 'overpayment', amountFen: 3_000, orderId: first.id }] });

    const second = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await orderReaches(p, second.id, 'awaiting_payment');
    const account = await waitFor('the prepayment to be applied', async () => {
      const res = await p.read(`/finance/orders/${second.id}/account`);
      return res.status === 200 ? res.body : false;
    });
    expect(account).toMatchObject({ paidFen: 3_000, outstandingFen: 2_000, fullyPaid: false });
    expect((await p.read(`/finance/customers/${customer.id}/prepayment`)).body).toMatchObject({ balanceFen: 0, movements: [{ kind: 'applied_to_order', amountFen: -3_000, orderId: second.id }, { kind: 'overpayment' }] });
    // Paying the rest needs no deposit approval: it completes the order.
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: second.id, method: 'cash', amountFen: 2_000, counterfeitChecked: true })).body).toMatchObject({ status: 'counted', orderFullyPaid: true });
  });

  it('stops and resumes supply by credit hold, and sales follows', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 200, 100_000);
    const waiting = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 100 }])); // 100,000 CNY: waits for a sales manager
    expect((await p.call('cashier', 'POST', `/finance/customers/${customer.id}/credit-hold`, { reason: 'x' })).status).toBe(403);
    const hold = await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-hold`, { reason: 'Invoices 60 days overdue' });
    expect(hold).toMatchObject({ status: 200, body: { onHold: true, reason: 'Invoices 60 days overdue' } });
    expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-hold`, { reason: 'again' })).status).toBe(409);
    await customerSeenBySales(customer.id, (c) => c.credit.onHold);
    const refused = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }]));
    expect(refused).toMatchObject({ status: 422, body: { type: expect.stringContaining('credit-refused'), detail: expect.stringContaining('credit hold') } });
    expect(waiting.status).toBe('pending_approval');
    const held = await p.call('sales_manager', 'POST', `/sales/orders/${waiting.id}/approve`);
    expect(held).toMatchObject({ status: 422, body: { detail: expect.stringContaining('credit hold') } });
    expect((await p.read(`/sales/orders/${waiting.id}`)).body.status).toBe('pending_approval');
    await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-release`, { reason: 'Settled in full' });
    await customerSeenBySales(customer.id, (c) => !c.credit.onHold);
    expect((await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]))).status).toBe('approved');
  });

  it('states a customer\'s account: opening balance, each movement with its running balance, closing balance', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 7_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await ship(order.id, 'ZTO-S1');
    await waitFor('the invoice', async () => (await p.read(`/finance/invoices?orderId=${order.id}`)).body.total === 1);
    await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 5_000, counterfeitChecked: true });
    const today = businessDate();
    const statement = await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`);
    expect(statement.body).toMatchObject({ openingBalanceFen: 0, totalDebitFen: 14_000, totalCreditFen: 5_000, closingBalanceFen: 9_000 });
    expect(statement.body.lines.map((l: { sourceType: string; balanceFen: number }) => [l.sourceType, l.balanceFen])).toEqual([['invoice', 14_000], ['receipt', 9_000]]);
    const tomorrow = addDays(today, 1);
    expect((await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${tomorrow}&to=${tomorrow}`)).body).toMatchObject({ openingBalanceFen: 9_000, lines: [], closingBalanceFen: 9_000 });
    expect((await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${tomorrow}&to=${today}`)).status).toBe(400);
  });

  it('invoices a partial shipment at its lines\' prices and the rest with the last one', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 1_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1, [{ sku, quantity: 1 }]);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: 'ZTO-P', pieces: 1 })).status).toBe(201);
    await waitFor('the first invoice', async () => (await p.read(`/finance/invoices?orderId=${order.id}`)).body.total === 1);
    await ship(order.id, 'ZTO-Q');
    const invoices = await waitFor('the second invoice', async () => {
      const res = await p.read(`/finance/invoices?orderId=${order.id}`);
      return res.body.total === 2 ? res.body.items : false;
    });
    expect(invoices.map((i: { amountFen: number }) => i.amountFen).sort()).toEqual([1_000, 2_000]);
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ invoicedFen: 3_000, openReceivableFen: 3_000 });
  });

  it('keeps invoice numbers gapless when shipments are invoiced at the same time', async () => {
    const customer = await aCreditCustomer(p, { creditLimitFen: 100_000_000 });
    const sku = await aSkuWithStock(p, 20, 100);
    const orders: Array<{ id: string }> = [];
    for (let i = 0; i < 6; i++) orders.push(await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit')));
    for (const o of orders) {
      await orderReaches(p, o.id, 'ready_to_ship');
      await pickVerifyPack(p, o.id, 1);
    }
    const before = await sql<{ last: string }>(`SELECT last FROM finance.document_sequences WHERE series = 'INV'`);
    await Promise.all(orders.map((o, i) => p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: o.id, carrier: 'ZTO', trackingNumber: `ZTO-G${i}`, pieces: 1 })));
    const numbers = await waitFor('six invoices', async () => {
      const rows = await sql<{ number: string }>(`SELECT number FROM finance.invoices WHERE order_id = ANY($1)`, [orders.map((o) => o.id)]);
      return rows.length === 6 ? rows.map((r) => Number(r.number.split('-').pop())).sort((a, b) => a - b) : false;
    });
    const first = Number(before[0]?.last ?? 0) + 1;
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => first + i));
  });
});
