import { DEFAULT_DATABASE_URL, DEFAULT_HTTP_PORTS, DEFAULT_NATS_URL, DEMO_ACTOR_SECRET, env, PROCESS_VARIABLES, readEnvironment, secretFrom } from '@ops/service-kit';
import { DEFAULT_IDEMPOTENCY_KEY_HOURS } from '@ops/persistence';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface GatewayConfig {
  profile: string;
  instanceId: string;
  /** The gateway keeps people and sessions in its own `identity` schema. */
  databaseUrl: string;
  natsUrl: string;
  /** NATS user and password (NATS_USER, NATS_PASSWORD) where the server requires them. */
  natsAuth?: { user: string; pass: string };
  subjectPrefix: string;
  httpHost: string;
  httpPort: number;
  logLevel: string;
  /** How long the gateway waits for a service before answering 504. */
  requestTimeoutMs: number;
  bodyLimitBytes: number;
  jwtSecret: string;
  actorSecret: string;
  /** A keys file with several keys per purpose and the one that signs (OPS_KEYS_FILE): rotation without restart. */
  keysFile?: string;
  /** How often the keys file is re-read. */
  keysReloadMs: number;
  /**
   * Addresses (or CIDR ranges) of the proxies in front of the gateway whose X-Forwarded-For is believed
   * (TRUSTED_PROXIES); none by default, so the client address is the socket's.
   */
  trustedProxies: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  lockout: { maxFailures: number; lockMs: number };
  loginRateLimitPerMinute: number;
  /** Origins allowed to call from a browser; empty refuses cross-origin calls. */
  corsOrigins: string[];
  /** How long a signed-in session's actor is kept without a database read; ends of sessions are pushed at once (SESSION_CACHE_MS). */
  sessionCacheMs: number;
  /** How long an Idempotency-Key is remembered (IDEMPOTENCY_KEY_HOURS). */
  idempotencyKeyHours: number;
  /** Seed one demo user per role (demo profile only). */
  seedDemoUsers: boolean;
  /** The built web console served at `/` (CONSOLE_DIR); nothing is served there when the folder is missing. */
  consoleDir: string;
}

/** Every variable the gateway reads, with its default: one schema, checked before anything starts. */
const GATEWAY_VARIABLES = {
  ...PROCESS_VARIABLES,
  OPS_PROFILE: env.oneOf(['demo', 'production'], 'demo'),
  GATEWAY_DATABASE_URL: env.url(undefined, ['postgres', 'postgresql']),
  GATEWAY_HTTP_PORT: env.int(DEFAULT_HTTP_PORTS.gateway, { max: 65_535 }),
  GATEWAY_REQUEST_TIMEOUT_MS: env.int(5_000, { min: 1 }),
  GATEWAY_BODY_LIMIT_BYTES: env.int(1_048_576, { min: 1 }),
  OPS_KEYS_FILE: env.optional(),
  KEYS_RELOAD_MS: env.int(5_000, { min: 1 }),
  TRUSTED_PROXIES: env.list(),
  ACCESS_TOKEN_TTL_SECONDS: env.int(900, { min: 1 }),
  REFRESH_TOKEN_TTL_SECONDS: env.int(7 * 24 * 3600, { min: 1 }),
  LOGIN_MAX_FAILURES: env.int(5, { min: 1 }),
  LOGIN_LOCK_MINUTES: env.int(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: env.int(60, { min: 1 }),
  CORS_ORIGINS: env.list(),
  IDEMPOTENCY_KEY_HOURS: env.int(DEFAULT_IDEMPOTENCY_KEY_HOURS, { min: 1 }),
  SESSION_CACHE_MS: env.int(10_000),
  SEED_DEMO_USERS: env.flag(true),
  CONSOLE_DIR: env.optional(),
};

export function loadGatewayConfig(variables: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const v = readEnvironment('the gateway', GATEWAY_VARIABLES, variables);
  return {
    profile: v.OPS_PROFILE,
    instanceId: v.INSTANCE_ID ?? `gateway@${hostname()}:${process.pid}`,
    databaseUrl: v.GATEWAY_DATABASE_URL ?? v.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    natsUrl: v.NATS_URL ?? DEFAULT_NATS_URL,
    natsAuth: v.NATS_USER ? { user: v.NATS_USER, pass: v.NATS_PASSWORD ?? '' } : undefined,
    subjectPrefix: v.SUBJECT_PREFIX,
    httpHost: v.HTTP_HOST,
    httpPort: v.GATEWAY_HTTP_PORT,
    logLevel: v.LOG_LEVEL,
    requestTimeoutMs: v.GATEWAY_REQUEST_TIMEOUT_MS,
    bodyLimitBytes: v.GATEWAY_BODY_LIMIT_BYTES,
    // With a keys file, both kinds of keys come from it (and JWT_SECRET / OPS_ACTOR_SECRET are not needed).
    jwtSecret: v.OPS_KEYS_FILE ? (variables.JWT_SECRET ?? '') : secretFrom(variables, 'JWT_SECRET', 'demo-only-jwt-signing-secret-do-not-deploy-ever'),
    actorSecret: v.OPS_KEYS_FILE ? (variables.OPS_ACTOR_SECRET ?? '') : secretFrom(variables, 'OPS_ACTOR_SECRET', DEMO_ACTOR_SECRET),
    keysFile: v.OPS_KEYS_FILE,
    keysReloadMs: v.KEYS_RELOAD_MS,
    trustedProxies: v.TRUSTED_PROXIES,
    accessTokenTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: v.REFRESH_TOKEN_TTL_SECONDS,
    lockout: { maxFailures: v.LOGIN_MAX_FAILURES, lockMs: v.LOGIN_LOCK_MINUTES * 60_000 },
    loginRateLimitPerMinute: v.LOGIN_RATE_LIMIT_PER_MINUTE,
    corsOrigins: v.CORS_ORIGINS,
    idempotencyKeyHours: v.IDEMPOTENCY_KEY_HOURS,
    sessionCacheMs: v.SESSION_CACHE_MS,
    seedDemoUsers: v.OPS_PROFILE === 'demo' && v.SEED_DEMO_USERS,
    consoleDir: v.CONSOLE_DIR ?? join(process.cwd(), 'apps/console/dist'),
  };
}
