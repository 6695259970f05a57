import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface BusConnectionSettings {
  natsUrl: string;
  natsAuth?: { user: string; pass: string };
  /** Shown by the server for this client (`nats server report connections`). */
  instanceId: string;
}

/**
 * The connection a gateway or service process keeps to NATS: it reconnects for ever (the supervisor,
 * not the client, decides when a process gives up), every half second.
 *
 * `noAsyncTraces`: without it the client makes two Error objects, stack traces included, for every
 * request and every JetStream publish, in case the request later times out (3 % of the gateway's profile
 * under load). A timeout still arrives as a TimeoutError, only without the caller's frames.
 */
export function connectBus(settings: BusConnectionSettings): Promise<NatsConnection> {
  return connect({
    servers: settings.natsUrl,
    ...settings.natsAuth,
    name: settings.instanceId,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}
