import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, expectBooksInOrder, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The books (domain.md, "The books"): a voucher posts only after another accountant's review; a month closes only
 * when everything agrees, and lists what does not; once closed, nothing posts into it, and today's postings land
 * in the open month.
 */
describe('finance: vouchers and the month-end close', () => {
  let p: TestPlatform;
  let subscription: Subscription | undefined;
  const closedEvents: EventEnvelope[] = [];
  // The business clock stands on 2026-11-30 (10:00 in Shanghai) and runs on; the close moves it to 1 December.
  let base = Date.parse('2026-11-30T02:00:00Z');
  let since = Date.now();
  const moveTo = (iso: string) => {
    base = Date.parse(iso);
    since = Date.now();
  };
  const rent = (entryDate: string, fen = 12_000) => ({
    entryDate, memo: 'Accrued office rent for November', attachmentCount: 1, attachmentRefs: ['Lease 2026-03'],
    lines: [{ accountCode: '6602', debitFen: fen, memo: 'rent' }, { accountCode: '2241', creditFen: fen }],
  });
  let receiptNumber = '';
  let pendingVoucherId = '';
  let orderSku = '';
  let customer: { id: string };

  beforeAll(async () => {
    setBusinessClock(() => new Date(base + (Date.now() - since)));
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('finance.period.closed.v1'), { callback: (error, msg) => void (!error && closedEvents.push(msg.json<EventEnvelope>())) });
    customer = await aCustomer(p);
    orderSku = await aSkuWithStock(p, 100, 10_000);
  });
  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  const paidOrder = async (fen: number) => {
    const order = await placeOrder(p, orderBody(customer.id, [{ sku: orderSku, quantity: fen / 10_000 }]));
    expect((await p.call('cashier', 'GET', `/finance/orders/${order.id}/account?waitSeconds=10`)).status).toBe(200);
    const receipt = await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: fen, counterfeitChecked: true });
    expect(receipt.status).toBe(201);
    return receipt.body;
  };
  const entryDateOf = async (sourceId: string) =>
    withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT to_char(entry_date, 'YYYY-MM-DD') AS d FROM finance.journal_entries WHERE source_id = $1`, [sourceId])).rows.map((r) => r.d));

  it('posts a voucher only after another accountant has reviewed it; its preparer may not', async () => {
    // Field by field: an unbalanced voucher and a control account are refused before anything is kept.
    const bad = await p.call('accountant', 'POST', '/finance/vouchers', { ...rent('2026-11-30'), lines: [{ accountCode: '6602', debitFen: 12_000 }, { accountCode: '1122', creditFen: 10_000 }] });
    expect([bad.status, bad.body.errors]).toEqual([422, [
      { field: 'lines[1].accountCode', message: expect.stringContaining('control account') },
      { field: 'lines', message: expect.stringContaining('do not balance') },
    ]]);

    const drafted = await p.call('accountant', 'POST', '/finance/vouchers', rent('2026-11-30'), { 'idempotency-key': 'rent-2026-11' });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ number: expect.stringMatching(/^PZ-2026-\d{6}$/), status: 'draft', totalFen: 12_000, journalEntryNumber: null });
    const id = drafted.body.id;
    // Not posted by drafting, nor by submitting.
    expect((await p.call('finance_manager', 'POST', `/finance/vouchers/${id}/approve`)).status).toBe(409);
    expect((await p.call('accountant', 'POST', `/finance/vouchers/${id}/submit`)).body.status).toBe('submitted');
    const own = await p.call('accountant', 'POST', `/finance/vouchers/${id}/approve`);
    expect([own.status, own.body.type]).toEqual([403, expect.stringContaining('preparer-reviews-own')]);
    expect((await p.call('cashier', 'POST', `/finance/vouchers/${id}/approve`)).status).toBe(403);
    expect(await entryDateOf(id)).toEqual([]);

    const posted = await p.call('finance_manager', 'POST', `/finance/vouchers/${id}/approve`);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ status: 'posted', reviewedBy: expect.any(String), journalEntryNumber: expect.stringMatching(/^JE-2026-\d{6}$/) });
    const journal = await p.call('accountant', 'GET', `/finance/journal?sourceId=${id}`);
    expect(journal.body.items).toEqual([expect.objectContaining({
      number: posted.body.journalEntryNumber, sourceType: 'voucher',
      lines: [expect.objectContaining({ account: '6602', debitFen: 12_000, creditFen: 0 }), expect.objectContaining({ account: '2241', debitFen: 0, creditFen: 12_000 })],
    })]);
    expect(await entryDateOf(id)).toEqual(['2026-11-30']);

    // Rejected with a reason, fixed by its preparer (a draft again), submitted again: it waits for review over the month's end.
    const second = await p.call('accountant', 'POST', '/finance/vouchers', rent('2026-11-30', 3_000));
    await p.call('accountant', 'POST', `/finance/vouchers/${second.body.id}/submit`);
    const rejected = await p.call('finance_manager', 'POST', `/finance/vouchers/${second.body.id}/reject`, { reason: 'Attach the lease invoice' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Attach the lease invoice' });
    const fixed = await p.call('accountant', 'PUT', `/finance/vouchers/${second.body.id}`, { ...rent('2026-11-30', 3_000), attachmentRefs: ['Lease 2026-03', 'Invoice 04412345'] });
    expect(fixed.body).toMatchObject({ status: 'draft', attachmentCount: 2 });
    expect((await p.call('accountant', 'POST', `/finance/vouchers/${second.body.id}/submit`)).body.status).toBe('submitted');
    pendingVoucherId = second.body.id;

    // And money taken on the 30th that the cashier's day never closes on.
    receiptNumber = (await paidOrder(20_000)).number;
  }, 60_000);

  it('refuses to close a month that has not ended, and one whose books do not agree, listing what', async () => {
    const early = await p.call('finance_manager', 'POST', '/finance/periods/2026-11/close');
    expect([early.status, early.body.type]).toEqual([409, expect.stringContaining('period-not-ended')]);

    moveTo('2026-12-01T02:00:00Z');
    expect((await p.call('accountant', 'POST', '/finance/periods/2026-11/close')).status).toBe(403);
    const refused = await p.call('finance_manager', 'POST', '/finance/periods/2026-11/close');
    expect([refused.status, refused.body.type]).toEqual([422, expect.stringContaining('period-not-reconciled')]);
    expect(refused.body.errors).toEqual([
      { field: 'cashier-days', message: expect.stringContaining(`Receipt ${receiptNumber} (200.00)`), amounts: { amountFen: 20_000, dayReceiptsFen: 20_000 } },
      { field: 'vouchers', message: expect.stringContaining('is submitted and not yet reviewed'), amounts: { totalFen: 3_000 } },
    ]);
    const check = await p.call('accountant', 'GET', '/finance/periods/2026-11/close-check');
    expect(check.body).toMatchObject({ month: '2026-11', status: 'open', ended: true, blockedBy: null, closable: false });
    expect(check.body.checks.filter((c: { agrees: boolean }) => !c.agrees).map((c: { check: string; problems: Array<{ amounts: object }> }) => [c.check, c.problems.map((x) => x.amounts)])).toEqual([
      ['cashier-days', [{ amountFen: 20_000, dayReceiptsFen: 20_000 }]],
      ['vouchers', [{ totalFen: 3_000 }]],
    ]);
    // Nothing was closed: a voucher may still be dated in November.
    expect((await p.call('accountant', 'POST', '/finance/vouchers', rent('2026-11-30', 100))).status).toBe(201);
    expect((await p.call('finance_manager', 'GET', '/finance/periods')).body.find((m: { month: string }) => m.month === '2026-11')).toMatchObject({ status: 'open', lastCheck: null });
  }, 60_000);

  it('closes once fixed; then nothing posts into it, and today\'s postings land in the open month', async () => {
    // The fix: the cashier counts the 30th (the receipt has no invoice yet: explained), the accountant confirms; the voucher is reviewed.
    const day = await p.call('cashier', 'POST', '/finance/cashier-days', {
      businessDate: '2026-11-30', cashFen: 20_000, posFen: 0, transferFen: 0, documentExplanations: { [receiptNumber]: '预付款，发货后开票' },
    });
    expect(day.body).toMatchObject({ status: 'counted', explained: true });
    expect((await p.call('accountant', 'POST', `/finance/cashier-days/${day.body.id}/confirm`)).body.status).toBe('closed');
    expect((await p.call('finance_manager', 'POST', `/finance/vouchers/${pendingVoucherId}/approve`)).body.status).toBe('posted');
    expect((await p.call('accountant', 'GET', '/finance/periods/2026-11/close-check')).body).toMatchObject({ closable: true });

    // A posting into November still in flight when the close starts: the close waits for it (it holds every posting
    // while it checks), so the entry either commits before the checklist reads the books, or meets the closed month.
    const { closed, probeId } = await withClient(p.env.databaseUrl, async (c) => {
      await c.query('BEGIN');
      await c.query('SET LOCAL search_path TO finance'); // the journal's balance check at commit reads its own schema's lines
      const [{ id }] = (await c.query(
        `INSERT INTO finance.journal_entries (id, number, source_type, source_id, memo, posted_by, entry_date)
         VALUES (gen_random_uuid(), 'JE-IN-FLIGHT', 'voucher', gen_random_uuid(), 'in flight', 'probe', '2026-11-30') RETURNING id`,
      )).rows;
      await c.query(`INSERT INTO finance.journal_lines (entry_id, line_no, account, debit_fen, credit_fen) VALUES ($1, 1, '6602', 100, 0), ($1, 2, '2241', 0, 100)`, [id]);
      const closing = p.call('finance_manager', 'POST', '/finance/periods/2026-11/close');
      await waitFor('the close waits for the posting in flight', () => withClient(p.env.databaseUrl, async (w) => (await w.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'finance.journal_entries'::regclass AND mode = 'ShareRowExclusiveLock'`,
      )).rows[0].n > 0));
      await c.query('COMMIT');
      return { closed: await closing, probeId: id as string };
    });
    expect(closed.status).toBe(200);
    const [{ november }] = await withClient(p.env.databaseUrl, async (c) => (await c.query(`SELECT count(*)::int AS november FROM finance.journal_entries WHERE entry_date BETWEEN '2026-11-01' AND '2026-11-30'`)).rows);
    expect([closed.body.entryCount, probeId]).toEqual([november, expect.any(String)]);
    expect(closed.body).toMatchObject({ month: '2026-11', status: 'closed', closedBy: expect.any(String), entryCount: expect.any(Number) });
    expect(closed.body.lastCheck.every((c: { agrees: boolean }) => c.agrees)).toBe(true);
    await waitFor('finance.period.closed published', () => closedEvents.length === 1, { timeoutMs: 10_000 });
    expect(closedEvents[0].data).toMatchObject({ month: '2026-11', entryCount: closed.body.entryCount });
    const months = (await p.call('accountant', 'GET', '/finance/periods')).body;
    expect(months.map((m: { month: string; status: string }) => [m.month, m.status])).toEqual([['2026-12', 'open'], ['2026-11', 'closed']]);
    expect((await p.call('finance_manager', 'POST', '/finance/periods/2026-11/close')).status).toBe(409);

    // A voucher dated in November is refused, at drafting and (one drafted before the close) at review.
    const late = await p.call('accountant', 'POST', '/finance/vouchers', rent('2026-11-30', 500));
    expect([late.status, late.body.type, late.body.errors]).toEqual([409, expect.stringContaining('period-closed'), [{ field: 'entryDate', message: expect.stringContaining('2026-11') }]]);
    const drafted = (await p.call('accountant', 'GET', '/finance/vouchers?status=draft&month=2026-11')).body.items;
    expect(drafted).toHaveLength(1);
    expect((await p.call('accountant', 'POST', `/finance/vouchers/${drafted[0].id}/submit`)).status).toBe(409);

    // The guard is the journal's own: any posting path dated in November is refused by the database itself.
    const direct = await withClient(p.env.databaseUrl, async (c) => c.query(
      `INSERT INTO finance.journal_entries (id, number, source_type, source_id, memo, posted_by, entry_date) VALUES (gen_random_uuid(), 'JE-PROBE', 'voucher', gen_random_uuid(), 'probe', 'probe', '2026-11-15')`,
    ).then(() => null, (error: { code?: string }) => error.code));
    expect(direct).toBe('OPC01');

    // Automatic postings carry today's business date: money taken now lands in December.
    const receipt = await paidOrder(10_000);
    expect(await entryDateOf(receipt.id)).toEqual(['2026-12-01']);
    // A posted November voucher is corrected in the open month, by a reversing voucher reviewed like any other.
    const posted = (await p.call('accountant', 'GET', '/finance/vouchers?status=posted&month=2026-11')).body.items;
    const reversal = await p.call('accountant', 'POST', `/finance/vouchers/${posted[0].id}/reverse`, {});
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ status: 'draft', entryDate: '2026-12-01', reversalOf: posted[0].id });
    expect(reversal.body.lines.map((l: { debitFen: number; creditFen: number }) => [l.debitFen, l.creditFen])).toEqual(posted[0].lines.map((l: { debitFen: number; creditFen: number }) => [l.creditFen, l.debitFen]));
    expect((await p.call('accountant', 'POST', `/finance/vouchers/${posted[0].id}/reverse`, {})).status).toBe(409);
    await p.call('accountant', 'POST', `/finance/vouchers/${reversal.body.id}/submit`);
    expect((await p.call('finance_manager', 'POST', `/finance/vouchers/${reversal.body.id}/approve`)).body.status).toBe('posted');
    expect(await entryDateOf(reversal.body.id)).toEqual(['2026-12-01']);

    await expectBooksInOrder(p);
  }, 90_000);
});
