import { DEFAULT_HTTP_PORTS, DEFAULT_NATS_URL } from '@ops/service-kit';
import { hostname } from 'node:os';

export interface GatewayConfig {
  instanceId: string;
  natsUrl: string;
  subjectPrefix: string;
  httpHost: string;
  httpPort: number;
  logLevel: string;
  /** How long the gateway waits for a service before answering 504. */
  requestTimeoutMs: number;
  bodyLimitBytes: number;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    instanceId: env.INSTANCE_ID ?? `gateway@${hostname()}:${process.pid}`,
    natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL,
    subjectPrefix: env.SUBJECT_PREFIX ?? '',
    httpHost: env.HTTP_HOST ?? '127.0.0.1',
    httpPort: Number(env.GATEWAY_HTTP_PORT ?? DEFAULT_HTTP_PORTS.gateway),
    logLevel: env.LOG_LEVEL ?? 'info',
    requestTimeoutMs: Number(env.GATEWAY_REQUEST_TIMEOUT_MS ?? 5_000),
    bodyLimitBytes: Number(env.GATEWAY_BODY_LIMIT_BYTES ?? 1_048_576),
  };
}
