import { createHash } from 'node:crypto';
import { DomainError } from '@ops/kernel';
import type { EntityManager } from 'typeorm';
import { writeAtFlush } from './deferred-appends.js';

// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const IDEMPOTENCY_KEYS_DDL = `
CREATE TABLE idempotency_keys (
  key text NOT NULL,
  command text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, command)
)`;

/** A key remembers what it was first sent with, and is forgotten after its time. */
export const IDEMPOTENCY_KEYS_FINGERPRINT_DDL: string[] = [
  `ALTER TABLE idempotency_keys ADD COLUMN fingerprint text`,
  `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
];

/** How long a key is kept (IDEMPOTENCY_KEY_HOURS): a repeat within it gets the first result. */
export const DEFAULT_IDEMPOTENCY_KEY_HOURS = 24;

export interface OnceOptions {
  /** What the request said, as `fingerprintOf` makes it: the same key with another request is refused. */
  fingerprint?: string;
  keyHours?: number;
}

/** A stable digest of a request: the same fields with the same values give the same fingerprint, whatever their order. */
export function fingerprintOf(request: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('base64url');
}

/**
 * Runs a creating command once per Idempotency-Key: the key is claimed in the command's transaction, so a
 * repeat, even a concurrent one, waits for the first and gets its result back. A repeat that says
 * something else under the same key is refused (422) rather than answered with a result for another
 * request; a key older than `keyHours` is forgotten, and its request is new.
 */
export async function once<T>(tx: EntityManager, key: string | undefined, command: string, work: () => Promise<T>, options: OnceOptions = {}): Promise<T> {
  if (!key) return work();
  const fingerprint = options.fingerprint ?? null;
  const hours = options.keyHours ?? DEFAULT_IDEMPOTENCY_KEY_HOURS;
  // Claimed when new, or when it is past its time (then it starts afresh, as a new request): one statement.
  const claimed: unknown[] = await tx.query(
    `INSERT INTO idempotency_keys (key, command, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (key, command) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, response = NULL, created_at = now()
       WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
     RETURNING key`,
    [key, command, fingerprint, hours],
  );
  if (claimed.length === 0) {
    const [first]: Array<{ response: T; fingerprint: string | null }> = await tx.query(`SELECT response, fingerprint FROM idempotency_keys WHERE key = $1 AND command = $2`, [key, command]);
    if (fingerprint && first.fingerprint && first.fingerprint !== fingerprint) {
      throw new DomainError('rule_violated', 'idempotency-key-reused', 'This Idempotency-Key was already used for a different request; use a new key for a new request', [
        { field: 'Idempotency-Key', message: 'was used before with a different body' },
      ]);
    }
    return first.response;
  }
  const result = await work();
  // The answer goes with the COMMIT in a deferred transaction: a document's number drawn by `work` is then held
  // for no further round trip.
  await writeAtFlush(tx, [`UPDATE idempotency_keys SET response = $3::jsonb WHERE key = $1 AND command = $2`, [key, command, JSON.stringify(result)]]);
  return result;
}

/** Deletes keys past their time, a bounded batch per run (a periodic job in every process). */
export async function forgetExpiredKeys(db: Pick<EntityManager, 'query'>, hours = DEFAULT_IDEMPOTENCY_KEY_HOURS): Promise<number> {
  const [, deleted]: [unknown[], number] = await db.query(
    `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT 5000)`,
    [hours],
  );
  return deleted;
}
