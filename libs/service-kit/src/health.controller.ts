import { Controller, Get, Header, Inject, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from './decorators.js';
import { METRICS_REGISTRY, NATS_CONNECTION } from './tokens.js';

export type Check = 'up' | 'down';

/** The bus, and the database when the process has one (the gateway has none). */
export async function checkDependencies(nc: NatsConnection, dataSource?: DataSource): Promise<Record<string, Check>> {
  const probe = (work: () => Promise<unknown>) => withTimeout(work()).then(() => 'up' as const, () => 'down' as const);
  const [nats, database] = await Promise.all([
    nc.isClosed() ? Promise.resolve('down' as const) : probe(() => nc.flush()),
    dataSource ? probe(() => dataSource.query('SELECT 1')) : undefined,
  ]);
  return database ? { database, nats } : { nats };
}

function withTimeout<T>(work: Promise<T>, ms = 2_000): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref())]);
}

/** `/health` (200 when every dependency answers, else 503) and `/metrics` (Prometheus text). */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks = await checkDependencies(this.nc, this.dataSource);
    const up = Object.values(checks).every((check) => check === 'up');
    await reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable', checks });
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  }
}
