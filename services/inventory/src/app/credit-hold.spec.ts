import type { EventEnvelope, CreditHoldData } from '@ops/contracts';
import { openServiceDataSource } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { INVENTORY_ENTITIES } from '../infra/persistence/inventory.entities.js';
import { INVENTORY_MIGRATIONS } from '../migrations/index.js';
import { assertReleased } from './outbound-checks.js';
import { StockReactions } from './stock-reactions.js';

/**
 * Finance's credit hold as inventory keeps it (domain.md §4.4): hold and release arrive through two
 * consumers, in any order, and the newest decision is the one that stands; while it is a hold, no
 * released order of the customer goes out, whatever its basis.
 */
describe('credit hold in inventory', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  // Only the hold reactions are exercised: they need none of the collaborators.
  const reactions = new StockReactions(null as never, null as never, null as never, null as never, null as never);
  const customerId = randomUUID();
  const at = (second: number) => new Date(Date.UTC(2026, 10, 20, 8, 0, second)).toISOString();
  const event = (type: string, occurredAt: string, reason: string, id = uuidv7()): EventEnvelope<CreditHoldData> => ({
    id, type, version: 1, occurredAt, source: 'finance', aggregateId: customerId, correlationId: 'test', causationId: null,
    actor: { userId: 'finance_manager', roles: ['finance_manager'] }, data: { customerId, reason },
  });
  const hold = (occurredAt: string, reason: string, id?: string) => ds.transaction((tx) => reactions.onCreditHold(event('finance.customer.credit-hold', occurredAt, reason, id), tx));
  const release = (occurredAt: string, reason: string, id?: string) => ds.transaction((tx) => reactions.onCreditReleased(event('finance.customer.credit-released', occurredAt, reason, id), tx));
  const standing = async () => (await ds.query(`SELECT on_hold, hold_reason, overdue_fen::int AS overdue FROM customer_standing WHERE customer_id = $1`, [customerId]))[0];
  const mayGoOut = (orderId: string) => ds.transaction((tx) => assertReleased(tx, orderId)).then(() => 'ok', (e: { code?: string; message: string }) => `${e.code}: ${e.message}`);

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'inventory', entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS, poolSize: 2 });
  });

  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  it('keeps the newest decision whatever order they arrive in, beside the overdue standing', async () => {
    await ds.query(`INSERT INTO customer_standing (customer_id, overdue_fen, revision) VALUES ($1, 500, 3)`, [customerId]);
    // The release (second 20) arrives before the hold it lifts (second 10): the hold, arriving late, changes nothing.
    await release(at(20), 'Settled');
    await hold(at(10), 'Dunning ignored');
    expect(await standing()).toEqual({ on_hold: false, hold_reason: 'Settled', overdue: 500 });
    await hold(at(30), 'Invoices 60 days overdue');
    await release(at(25), 'An older release, heard late');
    expect(await standing()).toEqual({ on_hold: true, hold_reason: 'Invoices 60 days overdue', overdue: 500 });
    // Two decisions in the same millisecond: the later event (uuid v7 ids grow) stands.
    const [first, second] = [uuidv7(), uuidv7()].sort();
    await release(at(40), 'Released at once', second);
    await hold(at(40), 'Held at once', first);
    expect(await standing()).toMatchObject({ on_hold: false });
    // A customer inventory first hears of through a hold.
    const other = randomUUID();
    await ds.transaction((tx) => reactions.onCreditHold({ ...event('finance.customer.credit-hold', at(1), 'New customer held'), data: { customerId: other, reason: 'New customer held' } }, tx));
    expect((await ds.query(`SELECT on_hold, hold_reason, overdue_fen::int AS overdue, revision FROM customer_standing WHERE customer_id = $1`, [other]))[0]).toEqual({ on_hold: true, hold_reason: 'New customer held', overdue: 0, revision: 0 });
  });

  it('lets no released order of a held customer out, on any basis, until the hold is released', async () => {
    const orders = { payment: randomUUID(), credit_terms: randomUUID(), exception: randomUUID() };
    for (const [basis, orderId] of Object.entries(orders)) {
      await ds.query(`INSERT INTO order_releases (order_id, event_id, basis, customer_id) VALUES ($1, $2, $3, $4)`, [orderId, uuidv7(), basis, customerId]);
    }
    await hold(at(50), 'Supply stopped: rule 9-06');
    for (const orderId of Object.values(orders)) {
      expect(await mayGoOut(orderId)).toBe(`customer-on-credit-hold: Order ${orderId} is for a customer on credit hold, so supply is stopped until finance releases the hold: Supply stopped: rule 9-06`);
    }
    await release(at(55), 'Paid up');
    await ds.query(`UPDATE customer_standing SET overdue_fen = 0 WHERE customer_id = $1`, [customerId]);
    for (const orderId of Object.values(orders)) expect(await mayGoOut(orderId)).toBe('ok');
  });
});
