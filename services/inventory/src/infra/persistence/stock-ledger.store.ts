import { Inject, Injectable } from '@nestjs/common';
import { contractOf, DEFAULT_WAREHOUSE } from '@ops/contracts';
import { DomainError, type Step } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { queryTogether, readsUnderLocks, rowsWhere, staleWhen, writeAtFlush, type Statement, type StatementAnswer } from '@ops/persistence';
import { AggregateStore, OUTBOX, type Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import type { WaitingOrder } from '../../domain/backorder.js';
import type { Reservation } from '../../domain/reservation.js';
import * as ledger from '../../domain/stock-ledger.js';
import { compare, type LedgerChange, type LevelFigures, type LockedStock, type LotFigures, type LotKey, type LotQuantity } from '../../domain/stock-ledger.js';
import { reportAvailability, type FollowedSku } from './followed-skus.js';
import { ReservationEntity } from './inventory.entities.js';

/**
 * What each open transaction has locked: orders' reservations (documents, always before any stock),
 * then SKUs in one ascending sweep, and which of those SKUs do not exist. Asking for a SKU below one
 * it holds, or for an order's reservations once it holds stock, would break the global order.
 */
interface Held {
  orders: Set<string>;
  /** The reservation rows read under the order's lock; the store's changes update these same objects. */
  reservations: Map<string, ReservationEntity[]>;
  skus: string[];
  unknown: Set<string>;
}
const locks = new WeakMap<EntityManager, Held>();
const heldBy = (tx: EntityManager): Held => {
  let held = locks.get(tx);
  if (!held) locks.set(tx, (held = { orders: new Set(), reservations: new Map(), skus: [], unknown: new Set() }));
  return held;
};

/** A reservation as the ledger's rules see it. */
const reservationOf = (r: ReservationEntity): Reservation => ({
  orderId: r.orderId, sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status,
});

/**
 * Reservations live and die with the stock they hold: the ledger store below is their only writer,
 * through this store, in the same transaction as the levels they count in.
 */
class ReservationStore extends AggregateStore<ReservationEntity, Reservation> {
  constructor(outbox: OutboxWriter) {
    super({
      name: 'reservation',
      entity: ReservationEntity,
      notFound: (id) => new DomainError('not_found', 'reservation-not-found', `No reservation ${id}`),
      toState: reservationOf,
      toRow: (r) => ({ orderId: r.orderId, skuCode: r.sku, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status }),
    }, outbox);
  }
}

export interface ReservationRequest {
  orderId: string;
  lines: Array<{ sku: string; quantity: number }>;
}

export interface OrderIssue {
  /** The order whose reservations the goods leave; left out for goods no order holds. */
  orderId?: string;
  /** The document the goods leave on (a shipment's number drawn at commit: numberAtCommit). */
  documentRef: string;
  lines: LotQuantity[];
  source?: string;
  lineField?: string;
  /** Why goods no order holds leave (default `issue`; `purchase_return` for goods back to their supplier). */
  kind?: ledger.IssueKind;
  /** The figures read ahead without the lock (`figuresOfPackedPickList`): the shipment then reads none of its own. */
  figures?: LockedStock;
}

/**
 * The stock ledger's one owner: every change of `stock_levels`, `stock_lots`, `stock_movements` and of
 * the reservations they carry goes through here, so "the lots add up to the level, the movements
 * explain both, nothing goes negative" is kept in one place (the rules are in domain/stock-ledger.ts).
 *
 * Each operation: (1) locks the order's reservations, when it changes them (release, a shipment); (2) locks the SKUs' rows in
 * `skus`, in code order — the lock every writer of a SKU's stock takes first, so two operations on one
 * SKU queue there and never meet in a different order further down; (3) locks the SKUs' levels in
 * (SKU, warehouse) order and the lots it names in (SKU, warehouse, location, batch) order; (4) lets the
 * domain decide on those figures, or refuse before anything is written; (5) writes the differences
 * with updates conditional on staying non-negative (the tables' CHECKs stand behind them), the
 * movements, the reservations (with their history) and the events. A transaction that runs several
 * operations locks all their SKUs first (`lock`).
 *
 * The SKUs' lock is also the backorder line's lock (domain.md §4.5): a backorder is registered, filled
 * and cancelled only by a transaction holding the lock of every SKU it names (ReservationDesk), and its
 * row takes no lock of its own. So `reserve` reads the line of its SKUs under their lock and lets the
 * domain keep an order from taking stock that backorders registered before it wait for.
 *
 * Two operations skip the wait for that lock in the common case: a reservation with enough stock, no
 * line and no follower, and an order's shipment (which leaves what the order holds). They decide on
 * figures read without it and hold their stock writes for the COMMIT, behind the SKUs' lock taken
 * shared and the rows locked in the same order (`writeAtCommit`); the CHECKs and `refuse_unless` fail a
 * COMMIT whose figures moved (StaleReadError), and the unit of work runs again with the locks taken first.
 */
@Injectable()
export class StockLedgerStore {
  private readonly reservations: ReservationStore;

  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {
    this.reservations = new ReservationStore(outbox);
  }

  /**
   * Locks the stock of `skus` until the transaction ends. A command that runs several operations (a
   * receipt that then fills backorders) calls this once with every SKU it may touch, so that it never
   * has to lock a SKU below one it holds.
   */
  async lock(tx: EntityManager, skus: Iterable<string>): Promise<void> {
    const taking = this.taking(tx, skus);
    if (taking) taking.taken((await queryTogether(tx, [taking.statement]))[0].rows);
  }

  /**
   * The statement that locks those of `skus` this transaction does not hold yet (none: undefined), after
   * checking they come after every SKU it holds; `taken` records its answer.
   */
  private taking(tx: EntityManager, skus: Iterable<string>): { statement: Statement; taken(rows: Array<{ code: string }>): void } | undefined {
    const wanted = [...new Set(skus)].sort(compare);
    const held = heldBy(tx);
    const missing = wanted.filter((sku) => !held.skus.includes(sku));
    if (!missing.length) return undefined;
    const last = held.skus.at(-1);
    if (last !== undefined && compare(missing[0], last) < 0) {
      throw new Error(`Stock of ${missing[0]} asked for after ${last}: lock every SKU a transaction touches at its start (StockLedgerStore.lock)`);
    }
    return {
      statement: [`SELECT code FROM skus WHERE code = ANY($1::text[]) ORDER BY code COLLATE "C" FOR NO KEY UPDATE`, [missing]],
      taken(rows) {
        // A SKU inventory does not know has no stock: an order for it is short, goods of it cannot come in.
        for (const sku of missing) if (!rows.some((r) => r.code === sku)) held.unknown.add(sku);
        held.skus.push(...missing);
      },
    };
  }

  /** Goods in (an audited receipt): lots and levels up, one movement per line. */
  async receive(tx: EntityManager, receipt: ledger.Receipt, acting: Acting): Promise<LedgerChange<never>> {
    const lots = receipt.lines.map((l) => ({ ...l, warehouseCode: receipt.warehouseCode }));
    const { stock } = await this.locked(tx, lots.map((l) => l.sku), lots);
    const change = ledger.receive(stock, receipt);
    await this.write(tx, stock, change, acting);
    return change;
  }

  /**
   * Reserves an order in one warehouse, the main one first, then the others by code; or, when none
   * can take all of it, or earlier backorders wait for its SKUs, changes nothing and says what is short.
   */
  async reserve(tx: EntityManager, request: ReservationRequest, acting: Acting): Promise<ledger.ReserveOutcome> {
    const skus = request.lines.map((l) => l.sku);
    // The order's reservations and the sellable warehouses need no lock: they run ahead of the SKUs' lock,
    // and the backorders waiting for the SKUs under it, all in the round trip that reads the figures.
    // So are the keys of the reservations it may make (one per line, as a rule): drawn from the table's
    // sequence, they let the new rows go with the flush instead of costing a round trip each under the lock.
    const ahead: Statement[] = [
      [`SELECT order_id, sku_code, warehouse_code, quantity, shipped_quantity, status FROM reservations WHERE order_id = $1 ORDER BY id`, [request.orderId]],
      [`SELECT code FROM warehouses WHERE sellable ORDER BY code <> $1, code`, [DEFAULT_WAREHOUSE]],
      [`SELECT nextval(pg_get_serial_sequence('reservations', 'id'))::text AS id FROM generate_series(1, $1::int)`, [request.lines.length]],
    ];
    if (!readsUnderLocks(tx) && !heldBy(tx).skus.length) {
      const reserved = await this.reserveOnFiguresReadFreely(tx, request, ahead, acting);
      if (reserved) return reserved;
    }
    const { stock, ahead: [existing, warehouses, keys], also: [waiting] } = await this.locked(tx, skus, [], { ahead, also: [waitingForStatement(skus)] });
    const outcome = ledger.reserve(stock, {
      orderId: request.orderId, lines: request.lines, warehouses: warehouses.rows.map((w: { code: string }) => w.code),
      existing: existing.rows.map(reservationOfRow), line: waitingOf(waiting.rows),
    });
    if (outcome.kind === 'reserved') {
      await this.write(tx, stock, outcome.change, acting, new Map(), keys.rows.map((k: { id: string }) => k.id));
      heldBy(tx).reservations.delete(request.orderId); // the order has rows it did not have when they were read
    }
    return outcome;
  }

  /**
   * The common reservation without waiting for the SKUs' lock: the figures are read without it, and when
   * the domain reserves on them, no backorder waits for the SKUs and the online store follows none of
   * them, the change goes with the COMMIT (`write`, `atCommit`), and a last statement refuses when a
   * backorder or a follower came meanwhile: then the transaction fails with StaleReadError and runs again
   * under the lock. Reservations running this way at once on one SKU commute. Anything
   * else (a shortage, a line, a followed SKU) returns undefined, having locked and written nothing: the
   * caller decides under the lock.
   */
  private async reserveOnFiguresReadFreely(
    tx: EntityManager, request: ReservationRequest, ahead: readonly Statement[], acting: Acting,
  ): Promise<ledger.ReserveOutcome | undefined> {
    const skus = [...new Set(request.lines.map((l) => l.sku))].sort(compare);
    const [, existing, warehouses, keys, levels, waiting, followed] = await queryTogether(tx, [
      GENERIC_PLANS,
      ...ahead,
      levelsStatement(skus, { locked: false }),
      waitingForStatement(skus),
      [`SELECT sku FROM followed_skus WHERE sku = ANY($1::text[]) AND following`, [skus]],
    ]);
    if (waiting.rows.length || followed.rows.length) return undefined;
    const stock: LockedStock = { levels: levels.rows.map(levelOfRow), lots: [] };
    const outcome = ledger.reserve(stock, {
      orderId: request.orderId, lines: request.lines, warehouses: warehouses.rows.map((w: { code: string }) => w.code),
      existing: existing.rows.map(reservationOfRow), line: [],
    });
    if (outcome.kind !== 'reserved') return undefined;
    await this.write(tx, stock, outcome.change, acting, new Map(), keys.rows.map((k: { id: string }) => k.id), { atCommit: true });
    // After the SKUs' lock (taken shared by the write above): the line and the followers as every writer that takes it whole left them.
    await writeAtFlush(tx, [
      `SELECT refuse_unless(NOT EXISTS (${waitingForStatement(skus)[0]}) AND NOT EXISTS (SELECT 1 FROM followed_skus WHERE sku = ANY($1::text[]) AND following), $2)`,
      [skus, `The backorder line or the followers of ${skus.join(', ')}`],
    ], staleWhen(`The backorder line of ${skus.join(', ')}`));
    heldBy(tx).reservations.delete(request.orderId);
    return outcome;
  }

  /** The order lets go of what it still holds; answers what went back, per SKU and warehouse. */
  async release(tx: EntityManager, request: { orderId: string; reason: string }, acting: Acting): Promise<Array<{ sku: string; warehouseCode: string; quantity: number }>> {
    const rows = await this.reservationsOf(tx, request.orderId);
    const open = rows.filter((r) => r.status === 'reserved');
    if (!open.length) return [];
    const { stock } = await this.locked(tx, open.map((r) => r.skuCode), []);
    const states = open.map(reservationOf);
    const change = ledger.release(stock, states, request.reason);
    await this.write(tx, stock, change, acting, new Map(states.map((s, i) => [s, open[i]])));
    return change.moved.map(({ reservation: r }) => ({ sku: r.sku, warehouseCode: r.warehouseCode, quantity: r.quantity - r.shippedQuantity }));
  }

  /** Goods out of the lots named: an order's shipment (from its reservations), or goods no order holds. */
  async issue(tx: EntityManager, request: OrderIssue, acting: Acting): Promise<LedgerChange<Reservation>> {
    const rows = request.orderId ? await this.reservationsOf(tx, request.orderId) : undefined;
    if (rows && !readsUnderLocks(tx) && !heldBy(tx).skus.length) {
      const shipped = await this.shipOnFiguresReadFreely(tx, { ...request, rows }, acting);
      if (shipped) return shipped;
    }
    const { stock } = await this.locked(tx, request.lines.map((l) => l.sku), request.lines);
    const states = rows?.map(reservationOf);
    const change = ledger.issue(stock, { documentRef: request.documentRef, lines: request.lines, reservations: states, source: request.source, lineField: request.lineField, kind: request.kind });
    await this.write(tx, stock, change, acting, new Map(states?.map((s, i) => [s, rows![i]])));
    return change;
  }

  /**
   * An order's shipment without waiting for the SKUs' lock: the figures are read without it, and when the
   * domain ships on them, the change goes with the COMMIT (`write`, `atCommit`), where the levels' and
   * lots' CHECKs refuse a unit that is no longer there (StaleReadError: the work runs again under the
   * lock). A shipment leaves what its order holds, so what is available, the backorder line and the
   * online store's figure do not change. A refusal on these figures, or a lot they do not have, is
   * decided under the lock instead: undefined.
   */
  private async shipOnFiguresReadFreely(tx: EntityManager, request: OrderIssue & { rows: ReservationEntity[] }, acting: Acting): Promise<LedgerChange<Reservation> | undefined> {
    const stock = request.figures ?? await this.figuresReadFreely(tx, request.lines);
    if (request.lines.some((l) => !stock.lots.some((k) => k.sku === l.sku && k.warehouseCode === l.warehouseCode && k.location === l.location && k.batch === l.batch))) return undefined;
    const states = request.rows.map(reservationOf);
    let change: LedgerChange<Reservation>;
    try {
      change = ledger.issue(stock, { documentRef: request.documentRef, lines: request.lines, reservations: states, source: request.source, lineField: request.lineField, kind: request.kind });
    } catch (error) {
      if (error instanceof DomainError) return undefined;
      throw error;
    }
    await this.write(tx, stock, change, acting, new Map(states.map((s, i) => [s, request.rows[i]])), [], { atCommit: true });
    return change;
  }

  /** The levels of the lines' SKUs and the lots they name, read without the lock. */
  private async figuresReadFreely(tx: EntityManager, lines: readonly LotKey[]): Promise<LockedStock> {
    const skus = [...new Set(lines.map((l) => l.sku))];
    const [, levels, lots] = await queryTogether(tx, [GENERIC_PLANS, levelsStatement(skus, { locked: false }), lotsStatement(lines, { locked: false })]);
    return { levels: levels.rows.map(levelOfRow), lots: lots.rows.map(lotOfRow) };
  }

  /**
   * The figures an order's shipment issues from (`OrderIssue.figures`), read without the lock: the levels of
   * the SKUs picked and the lots picked from, found from the order's packed pick list in Postgres, so the
   * read needs nothing first and goes in the round trip that locks the order and its list. Undefined, and
   * nothing sent, when the transaction reads under the lock (`issue` then locks and reads).
   */
  async figuresOfPackedPickList(tx: EntityManager, orderId: string): Promise<LockedStock | undefined> {
    if (readsUnderLocks(tx) || heldBy(tx).skus.length) return undefined;
    const [, levels, lots] = await queryTogether(tx, [
      GENERIC_PLANS,
      [`${LEVEL_FIGURES}
         WHERE sku_code IN (SELECT k->>'sku' FROM pick_lists p, jsonb_array_elements(p.picks) k WHERE p.order_id = $1 AND p.status = 'packed')`, [orderId]],
      // A pick names its lot's location and batch; the warehouse is its line's.
      [`${LOT_FIGURES}
         WHERE (sku_code, warehouse_code, location, batch) IN (
           SELECT k->>'sku', l->>'warehouseCode', k->>'location', k->>'batch'
             FROM pick_lists p, jsonb_array_elements(p.picks) k, jsonb_array_elements(p.lines) l
            WHERE p.order_id = $1 AND p.status = 'packed' AND l->>'sku' = k->>'sku')`, [orderId]],
    ]);
    return { levels: levels.rows.map(levelOfRow), lots: lots.rows.map(lotOfRow) };
  }

  /** A count corrected in one lot, in or out. */
  async adjust(tx: EntityManager, adjustment: ledger.Adjustment, acting: Acting): Promise<LedgerChange<never>> {
    const { stock } = await this.locked(tx, [adjustment.sku], [adjustment]);
    const change = ledger.adjust(stock, adjustment);
    await this.write(tx, stock, change, acting);
    return change;
  }

  /** Units from one lot to another, in one warehouse or between two. */
  async transfer(tx: EntityManager, t: ledger.Transfer, acting: Acting): Promise<LedgerChange<never>> {
    const { stock } = await this.locked(tx, [t.sku], [{ sku: t.sku, ...t.from }, { sku: t.sku, ...t.to }]);
    const change = ledger.transfer(stock, t);
    await this.write(tx, stock, change, acting);
    return change;
  }

  /**
   * The backorders waiting for any of `skus`, in line order. Read under the SKUs' lock, which every
   * registration, fill and cancellation of a backorder holds, so the line cannot change under the caller.
   */
  async waitingFor(tx: EntityManager, skus: Iterable<string>): Promise<WaitingOrder[]> {
    const wanted = [...new Set(skus)];
    if (!this.holds(tx, wanted)) throw new Error(`The backorder line of ${wanted.join(', ')} read without their stock locked`);
    const [sql, params] = waitingForStatement(wanted);
    return waitingOf(await tx.query(sql, [...params!]));
  }

  /** Whether this transaction holds the stock lock of every one of `skus`. */
  holds(tx: EntityManager, skus: Iterable<string>): boolean {
    const held = heldBy(tx).skus;
    return [...skus].every((sku) => held.includes(sku));
  }

  /** An order's reservations, locked: they are the order's document, locked before any stock (a shipment, a cancellation). */
  async reservationsOf(tx: EntityManager, orderId: string): Promise<ReservationEntity[]> {
    const held = heldBy(tx);
    if (!held.orders.has(orderId) && held.skus.length) {
      throw new Error(`The reservations of order ${orderId} asked for after stock of ${held.skus.join(', ')}: lock an order's reservations before any stock`);
    }
    held.orders.add(orderId);
    // Read once per transaction: a shipment reads them to check the order and again to issue its stock.
    let rows = held.reservations.get(orderId);
    if (!rows) held.reservations.set(orderId, (rows = await rowsWhere(tx, ReservationEntity, '{orderId} = $1 ORDER BY {id}', [orderId], { lock: true })));
    return rows;
  }

  /**
   * Locks the SKUs, then reads their levels (every warehouse) and the lots named, locked, in the global
   * order: one round trip, in which Postgres runs the statements in the order written. A caller's reads
   * that need no lock go `ahead` of the lock; what it asks under the lock goes after (`also`).
   */
  private async locked(
    tx: EntityManager, skus: string[], lots: LotKey[], { ahead = [], also = [] }: { ahead?: readonly Statement[]; also?: readonly Statement[] } = {},
  ): Promise<{ stock: LockedStock; ahead: StatementAnswer[]; also: StatementAnswer[] }> {
    const taking = this.taking(tx, skus);
    const answers = await queryTogether(tx, [
      ...ahead,
      ...(taking ? [taking.statement] : []),
      levelsStatement([...new Set(skus)], { locked: true }),
      ...(lots.length ? [lotsStatement(lots, { locked: true })] : []),
      ...also,
    ]);
    const aheadAnswers = answers.splice(0, ahead.length);
    if (taking) taking.taken(answers.shift()!.rows);
    const levels: Array<{ sku_code: string; warehouse_code: string; on_hand: number; reserved: number }> = answers.shift()!.rows;
    const lotRows: Array<{ sku_code: string; warehouse_code: string; location: string; batch: string; on_hand: number }> = lots.length ? answers.shift()!.rows : [];
    const unknown = [...new Set(lots.map((l) => l.sku))].filter((sku) => heldBy(tx).unknown.has(sku));
    if (unknown.length) throw new DomainError('rule_violated', 'unknown-sku', `No SKU ${unknown.join(', ')}`, unknown.map((sku) => ({ field: 'sku', message: `names no SKU (${sku})` })));
    const stock = {
      levels: levels.map(levelOfRow),
      lots: lotRows.map(lotOfRow),
    };
    await this.refuseUnknownPlaces(tx, lots.filter((k) => !stock.lots.some((l) => l.sku === k.sku && l.warehouseCode === k.warehouseCode && l.location === k.location && l.batch === k.batch)));
    return { stock, ahead: aheadAnswers, also: answers };
  }

  /** A new lot must be in a location of a warehouse that exists: refused here, before anything is written. */
  private async refuseUnknownPlaces(tx: EntityManager, lots: LotKey[]): Promise<void> {
    if (!lots.length) return;
    const known: Array<{ warehouse_code: string; code: string }> = await tx.query(
      `SELECT warehouse_code, code FROM locations WHERE (warehouse_code, code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      columns(lots, ['warehouseCode', 'location']),
    );
    const unknown = [...new Set(lots.filter((l) => !known.some((k) => k.warehouse_code === l.warehouseCode && k.code === l.location)).map((l) => `${l.warehouseCode}/${l.location}`))];
    if (unknown.length) throw new DomainError('rule_violated', 'unknown-location', `No location ${unknown.join(', ')}`, unknown.map((place) => ({ field: 'location', message: `names no location (${place})` })));
  }

  /**
   * Writes what the domain decided: the stock rows (under the SKUs' lock, or held for the COMMIT when it
   * decided on figures read without it: `atCommit`), reservations with their history, events.
   */
  private async write<R extends Reservation>(
    tx: EntityManager, stock: LockedStock, change: LedgerChange<R>, acting: Acting, rows = new Map<R, ReservationEntity>(), reservationKeys: readonly string[] = [],
    { atCommit = false }: { atCommit?: boolean } = {},
  ): Promise<void> {
    const { deltas: levelDeltas, added: newLevels } = levelChanges(stock, change);
    const lotsBefore = new Map(stock.lots.map((l) => [`${l.sku}\u0000${l.warehouseCode}\u0000${l.location}\u0000${l.batch}`, l]));
    const lotDeltas: LotFigures[] = [];
    const newLots: LotFigures[] = [];
    for (const lot of change.lots) {
      const before = lotsBefore.get(`${lot.sku}\u0000${lot.warehouseCode}\u0000${lot.location}\u0000${lot.batch}`);
      if (!before) newLots.push(lot);
      else if (lot.onHand !== before.onHand) lotDeltas.push({ ...lot, onHand: lot.onHand - before.onHand });
    }
    let followed: FollowedSku[] | undefined;
    if (atCommit) {
      if (newLevels.length || newLots.length) throw new Error('A change decided on figures read without the lock only changes levels and lots that exist');
      await this.writeAtCommit(tx, change, levelDeltas, lotDeltas, acting);
    } else {
      followed = await this.writeUnderLock(tx, change, { newLevels, levelDeltas, newLots, lotDeltas }, acting);
    }
    // A new reservation with a key drawn ahead waits for the flush; one without gets its key from Postgres at once.
    for (const [i, step] of change.reserved.entries()) await this.reservations.create(tx, step, acting, { key: reservationKeys[i] });
    for (const { reservation, step } of change.moved) {
      const row = rows.get(reservation);
      if (!row) throw new Error(`The reservation of ${reservation.sku} for order ${reservation.orderId} was not read under the lock`);
      await this.reservations.apply(tx, row, () => step as unknown as Step<Reservation>, acting);
    }
    for (const event of change.events) {
      await this.outbox.append(tx, contractOf(event.type), { aggregateId: event.aggregateId!, actor: acting.actor, cause: acting.cause, data: event.data });
    }
    // The online store follows the available stock of the SKUs it lists (which of them, the level update told).
    // A change written at the commit leaves the figure alone, or its caller made sure no SKU of it is followed.
    const moved = [...new Set([...newLevels, ...levelDeltas].map((l) => l.sku))];
    if (moved.length && !atCommit) await reportAvailability(tx, this.outbox, moved, acting, { followed });
  }

  /**
   * Every row of stock the change writes, in one round trip, under the SKUs' lock: the level and lot
   * differences as updates that only apply while the figures stay non-negative (a row they miss means the
   * figures moved under the lock: the whole transaction fails). Answers which of the SKUs moved the online
   * store follows (undefined when a level is new: then it is asked).
   */
  private async writeUnderLock(
    tx: EntityManager, change: LedgerChange<Reservation>,
    { newLevels, levelDeltas, newLots, lotDeltas }: { newLevels: LevelFigures[]; levelDeltas: LevelFigures[]; newLots: LotFigures[]; lotDeltas: LotFigures[] }, acting: Acting,
  ): Promise<FollowedSku[] | undefined> {
    const writes: Statement[] = [];
    if (newLevels.length) {
      writes.push([`INSERT INTO stock_levels (sku_code, warehouse_code, on_hand, reserved) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])`, columns(newLevels, ['sku', 'warehouseCode', 'onHand', 'reserved'])]);
    }
    // The SKUs the online store follows among those moved come back with the update (one round trip fewer per movement).
    const levelUpdate = levelDeltas.length
      ? writes.push([
        `WITH moved AS (
           UPDATE stock_levels AS l SET on_hand = l.on_hand + d.on_hand, reserved = l.reserved + d.reserved
             FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS d(sku_code, warehouse_code, on_hand, reserved)
            WHERE l.sku_code = d.sku_code AND l.warehouse_code = d.warehouse_code
              AND l.reserved + d.reserved >= 0 AND l.on_hand + d.on_hand >= l.reserved + d.reserved
           RETURNING l.sku_code)
         SELECT (SELECT count(*) FROM moved)::int AS updated,
                COALESCE((SELECT json_agg(json_build_object('sku', f.sku, 'listing_id', f.listing_id, 'available_quantity', f.available_quantity))
                            FROM followed_skus f WHERE f.following AND f.sku IN (SELECT sku_code FROM moved)), '[]'::json) AS following`,
        columns(levelDeltas, ['sku', 'warehouseCode', 'onHand', 'reserved']),
      ]) - 1
      : -1;
    if (newLots.length) {
      writes.push([
        `INSERT INTO stock_lots (sku_code, warehouse_code, location, batch, on_hand) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])`,
        columns(newLots, ['sku', 'warehouseCode', 'location', 'batch', 'onHand']),
      ]);
    }
    const lotUpdate = lotDeltas.length
      ? writes.push([
        `UPDATE stock_lots AS l SET on_hand = l.on_hand + d.on_hand
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS d(sku_code, warehouse_code, location, batch, on_hand)
          WHERE l.sku_code = d.sku_code AND l.warehouse_code = d.warehouse_code AND l.location = d.location AND l.batch = d.batch
            AND l.on_hand + d.on_hand >= 0`,
        columns(lotDeltas, ['sku', 'warehouseCode', 'location', 'batch', 'onHand']),
      ]) - 1
      : -1;
    if (change.movements.length) writes.push(movementsStatement(change.movements, acting));
    const written = await queryTogether(tx, writes);
    if (lotUpdate >= 0 && written[lotUpdate].rowCount !== lotDeltas.length) throw new Error(`Stock lots of ${lotDeltas.map((l) => l.sku).join(', ')} changed under the lock`);
    if (levelUpdate < 0) return undefined;
    const [{ updated, following }]: Array<{ updated: number; following: FollowedSku[] }> = written[levelUpdate].rows;
    if (updated !== levelDeltas.length) throw new Error(`Stock levels of ${levelDeltas.map((l) => l.sku).join(', ')} changed under the lock`);
    return newLevels.length ? undefined : following;
  }

  /**
   * The stock rows of a change decided on figures read without the lock, held for the COMMIT: the SKUs'
   * lock, shared (every writer that takes it whole has committed, none starts until this commits), then the
   * levels' and lots' rows in the global order (so two such changes never wait for each other crosswise),
   * then the differences, which the tables' CHECKs refuse when they would take what is no longer there.
   */
  private async writeAtCommit(tx: EntityManager, change: LedgerChange<Reservation>, levelDeltas: LevelFigures[], lotDeltas: LotFigures[], acting: Acting): Promise<void> {
    const skus = [...new Set([...levelDeltas, ...lotDeltas].map((l) => l.sku))].sort(compare);
    const stale = staleWhen(`The stock of ${skus.join(', ')}`, ['stock_never_negative', 'lot_never_negative']);
    // A transaction that holds one of these rows and waits for this one (a batch that went on under the lock) is a
    // deadlock Postgres breaks: failed here, it is stale too, and runs again under the lock.
    await writeAtFlush(tx, [`SELECT 1 FROM skus WHERE code = ANY($1::text[]) ORDER BY code COLLATE "C" FOR SHARE`, [skus]], stale);
    if (levelDeltas.length) {
      await writeAtFlush(tx, [
        `SELECT 1 FROM stock_levels WHERE (sku_code, warehouse_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          ORDER BY sku_code COLLATE "C", warehouse_code COLLATE "C" FOR UPDATE`, columns(levelDeltas, ['sku', 'warehouseCode']),
      ], stale);
    }
    if (lotDeltas.length) {
      await writeAtFlush(tx, [
        `SELECT 1 FROM stock_lots WHERE (sku_code, warehouse_code, location, batch) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))
          ORDER BY sku_code COLLATE "C", warehouse_code COLLATE "C", location COLLATE "C", batch COLLATE "C" FOR UPDATE`, columns(lotDeltas, ['sku', 'warehouseCode', 'location', 'batch']),
      ], stale);
    }
    if (levelDeltas.length) {
      await writeAtFlush(tx, [
        `UPDATE stock_levels AS l SET on_hand = l.on_hand + d.on_hand, reserved = l.reserved + d.reserved
           FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS d(sku_code, warehouse_code, on_hand, reserved)
          WHERE l.sku_code = d.sku_code AND l.warehouse_code = d.warehouse_code`,
        columns(levelDeltas, ['sku', 'warehouseCode', 'onHand', 'reserved']),
      ], stale);
    }
    if (lotDeltas.length) {
      await writeAtFlush(tx, [
        `UPDATE stock_lots AS l SET on_hand = l.on_hand + d.on_hand
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS d(sku_code, warehouse_code, location, batch, on_hand)
          WHERE l.sku_code = d.sku_code AND l.warehouse_code = d.warehouse_code AND l.location = d.location AND l.batch = d.batch`,
        columns(lotDeltas, ['sku', 'warehouseCode', 'location', 'batch', 'onHand']),
      ], stale);
    }
    if (change.movements.length) await writeAtFlush(tx, movementsStatement(change.movements, acting));
  }
}

/**
 * First in a reservation's or a shipment's transaction. Postgres plans a statement over an array parameter
 * anew at every execution (a custom plan knows the array's length, the generic plan guesses it, so the
 * custom plan always looks cheaper): the stock statements, all lookups by key, were planned each time,
 * 1.1 ms of Postgres's CPU per order under the flow benchmark. Their plans do not depend on the values, so
 * the transaction takes each statement's generic plan, made once per connection.
 */
const GENERIC_PLANS: Statement = ['SET LOCAL plan_cache_mode = force_generic_plan'];

/** The backorders waiting for any of `skus`, in line order (read under the SKUs' lock: `waitingOf` maps the answer). */
function waitingForStatement(skus: readonly string[]): Statement {
  return [
    `SELECT id, order_id, lines, status FROM backorders
      WHERE status = 'open' AND EXISTS (SELECT 1 FROM jsonb_array_elements(lines) AS l WHERE l->>'sku' = ANY($1::text[])) ORDER BY id`,
    [[...new Set(skus)]],
  ];
}

function waitingOf(rows: Array<{ id: string; order_id: string; lines: WaitingOrder['lines']; status: WaitingOrder['status'] }>): WaitingOrder[] {
  return rows.map((r) => ({ sequence: Number(r.id), orderId: r.order_id, lines: r.lines, status: r.status }));
}

/** The levels a change writes: the differences of those that were read, and the ones new to the books. */
function levelChanges(stock: LockedStock, change: LedgerChange<Reservation>): { deltas: LevelFigures[]; added: LevelFigures[] } {
  const before = new Map(stock.levels.map((l) => [`${l.sku}\u0000${l.warehouseCode}`, l]));
  const deltas: LevelFigures[] = [];
  const added: LevelFigures[] = [];
  for (const level of change.levels) {
    const was = before.get(`${level.sku}\u0000${level.warehouseCode}`);
    if (!was) added.push(level);
    else if (level.onHand !== was.onHand || level.reserved !== was.reserved) deltas.push({ ...level, onHand: level.onHand - was.onHand, reserved: level.reserved - was.reserved });
  }
  return { deltas, added };
}

/** What a level's and a lot's figures are read as (`levelOfRow`, `lotOfRow`), whichever rows are asked for. */
const LEVEL_FIGURES = 'SELECT sku_code, warehouse_code, on_hand, reserved FROM stock_levels';
const LOT_FIGURES = 'SELECT sku_code, warehouse_code, location, batch, on_hand FROM stock_lots';

/** The levels of `skus` in every warehouse; `locked`: in the global order, for update. */
function levelsStatement(skus: readonly string[], { locked }: { locked: boolean }): Statement {
  return [
    `${LEVEL_FIGURES} WHERE sku_code = ANY($1::text[])${locked ? `
      ORDER BY sku_code COLLATE "C", warehouse_code COLLATE "C" FOR UPDATE` : ''}`,
    [skus],
  ];
}

/** The lots named; `locked`: in the global order, for update. */
function lotsStatement(lots: readonly LotKey[], { locked }: { locked: boolean }): Statement {
  return [
    `${LOT_FIGURES}
      WHERE (sku_code, warehouse_code, location, batch) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))${locked ? `
      ORDER BY sku_code COLLATE "C", warehouse_code COLLATE "C", location COLLATE "C", batch COLLATE "C" FOR UPDATE` : ''}`,
    columns(lots, ['sku', 'warehouseCode', 'location', 'batch']),
  ];
}

/** The movements of a change, in one statement. */
function movementsStatement(movements: readonly ledger.Movement[], acting: Acting): Statement {
  return [
    `INSERT INTO stock_movements (sku_code, warehouse_code, location, batch, quantity, kind, document_ref, actor_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])`,
    [...columns(movements, ['sku', 'warehouseCode', 'location', 'batch', 'quantity', 'kind', 'documentRef']), movements.map(() => acting.actor.userId)],
  ];
}

/** A lot row as read by SQL. */
function lotOfRow(l: { sku_code: string; warehouse_code: string; location: string; batch: string; on_hand: number }): LotFigures {
  return { sku: l.sku_code, warehouseCode: l.warehouse_code, location: l.location, batch: l.batch, onHand: l.on_hand };
}

/** A level row as read by SQL. */
function levelOfRow(l: { sku_code: string; warehouse_code: string; on_hand: number; reserved: number }): LevelFigures {
  return { sku: l.sku_code, warehouseCode: l.warehouse_code, onHand: l.on_hand, reserved: l.reserved };
}

/** A reservation row as read by SQL, as the ledger's rules see it. */
function reservationOfRow(r: { order_id: string; sku_code: string; warehouse_code: string; quantity: number; shipped_quantity: number; status: Reservation['status'] }): Reservation {
  return { orderId: r.order_id, sku: r.sku_code, warehouseCode: r.warehouse_code, quantity: r.quantity, shippedQuantity: r.shipped_quantity, status: r.status };
}

/** Rows as one array per column, for `unnest`: one statement however many rows. */
function columns<T>(rows: readonly T[], keys: Array<keyof T>): unknown[][] {
  return keys.map((k) => rows.map((r) => r[k]));
}
