import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AdminRpc, DomainError, ListAuditQuery, ListDeadLettersQuery, ReplayDeadLetterRequest } from '@ops/contracts';
import { decide, verifyActorAssertion } from '@ops/auth';
import { ensureStreams, EventConsumers, Naming, OutboxRelay, RpcServer, type RpcGuard } from '@ops/messaging';
import { appendAudit, listAudit } from './audit-trail.js';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from './config.js';
import { eventHandlersOf, rpcHandlersOf } from './decorators.js';
import { PeriodicJob } from './periodic-job.js';
import { METRICS_REGISTRY, NAMING, NATS_CONNECTION, SERVICE_CONFIG } from './tokens.js';

/**
 * Starts and stops a service's messaging: finds the @RpcHandler and @OnEvent methods of its
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
  private readonly logger = new Logger(MessagingRuntime.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMING) private readonly naming: Naming,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config, nc, naming, registry, logger } = this;
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, naming);
    const guard: RpcGuard = {
      verifyActor: (assertion) => verifyActorAssertion(assertion, config.actorSecret),
      decide: (name, actor) => {
        const decision = decide(config.service, name, actor.roles);
        return decision.allowed ? { allowed: true, kind: decision.permission.kind } : decision;
      },
      audit: (entry) => appendAudit(this.dataSource, entry),
    };
    this.rpc = new RpcServer({ service: config.service, nc, naming, logger, registry, guard });
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
      ackWaitMs: config.events.ackWaitMs,
    });
    this.relay = new OutboxRelay({ databaseUrl: config.databaseUrl, schema: config.service, js, naming, registry, logger, pollMs: config.relay.pollMs });
    this.registerHandlers();
    await this.consumers.start();
    await this.relay.start();
    this.retention = new PeriodicJob('outbox-retention', config.jobs.scanMs, () => this.purgePublishedOutbox());
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
  }

  private registerHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype || typeof metatype !== 'function') continue;
      for (const meta of rpcHandlersOf(metatype)) {
        const method = (instance as Record<string | symbol, Function>)[meta.method].bind(instance);
        this.rpc.register({ name: meta.name, request: meta.request, handle: method as never });
      }
      for (const meta of eventHandlersOf(metatype)) {
        const method = (instance as Record<string | symbol, Function>)[meta.method].bind(instance);
        this.consumers.register({ consumer: meta.consumer, contract: meta.contract, handle: method as never });
      }
    }
    this.rpc.register({ name: AdminRpc.listDeadLetters, request: ListDeadLettersQuery, handle: (q: ListDeadLettersQuery) => this.consumers.listDeadLetters(q.limit) });
    this.rpc.register({ name: AdminRpc.listAudit, request: ListAuditQuery, handle: (q: ListAuditQuery) => listAudit(this.dataSource, q) });
    this.rpc.register({
      name: AdminRpc.replayDeadLetter,
      request: ReplayDeadLetterRequest,
      handle: async (r: ReplayDeadLetterRequest) => {
        const outcome = await this.consumers.replayDeadLetter(r.sequence);
        if (!outcome.replayed) throw new DomainError('conflict', 'replay-failed', outcome.reason);
        return outcome;
      },
    });
  }
}
