import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { aCreditCustomer, aCustomer, aSkuWithStock, orderBody, orderReaches, pickVerifyPack, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

describe('document numbers', () => {
  let p: TestPlatform;
  const query = <T = any>(sql: string) => withClient(p.env.databaseUrl, async (c) => (await c.query(sql)).rows as T[]);
  const sequence = (numbers: string[]) => numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);

  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  it('stay gapless under concurrent creation and after a transaction that failed', async () => {
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 100, 4_242);
    const orders = await Promise.all(Array.from({ length: 21 }, () => placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1, unitPriceFen: 4_242 }]))));
    await waitFor('finance to open every order', async () => (await query(`SELECT count(*)::int AS n FROM finance.order_accounts`))[0].n === 21);

    // A fault after the receipt took its number: the journal refuses this one amount for a moment.
    await query(`ALTER TABLE finance.journal_lines ADD CONSTRAINT refuse_for_test CHECK (debit_fen <> 4242)`);
    const failed = await p.call('cashier', 'POST', '/finance/receipts', { orderId: orders[0].id, method: 'cash', amountFen: 4_242, counterfeitChecked: true });
    expect(failed.status).toBe(500);
    await query(`ALTER TABLE finance.journal_lines DROP CONSTRAINT refuse_for_test`);
    expect(await query(`SELECT count(*)::int AS n FROM finance.receipts`)).toEqual([{ n: 0 }]);

    // Then twenty cashiers' receipts at once.
    const receipts = await Promise.all(orders.slice(1).map((o) => p.call('cashier', 'POST', '/finance/receipts', { orderId: o.id, method: 'pos', amountFen: 4_242, cards: [{ last4: '4321', holderName: '王芳', holderSigned: true, amountFen: 4_242 }] })));
    expect(receipts.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(sequence(receipts.map((r) => r.body.number))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // Orders took numbers concurrently too.
    expect(sequence(orders.map((o) => o.number))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const journal = await query<{ n: number }>(`SELECT count(*)::int AS n FROM finance.journal_entries`);
    expect(journal).toEqual([{ n: 20 }]);
  });

  it('keep invoice numbers gapless when invoicing a shipment fails and is replayed later', async () => {
    const customer = await aCreditCustomer(p);
    const sku = await aSkuWithStock(p, 10, 4_343);
    const [failing, next] = [await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }], 'credit')), await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }], 'credit'))];
    for (const o of [failing, next]) {
      await orderReaches(p, o.id, 'ready_to_ship');
      await pickVerifyPack(p, o.id, 1);
    }
    const ship = (orderId: string) => p.call('warehouse_keeper', 'POST', '/inventory/shipments', { orderId, carrier: 'ZTO', trackingNumber: `ZTO-${orderId.slice(-6)}`, pieces: 1 });

    // The journal refuses this one invoice: its transaction, invoice number included, rolls back each time until it is dead-lettered.
    await query(`ALTER TABLE finance.journal_lines ADD CONSTRAINT refuse_for_test CHECK (debit_fen <> 4343)`);
    expect((await ship(failing.id)).status).toBe(201);
    const letter = await waitFor('the invoice to be dead-lettered', async () => {
      const res = await p.read(`/admin/finance/dead-letters`);
      return res.body.find((l: { consumer: string }) => l.consumer === 'invoice-shipment') ?? false;
    });
    await query(`ALTER TABLE finance.journal_lines DROP CONSTRAINT refuse_for_test`);

    expect((await ship(next.id)).status).toBe(201);
    await waitFor('the next invoice', async () => (await query(`SELECT 1 FROM finance.invoices WHERE order_id = '${next.id}'`)).length === 1);
    expect((await p.call('admin', 'POST', `/admin/finance/dead-letters/${letter.sequence}/replay`)).status).toBe(200);
    const numbers = await query<{ number: string }>(`SELECT number FROM finance.invoices ORDER BY number`);
    expect(sequence(numbers.map((n) => n.number))).toEqual([1, 2]);
  });
});
