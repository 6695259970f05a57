import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { expectBooksInOrder, expectStockLedgerInOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Inventory's and finance's answers to the outlets' events (libs/contracts sales/outlet-events.ts), published here as
 * sales' outbox relay publishes them (sales' till is built beside this): a paid ticket issued from the bar's warehouse
 * (what the ledger lacks recorded as a till shortfall, never refused) and booked (cash, POS, bank against revenue and
 * output VAT); a void taking both back; a handover's cash over and short booked and shown in the cashier's day;
 * approved waste issued, costed and its loss booked; a replenishment request answered with a draft transfer. Every
 * event is heard twice, under its own id and under another: applied once. The books and the ledger hold after each test.
 */
describe('outlets: money and stock', () => {
  let p: TestPlatform;
  let n = 0;
  const today = () => businessDate();
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  beforeAll(async () => {
    // Sales is stood in for by the events below.
    p = await TestPlatform.start({ services: ['inventory', 'finance'] });
  });

  afterAll(async () => {
    await p?.close();
  });

  afterEach(async () => {
    await expectBooksInOrder(p);
    await expectStockLedgerInOrder(p);
  });

  type Envelope = { id: string; type: string; data: object } & Record<string, unknown>;
  const envelope = (type: string, aggregateId: string, data: object, source = 'sales'): Envelope => ({
    id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source, aggregateId, correlationId: aggregateId, causationId: null,
    actor: { userId: 'bar.supervisor', roles: ['bar_supervisor'] }, data,
  });
  /** As the outbox relay publishes an event; `again` sends the same envelope a second time past the stream's de-duplication (a redelivery). */
  const publish = async (e: Envelope) => {
    await jetstream(p.nc).publish(p.env.naming.subject(`${e.type}.v1`), JSON.stringify(e), { headers: natsHeaders() });
    return e;
  };
  /** Waits until `service` has handled the event (its inbox row, committed with the effect). */
  const handled = (service: 'inventory' | 'finance', e: Envelope) =>
    waitFor(`${service} to handle ${e.type} ${e.id}`, async () => (await sql(`SELECT 1 FROM ${service}.inbox WHERE event_id = $1`, [e.id])).length > 0);
  /** Waits until a consumer has nothing left to deliver or acknowledge. */
  const drained = (service: 'inventory' | 'finance', consumer: string) => waitFor(`${service}-${consumer} drained`, async () => {
    const info = await (await jetstreamManager(p.nc)).consumers.info(p.env.naming.stream('SALES'), `${service}-${consumer}`);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
  /** The same document heard twice more: the same envelope again, and a new envelope (another event id) of it. */
  const heardTwiceMore = async (e: Envelope, consumers: Array<['inventory' | 'finance', string]>) => {
    await publish(e);
    const other = await publish({ ...e, id: uuidv7() });
    for (const [service] of consumers) await handled(service, other);
    for (const [service, consumer] of consumers) await drained(service, consumer);
  };

  const aStore = async () => {
    const code = `BAR${process.pid % 10_000}X${++n}`;
    expect((await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code, name: `酒吧 ${code}`, kind: 'store' })).status).toBe(201);
    return code;
  };
  const aSku = async (name = '金酒') => {
    const code = `SKU-OUT-${process.pid}-${++n}`;
    expect((await p.call('warehouse_manager', 'POST', '/inventory/skus', { code, name, model: 'M', version: 'v1', unit: 'bottle' })).status).toBe(201);
    return code;
  };
  const stockUp = async (warehouseCode: string, sku: string, quantity: number) => {
    const receipt = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: `OPEN-${n}`, warehouseCode, lines: [{ sku, quantity }] });
    expect(receipt.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`)).status).toBe(200);
  };
  const onHand = async (sku: string, warehouseCode: string) =>
    (await sql(`SELECT on_hand FROM inventory.stock_levels WHERE sku_code = $1 AND warehouse_code = $2`, [sku, warehouseCode]))[0]?.on_hand ?? 0;
  const movements = (documentRef: string) => sql(`SELECT sku_code, warehouse_code, quantity, kind FROM inventory.stock_movements WHERE document_ref = $1 ORDER BY id`, [documentRef]);
  const shortfalls = async (warehouseCode: string) => (await p.call('warehouse_manager', 'GET', `/inventory/till-shortfalls?warehouseCode=${warehouseCode}`)).body.items as any[];
  const journalOf = async (sourceId: string) => (await p.call('accountant', 'GET', `/finance/journal?sourceId=${sourceId}`)).body.items as any[];
  const lines = (entry: any) => entry.lines.map((l: any) => [l.account, l.debitFen, l.creditFen]);

  const aTicket = (store: string, items: Array<{ sku: string; quantity: number; unitPriceFen: number }>, tenders: Array<{ method: string; amountFen: number }>) => {
    const ticketId = randomUUID();
    const number = `T-${store}-2026-${String(++n).padStart(6, '0')}`;
    const ticketLines = items.map((l, i) => ({ lineNo: i + 1, ...l, amountFen: l.quantity * l.unitPriceFen }));
    return {
      ticketId, number, outletId: randomUUID(), outletCode: store, warehouseCode: store, businessDate: today(), lines: ticketLines,
      totalFen: ticketLines.reduce((s, l) => s + l.amountFen, 0), tenders,
    };
  };

  it('issues a paid ticket from the bar\'s warehouse (the rest a shortfall), books it once, and a void takes both back', async () => {
    const store = await aStore();
    const [gin, tonic] = [await aSku('金酒'), await aSku('汤力水')];
    await stockUp(store, gin, 5);
    const ticket = aTicket(store, [{ sku: gin, quantity: 3, unitPriceFen: 3_000 }, { sku: tonic, quantity: 2, unitPriceFen: 1_650 }], [{ method: 'cash', amountFen: 7_000 }, { method: 'pos', amountFen: 5_300 }]);
    const paid = await publish(envelope('sales.till-ticket.paid', ticket.ticketId, { ...ticket, outletKind: 'bar', cashier: 'bar.clerk', paidAt: new Date().toISOString() }));
    await handled('inventory', paid);
    await handled('finance', paid);

    // Three gin left the bar's warehouse through the ledger; the tonic it never held is a shortfall for the stocktake.
    expect(await movements(ticket.number)).toEqual([{ sku_code: gin, warehouse_code: store, quantity: -3, kind: 'till_sale' }]);
    expect([await onHand(gin, store), await onHand(tonic, store)]).toEqual([2, 0]);
    expect(await shortfalls(store)).toEqual([expect.objectContaining({
      documentKind: 'till_sale', documentId: ticket.ticketId, documentNumber: ticket.number, outletCode: store, lineNo: 2, sku: tonic, quantity: 2, reason: 'short', ticketVoidedAt: null,
    })]);
    // Finance: cash and POS clearing against revenue net and output VAT (12 300 = 10 885 + 1 415).
    const [entry] = await journalOf(ticket.ticketId);
    expect(entry.sourceType).toBe('till_ticket');
    expect(lines(entry)).toEqual([['1001', 7_000, 0], ['1012', 5_300, 0], ['6001', 0, 10_885], ['2221', 0, 1_415]]);

    // Heard again (the same envelope, and another event of the same ticket): nothing moves twice.
    await heardTwiceMore(paid, [['inventory', 'issue-till-sale'], ['finance', 'book-till-takings']]);
    expect(await movements(ticket.number)).toHaveLength(1);
    expect(await shortfalls(store)).toHaveLength(1);
    expect(await journalOf(ticket.ticketId)).toHaveLength(1);

    // The supervisor voids it: what was issued comes back (sold − short), and the takings are reversed.
    const voided = await publish(envelope('sales.till-ticket.voided', ticket.ticketId, { ...ticket, voidedBy: 'bar.supervisor', reason: '客人投诉，酒已退回', voidedAt: new Date().toISOString() }));
    await handled('inventory', voided);
    await handled('finance', voided);
    await heardTwiceMore(voided, [['inventory', 'return-till-void'], ['finance', 'reverse-till-takings']]);
    expect(await movements(ticket.number)).toEqual([
      { sku_code: gin, warehouse_code: store, quantity: -3, kind: 'till_sale' },
      { sku_code: gin, warehouse_code: store, quantity: 3, kind: 'till_void' },
    ]);
    expect([await onHand(gin, store), await onHand(tonic, store)]).toEqual([5, 0]);
    expect((await shortfalls(store))[0].ticketVoidedAt).toEqual(expect.any(String));
    const entries = await journalOf(ticket.ticketId);
    expect(entries.map((e) => e.sourceType).sort()).toEqual(['till_ticket', 'till_void']);
    const reversal = entries.find((e) => e.sourceType === 'till_void');
    expect([reversal.reversalOf, lines(reversal)]).toEqual([entry.id, [['1001', 0, 7_000], ['1012', 0, 5_300], ['6001', 10_885, 0], ['2221', 1_415, 0]]]);
    const takings = (await p.call('accountant', 'GET', `/finance/outlet-takings?date=${today()}&outletCode=${store}`)).body.items;
    expect(takings).toEqual([{ outletCode: store, businessDate: today(), ticketCount: 1, voidedCount: 1, cashFen: 0, posFen: 0, transferFen: 0, totalFen: 0 }]);
  });

  it('takes a void heard before its sale once the sale is in (separate consumers may hear them in either order)', async () => {
    const store = await aStore();
    const gin = await aSku('金酒');
    await stockUp(store, gin, 2);
    const ticket = aTicket(store, [{ sku: gin, quantity: 2, unitPriceFen: 2_260 }], [{ method: 'transfer', amountFen: 4_520 }]);
    const voided = await publish(envelope('sales.till-ticket.voided', ticket.ticketId, { ...ticket, voidedBy: 'bar.supervisor', reason: '点错单', voidedAt: new Date().toISOString() }));
    await publish(envelope('sales.till-ticket.paid', ticket.ticketId, { ...ticket, outletKind: 'bar', cashier: 'bar.clerk', paidAt: new Date().toISOString() }));
    await handled('inventory', voided);
    await handled('finance', voided);
    expect(await movements(ticket.number)).toEqual([
      { sku_code: gin, warehouse_code: store, quantity: -2, kind: 'till_sale' },
      { sku_code: gin, warehouse_code: store, quantity: 2, kind: 'till_void' },
    ]);
    expect((await journalOf(ticket.ticketId)).map((e) => e.sourceType).sort()).toEqual(['till_ticket', 'till_void']);
  });

  it('books a handover\'s cash over and short, lists the shifts of the date and shows them in the cashier\'s day', async () => {
    const outletCode = `BAR${process.pid % 10_000}S${++n}`;
    const shift = (differenceFen: number, explanation: string | null) => ({
      handoverId: randomUUID(), outletId: randomUUID(), outletCode, businessDate: today(), handedOverBy: 'bar.clerk', takenOverBy: 'bar.clerk2', ticketCount: 10,
      expectedCashFen: 150_000, countedCashFen: 150_000 + differenceFen, differenceFen, explanation, floatFen: 50_000, posFen: 30_000, transferFen: 2_000, goodsChecked: true,
      confirmedAt: new Date().toISOString(),
    });
    const over = shift(2_000, '客人多付未找零');
    const short = shift(-350, '找零出错');
    const agreed = shift(0, null);
    for (const s of [over, short, agreed]) await handled('finance', await publish(envelope('sales.shift.handed-over', s.handoverId, s)));
    await heardTwiceMore(envelope('sales.shift.handed-over', over.handoverId, over), [['finance', 'book-outlet-shift']]);

    expect((await journalOf(over.handoverId)).map(lines)).toEqual([[['1001', 2_000, 0], ['6301', 0, 2_000]]]);
    expect((await journalOf(short.handoverId)).map(lines)).toEqual([[['6711', 350, 0], ['1001', 0, 350]]]);
    expect(await journalOf(agreed.handoverId)).toEqual([]);
    const listed = (await p.call('accountant', 'GET', `/finance/outlet-shifts?date=${today()}&outletCode=${outletCode}`)).body.items;
    expect(listed).toHaveLength(3);
    expect(listed.find((s: any) => s.handoverId === over.handoverId)).toMatchObject({
      expectedCashFen: 150_000, countedCashFen: 152_000, differenceFen: 2_000, explanation: '客人多付未找零', floatFen: 50_000, posFen: 30_000, transferFen: 2_000,
      journalEntryNumber: expect.stringMatching(/^JE-/),
    });
    expect((await p.call('sales_rep', 'GET', `/finance/outlet-shifts?date=${today()}`)).status).toBe(403);

    // The cashier's day of the date shows the outlets' shifts: their cash beyond the floats, POS, transfers, differences.
    const day = await p.call('cashier', 'POST', '/finance/cashier-days', { businessDate: today(), cashFen: 0, posFen: 0, transferFen: 0 });
    expect(day.status).toBe(200);
    const ours = day.body.outletShifts.filter((s: any) => s.outletCode === outletCode);
    expect(ours.map((s: any) => s.handoverId).sort()).toEqual([over.handoverId, short.handoverId, agreed.handoverId].sort());
    const all = (await p.call('accountant', 'GET', `/finance/outlet-shifts?date=${today()}&pageSize=200`)).body.items as any[];
    expect(day.body).toMatchObject({
      outletCashFen: all.reduce((s, x) => s + x.countedCashFen - x.floatFen, 0),
      outletPosFen: all.reduce((s, x) => s + x.posFen, 0),
      outletDifferenceFen: all.reduce((s, x) => s + x.differenceFen, 0),
    });
    const csv = await p.call('accountant', 'GET', `/finance/cashier-days?businessDate=${today()}`, undefined, { accept: 'text/csv' });
    expect(String(csv.body)).toContain('outletCash (CNY)');
  });

  it('issues approved waste, costs it at the last purchase price (else the floor net of VAT), books the loss and tells the outlet, once', async () => {
    const store = await aStore();
    const [gin, lime] = [await aSku('金酒'), await aSku('青柠')];
    await stockUp(store, gin, 4);
    await stockUp(store, lime, 1);
    // Finance booked a purchase of gin at 113.00 a bottle (VAT included): 100.00 net.
    const receiptId = randomUUID();
    const receipt = await publish(envelope('inventory.receipt.audited', receiptId, {
      receiptId, receiptNumber: `GR-T-${receiptId.slice(0, 8)}`, supplierId: randomUUID(), purchaseOrderId: null, purchaseOrderNumber: null, warehouseCode: 'MAIN',
      lines: [{ lineNo: 1, sku: gin, quantity: 12, unitPriceFen: 11_300, amountFen: 135_600 }], amountFen: 135_600, auditedAt: new Date().toISOString(),
    }, 'inventory'));
    await handled('finance', receipt);

    const wasteId = randomUUID();
    const number = `W-${store}-2026-${++n}`;
    const waste = await publish(envelope('sales.outlet-waste.approved', wasteId, {
      wasteId, number, outletId: randomUUID(), outletCode: store, warehouseCode: store, businessDate: today(), recordedBy: 'bar.staff', approvedBy: 'bar.supervisor', approvedAt: new Date().toISOString(),
      lines: [{ lineNo: 1, sku: gin, quantity: 1, kind: 'breakage', floorPriceFen: 20_000 }, { lineNo: 2, sku: lime, quantity: 3, kind: 'expired', floorPriceFen: 565 }],
    }));
    await handled('inventory', waste);
    await handled('finance', waste);
    await heardTwiceMore(waste, [['inventory', 'issue-outlet-waste'], ['finance', 'cost-outlet-waste']]);

    expect(await movements(number)).toEqual([
      { sku_code: gin, warehouse_code: store, quantity: -1, kind: 'waste' },
      { sku_code: lime, warehouse_code: store, quantity: -1, kind: 'waste' },
    ]);
    expect((await shortfalls(store)).map((s) => [s.documentKind, s.sku, s.quantity, s.reason])).toEqual([['waste', lime, 2, 'short']]);
    // 1 × 100.00 (last purchase, net) + 3 × 5.00 (floor 5.65 net of VAT) = 115.00.
    const entries = await journalOf(wasteId);
    expect(entries.map(lines)).toEqual([[['6601', 11_500, 0], ['1405', 0, 11_500]]]);
    const costed = await sql(`SELECT envelope FROM finance.outbox WHERE type = 'finance.outlet-waste.costed' AND envelope->'data'->>'wasteId' = $1`, [wasteId]);
    expect(costed).toHaveLength(1);
    expect(costed[0].envelope.data).toEqual({
      wasteId, number, outletCode: store, costFen: 11_500, journalEntryNumber: entries[0].number,
      lines: [
        { lineNo: 1, sku: gin, quantity: 1, unitCostFen: 10_000, costBasis: 'last-purchase' },
        { lineNo: 2, sku: lime, quantity: 3, unitCostFen: 500, costBasis: 'price-list-floor' },
      ],
    });
  });

  it('answers a replenishment request with a draft transfer from the named warehouse, once; an unknown SKU is kept for a person', async () => {
    const store = await aStore();
    const gin = await aSku('金酒');
    const requestId = randomUUID();
    const ask = { requestId, number: `RR-2026-${++n}`, outletCode: store, toWarehouseCode: store, fromWarehouseCode: 'MAIN', lines: [{ sku: gin, quantity: 6 }], requestedBy: 'bar.supervisor', note: '周末备货' };
    const requested = await publish(envelope('sales.replenishment.requested', requestId, ask));
    await handled('inventory', requested);
    await heardTwiceMore(requested, [['inventory', 'raise-replenishment-transfer']]);

    const listed = (await p.call('warehouse_manager', 'GET', '/inventory/replenishment-requests?pageSize=200')).body.items.filter((r: any) => r.requestId === requestId);
    expect(listed).toEqual([expect.objectContaining({ number: ask.number, transferId: expect.any(String), transferNumber: expect.stringMatching(/^TR-\d{4}-\d{6}$/), problem: null })]);
    const transfer = (await p.call('warehouse_keeper', 'GET', `/inventory/transfers/${listed[0].transferId}`)).body;
    expect(transfer).toMatchObject({ number: listed[0].transferNumber, status: 'draft', fromWarehouse: 'MAIN', toWarehouse: store, lines: [{ sku: gin, quantity: 6 }] });
    const raised = await sql(`SELECT envelope FROM inventory.outbox WHERE type = 'inventory.replenishment.transfer-raised' AND envelope->'data'->>'requestId' = $1`, [requestId]);
    expect(raised.map((r) => r.envelope.data)).toEqual([{ requestId, transferId: transfer.id, transferNumber: transfer.number }]);

    const badId = randomUUID();
    const bad = await publish(envelope('sales.replenishment.requested', badId, { ...ask, requestId: badId, number: `RR-2026-${++n}`, lines: [{ sku: 'SKU-NOBODY-KNOWS', quantity: 1 }] }));
    await handled('inventory', bad);
    const unanswered = (await p.call('warehouse_manager', 'GET', '/inventory/replenishment-requests?unanswered=true&pageSize=200')).body.items.filter((r: any) => r.requestId === badId);
    expect(unanswered).toEqual([expect.objectContaining({ transferId: null, problem: 'no SKU SKU-NOBODY-KNOWS' })]);
  });
});
