import type { EntityManager } from 'typeorm';
import { holdNumber, type Statement } from './deferred-appends.js';
import { numberDrawnSql } from './drawn-numbers.js';

/**
 * Next number of a document series, gapless: the counter row is updated in the caller's transaction,
 * so a rolled-back document gives its number back (domain.md §10: `SO-2026-000123`).
 */
export async function nextDocumentNumber(tx: EntityManager, series: string, year: number): Promise<string> {
  takesNumberRow(tx);
  const [sql, params] = documentNumberStatement(series, year);
  return documentNumberFrom(series, year, await tx.query(sql, [...params!]));
}

/**
 * The next number of a document series, drawn with the transaction's flush: in a transaction the runtime
 * deferred (a command's or an event's), a stand-in the document is made with and that becomes its number in
 * every row, event and answer (drawn-numbers.ts), so the series' counter row is locked only a moment before
 * the COMMIT. Elsewhere it is drawn at once (`nextDocumentNumber`). A statement the transaction sends
 * itself with the number as a parameter names that parameter's type (`$1::text`).
 */
export async function numberAtCommit(tx: EntityManager, series: string, year: number): Promise<string> {
  const held = holdNumber(tx, series, year);
  if (held === undefined) return nextDocumentNumber(tx, series, year);
  takesNumberRow(tx);
  return held;
}

const holdingNumberRows = new WeakSet<object>();

/**
 * Marks `tx` as holding a series' counter row until it commits (or as about to, when its number is drawn
 * with the flush): every other transaction numbering that series waits for this one's COMMIT. The runtime
 * ends a batch of events there (event-consumers.ts), so the row is not held while the events after it are
 * applied. The draws below mark their transaction.
 */
function takesNumberRow(tx: object): void {
  holdingNumberRows.add(tx);
}

/** Whether `tx` holds (or will hold at its flush) a series' counter row. */
export function holdsNumberRow(tx: object): boolean {
  return holdingNumberRows.has(tx);
}

/** The statement `nextDocumentNumber` sends, to send with others (`queryTogether`); `documentNumberFrom` reads its answer. */
export function documentNumberStatement(series: string, year: number): Statement {
  return [
    `INSERT INTO document_sequences (series, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last = document_sequences.last + 1
     RETURNING last`,
    [series, year],
  ];
}

/**
 * The same draw inside one's own statement in `tx`, for a document whose number the transaction does not
 * need back: `cte` draws it (to go in a WITH as `name`), `number` is the SQL of the number it drew, formatted
 * as formatDocumentNumber does. `series` and `year` are the statement's placeholders holding them.
 */
export function numberDrawnInStatement(tx: object, name: string, series: string, year: string): { cte: string; number: string } {
  takesNumberRow(tx);
  return numberDrawnSql(name, series, year);
}

export function documentNumberFrom(series: string, year: number, rows: ReadonlyArray<{ last: string }>): string {
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
