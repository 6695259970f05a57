import { randomUUID as uuidv4 } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { defineEvent, eventSubject, type EventContract, type EventEnvelope } from '@ops/contracts';
import { COMMITTED_AT_HEADER, ensureStreams, EventConsumers, MESSAGING_TABLES_DDL, OutboxRelay, type LogSink } from '@ops/messaging';
import { DOCUMENT_SEQUENCES_DDL, nextDocumentNumber, openServiceDataSource } from '@ops/persistence';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';
import { IsInt, IsUUID, Min } from 'class-validator';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';

class ParcelSentData {
  @IsUUID() parcelId!: string;
  @IsInt() @Min(1) pieces!: number;
}

/**
 * A consumer's backlog applied several events per transaction, and what happens when one of them is a
 * repeat or fails: on real Postgres and JetStream.
 */
describe('events applied together', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const running: EventConsumers[] = [];
  const quiet: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'batches', entities: [], migrations: [], poolSize: 4 });
    for (const ddl of MESSAGING_TABLES_DDL) await ds.query(ddl);
    // The effect under test: one row per event applied, with the transaction that applied it.
    await ds.query(`CREATE TABLE received (seq bigserial, consumer text NOT NULL, event_id uuid NOT NULL, txid bigint NOT NULL)`);
    await ds.query(DOCUMENT_SEQUENCES_DDL);
    nc = await connect({ servers: env.natsUrl });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, env.naming);
  });

  afterAll(async () => {
    await Promise.all(running.map((consumers) => consumers.stop()));
    await nc?.close();
    await ds?.destroy();
    await env?.dispose();
  });

  /** A contract of the test's own, so its consumer sees only its events. */
  const contractFor = (name: string) => defineEvent({ type: `inventory.test-parcel-${name}.sent`, version: 1, source: 'inventory', payload: ParcelSentData, description: 'test' });

  /** Publishes `count` events; `occurredAt` backdates them, `committedAt` stamps them as the relay does at commit. */
  async function publish(contract: EventContract<ParcelSentData>, count: number, { occurredAt, committedAt }: { occurredAt?: Date; committedAt?: number } = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const envelope: EventEnvelope<ParcelSentData> = {
        id: uuidv4(), type: contract.type, version: 1, occurredAt: (occurredAt ?? new Date()).toISOString(), source: 'inventory', aggregateId: uuidv4(),
        correlationId: uuidv4(), causationId: null, actor: { userId: 'u1', roles: ['warehouse_keeper'] }, data: { parcelId: uuidv4(), pieces: 1 + i },
      };
      const h = natsHeaders();
      if (committedAt !== undefined) h.set(COMMITTED_AT_HEADER, String(committedAt));
      await js.publish(env.naming.subject(eventSubject(contract)), JSON.stringify(envelope), { headers: h });
      ids.push(envelope.id);
    }
    return ids;
  }

  /** Starts one consumer on a backlog already in the stream; `before` runs in its transaction ahead of the effect. */
  async function consume(name: string, contract: EventContract<ParcelSentData>, batchSize: number, before: (event: EventEnvelope<ParcelSentData>, tx: EntityManager) => unknown = () => undefined) {
    const registry = new Registry();
    const relay = new OutboxRelay({ databaseUrl: env.databaseUrl, schema: 'batches', js, naming: env.naming, registry, logger: quiet });
    const consumers = new EventConsumers({
      service: 'security', dataSource: ds, js, jsm, naming: env.naming, registry, logger: quiet, relay,
      concurrency: 2, batchSize, retryScheduleMs: [50], maxDeliveries: 5,
    });
    consumers.register({
      consumer: name,
      contract,
      handle: async (event: EventEnvelope<ParcelSentData>, tx: EntityManager) => {
        await before(event, tx);
        await tx.query(`INSERT INTO received (consumer, event_id, txid) VALUES ($1, $2, txid_current())`, [name, event.id]);
      },
    });
    running.push(consumers);
    await consumers.start();
    return registry;
  }

  const applied = async (name: string) =>
    (await ds.query(`SELECT event_id, count(*)::int AS times, count(DISTINCT txid)::int AS transactions FROM received WHERE consumer = $1 GROUP BY event_id`, [name])) as Array<{ event_id: string; times: number }>;
  const transactions = async (name: string) => Number((await ds.query(`SELECT count(DISTINCT txid) AS n FROM received WHERE consumer = $1`, [name]))[0].n);
  /** Waits until the consumer acknowledged everything; answers how many deliveries the server made (first ones and repeats). */
  const settled = (name: string) => waitFor(`${name}: every event acknowledged`, async () => {
    const info = await jsm.consumers.info(env.naming.stream('INVENTORY'), `security-${name}`);
    return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq;
  }, { timeoutMs: 20_000 });
  const metric = async (registry: Registry, name: string, labels: string) => {
    const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it("times an event's hop from its producer's commit when the message says when, else from its occurrence; its age always from its occurrence", async () => {
    const contract = contractFor('hop');
    const longAgo = new Date(Date.now() - 20_000);
    await publish(contract, 1, { occurredAt: longAgo, committedAt: Date.now() });
    await publish(contract, 1, { occurredAt: longAgo });
    const registry = await consume('hop', contract, 16);
    await waitFor('both applied', async () => (await applied('hop')).length === 2);
    const bucket = async (name: string, le: string) => {
      const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${name}_bucket{`) && l.includes(`le="${le}"`) && l.includes('consumer="hop"'));
      return line ? Number(line.split(' ').pop()) : undefined;
    };
    // The stamped event reached its effect within seconds of its commit; the other counts from 20 s ago.
    expect(await bucket('event_hop_seconds', '5')).toBe(1);
    expect(await bucket('event_hop_seconds', '+Inf')).toBe(2);
    expect(await bucket('event_age_seconds', '10')).toBe(0);
    expect(await bucket('event_age_seconds', '+Inf')).toBe(2);
  });

  it('applies a backlog several events per transaction, each exactly once', async () => {
    const contract = contractFor('backlog');
    const ids = await publish(contract, 40);
    await consume('backlog', contract, 16);
    await waitFor('all 40 applied', async () => (await applied('backlog')).length === 40);
    await settled('backlog');
    const rows = await applied('backlog');
    expect(rows.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.times === 1)).toBe(true);
    expect(await transactions('backlog')).toBeLessThanOrEqual(20);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'backlog'`))[0].n)).toBe(40);
  });

  it('applies the events that came in one turn of the event loop in one transaction, though a second one is free', async () => {
    const contract = contractFor('one-turn');
    // Three events waiting, so that one pull brings them in one read from the socket.
    const ids = await publish(contract, 3);
    await consume('one-turn', contract, 16);
    await waitFor('all 3 applied', async () => (await applied('one-turn')).length === 3);
    expect((await applied('one-turn')).map((r) => r.event_id).sort()).toEqual([...ids].sort());
    expect(await transactions('one-turn')).toBe(1);
  });

  it('(the control) with a batch size of 1, every event has a transaction of its own', async () => {
    const contract = contractFor('one-by-one');
    await publish(contract, 20);
    await consume('one-by-one', contract, 1);
    await waitFor('all 20 applied', async () => (await applied('one-by-one')).length === 20);
    expect(await transactions('one-by-one')).toBe(20);
  });

  it('applies the others when one event of a batch was handled before, and that one not again', async () => {
    const contract = contractFor('repeat');
    const ids = await publish(contract, 30);
    // As if an instance had applied the 20th and died before its ack.
    await ds.query(`INSERT INTO inbox (consumer, event_id) VALUES ('repeat', $1)`, [ids[19]]);
    const registry = await consume('repeat', contract, 16);
    await waitFor('29 applied', async () => (await applied('repeat')).length === 29);
    // Applied from their first delivery: the split batch went again one event at a time, not back to the server.
    expect(await settled('repeat')).toBe(30);
    const rows = await applied('repeat');
    expect(rows.map((r) => r.event_id)).not.toContain(ids[19]);
    expect(rows.every((r) => r.times === 1)).toBe(true);
    expect(await metric(registry, 'event_batches_split_total', 'consumer="repeat"')).toBeGreaterThanOrEqual(1);
    expect(await metric(registry, 'events_handled_total', 'outcome="duplicate"')).toBe(1);
  });

  it('retries only the event that failed; the others of its batch are applied at once', async () => {
    const contract = contractFor('failing');
    const ids = await publish(contract, 30);
    let failuresLeft = 2;
    const registry = await consume('failing', contract, 16, (event) => {
      if (event.id === ids[20] && failuresLeft-- > 0) throw new Error('the ledger is closed for the night');
    });
    await waitFor('all 30 applied', async () => (await applied('failing')).length === 30);
    // One redelivery: the failing event's retry.
    expect(await settled('failing')).toBe(31);
    expect((await applied('failing')).every((r) => r.times === 1)).toBe(true);
    expect(await metric(registry, 'event_batches_split_total', 'consumer="failing"')).toBeGreaterThanOrEqual(1);
    // Its first failure split the batch; its try alone failed (the one failure counted), its retry applied it.
    expect(await metric(registry, 'events_handled_total', 'outcome="failed"')).toBe(1);
    expect(await metric(registry, 'events_dead_lettered_total', 'consumer="failing"')).toBe(0);
  });

  it('commits a batch at the event that took a series counter row, and applies the rest in the next transaction', async () => {
    const contract = contractFor('numbered');
    const ids = await publish(contract, 40);
    // Every fifth event draws a gapless number (a document of its own series); the others draw none.
    const numbered = new Set(ids.filter((_, i) => i % 5 === 2));
    await consume('numbered', contract, 16, async (event, tx) => {
      if (numbered.has(event.id)) await nextDocumentNumber(tx, 'TST', 2026);
    });
    await waitFor('all 40 applied', async () => (await applied('numbered')).length === 40);
    await settled('numbered');
    expect((await applied('numbered')).every((r) => r.times === 1)).toBe(true);
    const rows: Array<{ event_id: string; txid: string }> = await ds.query(`SELECT event_id, txid FROM received WHERE consumer = 'numbered' ORDER BY seq`);
    const byTransaction = new Map<string, string[]>();
    for (const row of rows) byTransaction.set(row.txid, [...(byTransaction.get(row.txid) ?? []), row.event_id]);
    const transactions = [...byTransaction.values()];
    // A numbered event is the last of its transaction: nothing was applied while it held the counter row.
    for (const events of transactions) {
      const at = events.findIndex((id) => numbered.has(id));
      if (at >= 0) expect(at).toBe(events.length - 1);
    }
    // The events without a number still went several to a transaction.
    expect(transactions.some((events) => events.length > 1)).toBe(true);
    expect(transactions.length).toBeLessThan(40);
    expect(Number((await ds.query(`SELECT last FROM document_sequences WHERE series = 'TST'`))[0].last)).toBe(8);
  });
});
