import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { setBusinessClock } from '@ops/kernel';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Business accounts and after-sales tickets through the gateway (domain.md, business accounts; service tickets):
 * a buyer's account is reviewed by someone else before the customer may order, suspended and reinstated with a
 * reason; a return-request ticket opens an RMA; tickets go overdue on the business clock, close with the
 * customer's satisfaction, and their first-response and resolution times are reported.
 */
describe('business accounts and service tickets', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { approved: [] as EventEnvelope<any>[], suspended: [] as EventEnvelope<any>[] };
  // The business clock stands on Tuesday 1 December 2026, 10:00 in Shanghai; a test moves it by setting `now`.
  const start = new Date('2026-12-01T02:00:00Z');
  let now = start;
  const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
  let codes = 0;
  /** A unified social credit code of the right shape, different each time. */
  const creditCode = () => `91310000MA${String(process.pid % 10_000).padStart(4, '0')}${String(++codes).padStart(3, '0')}X`;

  beforeAll(async () => {
    setBusinessClock(() => now);
    p = await TestPlatform.start();
    for (const [type, into] of [['sales.business-account.approved', heard.approved], ['sales.business-account.suspended', heard.suspended]] as const) {
      subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));
    }
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  const orderFor = (customerId: string, sku: string) => p.call('sales_rep', 'POST', '/sales/orders', orderBody(customerId, [{ sku, quantity: 1 }]));

  it('refuses a buyer\'s orders until another person approves its account, again while suspended, and lets it trade once reinstated', async () => {
    const sku = await aSkuWithStock(p, 20, 1_000);
    const customer = await aCustomer(p, '云杉电商');
    // The online store's people look the customer up.
    expect((await p.call('ecommerce_operator', 'GET', `/sales/customers/${customer.id}`)).status).toBe(200);
    // A customer without a buyer account trades as before.
    const other = await aCustomer(p, '松柏商行');
    expect((await orderFor(other.id, sku)).status).toBe(201);

    const bad = await p.call('ecommerce_operator', 'POST', '/sales/business-accounts', { kind: 'buyer', companyName: '云杉电商有限公司', creditCode: '91310000MA1FL0ZZ', contactName: '李娜', contactPhone: '13900000000', customerId: customer.id });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('creditCode');
    const noCustomer = await p.call('ecommerce_operator', 'POST', '/sales/business-accounts', { kind: 'buyer', companyName: '云杉电商有限公司', creditCode: creditCode(), contactName: '李娜', contactPhone: '13900000000' });
    expect(noCustomer.status).toBe(422);

    const registered = await p.call('ecommerce_operator', 'POST', '/sales/business-accounts', {
      kind: 'buyer', companyName: '云杉电商有限公司', creditCode: creditCode(), contactName: '李娜', contactPhone: '13900000000', customerId: customer.id,
      documents: [{ kind: 'business_licence', reference: 'DMS-2026-0001' }, { kind: 'tax_registration', reference: 'DMS-2026-0002' }, { kind: 'bank_account_proof', reference: 'DMS-2026-0003' }],
    });
    expect(registered.status).toBe(201);
    const account = registered.body;
    expect(account).toMatchObject({ status: 'pending_review', kind: 'buyer', customerId: customer.id, customerName: '云杉电商', registeredBy: 'ecommerce_operator' });
    expect(account.documents).toHaveLength(3);
    expect((await p.call('ecommerce_operator', 'POST', '/sales/business-accounts', { kind: 'buyer', companyName: 'x', creditCode: creditCode(), contactName: 'x', contactPhone: '1', customerId: customer.id })).status).toBe(409);

    const pending = await orderFor(customer.id, sku);
    expect(pending.status).toBe(422);
    expect(pending.body).toMatchObject({ type: expect.stringContaining('business-account-not-approved'), detail: expect.stringContaining('pending review') });

    // The registrant may not review it; another person approves it.
    const own = await p.call('ecommerce_operator', 'POST', `/sales/business-accounts/${account.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.type).toContain('self-approval');
    expect((await p.call('customer_service', 'POST', `/sales/business-accounts/${account.id}/approve`)).status).toBe(403);
    const approved = await p.call('sales_manager', 'POST', `/sales/business-accounts/${account.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', reviewedBy: 'sales_manager' });
    await waitFor('the approval announced', () => heard.approved.find((e) => e.data.accountId === account.id && e.data.reinstated === false) ?? false);
    expect((await orderFor(customer.id, sku)).status).toBe(201);

    // Suspension needs a reason, and stops the orders again.
    expect((await p.call('ecommerce_operator', 'POST', `/sales/business-accounts/${account.id}/suspend`, {})).status).toBe(400);
    const suspended = await p.call('ecommerce_operator', 'POST', `/sales/business-accounts/${account.id}/suspend`, { reason: 'Bank account proof expired' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', decisionReason: 'Bank account proof expired' });
    const event = await waitFor('the suspension announced', () => heard.suspended.find((e) => e.data.accountId === account.id) ?? false);
    expect(event.data).toMatchObject({ reason: 'Bank account proof expired', kind: 'buyer', customerId: customer.id });
    const refused = await orderFor(customer.id, sku);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('suspended');

    const reinstated = await p.call('ecommerce_operator', 'POST', `/sales/business-accounts/${account.id}/reinstate`, { reason: 'New bank proof filed' });
    expect(reinstated.status).toBe(200);
    await waitFor('the reinstatement announced', () => heard.approved.find((e) => e.data.accountId === account.id && e.data.reinstated === true) ?? false);
    expect((await orderFor(customer.id, sku)).status).toBe(201);

    const read = await p.read(`/sales/business-accounts/${account.id}`);
    expect(read.body.timeline.map((t: { from: string; to: string }) => `${t.from}>${t.to}`)).toEqual(['new>pending_review', 'pending_review>approved', 'approved>suspended', 'suspended>approved']);
    expect((await p.read(`/sales/business-accounts?customerId=${customer.id}`)).body.total).toBe(1);

    // A carrier is registered the same way and reviewed; no customer.
    const carrier = await p.call('ecommerce_operator', 'POST', '/sales/business-accounts', { kind: 'service_provider', subKind: 'carrier', companyName: '顺达物流', creditCode: creditCode(), contactName: '周强', contactPhone: '13700000000' });
    expect(carrier.status).toBe(201);
    expect((await p.call('sales_vp', 'POST', `/sales/business-accounts/${carrier.body.id}/approve`)).body).toMatchObject({ status: 'approved', subKind: 'carrier' });
    await waitFor('the carrier announced', () => heard.approved.find((e) => e.data.accountId === carrier.body.id && e.data.subKind === 'carrier') ?? false);
  });

  it('opens an RMA from a return-request ticket, for an order of the ticket\'s customer only', async () => {
    const sku = await aSkuWithStock(p, 10, 2_000);
    const customer = await aCustomer(p, '青松茶庄');
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 3 }], 'prepaid'));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true })).status).toBe(201);
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'SF', trackingNumber: `SF-${order.number}`, pieces: 1 })).status).toBe(201);
    await orderReaches(p, order.id, 'shipped');

    const stranger = await aCustomer(p, '路人甲');
    const wrong = await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'return_request', channel: 'phone', subject: 'Return', customerId: stranger.id, orderId: order.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'orderId' })]);

    const opened = await p.call('customer_service', 'POST', '/sales/service-tickets', {
      kind: 'return_request', channel: 'wechat', subject: 'Two boxes arrived broken', customerId: customer.id, orderId: order.id, description: 'Seals broken on two boxes',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', owner: 'customer_service', orderNumber: order.number, deadlineAt: later(7 * 24 + 2 * 24).toISOString() });
    const ticket = opened.body;
    const rma = await p.call('customer_service', 'POST', `/sales/service-tickets/${ticket.id}/return`, { lines: [{ sku, quantity: 2 }], reason: 'transport_damage', faulty: true });
    expect(rma.status).toBe(200);
    expect(rma.body.rmaNumber).toMatch(/^RMA-\d{4}-\d{6}$/);
    expect(ticket.number).toMatch(/^CS-\d{4}-\d{6}$/);
    // Customer service follows the RMA it opened.
    const ret = await p.call('customer_service', 'GET', `/sales/returns/${rma.body.returnId}`);
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ number: rma.body.rmaNumber, orderId: order.id, customerId: customer.id, status: 'requested', reason: 'transport_damage', lines: [expect.objectContaining({ sku, quantity: 2 })] });
    expect((await p.read(`/sales/returns?orderId=${order.id}`)).body.items.map((r: { number: string }) => r.number)).toEqual([rma.body.rmaNumber]);
    // One RMA per ticket.
    const again = await p.call('customer_service', 'POST', `/sales/service-tickets/${ticket.id}/return`, { lines: [{ sku, quantity: 1 }], reason: 'transport_damage', faulty: true });
    expect(again.status).toBe(409);
    expect((await p.read(`/sales/returns?orderId=${order.id}`)).body.total).toBe(1);
  });

  it('lists a ticket as overdue once its deadline passes on the business clock, closes it with the customer\'s satisfaction, and reports the times', async () => {
    now = start;
    const walkIn = await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'inquiry', channel: 'store', subject: 'Opening hours?', customerName: '张先生', customerPhone: '13800138000' });
    expect(walkIn.status).toBe(201);
    const inquiry = walkIn.body;
    expect(inquiry.deadlineAt).toBe(later(24).toISOString());
    const timed = await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'complaint', channel: 'phone', subject: 'Late delivery', customerName: 'x', customerPhone: '1' });
    expect(timed.status).toBe(422); // a walk-in may only ask
    const customer = await aCustomer(p, '红枫贸易');
    const complaint = (await p.call('customer_service', 'POST', '/sales/service-tickets', { kind: 'complaint', channel: 'email', subject: 'Late delivery', customerId: customer.id, owner: 'sales_rep' })).body;
    expect(complaint.owner).toBe('sales_rep');

    const overdue = async () => (await p.call('customer_service', 'GET', '/sales/service-tickets?overdue=true&pageSize=200')).body.items.map((t: { number: string }) => t.number);
    expect(await overdue()).not.toContain(inquiry.number);

    // Two hours on, the rep answers the complaint; five hours on it is resolved.
    now = later(2);
    const answered = await p.call('sales_rep', 'POST', `/sales/service-tickets/${complaint.id}/notes`, { direction: 'out', text: 'Called: the parcel leaves today' });
    expect(answered.body).toMatchObject({ status: 'in_progress', firstResponseHours: 2 });
    now = later(5);
    expect((await p.call('sales_rep', 'POST', `/sales/service-tickets/${complaint.id}/resolve`, { resolution: 'Delivered next morning' })).body).toMatchObject({ status: 'resolved', resolutionHours: 5 });
    expect((await p.call('customer_service', 'POST', `/sales/service-tickets/${complaint.id}/close`, { satisfaction: 9 })).status).toBe(400);
    const closed = await p.call('customer_service', 'POST', `/sales/service-tickets/${complaint.id}/close`, { satisfaction: 4, feedback: 'Slow parcel, kind staff' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 4, feedback: 'Slow parcel, kind staff' });
    expect((await p.read(`/sales/service-tickets/${complaint.id}`)).body.timeline.map((t: { to: string }) => t.to)).toEqual(['open', 'in_progress', 'resolved', 'closed']);

    // A day and an hour on, the unanswered inquiry is overdue.
    now = later(25);
    expect(await overdue()).toContain(inquiry.number);
    expect((await p.read(`/sales/service-tickets/${inquiry.id}`)).body.overdue).toBe(true);
    expect(await overdue()).not.toContain(complaint.number);

    // Only its owner or a sales manager gives it away.
    expect((await p.call('sales_rep', 'POST', `/sales/service-tickets/${inquiry.id}/reassign`, { owner: 'sales_rep' })).status).toBe(403);
    expect((await p.call('sales_manager', 'POST', `/sales/service-tickets/${inquiry.id}/reassign`, { owner: 'sales_assistant', reason: 'Store question' })).body.owner).toBe('sales_assistant');

    const report = await p.call('sales_manager', 'GET', '/sales/service-tickets/report?from=2026-12-01&to=2026-12-01');
    expect(report.status).toBe(200);
    const rep = report.body.byOwner.find((r: { key: string }) => r.key === 'sales_rep');
    expect(rep).toEqual({ key: 'sales_rep', tickets: 1, firstResponse: { count: 1, averageHours: 2, medianHours: 2, p90Hours: 2 }, resolution: { count: 1, averageHours: 5, medianHours: 5, p90Hours: 5 } });
    const inquiries = report.body.byKind.find((r: { key: string }) => r.key === 'inquiry');
    expect(inquiries).toMatchObject({ firstResponse: { count: 0, averageHours: null } });
    expect(report.body.byKind.find((r: { key: string }) => r.key === 'complaint').resolution.averageHours).toBe(5);
  });
});
