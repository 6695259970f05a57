import { addDays, addMonths, businessDate, monthStart } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aSkuWithStock, expectBooksInOrder, orderBody, orderReaches, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The sales reports (domain.md §8) against a month the test seeds and sums itself: orders placed on chosen
 * dates of last month (one cancelled), money received for them partly in that month and partly today, a
 * rep's approved target. Sales learns the money only from finance's `finance.receipt.counted`.
 */
describe('the sales performance report', () => {
  let p: TestPlatform;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  beforeAll(async () => {
    p = await TestPlatform.start();
  });

  afterAll(async () => {
    await p?.close();
  });

  afterEach(() => expectBooksInOrder(p));

  it('adds up a seeded month by rep, region, customer, SKU and week, money received against sales, and target attainment', async () => {
    const month = addMonths(monthStart(businessDate()), -1);
    const lastDay = addDays(monthStart(businessDate()), -1);
    const desk = await aSkuWithStock(p, 50, 30_000);
    const chair = await aSkuWithStock(p, 50, 8_000);
    let customers = 0;
    const customerOf = async (name: string, rep: string, region: string) => {
      const res = await p.call('sales_manager', 'POST', '/sales/customers', { code: `PERF-${process.pid}-${++customers}`, name, region, assignedRep: rep });
      expect(res.status).toBe(201);
      return res.body as { id: string; name: string };
    };
    const east = await customerOf('东方家具', 'rep_east', '华东');
    const south = await customerOf('南方商贸', 'rep_south', '华南');
    const both = await customerOf('两广百货', 'rep_east', '华南');

    // Each order: customer, lines, the day of last month it was placed, and when its money came (a day of last month, or today: outside).
    const plan = [
      { customer: east, lines: [{ sku: desk, quantity: 2 }], day: 2, paidDay: 3 as number | null },
      { customer: east, lines: [{ sku: chair, quantity: 5 }], day: 9, paidDay: 9 },
      { customer: south, lines: [{ sku: desk, quantity: 1 }, { sku: chair, quantity: 2 }], day: 10, paidDay: null },
      { customer: both, lines: [{ sku: chair, quantity: 3 }], day: 20, paidDay: 21 },
      { customer: south, lines: [{ sku: desk, quantity: 4 }], day: 27, paidDay: 28 },
    ];
    const placed: Array<(typeof plan)[number] & { order: Awaited<ReturnType<typeof placeOrder>>; receipt: { id: string; number: string } }> = [];
    for (const entry of plan) {
      const order = await placeOrder(p, orderBody(entry.customer.id, entry.lines));
      await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${order.id}/account`)).status === 200);
      const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true });
      expect(paid.status).toBe(201);
      placed.push({ ...entry, order, receipt: paid.body as { id: string; number: string } });
    }
    // An order cancelled before payment is no sale.
    const cancelled = await placeOrder(p, orderBody(east.id, [{ sku: desk, quantity: 10 }]));
    expect((await p.call('sales_rep', 'POST', `/sales/orders/${cancelled.id}/cancel`, { reason: 'customer withdrew', moneyDisposition: 'refund' })).status).toBe(200);
    await orderReaches(p, cancelled.id, 'cancelled');

    // Sales hears of every receipt from finance; then the test moves the orders and the money onto their days of last month.
    await waitFor('sales to keep every receipt', async () => (await sql(`SELECT count(*)::int AS n FROM sales.order_collections WHERE kind = 'receipt'`))[0].n === placed.length);
    const dayOf = (day: number) => `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
    for (const entry of [...placed, { order: cancelled, day: 15, paidDay: null, receipt: null }]) {
      await sql(`UPDATE sales.orders SET placed_at = ($2::date::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' WHERE id = $1`, [entry.order.id, dayOf(entry.day)]);
      if (entry.receipt && entry.paidDay) await sql(`UPDATE sales.order_collections SET received_on = $2 WHERE money_id = $1`, [entry.receipt.id, dayOf(entry.paidDay)]);
    }

    // The rep's target for the month, set by the manager and approved by the VP.
    const target = await p.call('sales_manager', 'POST', '/sales/targets', { rep: 'rep_east', region: '华东', month: month.slice(0, 7), amountFen: 100_000 });
    expect(target.status).toBe(201);
    expect((await p.call('sales_vp', 'POST', `/sales/targets/${target.body.id}/approve`)).status).toBe(200);

    // What the report must say, summed here from the plan.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const sold = (pick: (e: (typeof placed)[number]) => boolean) => sum(placed.filter(pick).map((e) => e.order.totalFen));
    const received = (pick: (e: (typeof placed)[number]) => boolean) => sum(placed.filter((e) => e.paidDay !== null && pick(e)).map((e) => e.order.totalFen));
    const total = sold(() => true);
    const share = (part: number) => Math.round((part * 1000) / total) / 10;
    const period = `from=${month}&to=${lastDay}`;

    const summary = await p.call('sales_vp', 'GET', `/sales/reports/performance/summary?${period}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      from: month, to: lastDay, orders: placed.length, quantity: sum(plan.flatMap((e) => e.lines.map((l) => l.quantity))), amountFen: total,
      collectedFen: received(() => true), collectionRatePercent: share(received(() => true)), customers: 3, targetFen: 100_000,
      bestSeller: { sku: desk, quantity: 7 },
    });

    const rows = async (by: string) => {
      const res = await p.call('sales_manager', 'GET', `/sales/reports/performance?${period}&by=${by}`);
      expect(res.status).toBe(200);
      return res.body.items as Array<Record<string, unknown>>;
    };
    const eastRep = sold((e) => e.customer !== south);
    expect(await rows('rep')).toEqual([
      { key: 'rep_east', label: 'rep_east', orders: 3, quantity: 10, amountFen: eastRep, sharePercent: share(eastRep), collectedFen: received((e) => e.customer !== south), targetFen: 100_000, attainmentPercent: Math.round((eastRep * 1000) / 100_000) / 10 },
      { key: 'rep_south', label: 'rep_south', orders: 2, quantity: 7, amountFen: sold((e) => e.customer === south), sharePercent: share(sold((e) => e.customer === south)), collectedFen: received((e) => e.customer === south), targetFen: null, attainmentPercent: null },
    ].sort((a, b) => b.amountFen - a.amountFen));
    const byRegion = await rows('region');
    expect(Object.fromEntries(byRegion.map((r) => [r.key, [r.amountFen, r.collectedFen]]))).toEqual({
      华东: [sold((e) => e.customer === east), received((e) => e.customer === east)],
      华南: [sold((e) => e.customer !== east), received((e) => e.customer !== east)],
    });
    expect((await rows('customer')).map((r) => [r.label, r.amountFen])).toEqual(
      [east, south, both].map((c) => [c.name, sold((e) => e.customer === c)]).sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
    const bySku = await rows('sku');
    expect(bySku.map((r) => [r.key, r.quantity, r.collectedFen])).toEqual([[desk, 7, null], [chair, 10, null]]);
    // Weeks run Monday to Sunday: each order's week, computed here from its date.
    const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
    const weeks = new Map<string, number>();
    for (const e of placed) weeks.set(mondayOf(dayOf(e.day)), (weeks.get(mondayOf(dayOf(e.day))) ?? 0) + e.order.totalFen);
    expect((await rows('week')).filter((r) => r.amountFen !== 0).map((r) => [r.key, r.amountFen])).toEqual([...weeks.entries()].sort());

    // CSV for the spreadsheet: one line per rep and the header, money in yuan.
    const csv = await fetch(`${p.api}/sales/reports/performance?${period}&by=rep`, { headers: { authorization: `Bearer ${await p.token('sales_manager')}`, accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    const csvLines = (await csv.text()).trim().split('\n');
    expect(csvLines).toHaveLength(3);
    expect(csvLines.find((line) => line.startsWith('rep_east,'))).toContain(`,${(eastRep / 100).toFixed(2)},`);

    // Money paid back is taken off money received: an order of today paid in cash, cancelled, its refund paid in cash.
    const refunded = await placeOrder(p, orderBody(both.id, [{ sku: chair, quantity: 1 }]));
    await waitFor('finance to open the order', async () => (await p.read(`/finance/orders/${refunded.id}/account`)).status === 200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: refunded.id, method: 'cash', amountFen: refunded.totalFen, counterfeitChecked: true })).status).toBe(201);
    expect((await p.call('sales_rep', 'POST', `/sales/orders/${refunded.id}/cancel`, { reason: 'customer changed their mind', moneyDisposition: 'refund' })).status).toBe(200);
    const [refund] = await waitFor('the refund due', async () => {
      const res = await p.call('cashier', 'GET', `/finance/refunds?orderId=${refunded.id}`);
      return res.body.total === 1 ? res.body.items : false;
    });
    expect((await p.call('cashier', 'POST', `/finance/refunds/${refund.id}/pay`, { method: 'cash' })).status).toBe(200);
    await waitFor('sales to take the refund off', async () => (await sql(`SELECT amount_fen FROM sales.order_collections WHERE kind = 'refund' AND order_id = $1`, [refunded.id]))[0]?.amount_fen === String(-refunded.totalFen));

    // Money received today for an order of last month is outside last month, and inside this one; the refunded order nets to nothing.
    const thisMonth = await p.call('sales_vp', 'GET', `/sales/reports/performance/summary?from=${monthStart(businessDate())}&to=${businessDate()}`);
    expect(thisMonth.body).toMatchObject({ orders: 0, amountFen: 0, collectedFen: total - received(() => true) });

    // A period longer than a year is refused, naming the field.
    const tooLong = await p.call('sales_vp', 'GET', `/sales/reports/performance/summary?from=2024-01-01&to=2025-12-31`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });
});
