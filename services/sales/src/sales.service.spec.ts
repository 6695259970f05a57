import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { SalesRpc, type RpcReply } from '@ops/contracts';
import { RpcClient } from '@ops/messaging';
import { loadServiceConfig, type RunningApp } from '@ops/service-kit';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import { startSales } from './index.js';

describe('sales service', () => {
  let env: TestEnvironment;
  let sales: RunningApp;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const actor = { userId: 'rep-1', roles: ['sales_rep'] };

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = await startSales({ ...loadServiceConfig('sales', {}), databaseUrl: env.databaseUrl, natsUrl: env.natsUrl, subjectPrefix: env.subjectPrefix, httpPort: 0 });
    nc = await connect({ servers: env.natsUrl });
    rpc = new RpcClient(nc, env.naming);
  });

  afterAll(async () => {
    await sales?.close();
    await nc?.close();
    await env?.dispose();
  });

  it('places an order and publishes sales.order.placed through the outbox', async () => {
    const customer = (await rpc.request('sales', SalesRpc.registerCustomer, { code: 'C-1', name: 'Acme' }, { actor, requestId: 'r1' })) as RpcReply<{ id: string }>;
    expect(customer.ok).toBe(true);
    if (!customer.ok) return;
    const order = await rpc.request<{ id: string; status: string; number: string }>('sales', SalesRpc.placeOrder, {
      customerId: customer.data.id,
      paymentTerms: 'prepaid',
      shipTo: { name: 'W', phone: '123', address: 'Road 1' },
      shippingMethod: 'express',
      requestedDate: '2026-12-01',
      lines: [{ sku: 'SKU-1', quantity: 2, unitPriceFen: 1000 }],
    }, { actor, requestId: 'r2' });
    expect(order).toMatchObject({ ok: true, data: { status: 'approved', number: expect.stringMatching(/^SO-\d{4}-000001$/) } });
    const js = jetstream(nc);
    const consumer = await js.consumers.get(env.naming.stream('SALES'));
    const message = await consumer.next({ expires: 5_000 });
    expect(message?.subject).toBe(env.naming.subject('sales.order.placed.v1'));
    expect(message?.json()).toMatchObject({ type: 'sales.order.placed', data: { totalFen: 2000 } });
  });
});
