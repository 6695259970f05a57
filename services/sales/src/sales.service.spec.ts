import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { signActorAssertion } from '@ops/auth';
import { SalesCatalog } from '@ops/contracts';

const SalesRpc = Object.fromEntries(Object.entries(SalesCatalog).map(([key, op]) => [key, op.name])) as Record<keyof typeof SalesCatalog, string>;
import { RpcClient } from '@ops/messaging';
import { withClient } from '@ops/persistence';
import { loadServiceConfig, type RunningApp } from '@ops/service-kit';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';
import { startSales } from './index.js';

/** The sales service alone, spoken to over NATS as the gateway would, and as an intruder would. */
describe('sales service', () => {
  let env: TestEnvironment;
  let sales: RunningApp;
  let nc: NatsConnection;
  let rpc: RpcClient;
  // Published outbox rows are kept 0 hours here, so the retention job can be seen to delete them.
  const config = () => ({
    ...loadServiceConfig('sales', {}), databaseUrl: env.databaseUrl, natsUrl: env.natsUrl, subjectPrefix: env.subjectPrefix, httpPort: 0, logLevel: 'error',
    relay: { pollMs: 1_000, retentionHours: 0 }, jobs: { scanMs: 200 },
  });
  const as = (userId: string, roles: string[], secret = loadServiceConfig('sales', {}).actorSecret) => signActorAssertion({ userId, roles }, secret);
  const audit = () => withClient(env.databaseUrl, async (c) => (await c.query(`SELECT actor_id, command, outcome, status FROM sales.audit_log ORDER BY id`)).rows);

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = await startSales(config());
    nc = await connect({ servers: env.natsUrl });
    rpc = new RpcClient(nc, env.naming);
  });

  afterAll(async () => {
    await sales?.close();
    await nc?.close();
    await env?.dispose();
  });

  it('places an order and publishes sales.order.placed through the outbox', async () => {
    const rep = as('rep-1', ['sales_rep']);
    const customer = await rpc.request<{ id: string }>('sales', SalesRpc.registerCustomer, { code: 'C-1', name: 'Acme' }, { actorAssertion: rep, requestId: 'r1' });
    expect(customer.ok).toBe(true);
    if (!customer.ok) return;
    const list = await rpc.request<{ id: string }>('sales', SalesRpc.createPriceList, {
      name: 'Standard', validFrom: '2020-01-01', lines: [{ sku: 'SKU-1', listPriceFen: 1000, floorPriceFen: 900 }],
    }, { actorAssertion: as('sm-1', ['sales_manager']), requestId: 'r1a' });
    if (!list.ok) throw new Error(JSON.stringify(list));
    expect(await rpc.request('sales', SalesRpc.approvePriceList, { id: list.data.id }, { actorAssertion: as('fm-1', ['finance_manager']), requestId: 'r1b' })).toMatchObject({ ok: true });
    const order = await rpc.request('sales', SalesRpc.placeOrder, {
      customerId: customer.data.id,
      paymentTerms: 'prepaid',
      shipTo: { name: 'W', phone: '123', address: 'Road 1' },
      shippingMethod: 'express',
      requestedDate: '2026-12-01',
      lines: [{ sku: 'SKU-1', quantity: 2 }],
    }, { actorAssertion: rep, requestId: 'r2' });
    expect(order).toMatchObject({ ok: true, data: { status: 'approved', createdBy: 'rep-1', number: expect.stringMatching(/^SO-\d{4}-000001$/) } });
    const consumer = await jetstream(nc).consumers.get(env.naming.stream('SALES'));
    const message = await consumer.next({ expires: 5_000 });
    expect(message?.subject).toBe(env.naming.subject('sales.order.placed.v1'));
    expect(message?.json()).toMatchObject({ type: 'sales.order.placed', actor: { userId: 'rep-1', roles: ['sales_rep'] }, data: { totalFen: 2000 } });
  });

  it('refuses and audits requests that bypass the gateway: no actor, a forged actor, or an actor without the role', async () => {
    const body = { code: 'C-X', name: 'Intruder Ltd' };
    const bare = await rpc.request('sales', SalesRpc.registerCustomer, body, { actorAssertion: '', requestId: 'x1' });
    const forged = await rpc.request('sales', SalesRpc.registerCustomer, body, { actorAssertion: as('mallory', ['admin', 'sales_rep'], 'not-the-secret-not-the-secret-123'), requestId: 'x2' });
    const cashier = await rpc.request('sales', SalesRpc.registerCustomer, body, { actorAssertion: as('cashier-1', ['cashier']), requestId: 'x3' });
    for (const reply of [bare, forged, cashier]) expect(reply).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(cashier).toMatchObject({ problem: { type: expect.stringContaining('role-required'), detail: expect.stringContaining('sales_rep') } });
    const list = await rpc.request<{ total: number }>('sales', SalesRpc.listCustomers, {}, { actorAssertion: as('auditor-1', ['auditor']), requestId: 'x4' });
    expect(list).toMatchObject({ ok: true, data: { total: 1 } });
    expect(await audit()).toEqual(expect.arrayContaining([
      { actor_id: '(none)', command: SalesRpc.registerCustomer, outcome: 'refused', status: 403 },
      { actor_id: 'cashier-1', command: SalesRpc.registerCustomer, outcome: 'refused', status: 403 },
    ]));
  });

  it('audits every command, and the application cannot alter the trail', async () => {
    const rows = await audit();
    expect(rows).toEqual(expect.arrayContaining([
      { actor_id: 'rep-1', command: SalesRpc.registerCustomer, outcome: 'done', status: 200 },
      { actor_id: 'sm-1', command: SalesRpc.createPriceList, outcome: 'done', status: 200 },
      { actor_id: 'fm-1', command: SalesRpc.approvePriceList, outcome: 'done', status: 200 },
      { actor_id: 'rep-1', command: SalesRpc.placeOrder, outcome: 'done', status: 200 },
    ]));
    expect(rows.some((r) => r.command === SalesRpc.listCustomers)).toBe(false); // queries are not commands
    for (const sql of ['UPDATE sales.audit_log SET outcome = \'done\'', 'DELETE FROM sales.audit_log', 'TRUNCATE sales.audit_log']) {
      await expect(withClient(env.databaseUrl, (c) => c.query(sql))).rejects.toThrow(/append-only/);
    }
  });

  it('deletes published outbox rows once their retention has passed', async () => {
    const count = () => withClient(env.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM sales.outbox`)).rows[0].n));
    await waitFor('the published rows to be deleted', async () => (await count()) === 0);
    // The events themselves live on in the stream.
    const info = await (await jetstreamManager(nc)).streams.info(env.naming.stream('SALES'));
    expect(info.state.messages).toBeGreaterThanOrEqual(1);
  });
});
