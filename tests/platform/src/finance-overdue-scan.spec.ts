import { type EventEnvelope, type ReceivableChangedData } from '@ops/contracts';
import { CollectionLadder, ReceivableWatch } from '@ops/finance';
import { businessDate } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { TestPlatform } from './platform.js';

/**
 * The overdue scan (domain.md §5: receivables fall overdue with the calendar) run by hand on two finance
 * instances at once: every overdue customer is reached however many there are, each exactly once.
 */
describe('finance: the overdue receivable scan', () => {
  let p: TestPlatform;
  const heard: Array<EventEnvelope<ReceivableChangedData>> = [];
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const yesterday = () => new Date(Date.parse(`${businessDate()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  /** A due date in the month before last: not collected by the 5th of last month, so unpaid (collection rules 9-05) whatever today is. */
  const longUnpaid = () => new Date(Date.parse(`${businessDate().slice(0, 8)}01T00:00:00Z`) - 35 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    // Finance alone, its periodic scan far off: the test runs the scans itself.
    p = await TestPlatform.start({ services: ['finance'], overrides: { jobs: { scanMs: 600_000 } } });
    await p.startService('finance');
    p.nc.subscribe(p.env.naming.subject('finance.receivable.changed.v1'), { callback: (error, msg) => void (!error && heard.push(msg.json())) });
  });

  afterAll(async () => {
    await p?.close();
  });

  /** `count` customers, each with one open credit receivable of 100 fen due on `due`, as invoicing would leave them. */
  const overdueCustomers = async (count: number, due: string) => {
    const rows = await sql<{ customer_id: string }>(`
      WITH c AS (SELECT gen_random_uuid() AS customer_id, gen_random_uuid() AS order_id, gen_random_uuid() AS invoice_id, n FROM generate_series(1, $1::int) n),
           a AS (INSERT INTO finance.order_accounts (order_id, order_number, customer_id, customer_name, payment_terms, total_fen, invoiced_fen, credit_terms_days)
                 SELECT order_id, 'SO-SCAN-' || order_id, customer_id, 'Scan ' || n, 'credit', 100, 100, 30 FROM c RETURNING order_id),
           i AS (INSERT INTO finance.invoices (id, number, order_id, customer_id, customer_name, amount_fen, series, lines, seller)
                 SELECT invoice_id, 'INV-SCAN-' || invoice_id, order_id, customer_id, 'Scan ' || n, 100, 'INV', '[]', '{"name": "Scan seller", "taxId": "91310000MA1FL8XQ30", "address": "", "bankAccount": ""}'
                   FROM c WHERE order_id IN (SELECT order_id FROM a) RETURNING id),
           r AS (INSERT INTO finance.receivables (id, invoice_id, order_id, customer_id, amount_fen, due_date, status, invoice_date)
                 SELECT gen_random_uuid(), invoice_id, order_id, customer_id, 100, $2::date, 'open', $2::date - 30 FROM c WHERE invoice_id IN (SELECT id FROM i) RETURNING customer_id)
      INSERT INTO finance.customer_balances (customer_id, receivable_revision, reported_open_fen) SELECT customer_id, 1, 100 FROM r RETURNING customer_id`, [count, due]);
    return rows.map((r) => r.customer_id);
  };

  const scanBoth = () => Promise.all([0, 1].map((i) => p.instance('finance', i).app.get(ReceivableWatch).reportOverdue()));

  it('reaches every newly overdue customer once, even with more than one batch and two instances scanning together', async () => {
    const customers = await overdueCustomers(450, longUnpaid());
    const notYet = await overdueCustomers(5, yesterday()); // past due since yesterday, but not unpaid before the 5th of next month

    const first = await scanBoth();
    expect(first[0] + first[1]).toBe(450);
    expect(await scanBoth()).toEqual([0, 0]);

    const [state] = await sql(`SELECT count(*) FILTER (WHERE reported_overdue_fen = 100 AND receivable_revision = 2)::int AS reported,
                                      count(*) FILTER (WHERE reported_overdue_fen = 0 AND receivable_revision = 1)::int AS untouched
                                 FROM finance.customer_balances WHERE customer_id = ANY($1::uuid[])`, [[...customers, ...notYet]]);
    expect(state).toEqual({ reported: 450, untouched: 5 });
    await waitFor('450 reports on the bus', () => heard.length >= 450);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toHaveLength(450);
    expect(new Set(heard.map((e) => e.data.customerId))).toEqual(new Set(customers));
    expect(heard.every((e) => e.data.revision === 2 && e.data.overdueFen === 100 && e.data.openFen === 100 && e.actor.userId === 'system:receivable-watch')).toBe(true);
  });

  it('reports again when an overdue receivable leaves the books without a command telling sales', async () => {
    const [customer] = await overdueCustomers(1, longUnpaid());
    expect((await scanBoth()).reduce((a, b) => a + b)).toBe(1);
    // Settled by some path that did not report (e.g. a fix by hand): the next scan sees the difference.
    await sql(`UPDATE finance.receivables SET settled_fen = amount_fen, status = 'settled' WHERE customer_id = $1`, [customer]);
    expect((await scanBoth()).reduce((a, b) => a + b)).toBe(1);
    const reports = await waitFor('two reports', () => {
      const mine = heard.filter((e) => e.data.customerId === customer).map((e) => e.data);
      return mine.length === 2 ? mine.sort((a, b) => a.revision - b.revision) : false;
    });
    expect(reports).toMatchObject([{ revision: 2, overdueFen: 100 }, { revision: 3, overdueFen: 0, openFen: 0 }]);
  });

  it('climbs the collection ladder once per business date, however many instances ask at once', async () => {
    const ladders = [0, 1].map((i) => p.instance('finance', i).app.get(CollectionLadder));
    const ran = await Promise.all(ladders.map((l) => l.runDue()));
    expect(ran.filter((slot) => slot !== null)).toEqual([businessDate()]);
    expect(await Promise.all(ladders.map((l) => l.runDue()))).toEqual([null, null]);
    expect(await sql(`SELECT slot, finished_at IS NOT NULL AS finished FROM finance.job_slots WHERE job = 'collection-ladder'`)).toEqual([{ slot: businessDate(), finished: true }]);
  });
});
