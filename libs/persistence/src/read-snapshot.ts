import type { DataSource, EntityManager } from 'typeorm';

/** One snapshot for every statement of the read; nothing in it may write. */
const START_SNAPSHOT = 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY';

/**
 * Runs `read` on one connection, in one read-only REPEATABLE READ transaction: every statement it sends sees
 * the database as of its first one. Outside a transaction each statement sees the latest commit, so a read
 * of several statements (an order's row, then its history) could answer a row from before a commit together
 * with history from after it. Postgres takes no locks for this and never refuses a read-only snapshot; a
 * write inside fails (`read-only transaction`). On the services' pipelined pools the START goes out with the
 * first statement (pipelined-transactions.ts), so the snapshot costs the COMMIT's round trip.
 */
export async function inReadSnapshot<T>(dataSource: DataSource, read: (db: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(START_SNAPSHOT);
    const result = await read(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
