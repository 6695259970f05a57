import { withClient } from '@ops/persistence';
import { aPriceList } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** The till at a store: the opening check first, tickets paid with gapless numbers, the §4.3 authority, tender rules, voids. */
describe('the till', () => {
  let p: TestPlatform;
  const STORE = `S${process.pid % 100_000}`;
  const skus = { tea: `TEA-${process.pid}`, cup: `CUP-${process.pid}` };
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const cash = (amountFen: number, tenderedFen = amountFen, counterfeitChecked = true) => ({ method: 'cash', amountFen, tenderedFen, counterfeitChecked });
  const sell = (role: string, lines: object[], tenders: object[]) => p.call(role, 'POST', `/sales/outlets/${STORE}/tickets`, { lines, tenders });

  beforeAll(async () => {
    p = await TestPlatform.start();
    // Tea at 100.00 (floor 90.00), cups at 5.00.
    const list = await aPriceList(p, [{ sku: skus.tea, listPriceFen: 10_000, floorPriceFen: 9_000 }, { sku: skus.cup, listPriceFen: 500 }]);
    const created = await p.call('sales_manager', 'POST', '/sales/outlets', {
      code: STORE, name: 'Tea shop', kind: 'store', warehouseCode: STORE, priceListId: list.id, openingHours: { 1: { opens: '09:00', closes: '21:00' } },
      staff: [{ username: 'store_manager', position: 'manager' }, { username: 'store_clerk', position: 'clerk' }],
    });
    expect(created).toMatchObject({ status: 201, body: { code: STORE, status: 'active', staff: [{ username: 'store_clerk' }, { username: 'store_manager' }] } });
  });

  afterAll(async () => {
    await p?.close();
  });

  it('refuses a sale before the day\'s opening check, then sells with gapless numbers', async () => {
    expect(await sell('store_clerk', [{ sku: skus.tea, quantity: 1 }], [cash(10_000)])).toMatchObject({ status: 409, body: { type: expect.stringContaining('opening-check-missing') } });
    expect(await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/opening-checks`, { cashFloatFen: 50_000, equipmentOk: false, displayStockChecked: true }))
      .toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'equipmentNotes' })] } });
    expect(await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/opening-checks`, { cashFloatFen: 50_000, equipmentOk: true, displayStockChecked: true })).toMatchObject({ status: 201, body: { cashFloatFen: 50_000 } });
    expect(await p.call('store_manager', 'POST', `/sales/outlets/${STORE}/opening-checks`, { cashFloatFen: 50_000, equipmentOk: true, displayStockChecked: true }))
      .toMatchObject({ status: 409, body: { type: expect.stringContaining('opening-check-done') } });

    const first = await sell('store_clerk', [{ sku: skus.tea, quantity: 1 }, { sku: skus.cup, quantity: 2 }], [cash(11_000, 20_000)]);
    expect(first).toMatchObject({ status: 201, body: { status: 'paid', totalFen: 11_000, changeFen: 9_000, cashier: 'store_clerk' } });
    const year = first.body.businessDate.slice(0, 4);
    expect(first.body.number).toBe(`T-${STORE}-${year}-000001`);
    // A refused sale takes no number.
    expect((await sell('store_clerk', [{ sku: 'NOT-ON-LIST', quantity: 1 }], [cash(100)])).status).toBe(400);
    const second = await sell('store_clerk', [{ sku: skus.cup, quantity: 1 }], [{ method: 'transfer', amountFen: 500, reference: 'WX-1', payer: 'Guest' }]);
    const third = await sell('store_clerk', [{ sku: skus.tea, quantity: 1 }], [{ method: 'pos', amountFen: 6_000, cards: [{ last4: '1111', signed: true }] }, { method: 'pos', amountFen: 4_000, cards: [{ last4: '2222', signed: true }] }]);
    expect([second.body.number, third.body.number]).toEqual([`T-${STORE}-${year}-000002`, `T-${STORE}-${year}-000003`]);
    const listed = await p.call('store_clerk', 'GET', `/sales/outlets/${STORE}/tickets?status=paid`);
    expect(listed.body.items.map((t: { number: string }) => t.number).sort()).toEqual([1, 2, 3].map((n) => `T-${STORE}-${year}-00000${n}`));
    expect((await p.call('store_clerk', 'GET', `/sales/outlets/${STORE}/tickets/${third.body.id}`)).body.tenders).toHaveLength(2);
  });

  it('keeps discounts within the §4.3 authority at the till', async () => {
    // A clerk has none.
    const clerk = await sell('store_clerk', [{ sku: skus.tea, quantity: 1, unitPriceFen: 9_900 }], [cash(9_900)]);
    expect(clerk).toMatchObject({ status: 403, body: { type: expect.stringContaining('discount-authority'), detail: expect.stringContaining('supervisor') } });
    // The store manager (the outlet's supervisor): up to 3%.
    expect(await sell('store_manager', [{ sku: skus.tea, quantity: 1, unitPriceFen: 9_700 }], [cash(9_700)])).toMatchObject({ status: 201, body: { status: 'paid', discountFen: 300 } });
    expect(await sell('store_manager', [{ sku: skus.tea, quantity: 1, unitPriceFen: 9_699 }], [cash(9_699)]))
      .toMatchObject({ status: 403, body: { type: expect.stringContaining('discount-authority'), detail: expect.stringContaining('sales VP') } });
    // An open ticket: the clerk rings it up, the supervisor discounts it, the clerk takes the money.
    const open = await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/tickets`, { lines: [{ sku: skus.tea, quantity: 2 }], open: true });
    expect(open).toMatchObject({ status: 201, body: { status: 'open', number: null, totalFen: 20_000 } });
    expect((await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/tickets/${open.body.id}/discount`, { lines: [{ lineNo: 1, unitPriceFen: 9_800 }] })).status).toBe(403);
    expect(await p.call('store_manager', 'POST', `/sales/outlets/${STORE}/tickets/${open.body.id}/discount`, { lines: [{ lineNo: 1, unitPriceFen: 9_800 }] }))
      .toMatchObject({ status: 200, body: { totalFen: 19_600, discountFen: 400, discountApprovedBy: 'store_manager' } });
    expect(await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/tickets/${open.body.id}/pay`, { tenders: [cash(19_600, 20_000)] }))
      .toMatchObject({ status: 200, body: { status: 'paid', changeFen: 400, number: expect.stringMatching(/-000005$/) } });
  });

  it('refuses cash without the counterfeit check and a third card, with field errors', async () => {
    const noCheck = await sell('store_clerk', [{ sku: skus.cup, quantity: 1 }], [cash(500, 500, false)]);
    expect(noCheck.status).toBe(400);
    expect(noCheck.contentType).toContain('application/problem+json');
    expect(noCheck.body).toMatchObject({ type: expect.stringContaining('tender-invalid'), errors: [{ field: 'tenders[0].counterfeitChecked' }] });
    const threeCards = await sell('store_clerk', [{ sku: skus.cup, quantity: 3 }], [
      { method: 'pos', amountFen: 1_000, cards: [{ last4: '1111', signed: true }, { last4: '2222', signed: true }] },
      { method: 'pos', amountFen: 500, cards: [{ last4: '3333', signed: true }] },
    ]);
    expect(threeCards).toMatchObject({ status: 400, body: { errors: [{ field: 'tenders', message: expect.stringContaining('two cards') }] } });
    expect((await sell('store_clerk', [{ sku: skus.cup, quantity: 1 }], [cash(400, 500)])).body.errors).toEqual([expect.objectContaining({ field: 'tenders' })]);
  });

  it('lets only the supervisor void a paid ticket, which goes out as an event', async () => {
    const sale = await sell('store_clerk', [{ sku: skus.cup, quantity: 4 }], [cash(2_000)]);
    expect(sale.status).toBe(201);
    expect((await p.call('store_clerk', 'POST', `/sales/outlets/${STORE}/tickets/${sale.body.id}/void`, { reason: 'Rung up twice' })).status).toBe(403);
    // A bar supervisor not on this store's staff is refused too.
    expect(await p.call('bar_supervisor', 'POST', `/sales/outlets/${STORE}/tickets/${sale.body.id}/void`, { reason: 'Rung up twice' })).toMatchObject({ status: 403, body: { type: expect.stringContaining('not-outlet-staff') } });
    const voided = await p.call('store_manager', 'POST', `/sales/outlets/${STORE}/tickets/${sale.body.id}/void`, { reason: 'Rung up twice' });
    expect(voided).toMatchObject({ status: 200, body: { status: 'voided', voidedBy: 'store_manager', voidReason: 'Rung up twice', number: sale.body.number } });
    expect((await p.call('store_manager', 'POST', `/sales/outlets/${STORE}/tickets/${sale.body.id}/void`, { reason: 'again' })).status).toBe(409);
    // Outlet staff read their own outlets only.
    expect((await p.call('bar_supervisor', 'GET', `/sales/outlets/${STORE}/tickets`)).status).toBe(403);
    expect((await p.call('store_clerk', 'GET', '/sales/outlets')).body.items).toEqual([expect.objectContaining({ code: STORE, myPosition: 'clerk' })]);
    expect((await p.call('bar_supervisor', 'GET', '/sales/outlets')).body.items).toEqual([]);
    const events = await sql(`SELECT type, envelope->'data' AS data FROM sales.outbox WHERE envelope->'data'->>'ticketId' = $1 ORDER BY seq`, [sale.body.id]);
    expect(events.map((e) => e.type)).toEqual(['sales.till-ticket.paid', 'sales.till-ticket.voided']);
    expect(events[1].data).toMatchObject({ number: sale.body.number, totalFen: 2_000, warehouseCode: STORE, reason: 'Rung up twice', lines: [{ sku: skus.cup, quantity: 4 }] });
  });
});
