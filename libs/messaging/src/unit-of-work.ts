import { deferAppends, retryUnderLocks, roundTripsOf, statementsSentIn, withDrawnNumbers } from '@ops/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from './outbox-relay.js';
import { eventsAppendedIn } from './outbox-writer.js';
import type { UnitOfWorkName } from './transaction-statements.js';

/**
 * One transaction of the runtime, a command's or an event's: its history, audit line, inbox row,
 * events and notifications are written together in one statement sent with the COMMIT (deferred appends),
 * and its events are published right after it, from memory; the business facts among them are counted
 * then (orders placed, paid, shipped: business-facts.ts), and, for a named unit, the statements it sent and
 * the round trips they took.
 * A transaction whose reads without a lock turned out stale at its COMMIT runs once more, reading under
 * the locks (stale-reads.ts).
 */
export async function inUnitOfWork<T>(dataSource: DataSource, relay: OutboxRelay, work: (tx: EntityManager) => Promise<T>, unit?: UnitOfWorkName): Promise<T> {
  let committed!: EntityManager;
  const result = await retryUnderLocks((prepare) => dataSource.transaction(async (tx) => {
    prepare(tx);
    committed = tx;
    deferAppends(tx);
    return work(tx);
  }));
  // A document number drawn at commit stood in for itself until now (numberAtCommit).
  const events = withDrawnNumbers(committed, eventsAppendedIn(committed));
  // Counted once, now that they are facts: a rollback counts nothing, a retry commits no second event.
  relay.facts.count(events);
  // START TRANSACTION went before the transaction could be deferred, so it is not in the count.
  if (unit) relay.statements.observe(unit, (statementsSentIn(committed) ?? 0) + 1, roundTripsOf(committed));
  relay.publishCommitted(events);
  relay.committed(committed);
  return withDrawnNumbers(committed, result);
}
