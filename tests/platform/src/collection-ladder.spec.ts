import type { EventEnvelope, ReceivableStageChangedData } from '@ops/contracts';
import { setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import type { Subscription } from '@nats-io/transport-node';
import { aSkuWithStock, expectBooksInOrder, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The collection ladder on the business clock (domain.md §5, collection rules 9-05 to 9-08), through the
 * gateway: a credit invoice climbs every stage as the days pass — the daily ladder announcing each — until
 * supply stops by itself and sales and inventory refuse the customer; paying clears it. A write-off needs
 * a finance manager and the sales VP; the aging groups and commission read the same receivables.
 */
describe('finance: the collection ladder', () => {
  let p: TestPlatform;
  let today = '2026-10-20';
  const stages: Array<EventEnvelope<ReceivableStageChangedData>> = [];
  let subscription: Subscription | undefined;
  let customers = 0;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);

  beforeAll(async () => {
    // The business clock stands on `today`, mid-morning in Shanghai; a test moves it by setting `today`.
    setBusinessClock(() => new Date(`${today}T02:00:00Z`));
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('finance.receivable.stage-changed.v1'), { callback: (error, msg) => void (!error && stages.push(msg.json())) });
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  /** A customer on credit (30 days) assigned to `rep`, in `region`. */
  const aCreditCustomerOf = async (rep: string, region: string) => {
    const customer = await p.call('sales_manager', 'POST', '/sales/customers', { code: `CL-${process.pid}-${++customers}`, name: `${region} ${rep} 商贸`, region, assignedRep: rep });
    expect(customer.status).toBe(201);
    const change = await p.call('sales_rep', 'POST', `/sales/customers/${customer.body.id}/credit-changes`, { grade: 'A', creditLimitFen: 50_000_000, paymentTermsDays: 30, reason: 'regular buyer' });
    for (const role of ['sales_manager', 'sales_vp']) expect((await p.call(role, 'POST', `/sales/credit-changes/${change.body.id}/approve`)).status).toBe(200);
    return customer.body as { id: string; name: string };
  };
  /** A credit order of one unit of `sku`, shipped: its invoice leaves a receivable due 30 days on. */
  const aShippedCreditOrder = async (customerId: string, sku: string, tracking: string) => {
    const order = await placeOrder(p, orderBody(customerId, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, order.id, 'ready_to_ship');
    await pickVerifyPack(p, order.id, 1);
    expect((await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: order.id, carrier: 'ZTO', trackingNumber: tracking, pieces: 1 })).status).toBe(201);
    const receivable = await waitFor('the receivable', async () => (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customerId}&status=open`)).body.items.find((r: { orderId: string }) => r.orderId === order.id));
    return { order, receivable };
  };
  const receivableOf = async (customerId: string, id: string) => (await p.call('accountant', 'GET', `/finance/receivables?customerId=${customerId}`)).body.items.find((r: { id: string }) => r.id === id);
  /**
   * Moves the business clock to `day` and waits for the ladder's run of that day to announce `stage`, then
   * reads the receivable. The view derives `stage` from the date, so it can read `unpaid` before the run
   * has committed its revision; the announcement leaves only after that commit, so it is awaited first.
   */
  const dayComes = async (day: string, customerId: string, id: string, stage: string) => {
    today = day;
    await waitFor(`${stage} announced on ${day}`, async () => stages.some((e) => e.data.receivableId === id && e.data.stage === stage));
    const r = await receivableOf(customerId, id);
    expect(r.stage).toBe(stage);
    return r;
  };
  const csvOf = async (role: string, path: string) => {
    const res = await fetch(`${p.api}${path}`, { headers: { authorization: `Bearer ${await p.token(role)}`, accept: 'text/csv' } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const salesHears = (customerId: string, onHold: boolean) => waitFor(`sales to hear the hold is ${onHold}`, async () => (await p.read(`/sales/customers/${customerId}`)).body.credit.onHold === onHold);

  it('walks a credit invoice through every stage on the business clock, stops supply by itself, and a payment clears it', async () => {
    const customer = await aCreditCustomerOf('rep_ladder', 'East China');
    const sku = await aSkuWithStock(p, 10, 50_000);
    const { receivable } = await aShippedCreditOrder(customer.id, sku, 'ZTO-L1');
    expect(receivable).toMatchObject({ dueDate: '2026-11-19', invoiceDate: '2026-10-20', stage: 'current', unpaidFrom: '2026-12-05', dunningFrom: '2027-01-05', supplyStoppedFrom: '2027-01-25', doubtfulFrom: '2027-02-26' });
    // A second order, packed and waiting to ship when supply stops.
    const waiting = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    await orderReaches(p, waiting.id, 'ready_to_ship');
    await pickVerifyPack(p, waiting.id, 1);

    expect(await dayComes('2026-12-05', customer.id, receivable.id, 'unpaid')).toMatchObject({ overdue: true, daysPastDue: 16, stageRevision: 1 });
    await dayComes('2027-01-05', customer.id, receivable.id, 'dunning');
    // The sales manager has 5 days for the reasons and a plan; after them it is listed as missing.
    const missing = () => p.call('accountant', 'GET', `/finance/receivables?planMissing=true&customerId=${customer.id}`);
    expect((await missing()).body.total).toBe(0);
    expect((await p.call('sales_rep', 'POST', `/finance/receivables/${receivable.id}/dunning-plan`, { reasons: 'x', plan: 'y' })).status).toBe(403);
    today = '2027-01-11';
    expect((await missing()).body.items.map((r: { id: string }) => r.id)).toEqual([receivable.id]);
    const plan = await p.call('sales_manager', 'POST', `/finance/receivables/${receivable.id}/dunning-plan`, { reasons: 'Buyer short of cash after a lost tender', plan: 'Visit Monday; all by month end' });
    expect(plan.body).toMatchObject({ dunningPlanMissing: false, dunningPlan: { reasons: 'Buyer short of cash after a lost tender', filedOn: '2027-01-11' } });
    expect((await missing()).body.total).toBe(0);

    // Three months after invoicing it is a problem account, and its report is due within 5 days.
    today = '2027-01-20';
    expect((await p.call('accountant', 'GET', `/finance/receivables?problem=true&customerId=${customer.id}`)).body.items).toMatchObject([{ id: receivable.id, problemAccount: true, problemReportDue: '2027-01-25' }]);

    // Supply stopped: finance holds the customer by itself; sales refuses the next order and inventory the packed one.
    await dayComes('2027-01-25', customer.id, receivable.id, 'supply_stopped');
    await salesHears(customer.id, true);
    const refused = await p.call('sales_rep', 'POST', '/sales/orders', orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'));
    expect(refused).toMatchObject({ status: 422, body: { detail: expect.stringContaining('credit hold') } });
    const notShipped = await waitFor('inventory to refuse the shipment', async () => {
      const res = await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: waiting.id, carrier: 'ZTO', trackingNumber: 'ZTO-L2', pieces: 1 });
      return res.status === 422 ? res : false;
    });
    expect(notShipped.body.type).toMatch(/customer-on-credit-hold$/);
    expect((await p.call('finance_manager', 'GET', `/finance/receivables?stage=supply_stopped&customerId=${customer.id}`)).body.total).toBe(1);

    today = '2027-01-26';
    expect((await p.call('accountant', 'GET', `/finance/receivables?reportMissing=true&customerId=${customer.id}`)).body.total).toBe(1);
    expect((await p.call('sales_rep', 'POST', `/finance/receivables/${receivable.id}/problem-report`, { report: 'Delivered 20 Oct, not disputed; buyer promises payment' })).body).toMatchObject({ problemReportMissing: false });

    await dayComes('2027-02-26', customer.id, receivable.id, 'doubtful');
    expect(stages.filter((e) => e.data.receivableId === receivable.id).map((e) => [e.data.stage, e.data.revision])).toEqual([['unpaid', 1], ['dunning', 2], ['supply_stopped', 3], ['doubtful', 4]]);

    // Paid in full: the stage clears, supply resumes, the packed order ships and a new one is taken.
    const paid = await p.call('cashier', 'POST', '/finance/receipts', { orderId: receivable.orderId, method: 'cash', amountFen: 50_000, counterfeitChecked: true });
    expect(paid.status).toBe(201);
    expect(await receivableOf(customer.id, receivable.id)).toMatchObject({ status: 'settled', stage: null, stageRevision: 5 });
    await salesHears(customer.id, false);
    await waitFor('inventory to ship again', async () => (await p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId: waiting.id, carrier: 'ZTO', trackingNumber: 'ZTO-L2', pieces: 1 })).status === 201);
    expect((await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit'))).status).not.toBe('rejected');
    await expectBooksInOrder(p);
  });

  it('writes off a doubtful receivable only with a finance manager and the sales VP, and money later reverses it', async () => {
    today = '2027-03-01';
    const customer = await aCreditCustomerOf('rep_bankrupt', 'North China');
    const sku = await aSkuWithStock(p, 10, 30_000);
    const { receivable } = await aShippedCreditOrder(customer.id, sku, 'ZTO-W1');
    const writeOff = (role: string) => p.call(role, 'POST', `/finance/receivables/${receivable.id}/write-off`, { reason: 'Bankrupt estate pays unsecured creditors nothing' });
    expect((await writeOff('finance_manager')).body.type).toMatch(/not-doubtful$/);

    // Declared bankrupt: doubtful at once, whatever the calendar says, and supply stops.
    const declared = await p.call('finance_manager', 'POST', `/finance/customers/${customer.id}/doubtful`, { kind: 'bankrupt', note: 'Case (2027) 沪03破 7' });
    expect(declared.body.items).toMatchObject([{ id: receivable.id, stage: 'doubtful', doubtfulReason: 'bankrupt: Case (2027) 沪03破 7' }]);
    await salesHears(customer.id, true);

    const first = await writeOff('finance_manager');
    expect(first.body).toMatchObject({ status: 'open', openFen: 30_000, writeOff: { financeApprovedBy: expect.any(String), salesApprovedBy: null, writtenOffOn: null } });
    expect((await writeOff('finance_manager')).status).toBe(403);
    expect((await writeOff('sales_manager')).status).toBe(403);
    const entries = async () => (await sql(`SELECT source_type FROM finance.journal_entries WHERE source_id = $1`, [receivable.id])).map((e) => e.source_type);
    expect(await entries()).toEqual([]);
    expect((await p.read(`/sales/customers/${customer.id}`)).body.credit.openReceivableFen).toBe(30_000);

    const second = await writeOff('sales_vp');
    expect(second.body).toMatchObject({ status: 'written_off', stage: 'written_off', openFen: 0, writeOff: { writtenOffOn: '2027-03-01', writtenOffFen: 30_000 } });
    expect(await entries()).toEqual(['write_off']);
    const [lines] = await sql(`SELECT sum(debit_fen) FILTER (WHERE account = '1231') AS allowance, sum(credit_fen) FILTER (WHERE account = '1122') AS receivables
                                 FROM finance.journal_lines l JOIN finance.journal_entries e ON e.id = l.entry_id WHERE e.source_id = $1`, [receivable.id]);
    expect(lines).toEqual({ allowance: '30000', receivables: '30000' });
    await waitFor('sales to hear the receivable left the books', async () => (await p.read(`/sales/customers/${customer.id}`)).body.credit.openReceivableFen === 0);
    await expectBooksInOrder(p);

    // The liquidator pays after all: the write-off is reversed, the receivable settled, supply resumes.
    today = '2027-04-02';
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: receivable.orderId, method: 'cash', amountFen: 30_000, counterfeitChecked: true })).status).toBe(201);
    expect(await receivableOf(customer.id, receivable.id)).toMatchObject({ status: 'settled', writeOff: { recoveredOn: '2027-04-02' } });
    expect((await sql(`SELECT source_type FROM finance.journal_entries WHERE source_id IN ($1, (SELECT receipt_id FROM finance.receivable_settlements WHERE receivable_id = $1)) ORDER BY number`, [receivable.id])).map((e) => e.source_type))
      .toEqual(['write_off', 'receipt', 'write_off_recovery']);
    await salesHears(customer.id, false);
    await expectBooksInOrder(p);
  });

  it('ages open receivables by customer, rep and region, as CSV too', async () => {
    today = '2027-05-10';
    const customer = await aCreditCustomerOf('rep_aging', 'South China');
    const sku = await aSkuWithStock(p, 10, 12_000);
    await aShippedCreditOrder(customer.id, sku, 'ZTO-A1'); // due 2027-06-09
    today = '2027-06-20'; // 11 days past due
    const byRep = await p.call('finance_manager', 'GET', '/finance/receivables/aging/groups?by=rep&pageSize=200');
    expect(byRep.body.items.find((g: { key: string }) => g.key === 'rep_aging')).toEqual({
      key: 'rep_aging', name: 'rep_aging', receivables: 1, notDueFen: 0, days1To30Fen: 12_000, days31To60Fen: 0, days61To90Fen: 0, over90Fen: 0, totalOpenFen: 12_000,
    });
    const byCustomer = await p.call('finance_manager', 'GET', '/finance/receivables/aging/groups?by=customer&pageSize=200');
    expect(byCustomer.body.items.find((g: { key: string }) => g.key === customer.id)).toMatchObject({ name: customer.name, days1To30Fen: 12_000 });
    const byRegion = await p.call('finance_manager', 'GET', '/finance/receivables/aging/groups?by=region&pageSize=200');
    expect(byRegion.body.items.find((g: { key: string }) => g.key === 'South China')).toMatchObject({ totalOpenFen: 12_000 });
    expect((await p.call('finance_manager', 'GET', '/finance/receivables/aging/groups?by=colour')).status).toBe(400);
    expect(await csvOf('finance_manager', '/finance/receivables/aging/groups?by=rep')).toMatch(/rep_aging,rep_aging,1,0\.00,120\.00,0\.00,0\.00,0\.00,120\.00/);
  });

  it.each([
    ['rep_c100', 100, 'full'],
    ['rep_c99', 99, 'partial'],
    ['rep_c97', 97, 'none'],
    ['rep_c94', 94, 'penalty'],
  ])('pays %s commission on %i %% collected, as computed independently from the receipts', async (rep, percent, tier) => {
    // Two receivables of ¥5,000 due in July 2027; the month's receipts collect `percent` of them.
    today = '2027-06-15';
    const customer = await aCreditCustomerOf(rep, 'East China');
    const sku = await aSkuWithStock(p, 10, 500_000);
    const first = await aShippedCreditOrder(customer.id, sku, `ZTO-${rep}-1`);
    const second = await aShippedCreditOrder(customer.id, sku, `ZTO-${rep}-2`);
    today = '2027-07-20';
    const pay = (orderId: string, amountFen: number) => p.call('cashier', 'POST', '/finance/receipts', { orderId, method: 'cash', amountFen, counterfeitChecked: true });
    expect((await pay(first.order.id, 500_000)).status).toBe(201);
    expect((await pay(second.order.id, 1_000_000 * percent / 100 - 500_000 || 1)).status).toBe(201);
    today = '2027-08-02'; // money after the month does not count for July
    if (percent < 100) expect((await pay(second.order.id, 10_000)).status).toBe(201);

    // Independently: what the receipts of July on this rep's orders collected of the ¥10,000 due in July.
    const [{ collected }] = await sql(`SELECT sum(amount_fen)::int AS collected FROM finance.receipts WHERE order_id = ANY($1::uuid[]) AND cashier_date BETWEEN '2027-07-01' AND '2027-07-31'`, [[first.order.id, second.order.id]]);
    const expectedCommission = collected === 1_000_000 ? Math.round(collected * 0.0012) : collected * 100 >= 98 * 1_000_000 ? Math.round(collected * 0.0006) : 0;
    const expectedPenalty = collected * 100 < 95 * 1_000_000 ? Math.round((1_000_000 - collected) * 0.01) : 0;

    const list = await p.call('accountant', 'GET', `/finance/commissions?month=2027-07&rep=${rep}`);
    expect(list.body.items).toEqual([expect.objectContaining({
      month: '2027-07', rep, collectibleFen: 1_000_000, collectedFen: collected, uncollectedFen: 1_000_000 - collected, tier,
      commissionFen: expectedCommission, penaltyFen: expectedPenalty, netFen: expectedCommission - expectedPenalty,
    })]);
    const statement = await p.call('accountant', 'GET', `/finance/commissions/${rep}?month=2027-07`);
    expect(statement.body).toMatchObject({ rep });
    expect(statement.body.lines.map((l: { orderNumber: string; collectibleFen: number }) => [l.orderNumber, l.collectibleFen])).toEqual([[first.order.number, 500_000], [second.order.number, 500_000]]);
    expect(statement.body.explanation).toContain(`(${percent}.00 %)`);
    expect(await csvOf('accountant', `/finance/commissions?month=2027-07&rep=${rep}`)).toContain(`2027-07,${rep},10000.00,${(collected / 100).toFixed(2)}`);
  });
});
