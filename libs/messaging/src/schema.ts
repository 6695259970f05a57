import type { AppendOnlyTable } from '@ops/persistence';

/**
 * Tables every service keeps for messaging, created by the service's first migration in its own schema.
 * `outbox`: events committed with the business change, published by the relay in `seq` order.
 * `inbox`: event ids each consumer has applied, written in the same transaction as the effect.
 */
// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const MESSAGING_TABLES_DDL: string[] = [
  `CREATE TABLE outbox (
     seq bigserial PRIMARY KEY,
     id uuid NOT NULL UNIQUE,
     subject text NOT NULL,
     type text NOT NULL,
     envelope jsonb NOT NULL,
     headers jsonb NOT NULL DEFAULT '{}'::jsonb,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     published_at timestamptz
   )`,
  `CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL`,
  `CREATE TABLE inbox (
     consumer text NOT NULL,
     event_id uuid NOT NULL,
     handled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     PRIMARY KEY (consumer, event_id)
   )`,
];

/** How the writers append to them (see deferred appends in @ops/persistence). */
export const OUTBOX_TABLE: AppendOnlyTable = { name: 'outbox', columns: { id: 'uuid', subject: 'text', type: 'text', envelope: 'jsonb', headers: 'jsonb' } };
export const INBOX_TABLE: AppendOnlyTable = { name: 'inbox', columns: { consumer: 'text', event_id: 'uuid' }, claims: true };

/** The LISTEN/NOTIFY channel that wakes a schema's relay when an outbox row commits. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}
