import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { businessNow, setBusinessClock } from '@ops/kernel';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, orderBody, placeOrder } from './fixtures.js';
import { http, TestPlatform, type HttpResult } from './platform.js';

/**
 * The cashier's day (domain.md §5): counted against the books, receipts against invoices, every difference explained, closed by
 * someone else, then never changed; its cash handed to the treasurer with both confirmations, and taken to the bank under escort.
 */
describe('finance: the cashier\'s day', () => {
  let p: TestPlatform;
  const escorts: EventEnvelope[] = [];
  /** The demo cashier's day, closed by the first test, whose cash the later ones hand over. */
  let cashierDayId = '';
  let subscription: Subscription | undefined;
  let customer: { id: string };
  let sku: string;
  // The business clock stands on a chosen working day (mid-morning in Shanghai) and runs on from there.
  const DAY = '2026-11-30';
  const started = Date.now();

  beforeAll(async () => {
    setBusinessClock(() => new Date(Date.parse(`${DAY}T02:00:00Z`) + (Date.now() - started)));
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('finance.escort.requested.v1'), { callback: (error, msg) => void (!error && escorts.push(msg.json<EventEnvelope>())) });
    customer = await aCustomer(p);
    sku = await aSkuWithStock(p, 100, 10_000);
  });
  afterAll(async () => {
    subscription?.unsubscribe();
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

  /** A person holding several roles, signed in: what the demo users (one role each) cannot show. */
  const aPerson = async (username: string, roles: string[]) => {
    const user = await p.call('admin', 'POST', '/identity/users', { username, displayName: username, password: 'a long passphrase 1', roles });
    expect(user.status).toBe(201);
    const token = (await http('POST', `${p.api}/auth/login`, { username, password: 'a long passphrase 1' })).body.accessToken;
    return (method: string, path: string, body?: unknown) => http(method, `${p.api}${path}`, body, { authorization: `Bearer ${token}` });
  };

  it('refuses to close a day with an unexplained difference, closes it once explained, and never changes it after', async () => {
    const asCashier = (method: string, path: string, body?: unknown) => p.call('cashier', method, path, body);
    const first = await anOrder(3);
    const paidInFull = await cash(asCashier, first.id, 30_000);
    expect(paidInFull.body.cashierDate).toBe(DAY);
    const second = await anOrder(1);
    const transfer = await asCashier('POST', '/finance/receipts', { orderId: second.id, method: 'transfer', amountFen: 10_000, payerName: '上海晨光', remittingBank: '中国工商银行', transferDate: DAY });
    expect(transfer.status).toBe(201);

    // ¥1 short in the drawer, and nobody says why; neither order is invoiced: counted, but it cannot close.
    const counted = await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 29_900, posFen: 0, transferFen: 10_000 });
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ status: 'counted', receiptCount: 2, explained: false });
    expect(counted.body.lines).toEqual([
      { method: 'cash', recordedFen: 30_000, countedFen: 29_900, differenceFen: -100, explanation: null },
      { method: 'pos', recordedFen: 0, countedFen: 0, differenceFen: 0, explanation: null },
      { method: 'transfer', recordedFen: 10_000, countedFen: 10_000, differenceFen: 0, explanation: null },
    ]);
    // Receipts against invoices: the prepaid order paid in full has no invoice, nor has the transfer (not yet verified) behind it.
    expect(counted.body.documents).toEqual([
      { kind: 'receipt', id: paidInFull.body.id, number: paidInFull.body.number, orderId: first.id, orderNumber: first.number, amountFen: 30_000, unmatchedFen: 30_000, explanation: null },
      { kind: 'receipt', id: transfer.body.id, number: transfer.body.number, orderId: second.id, orderNumber: second.number, amountFen: 10_000, unmatchedFen: 10_000, explanation: null },
    ]);
    const refused = await p.call('accountant', 'POST', `/finance/cashier-days/${counted.body.id}/confirm`);
    expect([refused.status, refused.body.errors]).toEqual([422, [
      { field: 'explanations.cash', message: expect.stringContaining('short by 1.00') },
      { field: `documentExplanations.${paidInFull.body.number}`, message: expect.stringContaining('no invoice bills') },
      { field: `documentExplanations.${transfer.body.number}`, message: expect.stringContaining('no invoice bills') },
    ]]);

    // The cashier invoices the order paid in full and explains the shortfall, but not the transfer: still refused, naming that receipt.
    expect((await asCashier('POST', `/finance/orders/${first.id}/invoice`, {})).status).toBe(201);
    const halfway = await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 29_900, posFen: 0, transferFen: 10_000, explanations: { cash: '找零少收 1 元' } });
    expect([halfway.body.explained, halfway.body.documents.map((d: { number: string }) => d.number)]).toEqual([false, [transfer.body.number]]);
    const stillRefused = await p.call('accountant', 'POST', `/finance/cashier-days/${counted.body.id}/confirm`);
    expect([stillRefused.status, stillRefused.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, [`documentExplanations.${transfer.body.number}`]]);

    // Counted again with every reason: the accountant confirms and the day closes.
    const explained = await asCashier('POST', '/finance/cashier-days', {
      businessDate: DAY, cashFen: 29_900, posFen: 0, transferFen: 10_000, explanations: { cash: '找零少收 1 元' },
      documentExplanations: { [transfer.body.number]: '转账待核实，核实后开票' },
    });
    expect([explained.body.id, explained.body.explained, explained.body.documents[0].explanation]).toEqual([counted.body.id, true, '转账待核实，核实后开票']);
    const closed = await p.call('accountant', 'POST', `/finance/cashier-days/${counted.body.id}/confirm`);
    expect(closed.status).toBe(200);
    cashierDayId = closed.body.id;
    expect(closed.body).toMatchObject({ status: 'closed', confirmedBy: expect.any(String) });

    // Closed for good: no recount, and money taken after the close belongs to the next day.
    expect((await asCashier('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 30_000, posFen: 0, transferFen: 10_000 })).status).toBe(409);
    const later = await anOrder(1);
    expect((await cash(asCashier, later.id, 10_000)).body.cashierDate).toBe('2026-12-01');
    const listed = await p.call('finance_manager', 'GET', `/finance/cashier-days?businessDate=${DAY}&status=closed`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([counted.body.id]);
  }, 60_000);

  it('never lets the cashier be the only one to confirm their own day, whatever roles they hold', async () => {
    const asBoth = await aPerson('zhou.qing', ['cashier', 'accountant']);
    const order = await anOrder(2);
    expect((await cash(asBoth, order.id, 20_000)).status).toBe(201);
    expect((await asBoth('POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(201);
    const day = await asBoth('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 20_000, posFen: 0, transferFen: 0 });
    expect(day.body).toMatchObject({ status: 'counted', explained: true });
    const own = await asBoth('POST', `/finance/cashier-days/${day.body.id}/confirm`);
    expect([own.status, own.body.detail]).toEqual([403, expect.stringContaining('someone else in finance must confirm it')]);
    expect((await p.call('finance_manager', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).body.status).toBe('closed');
    // Only cashiers count a day; only accountants and finance managers confirm one.
    expect((await p.call('accountant', 'POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 0, posFen: 0, transferFen: 0 })).status).toBe(403);
    expect((await p.call('cashier', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).status).toBe(403);
  }, 60_000);

  it('hands the day\'s cash to the treasurer: the cashier records it, someone else confirms receiving it, never more than was counted', async () => {
    const day = (await p.call('finance_manager', 'GET', `/finance/cashier-days?businessDate=${DAY}&status=closed`)).body.items.find((d: { id: string }) => d.id === cashierDayId);
    const counted = day.lines.find((l: { method: string }) => l.method === 'cash').countedFen;
    expect(counted).toBe(29_900);
    // Never more than the cash counted, and only by the day's own cashier.
    const tooMuch = await p.call('cashier', 'POST', `/finance/cashier-days/${day.id}/handover`, { amountFen: 29_901 });
    expect([tooMuch.status, tooMuch.body.errors]).toEqual([422, [{ field: 'amountFen', message: expect.stringContaining('at most 299.00') }]]);
    const asOtherCashier = await aPerson('sun.li', ['cashier']);
    expect((await asOtherCashier('POST', `/finance/cashier-days/${day.id}/handover`, { amountFen: 100 })).status).toBe(403);

    const handed = await p.call('cashier', 'POST', `/finance/cashier-days/${day.id}/handover`, { amountFen: 25_000 });
    expect(handed.status).toBe(201);
    expect(handed.body).toMatchObject({ number: expect.stringMatching(/^CH-\d{4}-\d{6}$/), dayId: day.id, businessDate: DAY, amountFen: 25_000, status: 'handed', receivedBy: null });
    const rest = await p.call('cashier', 'POST', `/finance/cashier-days/${day.id}/handover`, { amountFen: 4_901 });
    expect([rest.status, rest.body.errors?.[0]?.message]).toEqual([422, expect.stringContaining('at most 49.00')]);
    expect((await p.call('finance_manager', 'GET', `/finance/cashier-days?businessDate=${DAY}&status=closed`)).body.items.find((d: { id: string }) => d.id === day.id).handedOverFen).toBe(25_000);

    // The treasurer (a finance manager) confirms receiving it; only once, and a cashier may not.
    expect((await p.call('cashier', 'POST', `/finance/cash-handovers/${handed.body.id}/confirm`)).status).toBe(403);
    const received = await p.call('finance_manager', 'POST', `/finance/cash-handovers/${handed.body.id}/confirm`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', receivedBy: expect.any(String), handedBy: handed.body.handedBy });
    expect(received.body.receivedBy).not.toBe(handed.body.handedBy);
    expect((await p.call('finance_manager', 'POST', `/finance/cash-handovers/${handed.body.id}/confirm`)).status).toBe(409);
    const listed = await p.call('accountant', 'GET', `/finance/cash-handovers?dayId=${day.id}`);
    expect(listed.body.items.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([[handed.body.id, 'received']]);
  }, 60_000);

  it('never lets the cashier confirm their own handover, whatever roles they hold', async () => {
    const asBoth = await aPerson('wu.min', ['cashier', 'finance_manager']);
    const order = await anOrder(1);
    expect((await cash(asBoth, order.id, 10_000)).status).toBe(201);
    expect((await asBoth('POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(201);
    const day = await asBoth('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 10_000, posFen: 0, transferFen: 0 });
    expect(day.body).toMatchObject({ status: 'counted', explained: true, documents: [] });
    const handed = await asBoth('POST', `/finance/cashier-days/${day.body.id}/handover`, { amountFen: 10_000 });
    expect(handed.status).toBe(201);
    const own = await asBoth('POST', `/finance/cash-handovers/${handed.body.id}/confirm`);
    expect([own.status, own.body.detail]).toEqual([403, expect.stringContaining('the treasurer receiving the cash must confirm it')]);
    expect((await p.call('finance_manager', 'GET', `/finance/cash-handovers?status=handed`)).body.items.map((h: { id: string }) => h.id)).toEqual([handed.body.id]);
    // A recount never counts less cash than was handed over.
    const less = await asBoth('POST', '/finance/cashier-days', { businessDate: DAY, cashFen: 9_000, posFen: 0, transferFen: 0, explanations: { cash: 'recount' } });
    expect([less.status, less.body.errors?.[0]?.field]).toEqual([422, 'cashFen']);
    expect((await p.call('finance_manager', 'POST', `/finance/cash-handovers/${handed.body.id}/confirm`)).body.status).toBe('received');
  }, 60_000);

  it('takes the treasurer\'s cash to the bank: the run asks security for an escort, the deposit moves 1001 to 1002', async () => {
    // The treasurer holds what they received: ¥250 and ¥100.
    const plannedAt = new Date(businessNow().getTime() + 3_600_000).toISOString();
    const tooMuch = await p.call('finance_manager', 'POST', '/finance/bank-deposits', { amountFen: 35_001, bank: '中国工商银行 浦东支行', plannedAt });
    expect([tooMuch.status, tooMuch.body.errors?.map((e: { field: string }) => e.field)]).toEqual([422, ['amountFen']]);
    const past = await p.call('finance_manager', 'POST', '/finance/bank-deposits', { amountFen: 100, bank: '中国工商银行', plannedAt: new Date(businessNow().getTime() - 3_600_000).toISOString() });
    expect([past.status, past.body.errors?.map((e: { field: string }) => e.field)]).toEqual([422, ['plannedAt']]);
    expect((await p.call('cashier', 'POST', '/finance/bank-deposits', { amountFen: 100, bank: '中国工商银行', plannedAt })).status).toBe(403);

    const run = await p.call('finance_manager', 'POST', '/finance/bank-deposits', { amountFen: 30_000, bank: '中国工商银行 浦东支行', plannedAt });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ number: expect.stringMatching(/^BD-\d{4}-\d{6}$/), status: 'scheduled', amountFen: 30_000, bankSlipNumber: null, journalEntryId: null });
    const escort = await waitFor('finance.escort.requested', () => escorts.find((e) => (e.data as { depositId: string }).depositId === run.body.id) ?? false);
    expect(escort).toMatchObject({
      type: 'finance.escort.requested', source: 'finance', aggregateId: run.body.id,
      data: { depositId: run.body.id, amountFen: 30_000, bank: '中国工商银行 浦东支行', plannedAt, requestedBy: run.body.requestedBy },
    });
    // What is left in the safe for another run: ¥50.
    expect((await p.call('finance_manager', 'POST', '/finance/bank-deposits', { amountFen: 5_001, bank: '中国银行', plannedAt })).status).toBe(422);

    const trialBefore = (await p.call('accountant', 'GET', '/finance/trial-balance')).body;
    const balanceOf = (trial: { accounts: Array<{ account: string; balanceFen: number }> }, account: string) => trial.accounts.find((a) => a.account === account)?.balanceFen ?? 0;
    const deposited = await p.call('finance_manager', 'POST', `/finance/bank-deposits/${run.body.id}/deposited`, { bankSlipNumber: '0012345678' });
    expect(deposited.status).toBe(200);
    expect(deposited.body).toMatchObject({ status: 'deposited', bankSlipNumber: '0012345678', depositedBy: expect.any(String), journalEntryId: expect.any(String) });
    const journal = (await p.call('accountant', 'GET', `/finance/journal?sourceId=${run.body.id}`)).body.items;
    expect(journal).toEqual([expect.objectContaining({
      id: deposited.body.journalEntryId, sourceType: 'bank_deposit',
      lines: [expect.objectContaining({ account: '1002', debitFen: 30_000, creditFen: 0 }), expect.objectContaining({ account: '1001', debitFen: 0, creditFen: 30_000 })],
    })]);
    const trialAfter = (await p.call('accountant', 'GET', '/finance/trial-balance')).body;
    expect([balanceOf(trialAfter, '1001') - balanceOf(trialBefore, '1001'), balanceOf(trialAfter, '1002') - balanceOf(trialBefore, '1002')]).toEqual([-30_000, 30_000]);
    await expectBooksInOrder(p);
    expect((await p.call('finance_manager', 'POST', `/finance/bank-deposits/${run.body.id}/deposited`, { bankSlipNumber: '0012345679' })).status).toBe(409);
    expect((await p.call('general_manager', 'GET', '/finance/bank-deposits?status=deposited')).body.items.map((d: { id: string }) => d.id)).toEqual([run.body.id]);
  }, 60_000);
});
