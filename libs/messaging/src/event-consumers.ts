import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, deadLetterSubject, eventSubject, producerStream, type EventContract, type EventEnvelope, type ServiceName } from '@ops/contracts';
import { extractTraceContext, inSpan, scrapeReading, SpanKind } from '@ops/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { AlreadyClaimedError, holdsNumberRow } from '@ops/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_RETRY_SCHEDULE_MS, retryDelayMs } from './backoff.js';
import { checkEnvelope } from './envelope-check.js';
import { claimInbox } from './inbox.js';
import type { LogSink } from './log.js';
import type { Naming } from './naming.js';
import { COMMITTED_AT_HEADER, type OutboxRelay } from './outbox-relay.js';
import { inLockOrder } from './lock-order.js';
import { inUnitOfWork } from './unit-of-work.js';

/**
 * How long JetStream waits for an ack before it delivers an event again. Short, so that the events a
 * killed process had taken come back within seconds; a handler that runs longer keeps its event by
 * telling the server it is still working on it (whileWorking).
 */
export const DEFAULT_ACK_WAIT_MS = 5_000;

/**
 * Transactions one consumer runs at once. Two, not more: a consumer with a backlog already applies many
 * events per transaction, and handlers of one consumer mostly lock the same rows (one SKU's stock, one
 * number series), so more transactions at once mostly wait for each other's locks, each holding one of the
 * service's pooled connections while it waits, and the service's commands queue for a connection behind
 * them. With 8, inventory's 16 consumers could hold its whole pool (docs/performance.md, "Fewer event
 * transactions at once"). The second keeps a lone event from waiting behind a running batch.
 */
export const DEFAULT_EVENT_CONCURRENCY = 2;

/** Runs `work`, telling JetStream every `everyMs` that `message` is still being worked on (`working()` restarts its ack_wait). */
export async function whileWorking<T>(message: Pick<JsMsg, 'working'>, everyMs: number, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    try {
      message.working();
    } catch {
      // The connection is gone: the event comes back after ack_wait, and the inbox keeps it from applying twice.
    }
  }, everyMs);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export interface EventHandlerSpec<T extends object = object> {
  /** Durable consumer name, unique within the service, e.g. `reserve-stock`. */
  consumer: string;
  contract: EventContract<T>;
  /** Applies the event's effect with `tx`; the inbox row is written in the same transaction. */
  handle: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>;
  /**
   * The key of the row the handler locks (an order's id), for handlers of one service that lock rows of
   * one table: a batch applies its events in this key's order (those of one key in the order they came),
   * so two batches take their rows in the same order and cannot deadlock.
   */
  lockedBy?: (event: EventEnvelope<T>) => string;
}

export interface EventConsumersOptions {
  service: ServiceName;
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  naming: Naming;
  registry: Registry;
  logger: LogSink;
  /** Deliveries before an event goes to the dead-letter stream. */
  maxDeliveries?: number;
  retryScheduleMs?: readonly number[];
  /** Transactions one consumer runs at the same time (default DEFAULT_EVENT_CONCURRENCY). */
  concurrency?: number;
  /**
   * The most events one transaction applies (default 16). An event goes into a transaction of its own at
   * once while the consumer has one to spare; those that arrive while all are busy go together into the
   * next. 1 applies every event in a transaction of its own.
   */
  batchSize?: number;
  /** How long the server waits for an ack before redelivering (after a crash, say). */
  ackWaitMs?: number;
  /** Publishes what a handler's transaction committed, right after it. */
  relay: OutboxRelay;
}

export interface DeadLetter {
  sequence: number;
  consumer: string;
  subject: string;
  failure: string;
  deliveries: number;
  deadLetteredAt: string;
  event: unknown;
}

export type ReplayOutcome = { replayed: true; alreadyApplied: boolean } | { replayed: false; reason: string };

interface JetStreamReading {
  consumers: Array<{ consumer: string; pending: number; ackPending: number; redelivered: number }>;
  deadLetters: Map<string, number>;
}

/** An event taken from its message, checked against its contract. */
interface Admitted {
  message: JsMsg;
  envelope: EventEnvelope<object>;
  /** When its producer committed it (ms since the epoch), if the message says. */
  committedAt?: number;
}

function committedAtOf(message: JsMsg): number | undefined {
  const stamped = Number(message.headers?.get(COMMITTED_AT_HEADER));
  return Number.isFinite(stamped) && stamped > 0 ? stamped : undefined;
}

