import { changeSubject } from '@ops/contracts';
import { loadGatewayConfig, startGateway } from '@ops/gateway';
import { Naming } from '@ops/messaging';
import { waitFor } from '@ops/testing';
import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

interface Notice { service: string; aggregate: string; id: string; to: string; at: string }

/** GET /api/v1/changes: server-sent change notices, each person only those of the services they may read. */
describe('live change notices', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  /** Opens the stream as `role` and collects every notice until `close`. */
  async function follow(role: string) {
    const abort = new AbortController();
    const res = await fetch(`${p.api}/changes`, { headers: { authorization: `Bearer ${await p.token(role)}` }, signal: abort.signal });
    const notices: Notice[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (block.includes('event: change') && data) notices.push(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        // aborted
      }
    })();
    return { res, notices, close: async () => { abort.abort(); await reading; } };
  }

  // First in this file: no stream has been open yet, so no service has heard that its notices are wanted.
  it('publishes no notice while nobody streams them, and does from the moment someone does', async () => {
    const heard: Notice[] = [];
    const raw = p.nc.subscribe(new Naming(p.env.subjectPrefix).subject(changeSubject('sales')), { callback: (_error, msg) => void heard.push(...msg.json<Notice[]>()) });
    await p.nc.flush();
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5);
    const unheard = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    const keeper = await follow('warehouse_keeper');
    const heardOf = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    await waitFor('the second order\'s notice on NATS', async () => heard.some((n) => n.id === heardOf.id && n.to === heardOf.status), { timeoutMs: 15_000 });
    await keeper.close();
    raw.unsubscribe();
    // One service's notices arrive in the order it published them: had the first order's placement been
    // announced, it would have come before the second's.
    expect(heard.filter((n) => n.id === unheard.id && n.to === unheard.status)).toEqual([]);
  }, 60_000);

  it('tells each person of the state changes they may read, as they commit', async () => {
    const keeper = await follow('warehouse_keeper');
    const guard = await follow('security_guard');
    expect(keeper.res.status).toBe(200);
    expect(keeper.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const customer = await aCustomer(p);
    const sku = await aSkuWithStock(p, 5);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 1 }]));
    expect((await p.call('cashier', 'POST', '/finance/receipts', { orderId: order.id, method: 'cash', amountFen: order.totalFen, counterfeitChecked: true })).status).toBe(201);
    // The order moves through its states in sales; the keeper, who may read orders, hears each.
    await waitFor('the keeper to hear the order become ready to ship', async () => keeper.notices.some((n) => n.service === 'sales' && n.aggregate === 'order' && n.id === order.id && n.to === 'ready_to_ship'), { timeoutMs: 15_000 });
    expect(keeper.notices.filter((n) => n.id === order.id).map((n) => n.to)).toContain('awaiting_payment');
    // A security guard may not read sales documents: no notice of them reaches the guard.
    await keeper.close();
    await guard.close();
    expect(guard.notices.filter((n) => n.service === 'sales' || n.service === 'finance')).toEqual([]);
  }, 60_000);

  it('hangs up open streams when a gateway closes, so it closes at once', async () => {
    const extra = await startGateway({ ...loadGatewayConfig({}), natsUrl: p.env.natsUrl, subjectPrefix: p.env.subjectPrefix, databaseUrl: p.env.databaseUrl, httpPort: 0, logLevel: 'error', seedDemoUsers: false });
    const res = await fetch(`${extra.url}/api/v1/changes`, { headers: { authorization: `Bearer ${await p.token('cashier')}` } });
    expect(res.status).toBe(200);
    const reading = (async () => {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) void chunk;
    })();
    const started = Date.now();
    await extra.close();
    await reading; // the stream ended: the client sees the hang-up and may reconnect elsewhere
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it('refuses the stream without a signed-in session', async () => {
    const res = await fetch(`${p.api}/changes`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
