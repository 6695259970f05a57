import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { METRICS_REGISTRY, NATS_CONNECTION } from './tokens.js';

export type Check = 'up' | 'down';

/** Database and bus checks shared by every service's /health. */
export async function checkDependencies(dataSource: DataSource, nc: NatsConnection): Promise<{ database: Check; nats: Check }> {
  const [database, nats] = await Promise.all([
    withTimeout(dataSource.query('SELECT 1')).then(() => 'up' as const, () => 'down' as const),
    nc.isClosed() ? Promise.resolve('down' as const) : withTimeout(nc.flush()).then(() => 'up' as const, () => 'down' as const),
  ]);
  return { database, nats };
}

function withTimeout<T>(work: Promise<T>, ms = 2_000): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref())]);
}

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks = await checkDependencies(this.dataSource, this.nc);
    const up = checks.database === 'up' && checks.nats === 'up';
    await reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable', checks });
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  }
}
