import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type Subscription } from '@nats-io/transport-node';
import type { BalanceNoticeIssuedData, DepositConfirmedData, EventEnvelope, PaymentConfirmedData } from '@ops/contracts';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { expectBooksInOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Finance's part of made to order (issue 19), alone: sales' placements and inventory's production are stood in for
 * by their events published as their outbox relays would. The deposit of an order with made-to-order lines is
 * confirmed to inventory once — with the first payment that counts, or at opening when none is required or the
 * prepayment covers it; an order with nothing due is paid in full at opening; finished production tells the customer
 * the balance, once; a contract factory's audited receipt is a payable like any supplier's. The books hold after each test.
 */
describe('finance: made-to-order deposits, balance notices and factory payables', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { deposits: [] as Array<EventEnvelope<DepositConfirmedData>>, notices: [] as Array<EventEnvelope<BalanceNoticeIssuedData>>, paid: [] as Array<EventEnvelope<PaymentConfirmedData>> };

  const listen = <T>(type: string, into: T[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<T>())) }));

  beforeAll(async () => {
    p = await TestPlatform.start({ services: ['finance'] });
    listen('finance.deposit.confirmed', heard.deposits);
    listen('finance.balance-notice.issued', heard.notices);
    listen('finance.payment.confirmed', heard.paid);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(() => expectBooksInOrder(p));

  /** One of another service's events, as its outbox relay publishes it: an envelope on the type's versioned subject. */
  const publish = async (type: string, source: string, aggregateId: string, data: object, id = uuidv7()) => {
    const envelope = {
      id, type, version: 1, occurredAt: new Date().toISOString(), source, aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'sales_manager', roles: ['sales_manager'] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
  };

  let orders = 0;
  /** A placed order of 100.00 (one made-to-order line of 2 × 40.00 and one stocked line of 20.00 unless said otherwise), its account once open. */
  const placed = async (patch: { totalFen?: number; requiredDepositFen?: number; paymentTerms?: 'prepaid' | 'credit'; kind?: 'sale' | 'replacement'; madeToOrder?: boolean; customerId?: string } = {}) => {
    const orderId = randomUUID();
    const totalFen = patch.totalFen ?? 10_000;
    const madeToOrder = patch.madeToOrder ?? true;
    await publish('sales.order.placed', 'sales', orderId, {
      orderId, orderNumber: `SO-T-${process.pid}-${++orders}`, customerId: patch.customerId ?? randomUUID(), customerName: '晨光贸易', paymentTerms: patch.paymentTerms ?? 'prepaid', totalFen,
      lines: totalFen === 0
        ? [{ lineNo: 1, sku: 'PART-HINGE', quantity: 2, unitPriceFen: 0, lineTotalFen: 0, madeToOrder }]
        : [{ lineNo: 1, sku: 'CAB-OAK', quantity: 2, unitPriceFen: 4_000, lineTotalFen: 8_000, madeToOrder }, { lineNo: 2, sku: 'KNOB', quantity: 1, unitPriceFen: 2_000, lineTotalFen: 2_000, madeToOrder: false }],
      ...(patch.requiredDepositFen !== undefined ? { requiredDepositFen: patch.requiredDepositFen } : {}),
      ...(madeToOrder ? { requestedDate: '2026-12-20' } : {}),
      ...(patch.kind ? { kind: patch.kind } : {}),
    });
    const account = await p.call('cashier', 'GET', `/finance/orders/${orderId}/account?waitSeconds=10`);
    expect(account.status).toBe(200);
    return { orderId, account: account.body };
  };
  const account = async (orderId: string) => (await p.call('cashier', 'GET', `/finance/orders/${orderId}/account`)).body;
  const cash = (orderId: string, amountFen: number) => p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });
  const depositsOf = (orderId: string) => [...new Map(heard.deposits.filter((e) => e.data.orderId === orderId).map((e) => [e.id, e.data])).values()];
  const noticesOf = (orderId: string) => [...new Map(heard.notices.filter((e) => e.data.orderId === orderId).map((e) => [e.id, e.data])).values()];
  const historyOf = (orderId: string) => withClient(p.env.databaseUrl, async (c) =>
    (await c.query(`SELECT reason FROM finance.state_history WHERE aggregate = 'order-account' AND aggregate_id = $1 ORDER BY id`, [orderId])).rows.map((r) => r.reason as string));
  /** Long enough for the outbox relay (250 ms polls) to have published anything that was going to be. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('confirms the deposit once, with the first payment that reaches it, and tells the customer the balance once production finished', async () => {
    const { orderId, account: opened } = await placed({ requiredDepositFen: 3_000 });
    expect(opened).toMatchObject({ madeToOrder: true, requiredDepositFen: 3_000, depositConfirmedAt: null, balanceNotice: null, fullyPaid: false });
    await settle();
    expect(depositsOf(orderId)).toEqual([]);

    expect((await cash(orderId, 3_000)).body).toMatchObject({ status: 'counted', outstandingFen: 7_000 });
    const [deposit] = await waitFor('the deposit confirmed', () => depositsOf(orderId).length ? depositsOf(orderId) : false);
    expect(deposit).toMatchObject({ orderId, requiredDepositFen: 3_000, paidFen: 3_000 });
    expect(await account(orderId)).toMatchObject({ depositConfirmedAt: deposit.confirmedAt, depositAccepted: true });
    // Later money adds up without telling inventory again.
    expect((await cash(orderId, 1_000)).status).toBe(201);
    await settle();
    expect(depositsOf(orderId)).toHaveLength(1);

    // Every made-to-order line produced and reserved for the order: the customer is told what is left, once, even if inventory says it twice.
    const completed = { orderId, customerId: opened.customerId, lines: [{ sku: 'CAB-OAK', quantity: 2, productionOrderNumber: 'MO-2026-000001' }], completedAt: new Date().toISOString() };
    await publish('inventory.production.completed', 'inventory', orderId, completed);
    const notice = await waitFor('the balance notice', async () => (await account(orderId)).balanceNotice ?? false);
    expect(notice).toEqual({ totalFen: 10_000, paidFen: 4_000, balanceFen: 6_000, issuedAt: expect.any(String) });
    await waitFor('the balance notice event', () => noticesOf(orderId).length > 0);
    await publish('inventory.production.completed', 'inventory', orderId, completed);
    await settle();
    expect(noticesOf(orderId)).toEqual([{ orderId, customerId: opened.customerId, totalFen: 10_000, paidFen: 4_000, balanceFen: 6_000, issuedAt: notice.issuedAt }]);
    expect((await account(orderId)).balanceNotice).toEqual(notice);

    // The rest paid: payment confirmed, so the reserved goods may ship.
    expect((await cash(orderId, 6_000)).body).toMatchObject({ orderFullyPaid: true, outstandingFen: 0 });
    await waitFor('payment confirmed', () => heard.paid.some((e) => e.data.orderId === orderId));
    expect(await historyOf(orderId)).toEqual([
      expect.stringMatching(/^order SO-T-.* placed: 100\.00 due, deposit 30\.00$/),
      expect.stringMatching(/^receipt RC-.* counted: 30\.00$/),
      'deposit confirmed (30.00 paid of 30.00 required): production may be issued',
      expect.stringMatching(/^receipt RC-.* counted: 10\.00$/),
      'production finished; customer told the balance due: 60.00',
      expect.stringMatching(/^paid in full by receipt RC-/),
    ]);
  });

  it('confirms a deposit accepted below the required one only once sales and finance management accepted it', async () => {
    const { orderId } = await placed({ requiredDepositFen: 5_000 });
    const low = await cash(orderId, 2_000);
    expect(low.body).toMatchObject({ status: 'awaiting_deposit_approval' });
    expect((await p.call('sales_manager', 'POST', `/finance/receipts/${low.body.id}/approve-deposit`)).status).toBe(200);
    await settle();
    expect(depositsOf(orderId)).toEqual([]);
    expect((await p.call('finance_manager', 'POST', `/finance/receipts/${low.body.id}/approve-deposit`)).body).toMatchObject({ status: 'counted' });
    const [deposit] = await waitFor('the deposit confirmed', () => depositsOf(orderId).length ? depositsOf(orderId) : false);
    expect(deposit).toMatchObject({ requiredDepositFen: 5_000, paidFen: 2_000 });
  });

  it('confirms the deposit at opening when the customer\'s prepayment covers it, and never for a stocked order', async () => {
    const customerId = randomUUID();
    // An overpaid stocked order leaves the customer 40.00 of prepayment; it tells inventory nothing about production.
    const { orderId: stocked } = await placed({ customerId, madeToOrder: false, totalFen: 10_000 });
    expect((await cash(stocked, 14_000)).body).toMatchObject({ orderFullyPaid: true, prepaymentFen: 4_000 });
    const { orderId, account: opened } = await placed({ customerId, requiredDepositFen: 3_000 });
    expect(opened).toMatchObject({ paidFen: 4_000, depositConfirmedAt: expect.any(String), depositAccepted: false });
    expect(await waitFor('the deposit confirmed', () => depositsOf(orderId)[0] ?? false)).toMatchObject({ requiredDepositFen: 3_000, paidFen: 4_000 });
    await settle();
    expect(depositsOf(stocked)).toEqual([]);
  });

  it('pays a free replacement in full at opening, with its deposit (none) confirmed, so it is produced and can ship', async () => {
    const { orderId, account: opened } = await placed({ totalFen: 0, requiredDepositFen: 0, kind: 'replacement' });
    expect(opened).toMatchObject({ totalFen: 0, fullyPaid: true, outstandingFen: 0, depositConfirmedAt: expect.any(String) });
    expect(await waitFor('the deposit confirmed', () => depositsOf(orderId)[0] ?? false)).toMatchObject({ requiredDepositFen: 0, paidFen: 0 });
    expect(await waitFor('payment confirmed', () => heard.paid.find((e) => e.data.orderId === orderId)?.data ?? false)).toMatchObject({ totalFen: 0, paidFen: 0 });
    await publish('inventory.production.completed', 'inventory', orderId, {
      orderId, customerId: opened.customerId, lines: [{ sku: 'PART-HINGE', quantity: 2, productionOrderNumber: 'MO-2026-000002' }], completedAt: new Date().toISOString(), serviceTicketNumber: 'CS-2026-000001',
    });
    expect(await waitFor('the balance notice', async () => (await account(orderId)).balanceNotice ?? false)).toMatchObject({ totalFen: 0, balanceFen: 0 });
  });

  it('tells nobody the balance of an order cancelled before its production finished', async () => {
    const { orderId, account: opened } = await placed({ requiredDepositFen: 3_000 });
    await publish('sales.order.cancelled', 'sales', orderId, { orderId, customerId: opened.customerId, reason: 'customer withdrew', moneyDisposition: 'refund' });
    await waitFor('the account cancelled', async () => (await account(orderId)).cancellation !== null);
    await publish('inventory.production.completed', 'inventory', orderId, {
      orderId, customerId: opened.customerId, lines: [{ sku: 'CAB-OAK', quantity: 2, productionOrderNumber: 'MO-2026-000003' }], completedAt: new Date().toISOString(),
    });
    await settle();
    expect(noticesOf(orderId)).toEqual([]);
    expect((await account(orderId)).balanceNotice).toBeNull();
  });

  it('raises a contract factory\'s payable from the audited receipt of the finished goods, as for any supplier', async () => {
    const supplierId = randomUUID();
    await publish('inventory.supplier.saved', 'inventory', supplierId, {
      supplierId, code: `FAB-${supplierId.slice(0, 6)}`, name: '佛山木作厂', kind: 'factory', taxId: '91440600MA4XXXXX2', paymentTermsDays: 30,
      bankAccount: '6222020200112233446', bankName: '中国工商银行', active: true, revision: 1,
    });
    const receiptId = randomUUID();
    await publish('inventory.receipt.audited', 'inventory', receiptId, {
      receiptId, receiptNumber: `GR-T-${receiptId.slice(0, 8)}`, supplierId, purchaseOrderId: null, purchaseOrderNumber: null, warehouseCode: 'WH-SH',
      lines: [{ lineNo: 1, sku: 'CAB-OAK', quantity: 2, unitPriceFen: 45_200, amountFen: 90_400 }], amountFen: 90_400, auditedAt: new Date().toISOString(),
    });
    const payable = await waitFor('the factory payable', async () => (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplierId}`)).body.items?.find((x: any) => x.receiptId === receiptId) ?? false);
    expect(payable).toMatchObject({ amountFen: 90_400, netFen: 80_000, vatFen: 10_400, status: 'open' });
    const [entry] = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${payable.id}`)).body.items;
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '1405', debitFen: 80_000 }), expect.objectContaining({ account: '222101', debitFen: 10_400 }), expect.objectContaining({ account: '2202', creditFen: 90_400 }),
    ]);
  });
});
