import type { EntityManager } from 'typeorm';

/**
 * Next number of a document series, gapless: the counter row is updated in the caller's transaction,
 * so a rolled-back document gives its number back (DESIGN §10: `SO-2026-000123`).
 */
export async function nextDocumentNumber(tx: EntityManager, series: string, year: number): Promise<string> {
  const rows: Array<{ last: string }> = await tx.query(
    `INSERT INTO document_sequences (series, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last = document_sequences.last + 1
     RETURNING last`,
    [series, year],
  );
  return formatDocumentNumber(series, year, Number(rows[0].last));
}

export function formatDocumentNumber(series: string, year: number, n: number): string {
  return `${series}-${year}-${String(n).padStart(6, '0')}`;
}

// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const DOCUMENT_SEQUENCES_DDL = `
CREATE TABLE document_sequences (
  series text NOT NULL,
  year integer NOT NULL,
  last bigint NOT NULL,
  PRIMARY KEY (series, year)
)`;

export interface LateNumbering {
  series: string;
  year: number;
  /** The table whose row gets the number, in the current schema; it has `id` and `number` columns. */
  table: string;
  id: string;
  /** An outbox event of this transaction whose `data.<field>` should carry the number too. */
  event?: { id: string; field: string };
}

/**
 * Numbers a document as the transaction's last statement. The series row stays locked from this
 * statement to the commit, so taking the number last keeps concurrent documents of one series from
 * queueing behind each other's whole transaction (the row was inserted with a placeholder number).
 */
export async function assignDocumentNumberLast(tx: EntityManager, n: LateNumbering): Promise<string> {
  if (!/^[a-z_]+$/.test(n.table) || (n.event && !/^[A-Za-z]+$/.test(n.event.field))) throw new Error('plain identifiers only');
  const rows: Array<{ number: string }> = await tx.query(
    `WITH next AS (
       INSERT INTO document_sequences (series, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (series, year) DO UPDATE SET last = document_sequences.last + 1
       RETURNING last
     ), numbered AS (
       UPDATE ${n.table} SET number = $1 || '-' || $2 || '-' || lpad(next.last::text, 6, '0') FROM next WHERE ${n.table}.id = $3 RETURNING number
     ), announced AS (
       UPDATE outbox SET envelope = jsonb_set(envelope, $5::text[], to_jsonb(numbered.number)) FROM numbered WHERE outbox.id = $4 RETURNING 1
     )
     SELECT number FROM numbered`,
    [n.series, n.year, n.id, n.event?.id ?? null, ['data', n.event?.field ?? 'number']],
  );
  if (rows.length !== 1) throw new Error(`${n.table} ${n.id} was not numbered`);
  return rows[0].number;
}

/** What a document carries until `assignDocumentNumberLast` numbers it, unique by its id. */
export const pendingNumber = (id: string) => `pending:${id}`;
