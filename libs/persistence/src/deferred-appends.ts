import type pg from 'pg';
import { QueryFailedError, type EntityManager, type EntityTarget, type ObjectLiteral, type QueryRunner } from 'typeorm';
import { insertStatement, updateStatement } from './entity-writes.js';
import { databaseWritesOf } from './statement-count.js';
import { HeldNumbers } from './drawn-numbers.js';
import { isPipelined, sentTogether } from './pipelined-transactions.js';

const UNIQUE_VIOLATION = '23505';

/**
 * A table a transaction only ever appends to and does not read back: state history, the audit trail,
 * the outbox, the inbox. Columns in insert order, each with its Postgres type.
 */
export interface AppendOnlyTable {
  name: string;
  columns: Readonly<Record<string, string>>;
  /**
   * A row already there means the transaction repeats one that committed (the inbox: an event handled
   * before). Written at once, the row is skipped and `appendRow` answers false; written in a deferred
   * flush, it fails the transaction with AlreadyClaimedError.
   */
  claims?: boolean;
  /** What a column left empty gets (SQL), for a column whose value a row may leave out: the table's DEFAULT. */
  defaults?: Readonly<Record<string, string>>;
}

/** A column's value in an append, or its default when the row left it empty. */
const valueOrDefault = (table: AppendOnlyTable, name: string, value: string) => (table.defaults?.[name] ? `COALESCE(${value}, ${table.defaults[name]})` : value);

type Row = Record<string, unknown>;
/** A transaction's EntityManager, or a DataSource (whose appends are never deferred). */
type Queryable = Pick<EntityManager, 'query'>;

/** The changed columns of one row, written with the flush; a second change of the same row merges into the first. */
interface PendingUpdate {
  entity: EntityTarget<ObjectLiteral>;
  criteria: Row;
  set: Row;
}

/** A statement sent with the flush (`writeAtFlush`), and what its failure means to the caller. */
interface HeldStatement {
  sql: string;
  params: unknown[];
  failure: (error: unknown) => Error;
  /** What to do with its rows (a held number's draw). */
  answered?: (rows: never[]) => void;
}

/** New rows of one entity, inserted with the flush (`insertAtFlush`). */
interface PendingInsert {
  entity: EntityTarget<ObjectLiteral>;
  rows: ObjectLiteral[];
  /** The columns named, when TypeORM would leave one out (a generated key drawn ahead). */
  columns?: string[];
}

interface Pending {
  rows: Map<AppendOnlyTable, Row[]>;
  notifications: Map<string, { c: string; p: string }>;
  /** Every row written so far in the transaction, by table (what committed, once it has). */
  written: Map<AppendOnlyTable, Row[]>;
  /** Row updates held for the flush, by entity and key (`updateAtFlush`). */
  updates: Map<string, PendingUpdate>;
  /** New entity rows held for the flush (`insertAtFlush`), written before its updates and appends. */
  inserts: PendingInsert[];
  /** Whole statements held for the flush (`writeAtFlush`), sent right behind it. */
  writes: HeldStatement[];
  /** Document numbers drawn with the COMMIT's flush (`numberAtCommit`), once the transaction takes any. */
  numbers?: HeldNumbers;
  /** Statements the transaction has sent since it was deferred (its own runner's). */
  statements: number;
  /** Its connection's socket writes when it was deferred; once it has committed, the round trips it made. */
  roundTrips: { client?: pg.ClientBase; before: number; made?: number };
}

const pendingOf = new WeakMap<Queryable, Pending>();

/** Thrown at commit when a claiming table already held a row: the transaction is a repeat and rolls back. */
export class AlreadyClaimedError extends Error {
  constructor(readonly table: string) {
    super(`A row of ${table} was claimed before: this transaction repeats one that committed`);
  }
}

