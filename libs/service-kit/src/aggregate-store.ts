import { contractOf } from '@ops/contracts';
import type { DomainError, Step, Transition } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { appendRow, insertAtFlush, rowByKey, updateAtFlush } from '@ops/persistence';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { Acting } from './command-context.js';
import { STATE_HISTORY_TABLE } from './state-history.js';

export interface AggregateDefinition<Row extends ObjectLiteral, State> {
  /** The aggregate's name in its history: `order`, `credit-change`, `pick-list`. */
  name: string;
  entity: new () => Row;
  /** The row's key property (default `id`). */
  key?: keyof Row & string;
  notFound(id: string): DomainError;
  /** How the domain sees a row (default: the row itself). */
  toState?(row: Row): State;
  /** The columns a new domain state writes (default: the state's own fields). */
  toRow?(state: State): Partial<Row>;
}

export type DomainStep<Row, State, T extends Step<State> = Step<State>> = (state: State, row: Row) => T | Promise<T>;

/** What one transaction changed of one aggregate: each field before and after. */
export interface ChangeRecord {
  aggregate: string;
  id: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

const changesOf = new WeakMap<EntityManager, ChangeRecord[]>();

/** Every change the stores made in `tx`, in order: what the command's audit line keeps as before and after. */
export function changesIn(tx: EntityManager): ChangeRecord[] {
  return changesOf.get(tx) ?? [];
}

function remember(tx: EntityManager, record: ChangeRecord): void {
  const list = changesOf.get(tx);
  if (list) list.push(record);
  else changesOf.set(tx, [record]);
}

/**
 * The one place an aggregate's row changes. Every change is the same sequence: lock the row, let the
 * domain step decide, write the columns that changed, append a history row per transition (the last
 * carrying each changed field before and after), and queue the step's events in the outbox — all in
 * the caller's transaction. Status columns are written here and nowhere else. In the runtime's
 * transactions the changed columns and new rows go with the flush (updateAtFlush, insertAtFlush), as
 * the appends do.
 */
export class AggregateStore<Row extends ObjectLiteral, State = Row> {
  private readonly key: keyof Row & string;
  private columnNames?: ReadonlySet<string>;

  constructor(private readonly definition: AggregateDefinition<Row, State>, private readonly outbox: OutboxWriter) {
    this.key = definition.key ?? ('id' as keyof Row & string);
  }

  get name(): string {
    return this.definition.name;
  }

  /** The aggregate's own 404, for a read that found nothing. */
  notFound(id: string): DomainError {
    return this.definition.notFound(id);
  }

  /** The row under a write lock (or, with `lock: false`, as committed), or the aggregate's 404. */
  async get(tx: EntityManager, id: string, { lock = true } = {}): Promise<Row> {
    const row = await rowByKey(tx, this.definition.entity, this.key, id, { lock });
    if (!row) throw this.notFound(id);
    return row;
  }

  /** Locks the aggregate and applies one domain step to it; see the class comment. */
  async change<T extends Step<State>>(tx: EntityManager, id: string, step: DomainStep<Row, State, T>, acting: Acting): Promise<{ row: Row; step: T }> {
    return this.apply(tx, await this.get(tx, id), step, acting);
  }

  /** As `change`, for a row the caller has already locked (a batch claimed with SKIP LOCKED, a row found by another key). */
  async apply<T extends Step<State>>(tx: EntityManager, row: Row, step: DomainStep<Row, State, T>, acting: Acting): Promise<{ row: Row; step: T }> {
    const outcome = await step(this.stateOf(row), row);
    const patch = this.rowOf(outcome.state);
    const columns = this.columns(tx);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const changed: Partial<Row> = {};
    for (const [field, after] of Object.entries(patch)) {
      const before = row[field];
      // A domain state may carry more than the row (lines read with it, say); only columns are written.
      if (after === undefined || !columns.has(field) || same(before, after)) continue;
      changes[field] = { before: before ?? null, after };
      (changed as Record<string, unknown>)[field] = after;
    }
    if (Object.keys(changed).length) {
      await updateAtFlush(tx, this.definition.entity, { [this.key]: row[this.key] }, changed);
      Object.assign(row, changed);
      remember(tx, { aggregate: this.definition.name, id: String(row[this.key]), changes });
    }
    await this.record(tx, String(row[this.key]), outcome, changes, acting);
    return { row, step: outcome };
  }

  /**
   * A new aggregate: its first step's state becomes the row; history and events as for a change. `key`:
   * a key the state does not carry (one the database generates, drawn ahead from its sequence).
   */
  async create(tx: EntityManager, outcome: Step<State>, acting: Acting, { key }: { key?: string } = {}): Promise<Row> {
    const columns = this.columns(tx);
    const row = Object.assign(new this.definition.entity(), Object.fromEntries(Object.entries(this.rowOf(outcome.state)).filter(([field]) => columns.has(field))));
    if (key !== undefined) Object.assign(row, { [this.key]: key });
    // With the flush where nothing is left for Postgres to fill in (a key made here), else at once.
    await insertAtFlush(tx, this.definition.entity, [row]);
    await this.record(tx, String(row[this.key]), outcome, {}, acting);
    return row;
  }

  private async record(tx: EntityManager, id: string, outcome: Step<State>, changes: Record<string, unknown>, acting: Acting): Promise<void> {
    await appendHistory(tx, this.definition.name, id, outcome.transitions, changes, acting);
    for (const event of outcome.events) {
      await this.outbox.append(tx, contractOf(event.type), { aggregateId: event.aggregateId ?? id, actor: acting.actor, cause: acting.cause, data: event.data });
    }
  }

  private columns(tx: EntityManager): ReadonlySet<string> {
    this.columnNames ??= new Set(tx.connection.getMetadata(this.definition.entity).columns.map((c) => c.propertyName));
    return this.columnNames;
  }

  private stateOf(row: Row): State {
    return this.definition.toState ? this.definition.toState(row) : (row as unknown as State);
  }

  private rowOf(state: State): Partial<Row> {
    return this.definition.toRow ? this.definition.toRow(state) : (state as unknown as Partial<Row>);
  }
}

/** History rows of one step; the step's field changes go with its last move. */
async function appendHistory(tx: EntityManager, aggregate: string, id: string, transitions: Transition[], changes: Record<string, unknown>, acting: Acting): Promise<void> {
  const cause = acting.cause;
  const eventId = cause && 'id' in cause ? cause.id : null;
  const requestId = cause && 'requestId' in cause ? cause.requestId : null;
  const at = new Date();
  for (const [i, t] of transitions.entries()) {
    const last = i === transitions.length - 1;
    await appendRow(tx, STATE_HISTORY_TABLE, {
      aggregate, aggregate_id: id, from_state: t.from, to_state: t.to, reason: t.reason, changes: last ? changes : {}, actor_id: acting.actor.userId, event_id: eventId, request_id: requestId, at,
    });
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Date || b instanceof Date) return false;
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
