import pg from 'pg';

let installed = false;
/** Pool clients whose START TRANSACTION is held until their next statement, with its text (it may name an isolation level). */
const beginHeld = new WeakMap<pg.Client, string>();

const BEGIN = 'START TRANSACTION';
/** What `query` answers for a statement it did not need to send (TypeORM reads none of it). */
const unsent = (command: string) => ({ command, rowCount: null, rows: [], fields: [], oid: 0 });

/**
 * Saves the round trip of every transaction's START TRANSACTION. On a client in pg's pipeline mode (the
 * services' pools: `pipeline` in `serviceDataSourceOptions`), the START TRANSACTION that TypeORM sends
 * is held and written in one packet with the transaction's first statement; Postgres answers both, and
 * nobody waits for the first answer before sending the second. A transaction that ends before sending
 * anything sends nothing. START TRANSACTION and COMMIT were 2 of the 4 to 16 round trips a transaction of
 * the flow waits for (the COMMIT now rides with the flush: `deferred-appends.ts`). What that buys is
 * latency where Postgres is across a network: 1 ms away, pick, verify and pack answered 3–4 ms sooner; on
 * one machine the CPU per order did not change (docs/performance.md).
 */
export function pipelineTransactionStart(): void {
  if (installed) return;
  installed = true;
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text] = args;
    if (!isPipelined(this)) return query.apply(this, args);
    corkedUntilTickEnds(this);
    if (args.some((arg) => typeof arg === 'function')) return query.apply(this, args);
    if (typeof text === 'string' && text.startsWith(BEGIN) && !(args[1] as unknown[] | undefined)?.length) {
      beginHeld.set(this, text);
      return Promise.resolve(unsent('BEGIN'));
    }
    const begin = beginHeld.get(this);
    if (begin === undefined) return query.apply(this, args);
    beginHeld.delete(this);
    if (text === 'COMMIT' || text === 'ROLLBACK') return Promise.resolve(unsent(text));
    return sentTogether(this, () => {
      const begun = query.call(this, begin) as Promise<unknown>;
      const answered = query.apply(this, args) as Promise<unknown>;
      // Both answers are awaited, so neither rejection goes unhandled; a failed BEGIN fails the statement.
      return Promise.all([begun, answered]).then(([, result]) => result);
    });
  } as typeof pg.Client.prototype.query;
}

/** Whether `client` sends a statement without waiting for the answer to the one before (pg's pipeline mode). */
export function isPipelined(client: pg.Client): boolean {
  return (client as pg.Client & { pipeline?: boolean }).pipeline === true;
}

/** A client handed out by the pool must not carry a START TRANSACTION held for its previous user. */
export function forgetHeldStart(client: pg.ClientBase): void {
  beginHeld.delete(client as pg.Client);
}

/** Pipelined clients whose socket is corked until the end of the current tick. */
const corkedThisTick = new WeakSet<pg.Client>();

/**
 * Holds `client`'s writes until the current tick ends (Node's own advice for cork: uncork in
 * process.nextTick), so the statements a transaction sends before it next waits go out in one write.
 * TypeORM sends a statement a few awaits after it is asked to (it awaits its connection first), so a
 * statement and the flush written just before it, or two reads started together, left in separate
 * writes: each write is a system call and wakes the Postgres backend, which on a busy machine takes
 * the core from the service (docs/performance.md). Nothing waits longer than the microtasks already
 * queued: the tick ends before the event loop takes its next input.
 */
function corkedUntilTickEnds(client: pg.Client): void {
  if (corkedThisTick.has(client)) return;
  const stream = streamOf(client);
  if (!stream?.cork || !stream.uncork) return;
  corkedThisTick.add(client);
  stream.cork();
  process.nextTick(() => {
    corkedThisTick.delete(client);
    stream.uncork?.();
  });
}

function streamOf(client: pg.Client): { cork?: () => void; uncork?: () => void } | undefined {
  return (client as pg.Client & { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
}

/**
 * Runs `send`, whose statements go out on `client` in one write (the socket is corked while they are
 * queued; each statement keeps its own Sync, so a failed one does not take the next one's answer).
 */
export function sentTogether<T>(client: pg.Client, send: () => T): T {
  const stream = streamOf(client);
  stream?.cork?.();
  try {
    return send();
  } finally {
    stream?.uncork?.();
  }
}
