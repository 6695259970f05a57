import pg from 'pg';

/** Splits a Postgres URL into the server part and the database name. */
export function databaseNameOf(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name) throw new Error(`Database URL ${redact(url)} names no database`);
  return decodeURIComponent(name);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Whether `error` says no connection to Postgres could be had: refused, unreachable, or the server starting up
 * or shutting down (57P03). Such an error comes before any statement, so the work it stopped wrote nothing. A
 * connection lost mid-transaction is not one of these: its COMMIT may have happened (`isDatabaseConnectionLost`).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  return anyCause(error, (e) => e.syscall === 'connect' || e.code === '57P03');
}

/** Postgres ended the session: an administrator's or a fast shutdown (57P01), a crash (57P02), a failed connection (08006, 08003). */
const SESSION_ENDED_CODES = new Set(['57P01', '57P02', '08006', '08003']);
/** What pg says when the socket closed under a statement, or had closed before one was sent on it. */
const CONNECTION_LOST_MESSAGES = new Set(['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable']);

/**
 * Whether `error` says the connection to Postgres went away while the work was under way: the server ended the
 * session, or the socket closed or was reset. What the work wrote is then unknown to us: a COMMIT sent just
 * before may have happened. (A connection that could not be had at all is `isDatabaseUnreachable`.)
 */
export function isDatabaseConnectionLost(error: unknown): boolean {
  return anyCause(error, (e) => (typeof e.code === 'string' && SESSION_ENDED_CODES.has(e.code))
    || ((e.code === 'ECONNRESET' || e.code === 'EPIPE') && e.syscall !== 'connect')
    || (typeof e.message === 'string' && CONNECTION_LOST_MESSAGES.has(e.message)));
}

type ErrorLike = { code?: unknown; syscall?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };

/** `test` on `error` and what it wraps: TypeORM's `driverError`, an Error's `cause` (a few levels deep). */
function anyCause(error: unknown, test: (e: ErrorLike) => boolean): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (test(e)) return true;
    e = (e.driverError ?? e.cause) as ErrorLike | undefined;
  }
  return false;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Our schema and database names go into DDL, so they are held to plain lower-case identifiers. */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain lower-case SQL identifier`);
  return name;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it is missing (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = assertIdentifier(databaseNameOf(url));
  return withClient(withDatabase(url, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another process created it between our look and our create.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = assertIdentifier(databaseNameOf(url));
  await withClient(withDatabase(url, 'postgres'), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function ensureSchema(url: string, schema: string): Promise<void> {
  assertIdentifier(schema);
  await withClient(url, async (client) => {
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (error) {
      // Two instances starting together can race on the catalog; the schema exists either way.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  });
}
