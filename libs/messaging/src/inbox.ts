import { appendRow } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import { INBOX_TABLE } from './schema.js';

/**
 * Records that `consumer` handled `eventId`, in the caller's transaction. Returns false when it
 * already had: the caller then skips the effect, so a redelivered event changes nothing twice. In a
 * transaction whose appends are deferred the answer is true, and a repeat is found at the flush
 * instead (AlreadyClaimedError), which rolls the effect back.
 */
export function claimInbox(tx: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  return appendRow(tx, INBOX_TABLE, { consumer, event_id: eventId });
}
