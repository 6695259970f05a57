import { setBusinessClock } from '@ops/kernel';
import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { http, TestPlatform, type HttpResult } from './platform.js';

/** The cashier's day (domain.md §5): counted against the books, every difference explained, closed by someone else, then never changed. */
describe('finance: the cashier\'s day', () => {
  let p: TestPlatform;
  let customer: { id: string };
  let sku: string;
  // The business clock stands on a chosen working day (mid-morning in Shanghai) and runs on from there.
  const DAY = '2026-11-30';
  const started = Date.now();

  beforeAll(async () => {
    setBusinessClock(() => new Date(Date.parse(`${DAY}T02:00:00Z`) + (Date.now() - started)));
    p = await TestPlatform.start();
    customer = await aCustomer(p);
    sku = await aSkuWithStock(p, 100, 10_000);
  });
  afterAll(async () => {
    await p?.close();
    setBusinessClock(null);
  });

  /** A placed prepaid order of `quantity` × ¥100, with finance's account open for it. */
  const anOrder = async (quantity: number) => {
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity }]));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`)).status).toBe(200);
    return order;
  };
  const cash = (as: (method: string, path: string, body?: unknown) => Promise<HttpResult>, orderId: string, amountFen: number) =>
    as('POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });

  it('refuses to close a day with an unexplained difference, closes it once explained, and never changes it after', async () => {
    const asCashier = (method: string, path: string, body?: unknown) => p.call('cashier', method, path, body);
    const first = await anOrder(3);
    expect((await cash(asCashier, first.id, 30_000)).body.cashierDate).toBe(DAY);
    const second = await anOrder(1);
    const transfer = await asCashier('POST', '/finance/receipts', { orderId: second.id, method: 'transfer', amountFen: 10_000, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: DAY });
    expect(transfer.status).toBe(201);

    // ¥1 short in the drawer, and nobody says why: counted, but it cannot close.
    const counted = await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 29_900, posFen: 0, transferFen: 10_000 });
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ status: 'counted', receiptCount: 2, explained: false });
    expect(counted.body.lines).toEqual([
      { method: 'cash', recordedFen: 30_000, countedFen: 29_900, differenceFen: -100, explanation: null },
      { method: 'pos', recordedFen: 0, countedFen: 0, differenceFen: 0, explanation: null },
      { method: 'transfer', recordedFen: 10_000, countedFen: 10_000, differenceFen: 0, explanation: null },
    ]);
    const refused = await p.call('accountant', 'POST', `/finance/cashier-days/${counted.body.id}/confirm`);
    expect([refused.status, refused.body.errors]).toEqual([422, [{ field: 'explanations.cash', message: expect.stringContaining('short by 1.00') }]]);

    // Counted again with the reason: the accountant confirms and the day closes.
    const explained = await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 29_900, posFen: 0, transferFen: 10_000, explanations: { cash: '找零少收 1 元' } });
    expect([explained.body.id, explained.body.explained]).toEqual([counted.body.id, true]);
    const closed = await p.call('accountant', 'POST', `/finance/cashier-days/${counted.body.id}/confirm`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', confirmedBy: expect.any(String) });

    // Closed for good: no recount, and money taken after the close belongs to the next day.
    expect((await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 30_000, posFen: 0, transferFen: 10_000 })).status).toBe(409);
    const later = await anOrder(1);
    expect((await cash(asCashier, later.id, 10_000)).body.cashierDate).toBe('2026-12-01');
    const listed = await p.call('finance_manager', 'GET', `/finance/cashier-days?businessDate=${DAY}&status=closed`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([counted.body.id]);
  }, 60_000);

  it('never lets the cashier be the only one to confirm their own day, whatever roles they hold', async () => {
    const user = await p.call('admin', 'POST', '/identity/users', { username: 'zhou.qing', displayName: '周青', password: 'a long passphrase 1', roles: ['cashier', 'accountant'] });
    expect(user.status).toBe(201);
    const token = (await http('POST', `${p.api}/auth/login`, { username: 'zhou.qing', password: 'a long passphrase 1' })).body.accessToken;
    const asBoth = (method: string, path: string, body?: unknown) => http(method, `${p.api}${path}`, body, { authorization: `Bearer ${token}` });
    const order = await anOrder(2);
    expect((await cash(asBoth, order.id, 20_000)).status).toBe(201);
    const day = await asBoth('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 20_000, posFen: 0, transferFen: 0 });
    expect(day.body).toMatchObject({ status: 'counted', explained: true });
    const own = await asBoth('POST', `/finance/cashier-days/${day.body.id}/confirm`);
    expect([own.status, own.body.detail]).toEqual([403, expect.stringContaining('someone else in finance must confirm it')]);
    expect((await p.call('finance_manager', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).body.status).toBe('closed');
    // Only cashiers count a day; only accountants and finance managers confirm one.
    expect((await p.call('accountant', 'POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 0, posFen: 0, transferFen: 0 })).status).toBe(403);
    expect((await p.call('cashier', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).status).toBe(403);
  }, 60_000);
});
