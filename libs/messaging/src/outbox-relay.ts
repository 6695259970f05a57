import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { extractTraceContext, injectTraceContext, inSpan, recordBag, scrapeReading, SpanKind } from '@ops/observability';
import pg from 'pg';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { BusinessFacts } from './business-facts.js';
import type { LogSink } from './log.js';
import type { Naming } from './naming.js';
import type { OutboxEvent } from './outbox-writer.js';
import { TransactionStatements } from './transaction-statements.js';
import { outboxChannel } from './schema.js';

/**
 * How long events published from memory wait to be marked published together. Each mark is a transaction
 * of its own; a mark only keeps the relay's loop from publishing the event again (which the stream's
 * duplicate window would drop), so it may wait, as long as it lands well inside the loop's grace.
 */
export const DEFAULT_MARK_EVERY_MS = 500;

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
  /**
   * How long the poll leaves a row to the instance that committed it, which publishes it itself at once
   * (publishCommitted); after that the relay publishes it (that instance died, or NATS was away).
   */
  graceMs?: number;
  /** How long events published at commit wait to be marked published together (default DEFAULT_MARK_EVERY_MS); under `graceMs`. */
  markEveryMs?: number;
  /**
   * Where /metrics reads the backlog (unpublished rows, the age of the oldest) when Prometheus scrapes:
   * the service's pool, not the relay's own connection, so a relay stuck on its connection still shows
   * a backlog that grows. Without it the backlog gauges are not registered.
   */
  dataSource?: DataSource;
  /** The service whose business facts (orders placed, paid, shipped) its commits count; default `schema`. */
  service?: string;
}

/** The backlog count stops here: a scrape stays cheap however far behind the relay is. */
export const BACKLOG_COUNT_CAP = 100_000;

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  envelope: string;
  headers: Record<string, string>;
}

/**
 * When the producer's transaction committed (ms since the epoch, as the producer saw it), on the events
 * published right after their commit: the start of an event's hop to its consumers.
 */
export const COMMITTED_AT_HEADER = 'Ops-Committed-At';

