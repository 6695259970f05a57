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
 * connection lost mid-transaction is not one of these: its COMMIT may have happened.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e = error as { code?: unknown; syscall?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (e.syscall === 'connect' || e.code === '57P03') return true;
    e = (e.driverError ?? e.cause) as typeof e;
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