/**
 * Holds `tx`'s appends until `flushAppends`, which writes them all, and sends its notifications, in one
 * statement. A command or an event otherwise costs a round trip per history row, audit line, outbox
 * event, inbox row and NOTIFY; under load those round trips were most of what Postgres and the services
 * spent (see docs/performance.md). The aggregate stores' row updates are held the same way
 * (`updateAtFlush`). Only the runtime, which owns the transaction, opens and flushes it; code that runs
 * in any other transaction writes at once, as before.
 */
export function deferAppends(tx: EntityManager): void {
  const client = (tx.queryRunner as { databaseConnection?: pg.ClientBase } | undefined)?.databaseConnection;
  const pending: Pending = {
    rows: new Map(), notifications: new Map(), written: new Map(), updates: new Map(), inserts: [], writes: [], statements: 0,
    roundTrips: { client, before: client ? databaseWritesOf(client) : 0 },
  };
  pendingOf.set(tx, pending);
  if (tx.queryRunner) watchQueries(tx, tx.queryRunner, pending);
}

/**
 * Every statement of the transaction passes here: it is counted (statementsSentIn), and the held row
 * inserts and updates are written before it, so every read (and every trigger and constraint) sees a row as changed,
 * as if it had been written at once: holding an update only saves a round trip when nothing else is sent
 * before the flush. (Hibernate's flush mode AUTO.) A rollback drops what is held instead: sent into a
 * transaction a failed statement has aborted, the update would fail, the rollback would not be sent, and
 * the connection would go back to the pool mid-transaction. The COMMIT takes what is still held with it
 * (`commitWithFlush`). The runner is the transaction's own, made for it and dropped after it.
 */
function watchQueries(tx: EntityManager, runner: QueryRunner, pending: Pending): void {
  const query = runner.query;
  runner.query = async function (this: QueryRunner, ...args: Parameters<QueryRunner['query']>) {
    if (args[0] === 'COMMIT') {
      // Answered, so its write has gone: the connection is still the transaction's own.
      const committed = holdsAnything(pending) ? await commitWithFlush(tx, runner, pending, () => query.apply(this, args)) : await countedQuery(this, args);
      const { client, before } = pending.roundTrips;
      if (client) pending.roundTrips.made = databaseWritesOf(client) - before;
      return committed;
    }
    // A statement that carries a held number's stand-in goes behind its draw.
    const drawsFirst = !!pending.numbers?.needed(args[1] as unknown[] | undefined);
    if (/^\s*ROLLBACK\b/i.test(args[0])) dropWrites(pending);
    else if (holdsWrites(pending) || drawsFirst) return flushBefore(tx, runner, pending, () => query.apply(this, filled(args)), drawsFirst);
    return countedQuery(this, filled(args));
  } as QueryRunner['query'];

  /** The statement with the numbers it carries filled in (once their draws were taken into a flush). */
  function filled(args: Parameters<QueryRunner['query']>): Parameters<QueryRunner['query']> {
    if (!pending.numbers || !Array.isArray(args[1])) return args;
    const { sql, params } = pending.numbers.fill(args[0], args[1]);
    const sent: unknown[] = [...args];
    sent.splice(0, 2, sql, params);
    return sent as unknown as Parameters<QueryRunner['query']>;
  }

  function countedQuery(self: QueryRunner, args: Parameters<QueryRunner['query']>) {
    pending.statements++;
    return query.apply(self, args);
  }
}

/**
 * The flush, then `statement`, without waiting for the flush's answer in between (pg's pipeline mode):
 * Postgres runs them in that order, so the statement sees the rows as changed, and the held updates cost
 * no round trip of their own. When the flush fails, the statement fails with it (the transaction is
 * aborted) and the flush's error is thrown. Without the pipeline, the flush is awaited first.
 */
async function flushBefore<T>(tx: EntityManager, runner: QueryRunner, pending: Pending, statement: () => Promise<T>, withNumbers = false): Promise<T> {
  const client = (await runner.connect()) as pg.Client;
  if (!isPipelined(client)) {
    await flushAppends(tx);
    pending.statements++;
    return statement();
  }
  // The held numbers are drawn with the COMMIT, or ahead of the first statement that needs one.
  const flush = takeFlush(tx, pending, withNumbers);
  pending.statements += flush.length + 1;
  const settled = await Promise.allSettled(sentTogether(client, () => [...flush.map((f) => sent(client, pending, f.sql, f.params)), statement()]));
  settleFlush(flush, settled);
  const answered = settled[flush.length] as PromiseSettledResult<T>;
  if (answered.status === 'rejected') throw answered.reason;
  return answered.value;
}

