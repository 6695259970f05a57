import type { ServiceName } from '@ops/contracts';
import { DEFAULT_IDEMPOTENCY_KEY_HOURS } from '@ops/persistence';
import { hostname } from 'node:os';

export interface ServiceConfig {
  service: ServiceName;
  /** Names this process in metrics and logs; several instances of a service may run. */
  instanceId: string;
  databaseUrl: string;
  natsUrl: string;
  /** Prefix of every subject and stream, so deployments or test runs sharing NATS stay apart. */
  subjectPrefix: string;
  httpHost: string;
  /** Port of /health and /metrics; 0 picks a free one. */
  httpPort: number;
  logLevel: string;
  dbPoolSize: number;
  events: { maxDeliveries: number; retryScheduleMs: number[]; ackWaitMs: number; concurrency: number };
  /** Published outbox rows are kept `retentionHours` (for inspection and replays), then deleted. */
  relay: { pollMs: number; retentionHours: number };
  /** How often a service's periodic work (expiring orders, overdue receivables) looks for something to do. */
  jobs: { scanMs: number };
  /** How long an Idempotency-Key is remembered: a repeat within it gets the first result. */
  idempotencyKeyHours: number;
  /** Verifies the gateway's signed actor assertions (shared with the gateway). */
  actorSecret: string;
  /** The keys file (OPS_KEYS_FILE) whose `actor` keys verify the gateway's assertions, re-read every `keysReloadMs`. */
  keysFile?: string;
  keysReloadMs: number;
}

/**
 * `demo` (the default, for `npm start` and tests) may use the built-in development secrets;
 * any other profile must get every secret from the environment or refuses to start.
 */
export function secretFrom(env: NodeJS.ProcessEnv, name: string, demoValue: string): string {
  const value = env[name];
  if (value) {
    if (value.length < 32) throw new Error(`${name} must be at least 32 characters`);
    return value;
  }
  const profile = env.OPS_PROFILE ?? 'demo';
  if (profile !== 'demo') throw new Error(`${name} is not set. Profile "${profile}" takes secrets only from the environment: set ${name} (32+ random characters, the same for the gateway and every service).`);
  return demoValue;
}

export const DEMO_ACTOR_SECRET = 'demo-only-actor-assertion-secret-do-not-deploy';

export const DEFAULT_HTTP_PORTS: Record<ServiceName | 'gateway', number> = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ops';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** Reads a service's configuration from the environment, with defaults that work on a developer machine. */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const upper = service.toUpperCase();
  return {
    service,
    instanceId: env.INSTANCE_ID ?? `${service}@${hostname()}:${process.pid}`,
    databaseUrl: env[`${upper}_DATABASE_URL`] ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL,
    subjectPrefix: env.SUBJECT_PREFIX ?? '',
    httpHost: env.HTTP_HOST ?? '127.0.0.1',
    httpPort: intFrom(env[`${upper}_HTTP_PORT`], DEFAULT_HTTP_PORTS[service]),
    logLevel: env.LOG_LEVEL ?? 'info',
    dbPoolSize: intFrom(env.DB_POOL_SIZE, 10),
    events: {
      maxDeliveries: intFrom(env.EVENT_MAX_DELIVERIES, 5),
      retryScheduleMs: (env.EVENT_RETRY_SCHEDULE_MS ?? '250,1000,5000,15000,30000').split(',').map((n) => intFrom(n, 1000)),
      ackWaitMs: intFrom(env.EVENT_ACK_WAIT_MS, 30_000),
      concurrency: intFrom(env.EVENT_CONCURRENCY, 8),
    },
    relay: { pollMs: intFrom(env.OUTBOX_POLL_MS, 1_000), retentionHours: intFrom(env.OUTBOX_RETENTION_HOURS, 168) },
    jobs: { scanMs: intFrom(env.JOB_SCAN_MS, 60_000) },
    idempotencyKeyHours: intFrom(env.IDEMPOTENCY_KEY_HOURS, DEFAULT_IDEMPOTENCY_KEY_HOURS),
    // With a keys file, the actor keys come from it (and OPS_ACTOR_SECRET is not needed).
    actorSecret: env.OPS_KEYS_FILE ? (env.OPS_ACTOR_SECRET ?? '') : secretFrom(env, 'OPS_ACTOR_SECRET', DEMO_ACTOR_SECRET),
    keysFile: env.OPS_KEYS_FILE || undefined,
    keysReloadMs: intFrom(env.KEYS_RELOAD_MS, 5_000),
  };
}

function intFrom(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a non-negative integer, got "${raw}"`);
  return n;
}
