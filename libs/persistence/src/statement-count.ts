import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

let installed = false;
let statements = 0;
/** Statements by the connection's application_name: one service instance each, even with several in one process. */
const byApplication = new Map<string, number>();

/**
 * Counts every statement this process sends to Postgres (through `pg`, which TypeORM uses too): the
 * benchmark divides it by the orders done to say how many round trips an order costs. Cheap (one
 * increment and one map update), so it is always on; the first call installs it. With `applicationName`,
 * only the statements of connections opened under that name (a service instance's pool): a process that
 * hosts several services reports each one's own. With DB_STATEMENT_TALLY_DIR set (the benchmark's
 * BENCH_STATEMENTS=1), it also counts each distinct statement text per application name and writes each
 * tally there as `<application name>.json` when the process exits, to show which statements an order costs.
 */
export function databaseStatements(applicationName?: string): () => number {
  if (!installed) install(process.env.DB_STATEMENT_TALLY_DIR);
  return applicationName === undefined ? () => statements : () => byApplication.get(applicationName) ?? 0;
}

function install(tallyDir: string | undefined): void {
  installed = true;
  const tallies = new Map<string, Map<string, number>>();
  if (tallyDir) {
    process.on('exit', () => {
      for (const [application, tally] of tallies) {
        const sorted = Object.fromEntries([...tally].sort((a, b) => b[1] - a[1]));
        const file = `${application.replace(/[^\w.@-]+/g, '_') || 'unnamed'}.json`;
        writeFileSync(join(tallyDir, file), JSON.stringify({ statements: byApplication.get(application) ?? 0, byText: sorted }, null, 2));
      }
    });
  }
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    const application = (this as unknown as { connectionParameters?: { application_name?: string } }).connectionParameters?.application_name ?? '';
    byApplication.set(application, (byApplication.get(application) ?? 0) + 1);
    if (tallyDir) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === 'string' ? first : first?.text ?? '?').replace(/\s+/g, ' ').slice(0, 300);
      let tally = tallies.get(application);
      if (!tally) tallies.set(application, (tally = new Map()));
      tally.set(text, (tally.get(text) ?? 0) + 1);
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
