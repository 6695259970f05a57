import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { decide, KeyRing, verifyActorAssertion } from '@ops/auth';
import { WaitQuery, type Catalog, type ListAuditQuery, type ListDeadLettersQuery, type Operation, type ReplayDeadLetterRequest } from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import { auditEntry, ensureStreams, EventConsumers, inUnitOfWork, Naming, OutboxRelay, RpcServer, type RpcContext, type RpcGuard } from '@ops/messaging';
import { fingerprintOf, forgetExpiredKeys, inReadSnapshot, once } from '@ops/persistence';
import { appendAudit, listAudit } from './audit-trail.js';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { changesIn } from './aggregate-store.js';
import { catalogProblems, RUNTIME_OPERATIONS } from './catalog-check.js';
import type { CommandContext } from './command-context.js';
import type { ServiceConfig } from './config.js';
import { eventHandlersOf, handlersOf } from './decorators.js';
import { PeriodicJob } from './periodic-job.js';
import { Readiness } from './health.controller.js';
import { announceChanges } from './change-announcer.js';
import { CATALOG, METRICS_REGISTRY, NAMING, NATS_CONNECTION, SERVICE_CONFIG } from './tokens.js';

/**
 * Starts and stops a service's messaging: finds the @Handles and @OnEvent methods of its
 * providers, ensures the streams, then runs the request server, the event consumers and the outbox
 * relay. Shutdown goes the other way: stop taking requests, finish the events in hand, publish what
 * they committed.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  rpc: RpcServer;
  consumers: EventConsumers;
  relay: OutboxRelay;
  private retention?: PeriodicJob;
  private actorKeys?: KeyRing;
  private readonly logger = new Logger(MessagingRuntime.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMING) private readonly naming: Naming,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(CATALOG) private readonly catalog: Catalog,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    readiness: Readiness,
  ) {
    // Ready once its consumers pull, and for as long as they do.
    readiness.require('consumers', () => this.consumers?.started ?? false);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { config, nc, naming, registry, logger } = this;
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, naming);
    // The gateway's actor keys; with a keys file they follow it, so a rotation needs no restart here either.
    this.actorKeys = KeyRing.open('actor', {
      file: config.keysFile, fallbackSecret: config.actorSecret, reloadMs: config.keysReloadMs,
      onError: (error) => logger.error(`the keys file could not be used; the actor keys stay as they were: ${error.message}`),
    });
    const actorKeys = this.actorKeys;
    const guard: RpcGuard = {
      verifyActor: (assertion) => verifyActorAssertion(assertion, actorKeys),
      decide: (name, actor) => {
        const decision = decide(config.service, name, actor.roles);
        return decision.allowed ? { allowed: true, kind: decision.permission.kind } : decision;
      },
      audit: (entry) => appendAudit(this.dataSource, entry),
    };
    this.rpc = new RpcServer({ service: config.service, nc, naming, logger, registry, guard });
    this.relay = new OutboxRelay({ databaseUrl: config.databaseUrl, schema: config.service, js, naming, registry, logger, pollMs: config.relay.pollMs, dataSource: this.dataSource });
    this.consumers = new EventConsumers({
      service: config.service,
      dataSource: this.dataSource,
      js,
      jsm,
      naming,
      registry,
      logger,
      maxDeliveries: config.events.maxDeliveries,
      retryScheduleMs: config.events.retryScheduleMs,
      concurrency: config.events.concurrency,
      batchSize: config.events.batchSize,
      ackWaitMs: config.events.ackWaitMs,
      relay: this.relay,
    });
    announceChanges(config.service, this.relay, nc, naming);
    this.registerHandlers();
    // The relay first: consumers and commands hand it what they commit.
    await this.relay.start();
    await this.consumers.start();
    this.retention = new PeriodicJob('retention', config.jobs.scanMs, async () => (await this.purgePublishedOutbox()) + (await forgetExpiredKeys(this.dataSource, config.idempotencyKeyHours)), registry);
    this.retention.start();
    this.rpc.start();
    logger.log(`${config.service} answers ${this.rpc.names.length} commands and runs ${this.consumers.consumers.length} consumers`);
  }

  /** Deletes published outbox rows past their retention, oldest first, a bounded batch per run. */
  async purgePublishedOutbox(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.relay.retentionHours * 3_600_000);
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NOT NULL AND published_at <= $1 ORDER BY seq LIMIT 5000)`,
      [cutoff],
    );
    return deleted;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.retention?.stop();
    await this.rpc?.stop();
    await this.consumers?.stop();
    await this.relay?.stop();
    this.actorKeys?.close();
  }

  /**
   * Registers every @Handles method and the admin operations the runtime answers itself, then holds
   * them against the catalogue: a handler without an entry, or an entry without a handler, stops the start.
   */
  private registerHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype || typeof metatype !== 'function') continue;
      for (const meta of handlersOf(metatype)) {
        const method = (instance as Record<string | symbol, Function>)[meta.method].bind(instance);
        this.register(meta.operation, method as never);
      }
      for (const meta of eventHandlersOf(metatype)) {
        const method = (instance as Record<string | symbol, Function>)[meta.method].bind(instance);
        this.consumers.register({ consumer: meta.consumer, contract: meta.contract, handle: method as never, lockedBy: meta.lockedBy });
      }
    }
    const admin = (key: (typeof RUNTIME_OPERATIONS)[number]) => {
      const op = this.catalog[key];
      if (!op) throw new Error(`The ${this.config.service} catalogue has no ${key}: add adminOperations() to it`);
      return op;
    };
    // Read from JetStream, not Postgres: straight on the request server, so no snapshot holds a pooled connection through its fetch.
    const listDeadLetters = admin('listDeadLetters');
    this.rpc.register({ name: listDeadLetters.name, request: listDeadLetters.request as (new () => object) | undefined, handle: (q: ListDeadLettersQuery) => this.consumers.listDeadLetters(q.limit) });
    // In the query's snapshot: a second connection from the pool, taken while the snapshot holds one, can wait forever.
    this.register(admin('listAudit'), async (q: ListAuditQuery, { tx }) => listAudit(tx, q));
    this.register(admin('replayDeadLetter'), async (r: ReplayDeadLetterRequest) => {
      const outcome = await this.consumers.replayDeadLetter(r.sequence);
      if (!outcome.replayed) throw new DomainError('conflict', 'replay-failed', outcome.reason);
      return outcome;
    });
    const problems = catalogProblems(this.config.service, this.catalog, this.rpc.names);
    if (problems.length) throw new Error(`${this.config.service} does not match its catalogue:\n  ${problems.join('\n  ')}`);
  }

  /**
   * A query reads one snapshot (inReadSnapshot), so its statements agree with each other; a read that waits
   * (a long poll) reads on the data source, since it must see what commits while it waits. A command runs
   * in one transaction that also claims its Idempotency-Key (creating commands) and writes its audit line,
   * so the change and its record commit together or not at all. History, audit line, events and
   * notifications are written together in one statement just before the commit.
   */
  private register(op: Operation, handle: (request: any, context: CommandContext) => Promise<unknown>): void {
    if (op.kind === 'query') {
      this.rpc.register({
        name: op.name,
        request: op.request as (new () => object) | undefined,
        handle: (request, rpc) =>
          request instanceof WaitQuery && request.waitSeconds
            ? handle(request, this.contextOf(rpc, this.dataSource.manager))
            : inReadSnapshot(this.dataSource, (db) => handle(request, this.contextOf(rpc, db))),
      });
      return;
    }
    this.rpc.register({
      name: op.name,
      request: op.request as (new () => object) | undefined,
      auditsItself: true,
      handle: (request, rpc) =>
        inUnitOfWork(this.dataSource, this.relay, async (tx) => {
          const context = this.contextOf(rpc, tx);
          const result = op.creates
            ? await once(tx, rpc.idempotencyKey, op.name, () => handle(request, context), { fingerprint: fingerprintOf(request), keyHours: this.config.idempotencyKeyHours })
            : await handle(request, context);
          // Before and after of every record the command changed: what a person would dispute later.
          const entry = auditEntry(op.name, rpc.actor, rpc.requestId, 'done', 200, request, result);
          const changes = changesIn(tx);
          await appendAudit(tx, changes.length ? { ...entry, summary: { ...entry.summary, changes } } : entry);
          return result;
        }, { kind: 'command', name: op.name }),
    });
  }

  private contextOf(rpc: RpcContext, tx: CommandContext['tx']): CommandContext {
    return { ...rpc, tx, cause: { requestId: rpc.requestId } };
  }
}
