import type { Subscription } from '@nats-io/transport-node';
import { type EventEnvelope, type PaymentConfirmedData, type ReceivableChangedData } from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, expectBooksInOrder } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

/**
 * Finance's events and books as other services and auditors see them: every change of a customer's
 * receivable is one `finance.receivable.changed` with the next revision (two finance instances
 * scanning), and after every test the ledger agrees with the journal (domain.md §5).
 */
describe('finance: receivable events and ledger invariants', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { receivable: [] as Array<EventEnvelope<ReceivableChangedData>>, confirmed: [] as Array<EventEnvelope<PaymentConfirmedData>>, holds: [] as EventEnvelope[] };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  const listen = <T>(type: string, into: T[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<T>())) }));

  beforeAll(async () => {
    p = await TestPlatform.start();
    await p.startService('finance'); // a second instance: both scan for overdue receivables
    listen('finance.receivable.changed', heard.receivable);
    listen('finance.payment.confirmed', heard.confirmed);
    listen('finance.customer.credit-hold', heard.holds);
    listen('finance.customer.credit-released', heard.holds);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(() => expectBooksInOrder(p));

  const ship = async (orderId: string, tracking: string) => {
    await pickVerifyPack(p, orderId, 1);
    const shipment = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: tracking, pieces: 1 });
    expect(shipment.status).toBe(201);
  };
  // One report per event: the outbox relay publishes at least once (a publish whose acknowledgement timed out is sent
  // again, and the stream drops the copy by its message id), so a plain subscriber may see the same event twice.
  const reportsOf = (customerId: string) => [...new Map(heard.receivable.filter((e) => e.data.customerId === customerId).map((e) => [e.id, e.data])).values()]
    .sort((a, b) => a.revision - b.revision);
  const reportNumber = (customerId: string, revision: number) =>
    waitFor(`receivable report ${revision} of ${customerId}`, () => reportsOf(customerId).find((r) => r.revision === revision) ?? false);
  const cash = (orderId: string, amountFen: number, role = 'cashier') => p.call(role, 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });

  it('reports each change of a credit customer\'s receivable once, in revision order: invoice, payment, overdue, void, re-issue', async () => {
    const customer = await aCreditCustomer(p, { paymentTermsDays: 20 });
    const sku = await aSkuWithStock(p, 10, 8_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await ship(order.id, 'ZTO-EV1');

    const invoiced = await reportNumber(customer.id, 1);
    expect(invoiced).toMatchObject({ openFen: 8_000, overdueFen: 0, oldestDueDate: addDays(businessDate(), 20), reason: expect.stringMatching(/^invoice INV-/) });
    expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&status=open`)).body).toMatchObject({ total: 1, items: [{ amountFen: 8_000, dueDate: addDays(businessDate(), 20) }] });
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ openReceivableFen: 8_000 });

    // A credit order takes part of its money without anyone's approval; it settles the receivable (1122), not prepayments.
    const part = await cash(order.id, 3_000);
    expect(part.body).toMatchObject({ status: 'counted', orderFullyPaid: false, outstandingFen: 5_000 });
    const entry = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${part.body.id}`)).body.items[0];
    expect(entry.lines).toEqual([expect.objectContaining({ account: '1001', debitFen: 3_000 }), expect.objectContaining({ account: '1122', creditFen: 3_000 })]);
    expect(await reportNumber(customer.id, 2)).toMatchObject({ openFen: 5_000, overdueFen: 0, reason: expect.stringMatching(/^receipt RC-/) });

    // It is not collected by the 5th of the month after its due date (collection rules 9-05): both finance instances scan, and sales hears it exactly once.
    const due = addDays(`${businessDate().slice(0, 8)}01`, -35); // in the month before last: unpaid since the 5th of last month
    await sql(`UPDATE finance.receivables SET due_date = $2 WHERE order_id = $1`, [order.id, due]);
    expect(await reportNumber(customer.id, 3)).toMatchObject({ openFen: 5_000, overdueFen: 5_000, oldestDueDate: due, reason: 'receivables fell overdue' });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several scans of each instance
    expect(reportsOf(customer.id).map((r) => r.revision)).toEqual([1, 2, 3]);
    const daysPastDue = Math.round((Date.parse(`${businessDate()}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
    const overdue = (await p.call('sales_manager', 'GET', `/finance/receivables?customerId=${customer.id}&overdue=true`)).body;
    expect(overdue).toMatchObject({ total: 1, items: [{ openFen: 5_000, overdue: true, daysPastDue }] });
    expect(['unpaid', 'dunning', 'supply_stopped']).toContain(overdue.items[0].stage); // unpaid since last month's 5th: further on, by today's date

    const invoice = (await p.read(`/finance/invoices?orderId=${order.id}`)).body.items[0];
    expect((await p.call('finance_manager', 'POST', `/finance/invoices/${invoice.id}/void`, { reason: '   ' }))).toMatchObject({ status: 400, body: { errors: [{ field: 'reason', message: 'reason must not be blank' }] } });
    expect((await p.call('finance_manager', 'POST', `/finance/invoices/${invoice.id}/void`, { reason: 'Wrong buyer tax number' })).status).toBe(200);
    expect(await reportNumber(customer.id, 4)).toMatchObject({ openFen: 0, overdueFen: 0, reason: expect.stringContaining('voided') });
    expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&status=open`)).body.total).toBe(0);

    const again = await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {});
    expect(again).toMatchObject({ status: 201, body: { amountFen: 8_000, series: 'INV' } });
    expect(await reportNumber(customer.id, 5)).toMatchObject({ openFen: 5_000, overdueFen: 0 });
    expect((await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(409);

    // The statement names each document: invoice, receipt, the voided invoice, the new one.
    const today = businessDate();
    const statement = (await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`)).body;
    expect(statement.lines.map((l: { sourceType: string; documentNumber: string; debitFen: number; creditFen: number; balanceFen: number }) => [l.sourceType, l.documentNumber, l.debitFen, l.creditFen, l.balanceFen])).toEqual([
      ['invoice', invoice.number, 8_000, 0, 8_000],
      ['receipt', part.body.number, 0, 3_000, 5_000],
      ['invoice_void', invoice.number, 0, 8_000, -3_000],
      ['invoice', again.body.number, 8_000, 0, 5_000],
    ]);
    expect(statement).toMatchObject({ openingBalanceFen: 0, closingBalanceFen: 5_000 });
  });

  it('never lets the person who recorded a first payment below the required deposit accept it, and counts it once both sides have', async () => {
    const both = { username: `cashier.mgr.${p.env.runId}`, password: 'cashier and manager', roles: ['cashier', 'sales_manager'] };
    expect((await p.call('admin', 'POST', '/identity/users', { ...both, displayName: '两职' })).status).toBe(201);
    const signedIn = await http<{ accessToken: string }>('POST', `${p.api}/auth/login`, { username: both.username, password: both.password });
    const asBoth = (method: string, path: string, body?: unknown) => http(method, `${p.api}${path}`, body, { authorization: `Bearer ${signedIn.body.accessToken}` });

    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 9_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    const deposit = await asBoth('POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 2_000, counterfeitChecked: true });
    expect(deposit.body).toMatchObject({ status: 'awaiting_deposit_approval', outstandingFen: 9_000 });
    expect(await asBoth('POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${deposit.body.id}`)).body.total).toBe(0);
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ paidFen: 0 });

    expect((await p.call('general_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).body).toMatchObject({ status: 'awaiting_deposit_approval', outstandingFen: 9_000 });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${deposit.body.id}`)).body.total).toBe(0);
    expect((await p.call('finance_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).body).toMatchObject({ status: 'counted', outstandingFen: 7_000 });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${deposit.body.id}`)).body.items[0].lines).toEqual([
      expect.objectContaining({ account: '1001', debitFen: 2_000 }), expect.objectContaining({ account: '2203', creditFen: 2_000 }),
    ]);
    // More than the rest needs nobody's approval: it completes the order, and the excess is the customer's prepayment.
    expect((await cash(order.id, 8_000)).body).toMatchObject({ status: 'counted', orderFullyPaid: true, prepaymentFen: 1_000 });
  });

  it('pays a new order in full from the customer\'s prepayment and confirms it exactly as a receipt would', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 4_000);
    const first = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${first.id}/account`)).status === 200);
    expect((await cash(first.id, 10_000)).body).toMatchObject({ orderFullyPaid: true, prepaymentFen: 6_000 });
    await waitFor('the first payment confirmed', () => heard.confirmed.some((e) => e.data.orderId === first.id));

    const second = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    const confirmed = await waitFor('the second order confirmed from prepayment', () => heard.confirmed.find((e) => e.data.orderId === second.id) ?? false);
    expect(confirmed).toMatchObject({ source: 'finance', data: { customerId: customer.id, totalFen: 4_000, paidFen: 4_000 } });
    await orderReaches(p, second.id, 'ready_to_ship');
    expect((await p.read(`/finance/orders/${second.id}/account`)).body).toMatchObject({ paidFen: 4_000, outstandingFen: 0, fullyPaid: true });
    const prepayment = (await p.call('sales_rep', 'GET', `/finance/customers/${customer.id}/prepayment`)).body;
    expect(prepayment).toMatchObject({ balanceFen: 2_000, movements: [{ kind: 'applied_to_order', amountFen: -4_000, orderId: second.id }, { kind: 'overpayment', amountFen: 6_000, orderId: first.id }] });
    // Both sides are customer prepayments (2203): applying it posts nothing, so the statement still shows the money held.
    const today = businessDate();
    expect((await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`)).body).toMatchObject({ closingBalanceFen: -10_000, lines: [{ sourceType: 'receipt' }] });
    expect(heard.confirmed.filter((e) => e.data.orderId === second.id)).toHaveLength(1);
  });

  it('takes back an invoice issued on full payment when the order is cancelled before it ships, then owes the money back until a cashier refunds it', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 6_000);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    await cash(order.id, 6_000);
    const invoice = await p.call('accountant', 'POST', `/finance/orders/${order.id}/invoice`, { customerName: customer.name });
    expect(invoice.status).toBe(201);
    await orderReaches(p, order.id, 'ready_to_ship');

    expect((await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/cancel`, { reason: 'Customer withdrew', moneyDisposition: 'refund' })).status).toBe(200);
    await waitFor('finance to settle the cancellation', async () => (await p.read(`/finance/orders/${order.id}/account`)).body.cancellation === 'refunded');
    expect((await p.read(`/finance/invoices?orderId=${order.id}`)).body.items[0]).toMatchObject({ status: 'voided', voidReason: expect.stringContaining('cancelled') });
    expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ invoicedFen: 0, refundDueFen: 6_000 });
    const today = businessDate();
    const owed = (await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`)).body;
    expect(owed.lines.map((l: { sourceType: string }) => l.sourceType)).toEqual(['receipt', 'invoice', 'invoice_void']);
    expect(owed.closingBalanceFen).toBe(-6_000);
    const refund = (await p.call('cashier', 'GET', `/finance/refunds?orderId=${order.id}`)).body.items[0];
    expect((await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'cash' })).body).toMatchObject({ status: 'paid' });
    const statement = (await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`)).body;
    expect(statement.lines.map((l: { sourceType: string }) => l.sourceType)).toEqual(['receipt', 'invoice', 'invoice_void', 'refund']);
    expect(statement.closingBalanceFen).toBe(0);
  });

  it('reports credit holds and releases as events, refusing what would change nothing', async () => {
    const customer = await aCustomer(p);
    expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-release`, { reason: 'x' })).status).toBe(409);
    for (const body of [{}, { reason: ' ' }]) {
      const refused = await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-hold`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    }
    expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-hold`, { reason: 'Dunning ignored' })).status).toBe(200);
    expect((await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/credit-release`, { reason: 'Plan agreed' })).status).toBe(200);
    const events = await waitFor('hold and release', () => {
      const mine = heard.holds.filter((e) => (e.data as { customerId: string }).customerId === customer.id);
      return mine.length === 2 ? mine.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)) : false;
    });
    expect(events.map((e) => [e.type, (e.data as { reason: string }).reason])).toEqual([['finance.customer.credit-hold', 'Dunning ignored'], ['finance.customer.credit-released', 'Plan agreed']]);
  });
});