/**
 * The flush and the COMMIT in one write: the client does not wait for the flush's answer before sending
 * the COMMIT (pg's pipeline mode), which saves the commit's round trip. Each has its own Sync, so when
 * the flush fails (a repeated inbox claim, a broken constraint) Postgres has aborted the transaction and
 * answers the COMMIT with a rollback; the flush's error is thrown and nothing was written. Without the
 * pipeline, the flush is awaited and the COMMIT sent after it.
 */
async function commitWithFlush(tx: EntityManager, runner: QueryRunner, pending: Pending, commit: () => Promise<unknown>): Promise<unknown> {
  const client = (await runner.connect()) as pg.Client;
  if (!isPipelined(client)) return flushBefore(tx, runner, pending, commit);
  const committed = await flushBefore(tx, runner, pending, () => client.query('COMMIT').catch((error: unknown) => {
    throw new QueryFailedError('COMMIT', [], error as Error);
  }), true);
  if (committed.command !== 'COMMIT') throw new Error(`Postgres answered the COMMIT with ${committed.command}: the transaction was rolled back`);
  return [];
}

/** A statement and its parameters, for `queryTogether`. */
export type Statement = readonly [sql: string, params?: readonly unknown[]];
/** What Postgres answered a statement sent with `queryTogether`. */
export type StatementAnswer = Pick<pg.QueryResult, 'rows' | 'rowCount'>;

/**
 * Sends `statements` in `tx` in one write and waits once for all their answers (pg's pipeline mode).
 * Postgres still runs them one after the other in the order given, so row locks are taken in that
 * order; what is saved is the client's wait between them. Under a hot lock that wait is what the next
 * transactions queue behind: a round trip on a busy event loop costs milliseconds. Updates held for the
 * flush go first, as before any statement. Each keeps its own Sync: when one fails, the transaction is
 * aborted, the ones after it fail too, and the first failure is thrown. Answers in order, as pg gives
 * them (`rows`, `rowCount`). Without the pipeline (or a runner), one after the other. With `withAppends`,
 * the held appends are written first as well (a read of what the transaction appended).
 */
export async function queryTogether(tx: EntityManager, statements: readonly Statement[], { withAppends = false } = {}): Promise<StatementAnswer[]> {
  const runner = tx.queryRunner;
  const client = runner ? ((await runner.connect()) as pg.Client) : undefined;
  const pending = pendingOf.get(tx);
  // `withAppends`: the held appends too, for statements that read what the transaction appended.
  const numbersNeeded = !!pending?.numbers && statements.some(([, params]) => pending.numbers!.needed(params));
  const flushing = pending && (withAppends ? holdsAnything(pending) : holdsWrites(pending) || numbersNeeded);
  if (!runner || !client || !isPipelined(client) || statements.length + (flushing ? 1 : 0) < 2) {
    if (withAppends) await flushAppends(tx);
    return queryOneByOne(tx, statements);
  }
  const flush = flushing ? takeFlush(tx, pending, numbersNeeded) : [];
  const all: Statement[] = [...flush.map((f): Statement => [f.sql, f.params]), ...statements];
  if (pending) pending.statements += all.length;
  const settled = await Promise.allSettled(sentTogether(client, () => all.map(([sql, params]) => sent(client, pending, sql, params as unknown[] | undefined))));
  settleFlush(flush, settled);
  const failed = settled.findIndex((s) => s.status === 'rejected');
  if (failed >= 0) throw new QueryFailedError(all[failed][0], [...(all[failed][1] ?? [])], (settled[failed] as PromiseRejectedResult).reason as Error);
  return settled.slice(flush.length).map((s) => (s as PromiseFulfilledResult<pg.QueryResult>).value);
}

