import type { JetStreamClient } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import { COMMITTED_AT_HEADER, MESSAGING_TABLES_DDL, OutboxRelay, type OutboxEvent } from '@ops/messaging';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';
import pg from 'pg';
import { Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';

const SCHEMA = 'relay_marks';
/** How long the stand-in stream takes to acknowledge a publish. */
const ACK_MS = 40;

/**
 * The relay's handling of events a transaction hands over at commit, on real Postgres with a stand-in for
 * JetStream whose acknowledgement takes a known time: what the lag histogram says, and how the published
 * marks are written.
 */
describe('events published at commit', () => {
  let env: TestEnvironment;
  let db: pg.Client;
  let relay: OutboxRelay;
  let registry: Registry;
  const published: string[] = [];
  /** What each published message said of its commit (Ops-Committed-At), by event id. */
  const stamped = new Map<string, string | undefined>();
  const js = {
    publish: async (_subject: string, _data: string, options: { msgID: string; headers: MsgHdrs }) => {
      stamped.set(options.msgID, options.headers.get(COMMITTED_AT_HEADER) || undefined);
      await new Promise((resolve) => setTimeout(resolve, ACK_MS));
      published.push(options.msgID);
      return { stream: 'S', seq: published.length, duplicate: false };
    },
  } as unknown as JetStreamClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    await db.query(`SET search_path = ${SCHEMA}`);
    for (const ddl of MESSAGING_TABLES_DDL) await db.query(ddl);
  });

  /** A relay whose loop stays asleep unless a NOTIFY wakes it: the marks are those of the events handed over. */
  const startRelay = async (markEveryMs: number) => {
    published.length = 0;
    registry = new Registry();
    relay = new OutboxRelay({
      databaseUrl: env.databaseUrl, schema: SCHEMA, js, naming: env.naming, registry, pollMs: 60_000, graceMs: 10_000, markEveryMs,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await relay.start();
  };

  afterEach(async () => {
    await relay?.stop();
  });

  afterAll(async () => {
    await db?.end();
    await env?.dispose();
  });

  /** Commits `count` outbox rows, as a unit of work does, and answers them as the relay is handed them. */
  const commit = async (count: number): Promise<OutboxEvent[]> => {
    const events = Array.from({ length: count }, () => ({ id: uuidv7(), subject: 'sales.order.placed', envelope: '{}', headers: {} }));
    for (const e of events) await db.query(`INSERT INTO outbox (id, subject, type, envelope) VALUES ($1, $2, 'order.placed', '{}')`, [e.id, e.subject]);
    return events;
  };
  const lag = async () => {
    const [metric] = (await registry.getMetricsAsJSON()).filter((m) => m.name === 'outbox_relay_lag_seconds');
    const values = metric.values as Array<{ metricName?: string; value: number }>;
    return { count: values.find((v) => v.metricName?.endsWith('_count'))!.value, sum: values.find((v) => v.metricName?.endsWith('_sum'))!.value };
  };
  const publishedTotal = async () => (await registry.getSingleMetric('outbox_published_total')!.get()).values[0].value;
  const unmarked = async (ids: string[]) =>
    Number((await db.query(`SELECT count(*) FROM outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids])).rows[0].count);

  it('times commit to acknowledgement, and counts the events published, as they are acknowledged, not when they are marked', async () => {
    await startRelay(3_000);
    const events = await commit(3);
    relay.publishCommitted(events);
    await waitFor('the acknowledgements', async () => published.length === 3);
    // Acknowledged and timed, while the rows still wait for their mark.
    await waitFor('the lag observed', async () => (await lag()).count === 3);
    expect(await unmarked(events.map((e) => e.id))).toBe(3);
    expect(await publishedTotal()).toBe(3);
    const { sum } = await lag();
    expect(sum / 3).toBeGreaterThanOrEqual(ACK_MS / 1000 * 0.9);
    expect(sum / 3).toBeLessThan(0.3);
    await waitFor('the mark', async () => (await unmarked(events.map((e) => e.id))) === 0);
  });

  it('marks the events of commits a tenth of a second apart published in one transaction', async () => {
    await startRelay(3_000);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const events = await commit(2);
      relay.publishCommitted(events);
      ids.push(...events.map((e) => e.id));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor('the mark', async () => (await unmarked(ids)) === 0, { timeoutMs: 5_000 });
    // Rows updated by one transaction share its id (xmin).
    const { rows } = await db.query(`SELECT count(DISTINCT xmin::text)::int AS marks FROM outbox WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows[0].marks).toBe(1);
  });

  it('does not publish again what memory published, when a NOTIFY sends its loop to the outbox before the mark', async () => {
    await startRelay(3_000);
    const events = await commit(2);
    relay.publishCommitted(events);
    await waitFor('the acknowledgements', async () => published.length === 2);
    // A commit outside the runtime wakes the loop, which reads every unpublished row (no grace after a NOTIFY).
    const [outside] = await commit(1);
    await db.query(`NOTIFY outbox_${SCHEMA}`);
    await waitFor('the loop to publish the row committed outside', async () => published.includes(outside.id));
    await waitFor('every row marked', async () => (await unmarked([...events, outside].map((e) => e.id))) === 0);
    expect(published.filter((id) => events.some((e) => e.id === id))).toHaveLength(2);
  });

  it('says when the events published at commit were committed, and says nothing of a row its loop found later', async () => {
    await startRelay(3_000);
    const events = await commit(2);
    const before = Date.now();
    relay.publishCommitted(events);
    const after = Date.now();
    await waitFor('the acknowledgements', async () => published.length === 2);
    for (const { id } of events) {
      const at = Number(stamped.get(id));
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    }
    const [outside] = await commit(1);
    await db.query(`NOTIFY outbox_${SCHEMA}`);
    await waitFor('the loop to publish the row committed outside', async () => published.includes(outside.id));
    expect(stamped.get(outside.id)).toBeUndefined();
  });
});
