import { Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Catalog } from '@ops/contracts';
import { connectBus, Naming, OutboxWriter } from '@ops/messaging';
import { createMetricsRegistry, loggerParams } from '@ops/observability';
import { databaseRoundTrips, databaseStatements, openServiceDataSource } from '@ops/persistence';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { ServiceConfig } from './config.js';
import { HealthController, Readiness } from './health.controller.js';
import { ChangeFeed } from './change-feed.js';
import { MessagingRuntime } from './messaging-runtime.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';
import { CATALOG, METRICS_REGISTRY, NAMING, NATS_CONNECTION, OUTBOX, SERVICE_CONFIG } from './tokens.js';

export interface ServiceKitOptions {
  config: ServiceConfig;
  entities: MixedList<Function | EntitySchema>;
  migrations: Function[];
  /** The service's catalogue: what it must answer, no more and no less. */
  catalog: Catalog;
}

/** Drains the NATS connection last, after the runtime has stopped consuming and publishing. */
@Injectable()
export class NatsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }
}

/**
 * Everything a service process has besides its domain: configuration, JSON logs, its own schema
 * (migrated at start), NATS, metrics, /health/live, /health/ready (and /health) and /metrics, and the
 * messaging runtime.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot(loggerParams(config.service, config.logLevel)),
        TypeOrmModule.forRootAsync({
          // Named after the service: @nestjs/typeorm keeps one registry of names per process, and the host
          // runs four services (four Nest applications) in one; under the default name it warned at start-up
          // that they would override each other, which separate applications never do.
          name: config.service,
          useFactory: () => ({ type: 'postgres' as const, retryAttempts: 0 }),
          dataSourceFactory: () =>
            openServiceDataSource({
              url: config.databaseUrl,
              schema: config.service,
              entities: options.entities,
              migrations: [...options.migrations, ...PLATFORM_MIGRATIONS],
              poolSize: config.dbPoolSize,
              applicationName: config.instanceId,
            }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        // The service's code asks for the DataSource by its class, as for an unnamed one.
        { provide: DataSource, useExisting: getDataSourceToken(config.service) },
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: CATALOG, useValue: options.catalog },
        { provide: NAMING, useValue: new Naming(config.subjectPrefix) },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(config.service, config.instanceId, { statements: databaseStatements(config.instanceId), roundTrips: databaseRoundTrips(config.instanceId) }) },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectBus(config),
        },
        { provide: OUTBOX, useValue: new OutboxWriter(config.service, config.service) },
        NatsLifecycle,
        Readiness,
        MessagingRuntime,
        ChangeFeed,
      ],
      exports: [DataSource, SERVICE_CONFIG, NAMING, METRICS_REGISTRY, NATS_CONNECTION, OUTBOX, MessagingRuntime, ChangeFeed, Readiness],
    };
  }
}
