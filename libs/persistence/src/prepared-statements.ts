import { createHash } from 'node:crypto';
import pg from 'pg';

/** Named statements one connection keeps at most; past it, new texts run unnamed (parsed each time). */
const MAX_PER_CONNECTION = 250;

let installed = false;
const names = new Map<string, string>();
const preparedOn = new WeakMap<object, Set<string>>();

/**
 * Makes every parameterised statement a named (server-side prepared) one on each pooled connection, as
 * pgJDBC does after a few uses (`prepareThreshold`): Postgres then parses and plans a statement once per
 * connection instead of on every execution. The services send the same few hundred statements over and
 * over (TypeORM's and ours), so under load parsing and planning were a large part of Postgres's work.
 * The name is a hash of the text, so a text always has the same name; a connection keeps at most
 * MAX_PER_CONNECTION of them, which bounds the memory a long-lived connection holds in Postgres.
 * Statements without parameters (transaction control, DDL, migrations) are left as they are.
 */
export function prepareRepeatedStatements(): void {
  if (installed) return;
  installed = true;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameOf(text);
      let prepared = preparedOn.get(this);
      if (!prepared) preparedOn.set(this, (prepared = new Set()));
      if ((prepared.has(name) || prepared.size < MAX_PER_CONNECTION) && args.length === 2) {
        prepared.add(name);
        return sendNamed(this, query, name, text, values);
      }
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/**
 * What pg does for `query({ name, text, values })`, without copying the config: pg copies a config object
 * property by property (getOwnPropertyDescriptors) before it reads it, 1 % of a busy service's CPU. A query
 * made from the text alone is not copied; it is named after it is made.
 */
function sendNamed(client: pg.Client, query: (...args: unknown[]) => unknown, name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const named = new pg.Query(text, values) as pg.Query & { name: string; callback: (error: Error | null, result: pg.QueryResult) => void };
    named.name = name;
    named.callback = (error, result) => (error ? reject(error) : resolve(result));
    query.call(client, named);
  });
}

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}
