import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import { allOperations, CATALOGS, operations, SERVICE_NAMES } from '@ops/contracts';
import { connectBus, Naming, RpcClient } from '@ops/messaging';
import { createMetricsRegistry, loggerParams } from '@ops/observability';
import { databaseRoundTrips, databaseStatements, openServiceDataSource } from '@ops/persistence';
import { HealthController, METRICS_REGISTRY, NATS_CONNECTION, NatsLifecycle, Readiness } from '@ops/service-kit';
import { LoggerModule } from 'nestjs-pino';
import type { GatewayConfig } from './config.js';
import { IDENTITY_ENTITIES } from './identity/identity.entities.js';
import { GATEWAY_CONFIG, IdentityService } from './identity/identity.service.js';
import { Identity1763900000000 } from './identity/migrations/1763900000000-identity.js';
import { IdentityIdempotencyKeys1764900000000 } from './identity/migrations/1764900000000-idempotency-keys.js';
import { SignInFailures1765000000000 } from './identity/migrations/1765000000000-sign-in-failures.js';
import { GatewayKeys } from './identity/access-tokens.js';
import { SessionCache } from './identity/session-cache.js';
import { SignInLimiter } from './identity/sign-in-limiter.js';
import { AccessGuard } from './http/access.guard.js';
import { auditController } from './http/audit.controller.js';
import { AuthController } from './http/auth.controller.js';
import { ChangeFeedHub, ChangesController } from './http/changes.controller.js';
import { forwardingController, routeProblems } from './http/operation-routes.js';
import { ProblemFilter, validationProblem } from './http/problem.js';
import { RPC_CLIENT, ServiceBus } from './http/service-bus.js';
import { UnsafeInputPipe } from './http/unsafe-input.pipe.js';
import { UsersController } from './http/users.controller.js';
import { bodiesServicesValidate, GatewayValidationPipe } from './http/validation.pipe.js';

/**
 * The gateway's controllers: sign-in, people, and one forwarding controller per service built from its
 * catalogue. A route that disagrees with its catalogue entry, or an entry with no route, stops the start.
 */
export function gatewayControllers(): Type<unknown>[] {
  const controllers = [AuthController, UsersController, ChangesController, auditController(), ...SERVICE_NAMES.map((service) => forwardingController(service, operations(CATALOGS[service])))];
  const problems = routeProblems(controllers, allOperations());
  if (problems.length) throw new Error(`The gateway's routes do not match the catalogues:\n  ${problems.join('\n  ')}`);
  return controllers;
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot(loggerParams('gateway', config.logLevel)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' as const, retryAttempts: 0 }),
          dataSourceFactory: () =>
            openServiceDataSource({ url: config.databaseUrl, schema: 'identity', entities: IDENTITY_ENTITIES, migrations: [Identity1763900000000, IdentityIdempotencyKeys1764900000000, SignInFailures1765000000000], poolSize: 10, applicationName: config.instanceId }),
        }),
      ],
      controllers: [HealthController, ...gatewayControllers()],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: NATS_CONNECTION, useFactory: () => connectBus(config) },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('gateway', config.instanceId, { statements: databaseStatements(config.instanceId), roundTrips: databaseRoundTrips(config.instanceId) }) },
        { provide: RPC_CLIENT, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new RpcClient(nc, new Naming(config.subjectPrefix), config.requestTimeoutMs) },
        GatewayKeys,
        SessionCache,
        SignInLimiter,
        ChangeFeedHub,
        IdentityService,
        ServiceBus,
        NatsLifecycle,
        Readiness,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // In this order: control characters and prototype keys are refused before anything is validated.
        { provide: APP_PIPE, useClass: UnsafeInputPipe },
        {
          provide: APP_PIPE,
          useValue: new GatewayValidationPipe(bodiesServicesValidate(allOperations()), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, transform: true, exceptionFactory: validationProblem }),
        },
      ],
    };
  }
}
