import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aPriceList, expectBooksInOrder, expectStockLedgerInOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * A day at the bar (issue 17): the bar's own warehouse stocked, the opening check before the first
 * sale, ten tables served from drinks slips (written by table staff, made by the bartender, served onto the
 * table's ticket) and paid at the till, one ticket voided by the supervisor, the open slips at closing, and a
 * shift handover with the cash 20.00 over that is refused until explained. Then: the stock at the bar's warehouse
 * went down by exactly what was served and kept (the void's goods came back), and finance's books balance.
 * Every figure the platform answers is computed here again from what the test did.
 */
describe('a day at the bar', () => {
  let p: TestPlatform;
  const BAR = 'BAR1';
  const pid = process.pid;
  const PRICES = { beer: 3_200, cola: 1_500, wine: 8_800 } as const;
  type Drink = keyof typeof PRICES;
  const skus: Record<Drink, string> = { beer: `BEER-${pid}`, cola: `COLA-${pid}`, wine: `WINE-${pid}` };
  const STOCK: Record<Drink, number> = { beer: 60, cola: 40, wine: 20 };
  const FLOAT = 50_000;
  const handedOver: EventEnvelope[] = [];
  let subscription: Subscription | undefined;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const bar = (path = '') => `/sales/outlets/${BAR}${path}`;

  beforeAll(async () => {
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('sales.shift.handed-over.v1'), { callback: (error, msg) => void (!error && handedOver.push(msg.json<EventEnvelope>())) });
    // Inventory: the drinks, and the bar's own warehouse (kind store) stocked with them.
    for (const code of Object.values(skus)) {
      expect((await p.call('warehouse_manager', 'POST', '/inventory/skus', { code, name: code, model: 'bottle', version: 'v1', unit: 'bottle' })).status).toBe(201);
    }
    expect(await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code: BAR, name: 'Lobby bar', kind: 'store' })).toMatchObject({ status: 201, body: { kind: 'store' } });
    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', {
      warehouseCode: BAR, reference: 'BAR-OPENING', lines: (Object.keys(skus) as Drink[]).map((d) => ({ sku: skus[d], quantity: STOCK[d] })),
    });
    expect(receipt.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(200);
    // Sales: the bar's price list and the bar itself with its people.
    const list = await aPriceList(p, (Object.keys(skus) as Drink[]).map((d) => ({ sku: skus[d], listPriceFen: PRICES[d] })));
    const created = await p.call('sales_manager', 'POST', '/sales/outlets', {
      code: BAR, name: 'Lobby bar', kind: 'bar', warehouseCode: BAR, priceListId: list.id, openingHours: { 0: { opens: '00:00', closes: '23:59' }, 1: { opens: '00:00', closes: '23:59' } },
      staff: [
        { username: 'bar_supervisor', position: 'supervisor' }, { username: 'bar_staff', position: 'bar_staff' }, { username: 'bartender', position: 'bartender' },
        { username: 'store_clerk', position: 'clerk' },
      ],
    });
    expect(created).toMatchObject({ status: 201, body: { code: BAR, kind: 'bar' } });
  }, 60_000);

  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
  });

  /** Writes a slip for a table, has the bartender make it and table staff serve it: it lands on the table's ticket. */
  const serveSlip = async (table: string, lines: Array<{ drink: Drink; quantity: number; note?: string }>) => {
    const written = await p.call('bar_staff', 'POST', bar('/drinks-slips'), { table, lines: lines.map((l) => ({ sku: skus[l.drink], quantity: l.quantity, ...(l.note ? { note: l.note } : {}) })) });
    expect(written).toMatchObject({ status: 201, body: { status: 'written', table } });
    expect(await p.call('bartender', 'POST', bar(`/drinks-slips/${written.body.id}/make`))).toMatchObject({ status: 200, body: { status: 'made', madeBy: 'bartender' } });
    const served = await p.call('bar_staff', 'POST', bar(`/drinks-slips/${written.body.id}/serve`));
    expect(served).toMatchObject({ status: 200, body: { status: 'served', servedBy: 'bar_staff', ticketId: expect.any(String) } });
    return served.body as { id: string; number: string; ticketId: string };
  };

  it('serves ten tables from drinks slips, voids one, lists what is open at closing, and hands the till over 20.00 over', async () => {
    const year = businessYear();
    // What the test expects, kept apart from anything the platform answers.
    const served: Record<Drink, number> = { beer: 0, cola: 0, wine: 0 };
    const tickets: Array<{ table: string; id: string; totalFen: number; method: 'cash' | 'pos' | 'transfer'; lines: Array<{ drink: Drink; quantity: number }> }> = [];

    // Table 1 is served before the day's opening check: the slip goes through, but the till takes no money yet.
    const tables = Array.from({ length: 10 }, (_, i) => `T${i + 1}`);
    const orderOf = (i: number): Array<Array<{ drink: Drink; quantity: number; note?: string }>> => [
      [{ drink: 'beer', quantity: (i % 3) + 1 }, { drink: 'cola', quantity: 1, note: 'no ice' }],
      ...(i % 2 === 1 ? [[{ drink: 'wine' as Drink, quantity: 1 }]] : []),
    ];
    const first = await serveSlip(tables[0], orderOf(0)[0]);
    expect(first.number).toBe(`DS-${BAR}-${year}-000001`);
    const cash = (amountFen: number) => ({ method: 'cash', amountFen, tenderedFen: Math.ceil(amountFen / 10_000) * 10_000, counterfeitChecked: true });
    expect(await p.call('store_clerk', 'POST', bar(`/tickets/${first.ticketId}/pay`), { tenders: [cash(100)] })).toMatchObject({ status: 409, body: { type: expect.stringContaining('opening-check') } });
    expect(await p.call('bar_supervisor', 'POST', bar('/opening-checks'), { cashFloatFen: FLOAT, equipmentOk: true, displayStockChecked: true })).toMatchObject({ status: 201 });

    // Rules of the slips: a SKU off the bar's list, serving what the bar has not made, a bartender writing, someone off the staff.
    expect(await p.call('bar_staff', 'POST', bar('/drinks-slips'), { table: 'T1', lines: [{ sku: 'WHISKY-NOT-LISTED', quantity: 1 }] }))
      .toMatchObject({ status: 422, body: { type: expect.stringContaining('sku-not-on-outlet-list'), errors: [{ field: 'lines.0.sku' }] } });
    const pending = await p.call('bar_staff', 'POST', bar('/drinks-slips'), { table: 'T9', lines: [{ sku: skus.cola, quantity: 2 }] });
    expect(pending.status).toBe(201);
    expect(await p.call('bar_staff', 'POST', bar(`/drinks-slips/${pending.body.id}/serve`))).toMatchObject({ status: 409, body: { type: expect.stringContaining('drinks-slip-transition-refused') } });
    expect((await p.call('bartender', 'POST', bar('/drinks-slips'), { table: 'T9', lines: [{ sku: skus.cola, quantity: 1 }] })).status).toBe(403);
    expect(await p.call('store_clerk', 'POST', bar(`/drinks-slips/${pending.body.id}/make`))).toMatchObject({ status: 403 });
    // A made slip is cancelled only by the supervisor, with a reason; it never reaches a ticket.
    expect((await p.call('bartender', 'POST', bar(`/drinks-slips/${pending.body.id}/make`))).status).toBe(200);
    expect(await p.call('bar_staff', 'POST', bar(`/drinks-slips/${pending.body.id}/cancel`), { reason: 'guest changed their mind' })).toMatchObject({ status: 403, body: { type: expect.stringContaining('made-slip-needs-supervisor') } });
    expect(await p.call('bar_supervisor', 'POST', bar(`/drinks-slips/${pending.body.id}/cancel`), {})).toMatchObject({ status: 422, body: { type: expect.stringContaining('cancel-reason-required') } });
    expect(await p.call('bar_supervisor', 'POST', bar(`/drinks-slips/${pending.body.id}/cancel`), { reason: 'Guest changed their mind; poured away' })).toMatchObject({ status: 200, body: { status: 'cancelled', ticketId: null } });

    // Ten tables: each slip served lands on the table's one open ticket; the table pays at the till.
    for (const [i, table] of tables.entries()) {
      const slips = orderOf(i);
      let ticketId = i === 0 ? first.ticketId : '';
      for (const [n, slip] of slips.entries()) {
        if (i === 0 && n === 0) continue; // served before the opening check
        const s = await serveSlip(table, slip);
        ticketId ||= s.ticketId;
        expect(s.ticketId).toBe(ticketId);
      }
      const lines = slips.flat().map((l) => ({ drink: l.drink, quantity: l.quantity }));
      for (const l of lines) served[l.drink] += l.quantity;
      const totalFen = lines.reduce((sum, l) => sum + PRICES[l.drink] * l.quantity, 0);
      const method = i === 3 ? 'pos' : i === 6 ? 'transfer' : 'cash';
      tickets.push({ table, id: ticketId, totalFen, method, lines });
    }
    // Before paying: every table is open at closing, the slips are all served.
    const beforePaying = await p.call('bar_supervisor', 'GET', bar('/open-at-closing'));
    expect(beforePaying.body.openTables.map((t: { table: string; totalFen: number; slipCount: number }) => [t.table, t.totalFen, t.slipCount]))
      .toEqual(tickets.map((t, i) => [t.table, t.totalFen, orderOf(i).length]));
    const board = await p.call('bar_staff', 'GET', bar('/drinks-slips?status=served&pageSize=200'));
    expect(board.body.total).toBe(tables.reduce((n, _, i) => n + orderOf(i).length, 0));

    for (const t of tickets) {
      const tender = t.method === 'cash' ? cash(t.totalFen)
        : t.method === 'pos' ? { method: 'pos', amountFen: t.totalFen, cards: [{ last4: '8841', signed: true }] }
          : { method: 'transfer', amountFen: t.totalFen, reference: `WX-${t.table}`, payer: 'Guest' };
      const paid = await p.call('store_clerk', 'POST', bar(`/tickets/${t.id}/pay`), { tenders: [tender] });
      expect(paid).toMatchObject({ status: 200, body: { status: 'paid', totalFen: t.totalFen, tableLabel: t.table } });
      // Each line on the ticket names the slip it came from.
      expect(paid.body.lines.every((l: { slipId: string | null }) => l.slipId)).toBe(true);
    }

    // The supervisor voids table 3's ticket (cash), with a reason; the clerk may not.
    const voided = tickets[2];
    expect((await p.call('store_clerk', 'POST', bar(`/tickets/${voided.id}/void`), { reason: 'Rung up twice' })).status).toBe(403);
    expect(await p.call('bar_supervisor', 'POST', bar(`/tickets/${voided.id}/void`), { reason: 'Guest complained; drinks taken back unopened' })).toMatchObject({ status: 200, body: { status: 'voided' } });

    // At closing: one slip written and not made, no table left unpaid.
    const late = await p.call('bar_staff', 'POST', bar('/drinks-slips'), { table: 'T11', lines: [{ sku: skus.beer, quantity: 1 }] });
    const closing = await p.call('bar_supervisor', 'GET', bar('/open-at-closing'));
    expect(closing).toMatchObject({ status: 200, body: { openSlips: [{ id: late.body.id, status: 'written', table: 'T11' }], openTables: [] } });
    expect((await p.call('bar_staff', 'GET', bar('/drinks-slips?open=true'))).body.items.map((s: { id: string }) => s.id)).toEqual([late.body.id]);

    // The handover: the clerk counts 20.00 more than the drawer should hold and hands over to the supervisor.
    const cashTaken = tickets.filter((t) => t.method === 'cash').reduce((s, t) => s + t.totalFen, 0);
    const expectedCashFen = FLOAT + cashTaken - voided.totalFen;
    const counted = await p.call('store_clerk', 'POST', bar('/handovers'), { takenOverBy: 'bar_supervisor', countedCashFen: expectedCashFen + 2_000, floatFen: FLOAT, goodsChecked: true });
    expect(counted).toMatchObject({
      status: 201,
      body: {
        status: 'counted', ticketCount: 9, openingFloatFen: FLOAT, expectedCashFen, countedCashFen: expectedCashFen + 2_000, differenceFen: 2_000, voidedCashFen: voided.totalFen,
        posFen: tickets[3].totalFen, transferFen: tickets[6].totalFen, cashFen: cashTaken - voided.totalFen, handedOverBy: 'store_clerk', takenOverBy: 'bar_supervisor',
      },
    });
    const id = counted.body.id;
    expect(await p.call('bar_supervisor', 'POST', bar(`/handovers/${id}/confirm`))).toMatchObject({ status: 422, body: { type: expect.stringContaining('handover-difference-unexplained') } });
    expect(await p.call('store_clerk', 'POST', bar(`/handovers/${id}/confirm`))).toMatchObject({ status: 403, body: { type: expect.stringContaining('handover-to-self') } });
    expect(handedOver).toEqual([]);
    expect(await p.call('store_clerk', 'POST', bar(`/handovers/${id}/explain`), { explanation: 'A guest at T5 left 20.00 for the staff; it went into the drawer' }))
      .toMatchObject({ status: 200, body: { explanation: expect.stringContaining('20.00'), explainedBy: 'store_clerk' } });
    expect(await p.call('bar_supervisor', 'POST', bar(`/handovers/${id}/confirm`))).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect(await p.call('bar_supervisor', 'POST', bar(`/handovers/${id}/confirm`))).toMatchObject({ status: 409 });
    const event = await waitFor('sales.shift.handed-over', async () => handedOver.find((e) => (e.data as { handoverId: string }).handoverId === id) ?? false);
    expect(event.data).toMatchObject({ outletCode: BAR, ticketCount: 9, expectedCashFen, countedCashFen: expectedCashFen + 2_000, differenceFen: 2_000, floatFen: FLOAT, goodsChecked: true, handedOverBy: 'store_clerk', takenOverBy: 'bar_supervisor' });
    expect((await p.call('bar_supervisor', 'GET', bar(`/handovers?date=${counted.body.businessDate}`))).body.items).toEqual([expect.objectContaining({ id, status: 'confirmed', differenceFen: 2_000 })]);

    // Stock at the bar: down by exactly what was served, less what the void took back (inventory's consumer; polled).
    const kept = { ...served };
    for (const l of voided.lines) kept[l.drink] -= l.quantity;
    const onHand = async () => Object.fromEntries(await Promise.all((Object.keys(skus) as Drink[]).map(async (d) => {
      const level = (await p.read(`/inventory/stock?sku=${skus[d]}`)).body.items.find((l: { warehouseCode: string }) => l.warehouseCode === BAR);
      return [d, level?.onHand ?? null];
    })));
    const wanted = Object.fromEntries((Object.keys(skus) as Drink[]).map((d) => [d, STOCK[d] - kept[d]]));
    await waitFor('the bar\'s stock to come down by what was served', async () => JSON.stringify(await onHand()) === JSON.stringify(wanted), { timeoutMs: 30_000 }).catch(() => undefined);
    expect(await onHand()).toEqual(wanted);
    await expectStockLedgerInOrder(p);

    // The books: every ticket booked, the void reversed, the 20.00 over booked with the shift; and they balance.
    const booked = async () => (await sql(`
      SELECT (SELECT count(*) FROM finance.till_takings WHERE outlet_code = $1 AND kind = 'paid')::int AS paid,
             (SELECT count(*) FROM finance.till_takings WHERE outlet_code = $1 AND kind = 'voided')::int AS voided,
             (SELECT count(*) FROM finance.outlet_shifts WHERE handover_id = $2 AND difference_fen = 2000 AND journal_entry_id IS NOT NULL)::int AS shifts`, [BAR, id]).catch(() => [null]))[0];
    await waitFor('finance to book the bar\'s day', async () => JSON.stringify(await booked()) === JSON.stringify({ paid: 10, voided: 1, shifts: 1 }), { timeoutMs: 30_000 }).catch(() => undefined);
    expect(await booked()).toEqual({ paid: 10, voided: 1, shifts: 1 });
    await expectBooksInOrder(p);
  }, 120_000);

  it('starts the next shift from the last handover\'s float and count, one handover at a time, between two people of the staff', async () => {
    // The supervisor took the till over with 500.00 float; one more table pays cash in this shift.
    const table = await serveSlip('T12', [{ drink: 'wine', quantity: 2 }]);
    const paid = await p.call('bar_supervisor', 'POST', bar(`/tickets/${table.ticketId}/pay`), { tenders: [{ method: 'cash', amountFen: 17_600, tenderedFen: 20_000, counterfeitChecked: true }] });
    expect(paid).toMatchObject({ status: 200, body: { status: 'paid', totalFen: 17_600, changeFen: 2_400 } });
    const count = (role: string, body: Record<string, unknown>) => p.call(role, 'POST', bar('/handovers'), { takenOverBy: 'store_clerk', countedCashFen: FLOAT + 17_600, floatFen: FLOAT, goodsChecked: true, ...body });
    expect(await count('bar_supervisor', { goodsChecked: false })).toMatchObject({ status: 422, body: { type: expect.stringContaining('goods-not-checked'), errors: [{ field: 'goodsChecked' }] } });
    expect(await count('bar_supervisor', { takenOverBy: 'bar_supervisor' })).toMatchObject({ status: 422, body: { type: expect.stringContaining('handover-to-self') } });
    expect(await count('bar_supervisor', { takenOverBy: 'bartender' })).toMatchObject({ status: 422, body: { type: expect.stringContaining('incoming-not-on-staff'), errors: [{ field: 'takenOverBy' }] } });
    expect(await count('bar_supervisor', { floatFen: FLOAT + 17_601 })).toMatchObject({ status: 422, body: { type: expect.stringContaining('float-exceeds-cash') } });
    expect((await count('bartender', {})).status).toBe(403); // a bartender does not work the till
    const second = await count('bar_supervisor', {});
    // Only this shift's ticket: the first shift's tickets and its void are the first handover's.
    expect(second).toMatchObject({ status: 201, body: { ticketCount: 1, openingFloatFen: FLOAT, cashFen: 17_600, voidedCashFen: 0, expectedCashFen: FLOAT + 17_600, differenceFen: 0, posFen: 0, transferFen: 0 } });
    const [first] = (await p.call('bar_supervisor', 'GET', bar('/handovers?status=confirmed'))).body.items;
    expect(second.body.shiftStart).toBe(first.countedAt);
    // One handover waits at a time; an agreeing count needs no explanation.
    expect(await count('bar_supervisor', {})).toMatchObject({ status: 409, body: { type: expect.stringContaining('handover-pending') } });
    expect(await p.call('store_clerk', 'POST', bar(`/handovers/${second.body.id}/confirm`))).toMatchObject({ status: 200, body: { status: 'confirmed', explanation: null } });
    expect((await p.call('auditor', 'GET', bar(`/handovers/${second.body.id}`))).body).toMatchObject({ status: 'confirmed', takenOverBy: 'store_clerk' });
  }, 60_000);

  it('keeps each outlet to its own staff', async () => {
    const list = await aPriceList(p, [{ sku: skus.beer, listPriceFen: PRICES.beer }]);
    const other = await p.call('sales_manager', 'POST', '/sales/outlets', {
      code: 'BAR2', name: 'Roof bar', kind: 'bar', warehouseCode: 'BAR2', priceListId: list.id, staff: [{ username: 'bar_supervisor', position: 'supervisor' }],
    });
    expect(other.status).toBe(201);
    expect(await p.call('bar_staff', 'POST', '/sales/outlets/BAR2/drinks-slips', { table: 'R1', lines: [{ sku: skus.beer, quantity: 1 }] })).toMatchObject({ status: 403, body: { type: expect.stringContaining('not-outlet-staff') } });
    expect((await p.call('bar_staff', 'GET', '/sales/outlets/BAR2/drinks-slips')).status).toBe(403);
    expect((await p.call('sales_manager', 'GET', '/sales/outlets/BAR2/drinks-slips')).status).toBe(200);
    // A slip of one outlet is not found at another.
    const slip = await p.call('bar_supervisor', 'POST', '/sales/outlets/BAR2/drinks-slips', { table: 'R1', lines: [{ sku: skus.beer, quantity: 1 }] });
    expect(slip).toMatchObject({ status: 201, body: { number: `DS-BAR2-${businessYear()}-000001` } });
    expect((await p.call('bar_supervisor', 'POST', bar(`/drinks-slips/${slip.body.id}/cancel`), {})).status).toBe(404);
    expect(await p.call('bar_supervisor', 'POST', '/sales/outlets/BAR2/drinks-slips/' + slip.body.id + '/cancel', {})).toMatchObject({ status: 200, body: { status: 'cancelled', cancelledBy: 'bar_supervisor' } });
  }, 60_000);
});
