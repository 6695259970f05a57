import type { ServiceName } from '@ops/contracts';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_EVENT_CONCURRENCY } from '@ops/messaging';
import { DEFAULT_IDEMPOTENCY_KEY_HOURS } from '@ops/persistence';
import { hostname } from 'node:os';
import { env, LOG_LEVELS, readEnvironment } from './env-schema.js';

export interface ServiceConfig {
  service: ServiceName;
  /** Names this process in metrics and logs; several instances of a service may run. */
  instanceId: string;
  databaseUrl: string;
  natsUrl: string;
  /** NATS user and password (NATS_USER, NATS_PASSWORD) where the server requires them. */
  natsAuth?: { user: string; pass: string };
  /** Prefix of every subject and stream, so deployments or test runs sharing NATS stay apart. */
  subjectPrefix: string;
  httpHost: string;
  /** Port of /health and /metrics; 0 picks a free one. */
  httpPort: number;
  logLevel: string;
  dbPoolSize: number;
  events: { maxDeliveries: number; retryScheduleMs: number[]; ackWaitMs: number; concurrency: number; batchSize: number };
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

/** What every process (the gateway too) reads to find its database, NATS and its place in them. */
export const PROCESS_VARIABLES = {
  INSTANCE_ID: env.optional(),
  DATABASE_URL: env.url(DEFAULT_DATABASE_URL, ['postgres', 'postgresql']),
  NATS_URL: env.url(DEFAULT_NATS_URL, ['nats', 'tls']),
  NATS_USER: env.optional(),
  NATS_PASSWORD: env.optional(),
  SUBJECT_PREFIX: env.text('', /^[A-Za-z0-9_-]*$/, 'letters, digits, - and _ only'),
  HTTP_HOST: env.text('127.0.0.1'),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
};

/** The variables every service reads, with their defaults: one schema, checked before anything starts. */
function serviceSchema(service: ServiceName) {
  const upper = service.toUpperCase();
  return {
    ...PROCESS_VARIABLES,
    [`${upper}_DATABASE_URL`]: env.url(undefined, ['postgres', 'postgresql']),
    [`${upper}_HTTP_PORT`]: env.int(DEFAULT_HTTP_PORTS[service], { max: 65_535 }),
    DB_POOL_SIZE: env.int(10, { min: 1, max: 1_000 }),
    EVENT_MAX_DELIVERIES: env.int(5, { min: 1 }),
    EVENT_RETRY_SCHEDULE_MS: env.intList([250, 1000, 5000, 15000, 30000]),
    EVENT_ACK_WAIT_MS: env.int(DEFAULT_ACK_WAIT_MS, { min: 1_000 }),
    EVENT_CONCURRENCY: env.int(DEFAULT_EVENT_CONCURRENCY, { min: 1, max: 1_000 }),
    EVENT_BATCH_SIZE: env.int(16, { min: 1, max: 256 }),
    OUTBOX_POLL_MS: env.int(1_000, { min: 1 }),
    OUTBOX_RETENTION_HOURS: env.int(168),
    JOB_SCAN_MS: env.int(60_000, { min: 1 }),
    IDEMPOTENCY_KEY_HOURS: env.int(DEFAULT_IDEMPOTENCY_KEY_HOURS, { min: 1 }),
    OPS_KEYS_FILE: env.optional(),
    KEYS_RELOAD_MS: env.int(5_000, { min: 1 }),
  };
}

/** Reads a service's configuration from the environment, with defaults that work on a developer machine. */
export function loadServiceConfig(service: ServiceName, variables: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const upper = service.toUpperCase();
  const v = readEnvironment(service, serviceSchema(service), variables) as Record<string, unknown>;
  const keysFile = v.OPS_KEYS_FILE as string | undefined;
  return {
    service,
    instanceId: (v.INSTANCE_ID as string | undefined) ?? `${service}@${hostname()}:${process.pid}`,
    databaseUrl: (v[`${upper}_DATABASE_URL`] as string | undefined) ?? (v.DATABASE_URL as string),
    natsUrl: v.NATS_URL as string,
    natsAuth: v.NATS_USER ? { user: v.NATS_USER as string, pass: (v.NATS_PASSWORD as string | undefined) ?? '' } : undefined,
    subjectPrefix: v.SUBJECT_PREFIX as string,
    httpHost: v.HTTP_HOST as string,
    httpPort: v[`${upper}_HTTP_PORT`] as number,
    logLevel: v.LOG_LEVEL as string,
    dbPoolSize: v.DB_POOL_SIZE as number,
    events: {
      maxDeliveries: v.EVENT_MAX_DELIVERIES as number,
      retryScheduleMs: v.EVENT_RETRY_SCHEDULE_MS as number[],
      ackWaitMs: v.EVENT_ACK_WAIT_MS as number,
      concurrency: v.EVENT_CONCURRENCY as number,
      batchSize: v.EVENT_BATCH_SIZE as number,
    },
    relay: { pollMs: v.OUTBOX_POLL_MS as number, retentionHours: v.OUTBOX_RETENTION_HOURS as number },
    jobs: { scanMs: v.JOB_SCAN_MS as number },
    idempotencyKeyHours: v.IDEMPOTENCY_KEY_HOURS as number,
    // With a keys file, the actor keys come from it (and OPS_ACTOR_SECRET is not needed).
    actorSecret: keysFile ? (variables.OPS_ACTOR_SECRET ?? '') : secretFrom(variables, 'OPS_ACTOR_SECRET', DEMO_ACTOR_SECRET),
    keysFile,
    keysReloadMs: v.KEYS_RELOAD_MS as number,
  };
}
