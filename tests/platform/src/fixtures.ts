import { randomUUID } from 'node:crypto';
import { ledgerProblems } from '@ops/inventory';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import type { TestPlatform } from './platform.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export async function aCustomer(p: TestPlatform, name = '晨光贸易', details: { taxId?: string } = {}): Promise<{ id: string; name: string }> {
  const res = await p.call('sales_rep', 'POST', `/sales/customers`, { code: unique('C'), name, ...details });
  if (res.status !== 201) throw new Error(`customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A customer allowed to buy on credit: the change requested by a rep, approved by a sales manager and
 * then the sales VP, as domain.md §4.4 asks.
 */
export async function aCreditCustomer(p: TestPlatform, terms: { grade?: string; creditLimitFen?: number; paymentTermsDays?: number } = {}) {
  const customer = await aCustomer(p);
  const change = await p.call('sales_rep', 'POST', `/sales/customers/${customer.id}/credit-changes`, {
    grade: terms.grade ?? 'B', creditLimitFen: terms.creditLimitFen ?? 10_000_000, paymentTermsDays: terms.paymentTermsDays ?? 30, reason: 'test customer on credit',
  });
  if (change.status !== 201) throw new Error(`credit change: ${change.status} ${JSON.stringify(change.body)}`);
  for (const role of ['sales_manager', 'sales_vp']) {
    const res = await p.call(role, 'POST', `/sales/credit-changes/${change.body.id}/approve`);
    if (res.status !== 200) throw new Error(`credit approval by ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return customer;
}

