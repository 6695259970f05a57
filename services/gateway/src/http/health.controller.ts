import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import { METRICS_REGISTRY, NATS_CONNECTION } from '@ops/service-kit';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';

@ApiExcludeController()
@Controller()
export class GatewayHealthController {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, @Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const nats = this.nc.isClosed() ? 'down' : await this.nc.flush().then(() => 'up', () => 'down');
    await reply.status(nats === 'up' ? 200 : 503).send({ status: nats === 'up' ? 'ok' : 'unavailable', checks: { nats } });
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  }
}
