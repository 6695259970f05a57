import type { QueryFailedError } from 'typeorm';

/**
 * Reads without a lock, checked at the commit: a write decided on figures read without their row's lock
 * (a hot row everybody queues for: one SKU's stock) states, in statements sent with the COMMIT, what must
 * still hold for the decision to stand. When it no longer holds, the transaction fails with
 * StaleReadError and its unit of work runs once more, this time taking the locks before it reads
 * (`readsUnderLocks`). The common case then holds the hot row only while Postgres runs the COMMIT's
 * statements, not for the round trips in between.
 */
export class StaleReadError extends Error {
  constructor(what: string) {
    super(`${what} changed after it was read without a lock; the work runs again under the lock`);
  }
}

/** SQLSTATE of `refuse_unless` (a migration of each service that uses it): what the decision read has changed. */
const SERIALIZATION_FAILURE = '40001';
const CHECK_VIOLATION = '23514';
/** A lock taken at the COMMIT may meet a transaction that holds it and waits for this one's: Postgres breaks the tie. */
const DEADLOCK_DETECTED = '40P01';

const underLocks = new WeakSet<object>();

/** Whether `tx` must read under locks: its unit of work runs again after StaleReadError. */
export function readsUnderLocks(tx: object): boolean {
  return underLocks.has(tx);
}

/**
 * Runs `transaction`, and when it fails with StaleReadError, runs it once more with the new transaction
 * marked to read under locks (`prepare` marks it; call it first thing in the transaction).
 */
export async function retryUnderLocks<T>(transaction: (prepare: (tx: object) => void) => Promise<T>): Promise<T> {
  try {
    return await transaction(() => undefined);
  } catch (error) {
    if (!(error instanceof StaleReadError)) throw error;
    return transaction((tx) => underLocks.add(tx));
  }
}

/**
 * What a failed statement of such a check means (a `writeAtFlush` failure mapper): `refuse_unless` refusing,
 * one of the `constraints` named (CHECKs that stand behind a relative update) broken, or a deadlock Postgres
 * broke by failing it, is StaleReadError.
 */
export function staleWhen(what: string, constraints: readonly string[] = []): (error: QueryFailedError) => Error | undefined {
  return (error) => {
    const failure = error.driverError as { code?: string; constraint?: string } | undefined;
    if (failure?.code === SERIALIZATION_FAILURE || failure?.code === DEADLOCK_DETECTED) return new StaleReadError(what);
    if (failure?.code === CHECK_VIOLATION && failure.constraint && constraints.includes(failure.constraint)) return new StaleReadError(what);
    return undefined;
  };
}

/**
 * `refuse_unless(ok, what)`: fails the statement (and the transaction) with SQLSTATE 40001 unless `ok`. A
 * check sent with the COMMIT cannot be answered in code before it; this fails the COMMIT instead.
 */
export const REFUSE_UNLESS_DDL = `CREATE FUNCTION refuse_unless(ok boolean, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN RAISE EXCEPTION '% changed after it was read', what USING ERRCODE = '${SERIALIZATION_FAILURE}'; END IF;
END $$`;
