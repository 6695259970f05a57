import { deferAppends, flushAppends } from '@ops/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from './outbox-relay.js';
import { eventsAppendedIn } from './outbox-writer.js';

/**
 * One transaction of the runtime, a command's or an event's: its history, audit line, inbox row,
 * events and notifications are written together in one statement before the commit (deferred appends),
 * and its events are published right after it, from memory; the business facts among them are counted
 * then (orders placed, paid, shipped: business-facts.ts).
 */
export async function inUnitOfWork<T>(dataSource: DataSource, relay: OutboxRelay, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  let committed!: EntityManager;
  const result = await dataSource.transaction(async (tx) => {
    committed = tx;
    deferAppends(tx);
    const value = await work(tx);
    await flushAppends(tx);
    return value;
  });
  const events = eventsAppendedIn(committed);
  // Counted once, now that they are facts: a rollback counts nothing, a retry commits no second event.
  relay.facts.count(events);
  relay.publishCommitted(events);
  relay.committed(committed);
  return result;
}
