import { appendsDeferred, queryTogether, rowsAppendedIn, type AppendOnlyTable } from '@ops/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Every service's history of its aggregates: one row per move (order approved, receipt verified,
 * pick list packed), with who, why and, on the step's last row, each changed field before and after.
 * Written only by the aggregate stores, read by views that show a document's history.
 */
// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const STATE_HISTORY_DDL: string[] = [
  `CREATE TABLE state_history (
     id bigserial PRIMARY KEY,
     aggregate text NOT NULL,
     aggregate_id text NOT NULL,
     from_state text NOT NULL,
     to_state text NOT NULL,
     reason text NOT NULL,
     changes jsonb NOT NULL DEFAULT '{}'::jsonb,
     actor_id text NOT NULL,
     event_id uuid,
     request_id text,
     at timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
  `CREATE INDEX state_history_aggregate ON state_history (aggregate, aggregate_id, id)`,
];

export const STATE_HISTORY_TABLE: AppendOnlyTable = {
  name: 'state_history',
  // `at` is the host's clock when the step was taken, so a new document's history is known without reading it back (historyOfCreated).
  columns: { aggregate: 'text', aggregate_id: 'text', from_state: 'text', to_state: 'text', reason: 'text', changes: 'jsonb', actor_id: 'text', event_id: 'uuid', request_id: 'text', at: 'timestamptz' },
  defaults: { at: 'clock_timestamp()' },
};

export interface HistoryEntry {
  id: number;
  fromState: string;
  toState: string;
  reason: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  actorId: string;
  eventId: string | null;
  requestId: string | null;
  at: Date;
}

/** An aggregate's history, oldest first. */
export async function historyOf(db: EntityManager, aggregate: string, id: string): Promise<HistoryEntry[]> {
  // What this transaction moved is part of the history it reads: its held rows go first, in the same round trip.
  const [{ rows }] = await queryTogether(db, [[
    `SELECT id, from_state, to_state, reason, changes, actor_id, event_id, request_id, at FROM state_history WHERE aggregate = $1 AND aggregate_id = $2 ORDER BY id`,
    [aggregate, id],
  ]], { withAppends: true });
  return rows.map((r) => ({ id: Number(r.id), ...entryOf(r) }));
}

/** A history row, read back or as appended (the same columns), as a history entry without its id. */
function entryOf(r: Record<string, any>): Omit<HistoryEntry, 'id'> {
  return {
    fromState: r.from_state, toState: r.to_state, reason: r.reason, changes: r.changes, actorId: r.actor_id,
    eventId: r.event_id ?? null, requestId: r.request_id ?? null, at: new Date(r.at),
  };
}

/**
 * The history of an aggregate this transaction created, as it will read once committed (without row ids). In a
 * deferred transaction these are the rows it appended for it, so the answer to a command that creates a document
 * costs no read while the document's number is held; in any other, it is read.
 */
export async function historyOfCreated(tx: EntityManager, aggregate: string, id: string): Promise<Array<Omit<HistoryEntry, 'id'>>> {
  if (!appendsDeferred(tx)) return historyOf(tx, aggregate, id);
  return rowsAppendedIn(tx, STATE_HISTORY_TABLE)
    .filter((r) => r.aggregate === aggregate && r.aggregate_id === id)
    .map(entryOf);
}
