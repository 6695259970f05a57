import { DEFAULT_DATABASE_URL, DEFAULT_HTTP_PORTS, DEFAULT_NATS_URL, DEMO_ACTOR_SECRET, secretFrom } from '@ops/service-kit';
import { DEFAULT_IDEMPOTENCY_KEY_HOURS } from '@ops/persistence';
import { hostname } from 'node:os';

export interface GatewayConfig {
  profile: string;
  instanceId: string;
  /** The gateway keeps people and sessions in its own `identity` schema. */
  databaseUrl: string;
  natsUrl: string;
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
}

const num = (raw: string | undefined, fallback: number) => (raw ? Number(raw) : fallback);

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const profile = env.OPS_PROFILE ?? 'demo';
  return {
    profile,
    instanceId: env.INSTANCE_ID ?? `gateway@${hostname()}:${process.pid}`,
    databaseUrl: env.GATEWAY_DATABASE_URL ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL,
    subjectPrefix: env.SUBJECT_PREFIX ?? '',
    httpHost: env.HTTP_HOST ?? '127.0.0.1',
    httpPort: num(env.GATEWAY_HTTP_PORT, DEFAULT_HTTP_PORTS.gateway),
    logLevel: env.LOG_LEVEL ?? 'info',
    requestTimeoutMs: num(env.GATEWAY_REQUEST_TIMEOUT_MS, 5_000),
    bodyLimitBytes: num(env.GATEWAY_BODY_LIMIT_BYTES, 1_048_576),
    // With a keys file, both kinds of keys come from it (and JWT_SECRET / OPS_ACTOR_SECRET are not needed).
    jwtSecret: env.OPS_KEYS_FILE ? (env.JWT_SECRET ?? '') : secretFrom(env, 'JWT_SECRET', 'demo-only-jwt-signing-secret-do-not-deploy-ever'),
    actorSecret: env.OPS_KEYS_FILE ? (env.OPS_ACTOR_SECRET ?? '') : secretFrom(env, 'OPS_ACTOR_SECRET', DEMO_ACTOR_SECRET),
    keysFile: env.OPS_KEYS_FILE || undefined,
    keysReloadMs: num(env.KEYS_RELOAD_MS, 5_000),
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    accessTokenTtlSeconds: num(env.ACCESS_TOKEN_TTL_SECONDS, 900),
    refreshTokenTtlSeconds: num(env.REFRESH_TOKEN_TTL_SECONDS, 7 * 24 * 3600),
    lockout: { maxFailures: num(env.LOGIN_MAX_FAILURES, 5), lockMs: num(env.LOGIN_LOCK_MINUTES, 15) * 60_000 },
    loginRateLimitPerMinute: num(env.LOGIN_RATE_LIMIT_PER_MINUTE, 60),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    idempotencyKeyHours: num(env.IDEMPOTENCY_KEY_HOURS, DEFAULT_IDEMPOTENCY_KEY_HOURS),
    sessionCacheMs: num(env.SESSION_CACHE_MS, 10_000),
    seedDemoUsers: profile === 'demo' && env.SEED_DEMO_USERS !== 'false',
  };
}