const HEADER = {
  consumer: 'Ops-Dead-Letter-Consumer',
  subject: 'Ops-Original-Subject',
  failure: 'Ops-Failure',
  deliveries: 'Ops-Deliveries',
} as const;

/**
 * Durable, explicit-ack JetStream consumers of one service. Each event is applied in one database
 * transaction together with its inbox row; a failure is retried with backoff, and after
 * `maxDeliveries` the event goes to the dead-letter stream, from where `replayDeadLetter` can run it
 * again once the fault is fixed. Invalid events go there at once: retrying cannot fix them.
 */
export class EventConsumers {
  private readonly specs = new Map<string, EventHandlerSpec>();
  private readonly running: Array<{ messages: ConsumerMessages; loop: Promise<void>; ended: boolean }> = [];
  private readonly maxDeliveries: number;
  private readonly schedule: readonly number[];
  private readonly handled: Counter<'consumer' | 'outcome'>;
  private readonly deadLettered: Counter<'consumer' | 'reason'>;
  private readonly replayed: Counter<'consumer'>;
  private readonly hop: Histogram<'consumer'>;
  private readonly age: Histogram<'consumer'>;
  private readonly batchesSplit: Counter<'consumer'>;

  constructor(private readonly options: EventConsumersOptions) {
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.schedule = options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
    const registers = [options.registry];
    this.handled = new Counter({ name: 'events_handled_total', help: 'Events received by consumers, by outcome', labelNames: ['consumer', 'outcome'], registers });
    this.deadLettered = new Counter({ name: 'events_dead_lettered_total', help: 'Events sent to the dead-letter stream', labelNames: ['consumer', 'reason'], registers });
    this.replayed = new Counter({ name: 'events_dead_letter_replayed_total', help: 'Dead letters replayed successfully', labelNames: ['consumer'], registers });
    // Fine around the design's target (p99 under 100 ms), so a quantile read from the buckets says how far off it is.
    const buckets = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];
    this.hop = new Histogram({
      name: 'event_hop_seconds',
      help: "From the producer's outbox commit to the consumer's effect committing (from the event's occurrence when the commit time is not known)",
      labelNames: ['consumer'], buckets, registers,
    });
    this.age = new Histogram({
      name: 'event_age_seconds',
      help: "From the event's occurrence in its producer's transaction, before that commits, to the consumer's effect committing",
      labelNames: ['consumer'], buckets, registers,
    });
    this.batchesSplit = new Counter({
      name: 'event_batches_split_total',
      help: 'Transactions of several events that failed and were applied again one event at a time (a repeat or one failing event among them)',
      labelNames: ['consumer'],
      registers,
    });
    this.registerJetStreamGauges();
  }

  /**
   * What JetStream knows of this service's durable consumers and dead letters, asked when Prometheus
   * scrapes (one consumer info per consumer and one stream info, with a timeout): events waiting
   * (`num_pending`), delivered and not yet acknowledged (`num_ack_pending`), delivered more than once
   * (`num_redelivered`), and dead letters waiting for a replay, per consumer. Every instance of a service
   * reports the same shared consumers: aggregate with max, not sum.
   */
  private registerJetStreamGauges(): void {
    const registers = [this.options.registry];
    const read = scrapeReading(() => this.jetStreamReading(), 1_500);
    const gauge = (name: string, help: string, pick: (r: JetStreamReading) => Array<[string, number]>) =>
      new Gauge<'consumer'>({
        name, help, labelNames: ['consumer'], registers,
        async collect() {
          const reading = await read();
          if (!reading) return;
          for (const [consumer, value] of pick(reading)) this.set({ consumer }, value);
        },
      });
    const each = (r: JetStreamReading, key: 'pending' | 'ackPending' | 'redelivered') => r.consumers.map((c) => [c.consumer, c[key]] as [string, number]);
    gauge('events_consumer_pending_messages', 'Events in the stream not yet delivered to the durable consumer (JetStream num_pending): its lag', (r) => each(r, 'pending'));
    gauge('events_consumer_ack_pending_messages', 'Events delivered to the durable consumer and not yet acknowledged (JetStream num_ack_pending)', (r) => each(r, 'ackPending'));
    gauge('events_consumer_redelivered_messages', 'Events delivered more than once and not yet acknowledged (JetStream num_redelivered)', (r) => each(r, 'redelivered'));
    gauge('events_dead_letters', "Events of the consumer in the dead-letter stream, waiting for a replay", (r) => [...r.deadLetters]);
  }

  private async jetStreamReading(): Promise<JetStreamReading> {
    const jsm = this.options.jsm;
    const consumers = await Promise.all([...this.specs.values()].map(async (spec) => {
      const info = await jsm.consumers.info(this.options.naming.stream(producerStream(spec.contract.source).name), this.durableName(spec.consumer)).catch(() => null);
      return info ? { consumer: spec.consumer, pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered } : null;
    }));
    const deadLetters = new Map<string, number>([...this.specs.keys()].map((consumer) => [consumer, 0]));
    const info = await jsm.streams.info(this.deadLetterStream, { subjects_filter: this.deadLetterFilter });
    for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
      const consumer = subject.slice(subject.lastIndexOf('.') + 1);
      deadLetters.set(consumer, (deadLetters.get(consumer) ?? 0) + count);
    }
    return { consumers: consumers.filter((c) => c !== null), deadLetters };
  }

  /** Every registered consumer runs (started, and its pull loop has not ended): readiness. */
  get started(): boolean {
    return this.running.length === this.specs.size && this.running.every((r) => !r.ended);
  }

  register<T extends object>(spec: EventHandlerSpec<T>): void {
    if (this.specs.has(spec.consumer)) throw new Error(`Consumer ${spec.consumer} is registered twice in ${this.options.service}`);
    this.specs.set(spec.consumer, spec as unknown as EventHandlerSpec);
  }

  get consumers(): string[] {
    return [...this.specs.keys()];
  }

  durableName(consumer: string): string {
    return `${this.options.service}-${consumer}`;
  }

  async start(): Promise<void> {
    for (const spec of this.specs.values()) {
      const stream = this.options.naming.stream(producerStream(spec.contract.source).name);
      const durable = this.durableName(spec.consumer);
      await this.ensureConsumer(stream, durable, this.options.naming.subject(eventSubject(spec.contract)));
      const consumer = await this.options.js.consumers.get(stream, durable);
      // Small batches: buffered messages must not outlive ack_wait (architecture.md, engineering notes).
      const messages = await consumer.consume({ max_messages: 16 });
      const loop = this.pump(spec, messages)
        .catch((error) => this.options.logger.error({ err: error, consumer: durable }, 'consumer loop ended'))
        .finally(() => (entry.ended = true));
      const entry = { messages, loop, ended: false };
      this.running.push(entry);
    }
  }

  /** Stops pulling, lets the event in hand finish; unacked buffered events are redelivered later. */
  async stop(): Promise<void> {
    const running = this.running.splice(0);
    await Promise.all(running.map(async ({ messages, loop }) => {
      await messages.close().catch(() => undefined);
      await loop;
    }));
  }

  private async ensureConsumer(stream: string, durable: string, subject: string): Promise<void> {
    const ackWait = nanos(this.ackWaitMs);
    const existing = await this.options.jsm.consumers.info(stream, durable).catch(() => null);
    if (existing) {
      // A consumer made with another ack_wait (an earlier default, EVENT_ACK_WAIT_MS changed) takes this one.
      if (existing.config.ack_wait !== ackWait) await this.options.jsm.consumers.update(stream, durable, { ack_wait: ackWait });
      return;
    }
    await this.options.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subject,
      ack_wait: ackWait,
      // The dead-letter bound is ours (below); the server keeps redelivering until we decide.
      max_deliver: -1,
      max_ack_pending: 1_000,
    });
  }

  private get ackWaitMs(): number {
    return this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  }

  /**
   * Hands the consumer's events to at most `concurrency` transactions. While one is free, the events that
   * came in one turn of the event loop (one read from the socket) take it together at the turn's end: no
   * event waits longer for company. Events that arrive while all are busy wait, and the next free
   * transaction takes them together, up to `batchSize`: under load, one transaction, one commit and one
   * write of acks carry many events. While a full batch waits the loop takes no more, so the rest stays in
   * the client's small buffer, within ack_wait.
   */
  private async pump(spec: EventHandlerSpec, messages: ConsumerMessages): Promise<void> {
    const waiting: JsMsg[] = [];
    const inFlight = new Set<Promise<void>>();
    let stopped = false;
    let freed = () => {};
    const startBatches = () => {
      while (!stopped && waiting.length > 0 && inFlight.size < this.concurrency) {
        const handling: Promise<void> = this.receiveBatch(spec, waiting.splice(0, this.batchSize))
          .catch((error: unknown) => this.options.logger.error({ err: error, consumer: this.durableName(spec.consumer) }, 'events not handled; they will be redelivered'))
          .finally(() => {
            inFlight.delete(handling);
            startBatches();
            freed();
          });
        inFlight.add(handling);
      }
    };
    let turnEndBooked = false;
    const startAtTurnEnd = () => {
      if (turnEndBooked) return;
      turnEndBooked = true;
      setImmediate(() => {
        turnEndBooked = false;
        startBatches();
      });
    };
    for await (const message of messages) {
      waiting.push(message);
      if (waiting.length >= this.batchSize) startBatches();
      else startAtTurnEnd();
      while (waiting.length >= this.batchSize) await new Promise<void>((resolve) => (freed = resolve));
    }
    stopped = true;
    // Not started: back to the server at once, for another instance (or this one, restarted) to take.
    for (const message of waiting.splice(0)) {
      try {
        message.nak();
      } catch {
        // The connection is gone: the server delivers it again after ack_wait.
      }
    }
    while (inFlight.size > 0) await Promise.all(inFlight);
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? DEFAULT_EVENT_CONCURRENCY);
  }

  private get batchSize(): number {
    return Math.max(1, this.options.batchSize ?? 16);
  }

  /**
   * Applies `batch` in as few transactions as it may (applyTogether) and acknowledges each event once its
   * transaction committed. When a transaction fails (a repeat among its events breaks its inbox key, or
   * one handler fails), every event it held goes again on its own, so that only a failing one is retried
   * or dead-lettered and the others are applied.
   */
  private async receiveBatch(spec: EventHandlerSpec, batch: JsMsg[]): Promise<void> {
    let rest: Admitted[] = [];
    for (const message of batch) {
      const envelope = await this.admit(spec, message);
      if (envelope) rest.push({ message, envelope, committedAt: committedAtOf(message) });
    }
    const lockedBy = spec.lockedBy;
    if (lockedBy) rest = inLockOrder(rest, ({ envelope }) => lockedBy(envelope));
    while (rest.length > 1) {
      const waiting = rest;
      const allOf = { working: () => waiting.forEach(({ message }) => message.working()) };
      let applied: number;
      try {
        applied = await whileWorking(allOf, this.ackWaitMs / 3, () => this.applyTogether(spec, waiting));
      } catch {
        this.batchesSplit.inc({ consumer: spec.consumer });
        for (const one of waiting) await this.receive(spec, one);
        return;
      }
      for (const { message } of waiting.slice(0, applied)) message.ack();
      rest = waiting.slice(applied);
    }
    if (rest.length === 1) await this.receive(spec, rest[0]);
  }

  /** The event of `message`, or nothing when it went to the dead letters: it breaks its contract, or it was delivered too often. */
  private async admit(spec: EventHandlerSpec, message: JsMsg): Promise<EventEnvelope<object> | undefined> {
    const deliveries = message.info.deliveryCount;
    const checked = checkEnvelope(message.string(), spec.contract);
    if (!checked.ok) {
      await this.deadLetter(spec, message, `invalid event: ${checked.reason}`, 'invalid');
      return undefined;
    }
    if (deliveries > this.maxDeliveries) {
      // A handler that crashed the process on every try never reached the catch below.
      await this.deadLetter(spec, message, `gave up after ${deliveries - 1} deliveries`, 'exhausted');
      return undefined;
    }
    return checked.envelope;
  }

  /** Applies one event in its own transaction; a failure is retried with backoff, and dead-lettered after the last delivery. */
  private async receive(spec: EventHandlerSpec, { message, envelope, committedAt }: Admitted): Promise<void> {
    const deliveries = message.info.deliveryCount;
    try {
      await whileWorking(message, this.ackWaitMs / 3, () => this.inConsumerSpan(spec, message, envelope, () => this.apply(spec, envelope, committedAt)));
      message.ack();
    } catch (error) {
      const reason = (error as Error).message ?? String(error);
      this.handled.inc({ consumer: spec.consumer, outcome: 'failed' });
      if (deliveries >= this.maxDeliveries) {
        this.options.logger.error({ err: error, consumer: spec.consumer, eventId: envelope.id, deliveries }, 'event handler failed for the last time');
        await this.deadLetter(spec, message, reason, 'exhausted');
      } else {
        this.options.logger.warn({ err: error, consumer: spec.consumer, eventId: envelope.id, deliveries }, 'event handler failed; will retry');
        message.nak(retryDelayMs(deliveries, this.schedule));
      }
    }
  }

  private inConsumerSpan<T>(spec: EventHandlerSpec, message: JsMsg, envelope: EventEnvelope<object>, work: () => Promise<T>): Promise<T> {
    return inSpan(
      `${message.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: extractTraceContext(message.headers ?? undefined),
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': message.subject, 'messaging.consumer.group.name': this.durableName(spec.consumer), 'messaging.message.id': envelope.id },
      },
      work,
    );
  }

  /**
   * Applies an event once: the inbox row and the effect commit together or not at all. The inbox row is
   * written with the effect's other appends in one statement at the end; an event handled before is
   * found there (or, when the handler refused the repeat, by asking the inbox) and rolled back.
   */
  private async apply(spec: EventHandlerSpec, envelope: EventEnvelope<object>, committedAt?: number): Promise<boolean> {
    let applied: boolean;
    try {
      applied = await inUnitOfWork(this.options.dataSource, this.options.relay, (tx) => this.claimAndHandle(spec, envelope, tx), { kind: 'event', name: spec.consumer });
    } catch (error) {
      if (!(error instanceof AlreadyClaimedError) && !(await this.handledBefore(spec.consumer, envelope.id).catch(() => false))) throw error;
      applied = false;
    }
    this.count(spec, envelope, applied, committedAt);
    return applied;
  }

  /**
   * Applies events of `admitted` in one transaction, each with its inbox row, in the order they came; each
   * is traced as its own consumer span. Answers how many it applied: all of them, unless one took a
   * series' counter row (an invoice's number, the journal's): the transaction then commits after that
   * event, since every other transaction numbering that series waits for its COMMIT, and the events after
   * it go in the next one. Any failure rolls them all back and is thrown (receiveBatch then applies them
   * one by one).
   */
  private async applyTogether(spec: EventHandlerSpec, admitted: Admitted[]): Promise<number> {
    const unit = { kind: 'event' as const, name: spec.consumer, units: admitted.length };
    const applied = await inUnitOfWork(this.options.dataSource, this.options.relay, async (tx) => {
      const outcomes: boolean[] = [];
      for (const { message, envelope } of admitted) {
        outcomes.push(await this.inConsumerSpan(spec, message, envelope, () => this.claimAndHandle(spec, envelope, tx)));
        if (holdsNumberRow(tx)) break;
      }
      // What the statements histogram divides the transaction's statements by.
      unit.units = outcomes.length;
      return outcomes;
    }, unit);
    admitted.slice(0, applied.length).forEach(({ envelope, committedAt }, i) => this.count(spec, envelope, applied[i], committedAt));
    return applied.length;
  }

  /** The event's inbox row, then its effect, in `tx`; false (and no effect) when the inbox already had it. */
  private async claimAndHandle(spec: EventHandlerSpec, envelope: EventEnvelope<object>, tx: EntityManager): Promise<boolean> {
    if (!(await claimInbox(tx, spec.consumer, envelope.id))) return false;
    await spec.handle(envelope, tx);
    return true;
  }

  /**
   * An applied event's hop runs from its producer's commit; when the message does not say (the relay's loop
   * published it, or it is a replay) from its occurrence, which is earlier. Its age always runs from its occurrence.
   */
  private count(spec: EventHandlerSpec, envelope: EventEnvelope<object>, applied: boolean, committedAt?: number): void {
    this.handled.inc({ consumer: spec.consumer, outcome: applied ? 'applied' : 'duplicate' });
    if (!applied) return;
    const now = Date.now();
    const occurredAt = Date.parse(envelope.occurredAt);
    this.hop.observe({ consumer: spec.consumer }, Math.max(0, now - (committedAt ?? occurredAt)) / 1000);
    this.age.observe({ consumer: spec.consumer }, Math.max(0, now - occurredAt) / 1000);
  }

  private async handledBefore(consumer: string, eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.options.dataSource.query(`SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
    return rows.length > 0;
  }

  private async deadLetter(spec: EventHandlerSpec, message: JsMsg, failure: string, reason: 'invalid' | 'exhausted'): Promise<void> {
    const h = natsHeaders();
    h.set(HEADER.consumer, spec.consumer);
    h.set(HEADER.subject, this.options.naming.unprefixed(message.subject));
    h.set(HEADER.failure, failure.slice(0, 2_000));
    h.set(HEADER.deliveries, String(message.info.deliveryCount));
    const traceparent = message.headers?.get('traceparent');
    if (traceparent) h.set('traceparent', traceparent);
    try {
      await this.options.js.publish(this.options.naming.subject(deadLetterSubject(this.options.service, spec.consumer)), message.data, {
        headers: h,
        msgID: `${message.info.stream}:${message.seq}:${spec.consumer}`,
      });
    } catch (error) {
      // Not parked, so not dropped: let the server deliver it again.
      this.options.logger.error({ err: error, consumer: spec.consumer }, 'could not dead-letter an event; will retry');
      message.nak(retryDelayMs(this.schedule.length, this.schedule));
      return;
    }
    message.term(failure.slice(0, 200));
    this.deadLettered.inc({ consumer: spec.consumer, reason });
    this.options.logger.error({ consumer: spec.consumer, subject: message.subject, failure }, 'event dead-lettered');
  }

  private get deadLetterStream(): string {
    return this.options.naming.stream(DEAD_LETTER_STREAM.name);
  }

  private get deadLetterFilter(): string {
    return this.options.naming.subject(deadLetterSubject(this.options.service, '*'));
  }

  /** The service's dead letters, oldest first. */
  async listDeadLetters(limit = 100): Promise<DeadLetter[]> {
    const info = await this.options.jsm.streams.info(this.deadLetterStream, { subjects_filter: this.deadLetterFilter });
    const count = Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    if (count === 0) return [];
    const reader = await this.options.js.consumers.get(this.deadLetterStream, { filter_subjects: this.deadLetterFilter });
    const batch = await reader.fetch({ max_messages: Math.min(count, limit), expires: 2_000 });
    const letters: DeadLetter[] = [];
    for await (const message of batch) {
      letters.push(this.toDeadLetter(message.seq, message.headers, message.string(), new Date(Number(message.info.timestampNanos / 1_000_000)).toISOString()));
      if (letters.length >= Math.min(count, limit)) break;
    }
    await reader.delete().catch(() => undefined);
    return letters;
  }

  /** Runs a dead letter's event through its consumer again; on success it leaves the stream. */
  async replayDeadLetter(sequence: number): Promise<ReplayOutcome> {
    const stored = await this.options.jsm.streams.getMessage(this.deadLetterStream, { seq: sequence }).catch(() => null);
    if (!stored || !this.options.naming.unprefixed(stored.subject).startsWith(`dead-letter.${this.options.service}.`)) {
      return { replayed: false, reason: `no dead letter ${sequence} for ${this.options.service}` };
    }
    const letter = this.toDeadLetter(stored.seq, stored.header, stored.string(), stored.time.toISOString());
    const spec = this.specs.get(letter.consumer);
    if (!spec) return { replayed: false, reason: `consumer ${letter.consumer} no longer exists` };
    const checked = checkEnvelope(stored.string(), spec.contract);
    if (!checked.ok) return { replayed: false, reason: `the event is still invalid: ${checked.reason}` };
    try {
      const applied = await this.apply(spec, checked.envelope);
      await this.options.jsm.streams.deleteMessage(this.deadLetterStream, sequence);
      this.replayed.inc({ consumer: spec.consumer });
      return { replayed: true, alreadyApplied: !applied };
    } catch (error) {
      return { replayed: false, reason: `the handler failed again: ${(error as Error).message}` };
    }
  }

  private toDeadLetter(sequence: number, h: { get(k: string): string } | undefined, body: string, at: string): DeadLetter {
    let event: unknown = body;
    try {
      event = JSON.parse(body);
    } catch {
      // kept as text: an unparseable message is itself the reason it is here
    }
    return {
      sequence,
      consumer: h?.get(HEADER.consumer) ?? '',
      subject: h?.get(HEADER.subject) ?? '',
      failure: h?.get(HEADER.failure) ?? '',
      deliveries: Number(h?.get(HEADER.deliveries) ?? 0),
      deadLetteredAt: at,
      event,
    };
  }
}
