import type { EntityManager } from 'typeorm';

// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const IDEMPOTENCY_KEYS_DDL = `
CREATE TABLE idempotency_keys (
  key text NOT NULL,
  command text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, command)
)`;

/**
 * Runs a creating command once per Idempotency-Key (domain.md §10): the key is claimed in the command's
 * transaction, so a repeat, even a concurrent one, waits for the first and gets its result back.
 */
export async function once<T>(tx: EntityManager, key: string | undefined, command: string, work: () => Promise<T>): Promise<T> {
  if (!key) return work();
  const claimed: unknown[] = await tx.query(
    `INSERT INTO idempotency_keys (key, command) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key`,
    [key, command],
  );
  if (claimed.length === 0) {
    const rows: Array<{ response: T }> = await tx.query(`SELECT response FROM idempotency_keys WHERE key = $1 AND command = $2`, [key, command]);
    return rows[0].response;
  }
  const result = await work();
  await tx.query(`UPDATE idempotency_keys SET response = $3 WHERE key = $1 AND command = $2`, [key, command, JSON.stringify(result)]);
  return result;
}
