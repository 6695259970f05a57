import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import { METRICS_REGISTRY, PeriodicJob } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from './tokens.js';

/**
 * Failed sign-ins per client address over the last minute, counted in the identity schema so every
 * gateway instance sees the same count: a client past LOGIN_RATE_LIMIT_PER_MINUTE failures is refused
 * (429) before its password is even looked at. The address is the socket's, or a trusted proxy's
 * X-Forwarded-For (TRUSTED_PROXIES).
 */
@Injectable()
export class SignInLimiter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly cleanup: PeriodicJob;

  constructor(private readonly dataSource: DataSource, @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.cleanup = new PeriodicJob('sign-in-failures', 60_000, () => this.forgetOld(), registry);
  }

  onApplicationBootstrap(): void {
    this.cleanup.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.cleanup.stop();
  }

  async assertAllowed(client: string): Promise<void> {
    const [{ failures }]: Array<{ failures: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS failures FROM sign_in_failures WHERE client = $1 AND at > now() - interval '1 minute'`,
      [client],
    );
    if (failures >= this.config.loginRateLimitPerMinute) {
      throw new DomainError('rate_limited', 'too-many-sign-ins', 'Too many failed sign-ins from this address; wait a minute and try again');
    }
  }

  async recordFailure(client: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO sign_in_failures (client) VALUES ($1)`, [client]);
  }

  private async forgetOld(): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.dataSource.query(`DELETE FROM sign_in_failures WHERE at < now() - interval '1 hour'`);
    return deleted;
  }
}