/** `statements` through TypeORM, each awaited before the next (a transaction's own runner, or one borrowed for them). */
async function queryOneByOne(tx: EntityManager, statements: readonly Statement[]): Promise<StatementAnswer[]> {
  const runner = tx.queryRunner ?? tx.connection.createQueryRunner();
  try {
    const results: StatementAnswer[] = [];
    for (const [sql, params] of statements) {
      const result = await runner.query(sql, params ? [...params] : undefined, true);
      results.push({ rows: result.records ?? [], rowCount: result.affected ?? null });
    }
    return results;
  } finally {
    if (!tx.queryRunner) await runner.release();
  }
}

/** How many statements `tx` sent after the runtime deferred it, its commit included. */
export function statementsSentIn(tx: object): number | undefined {
  return pendingOf.get(tx as Queryable)?.statements;
}

/**
 * How many round trips (writes to Postgres's socket) `tx` made after the runtime deferred it, once it has
 * committed, its COMMIT included, and its START too where that rides with the first statement (the services'
 * pipelined connections): what one command or event costs in waits for Postgres. Undefined before the
 * commit, or when its connection's writes are not counted (`databaseStatements` not installed).
 */
export function roundTripsOf(tx: object): number | undefined {
  return pendingOf.get(tx as Queryable)?.roundTrips.made;
}

/**
 * Updates the row of `entity` that `criteria` finds (its key) with `set`: at once, or, in a transaction
 * the runtime deferred, in the flush statement (one round trip fewer per aggregate change; the
 * aggregate stores use it). The caller has locked the row; nothing is returned.
 */
export async function updateAtFlush(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, criteria: Row, set: Row): Promise<void> {
  const pending = pendingOf.get(tx);
  if (!pending) {
    await tx.update(entity, criteria, set);
    return;
  }
  const table = tx.connection.getMetadata(entity).tableName;
  // The statements of one flush do not see each other's rows: the row held for insert is written first.
  if (pending.inserts.some((held) => tx.connection.getMetadata(held.entity).tableName === table && held.rows.some((row) => matches(row, criteria)))) await flushAppends(tx);
  const key = `${table}\n${JSON.stringify(criteria)}`;
  const held = pending.updates.get(key);
  if (held) Object.assign(held.set, set);
  else pending.updates.set(key, { entity, criteria, set: { ...set } });
}

/**
 * Inserts `rows` of `entity` in `tx`: at once, or, in a transaction the runtime deferred, with the flush
 * (in the same write as the next statement, or the COMMIT): a new document costs no round trip of its
 * own, which shortens what a transaction holding a hot row (a document number) waits for. Held only
 * when Postgres has nothing to give back: every column TypeORM reads back after an insert (generated,
 * defaulted, versioned) has a value in every row; creation and update dates left empty are stamped with
 * the host's clock. Otherwise the rows are inserted at once and
 * get those values, as from `tx.insert`. A held row is written before any later statement of `tx`, so
 * reads, constraints and triggers see it as if it had been inserted at once; a failure (a broken key)
 * is thrown by that statement.
 */
export async function insertAtFlush(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
  const pending = pendingOf.get(tx);
  const metadata = tx.connection.getMetadata(entity);
  const readBack = metadata.getInsertionReturningColumns();
  // A creation or update date left empty is stamped here, as the order's own dates are.
  const stamped = readBack.filter((column) => column.isCreateDate || column.isUpdateDate);
  const complete = readBack.every((column) => stamped.includes(column) || (!column.asExpression && rows.every((row) => column.getEntityValue(row) !== undefined)));
  // TypeORM leaves a generated key out of an insert; one the rows carry (drawn ahead from its sequence) is named.
  const keyGiven = metadata.columns.some((column) => column.isGenerated && column.generationStrategy === 'increment' && rows.every((row) => column.getEntityValue(row) != null));
  const columns = keyGiven ? metadata.columns.filter((column) => column.isInsert).map((column) => column.propertyPath) : undefined;
  if (!pending || !complete) {
    await tx.createQueryBuilder().insert().into(entity, columns).values(rows).execute();
    return;
  }
  const now = new Date();
  for (const row of rows) for (const column of stamped) if (column.getEntityValue(row) === undefined) column.setEntityValue(row, now);
  pending.inserts.push({ entity, rows, columns });
}

