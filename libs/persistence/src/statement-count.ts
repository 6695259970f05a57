import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

let statements = 0;
let counting = false;

/**
 * Counts every statement this process sends to Postgres (through `pg`, which TypeORM uses too): the
 * benchmark divides it by the orders done to say how many round trips an order costs. Cheap (one
 * increment), so it is always on; the first call installs it. With DB_STATEMENT_TALLY_DIR set (the
 * benchmark's BENCH_STATEMENTS=1), it also counts each distinct statement text and writes the tally
 * there as `<process>.json` when the process exits, to show which statements an order costs.
 */
export function databaseStatements(processName = 'process'): () => number {
  if (!counting) {
    counting = true;
    const tallyDir = process.env.DB_STATEMENT_TALLY_DIR;
    const tally = new Map<string, number>();
    if (tallyDir) {
      process.on('exit', () => {
        const sorted = Object.fromEntries([...tally].sort((a, b) => b[1] - a[1]));
        writeFileSync(join(tallyDir, `${processName}.json`), JSON.stringify({ statements, byText: sorted }, null, 2));
      });
    }
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      if (tallyDir) {
        const first = args[0] as string | { text?: string };
        const text = (typeof first === 'string' ? first : first?.text ?? '?').replace(/\s+/g, ' ').slice(0, 300);
        tally.set(text, (tally.get(text) ?? 0) + 1);
      }
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  return () => statements;
}
