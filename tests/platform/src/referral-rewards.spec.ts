import { addDays, businessDate, setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Referral rewards (老带新, domain.md) through the gateway: requested in time for a new customer's first placed order,
 * confirmed by the rep and a sales manager, checked and paid (or credited to the referrer) by finance, with the books
 * in order; a request after its deadline recorded void and never sent to finance; a referral finance rejects as false
 * void in sales; one reward per new customer; the requester never confirms at the manager's level.
 */
describe('referral rewards (老带新)', () => {
  let p: TestPlatform;
  /** The business clock: the system's, unless a test moves it to a day (mid-morning in Shanghai). */
  let today: string | null = null;
  /** The last day a reward for an order placed at `placedAt` may be asked for (30 days on, business dates). */
  const deadlineOf = (placedAt: string) => addDays(businessDate(new Date(placedAt)), 30);
  let sku: string;

  beforeAll(async () => {
    setBusinessClock(() => (today ? new Date(`${today}T02:00:00Z`) : new Date()));
    p = await TestPlatform.start();
    sku = await aSkuWithStock(p, 100, 10_000);
  });

  afterAll(async () => {
    await p?.close();
    setBusinessClock(null);
  });

  /** A referrer, a new customer registered after them, and the new customer's placed order of `quantity` × ¥100, paid in cash (so it never lapses). */
  const aReferral = async (quantity = 2) => {
    const referrer = await aCustomer(p, '晨光贸易');
    const newcomer = await aCustomer(p, '新华商行');
    const order = await placeOrder(p, orderBody(newcomer.id, [{ sku, quantity }]));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`)).status).toBe(200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true })).status).toBe(201);
    return { referrer, newcomer, order };
  };
  const request = (role: string, r: { referrer: { id: string }; newcomer: { id: string }; order: { id: string } }) =>
    p.call(role, 'POST', '/sales/referral-rewards', { referrerId: r.referrer.id, newCustomerId: r.newcomer.id, orderId: r.order.id, note: '老客户介绍' });
  const inFinance = (id: string, status?: string) => waitFor(`reward ${id} in finance${status ? ` ${status}` : ''}`, async () => {
    const res = await p.call('accountant', 'GET', '/finance/referral-rewards?pageSize=200');
    const found = res.body.items.find((r: { id: string }) => r.id === id);
    return found && (!status || found.status === status) ? found : false;
  });
  /** The books hold: expectBooksInOrder, and selling expenses booked for referral rewards = the rewards finance paid or credited. */
  const booksInOrder = async () => {
    await expectBooksInOrder(p);
    const [row] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`
      SELECT (SELECT COALESCE(sum(l.debit_fen - l.credit_fen), 0) FROM finance.journal_lines l JOIN finance.journal_entries e ON e.id = l.entry_id
               WHERE e.source_type = 'referral_reward' AND l.account = '6601')::bigint AS journal,
             (SELECT COALESCE(sum(amount_fen), 0) FROM finance.referral_rewards WHERE status IN ('paid', 'credited'))::bigint AS rewards`)).rows);
    expect(row.journal).toBe(row.rewards);
  };
  const inSales = (id: string, status: string) => waitFor(`reward ${id} ${status} in sales`, async () => {
    const res = await p.call('sales_manager', 'GET', `/sales/referral-rewards/${id}`);
    return res.body.status === status ? res.body : false;
  });

  it('goes rep → sales manager → finance check → paid by transfer, booked as a selling expense, once per new customer', async () => {
    const referral = await aReferral();
    const requested = await request('sales_rep', referral);
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'requested', amountFen: 600, orderTotalFen: 20_000, requestedBy: 'sales_rep', voidReason: null });
    expect(requested.body.deadline).toBe(deadlineOf(requested.body.orderPlacedAt));
    expect(requested.body.number).toMatch(/^RR-/);
    const id = requested.body.id;

    // A second request for the same new customer is refused, by anyone.
    expect(await request('sales_manager', referral)).toMatchObject({ status: 409, body: { type: expect.stringContaining('referral-reward-exists') } });
    // The manager step waits for the rep's.
    expect((await p.call('sales_manager', 'POST', `/sales/referral-rewards/${id}/manager-confirm`)).status).toBe(409);
    // The rep step is the rep's: a manager who is neither the referrer's rep nor the requester cannot take it.
    expect(await p.call('sales_manager', 'POST', `/sales/referral-rewards/${id}/rep-confirm`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('referral-not-your-customer') } });
    expect(await p.call('sales_rep', 'POST', `/sales/referral-rewards/${id}/rep-confirm`)).toMatchObject({ status: 200, body: { status: 'rep_confirmed', repConfirmedBy: 'sales_rep' } });
    // A rep is not a manager: the catalogue refuses them the manager step.
    expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${id}/manager-confirm`)).status).toBe(403);
    expect(await p.call('sales_manager', 'POST', `/sales/referral-rewards/${id}/manager-confirm`)).toMatchObject({ status: 200, body: { status: 'manager_confirmed', managerConfirmedBy: 'sales_manager' } });

    const held = await inFinance(id, 'to_check');
    expect(held).toMatchObject({ number: requested.body.number, amountFen: 600, referrerId: referral.referrer.id, newCustomerId: referral.newcomer.id });
    // Paying waits for the check; a cashier does not check.
    expect((await p.call('cashier', 'POST', `/finance/referral-rewards/${id}/pay`, { method: 'cash' })).status).toBe(409);
    expect((await p.call('cashier', 'POST', `/finance/referral-rewards/${id}/approve`)).status).toBe(403);
    expect(await p.call('accountant', 'POST', `/finance/referral-rewards/${id}/approve`)).toMatchObject({ status: 200, body: { status: 'approved', checkedBy: 'accountant' } });
    // A transfer needs the bank's reference.
    expect((await p.call('cashier', 'POST', `/finance/referral-rewards/${id}/pay`, { method: 'transfer' })).status).toBe(400);
    const paid = await p.call('cashier', 'POST', `/finance/referral-rewards/${id}/pay`, { method: 'transfer', bankReference: 'ICBC-20261125-0042' });
    expect(paid).toMatchObject({ status: 200, body: { status: 'paid', method: 'transfer', bankReference: 'ICBC-20261125-0042', paidBy: 'cashier' } });
    expect((await p.call('cashier', 'POST', `/finance/referral-rewards/${id}/pay`, { method: 'cash' })).status).toBe(409);

    const journal = await p.call('accountant', 'GET', `/finance/journal?sourceId=${id}`);
    expect(journal.body.items).toEqual([expect.objectContaining({
      number: paid.body.journalEntryNumber, sourceType: 'referral_reward',
      lines: [expect.objectContaining({ account: '6601', debitFen: 600, creditFen: 0 }), expect.objectContaining({ account: '1002', debitFen: 0, creditFen: 600 })],
    })]);
    expect(await inSales(id, 'paid')).toMatchObject({ paymentMethod: 'transfer', journalEntryNumber: paid.body.journalEntryNumber });
    await booksInOrder();
  });

  it('credited to the referrer, the reward is held as their prepayment and pays their next order', async () => {
    const referral = await aReferral(5);
    const { body: reward } = await request('sales_rep', referral);
    expect(reward.amountFen).toBe(1_500);
    expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${reward.id}/rep-confirm`)).status).toBe(200);
    expect((await p.call('sales_vp', 'POST', `/sales/referral-rewards/${reward.id}/manager-confirm`)).status).toBe(200);
    await inFinance(reward.id, 'to_check');
    expect((await p.call('finance_manager', 'POST', `/finance/referral-rewards/${reward.id}/approve`)).status).toBe(200);
    // Whoever checked it does not pay it.
    expect(await p.call('finance_manager', 'POST', `/finance/referral-rewards/${reward.id}/pay`, { method: 'credit' })).toMatchObject({ status: 403, body: { type: expect.stringContaining('referral-check-and-pay') } });
    const credited = await p.call('cashier', 'POST', `/finance/referral-rewards/${reward.id}/pay`, { method: 'credit' });
    expect(credited).toMatchObject({ status: 200, body: { status: 'credited', method: 'credit' } });
    const journal = await p.call('accountant', 'GET', `/finance/journal?sourceId=${reward.id}`);
    expect(journal.body.items[0].lines).toEqual([expect.objectContaining({ account: '6601', debitFen: 1_500 }), expect.objectContaining({ account: '2203', creditFen: 1_500 })]);
    const prepayment = await p.call('cashier', 'GET', `/finance/customers/${referral.referrer.id}/prepayment`);
    expect(prepayment.body).toMatchObject({ balanceFen: 1_500, movements: [expect.objectContaining({ kind: 'referral_reward', amountFen: 1_500 })] });
    await inSales(reward.id, 'credited');
    await booksInOrder();

    // The referrer's next order is paid from it first.
    const next = await placeOrder(p, orderBody(referral.referrer.id, [{ sku, quantity: 1 }]));
    const account = await waitFor('the referrer\'s next order paid from the reward', async () => {
      const res = await p.call('cashier', 'GET', `/finance/orders/${next.id}/account?waitSeconds=10`);
      return res.status === 200 && res.body.paidFen === 1_500 ? res.body : false;
    });
    expect(account.outstandingFen).toBe(10_000 - 1_500);
    expect((await p.call('cashier', 'GET', `/finance/customers/${referral.referrer.id}/prepayment`)).body.balanceFen).toBe(0);
    await booksInOrder();
  });

  it('a request after its deadline is recorded void and never reaches finance', async () => {
    const referral = await aReferral();
    // Asked for on the day after the last one: recorded, void, with the reason.
    // The order was placed just now (on the system's clock): 31 days on is past its last day.
    today = addDays(businessDate(new Date()), 31);
    try {
      const late = await request('sales_rep', referral);
      expect(late).toMatchObject({ status: 201, body: { status: 'void', voidReason: 'request-after-deadline', voidedBy: 'system' } });
      expect(late.body.deadline).toBe(deadlineOf(late.body.orderPlacedAt));
      expect(late.body.deadline < today).toBe(true);
      expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${late.body.id}/rep-confirm`)).status).toBe(409);
      expect((await p.call('sales_manager', 'GET', `/sales/referral-rewards?status=void&pageSize=200`)).body.items.map((r: { id: string }) => r.id)).toContain(late.body.id);
      // And it stays the one reward of that customer.
      expect((await request('sales_rep', referral)).status).toBe(409);
      // Finance never hears of it: a reward confirmed afterwards arrives, the late one does not.
      today = null;
      const later = await aReferral();
      const { body: marker } = await request('sales_rep', later);
      expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${marker.id}/rep-confirm`)).status).toBe(200);
      expect((await p.call('sales_manager', 'POST', `/sales/referral-rewards/${marker.id}/manager-confirm`)).status).toBe(200);
      await inFinance(marker.id);
      const finance = await p.call('accountant', 'GET', '/finance/referral-rewards?pageSize=200');
      expect(finance.body.items.map((r: { id: string }) => r.id)).not.toContain(late.body.id);
    } finally {
      today = null;
    }
  });

  it('a referral finance rejects as false ends void in sales with the reason; a sales manager voids a false one still in sales', async () => {
    const referral = await aReferral();
    const { body: reward } = await request('sales_rep', referral);
    expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${reward.id}/rep-confirm`)).status).toBe(200);
    expect((await p.call('general_manager', 'POST', `/sales/referral-rewards/${reward.id}/manager-confirm`)).status).toBe(200);
    await inFinance(reward.id, 'to_check');
    // Once with finance, sales no longer voids it: finance's check does.
    expect((await p.call('sales_manager', 'POST', `/sales/referral-rewards/${reward.id}/void`, { reason: 'changed my mind' })).status).toBe(409);
    const rejected = await p.call('accountant', 'POST', `/finance/referral-rewards/${reward.id}/reject`, { reason: 'The new customer is the referrer\'s own branch' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', rejectReason: 'The new customer is the referrer\'s own branch' } });
    expect((await p.call('cashier', 'POST', `/finance/referral-rewards/${reward.id}/pay`, { method: 'cash' })).status).toBe(409);
    expect(await inSales(reward.id, 'void')).toMatchObject({ voidReason: 'The new customer is the referrer\'s own branch', voidedBy: 'accountant', journalEntryNumber: null });
    expect((await p.call('accountant', 'GET', `/finance/journal?sourceId=${reward.id}`)).body.items).toEqual([]);

    const other = await aReferral();
    const { body: second } = await request('sales_rep', other);
    expect(await p.call('sales_manager', 'POST', `/sales/referral-rewards/${second.id}/void`, { reason: 'Invented friend' })).toMatchObject({ status: 200, body: { status: 'void', voidReason: 'Invented friend', voidedBy: 'sales_manager' } });
    expect((await p.call('sales_rep', 'POST', `/sales/referral-rewards/${second.id}/void`, { reason: 'x' })).status).toBe(403);
  });

  it('the requester cannot confirm at the manager\'s level, nor can a new customer\'s later order or another customer\'s order earn one', async () => {
    const referral = await aReferral();
    const { body: reward } = await request('sales_manager', referral);
    expect(reward.requestedBy).toBe('sales_manager');
    expect((await p.call('sales_manager', 'POST', `/sales/referral-rewards/${reward.id}/rep-confirm`)).status).toBe(200);
    expect(await p.call('sales_manager', 'POST', `/sales/referral-rewards/${reward.id}/manager-confirm`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('referral-same-person') } });
    expect(await p.call('sales_vp', 'POST', `/sales/referral-rewards/${reward.id}/manager-confirm`)).toMatchObject({ status: 200, body: { status: 'manager_confirmed' } });

    const repeat = await aReferral();
    const secondOrder = await placeOrder(p, orderBody(repeat.newcomer.id, [{ sku, quantity: 1 }]));
    expect(await request('sales_rep', { ...repeat, order: secondOrder })).toMatchObject({ status: 422, body: { type: expect.stringContaining('referral-customer-not-new') } });
    expect(await request('sales_rep', { ...repeat, order: referral.order })).toMatchObject({ status: 422, body: { type: expect.stringContaining('referral-order-not-customers') } });
    expect(await request('sales_rep', { ...repeat, referrer: repeat.newcomer })).toMatchObject({ status: 422, body: { type: expect.stringContaining('referral-self') } });
    expect(await request('sales_rep', { referrer: repeat.newcomer, newcomer: repeat.referrer, order: repeat.order })).toMatchObject({ status: 422 });
  });
});
