import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Actor } from '@ops/contracts';
import { Naming } from '@ops/messaging';
import { NATS_CONNECTION } from '@ops/service-kit';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from './tokens.js';

/** What changes a session's standing: one session ended, or everything about one user (roles, deactivation). */
export type SessionChange = { sid: string } | { userId: string };

const SUBJECT = 'identity.sessions.changed';

/**
 * The actor behind each open session, kept a few seconds so that a request does not cost a database
 * read. Whatever ends a session or changes a user's roles is told to every gateway instance over NATS
 * at once, so signing out still ends a session at once everywhere; the short lifetime bounds what a
 * lost message could leave behind (SESSION_CACHE_MS).
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly actors = new Map<string, { actor: Actor; until: number }>();
  private subscription?: Subscription;
  private readonly subject: string;
  private readonly logger = new Logger(SessionCache.name);

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.subject = new Naming(config.subjectPrefix).subject(SUBJECT);
  }

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.subject, {
      callback: (error, msg) => {
        if (error) return this.logger.error(`session changes: ${error.message}`);
        try {
          this.forget(msg.json<SessionChange>());
        } catch {
          this.actors.clear(); // a message we cannot read: forget everything rather than keep something stale
        }
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  get(sid: string): Actor | undefined {
    const known = this.actors.get(sid);
    if (!known) return undefined;
    if (known.until > Date.now()) return known.actor;
    this.actors.delete(sid);
    return undefined;
  }

  set(sid: string, actor: Actor): void {
    if (this.config.sessionCacheMs <= 0) return;
    if (this.actors.size > 100_000) this.actors.clear(); // bounded, whatever the traffic
    this.actors.set(sid, { actor, until: Date.now() + this.config.sessionCacheMs });
  }

  /** Tells every gateway instance (this one included, at once) that a session or a user changed. */
  changed(change: SessionChange): void {
    this.forget(change);
    this.nc.publish(this.subject, JSON.stringify(change));
  }

  private forget(change: SessionChange): void {
    if ('sid' in change) this.actors.delete(change.sid);
    else for (const [sid, entry] of this.actors) if (entry.actor.userId === change.userId) this.actors.delete(sid);
  }
}