/** Whether `row` is the one `criteria` (its key) finds; compared as text, as a key may come as a number or a string. */
function matches(row: ObjectLiteral, criteria: Row): boolean {
  return Object.entries(criteria).every(([field, value]) => String(row[field]) === String(value));
}

/**
 * The rows `tx` appended to `table` (deferred transactions only): after the commit, what the transaction
 * changed, with the numbers it drew (put in when asked: most tables' rows are never read again).
 */
export function rowsAppendedIn(tx: object, table: AppendOnlyTable): readonly Row[] {
  const pending = pendingOf.get(tx as Queryable);
  const rows = pending?.written.get(table) ?? [];
  return pending?.numbers ? pending.numbers.replaceIn(rows) : rows;
}

/** Whether the runtime deferred `tx`'s appends (it then also publishes the transaction's events after commit). */
export function appendsDeferred(tx: Queryable): boolean {
  return pendingOf.has(tx);
}

/** Appends `row` to `table` in `tx`: at once, or at the flush when the runtime deferred `tx`'s appends. */
export async function appendRow(tx: Queryable, table: AppendOnlyTable, row: Row): Promise<boolean> {
  const pending = pendingOf.get(tx);
  if (pending) {
    for (const byTable of [pending.rows, pending.written]) {
      const rows = byTable.get(table);
      if (rows) rows.push(row);
      else byTable.set(table, [row]);
    }
    return true;
  }
  const names = Object.keys(table.columns);
  const inserted: unknown[] = await tx.query(
    `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map((name, i) => valueOrDefault(table, name, `$${i + 1}::${table.columns[name]}`)).join(', ')})${table.claims ? ' ON CONFLICT DO NOTHING RETURNING 1' : ''}`,
    names.map((name) => valueOf(row[name], table.columns[name])),
  );
  return !table.claims || inserted.length === 1;
}

/** A NOTIFY delivered when `tx` commits; sent with the deferred appends when there are any. */
export async function notifyAtCommit(tx: Queryable, channel: string, payload = ''): Promise<void> {
  const pending = pendingOf.get(tx);
  if (pending) pending.notifications.set(`${channel}\n${payload}`, { c: channel, p: payload });
  else await tx.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
}

/**
 * Writes what `tx` deferred, in one statement, and keeps deferring after it. Throws AlreadyClaimedError
 * when a claiming table (the inbox) already held one of the rows.
 */
export async function flushAppends(tx: Queryable): Promise<void> {
  const pending = pendingOf.get(tx);
  if (!pending || !holdsAnything(pending)) return;
  for (const statement of takeFlush(tx, pending, true)) {
    try {
      const rows = await tx.query(statement.sql, statement.params);
      statement.answered?.(rows);
    } catch (error) {
      throw statement.failure(error);
    }
  }
}

/**
 * The next number of `series` in `tx`, drawn at the head of its flush (drawn-numbers.ts): its stand-in, or
 * undefined when the runtime did not defer `tx` (the caller then draws it at once).
 */
export function holdNumber(tx: Queryable, series: string, year: number): string | undefined {
  const pending = pendingOf.get(tx);
  if (!pending) return undefined;
  pending.numbers ??= new HeldNumbers();
  return pending.numbers.hold(series, year);
}

/**
 * `value` (a command's answer, the events it wrote) with the numbers `tx` drew at commit in place of their
 * stand-ins; as it is when `tx` drew none. Arrays and objects are changed in place.
 */
export function withDrawnNumbers<T>(tx: object, value: T): T {
  const numbers = pendingOf.get(tx as Queryable)?.numbers;
  return numbers ? numbers.replaceIn(value) : value;
}

