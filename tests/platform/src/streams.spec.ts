import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ALL_STREAMS, applyStreams, ensureStreams } from '@ops/messaging';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';

const DAY_NS = 86_400 * 1e9;

/** The streams come from one declaration: services create what is missing, the operator's step applies limits and replicas. */
describe('stream setup', () => {
  let env: TestEnvironment;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    env = await createTestEnvironment();
    nc = await connect({ servers: env.natsUrl });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.close();
    await env?.dispose();
  });

  // JetStream reserves max_bytes on disk; the test applies the declarations with a small size so that runs side by side fit.
  const declared = ALL_STREAMS.map((d) => ({ ...d, maxBytes: 64 * 1024 ** 2 }));

  it('declares an age and a size limit for every stream', () => {
    for (const d of ALL_STREAMS) expect([d.name, d.maxAgeDays > 0 && d.maxAgeDays <= 365, d.maxBytes >= 1024 ** 3]).toEqual([d.name, true, true]);
  });

  it('creates every declared stream with its limits, then brings a changed one back and leaves the rest', async () => {
    expect((await applyStreams(jsm, env.naming, 1, declared)).map((r) => r.action)).toEqual(ALL_STREAMS.map(() => 'created'));
    const sales = env.naming.stream('SALES');
    expect((await jsm.streams.info(sales)).config).toMatchObject({ max_age: 30 * DAY_NS, max_bytes: 64 * 1024 ** 2, num_replicas: 1, subjects: [env.naming.subject('sales.>')] });
    expect((await jsm.streams.info(env.naming.stream('DEAD_LETTERS'))).config.max_age).toBe(90 * DAY_NS);

    // Someone loosened a limit by hand: the next apply restores the declaration and touches nothing else.
    await jsm.streams.update(sales, { ...(await jsm.streams.info(sales)).config, max_age: 0 });
    const again = await applyStreams(jsm, env.naming, 1, declared);
    expect(again.filter((r) => r.action !== 'unchanged')).toEqual([{ stream: sales, action: 'updated' }]);
    expect((await jsm.streams.info(sales)).config.max_age).toBe(30 * DAY_NS);
  });

  it('a service starting against set-up streams never reconfigures them', async () => {
    const sales = env.naming.stream('SALES');
    await jsm.streams.update(sales, { ...(await jsm.streams.info(sales)).config, max_age: DAY_NS });
    await ensureStreams(jsm, env.naming);
    expect((await jsm.streams.info(sales)).config.max_age).toBe(DAY_NS);
  });
});
