import { NatsConnectionImpl, setTransportFactory, type NatsConnection } from '@nats-io/transport-node';
import { NodeTransport, nodeResolveHost } from '@nats-io/transport-node/lib/node_transport.js';

export interface BusConnectionSettings {
  natsUrl: string;
  natsAuth?: { user: string; pass: string };
  /** Shown by the server for this client (`nats server report connections`). */
  instanceId: string;
}

/**
 * A NATS transport whose socket is corked from its first write in a turn of the event loop until that turn's
 * check phase (`setImmediate`): the replies, acks, pulls and publishes of every callback the turn ran go out
 * in one write instead of one write each (the client flushes at each microtask checkpoint). What a check-phase
 * callback sends goes out in the next turn's check phase; the poll between does not block while it waits.
 */
class TurnCorkedTransport extends NodeTransport {
  private corked = false;

  override send(frame: Uint8Array): void {
    if (!this.corked && this.socket) {
      this.corked = true;
      const socket = this.socket;
      socket.cork();
      setImmediate(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    super.send(frame);
  }
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
  // The factory is the client's one global hook for its transport; every dial and redial reads it.
  setTransportFactory({ factory: () => new TurnCorkedTransport(), dnsResolveFn: nodeResolveHost });
  return NatsConnectionImpl.connect({
    servers: settings.natsUrl,
    ...settings.natsAuth,
    name: settings.instanceId,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}
