import type { NatsConnection } from '@nats-io/transport-node';
import { changeSubject, NOTICES_WANTED_FOR_MS, NOTICES_WANTED_QUERY, noticesWantedSubject, type ChangeNotice } from '@ops/contracts';
import type { Naming, OutboxRelay } from '@ops/messaging';
import { rowsAppendedIn } from '@ops/persistence';
import { STATE_HISTORY_TABLE } from './state-history.js';

/**
 * After each transaction of the runtime commits, announces the state transitions it wrote (its state history
 * rows) on core NATS: fire and forget, nothing kept, so a lost notice costs a screen a refresh, never data.
 * Only while a gateway says someone streams them (`noticesWantedSubject`): under the flow benchmark the
 * notices were 12 of the 47 messages NATS took in per order, published with nobody to hear them.
 */
export function announceChanges(service: string, relay: OutboxRelay, nc: NatsConnection, naming: Naming): void {
  const subject = naming.subject(changeSubject(service));
  const wanted = new NoticesWanted();
  nc.subscribe(naming.subject(noticesWantedSubject(service)), {
    callback: (error, msg) => {
      if (error) return;
      wanted.heard();
      if (msg.reply) msg.respond(); // the gateway waits for this before it tells its listener it is connected
    },
  });
  // A gateway streaming since before this instance started says so at once (the subscription goes first).
  nc.publish(naming.subject(NOTICES_WANTED_QUERY));
  relay.onCommitted((tx) => {
    if (!wanted.now) return;
    const rows = rowsAppendedIn(tx, STATE_HISTORY_TABLE);
    if (!rows.length || nc.isClosed()) return;
    const at = new Date().toISOString();
    const notices: ChangeNotice[] = rows.map((r) => ({ service, aggregate: String(r.aggregate), id: String(r.aggregate_id), to: String(r.to_state), at }));
    nc.publish(subject, JSON.stringify(notices));
  });
}

/** Whether a gateway has said, within NOTICES_WANTED_FOR_MS, that someone streams this service's notices. */
export class NoticesWanted {
  private until = -Infinity;

  constructor(private readonly clock: () => number = Date.now) {}

  heard(): void {
    this.until = this.clock() + NOTICES_WANTED_FOR_MS;
  }

  get now(): boolean {
    return this.clock() < this.until;
  }
}
