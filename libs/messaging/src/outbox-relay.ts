import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { LogSink } from './log.js';
import type { Naming } from './naming.js';
import { outboxChannel } from './schema.js';

export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  js: JetStreamClient;
  naming: Naming;
  registry: Registry;
  logger: LogSink;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, and how often a standby instance tries to take over. */
  pollMs?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  envelope: string;
  headers: Record<string, string>;
}

/**
 * Publishes committed outbox rows to JetStream in `seq` order, with the event id as the message id
 * (so the stream drops a repeat inside its duplicate window), then marks them published.
 *
 * Every instance of a service runs a relay, but only the one holding the schema's advisory lock
 * publishes; the lock lives on the relay's own connection, so a crashed leader frees it at once.
 * The relay wakes on the NOTIFY sent at commit, with a slow poll as a safety net.
 */
export class OutboxRelay {
  private client?: pg.Client;
  private running = false;
  private leader = false;
  private wake?: () => void;
  /** A NOTIFY came while a batch was being published: look again at once instead of sleeping. */
  private notified = false;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly published: Counter;
  private readonly lag: Histogram;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 1_000;
    this.published = new Counter({ name: 'outbox_published_total', help: 'Outbox rows published to JetStream', registers: [options.registry] });
    this.lag = new Histogram({
      name: 'outbox_relay_lag_seconds',
      help: 'Time from outbox commit to JetStream acknowledgement',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [options.registry],
    });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    await this.connect();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.schema}-outbox-relay` });
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    // A lost connection (Postgres restart) surfaces on the next query, which reconnects.
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox relay connection lost'));
    await client.connect();
    await client.query(`SET search_path = ${this.options.schema}, public`);
    await client.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    this.client = client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      this.notified = false;
      try {
        if (!this.client) await this.connect();
        if (!this.leader) this.leader = await this.tryLead();
        if (this.leader) more = (await this.publishBatch()) === this.batchSize;
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox relay pass failed; retrying');
        // Start over on a fresh connection: the advisory lock may have gone with the old one.
        await this.disconnect();
      }
      // Without the flag, a commit notified during a batch waited for the slow poll (up to pollMs).
      if (!more && !this.notified && this.running) await this.sleep();
    }
  }

  private async tryLead(): Promise<boolean> {
    const { rows } = await this.client!.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`outbox-relay:${this.options.schema}`]);
    return rows[0].locked;
  }

  private async publishBatch(): Promise<number> {
    const { rows } = await this.client!.query<OutboxRow>(
      `SELECT seq, id, subject, envelope::text AS envelope, headers FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    // Publishing on one connection keeps the order; awaiting all acks pipelines the batch.
    await Promise.all(rows.map((row) => {
      const h = natsHeaders();
      for (const [key, value] of Object.entries(row.headers)) h.set(key, value);
      return this.options.js.publish(this.options.naming.subject(row.subject), row.envelope, { msgID: row.id, headers: h });
    }));
    const marked = await this.client!.query<{ lag: number }>(
      `UPDATE outbox SET published_at = clock_timestamp() WHERE seq = ANY($1::bigint[])
       RETURNING EXTRACT(EPOCH FROM published_at - created_at)::float8 AS lag`,
      [rows.map((r) => r.seq)],
    );
    for (const row of marked.rows) this.lag.observe(row.lag);
    this.published.inc(rows.length);
    return rows.length;
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
