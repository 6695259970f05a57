import { Controller, Get, Header, Inject, Injectable, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from './decorators.js';
import { METRICS_REGISTRY, NATS_CONNECTION } from './tokens.js';

export type Check = 'up' | 'down';

/** The bus, and the database when the process has one. */
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

/**
 * Whether this process should be given work: its own parts say whether they have started (the
 * messaging runtime: consumers running), and shutdown says at once that it is draining. The dependency
 * checks (database, NATS, migrations) are the controller's.
 *
 * `@nestjs/terminus` 12 would run with NestJS 12, but every check here is our own (NATS through our
 * connection, not @nestjs/microservices; migrations; consumers; the drain), its answers differ from the
 * `{ status, checks }` that scripts and tests read at /health, and it brings a dependency tree for what is
 * this class and two routes.
 */
@Injectable()
export class Readiness {
  private readonly parts = new Map<string, () => boolean>();
  private drainingSince?: number;

  /** A part of the process that must be running for it to be ready (`consumers`, say). */
  require(name: string, running: () => boolean): void {
    this.parts.set(name, running);
  }

  /** Shutdown has begun: ready answers 503 from now on, while the process still serves what comes. */
  beginDrain(): void {
    this.drainingSince ??= Date.now();
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  partChecks(): Record<string, Check> {
    return Object.fromEntries([...this.parts].map(([name, running]) => [name, running() ? 'up' : 'down']));
  }
}

/**
 * `/health/live`: the process is up and its event loop answers; nothing else is asked, so a slow
 * database never gets a process restarted. `/health/ready` (and `/health`, its alias for scripts and
 * older probes): Postgres and NATS answer, migrations are done and the process's parts have started;
 * 503 otherwise, and at once when shutdown begins (the drain). `/metrics`: Prometheus text.
 */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  /** Migrations never un-run: once none is pending, the question is not asked again. */
  private migrated = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() private readonly readiness?: Readiness,
  ) {}

  @Get('health/live')
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('health/ready')
  ready(@Res() reply: FastifyReply): Promise<void> {
    return this.answerReady(reply);
  }

  @Get('health')
  health(@Res() reply: FastifyReply): Promise<void> {
    return this.answerReady(reply);
  }

  private async answerReady(reply: FastifyReply): Promise<void> {
    reply.header('Cache-Control', 'no-store');
    if (this.readiness?.draining) {
      await reply.status(503).send({ status: 'draining', checks: { shutdown: 'down' } });
      return;
    }
    const [dependencies, migrations] = await Promise.all([checkDependencies(this.nc, this.dataSource), this.checkMigrations()]);
    const checks: Record<string, Check> = { ...dependencies, ...(migrations ? { migrations } : {}), ...this.readiness?.partChecks() };
    // Shutdown may have begun while the checks ran.
    const up = !this.readiness?.draining && Object.values(checks).every((check) => check === 'up');
    await reply.status(up ? 200 : 503).send({ status: up ? 'ok' : this.readiness?.draining ? 'draining' : 'unavailable', checks });
  }

  private async checkMigrations(): Promise<Check | undefined> {
    if (!this.dataSource) return undefined;
    if (this.migrated) return 'up';
    try {
      this.migrated = !(await withTimeout(this.dataSource.showMigrations()));
    } catch {
      return 'down';
    }
    return this.migrated ? 'up' : 'down';
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  }
}
