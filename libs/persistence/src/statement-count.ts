import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

let installed = false;
let statements = 0;
/** Statements by the connection's application_name: one service instance each, even with several in one process. */
const byApplication = new Map<string, number>();
/** Writes to Postgres's socket, by application_name. */
const writesByApplication = new Map<string, number>();
/** Writes so far, by client. */
const writesOf = new WeakMap<pg.Client, { count: number }>();

/**
 * Counts every statement this process sends to Postgres (through `pg`, which TypeORM uses too): the
 * benchmark divides it by the orders done to say how many statements an order costs (how many round trips:
 * `databaseRoundTrips`). Cheap (one increment and one map update), so it is always on; the first call
 * installs it. With `applicationName`, only the statements of connections opened under that name (a service instance's pool): a process that
 * hosts several services reports each one's own. With DB_STATEMENT_TALLY_DIR set (the benchmark's
 * BENCH_STATEMENTS=1), it also counts each distinct statement text per application name and writes each
 * tally there as `<application name>.json` when the process exits, to show which statements an order costs.
 */
export function databaseStatements(applicationName?: string): () => number {
  if (!installed) install(process.env.DB_STATEMENT_TALLY_DIR);
  return applicationName === undefined ? () => statements : () => byApplication.get(applicationName) ?? 0;
}

/**
 * Writes the connections opened under `applicationName` made to Postgres's socket (installed with
 * `databaseStatements`). Statements sent together (a pipelined flush, reads asked for in one tick) share a
 * write, and the client waits for their answers before it sends what depends on them: each write is a
 * round trip, and it is the round trips, not the statements, that wake a backend and cost system calls.
 */
export function databaseRoundTrips(applicationName: string): () => number {
  if (!installed) install(process.env.DB_STATEMENT_TALLY_DIR);
  return () => writesByApplication.get(applicationName) ?? 0;
}

/** Writes `client` has made to its socket so far (0 before its first statement). */
export function databaseWritesOf(client: pg.ClientBase): number {
  return writesOf.get(client as pg.Client)?.count ?? 0;
}

/**
 * Counts the client's writes to its socket, with the stream's public API: a write while the stream is
 * neither corked nor busy goes out at once; an uncork that lifts the last cork sends what it held in one.
 * (A write queued behind one still in flight leaves with the next, uncounted: at most one per drain.)
 */
function watchWrites(client: pg.Client, application: string): void {
  if (writesOf.has(client)) return;
  const stream = (client as unknown as { connection?: { stream?: WatchedStream } }).connection?.stream;
  if (!stream?.write || !stream.uncork) return;
  const counter = { count: 0 };
  writesOf.set(client, counter);
  const counted = () => {
    counter.count++;
    writesByApplication.set(application, (writesByApplication.get(application) ?? 0) + 1);
  };
  const { write, uncork } = stream;
  stream.write = function (this: WatchedStream, ...args: unknown[]) {
    if (!this.writableCorked && this.writableLength === 0) counted();
    return write.apply(this, args);
  };
  stream.uncork = function (this: WatchedStream) {
    if (this.writableCorked === 1 && this.writableLength > 0) counted();
    return uncork.apply(this);
  };
}

interface WatchedStream {
  write: (...args: unknown[]) => boolean;
  uncork: () => void;
  writableCorked: number;
  writableLength: number;
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
    watchWrites(this, application);
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
