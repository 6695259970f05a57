import { Controller, Inject, Injectable, Logger, Req, Res, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { CATALOGS, changeSubject, IdentityCatalog, SERVICE_NAMES, type ChangeNotice, type ServiceName } from '@ops/contracts';
import { Naming } from '@ops/messaging';
import { NATS_CONNECTION } from '@ops/service-kit';
import type { FastifyReply } from 'fastify';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from '../identity/tokens.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { OperationRoute } from './operation-routes.js';

const KEEP_ALIVE_MS = 15_000;

/** The services whose documents someone with `roles` may read (any of their queries): whose notices they get. */
export function readableServices(roles: readonly string[]): Set<ServiceName> {
  return new Set(SERVICE_NAMES.filter((service) => Object.values(CATALOGS[service]).some((op) => op.kind === 'query' && op.roles.some((r) => roles.includes(r)))));
}

interface Listener {
  services: Set<ServiceName>;
  send(notices: ChangeNotice[]): void;
  /** Hangs up (the gateway is closing; a client reconnects to another instance). */
  end(): void;
}

/** Hears every service's change notices (one NATS subscription per gateway) and hands each to the streams that may see it. */
@Injectable()
export class ChangeFeedHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listeners = new Set<Listener>();
  private subscription?: Subscription;
  private readonly logger = new Logger(ChangeFeedHub.name);

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  onApplicationBootstrap(): void {
    const naming = new Naming(this.config.subjectPrefix);
    this.subscription = this.nc.subscribe(naming.subject(changeSubject('*')), {
      callback: (error, msg) => {
        if (error) return this.logger.error(`change notices: ${error.message}`);
        let notices: ChangeNotice[];
        try {
          notices = msg.json<ChangeNotice[]>();
        } catch {
          return; // not a list of notices: nothing to pass on
        }
        const service = notices[0]?.service as ServiceName | undefined;
        if (!service) return;
        for (const listener of this.listeners) if (listener.services.has(service)) listener.send(notices);
      },
    });
  }

  /** Runs before the HTTP server closes, which would otherwise wait for every open stream to end. */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    for (const listener of [...this.listeners]) listener.end();
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listening(): number {
    return this.listeners.size;
  }
}

/** GET /api/v1/changes: the change notices a signed-in person may see, as server-sent events, until they hang up. */
@Controller()
export class ChangesController {
  constructor(private readonly hub: ChangeFeedHub) {}

  @OperationRoute(IdentityCatalog.streamChanges)
  stream(@Req() req: AuthenticatedRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // a proxy in front must not hold the events back
      'X-Request-Id': String(req.id),
    });
    raw.write(': connected\n\n');
    const stop = this.hub.listen({
      services: readableServices(req.actor!.roles),
      send: (notices) => raw.write(notices.map((n) => `event: change\ndata: ${JSON.stringify(n)}\n\n`).join('')),
      end: () => raw.end(),
    });
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const end = () => {
      clearInterval(keepAlive);
      stop();
    };
    raw.once('close', end);
    req.raw.once('close', end);
  }
}
