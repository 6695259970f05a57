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
  (pg.Connection.prototype as unknown as { describe(msg: object): void }).describe = describeUnlessKnown;
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
    const named = new pg.Query(text, values) as NamedQuery;
    named.name = name;
    named.handleRowDescription = describedOnce;
    named.prepare = prepareDescribed;
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

/** pg's Query and Result, as far as `describedOnce` reads and sets them (pg 8.23). */
interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}
type NamedQuery = pg.Query & {
  name: string;
  callback: (error: Error | null, result: pg.QueryResult) => void;
  handleRowDescription(msg: { fields: FieldDescription[] }): void;
  prepare(connection: object): void;
  hasBeenParsed(connection: object): boolean;
  _checkForMultirow(): void;
  _accumulateRows: boolean;
  _result: { fields: FieldDescription[]; _types?: object; _parsers?: unknown[]; _prebuiltEmptyResultObject?: object };
};

interface Described {
  fields: FieldDescription[];
  parsers?: unknown[];
  emptyRow?: object;
}

/**
 * What each named statement's rows look like, by connection: keyed by the connection's own type parsers
 * (pg gives every client its own, and a statement is prepared on each connection anyway).
 */
const describedBy = new WeakMap<object, Map<string, Described>>();
const handleRowDescription = (pg.Query.prototype as unknown as NamedQuery).handleRowDescription;

/**
 * A named statement's rows always have the same columns, but Postgres describes them on every execution and
 * pg works out, each time, a parser per column and the empty row it copies for every row (`addFields`): 4 %
 * of a busy service's CPU. The first description of each statement is kept and used again while the columns
 * are the same (by name, type and format). Everything else is pg's own handling.
 */
function describedOnce(this: NamedQuery, msg: { fields: FieldDescription[] }): void {
  const result = this._result;
  const types = result._types;
  if (!types) return handleRowDescription.call(this, msg); // not sent through a client: pg's own handling
  let described = describedBy.get(types);
  if (!described) describedBy.set(types, (described = new Map()));
  const known = described.get(this.name);
  if (!known || !sameColumns(known.fields, msg.fields)) {
    handleRowDescription.call(this, msg);
    described.set(this.name, { fields: msg.fields, parsers: result._parsers, emptyRow: result._prebuiltEmptyResultObject });
    return;
  }
  useDescription(this, known, msg.fields);
}

/** What pg's handleRowDescription leaves on the query and its result, from a description kept earlier. */
function useDescription(query: NamedQuery, known: Described, fields: FieldDescription[]): void {
  const result = query._result;
  query._checkForMultirow();
  result.fields = fields;
  if (fields.length) result._parsers = known.parsers;
  result._prebuiltEmptyResultObject = known.emptyRow;
  query._accumulateRows = Boolean(query.callback) || query.listenerCount('row') === 0;
}

const prepare = (pg.Query.prototype as unknown as NamedQuery).prepare;
const describe = (pg.Connection.prototype as unknown as { describe(msg: object): void }).describe;
/** Set while pg writes a statement whose columns are known (synchronously, so no other write comes between): its Describe is left out. */
let columnsKnown = false;
function describeUnlessKnown(this: object, msg: object): void {
  if (!columnsKnown) describe.call(this, msg);
}

/**
 * pg sends Describe with every execution, so Postgres describes the columns every time and pg parses that
 * description (2–3 % of a busy service's CPU, after describedOnce). A statement this connection has parsed,
 * whose columns it has kept, goes as Bind, Execute and Sync only, with the kept columns: a prepared
 * statement's columns cannot change under it (Postgres refuses to run one whose result type changed).
 * Everything else, and any statement on its first run here, goes as pg sends it.
 */
function prepareDescribed(this: NamedQuery, connection: object): void {
  const types = this._result._types;
  const known = types && this.hasBeenParsed(connection) ? describedBy.get(types)?.get(this.name) : undefined;
  if (!known) return prepare.call(this, connection);
  useDescription(this, known, known.fields);
  columnsKnown = true;
  try {
    prepare.call(this, connection);
  } finally {
    columnsKnown = false;
  }
}

function sameColumns(a: FieldDescription[], b: FieldDescription[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].dataTypeID !== b[i].dataTypeID || a[i].format !== b[i].format) return false;
  return true;
}