/**
 * Publishes committed outbox rows to JetStream, with the event id as the message id (so the stream
 * drops a repeat inside its duplicate window), then marks them published.
 *
 * A command or an event handled by the runtime hands its events over right after its commit
 * (`publishCommitted`): they are published at once from memory and marked published in batches, which
 * spares the two statements per event that reading them back cost. Everything else is the relay's
 * loop: every instance of a service runs one, but only the one holding the schema's advisory lock
 * publishes, in `seq` order; the lock lives on the relay's own connection, so a crashed leader frees it
 * at once. It wakes on the NOTIFY a transaction outside the runtime sends at commit, and polls slowly
 * for rows older than the grace: those an instance committed but never published (it died, or NATS was away).
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
  private readonly graceMs: number;
  private readonly markEveryMs: number;
  /** Ids published from memory, to be marked published by the next batched UPDATE. */
  private toMark: string[] = [];
  private marking?: Promise<void>;
  private markTimer?: NodeJS.Timeout;
  private readonly direct = new Set<Promise<void>>();
  private readonly published: Counter;
  private readonly lag: Histogram;
  /** Publishing stopped by hand (`pause`): commits stay in the outbox until `resume`. */
  private paused = false;
  /** Counts the business facts among the events each unit of work commits (inUnitOfWork). */
  readonly facts: BusinessFacts;
  /** Statements per unit of work, by command and consumer (inUnitOfWork). */
  readonly statements: TransactionStatements;
  /** Told of every transaction of the runtime once it has committed (the change announcements listen here). */
  private readonly committedListeners: Array<(tx: object) => void> = [];

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 1_000;
    this.graceMs = options.graceMs ?? 2_000;
    this.markEveryMs = Math.min(options.markEveryMs ?? DEFAULT_MARK_EVERY_MS, this.graceMs / 2);
    this.published = new Counter({ name: 'outbox_published_total', help: 'Outbox rows published to JetStream', registers: [options.registry] });
    this.lag = new Histogram({
      name: 'outbox_relay_lag_seconds',
      help: 'Time from outbox commit to JetStream acknowledgement',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [options.registry],
    });
    this.facts = new BusinessFacts(options.service ?? options.schema, options.registry);
    this.statements = new TransactionStatements(options.registry);
    if (options.dataSource) this.registerBacklogGauges(options.dataSource);
  }

  /**
   * `outbox_unpublished_rows` and `outbox_oldest_unpublished_age_seconds`, read from the table at
   * scrape time in one statement (the partial index `outbox_pending`), with a statement timeout.
   */
  private registerBacklogGauges(dataSource: DataSource): void {
    const read = scrapeReading(() =>
      dataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL statement_timeout = 1000`);
        const [row]: Array<{ rows: number; age: number | null }> = await tx.query(
          `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT ${BACKLOG_COUNT_CAP}) pending)::int AS rows,
                  EXTRACT(EPOCH FROM clock_timestamp() - (SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT 1))::float8 AS age`,
        );
        return row;
      }),
    );
    const registers = [this.options.registry];
    new Gauge({
      name: 'outbox_unpublished_rows',
      help: `Outbox rows committed and not yet published to JetStream (counted up to ${BACKLOG_COUNT_CAP}), read at scrape time`,
      registers,
      async collect() {
        const row = await read();
        if (row) this.set(row.rows);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none), read at scrape time: rises while the relay is stuck',
      registers,
      async collect() {
        const row = await read();
        if (row) this.set(Math.max(0, row.age ?? 0));
      },
    });
  }

  /**
   * Stops publishing, both the events handed over at commit and the relay's loop: what commits stays in
   * the outbox (a backlog that grows) until `resume`. For drills and tests of the backlog alerts.
   */
  pause(): void {
    this.paused = true;
  }

  /** Publishes again, at once, everything left in the outbox meanwhile. */
  resume(): void {
    this.paused = false;
    this.notified = true;
    this.wake?.();
  }

  get isPaused(): boolean {
    return this.paused;
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
    await Promise.allSettled([...this.direct]);
    clearTimeout(this.markTimer);
    await this.markPublished();
    await this.disconnect();
  }

  /**
   * Publishes the events a transaction has just committed, without reading them back; they are marked
   * published a moment later, several at once. What fails here stays unpublished in the outbox, for the
   * relay's loop to publish after the grace.
   */
  onCommitted(listener: (tx: object) => void): void {
    this.committedListeners.push(listener);
  }

  /** After a runtime transaction committed: its listeners hear of it (never failing the caller). */
  committed(tx: object): void {
    for (const listener of this.committedListeners) {
      try {
        listener(tx);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'a listener of committed transactions failed');
      }
    }
  }

  publishCommitted(events: readonly OutboxEvent[]): void {
    if (!events.length || this.paused) return;
    // The commit's moment twice: on the monotonic clock for this process's lag, on the wall clock for the
    // consumers (another process, perhaps another machine) to time the hop from.
    const committedTick = performance.now();
    const committedAt = Date.now();
    const work = this.publish(events, committedAt)
      .then(() => {
        // Commit to acknowledgement, timed here: the mark that follows is no part of it.
        const lag = (performance.now() - committedTick) / 1000;
        for (let i = 0; i < events.length; i++) this.lag.observe(lag);
        this.published.inc(events.length);
        this.toMark.push(...events.map((e) => e.id));
        this.markTimer ??= setTimeout(() => void this.markPublished(), this.markEveryMs);
      })
      .catch((error) => this.options.logger.warn({ err: error }, 'events not published at commit; the relay will publish them'))
      .finally(() => this.direct.delete(work));
    this.direct.add(work);
  }

  /** `committedAt` (ms since the epoch) when the events are published right after their commit; the loop does not know it. */
  private async publish(events: readonly Pick<OutboxEvent, 'id' | 'subject' | 'envelope' | 'headers'>[], committedAt?: number): Promise<void> {
    // Publishing on one connection keeps the order; awaiting all acks pipelines the batch.
    // A producer span per event, under the span of the command that wrote it (its traceparent was kept in
    // the row); the consumer's span goes under this one.
    await Promise.all(events.map((event) => {
      const subject = this.options.naming.subject(event.subject);
      const written = recordBag({ ...event.headers });
      return inSpan(`${subject} publish`, {
        kind: SpanKind.PRODUCER, parent: extractTraceContext(written),
        attributes: { 'messaging.system': 'nats', 'messaging.operation.type': 'send', 'messaging.destination.name': subject, 'messaging.message.id': event.id },
      }, async () => {
        const h = natsHeaders();
        for (const [key, value] of Object.entries(event.headers)) h.set(key, value);
        injectTraceContext(h);
        if (committedAt !== undefined) h.set(COMMITTED_AT_HEADER, String(committedAt));
        await this.options.js.publish(subject, event.envelope, { msgID: event.id, headers: h });
      });
    }));
  }

  /** One UPDATE for every event published from memory since the last. */
  private async markPublished(): Promise<void> {
    this.markTimer = undefined;
    await this.marking;
    const ids = this.toMark;
    if (!ids.length) return;
    this.toMark = [];
    this.marking = (async () => {
      try {
        if (!this.client) await this.connect();
        await this.client!.query(`UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids]);
      } catch (error) {
        // Published but not marked: the relay's loop publishes them again, and the stream drops the repeats.
        this.options.logger.warn({ err: error }, 'could not mark published events');
      }
    })();
    await this.marking;
  }

  private async connect(): Promise<void> {
    // Its commits (published marks) do not wait for the WAL to reach the disk: a mark lost in a crash only
    // makes the relay publish that event again, and the stream drops the repeat.
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.schema}-outbox-relay`, options: '-c synchronous_commit=off' });
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
      const notified = this.notified;
      this.notified = false;
      try {
        if (!this.client) await this.connect();
        if (!this.leader) this.leader = await this.tryLead();
        if (this.leader && !this.paused) more = (await this.publishBatch(notified ? 0 : this.graceMs)) === this.batchSize;
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

  /** The oldest unpublished rows, up to a batch; after a NOTIFY all of them, on a poll those past `graceMs`. */
  private async publishBatch(graceMs: number): Promise<number> {
    // What memory has published is marked first, or a read after a NOTIFY (no grace) would publish it again.
    if (this.toMark.length) {
      clearTimeout(this.markTimer);
      await this.markPublished();
    }
    const { rows } = await this.client!.query<OutboxRow>(
      `SELECT seq, id, subject, envelope::text AS envelope, headers FROM outbox
       WHERE published_at IS NULL AND created_at <= clock_timestamp() - make_interval(secs => $2::float8 / 1000) ORDER BY seq LIMIT $1`,
      [this.batchSize, graceMs],
    );
    if (rows.length === 0) return 0;
    await this.publish(rows);
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
