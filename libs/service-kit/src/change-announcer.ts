import type { NatsConnection } from '@nats-io/transport-node';
import { changeSubject, type ChangeNotice } from '@ops/contracts';
import type { Naming, OutboxRelay } from '@ops/messaging';
import { rowsAppendedIn } from '@ops/persistence';
import { STATE_HISTORY_TABLE } from './state-history.js';

/**
 * After each transaction of the runtime commits, announces the state transitions it wrote (its state history
 * rows) on core NATS: fire and forget, nothing kept, so a lost notice costs a screen a refresh, never data.
 */
export function announceChanges(service: string, relay: OutboxRelay, nc: NatsConnection, naming: Naming): void {
  const subject = naming.subject(changeSubject(service));
  relay.onCommitted((tx) => {
    const rows = rowsAppendedIn(tx, STATE_HISTORY_TABLE);
    if (!rows.length || nc.isClosed()) return;
    const at = new Date().toISOString();
    const notices: ChangeNotice[] = rows.map((r) => ({ service, aggregate: String(r.aggregate), id: String(r.aggregate_id), to: String(r.to_state), at }));
    nc.publish(subject, JSON.stringify(notices));
  });
}
