import { addDays, businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aPriceList } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * An outlet's records (issue 17): a four-week rota whose rest days this test counts itself, waste approved by a
 * supervisor other than its recorder and costed by finance, targets with attainment from the till, complaints,
 * and a replenishment request answered by inventory's transfer.
 */
describe('an outlet\'s records', () => {
  let p: TestPlatform;
  const STORE = `R${process.pid % 100_000}`;
  const MAIN = `M${process.pid % 100_000}`;
  const skus = { tea: `RT-${process.pid}`, cup: `RC-${process.pid}` };
  const PEOPLE = ['clerk-a', 'clerk-b', 'store_clerk', 'store_manager'];
  const ALL_DAYS = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, { opens: '09:00', closes: '21:00' }]));
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const at = (path: string) => `/sales/outlets/${STORE}${path}`;

  beforeAll(async () => {
    p = await TestPlatform.start();
    for (const code of Object.values(skus)) {
      expect((await p.call('warehouse_manager', 'POST', '/inventory/skus', { code, name: code, model: 'cup', version: 'v1', unit: 'piece' })).status).toBe(201);
    }
    expect((await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code: STORE, name: 'Tea store', kind: 'store' })).status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code: MAIN, name: 'Main', kind: 'warehouse' })).status).toBe(201);
    const list = await aPriceList(p, [{ sku: skus.tea, listPriceFen: 10_000, floorPriceFen: 9_000 }, { sku: skus.cup, listPriceFen: 500, floorPriceFen: 400 }]);
    const created = await p.call('sales_manager', 'POST', '/sales/outlets', {
      code: STORE, name: 'Tea store', kind: 'store', warehouseCode: STORE, priceListId: list.id, openingHours: ALL_DAYS,
      staff: [{ username: 'store_manager', position: 'manager' }, { username: 'store_clerk', position: 'clerk' }, { username: 'clerk-a', position: 'clerk' }, { username: 'clerk-b', position: 'clerk' }],
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await p?.close();
  });

  it('plans four weeks with fair rest days, counted here, and refuses an unfair edit naming who', async () => {
    const today = businessDate();
    const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
    const monday = addDays(today, ((8 - weekday) % 7) || 7);
    expect(await p.call('store_clerk', 'POST', at('/rota'), { startDate: monday })).toMatchObject({ status: 403 });
    expect(await p.call('store_manager', 'POST', at('/rota'), { startDate: addDays(monday, 1) })).toMatchObject({ status: 422, body: { type: expect.stringContaining('rota-not-monday') } });
    expect((await p.call('store_manager', 'POST', at('/rota'), { startDate: monday })).status).toBe(200);

    const rota = await p.call('store_clerk', 'GET', at(`/rota?from=${addDays(monday, 17)}`));
    expect(rota).toMatchObject({ status: 200, body: { startDate: monday } });
    const rows: Array<{ username: string; days: string[] }> = rota.body.rows;
    expect(rows.map((r) => r.username).sort()).toEqual(PEOPLE);
    // Counted here: rest days per person over the 28 days, Saturdays and Sundays (days 5 and 6 of each week from a Monday).
    const rest = new Map<string, number>();
    const weekendRest = new Map<string, number>();
    for (const r of rows) {
      expect(r.days).toHaveLength(28);
      let n = 0;
      let w = 0;
      for (let i = 0; i < 28; i++) {
        if (r.days[i] !== 'rest') continue;
        n++;
        if (i % 7 >= 5) w++;
      }
      rest.set(r.username, n);
      weekendRest.set(r.username, w);
      for (let week = 0; week < 4; week++) expect(r.days.slice(week * 7, week * 7 + 7)).toContain('rest');
    }
    const spread = (m: Map<string, number>) => Math.max(...m.values()) - Math.min(...m.values());
    expect(spread(rest)).toBeLessThanOrEqual(1);
    expect(spread(weekendRest)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 28; i++) expect(rows.some((r) => r.days[i] !== 'rest')).toBe(true);

    // An edit: one person rests two more days (where others are on): out of balance, refused, naming them.
    const edited = rows.map((r) => ({ username: r.username, days: [...r.days] }));
    let added = 0;
    for (let i = 0; i < 28 && added < 2; i++) {
      if (edited[0].days[i] !== 'rest' && edited.filter((r) => r.days[i] !== 'rest').length > 1) {
        edited[0].days[i] = 'rest';
        added++;
      }
    }
    const unfair = await p.call('store_manager', 'POST', at('/rota'), { startDate: monday, plan: edited });
    expect(unfair).toMatchObject({ status: 422, body: { type: expect.stringContaining('rota-unfair'), detail: expect.stringContaining(edited[0].username) } });
    // The rota kept is the fair one.
    expect((await p.call('store_manager', 'GET', at(`/rota?from=${monday}`))).body.rows).toEqual(rota.body.rows);
  });

  it('records waste, approved by a supervisor other than the recorder, and shows finance\'s cost', async () => {
    const own = await p.call('store_manager', 'POST', at('/waste'), { lines: [{ sku: skus.cup, quantity: 1, kind: 'breakage' }], note: 'Dropped' });
    expect(own).toMatchObject({ status: 201, body: { status: 'recorded', lines: [{ floorPriceFen: 400 }] } });
    expect(await p.call('store_manager', 'POST', at(`/waste/${own.body.id}/approve`))).toMatchObject({ status: 403, body: { type: expect.stringContaining('waste-own-record') } });
    expect(await p.call('store_manager', 'POST', at(`/waste/${own.body.id}/reject`), { reason: 'Found it whole' })).toMatchObject({ status: 200, body: { status: 'rejected' } });

    const recorded = await p.call('store_clerk', 'POST', at('/waste'), { lines: [{ sku: skus.cup, quantity: 3, kind: 'breakage' }, { sku: skus.tea, quantity: 1, kind: 'expired' }], note: 'Tray dropped' });
    expect(recorded).toMatchObject({ status: 201, body: { number: expect.stringMatching(new RegExp(`^W-${STORE}-\\d{4}-\\d{6}$`)) } });
    expect((await p.call('store_clerk', 'POST', at(`/waste/${recorded.body.id}/approve`))).status).toBe(403);
    expect(await p.call('store_manager', 'POST', at(`/waste/${recorded.body.id}/approve`))).toMatchObject({ status: 200, body: { status: 'approved', decidedBy: 'store_manager' } });
    expect((await p.call('store_clerk', 'POST', at('/waste'), { lines: [{ sku: 'NOT-LISTED', quantity: 1, kind: 'waste' }], note: 'x' })).status).toBe(422);

    // Finance costs it (H4's consumer): poll with a deadline.
    const costed = await waitFor('waste costed', async () => {
      const list = await p.call('store_manager', 'GET', at('/waste?status=approved'));
      const w = list.body.items.find((x: { id: string }) => x.id === recorded.body.id);
      return w?.costFen !== null && w?.costFen !== undefined ? w : undefined;
    }, { timeoutMs: 30_000 });
    expect(costed.costFen).toBe(costed.lines.reduce((n: number, l: { costFen: number }) => n + l.costFen, 0));
    expect(costed.journalEntryNumber).toEqual(expect.any(String));
    expect((await p.call('store_manager', 'GET', at('/waste?kind=expired'))).body.items.map((w: { id: string }) => w.id)).toEqual([recorded.body.id]);
  });

  it('sets targets and gives the attainment of the day, week and month from the paid tickets', async () => {
    expect((await p.call('store_clerk', 'PUT', at('/targets'), { effectiveFrom: '2020-01-01', dailyFen: 1, weeklyFen: 1, monthlyFen: 1 })).status).toBe(403);
    expect(await p.call('store_manager', 'PUT', at('/targets'), { effectiveFrom: '2020-01-01', dailyFen: 40_000, weeklyFen: 200_000, monthlyFen: 800_000 }))
      .toMatchObject({ status: 200, body: { dailyFen: 40_000, setBy: 'store_manager' } });
    expect((await p.call('store_clerk', 'POST', at('/opening-checks'), { cashFloatFen: 10_000, equipmentOk: true, displayStockChecked: true })).status).toBe(201);
    const sell = (totalFen: number, lines: object[]) => p.call('store_clerk', 'POST', at('/tickets'), { lines, tenders: [{ method: 'cash', amountFen: totalFen, tenderedFen: totalFen, counterfeitChecked: true }] });
    const a = await sell(10_000, [{ sku: skus.tea, quantity: 1 }]);
    const b = await sell(1_000, [{ sku: skus.cup, quantity: 2 }]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await p.call('store_manager', 'POST', at(`/tickets/${b.body.id}/void`), { reason: 'Wrong cups' })).status).toBe(200);
    const today = a.body.businessDate;
    const attained = await p.call('store_clerk', 'GET', at(`/targets/attainment?date=${today}`));
    expect(attained).toMatchObject({
      status: 200,
      body: { day: { from: today, to: today, targetFen: 40_000, actualFen: 10_000, percent: 25 }, week: { targetFen: 200_000, actualFen: 10_000, percent: 5 }, month: { targetFen: 800_000, actualFen: 10_000, percent: 1.3 } },
    });
  });

  it('logs complaints, flags the old open ones, assigns and resolves them', async () => {
    const logged = await p.call('store_clerk', 'POST', at('/complaints'), { customerName: 'Ms Wang', contact: '13800138000', category: 'service', description: 'Waited 40 minutes' });
    expect(logged).toMatchObject({ status: 201, body: { status: 'open', overdue: false, loggedBy: 'store_clerk' } });
    const old = await p.call('store_clerk', 'POST', at('/complaints'), { customerName: 'Mr Li', category: 'product', description: 'Cold tea' });
    await sql(`UPDATE sales.outlet_complaints SET logged_at = now() - interval '4 days' WHERE id = $1`, [old.body.id]);
    expect((await p.call('store_clerk', 'POST', at(`/complaints/${logged.body.id}/resolve`), { resolution: 'x', outcome: 'apology' })).status).toBe(403);
    expect((await p.call('store_manager', 'POST', at(`/complaints/${logged.body.id}/assign`), { assignee: 'stranger' })).status).toBe(422);
    expect(await p.call('store_manager', 'POST', at(`/complaints/${logged.body.id}/assign`), { assignee: 'clerk-a' })).toMatchObject({ status: 200, body: { status: 'assigned', assignedTo: 'clerk-a' } });
    expect(await p.call('store_manager', 'POST', at(`/complaints/${logged.body.id}/resolve`), { resolution: 'Apologised, refunded', outcome: 'refund-given' }))
      .toMatchObject({ status: 200, body: { status: 'resolved', outcome: 'refund-given', resolvedBy: 'store_manager' } });
    const open = await p.call('store_clerk', 'GET', at('/complaints?state=open'));
    expect(open.body.items).toEqual([expect.objectContaining({ id: old.body.id, overdue: true })]);
    expect((await p.call('store_clerk', 'GET', at('/complaints?state=resolved'))).body.items).toEqual([expect.objectContaining({ id: logged.body.id, overdue: false })]);
  });

  it('asks the warehouse for goods and shows the transfer inventory raised', async () => {
    expect((await p.call('store_clerk', 'POST', at('/replenishments'), { fromWarehouseCode: MAIN, lines: [{ sku: skus.cup, quantity: 10 }] })).status).toBe(403);
    expect(await p.call('store_manager', 'POST', at('/replenishments'), { fromWarehouseCode: STORE, lines: [{ sku: skus.cup, quantity: 10 }] }))
      .toMatchObject({ status: 422, body: { type: expect.stringContaining('replenish-from-self') } });
    const asked = await p.call('store_manager', 'POST', at('/replenishments'), { fromWarehouseCode: MAIN, lines: [{ sku: skus.cup, quantity: 10 }, { sku: skus.tea, quantity: 4 }], note: 'Weekend' });
    expect(asked).toMatchObject({ status: 201, body: { status: 'requested', toWarehouseCode: STORE, transferNumber: null } });
    // Inventory raises the transfer (H4's consumer): poll with a deadline.
    const raised = await waitFor('transfer raised', async () => {
      const list = await p.call('store_manager', 'GET', at('/replenishments'));
      const r = list.body.items.find((x: { id: string }) => x.id === asked.body.id);
      return r?.transferNumber ? r : undefined;
    }, { timeoutMs: 30_000 });
    expect(raised).toMatchObject({ status: 'transfer-raised', transferNumber: expect.stringMatching(/^TR/) });
  });
});
