import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Naming, RpcClient } from '@ops/messaging';
import { createMetricsRegistry, loggerParams } from '@ops/observability';
import { HealthController, METRICS_REGISTRY, NATS_CONNECTION, NatsLifecycle } from '@ops/service-kit';
import { LoggerModule } from 'nestjs-pino';
import type { GatewayConfig } from './config.js';
import { AdminController } from './http/admin.controller.js';
import { FinanceController } from './http/finance.controller.js';
import { InventoryController } from './http/inventory.controller.js';
import { ProblemFilter, validationProblem } from './http/problem.js';
import { SalesController } from './http/sales.controller.js';
import { SecurityController } from './http/security.controller.js';
import { RPC_CLIENT, ServiceBus } from './http/service-bus.js';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [LoggerModule.forRoot(loggerParams('gateway', config.logLevel))],
      controllers: [HealthController, SalesController, FinanceController, InventoryController, SecurityController, AdminController],
      providers: [
        { provide: NATS_CONNECTION, useFactory: () => connect({ servers: config.natsUrl, name: config.instanceId, maxReconnectAttempts: -1, reconnectTimeWait: 500 }) },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('gateway', config.instanceId) },
        { provide: RPC_CLIENT, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new RpcClient(nc, new Naming(config.subjectPrefix), config.requestTimeoutMs) },
        ServiceBus,
        NatsLifecycle,
        { provide: APP_FILTER, useClass: ProblemFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            forbidUnknownValues: true,
            transform: true,
            exceptionFactory: validationProblem,
          }),
        },
      ],
    };
  }
}
