import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { setBusinessClock } from '@ops/kernel';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { aCustomer, aSkuWithStock, expectBooksInOrder, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The financial statements of a month (domain.md, financial statements) through the gateway: after a sale invoiced and a
 * purchase receipt audited in November, the balance sheet balances, the VAT summary's output and input are the journal's,
 * and the income statement's profit is the change in equity between October's end and November's; each answers CSV.
 */
describe('finance: the financial statements of a month', () => {
  let p: TestPlatform;
  // The business clock stands on a November working day (mid-morning in Shanghai) and runs on from there.
  const DAY = '2026-11-20';
  const MONTH = '2026-11';
  const started = Date.now();
  let clockAt = Date.parse(`${DAY}T02:00:00Z`);

  beforeAll(async () => {
    setBusinessClock(() => new Date(clockAt + (Date.now() - started)));
    p = await TestPlatform.start();
  });
  afterAll(async () => {
    await p?.close();
    setBusinessClock(null);
  });
  afterEach(() => expectBooksInOrder(p));

  /** One of inventory's events as its outbox relay would publish it (purchasing is stood in for, as in payables.spec). */
  const publish = async (type: string, aggregateId: string, data: object) => {
    const envelope = {
      id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source: 'inventory', aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'keeper', roles: ['warehouse_manager'] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
  };

  const statement = (kind: string, month: string, role = 'accountant') => p.call(role, 'GET', `/finance/statements/${month}/${kind}`);
  const csv = async (kind: string, month: string) => {
    const res = await fetch(`${p.api}/finance/statements/${month}/${kind}`, { headers: { authorization: `Bearer ${await p.token('finance_manager')}`, accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8');
    const [header, ...rows] = text.trimEnd().split('\r\n').map((line) => line.split(','));
    return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  };
  const account = (tb: any, code: string) => tb.accounts.find((a: any) => a.account === code) ?? { debitFen: 0, creditFen: 0, balanceFen: 0 };

  it('balances, sets VAT against the journal, and shows the month\'s profit as the change in equity; CSV too', async () => {
    // A sale: a prepaid order paid in cash and invoiced (revenue 6001 and output VAT 2221).
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 10, 11_300);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`)).status).toBe(200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true })).status).toBe(201);
    expect((await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(201);
    // The cashier's day is counted and confirmed, so that the month can close later.
    const day = await p.call('cashier', 'POST', '/finance/cashier-days', { businessDate: DAY, cashFen: order.totalFen, posFen: 0, transferFen: 0 });
    expect(day.body).toMatchObject({ status: 'counted', explained: true });
    expect((await p.call('accountant', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).body.status).toBe('closed');

    // A purchase: a receipt audited by purchasing (inventory 1405, input VAT 222101, payable 2202).
    const supplierId = randomUUID();
    await publish('inventory.supplier.saved', supplierId, {
      supplierId, code: `SUP-${supplierId.slice(0, 6)}`, name: '杭州茶业', kind: 'goods', taxId: '91330100MA2XXXXX1', paymentTermsDays: 30,
      bankAccount: '6222020200112233445', bankName: '中国工商银行', active: true, revision: 1,
    });
    const receiptId = randomUUID();
    await publish('inventory.receipt.audited', receiptId, {
      receiptId, receiptNumber: `GR-T-${receiptId.slice(0, 8)}`, supplierId, purchaseOrderId: null, purchaseOrderNumber: null, warehouseCode: 'WH-SH',
      lines: [{ lineNo: 1, sku, quantity: 1, unitPriceFen: 56_500, amountFen: 56_500 }], amountFen: 56_500, auditedAt: new Date().toISOString(),
    });
    await waitFor('the payable of the receipt', async () => (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplierId}`)).body.items.length === 1);

    const tb = (await p.call('accountant', 'GET', '/finance/trial-balance')).body;
    const outputVat = -account(tb, '2221').balanceFen;
    const inputVat = account(tb, '222101').balanceFen;
    const salesNet = -account(tb, '6001').balanceFen;
    expect(outputVat).toBeGreaterThan(0);
    expect(inputVat).toBe(6_500);

    // The balance sheet at November's end balances; taxes payable are output less input.
    const sheet = await statement('balance-sheet', MONTH);
    expect(sheet.status).toBe(200);
    expect(sheet.body).toMatchObject({ month: MONTH, asOf: '2026-11-30', balanced: true });
    expect(sheet.body.totals.assetsFen).toBe(sheet.body.totals.liabilitiesAndEquityFen);
    expect(sheet.body.totals.assetsFen).toBeGreaterThan(0);
    const line = (body: any, key: string) => body.items.find((l: any) => l.key === key);
    expect(line(sheet.body, 'taxes_payable').amountFen).toBe(outputVat - inputVat);
    expect(line(sheet.body, '1405').amountFen).toBe(50_000);

    // The VAT summary's output and input are the journal's, by source.
    const vat = (await statement('vat-summary', MONTH)).body;
    expect(vat).toMatchObject({ month: MONTH, outputVatFen: outputVat, inputVatFen: inputVat, salesNetFen: salesNet, payableFen: Math.max(outputVat - inputVat, 0) });
    expect(vat.items.find((l: any) => l.sourceType === 'invoice')).toMatchObject({ outputVatFen: outputVat, salesNetFen: salesNet });
    expect(vat.items.find((l: any) => l.sourceType === 'payable')).toMatchObject({ inputVatFen: inputVat });

    // The month's net profit is the change in equity between October's end and November's.
    const income = (await statement('income-statement', MONTH)).body;
    const before = (await statement('balance-sheet', '2026-10')).body;
    expect(before.balanced).toBe(true);
    expect(income.netProfitFen).toBe(sheet.body.totals.equityFen - before.totals.equityFen);
    expect(income.netProfitFen).toBe(salesNet);
    expect(income.yearToDateNetProfitFen).toBe(salesNet);
    expect(line(income, '6001')).toMatchObject({ amountFen: salesNet, yearToDateFen: salesNet });

    // An open month answers provisional figures, labelled so; a month not yet begun has none; the auditor reads them.
    for (const body of [sheet.body, vat, income]) expect(body).toMatchObject({ final: false, closedAt: null, closedBy: null });
    expect((await statement('balance-sheet', '2026-12')).status).toBe(422);
    expect((await statement('income-statement', '2026-13')).status).toBe(400);
    expect((await statement('vat-summary', MONTH, 'auditor')).status).toBe(200);
    expect((await statement('vat-summary', MONTH, 'cashier')).status).toBe(403);

    // CSV: the same lines as a table, money in yuan, each row saying the month and that it is not final.
    const sheetCsv = await csv('balance-sheet', MONTH);
    expect(sheetCsv.length).toBe(sheet.body.items.length);
    expect(sheetCsv.find((r) => r.key === 'total_assets')).toMatchObject({ 'amount (CNY)': (sheet.body.totals.assetsFen / 100).toFixed(2), month: MONTH, final: 'false' });
    const vatCsv = await csv('vat-summary', MONTH);
    expect(vatCsv.find((r) => r.sourceType === 'total')).toMatchObject({ 'outputVat (CNY)': (outputVat / 100).toFixed(2), 'inputVat (CNY)': (inputVat / 100).toFixed(2) });
    const incomeCsv = await csv('income-statement', MONTH);
    expect(incomeCsv.find((r) => r.key === 'net_profit')).toMatchObject({ 'amount (CNY)': (salesNet / 100).toFixed(2), 'yearToDate (CNY)': (salesNet / 100).toFixed(2) });
  }, 120_000);

  it('labels a closed month\'s statements final, and counts an entry in the month of its business date: December\'s sale is not November\'s', async () => {
    const november = (await statement('income-statement', MONTH)).body.netProfitFen;
    const novemberSheet = (await statement('balance-sheet', MONTH)).body.totals;
    const novemberVat = (await statement('vat-summary', MONTH)).body;
    // The clock moves to December and November is closed: its statements are final, the figures unchanged.
    clockAt = Date.parse('2026-12-02T02:00:00Z') - (Date.now() - started);
    const closed = await p.call('finance_manager', 'POST', `/finance/periods/${MONTH}/close`);
    expect(closed.status === 200 ? closed.body : closed).toMatchObject({ month: MONTH, status: 'closed' });
    for (const kind of ['balance-sheet', 'income-statement', 'vat-summary']) {
      const body = (await statement(kind, MONTH)).body;
      expect(body).toMatchObject({ month: MONTH, final: true, closedBy: closed.body.closedBy, closedAt: closed.body.closedAt });
      expect(body.items.every((l: any) => l.final === true)).toBe(true);
    }
    expect((await csv('income-statement', MONTH)).every((r) => r.final === 'true')).toBe(true);
    expect((await statement('vat-summary', MONTH)).body.outputVatFen).toBe(novemberVat.outputVatFen);
    // December is open: provisional.
    expect((await statement('balance-sheet', '2026-12')).body.final).toBe(false);

    // A sale in December changes December's statements only.
    const customer = await aCustomer(p, '华东商贸');
    const sku = await aSkuWithStock(p, 10, 22_600);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`)).status).toBe(200);
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true })).status).toBe(201);
    expect((await p.call('cashier', 'POST', `/finance/orders/${order.id}/invoice`, {})).status).toBe(201);

    expect((await statement('income-statement', MONTH)).body.netProfitFen).toBe(november);
    expect((await statement('balance-sheet', MONTH)).body.totals).toEqual(novemberSheet);
    const december = (await statement('income-statement', '2026-12')).body;
    expect(december.netProfitFen).toBe(20_000);
    expect(december.yearToDateNetProfitFen).toBe(november + 20_000);
    const decemberSheet = (await statement('balance-sheet', '2026-12')).body;
    expect(decemberSheet.balanced).toBe(true);
    expect(decemberSheet.totals.equityFen - novemberSheet.equityFen).toBe(december.netProfitFen);
    expect((await statement('vat-summary', '2026-12')).body).toMatchObject({ outputVatFen: 2_600, inputVatFen: 0, payableFen: 2_600, final: false });
  }, 120_000);
});