/** A statement sent on the transaction's connection itself, past its runner: a held number it carries is filled in. */
function sent(client: pg.Client, pending: Pending | undefined, sql: string, params: unknown[] | undefined): Promise<pg.QueryResult> {
  if (!pending?.numbers) return client.query(sql, params);
  const filled = pending.numbers.fill(sql, params);
  return client.query(filled.sql, filled.params);
}

/**
 * Sends `statement` in `tx` with the flush, right behind the held rows (in the same write as the next
 * statement, or the COMMIT), or at once in a transaction the runtime did not defer. For a write whose
 * answer the transaction does not need and whose lock is hot: it takes the lock a moment before the
 * COMMIT instead of holding it while the rest of the transaction goes back and forth (the journal's
 * entry number). `failure` says what its error (a QueryFailedError) means to the caller (undefined: the error as it is).
 * Like the held rows, it is written before any later statement of `tx`.
 */
export async function writeAtFlush(tx: EntityManager, [sql, params = []]: Statement, failure: (error: QueryFailedError) => Error | undefined = () => undefined): Promise<void> {
  const held: HeldStatement = {
    sql, params: [...params],
    // The caller sees the error as TypeORM reports a failed statement, however it was sent.
    failure: (error) => {
      const failed = asQueryFailure(sql, [...params], error);
      return failure(failed) ?? failed;
    },
  };
  const pending = pendingOf.get(tx);
  if (pending) {
    pending.writes.push(held);
    return;
  }
  try {
    await tx.query(held.sql, held.params);
  } catch (error) {
    throw held.failure(error);
  }
}

/** The statements one flush sends, in order: the held rows in one, then the held statements. */
type Flush = HeldStatement[];

/**
 * Throws the first failure among the flush's answers (the first `flush.length` of `settled`), as its
 * statement means it; otherwise hands each statement that asks for them its rows (a draw, its number).
 */
function settleFlush(flush: Flush, settled: ReadonlyArray<PromiseSettledResult<unknown>>): void {
  const failed = settled.findIndex((s, i) => i < flush.length && s.status === 'rejected');
  if (failed >= 0) throw flush[failed].failure((settled[failed] as PromiseRejectedResult).reason);
  flush.forEach((f, i) => f.answered?.((settled[i] as PromiseFulfilledResult<pg.QueryResult>).value.rows as never[]));
}

function asQueryFailure(sql: string, params: unknown[], error: unknown): QueryFailedError {
  return error instanceof QueryFailedError ? error : new QueryFailedError(sql, params, error as Error);
}

function holdsAnything(pending: Pending): boolean {
  return pending.rows.size > 0 || pending.notifications.size > 0 || holdsWrites(pending) || !!pending.numbers?.unsent;
}

/** Held row inserts, updates or statements: written before any statement, as if they had been sent at once. */
function holdsWrites(pending: Pending): boolean {
  return pending.inserts.length > 0 || pending.updates.size > 0 || pending.writes.length > 0;
}

/** A rollback drops the held writes instead: sent into an aborted transaction they would fail, and the rollback with them. */
function dropWrites(pending: Pending): void {
  pending.inserts = [];
  pending.updates = new Map();
  pending.writes = [];
  pending.numbers?.drop();
}

/**
 * The statements that write everything `tx` holds in `pending` (which it then no longer holds): the held
 * numbers' draws (`withNumbers`, or when the rest carries one), one for the rows and notifications, then
 * the held statements.
 */
