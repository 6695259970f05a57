import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { ServiceName } from '@ops/contracts';
import { loadGatewayConfig, startGateway, type GatewayConfig } from '@ops/gateway';
import { SERVICE_STARTERS } from '@ops/host';
import { loadServiceConfig, MessagingRuntime, type RunningApp, type ServiceConfig } from '@ops/service-kit';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';

/**
 * The whole platform in this test process: gateway and the four services on a database and subject
 * prefix of this test file's own, with short retry and ack timings so fault tests finish quickly.
 */
export class TestPlatform {
  readonly instances = new Map<ServiceName, RunningApp[]>();
  gateway: RunningApp;
  nc: NatsConnection;

  private constructor(readonly env: TestEnvironment, private readonly overrides: Partial<ServiceConfig>, private readonly gatewayOverrides: Partial<GatewayConfig>) {}

  static async start(options: { services?: ServiceName[]; overrides?: Partial<ServiceConfig>; gateway?: Partial<GatewayConfig> } = {}): Promise<TestPlatform> {
    const platform = new TestPlatform(await createTestEnvironment(), options.overrides ?? {}, options.gateway ?? {});
    platform.nc = await connect({ servers: platform.env.natsUrl });
    for (const service of options.services ?? (['sales', 'finance', 'inventory', 'security'] as const)) await platform.startService(service);
    platform.gateway = await startGateway({
      ...loadGatewayConfig({}),
      natsUrl: platform.env.natsUrl,
      subjectPrefix: platform.env.subjectPrefix,
      httpPort: 0,
      logLevel: process.env.LOG_LEVEL ?? 'error',
      requestTimeoutMs: 3_000,
      databaseUrl: platform.env.databaseUrl,
      loginRateLimitPerMinute: 1_000,
      ...platform.gatewayOverrides,
    });
    return platform;
  }

  config(service: ServiceName, instance = 0): ServiceConfig {
    const defaults = loadServiceConfig(service, {});
    return {
      ...defaults,
      instanceId: `${service}-${instance}`,
      databaseUrl: this.env.databaseUrl,
      natsUrl: this.env.natsUrl,
      subjectPrefix: this.env.subjectPrefix,
      httpPort: 0,
      logLevel: process.env.LOG_LEVEL ?? 'error',
      dbPoolSize: 5,
      // Short retries and ack_wait so fault tests finish quickly; concurrency and batch size as deployed.
      events: { ...defaults.events, maxDeliveries: 4, retryScheduleMs: [100, 200, 300], ackWaitMs: 2_000 },
      relay: { pollMs: 250, retentionHours: 168 },
      jobs: { scanMs: 300 },
      ...this.overrides,
    };
  }

  async startService(service: ServiceName): Promise<RunningApp> {
    const running = this.instances.get(service) ?? [];
    const app = await SERVICE_STARTERS[service](this.config(service, running.length));
    running.push(app);
    this.instances.set(service, running);
    return app;
  }

  /** Graceful stop of every instance of a service. */
  async stopService(service: ServiceName): Promise<void> {
    for (const app of this.instances.get(service) ?? []) await app.close();
    this.instances.set(service, []);
  }

  instance(service: ServiceName, index = 0): RunningApp {
    const app = this.instances.get(service)?.[index];
    if (!app) throw new Error(`${service} instance ${index} is not running`);
    return app;
  }

  runtime(service: ServiceName, index = 0): MessagingRuntime {
    return this.instance(service, index).app.get(MessagingRuntime);
  }

  get api(): string {
    return `${this.gateway.url}/api/v1`;
  }

  private readonly tokens = new Map<string, { token: string; until: number }>();

  /** The access token of the demo user of `role` (username = role, password = `<role>-demo`), signed in again near its expiry. */
  async token(role: string): Promise<string> {
    const known = this.tokens.get(role);
    if (known && known.until > Date.now()) return known.token;
    const res = await http<{ accessToken: string; expiresIn: number }>('POST', `${this.api}/auth/login`, { username: role, password: `${role}-demo` });
    if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status} ${JSON.stringify(res.body)}`);
    this.tokens.set(role, { token: res.body.accessToken, until: Date.now() + (res.body.expiresIn - 2) * 1000 });
    return res.body.accessToken;
  }

  /** Calls the gateway as the demo user of `role`. */
  async call<T = any>(role: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return http<T>(method, `${this.api}${path}`, body, { authorization: `Bearer ${await this.token(role)}`, ...headers });
  }

  /** Reads as the auditor, who may read everything. */
  read<T = any>(path: string): Promise<HttpResult<T>> {
    return this.call<T>('auditor', 'GET', path);
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    for (const service of this.instances.keys()) await this.stopService(service);
    await this.nc?.close();
    await this.env.dispose();
  }
}

export interface HttpResult<T = any> {
  status: number;
  contentType: string;
  body: T;
}

export async function http<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed as T };
}
