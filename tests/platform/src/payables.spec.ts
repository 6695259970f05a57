import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { addDays, businessDate } from '@ops/kernel';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { expectBooksInOrder } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

/**
 * Supplier payables and payments in finance, fed by purchasing's events published straight to NATS as inventory
 * publishes them (the purchasing API is built separately): a payable per audited receipt with its journal entry,
 * a payment request climbing purchaser → purchasing manager → general manager before finance pays, an
 * overpayment held as prepayment and used on the next settlement, purchase returns, PO prepayments, supplier
 * invoices and the weekly summary. The books hold after each test (2202 = open payables, 1123 = held).
 */
describe('finance: supplier payables and payments', () => {
  let p: TestPlatform;
  const paid: Array<EventEnvelope<any>> = [];
  const today = () => businessDate();

  beforeAll(async () => {
    // Finance alone: inventory's purchasing is stood in for by the events below.
    p = await TestPlatform.start({ services: ['finance'] });
    p.nc.subscribe(p.env.naming.subject('finance.supplier-payment.paid.v1'), { callback: (error, msg) => void (!error && paid.push(msg.json())) });
  });

  afterAll(async () => {
    await p?.close();
  });

  afterEach(() => expectBooksInOrder(p));

  /** Publishes one of inventory's events as its outbox relay would: an envelope on the type's versioned subject. */
  const publish = async (type: string, aggregateId: string, data: object) => {
    const envelope = {
      id: uuidv7(), type, version: 1, occurredAt: new Date().toISOString(), source: 'inventory', aggregateId, correlationId: aggregateId, causationId: null,
      actor: { userId: 'keeper', roles: ['warehouse_manager'] }, data,
    };
    await jetstream(p.nc).publish(p.env.naming.subject(`${type}.v1`), JSON.stringify(envelope), { headers: natsHeaders(), msgID: envelope.id });
  };

  const aSupplier = async (terms = 30, revision = 1, id: string = randomUUID()) => {
    await publish('inventory.supplier.saved', id, {
      supplierId: id, code: `SUP-${id.slice(0, 6)}`, name: `供应商 ${id.slice(0, 6)}`, kind: 'goods', taxId: '91330100MA2XXXXX1', paymentTermsDays: terms,
      bankAccount: '6222020200112233445', bankName: '中国工商银行', active: true, revision,
    });
    await waitFor('the supplier copy', async () => (await p.call('accountant', 'GET', '/finance/suppliers?pageSize=200')).body.items.find((s: any) => s.id === id && s.revision === revision));
    return id;
  };

  const anAuditedReceipt = async (supplierId: string, amountFen: number, auditedAt = new Date().toISOString()) => {
    const receiptId = randomUUID();
    const receiptNumber = `GR-T-${receiptId.slice(0, 8)}`;
    const data = {
      receiptId, receiptNumber, supplierId, purchaseOrderId: null, purchaseOrderNumber: null, warehouseCode: 'WH-SH',
      lines: [{ lineNo: 1, sku: 'SKU-TEA-001', quantity: 1, unitPriceFen: amountFen, amountFen }], amountFen, auditedAt,
    };
    await publish('inventory.receipt.audited', receiptId, data);
    const payable = await payableOf(supplierId, receiptId);
    return { receiptId, receiptNumber, payable, data };
  };

  const payables = async (supplierId: string) => (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplierId}&pageSize=200`)).body.items as any[];
  const payableOf = (supplierId: string, receiptId: string) => waitFor(`the payable of ${receiptId}`, async () => (await payables(supplierId)).find((x) => x.receiptId === receiptId));
  const supplierAccount = async (id: string) => (await p.call('finance_manager', 'GET', '/finance/suppliers?pageSize=200')).body.items.find((s: any) => s.id === id);
  const journalOf = async (sourceId: string) => (await p.call('accountant', 'GET', `/finance/journal?sourceId=${sourceId}`)).body.items as any[];

  /** A request created by the purchaser and approved at both levels by other people. */
  const anApprovedRequest = async (body: object) => {
    const created = await p.call('purchaser', 'POST', '/finance/payment-requests', body);
    expect(created.status).toBe(201);
    const path = `/finance/payment-requests/${created.body.id}`;
    expect((await p.call('purchasing_manager', 'POST', `${path}/approve`)).body.status).toBe('manager_approved');
    expect((await p.call('general_manager', 'POST', `${path}/approve`)).body.status).toBe('approved');
    return { id: created.body.id as string, path, number: created.body.number as string };
  };

  it('raises a payable for exactly the receipt with its journal entry, once, and follows the supplier\'s terms when its record arrives late', async () => {
    const supplierId = randomUUID();
    // The receipt's event comes before the supplier's: the payable is raised anyway, on terms 0.
    const { receiptId, payable, data } = await anAuditedReceipt(supplierId, 113_000);
    expect(payable).toMatchObject({ amountFen: 113_000, netFen: 100_000, vatFen: 13_000, settledFen: 0, remainingFen: 113_000, status: 'open', paymentTermsDays: 0, termsProvisional: true, dueDate: today(), missingInvoice: true });
    const entry = await journalOf(payable.id);
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ sourceType: 'payable', lines: [
      { account: '1405', debitFen: 100_000, creditFen: 0 }, { account: '222101', debitFen: 13_000, creditFen: 0 }, { account: '2202', debitFen: 0, creditFen: 113_000 },
    ] });
    // The same receipt heard again (a redelivery under another message id): still one payable, one entry.
    await publish('inventory.receipt.audited', receiptId, data);
    await aSupplier(30, 2, supplierId);
    expect((await payableOf(supplierId, receiptId))).toMatchObject({ paymentTermsDays: 30, termsProvisional: false, dueDate: addDays(today(), 30) });
    // An older revision arriving late changes nothing.
    await publish('inventory.supplier.saved', supplierId, {
      supplierId, code: 'OLD', name: 'old name', kind: 'goods', taxId: null, paymentTermsDays: 5, bankAccount: null, bankName: null, active: true, revision: 1,
    });
    await aSupplier(45, 3, supplierId);
    expect(await supplierAccount(supplierId)).toMatchObject({ revision: 3, paymentTermsDays: 45, owedFen: 113_000, prepaymentFen: 0, openPayables: 1, bankAccount: '6222 **** **** 3445' });
    expect(await payables(supplierId)).toHaveLength(1);
    expect(await journalOf(payable.id)).toHaveLength(1);
    // An old receipt past its terms is overdue.
    const old = await anAuditedReceipt(supplierId, 5_000, new Date(Date.now() - 60 * 86_400_000).toISOString());
    expect(old.payable).toMatchObject({ overdue: true, paymentTermsDays: 45 });
    const overdue = (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplierId}&overdue=true`)).body.items.map((x: any) => x.id);
    expect(overdue).toEqual([old.payable.id]);
    // Purchasing reads payables; a sales rep does not.
    expect((await p.call('purchaser', 'GET', `/finance/payables?supplierId=${supplierId}`)).status).toBe(200);
    expect((await p.call('sales_rep', 'GET', '/finance/payables')).status).toBe(403);
  });

  it('climbs purchaser → purchasing manager → general manager (never the creator), and an overpayment becomes prepayment used on the next settlement', async () => {
    const supplierId = await aSupplier(30);
    const { payable } = await anAuditedReceipt(supplierId, 11_300);

    // Someone who is both purchaser and purchasing manager may create a request but not approve it.
    const admin = { authorization: `Bearer ${await p.token('admin')}` };
    const username = `buyer.${randomUUID().slice(0, 6)}`;
    expect((await http('POST', `${p.api}/identity/users`, { username, displayName: '采购兼经理', password: 'a long passphrase', roles: ['purchaser', 'purchasing_manager'] }, admin)).status).toBe(201);
    const both = { authorization: `Bearer ${(await http('POST', `${p.api}/auth/login`, { username, password: 'a long passphrase' })).body.accessToken}` };
    const created = await http('POST', `${p.api}/finance/payment-requests`, { supplierId, payableIds: [payable.id], amountFen: 15_000, reason: 'November delivery' }, both);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', kind: 'payables', amountFen: 15_000, number: expect.stringMatching(/^SPR-\d{4}-\d{6}$/) });
    const path = `/finance/payment-requests/${created.body.id}`;
    expect((await p.call('purchasing_manager', 'GET', '/finance/payment-requests?status=submitted&pageSize=200')).body.items.map((r: any) => r.id)).toContain(created.body.id);
    expect((await http('POST', `${p.api}${path}/approve`, undefined, both)).body.type).toMatch(/self-approval$/);
    expect((await p.call('purchaser', 'POST', `${path}/approve`)).status).toBe(403);
    expect((await p.call('finance_manager', 'POST', `${path}/pay`, { method: 'cash' })).status).toBe(409);
    expect((await p.call('purchasing_manager', 'POST', `${path}/approve`)).body).toMatchObject({ status: 'manager_approved', managerApprovedBy: expect.any(String) });
    // The purchasing manager cannot give the general manager's approval too.
    expect((await p.call('purchasing_manager', 'POST', `${path}/approve`)).status).toBe(403);
    expect((await p.call('general_manager', 'GET', '/finance/payment-requests?status=manager_approved&pageSize=200')).body.items.map((r: any) => r.id)).toContain(created.body.id);
    expect((await p.call('general_manager', 'POST', `${path}/approve`)).body.status).toBe('approved');

    const noReference = await p.call('cashier', 'POST', `${path}/pay`, { method: 'transfer' });
    expect(noReference.status).toBe(400);
    const done = await p.call('finance_manager', 'POST', `${path}/pay`, { method: 'transfer', bankReference: 'ICBC-20261130-0042' });
    expect(done.body).toMatchObject({ status: 'paid', prepaymentUsedFen: 0, toPayablesFen: 11_300, toPrepaymentFen: 3_700, method: 'transfer', bankReference: 'ICBC-20261130-0042' });
    expect((await p.call('finance_manager', 'POST', `${path}/pay`, { method: 'transfer', bankReference: 'again' })).status).toBe(409);
    expect(await payableOf(supplierId, payable.receiptId)).toMatchObject({ status: 'settled', settledFen: 11_300, remainingFen: 0 });
    expect(await supplierAccount(supplierId)).toMatchObject({ owedFen: 0, prepaymentFen: 3_700 });
    expect((await journalOf(created.body.id))[0]).toMatchObject({ sourceType: 'supplier_payment', lines: [
      { account: '2202', debitFen: 11_300, creditFen: 0 }, { account: '1123', debitFen: 3_700, creditFen: 0 }, { account: '1002', debitFen: 0, creditFen: 15_000 },
    ] });
    const event = await waitFor('the payment on NATS', () => paid.find((e) => e.data.paymentRequestId === created.body.id));
    expect(event.data).toMatchObject({ supplierId, amountFen: 15_000, toPayablesFen: 11_300, toPrepaymentFen: 3_700, settledPayableIds: [payable.id] });

    // The next receipt is settled by the prepayment held at once.
    const next = await anAuditedReceipt(supplierId, 5_000);
    expect(next.payable).toMatchObject({ amountFen: 5_000, settledFen: 3_700, remainingFen: 1_300, status: 'open' });
    expect(await supplierAccount(supplierId)).toMatchObject({ owedFen: 1_300, prepaymentFen: 0 });
    const used = (await journalOf(next.payable.id)).find((e) => e.sourceType === 'supplier_prepayment_use');
    expect(used.lines).toEqual([expect.objectContaining({ account: '2202', debitFen: 3_700 }), expect.objectContaining({ account: '1123', creditFen: 3_700 })]);

    // Rejected with a reason at the general manager's level: final.
    const second = await p.call('purchaser', 'POST', '/finance/payment-requests', { supplierId, payableIds: [next.payable.id], amountFen: 1_300, reason: 'rest' });
    const secondPath = `/finance/payment-requests/${second.body.id}`;
    await p.call('purchasing_manager', 'POST', `${secondPath}/approve`);
    expect((await p.call('general_manager', 'POST', `${secondPath}/reject`, {})).status).toBe(400);
    expect((await p.call('general_manager', 'POST', `${secondPath}/reject`, { reason: 'Quality claim open' })).body).toMatchObject({ status: 'rejected', rejectionReason: 'Quality claim open' });
    expect((await p.call('general_manager', 'POST', `${secondPath}/approve`)).status).toBe(409);
  });

  it('lowers the named receipt\'s payable by a purchase return, then the oldest, and credits the supplier when nothing is owed', async () => {
    const supplierId = await aSupplier(30);
    const older = await anAuditedReceipt(supplierId, 6_000, new Date(Date.now() - 10 * 86_400_000).toISOString());
    const named = await anAuditedReceipt(supplierId, 10_000);
    const returnId = randomUUID();
    const shipped = {
      purchaseReturnId: returnId, number: `PR-T-${returnId.slice(0, 6)}`, supplierId, receiptId: named.receiptId, receiptNumber: named.receiptNumber,
      lines: [{ lineNo: 1, sku: 'SKU-TEA-001', quantity: 1, unitPriceFen: 4_520, amountFen: 4_520 }], amountFen: 4_520, shippedAt: new Date().toISOString(),
    };
    await publish('inventory.purchase-return.shipped', returnId, shipped);
    await waitFor('the return booked', async () => (await payableOf(supplierId, named.receiptId)).settledFen === 4_520);
    expect(await payableOf(supplierId, named.receiptId)).toMatchObject({ remainingFen: 5_480, returnedFen: 4_520, status: 'open' });
    expect(await payableOf(supplierId, older.receiptId)).toMatchObject({ settledFen: 0 });
    expect((await journalOf(returnId))[0].lines).toEqual([
      expect.objectContaining({ account: '2202', debitFen: 4_520 }), expect.objectContaining({ account: '1405', creditFen: 4_000 }), expect.objectContaining({ account: '222101', creditFen: 520 }),
    ]);
    await publish('inventory.purchase-return.shipped', returnId, shipped); // heard twice: booked once

    // A bigger return naming no receipt: the oldest first, then the named one's rest, then credit.
    const bigId = randomUUID();
    await publish('inventory.purchase-return.shipped', bigId, {
      ...shipped, purchaseReturnId: bigId, number: `PR-T-${bigId.slice(0, 6)}`, receiptId: null, receiptNumber: null,
      lines: [{ lineNo: 1, sku: 'SKU-TEA-001', quantity: 1, unitPriceFen: 13_480, amountFen: 13_480 }], amountFen: 13_480,
    });
    await waitFor('the supplier credit', async () => (await supplierAccount(supplierId)).prepaymentFen === 2_000);
    expect((await payables(supplierId)).map((x) => [x.status, x.remainingFen])).toEqual([['settled', 0], ['settled', 0]]);
    expect((await journalOf(bigId))[0].lines).toEqual([
      expect.objectContaining({ account: '2202', debitFen: 11_480 }), expect.objectContaining({ account: '1123', debitFen: 2_000 }),
      expect.objectContaining({ account: '1405' }), expect.objectContaining({ account: '222101' }),
    ]);
    expect(await journalOf(returnId)).toHaveLength(1);
  });

  it('lists a purchase order awaiting its prepayment, pays it wholly to 1123 and uses it on the next settlement', async () => {
    const supplierId = await aSupplier(15);
    const purchaseOrderId = randomUUID();
    const number = `PO-T-${purchaseOrderId.slice(0, 6)}`;
    await publish('inventory.purchase-order.approved', purchaseOrderId, { purchaseOrderId, number, supplierId, amountFen: 50_000, prepaymentFen: 20_000, approvedAt: new Date().toISOString() });
    const awaiting = await waitFor('the prepayment awaited', async () => (await p.call('purchaser', 'GET', '/finance/purchase-prepayments?status=awaiting&pageSize=200')).body.items.find((x: any) => x.purchaseOrderId === purchaseOrderId));
    expect(awaiting).toMatchObject({ requiredFen: 20_000, paidFen: 0, orderAmountFen: 50_000, status: 'awaiting', purchaseOrderNumber: number });
    const tooMuch = await p.call('purchaser', 'POST', '/finance/payment-requests', { supplierId, purchaseOrderId, amountFen: 20_001, reason: 'prepayment' });
    expect(tooMuch).toMatchObject({ status: 422, body: { errors: [{ field: 'amountFen' }] } });
    const request = await anApprovedRequest({ supplierId, purchaseOrderId, amountFen: 20_000, reason: 'Prepayment per contract' });
    expect((await p.call('cashier', 'POST', `${request.path}/pay`, { method: 'cash' })).body).toMatchObject({ status: 'paid', kind: 'prepayment', toPrepaymentFen: 20_000, toPayablesFen: 0 });
    expect((await p.call('purchaser', 'GET', `/finance/purchase-prepayments?supplierId=${supplierId}`)).body.items[0]).toMatchObject({ status: 'paid', paidFen: 20_000 });
    expect((await journalOf(request.id))[0].lines).toEqual([expect.objectContaining({ account: '1123', debitFen: 20_000 }), expect.objectContaining({ account: '1001', creditFen: 20_000 })]);
    expect(await supplierAccount(supplierId)).toMatchObject({ prepaymentFen: 20_000 });
    const { payable } = await anAuditedReceipt(supplierId, 15_000);
    expect(payable).toMatchObject({ status: 'settled', settledFen: 15_000, remainingFen: 0 });
    expect(await supplierAccount(supplierId)).toMatchObject({ prepaymentFen: 5_000, owedFen: 0 });
  });

  it('records supplier invoices, lists what is missing one, and summarises last week (JSON and CSV)', async () => {
    const supplierId = await aSupplier(30);
    const a = await anAuditedReceipt(supplierId, 8_000);
    const b = await anAuditedReceipt(supplierId, 2_000);
    const wrongTotal = await p.call('accountant', 'POST', '/finance/supplier-invoices', { supplierId, invoiceNumber: '04412345', invoiceDate: today(), amountFen: 9_999, payableIds: [a.payable.id] });
    expect(wrongTotal).toMatchObject({ status: 422, body: { errors: [{ field: 'amountFen' }] } });
    const invoice = await p.call('accountant', 'POST', '/finance/supplier-invoices', { supplierId, invoiceNumber: '04412345', invoiceDate: today(), amountFen: 8_000, payableIds: [a.payable.id] });
    expect(invoice).toMatchObject({ status: 201, body: { invoiceNumber: '04412345', payableIds: [a.payable.id] } });
    expect((await p.call('accountant', 'POST', '/finance/supplier-invoices', { supplierId, invoiceNumber: '04412345', invoiceDate: today(), amountFen: 2_000, payableIds: [b.payable.id] })).status).toBe(409);
    expect((await p.call('purchaser', 'POST', '/finance/supplier-invoices', { supplierId, invoiceNumber: 'X', invoiceDate: today(), amountFen: 2_000, payableIds: [b.payable.id] })).status).toBe(403);
    const missing = (await p.call('accountant', 'GET', `/finance/payables?supplierId=${supplierId}&missingInvoice=true`)).body.items;
    expect(missing.map((x: any) => x.id)).toEqual([b.payable.id]);
    expect((await payableOf(supplierId, a.receiptId)).supplierInvoiceNumber).toBe('04412345');

    const request = await anApprovedRequest({ supplierId, payableIds: [a.payable.id], amountFen: 8_000, reason: 'Invoiced delivery' });
    await p.call('finance_manager', 'POST', `${request.path}/pay`, { method: 'transfer', bankReference: 'ICBC-WEEK-1' });
    // `weekOf` a week ahead: the week summarised is this one, with today's payment in it.
    const weekOf = addDays(today(), 7);
    const summary = (await p.call('general_manager', 'GET', `/finance/payables/weekly-summary?weekOf=${weekOf}&pageSize=200`)).body.items as any[];
    const mine = summary.filter((l) => l.supplierId === supplierId);
    expect(mine).toEqual([
      expect.objectContaining({ section: 'paid', documentNumber: request.number, amountFen: 8_000, date: today() }),
      expect.objectContaining({ section: 'owed', amountFen: 2_000, count: 1, overdueFen: 0 }),
      expect.objectContaining({ section: 'missing_invoice', documentNumber: b.receiptNumber, amountFen: 2_000 }),
    ]);
    expect(mine[0].weekFrom <= today() && today() <= mine[0].weekTo).toBe(true);
    const lastWeek = (await p.call('general_manager', 'GET', `/finance/payables/weekly-summary?weekOf=${today()}&pageSize=200`)).body.items as any[];
    expect(lastWeek.filter((l) => l.supplierId === supplierId).map((l) => l.section)).toEqual(['owed', 'missing_invoice']);
    const csv = await fetch(`${p.api}/finance/payables/weekly-summary?weekOf=${weekOf}`, { headers: { authorization: `Bearer ${await p.token('finance_manager')}`, accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toMatch(/section,weekFrom,weekTo,supplierId/);
    expect(text).toContain(`paid,`);
    expect(text).toContain(request.number);
    expect(text).toContain('80.00');
  });
});