function takeFlush(tx: Queryable, pending: Pending, withNumbers: boolean): Flush {
  const params: unknown[] = [];
  const ctes: string[] = [];
  // The INSERT as tx.insert writes it (defaults, transformers), without reading anything back; the
  // UPDATE as tx.update writes it (column names, transformers, the update-date column). Each a CTE.
  for (const insert of pending.inserts) ctes.push(`t${ctes.length} AS (${insertStatement(tx as EntityManager, params, insert.entity, insert.rows, insert.columns)})`);
  for (const update of pending.updates.values()) ctes.push(`t${ctes.length} AS (${updateStatement(tx as EntityManager, params, update.entity, update.criteria, update.set)})`);
  let claiming: AppendOnlyTable | undefined;
  for (const [table, rows] of pending.rows) {
    const form = appendFormOf(table);
    params.push(JSON.stringify(rows.map((row) => jsonOf(row, form))));
    // A claiming table's rows are inserted plainly: one that is there already breaks the key, and the
    // statement, the transaction and a COMMIT sent with it fail (rowsFailure: AlreadyClaimedError).
    ctes.push(`t${ctes.length} AS (${form.head}${params.length}${form.tail})`);
    if (table.claims) claiming = table;
  }
  const writes = pending.writes;
  const rowsHeld = ctes.length > 0 || pending.notifications.size > 0;
  params.push(JSON.stringify([...pending.notifications.values()]));
  const notify = `(SELECT count(pg_notify(c, p)) FROM jsonb_to_recordset($${params.length}::jsonb) AS n(c text, p text))`;
  pending.rows = new Map();
  pending.notifications = new Map();
  pending.inserts = [];
  pending.updates = new Map();
  pending.writes = [];
  const numbers = pending.numbers;
  const draws: Flush = numbers && (withNumbers || numbers.needed(params) || writes.some((w) => numbers.needed(w.params)))
    ? numbers.take().map((draw) => ({ ...draw, failure: (error) => asQueryFailure(draw.sql, draw.params, error) }))
    : [];
  if (!rowsHeld) return [...draws, ...writes];
  const sql = `${ctes.length ? `WITH ${ctes.join(', ')} ` : ''}SELECT ${notify} AS notified`;
  return [...draws, { sql, params, failure: (error) => rowsFailure(sql, params, claiming, error) }, ...writes];
}

/** The rows' error as the caller should see it: a repeated claim as AlreadyClaimedError, the rest as TypeORM reports a failed statement. */
function rowsFailure(sql: string, params: unknown[], claiming: AppendOnlyTable | undefined, error: unknown): Error {
  const failure = error instanceof QueryFailedError ? (error.driverError as { code?: string; table?: string }) : (error as { code?: string; table?: string });
  if (claiming && failure?.code === UNIQUE_VIOLATION && failure.table === claiming.name) return new AlreadyClaimedError(claiming.name);
  return asQueryFailure(sql, params, error);
}

/** How a table's held rows are written: the INSERT around `jsonb_to_recordset($n)`, and its columns. */
interface AppendForm {
  head: string;
  tail: string;
  columns: Array<{ name: string; jsonb: boolean }>;
}

const appendForms = new WeakMap<AppendOnlyTable, AppendForm>();

/** The table's form, made once per table: between flushes only the parameter's number differs. */
function appendFormOf(table: AppendOnlyTable): AppendForm {
  let form = appendForms.get(table);
  if (form) return form;
  const names = Object.keys(table.columns);
  form = {
    head: `INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${names.map((name) => valueOrDefault(table, name, name)).join(', ')} FROM jsonb_to_recordset($`,
    tail: `::jsonb) AS r(${names.map((name) => `${name} ${table.columns[name]}`).join(', ')})`,
    columns: names.map((name) => ({ name, jsonb: table.columns[name] === 'jsonb' })),
  };
  appendForms.set(table, form);
  return form;
}

/** A row as jsonb_to_recordset reads it back into the column's type. */
function jsonOf(row: Row, form: AppendForm): Row {
  const json: Row = {};
  for (const { name, jsonb } of form.columns) {
    const value = row[name];
    // A jsonb column gets the value itself (not a string of it): text is parsed, so that nothing but one
    // well-formed value can land in the column. Everything else as JSON writes it.
    json[name] = jsonb && typeof value === 'string' ? JSON.parse(value) : (value ?? null);
  }
  return json;
}

function valueOf(value: unknown, type: string): unknown {
  if (type === 'jsonb' && value !== null && value !== undefined && typeof value !== 'string') return JSON.stringify(value);
  return value ?? null;
}