/** An approved price list for `prices`, valid from long ago, drafted by a sales manager and approved by finance. */
export async function aPriceList(p: TestPlatform, prices: Array<{ sku: string; listPriceFen: number; floorPriceFen?: number }>) {
  const lines = prices.map((l) => ({ sku: l.sku, listPriceFen: l.listPriceFen, floorPriceFen: l.floorPriceFen ?? Math.floor((l.listPriceFen * 9) / 10) }));
  const list = await p.call('sales_manager', 'POST', '/sales/price-lists', { name: 'Test list', validFrom: '2020-01-01', lines });
  if (list.status !== 201) throw new Error(`price list: ${list.status} ${JSON.stringify(list.body)}`);
  const approved = await p.call('finance_manager', 'POST', `/sales/price-lists/${list.body.id}/approve`);
  if (approved.status !== 200) throw new Error(`price list approval: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body as { id: string; number: string };
}

/** Goods received by a keeper and audited by the warehouse manager, so they are in stock. */
export async function receiveStock(p: TestPlatform, sku: string, quantity: number, reference: string, lot: { location?: string; batch?: string } = {}) {
  const receipt = await p.call('warehouse_keeper', 'POST', `/inventory/stock-receipts`, { reference, lines: [{ sku, quantity, ...lot }] });
  if (receipt.status !== 201) throw new Error(`stock receipt: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  const audited = await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${receipt.body.id}/audit`);
  if (audited.status !== 200) throw new Error(`receipt audit: ${audited.status} ${JSON.stringify(audited.body)}`);
  return audited.body as { id: string; number: string };
}

/** A SKU known to inventory with `quantity` on hand, and to sales at `listPriceFen` (floor 90% of it). */
export async function aSkuWithStock(p: TestPlatform, quantity: number, listPriceFen = 100): Promise<string> {
  const code = unique('SKU');
  const sku = await p.call('warehouse_manager', 'POST', `/inventory/skus`, { code, name: 'Tea gift box', model: 'LJ-250', version: 'v2', unit: 'box' });
  if (sku.status !== 201) throw new Error(`sku: ${sku.status} ${JSON.stringify(sku.body)}`);
  if (quantity > 0) await receiveStock(p, code, quantity, 'OPENING');
  await aPriceList(p, [{ sku: code, listPriceFen }]);
  return code;
}

export function orderBody(customerId: string, lines: Array<{ sku: string; quantity: number; unitPriceFen?: number }>, paymentTerms = 'prepaid') {
  return {
    customerId,
    paymentTerms,
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express',
    requestedDate: '2026-12-01',
    lines,
  };
}

export async function placeOrder(p: TestPlatform, body: object): Promise<{ id: string; number: string; status: string; totalFen: number; approvalLevel: string; approvalReasons: string[] }> {
  // As the API tells a client on a 504: the outcome is unknown, so ask again with the same Idempotency-Key, which
  // answers the first result rather than placing a second order (a loaded CI box sometimes answers many at once late).
  const key = randomUUID();
  let res = await p.call('sales_rep', 'POST', `/sales/orders`, body, { 'idempotency-key': key });
  for (let retry = 0; res.status === 504 && retry < 2; retry++) res = await p.call('sales_rep', 'POST', `/sales/orders`, body, { 'idempotency-key': key });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function orderReaches(p: TestPlatform, orderId: string, status: string | string[], timeoutMs = 15_000) {
  const wanted = Array.isArray(status) ? status : [status];
  return waitFor(`order ${orderId} to be ${wanted.join(' or ')}`, async () => {
    const res = await p.read(`/sales/orders/${orderId}`);
    return res.status === 200 && wanted.includes(res.body.status) ? res.body : false;
  }, { timeoutMs });
}

/**
 * The warehouse's part for a released order (all of it, or `lines` of it): a pick list once inventory has heard of the release, picked by
 * one keeper (warehouse_keeper), verified and packed by another (warehouse_manager).
 */
export async function pickVerifyPack(p: TestPlatform, orderId: string, pieces: number, lines?: Array<{ sku: string; quantity: number }>) {
  const list = await waitFor(`a pick list for ${orderId}`, async () => {
    const res = await p.call('warehouse_keeper', 'POST', '/inventory/pick-lists', { orderId, ...(lines ? { lines } : {}) });
    return res.status === 201 ? res.body : false;
  });
  const counts = list.lines.map((l: { sku: string; quantity: number }) => ({ sku: l.sku, quantity: l.quantity }));
  for (const [role, step, body] of [
    ['warehouse_keeper', 'pick', { lines: counts }],
    ['warehouse_manager', 'verify', { lines: counts }],
    ['warehouse_manager', 'pack', { pieces }],
  ] as const) {
    const res = await p.call(role, 'POST', `/inventory/pick-lists/${list.id}/${step}`, body);
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return list as { id: string; number: string; lines: Array<{ sku: string; quantity: number }> };
}

/**
 * Finance's books as an auditor checks them, read in one statement (one snapshot): every entry balances;
 * receivables (1122) in the journal are the open receivables; customer prepayments (2203) are the customers'
 * balances plus money paid on live orders not yet set against an invoice, plus refunds due and not yet paid;
 * and the trial balance agrees.
 */
export async function expectBooksInOrder(p: TestPlatform): Promise<void> {
  const [books] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`
    SELECT (SELECT count(*) FROM (SELECT entry_id FROM finance.journal_lines GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)) x)::int AS unbalanced,
           (SELECT COALESCE(sum(debit_fen - credit_fen), 0) FROM finance.journal_lines WHERE account = '1122')::bigint AS journal_receivables,
           (SELECT COALESCE(sum(amount_fen - settled_fen), 0) FROM finance.receivables WHERE status = 'open')::bigint AS open_receivables,
           (SELECT COALESCE(sum(credit_fen - debit_fen), 0) FROM finance.journal_lines WHERE account = '2203')::bigint AS journal_prepayments,
           ((SELECT COALESCE(sum(prepayment_fen), 0) FROM finance.customer_balances)
             + (SELECT COALESCE(sum(paid_fen - covered_fen), 0) FROM finance.order_accounts WHERE cancellation IS NULL)
             + (SELECT COALESCE(sum(amount_fen), 0) FROM finance.refunds WHERE status = 'due'))::bigint AS held_prepayments`)).rows);
  expect(books).toEqual({ unbalanced: 0, journal_receivables: books.open_receivables, open_receivables: books.open_receivables, journal_prepayments: books.held_prepayments, held_prepayments: books.held_prepayments });
  // Supplier side: 2202 is what open payables still owe, 1123 what is held for suppliers (PO prepayments paid go into it).
  const [suppliers] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`
    SELECT (SELECT COALESCE(sum(credit_fen - debit_fen), 0) FROM finance.journal_lines WHERE account = '2202')::bigint AS journal_payables,
           (SELECT COALESCE(sum(amount_fen - settled_fen), 0) FROM finance.payables WHERE status = 'open')::bigint AS open_payables,
           (SELECT COALESCE(sum(debit_fen - credit_fen), 0) FROM finance.journal_lines WHERE account = '1123')::bigint AS journal_supplier_prepayments,
           (SELECT COALESCE(sum(prepayment_fen), 0) FROM finance.supplier_accounts)::bigint AS held_supplier_prepayments`)).rows);
  expect(suppliers).toEqual({
    journal_payables: suppliers.open_payables, open_payables: suppliers.open_payables,
    journal_supplier_prepayments: suppliers.held_supplier_prepayments, held_supplier_prepayments: suppliers.held_supplier_prepayments,
  });
  // Outlets: the money of the till tickets booked (less voids) is the takings finance keeps per ticket; the handovers'
  // cash over and short (6301, 6711) add up to the shifts' differences; the waste's loss (6601) to the waste costed.
  const [outlets] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`
    SELECT (SELECT COALESCE(sum(l.debit_fen - l.credit_fen), 0) FROM finance.journal_lines l JOIN finance.journal_entries e ON e.id = l.entry_id
             WHERE e.source_type IN ('till_ticket', 'till_void') AND l.account IN ('1001', '1002', '1012'))::bigint AS journal_takings,
           (SELECT COALESCE(sum(CASE kind WHEN 'paid' THEN total_fen ELSE -total_fen END), 0) FROM finance.till_takings)::bigint AS takings,
           (SELECT COALESCE(sum(l.credit_fen - l.debit_fen), 0) FROM finance.journal_lines l JOIN finance.journal_entries e ON e.id = l.entry_id
             WHERE e.source_type = 'outlet_shift' AND l.account IN ('6301', '6711'))::bigint AS journal_differences,
           (SELECT COALESCE(sum(difference_fen), 0) FROM finance.outlet_shifts)::bigint AS differences,
           (SELECT COALESCE(sum(l.debit_fen - l.credit_fen), 0) FROM finance.journal_lines l JOIN finance.journal_entries e ON e.id = l.entry_id
             WHERE e.source_type = 'outlet_waste' AND l.account = '6601')::bigint AS journal_waste,
           (SELECT COALESCE(sum(cost_fen), 0) FROM finance.outlet_waste_costs)::bigint AS waste`)).rows);
  expect(outlets).toEqual({
    journal_takings: outlets.takings, takings: outlets.takings, journal_differences: outlets.differences, differences: outlets.differences,
    journal_waste: outlets.waste, waste: outlets.waste,
  });
  const trial = await p.call('accountant', 'GET', '/finance/trial-balance');
  expect(trial.body).toMatchObject({ balanced: true, totals: { debitFen: trial.body.totals.creditFen } });
}

/** The stock ledger's rules hold over everything the platform wrote: on hand = movements, lots = levels, nothing negative, reservations = reserved. */
export async function expectStockLedgerInOrder(p: TestPlatform): Promise<void> {
  const problems = await withClient(p.env.databaseUrl, async (c) => {
    const rows = async (text: string) => (await c.query(text)).rows as any[];
    return ledgerProblems({
      levels: (await rows(`SELECT sku_code, warehouse_code, on_hand, reserved FROM inventory.stock_levels`)).map((r) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, onHand: r.on_hand, reserved: r.reserved })),
      lots: (await rows(`SELECT sku_code, warehouse_code, location, batch, on_hand FROM inventory.stock_lots`)).map((r) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, location: r.location, batch: r.batch, onHand: r.on_hand })),
      movements: (await rows(`SELECT sku_code, warehouse_code, location, batch, quantity FROM inventory.stock_movements`)).map((r) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, location: r.location, batch: r.batch, quantity: r.quantity })),
      reservations: (await rows(`SELECT sku_code, warehouse_code, quantity, shipped_quantity, status FROM inventory.reservations`)).map((r) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, quantity: r.quantity, shippedQuantity: r.shipped_quantity, status: r.status })),
    });
  });
  expect(problems).toEqual([]);
}
