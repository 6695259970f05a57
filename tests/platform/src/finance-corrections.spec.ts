import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { addDays, businessDate, daysBetween } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder, expectBooksInOrder } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

/**
 * Corrections to order to cash found by acceptance testing (issue 9), the finance side: deposits and part
 * payments (domain.md §5, the cashier's rules), when a credit sale becomes unpaid (collection rules 9-05),
 * and refunds paid by a cashier from the money account the money came in through.
 */
describe('finance corrections', () => {
  let p: TestPlatform;
  const subscriptions: Subscription[] = [];
  const heard = { refunds: [] as EventEnvelope[], confirmed: [] as EventEnvelope[] };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const listen = (type: string, into: EventEnvelope[]) =>
    subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && into.push(msg.json<EventEnvelope>())) }));

  beforeAll(async () => {
    p = await TestPlatform.start();
    listen('finance.refund.issued', heard.refunds);
    listen('finance.payment.confirmed', heard.confirmed);
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
  });

  afterEach(() => expectBooksInOrder(p));

  const accountOf = (orderId: string) =>
    waitFor(`finance to open ${orderId}`, async () => {
      const res = await p.read(`/finance/orders/${orderId}/account`);
      return res.status === 200 ? res.body : false;
    });
  const cash = (orderId: string, amountFen: number, role = 'cashier') => p.call(role, 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });
  const journalOf = async (sourceId: string) => (await p.call('accountant', 'GET', `/finance/journal?sourceId=${sourceId}`)).body;
  /** A person holding several roles, signed in: what the demo users (one role each) cannot show. */
  const aPerson = async (name: string, roles: string[]) => {
    const username = `${name}.${p.env.runId}`;
    expect((await p.call('admin', 'POST', '/identity/users', { username, password: `${name} password`, roles, displayName: name })).status).toBe(201);
    const signedIn = await http<{ accessToken: string }>('POST', `${p.api}/auth/login`, { username, password: `${name} password` });
    return (method: string, path: string, body?: unknown) => http(method, `${p.api}${path}`, body, { authorization: `Bearer ${signedIn.body.accessToken}` });
  };

  describe('deposits and part payments (domain.md §5)', () => {
    it('counts two halves with the default deposit: the first once a sales manager and a finance manager accept it, the second at once; then the order is paid and released', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10, 10_000);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      expect(await accountOf(order.id)).toMatchObject({ totalFen: 10_000, requiredDepositFen: 10_000, agreementHeld: true, fullyPaid: false });

      const first = await cash(order.id, 5_000);
      expect(first).toMatchObject({ status: 201, body: { status: 'awaiting_deposit_approval', outstandingFen: 10_000 } });
      const bySales = await p.call('sales_manager', 'POST', `/finance/receipts/${first.body.id}/approve-deposit`);
      expect(bySales).toMatchObject({ status: 200, body: { status: 'awaiting_deposit_approval', depositSalesApprovedBy: expect.any(String), depositFinanceApprovedBy: null, outstandingFen: 10_000 } });
      // The sales side is filled: another from sales management cannot stand in for finance.
      expect((await p.call('sales_vp', 'POST', `/finance/receipts/${first.body.id}/approve-deposit`)).status).toBe(409);
      expect((await journalOf(first.body.id)).total).toBe(0);
      const byFinance = await p.call('finance_manager', 'POST', `/finance/receipts/${first.body.id}/approve-deposit`);
      expect(byFinance).toMatchObject({ status: 200, body: { status: 'counted', depositFinanceApprovedBy: expect.any(String), outstandingFen: 5_000, orderFullyPaid: false } });
      expect((await p.call('finance_manager', 'POST', `/finance/receipts/${first.body.id}/approve-deposit`)).status).toBe(409);
      expect((await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId: order.id })).body.type).toContain('order-not-released');

      // Later money simply adds up; the half that completes the order confirms payment.
      const second = await cash(order.id, 5_000);
      expect(second).toMatchObject({ status: 201, body: { status: 'counted', orderFullyPaid: true, outstandingFen: 0 } });
      expect(await waitFor('payment confirmed', () => heard.confirmed.find((e) => (e.data as { orderId: string }).orderId === order.id) ?? false)).toMatchObject({ data: { totalFen: 10_000, paidFen: 10_000 } });
      expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ paidFen: 10_000, fullyPaid: true, agreementHeld: false });
      await orderReaches(p, order.id, 'ready_to_ship');
      const list = await pickVerifyPack(p, order.id, 1);
      expect(list.lines).toEqual([expect.objectContaining({ sku, quantity: 1 })]);
    });

    it('counts at once a first payment that meets a deposit agreed below the total, and later ones without approval', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10, 10_000);
      const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity: 1 }]), requiredDepositFen: 3_000 });
      expect(await accountOf(order.id)).toMatchObject({ requiredDepositFen: 3_000, agreementHeld: true });
      expect((await cash(order.id, 3_000)).body).toMatchObject({ status: 'counted', outstandingFen: 7_000, orderFullyPaid: false });
      expect((await cash(order.id, 1_000)).body).toMatchObject({ status: 'counted', outstandingFen: 6_000 });
      expect((await cash(order.id, 6_000)).body).toMatchObject({ status: 'counted', orderFullyPaid: true });
      await orderReaches(p, order.id, 'ready_to_ship');

      // Below the agreed deposit, the first payment waits.
      const other = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity: 1 }]), requiredDepositFen: 3_000 });
      await accountOf(other.id);
      expect((await cash(other.id, 2_999)).body).toMatchObject({ status: 'awaiting_deposit_approval' });
    });

    it('does not count money on one approval alone, never lets the recorder approve, nor one person fill both sides', async () => {
      const recorder = await aPerson('cashier.all', ['cashier', 'sales_manager', 'finance_manager']);
      const bothSides = await aPerson('sm.fm', ['sales_manager', 'finance_manager']);
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10, 9_000);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      await accountOf(order.id);
      const deposit = await recorder('POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: 2_000, counterfeitChecked: true });
      expect(deposit.body).toMatchObject({ status: 'awaiting_deposit_approval' });
      expect(await recorder('POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });

      // Someone in both sales and finance management fills one side (sales first), never both.
      expect((await bothSides('POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).body).toMatchObject({ status: 'awaiting_deposit_approval', depositSalesApprovedBy: expect.any(String), depositFinanceApprovedBy: null });
      expect(await bothSides('POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('same-approver') } });
      expect((await journalOf(deposit.body.id)).total).toBe(0);
      expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ paidFen: 0, agreementHeld: true });
      expect((await p.read(`/finance/receipts?orderId=${order.id}`)).body.items[0]).toMatchObject({ status: 'awaiting_deposit_approval' });

      // The other side, by someone else: now it counts.
      const filled = await p.call('finance_manager', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`);
      expect(filled).toMatchObject({ status: 200, body: { status: 'counted', outstandingFen: 7_000 } });
      expect((await journalOf(deposit.body.id)).items[0].lines).toEqual([
        expect.objectContaining({ account: '1001', debitFen: 2_000 }), expect.objectContaining({ account: '2203', creditFen: 2_000 }),
      ]);
      expect((await p.call('cashier', 'POST', `/finance/receipts/${deposit.body.id}/approve-deposit`)).status).toBe(403);
    });
  });

  describe('overdue: unpaid from the 5th of the month after the due date (collection rules 9-05)', () => {
    const ship = async (orderId: string, tracking: string) => {
      await pickVerifyPack(p, orderId, 1);
      expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: tracking, pieces: 1 })).status).toBe(201);
    };
    const creditSale = async (tracking: string) => {
      const customer = await aCreditCustomer(p, { grade: 'A', creditLimitFen: 10_000_000, paymentTermsDays: 30 });
      const sku = await aSkuWithStock(p, 10, 5_000);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      await orderReaches(p, order.id, 'ready_to_ship');
      await ship(order.id, tracking);
      await waitFor('the receivable', async () => (await sql(`SELECT 1 FROM finance.receivables WHERE order_id = $1`, [order.id])).length === 1);
      return { customer, sku, order };
    };
    const salesSees = (customerId: string, ok: (credit: { openReceivableFen: number; overdueFen: number }) => boolean) =>
      waitFor(`sales to hear about ${customerId}`, async () => {
        const res = await p.read(`/sales/customers/${customerId}`);
        return ok(res.body.credit) ? res.body.credit : false;
      });

    it('does not report a receivable due yesterday as overdue, and the customer\'s next credit order needs no VP', async () => {
      const { customer, sku, order } = await creditSale('ZTO-U1');
      const yesterday = addDays(businessDate(), -1);
      await sql(`UPDATE finance.receivables SET due_date = $2 WHERE order_id = $1`, [order.id, yesterday]);
      // A receipt makes finance report the position as it stands today.
      expect((await cash(order.id, 1_000)).body).toMatchObject({ status: 'counted' });
      const credit = await salesSees(customer.id, (c) => c.openReceivableFen === 4_000);
      expect(credit.overdueFen).toBe(0);

      const receivable = (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}`)).body.items[0];
      expect(receivable).toMatchObject({ dueDate: yesterday, daysPastDue: 1, stage: 'current', overdue: false, openFen: 4_000 });
      expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&overdue=true`)).body.total).toBe(0);
      expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&stage=current`)).body.total).toBe(1);
      expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&pastDue=true`)).body.total).toBe(1);
      const next = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      expect(next).toMatchObject({ status: 'approved' });
      expect(next.approvalReasons).not.toContain('the customer has an overdue credit sale');
    });

    it('reports a receivable unpaid once the 5th of the month after its due month has come, and the next credit order needs the VP', async () => {
      const { customer, sku, order } = await creditSale('ZTO-U2');
      const today = businessDate();
      // Due in the month before last: unpaid since the 5th of last month, whatever today is.
      const due = addDays(`${today.slice(0, 8)}01`, -35);
      await sql(`UPDATE finance.receivables SET due_date = $2 WHERE order_id = $1`, [order.id, due]);
      await salesSees(customer.id, (c) => c.overdueFen === 5_000);

      const receivable = (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&overdue=true`)).body.items[0];
      const lastMonth = addDays(`${today.slice(0, 8)}01`, -1).slice(0, 8);
      // Unpaid since the 5th of last month; by today's date it may have climbed on to dunning (from the 5th) or supply stopped (from the 25th).
      expect(receivable).toMatchObject({ dueDate: due, daysPastDue: daysBetween(due, today), unpaidFrom: `${lastMonth}05`, dunningFrom: `${today.slice(0, 8)}05`, overdue: true });
      expect(['unpaid', 'dunning', 'supply_stopped']).toContain(receivable.stage);
      expect((await p.call('accountant', 'GET', `/finance/receivables?customerId=${customer.id}&overdue=true`)).body.total).toBe(1);
      const next = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
      expect(next).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_vp', approvalReasons: ['the customer has an overdue credit sale'] });
    });
  });

  describe('refunds paid by a cashier from the account the money came in through', () => {
    const refundsOf = (orderId: string, count = 1) =>
      waitFor(`${count} refund(s) due for ${orderId}`, async () => {
        const res = await p.call('cashier', 'GET', `/finance/refunds?orderId=${orderId}`);
        return res.status === 200 && res.body.total === count ? res.body.items : false;
      });
    const payee = { payeeName: '上海晨光贸易有限公司', payeeBank: '中国工商银行上海分行', payeeAccountNumber: '6222020200112233445' };

    it('owes a refund on cancellation, and the cashier pays it by transfer as the money came in: the bank is credited and the refund announced', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10, 10_000);
      const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      await accountOf(order.id);
      const transfer = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'transfer', amountFen: 10_000, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: businessDate() });
      expect((await p.call('accountant', 'POST', `/finance/receipts/${transfer.body.id}/verify`)).body).toMatchObject({ status: 'counted', orderFullyPaid: true });
      await orderReaches(p, order.id, 'ready_to_ship');
      const bankBefore = (await p.call('accountant', 'GET', '/finance/trial-balance')).body.accounts.find((a: { account: string }) => a.account === '1002');

      expect((await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/cancel`, { reason: 'Customer withdrew', moneyDisposition: 'refund' })).status).toBe(200);
      const [refund] = await refundsOf(order.id);
      expect(refund).toMatchObject({
        orderId: order.id, customerId: customer.id, amountFen: 10_000, status: 'due', method: 'transfer', number: expect.stringMatching(/^RF-\d{4}-\d{6}$/),
        sources: [{ receiptId: transfer.body.id, receiptNumber: transfer.body.number, method: 'transfer', amountFen: 10_000 }], paidBy: null, paidAt: null,
      });
      // Nothing is paid out yet: no entry, the bank untouched, the money still owed to the customer.
      expect((await journalOf(refund.id)).total).toBe(0);
      expect((await p.call('accountant', 'GET', '/finance/trial-balance')).body.accounts.find((a: { account: string }) => a.account === '1002')).toEqual(bankBefore);
      expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ cancellation: 'refunded', refundDueFen: 10_000, refundedFen: 0 });
      expect((await p.call('accountant', 'GET', `/finance/refunds?customerId=${customer.id}&status=due`)).body.total).toBe(1);

      expect((await p.call('sales_rep', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'transfer', ...payee })).status).toBe(403);
      expect(await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'cash' })).toMatchObject({ status: 422, body: { errors: [{ field: 'method' }] } });
      const noAccount = await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'transfer', payeeName: payee.payeeName });
      expect(noAccount.status).toBe(422);
      expect(noAccount.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['payeeAccountNumber', 'payeeBank']);
      expect((await journalOf(refund.id)).total).toBe(0);

      const paid = await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'transfer', ...payee });
      expect(paid).toMatchObject({ status: 200, body: { status: 'paid', paidMethod: 'transfer', paidBy: expect.any(String), paidAt: expect.any(String), payee } });
      expect((await journalOf(refund.id)).items[0].lines).toEqual([
        expect.objectContaining({ account: '2203', debitFen: 10_000 }), expect.objectContaining({ account: '1002', creditFen: 10_000 }),
      ]);
      expect((await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'transfer', ...payee })).status).toBe(409);
      const issued = await waitFor('finance.refund.issued', () => heard.refunds.find((e) => (e.data as { refundId: string }).refundId === refund.id) ?? false);
      expect(issued).toMatchObject({ source: 'finance', data: { refundId: refund.id, orderId: order.id, customerId: customer.id, amountFen: 10_000, method: 'transfer', paidAt: paid.body.paidAt } });
      expect((await p.read(`/finance/orders/${order.id}/account`)).body).toMatchObject({ refundDueFen: 0, refundedFen: 10_000 });
      const today = businessDate();
      const statement = (await p.call('accountant', 'GET', `/finance/customers/${customer.id}/statement?from=${today}&to=${today}`)).body;
      expect(statement.lines.map((l: { sourceType: string; documentNumber: string }) => [l.sourceType, l.documentNumber])).toEqual([['receipt', transfer.body.number], ['refund', refund.number]]);
      expect(statement.closingBalanceFen).toBe(0);
    });

    it('splits a refund by the ways the money came in, each paid from its own account; money kept as prepayment owes none', async () => {
      const customer = await aCustomer(p);
      const sku = await aSkuWithStock(p, 10, 10_000);
      const order = await placeOrder(p, { ...orderBody(customer.id, [{ sku, quantity: 1 }]), requiredDepositFen: 4_000 });
      await accountOf(order.id);
      const byCash = await cash(order.id, 4_000);
      const card = { last4: '4321', holderName: '王芳', holderSigned: true, amountFen: 6_000 };
      const byCard = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'pos', amountFen: 6_000, cards: [card] });
      expect(byCard.body).toMatchObject({ status: 'counted', orderFullyPaid: true });
      await orderReaches(p, order.id, 'ready_to_ship');
      expect((await p.call('sales_rep', 'POST', `/sales/orders/${order.id}/cancel`, { reason: 'Duplicate order', moneyDisposition: 'refund' })).status).toBe(200);

      const refunds = await refundsOf(order.id, 2);
      const cashRefund = refunds.find((r: { method: string }) => r.method === 'cash');
      const cardRefund = refunds.find((r: { method: string }) => r.method === 'pos');
      expect(cashRefund).toMatchObject({ amountFen: 4_000, status: 'due', sources: [{ receiptNumber: byCash.body.number, amountFen: 4_000 }] });
      expect(cardRefund).toMatchObject({ amountFen: 6_000, status: 'due', sources: [{ receiptNumber: byCard.body.number, amountFen: 6_000 }] });
      expect((await p.call('cashier', 'POST', `/finance/refunds/${cardRefund.id}/pay`, { method: 'cash' })).status).toBe(422);
      expect((await p.call('finance_manager', 'POST', `/finance/refunds/${cardRefund.id}/pay`, { method: 'pos' })).body).toMatchObject({ status: 'paid', paidMethod: 'pos' });
      expect((await journalOf(cardRefund.id)).items[0].lines).toEqual([expect.objectContaining({ account: '2203', debitFen: 6_000 }), expect.objectContaining({ account: '1012', creditFen: 6_000 })]);
      expect((await p.call('cashier', 'POST', `/finance/refunds/${cashRefund.id}/pay`, { method: 'cash', payeeName: '王芳' })).body).toMatchObject({ status: 'paid', paidMethod: 'cash' });
      expect((await journalOf(cashRefund.id)).items[0].lines).toEqual([expect.objectContaining({ account: '2203', debitFen: 4_000 }), expect.objectContaining({ account: '1001', creditFen: 4_000 })]);
      expect((await p.call('accountant', 'GET', `/finance/refunds?orderId=${order.id}&status=paid&pageSize=1`)).body).toMatchObject({ total: 2, pageSize: 1, items: [expect.any(Object)] });
      await waitFor('both refunds announced', () => heard.refunds.filter((e) => (e.data as { orderId: string }).orderId === order.id).length === 2);

      const kept = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
      await accountOf(kept.id);
      expect((await cash(kept.id, 10_000)).body).toMatchObject({ orderFullyPaid: true });
      await orderReaches(p, kept.id, 'ready_to_ship');
      expect((await p.call('sales_rep', 'POST', `/sales/orders/${kept.id}/cancel`, { reason: 'Later', moneyDisposition: 'keep_as_prepayment' })).status).toBe(200);
      await waitFor('the money kept', async () => (await p.read(`/finance/orders/${kept.id}/account`)).body.cancellation === 'kept_as_prepayment');
      expect((await p.call('cashier', 'GET', `/finance/refunds?orderId=${kept.id}`)).body.total).toBe(0);
      expect((await p.read(`/finance/customers/${customer.id}/prepayment`)).body.balanceFen).toBe(10_000);
    });
  });
});
