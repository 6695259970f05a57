import { ChangeFeed, type ServiceConfig } from '@ops/service-kit';
import { DomainError } from '@ops/kernel';
import { OutboxWriter } from '@ops/messaging';
import { databaseStatements, deferAppends, openServiceDataSource, retryUnderLocks } from '@ops/persistence';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ReservationDesk } from '../../app/reservation-desk.js';
import { INVENTORY_MIGRATIONS } from '../../migrations/index.js';
import { INVENTORY_ENTITIES } from './inventory.entities.js';
import { StockLedgerStore } from './stock-ledger.store.js';
import { BackorderStore } from './stores.js';

/**
 * The stock ledger's persistence, driven by random sequences of its six operations on a real
 * database made by the service's own migrations. After every operation the books must agree with
 * themselves, an operation the figures allow must go through, and one they do not allow must be
 * refused having changed nothing — even when the refusal is caught and the transaction committed.
 *
 * Orders also wait in line as backorders (domain.md §4.5), through the reservation desk as the service
 * runs it: an order is reserved or backordered, goods arrive and serve the line, an order is cancelled.
 * No reservation is ever made for a SKU while a backorder registered before it for that SKU is open,
 * and stock that arrives or is released never leaves the first in line waiting when it could be filled.
 */

const WAREHOUSES = ['MAIN', 'NORTH'];
const LOCATIONS = ['STOCK', 'A-01'];
const BATCHES = ['', 'L1'];
const acting = { actor: { userId: 'ledger-test', roles: ['warehouse_manager'] }, cause: { requestId: 'ledger-test' } };

interface Level { sku: string; warehouseCode: string; onHand: number; reserved: number }
interface Lot { sku: string; warehouseCode: string; location: string; batch: string; onHand: number }
interface Move { sku: string; warehouseCode: string; location: string; batch: string; quantity: number; kind: string }
interface Held { id: number; orderId: string; sku: string; warehouseCode: string; quantity: number; shippedQuantity: number; status: string; lastState: string | null }
interface Waiting { id: number; orderId: string; lines: Array<{ sku: string; quantity: number }>; status: string; lastState: string | null }
type LotQuantityLine = { sku: string; warehouseCode: string; location: string; batch: string; quantity: number };
interface Books { levels: Level[]; lots: Lot[]; movements: Move[]; reservations: Held[]; backorders: Waiting[]; outbox: number }

/** A lot: mostly one that holds stock (`held` picks among them), sometimes any place at all. */
type LotChoice = { held: number | null; sku: number; wh: number; loc: number; batch: number };
/** `fit`: cut the quantity to what the figures allow, so that most such operations go through; else as drawn. */
type Op =
  | { kind: 'receive'; wh: number; lines: Array<{ sku: number; loc: number; batch: number; qty: number }> }
  | { kind: 'reserve'; fit: boolean; lines: Array<{ sku: number; qty: number }> }
  | { kind: 'release'; order: number }
  | { kind: 'ship'; order: number; line: number; whole: boolean; picks: Array<{ held: number | null; loc: number; batch: number; qty: number }> }
  | { kind: 'issue'; fit: boolean; picks: Array<LotChoice & { qty: number }> }
  | { kind: 'adjust'; fit: boolean; at: LotChoice; qty: number }
  | { kind: 'transfer'; fit: boolean; from: LotChoice; to: { wh: number; loc: number; batch: number }; qty: number }
  | { kind: 'order'; lines: Array<{ sku: number; qty: number }> }
  | { kind: 'arrive'; wh: number; lines: Array<{ sku: number; loc: number; batch: number; qty: number }> }
  | { kind: 'cancel'; order: number };

const sku = fc.integer({ min: 0, max: 1 });
const wh = fc.integer({ min: 0, max: 1 });
const loc = fc.integer({ min: 0, max: 1 });
const batch = fc.integer({ min: 0, max: BATCHES.length - 1 });
const qty = fc.integer({ min: 1, max: 8 });
const held = fc.option(fc.nat(), { freq: 4 });
const fit = fc.boolean();
const lot: fc.Arbitrary<LotChoice> = fc.record({ held, sku, wh, loc, batch });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('receive' as const), wh, lines: fc.array(fc.record({ sku, loc, batch, qty: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reserve' as const), fit, lines: fc.array(fc.record({ sku, qty }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), order: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('ship' as const), order: fc.nat(), line: fc.nat(), whole: fc.boolean(),
      picks: fc.array(fc.record({ held, loc, batch, qty }), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), fit, picks: fc.array(fc.record({ held, sku, wh, loc, batch, qty }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('adjust' as const), fit, at: lot, qty: fc.integer({ min: -8, max: 8 }).filter((n) => n !== 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), fit, from: lot, to: fc.record({ wh, loc, batch }), qty }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('order' as const), lines: fc.array(fc.record({ sku, qty }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('arrive' as const), wh, lines: fc.array(fc.record({ sku, loc, batch, qty: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }) },
);

/** One concrete operation, what the figures say of it, and what it must change if it goes through. */
interface Planned {
  what: string;
  run: (tx: EntityManager) => Promise<'done' | 'shortage'>;
  allowed: boolean;
  onHand: number;
  /** What orders hold after it, more or less; null when the line decides (see `line`). */
  reserved: number | null;
  movements: number;
  /** An order the operation reserves, when it does. */
  reserves?: string;
  /** For an operation through the backorder line: the SKUs whose stock it freed, and what else to hold it to. */
  line?: { freed: string[]; check?: (before: Books, after: Books) => string[] };
}

const key = (...parts: string[]) => parts.join('/');
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

describe('stock ledger store (property: random operation sequences on Postgres)', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  const ledger = new StockLedgerStore(new OutboxWriter('inventory', 'inventory'));
  // Nothing waits on its change feed here; its NOTIFYs go nowhere.
  const desk = new ReservationDesk(ledger, new BackorderStore(new OutboxWriter('inventory', 'inventory')), new ChangeFeed({ service: 'inventory' } as ServiceConfig));

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'inventory', entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS, poolSize: 4 });
    await ds.query(`INSERT INTO warehouses (code, name) VALUES ('NORTH', 'North')`);
    await ds.query(`INSERT INTO locations (warehouse_code, code, name) VALUES ('NORTH', 'STOCK', 'Stock'), ('MAIN', 'A-01', 'Aisle A'), ('NORTH', 'A-01', 'Aisle A')`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  const booksOf = async (skus: string[]): Promise<Books> => {
    const [row] = await ds.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('sku', sku_code, 'warehouseCode', warehouse_code, 'onHand', on_hand, 'reserved', reserved) ORDER BY sku_code, warehouse_code), '[]')
            FROM stock_levels WHERE sku_code = ANY($1)) AS levels,
         (SELECT coalesce(json_agg(json_build_object('sku', sku_code, 'warehouseCode', warehouse_code, 'location', location, 'batch', batch, 'onHand', on_hand) ORDER BY sku_code, warehouse_code, location, batch), '[]')
            FROM stock_lots WHERE sku_code = ANY($1)) AS lots,
         (SELECT coalesce(json_agg(json_build_object('sku', sku_code, 'warehouseCode', warehouse_code, 'location', location, 'batch', batch, 'quantity', quantity, 'kind', kind) ORDER BY id), '[]')
            FROM stock_movements WHERE sku_code = ANY($1)) AS movements,
         (SELECT coalesce(json_agg(json_build_object('id', r.id, 'orderId', r.order_id, 'sku', r.sku_code, 'warehouseCode', r.warehouse_code, 'quantity', r.quantity, 'shippedQuantity', r.shipped_quantity,
                   'status', r.status, 'lastState', (SELECT h.to_state FROM state_history h WHERE h.aggregate = 'reservation' AND h.aggregate_id = r.id::text ORDER BY h.id DESC LIMIT 1)) ORDER BY r.id), '[]')
            FROM reservations r WHERE r.sku_code = ANY($1)) AS reservations,
         (SELECT coalesce(json_agg(json_build_object('id', b.id, 'orderId', b.order_id, 'lines', b.lines, 'status', b.status,
                   'lastState', (SELECT h.to_state FROM state_history h WHERE h.aggregate = 'backorder' AND h.aggregate_id = b.id::text ORDER BY h.id DESC LIMIT 1)) ORDER BY b.id), '[]')
            FROM backorders b WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(b.lines) AS l WHERE l->>'sku' = ANY($1))) AS backorders,
         (SELECT count(*)::int FROM outbox) AS outbox`,
      [skus],
    );
    return row;
  };

  /** The ledger's rules, checked on the rows as stored (independently of the domain code). */
  const problems = (b: Books): string[] => {
    const found: string[] = [];
    const lotSums = new Map<string, number>();
    for (const l of b.lots) {
      lotSums.set(key(l.sku, l.warehouseCode), (lotSums.get(key(l.sku, l.warehouseCode)) ?? 0) + l.onHand);
      const moved = sum(b.movements.filter((m) => key(m.sku, m.warehouseCode, m.location, m.batch) === key(l.sku, l.warehouseCode, l.location, l.batch)).map((m) => m.quantity));
      if (moved !== l.onHand) found.push(`lot ${key(l.sku, l.warehouseCode, l.location, l.batch)} holds ${l.onHand}, its movements add up to ${moved}`);
      if (l.onHand < 0) found.push(`lot ${key(l.sku, l.warehouseCode, l.location, l.batch)} is negative`);
      if (!b.levels.some((v) => v.sku === l.sku && v.warehouseCode === l.warehouseCode)) found.push(`lot ${key(l.sku, l.warehouseCode, l.location)} has no level`);
    }
    for (const v of b.levels) {
      const moved = sum(b.movements.filter((m) => m.sku === v.sku && m.warehouseCode === v.warehouseCode).map((m) => m.quantity));
      const held = sum(b.reservations.filter((r) => r.sku === v.sku && r.warehouseCode === v.warehouseCode && r.status === 'reserved').map((r) => r.quantity - r.shippedQuantity));
      if (moved !== v.onHand) found.push(`${key(v.sku, v.warehouseCode)} on hand ${v.onHand}, movements add up to ${moved}`);
      if ((lotSums.get(key(v.sku, v.warehouseCode)) ?? 0) !== v.onHand) found.push(`${key(v.sku, v.warehouseCode)} on hand ${v.onHand}, lots add up to ${lotSums.get(key(v.sku, v.warehouseCode)) ?? 0}`);
      if (v.onHand - v.reserved < 0) found.push(`${key(v.sku, v.warehouseCode)} available ${v.onHand - v.reserved}`);
      if (v.reserved < 0 || v.reserved > v.onHand) found.push(`${key(v.sku, v.warehouseCode)} reserved ${v.reserved} of ${v.onHand}`);
      if (held !== v.reserved) found.push(`${key(v.sku, v.warehouseCode)} reserved ${v.reserved}, open reservations hold ${held}`);
    }
    for (const m of b.movements) if (!b.levels.some((v) => v.sku === m.sku && v.warehouseCode === m.warehouseCode)) found.push(`movement of ${key(m.sku, m.warehouseCode)} without a level`);
    for (const r of b.reservations) {
      if (r.lastState !== r.status) found.push(`reservation of ${r.sku} for ${r.orderId} is ${r.status}, its history says ${r.lastState}`);
      if (r.shippedQuantity < 0 || r.shippedQuantity > r.quantity) found.push(`reservation of ${r.sku} shipped ${r.shippedQuantity} of ${r.quantity}`);
    }
    for (const w of b.backorders) {
      const held = b.reservations.filter((r) => r.orderId === w.orderId);
      if (w.lastState !== w.status) found.push(`backorder ${w.id} is ${w.status}, its history says ${w.lastState}`);
      if (w.status === 'open' && held.length) found.push(`backorder ${w.id} of ${w.orderId} is open, yet the order holds stock`);
      if (w.status === 'filled' && w.lines.some((l) => !held.some((r) => r.sku === l.sku))) found.push(`backorder ${w.id} of ${w.orderId} is filled without a reservation of each of its SKUs`);
    }
    return found;
  };

  /** The open backorders of a SKU, in line order. */
  const lineOf = (b: Books, s: string) => b.backorders.filter((w) => w.status === 'open' && w.lines.some((l) => l.sku === s));

  /**
   * The line's rules between two books: (1) a reservation made is never ahead of a backorder registered
   * before its order (every order with none counts as after them all) that waits for its SKU — that one
   * was filled first, with a reservation made before, or left the line; (2) once stock of `freed` came in
   * or was given back and the line was served, no backorder first in the line of each of its SKUs, whose
   * lines now fit in one warehouse, is left waiting.
   */
  const lineProblems = (before: Books, after: Books, freed: string[] | null): string[] => {
    const found: string[] = [];
    const openBefore = before.backorders.filter((w) => w.status === 'open');
    for (const r of after.reservations.filter((x) => !before.reservations.some((y) => y.id === x.id))) {
      const own = openBefore.find((w) => w.orderId === r.orderId);
      for (const w of openBefore) {
        if (w.orderId === r.orderId || (own && w.id > own.id) || !w.lines.some((l) => l.sku === r.sku)) continue;
        const now = after.backorders.find((x) => x.id === w.id)!;
        const theirs = after.reservations.find((x) => x.orderId === w.orderId && x.sku === r.sku);
        if (now.status === 'open') found.push(`${r.orderId} reserved ${r.sku} ahead of backorder ${w.id} (${w.orderId}), which still waits`);
        else if (now.status === 'filled' && (!theirs || theirs.id > r.id)) found.push(`${r.orderId} reserved ${r.sku} before backorder ${w.id} (${w.orderId}), which waited longer`);
      }
    }
    if (freed) {
      const free = (s: string, w: string) => {
        const l = after.levels.find((x) => x.sku === s && x.warehouseCode === w);
        return l ? l.onHand - l.reserved : 0;
      };
      const touched = new Set([...freed, ...after.backorders.filter((w) => w.status === 'filled' && before.backorders.find((x) => x.id === w.id)?.status === 'open').flatMap((w) => w.lines.map((l) => l.sku))]);
      for (const w of after.backorders.filter((x) => x.status === 'open' && x.lines.some((l) => touched.has(l.sku)))) {
        const first = w.lines.every((l) => lineOf(after, l.sku)[0]?.id === w.id);
        const wanted = new Map<string, number>();
        for (const l of w.lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
        if (first && WAREHOUSES.some((wh) => [...wanted].every(([s, q]) => free(s, wh) >= q))) found.push(`backorder ${w.id} (${w.orderId}) is first in line and its stock is there, yet it still waits`);
      }
    }
    return found;
  };

  const totals = (b: Books) => ({ onHand: sum(b.levels.map((l) => l.onHand)), reserved: sum(b.levels.map((l) => l.reserved)) });

  /** Turns a generated operation into a request on this run's SKUs, with what the figures before it allow. */
  const plan = (o: Op, skus: string[], b: Books, orders: string[], n: number): Planned | null => {
    const lotOf = (s: string, w: string, l: string, bt: string) => b.lots.find((x) => key(x.sku, x.warehouseCode, x.location, x.batch) === key(s, w, l, bt))?.onHand ?? 0;
    const levelOf = (s: string, w: string) => b.levels.find((x) => x.sku === s && x.warehouseCode === w) ?? { onHand: 0, reserved: 0 };
    const free = (s: string, w: string) => levelOf(s, w).onHand - levelOf(s, w).reserved;
    /** Each lot named holds what the lines take from it. */
    const lotsCover = (lines: Array<{ sku: string; warehouseCode: string; location: string; batch: string; quantity: number }>) => {
      const per = new Map<string, number>();
      for (const l of lines) per.set(key(l.sku, l.warehouseCode, l.location, l.batch), (per.get(key(l.sku, l.warehouseCode, l.location, l.batch)) ?? 0) + l.quantity);
      return [...per].every(([k, q]) => lotOf(...(k.split('/') as [string, string, string, string])) >= q);
    };
    /** A lot holding stock when asked for one and there is one (of that SKU and warehouse when `same`), else the place named. */
    const choose = (c: LotChoice, same = false) => {
      const holding = b.lots.filter((l) => l.onHand > 0 && (!same || (l.sku === skus[c.sku] && l.warehouseCode === WAREHOUSES[c.wh])));
      if (c.held !== null && holding.length) {
        const { sku: s, warehouseCode, location, batch: bt } = holding[c.held % holding.length];
        return { sku: s, warehouseCode, location, batch: bt };
      }
      return { sku: skus[c.sku], warehouseCode: WAREHOUSES[c.wh], location: LOCATIONS[c.loc], batch: BATCHES[c.batch] };
    };
    const documentRef = `DOC-${n}`;
    /** The drawn quantity, or when fitting what `room` allows (if anything). */
    const cut = (wanted: number, fitting: boolean, room: number) => (fitting && room > 0 ? Math.min(wanted, room) : wanted);
    switch (o.kind) {
      case 'receive': {
        const lines = o.lines.map((l) => ({ sku: skus[l.sku], location: LOCATIONS[l.loc], batch: BATCHES[l.batch], quantity: l.qty }));
        const warehouseCode = WAREHOUSES[o.wh];
        return {
          what: `receive ${JSON.stringify(lines)} in ${warehouseCode}`, allowed: true, onHand: sum(lines.map((l) => l.quantity)), reserved: 0, movements: lines.length,
          run: async (tx) => (await ledger.receive(tx, { warehouseCode, documentRef, lines }, acting), 'done'),
        };
      }
      case 'reserve': {
        const orderId = randomUUID();
        const lines = o.lines.map((l) => ({ sku: skus[l.sku], quantity: cut(l.qty, o.fit, Math.max(...WAREHOUSES.map((w) => free(skus[l.sku], w))) / o.lines.length) }))
          .map((l) => ({ ...l, quantity: Math.max(1, Math.floor(l.quantity)) }));
        const wanted = new Map<string, number>();
        for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
        // Never ahead of a waiting backorder, however much is free (domain.md §4.5).
        const allowed = WAREHOUSES.some((w) => [...wanted].every(([s, q]) => free(s, w) >= q)) && [...wanted.keys()].every((s) => !lineOf(b, s).length);
        return {
          what: `reserve ${JSON.stringify(lines)} for ${orderId}`, allowed, onHand: 0, reserved: sum(lines.map((l) => l.quantity)), movements: 0, reserves: orderId,
          run: async (tx) => ((await ledger.reserve(tx, { orderId, lines }, acting)).kind === 'reserved' ? 'done' : 'shortage'),
        };
      }
      case 'release': {
        if (!orders.length) return null;
        const orderId = orders[o.order % orders.length];
        const held = sum(b.reservations.filter((r) => r.orderId === orderId && r.status === 'reserved').map((r) => r.quantity - r.shippedQuantity));
        return {
          what: `release ${orderId}`, allowed: true, onHand: 0, reserved: -held, movements: 0,
          run: async (tx) => (await ledger.release(tx, { orderId, reason: 'cancelled in a test' }, acting), 'done'),
        };
      }
      case 'ship': {
        const holding = [...new Set(b.reservations.filter((r) => r.status === 'reserved').map((r) => r.orderId))];
        if (!holding.length) return null;
        const orderId = holding[o.order % holding.length];
        const open = b.reservations.filter((r) => r.orderId === orderId && r.status === 'reserved');
        const r = open[o.line % open.length];
        const held = r.quantity - r.shippedQuantity;
        let lines;
        if (o.whole) {
          // Everything the reservation still holds, from its warehouse's lots in turn.
          let left = held;
          lines = b.lots.filter((l) => l.sku === r.sku && l.warehouseCode === r.warehouseCode && l.onHand > 0).flatMap((l) => {
            const take = Math.min(left, l.onHand);
            left -= take;
            return take > 0 ? [{ sku: r.sku, warehouseCode: r.warehouseCode, location: l.location, batch: l.batch, quantity: take }] : [];
          });
        } else {
          lines = o.picks.map((p) => ({ ...choose({ ...p, sku: skus.indexOf(r.sku), wh: WAREHOUSES.indexOf(r.warehouseCode) }, true), quantity: p.qty }));
        }
        const total = sum(lines.map((l) => l.quantity));
        return {
          what: `ship ${JSON.stringify(lines)} for ${orderId} (holding ${held})`, allowed: lines.length > 0 && total <= held && lotsCover(lines), onHand: -total, reserved: -total, movements: lines.length,
          run: async (tx) => (await ledger.issue(tx, { orderId, documentRef, lines }, acting), 'done'),
        };
      }
      case 'issue': {
        const first = choose(o.picks[0]);
        const places = o.picks.map((p, j) => (j === 0 ? first : choose({ ...p, sku: skus.indexOf(first.sku), wh: WAREHOUSES.indexOf(first.warehouseCode) }, true)));
        const lines = places.map((at, j) => ({ ...at, quantity: cut(o.picks[j].qty, o.fit, Math.min(lotOf(at.sku, at.warehouseCode, at.location, at.batch), free(at.sku, at.warehouseCode)) / o.picks.length) }))
          .map((l) => ({ ...l, quantity: Math.max(1, Math.floor(l.quantity)) }));
        const total = sum(lines.map((l) => l.quantity));
        return {
          what: `issue ${JSON.stringify(lines)}`, allowed: lotsCover(lines) && free(first.sku, first.warehouseCode) >= total, onHand: -total, reserved: 0, movements: lines.length,
          run: async (tx) => (await ledger.issue(tx, { documentRef, lines }, acting), 'done'),
        };
      }
      case 'adjust': {
        const at = choose(o.at);
        const quantity = o.qty > 0 ? o.qty : -cut(-o.qty, o.fit, Math.min(lotOf(at.sku, at.warehouseCode, at.location, at.batch), free(at.sku, at.warehouseCode)));
        const allowed = quantity > 0 || (lotOf(at.sku, at.warehouseCode, at.location, at.batch) >= -quantity && free(at.sku, at.warehouseCode) >= -quantity);
        return {
          what: `adjust ${JSON.stringify(at)} by ${quantity}`, allowed, onHand: quantity, reserved: 0, movements: 1,
          run: async (tx) => (await ledger.adjust(tx, { ...at, quantity, documentRef }, acting), 'done'),
        };
      }
      case 'transfer': {
        const { sku: s, ...from } = choose(o.from);
        const to = { warehouseCode: WAREHOUSES[o.to.wh], location: LOCATIONS[o.to.loc], batch: BATCHES[o.to.batch] };
        const between = from.warehouseCode !== to.warehouseCode;
        const quantity = cut(o.qty, o.fit, Math.min(lotOf(s, from.warehouseCode, from.location, from.batch), between ? free(s, from.warehouseCode) : Infinity));
        const itself = JSON.stringify(from) === JSON.stringify(to);
        const allowed = !itself && lotOf(s, from.warehouseCode, from.location, from.batch) >= quantity && (!between || free(s, from.warehouseCode) >= quantity);
        return {
          what: `transfer ${quantity} of ${s} ${JSON.stringify(from)} → ${JSON.stringify(to)}`, allowed, onHand: 0, reserved: 0, movements: 2,
          run: async (tx) => (await ledger.transfer(tx, { sku: s, from, to, quantity, documentRef }, acting), 'done'),
        };
      }
      case 'order': {
        // As a placed order is: reserved, or registered as a backorder at the end of the line.
        const orderId = randomUUID();
        const lines = o.lines.map((l) => ({ sku: skus[l.sku], quantity: l.qty }));
        const wanted = new Map<string, number>();
        for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
        const reserves = WAREHOUSES.some((w) => [...wanted].every(([s, q]) => free(s, w) >= q)) && [...wanted.keys()].every((s) => !lineOf(b, s).length);
        return {
          what: `order ${JSON.stringify(lines)} for ${orderId} (${reserves ? 'reserved' : 'backordered'})`, allowed: true, onHand: 0, reserved: reserves ? sum(lines.map((l) => l.quantity)) : 0, movements: 0,
          ...(reserves ? { reserves: orderId } : {}),
          line: {
            freed: [],
            check: (_, after) => {
              const waiting = after.backorders.filter((w) => w.orderId === orderId);
              return reserves === (waiting.length === 0) && (reserves || waiting[0].id === Math.max(...after.backorders.map((w) => w.id))) ? [] : [`${orderId} was not ${reserves ? 'reserved' : 'put at the end of the line'}`];
            },
          },
          run: async (tx) => (await desk.reserveOrWait(tx, orderId, lines, acting), 'done'),
        };
      }
      case 'arrive': {
        // As an audited goods receipt is: the line taken, the goods in, the line served.
        const lines = o.lines.map((l) => ({ sku: skus[l.sku], location: LOCATIONS[l.loc], batch: BATCHES[l.batch], quantity: l.qty }));
        const warehouseCode = WAREHOUSES[o.wh];
        return {
          what: `arrive ${JSON.stringify(lines)} in ${warehouseCode}`, allowed: true, onHand: sum(lines.map((l) => l.quantity)), reserved: null, movements: lines.length,
          line: { freed: lines.map((l) => l.sku) },
          run: async (tx) => {
            const line = await desk.lineFor(tx, lines.map((l) => l.sku));
            await ledger.receive(tx, { warehouseCode, documentRef, lines }, acting);
            await desk.serve(tx, line, acting);
            return 'done';
          },
        };
      }
      case 'cancel': {
        const candidates = [...new Set([...b.backorders.filter((w) => w.status === 'open').map((w) => w.orderId), ...b.reservations.filter((r) => r.status === 'reserved').map((r) => r.orderId)])];
        if (!candidates.length) return null;
        const orderId = candidates[o.order % candidates.length];
        const freed = [...b.reservations.filter((r) => r.orderId === orderId && r.status === 'reserved').map((r) => r.sku), ...b.backorders.filter((w) => w.orderId === orderId && w.status === 'open').flatMap((w) => w.lines.map((l) => l.sku))];
        return {
          what: `cancel ${orderId}`, allowed: true, onHand: 0, reserved: null, movements: 0,
          line: {
            freed,
            check: (_, after) => [
              ...after.reservations.filter((r) => r.orderId === orderId && r.status === 'reserved').map((r) => `${orderId} still holds ${r.sku} once cancelled`),
              ...after.backorders.filter((w) => w.orderId === orderId && w.status === 'open').map((w) => `${orderId} still waits in line once cancelled (${w.id})`),
            ],
          },
          run: async (tx) => (await desk.cancel(tx, orderId, 'cancelled in a test', acting), 'done'),
        };
      }
    }
  };

  let runs = 0;
  const tally = new Map<string, { accepted: number; refused: number }>();
  const sequence = async (ops: Op[]) => {
    runs += 1;
    const skus = [`P${runs}-A`, `P${runs}-B`];
    await ds.query(`INSERT INTO skus (code, name, model, version, unit) SELECT code, 'test', 'M', 'v1', 'box' FROM unnest($1::text[]) AS code`, [skus]);
    const orders: string[] = [];
    let before = await booksOf(skus);
    for (const [i, o] of ops.entries()) {
      const planned = plan(o, skus, before, orders, i);
      if (!planned) continue;
      let outcome = 'done' as 'done' | 'shortage' | DomainError;
      // The refusal is caught inside the transaction, which then commits: a refused operation must have written nothing.
      await ds.transaction(async (tx) => {
        try {
          outcome = await planned.run(tx);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcome = error;
        }
      });
      const after = await booksOf(skus);
      const broken = [...problems(after), ...lineProblems(before, after, planned.line?.freed.length ? planned.line.freed : null), ...(planned.line?.check?.(before, after) ?? [])];
      const step = `step ${i + 1} of ${ops.length}, ${planned.what}`;
      if (broken.length) throw new Error(`${step}: ${broken.join('; ')}`);
      const accepted = outcome === 'done';
      const kind = o.kind;
      const count = tally.get(kind) ?? { accepted: 0, refused: 0 };
      count[accepted ? 'accepted' : 'refused'] += 1;
      tally.set(kind, count);
      if (accepted !== planned.allowed) throw new Error(`${step}: ${planned.allowed ? 'refused' : 'accepted'} though the figures ${planned.allowed ? 'allow' : 'forbid'} it (${outcome instanceof DomainError ? outcome.code : outcome})`);
      if (!accepted) {
        expect(after).toEqual(before);
      } else {
        const [was, is] = [totals(before), totals(after)];
        // Through the line, what is reserved is what filled backorders took, less what a cancellation gave back.
        const reserved = planned.reserved ?? sum(after.reservations.filter((r) => r.status === 'reserved').map((r) => r.quantity - r.shippedQuantity)) - sum(before.reservations.filter((r) => r.status === 'reserved').map((r) => r.quantity - r.shippedQuantity));
        if (is.onHand - was.onHand !== planned.onHand || is.reserved - was.reserved !== reserved || after.movements.length - before.movements.length !== planned.movements) {
          throw new Error(`${step}: on hand ${was.onHand} → ${is.onHand}, reserved ${was.reserved} → ${is.reserved}, movements ${before.movements.length} → ${after.movements.length}`);
        }
        if (planned.reserves) orders.push(planned.reserves);
      }
      before = after;
    }
  };

  it("reads an order's reservations once per transaction, and again once it reserved for the order", async () => {
    await ds.query(`INSERT INTO skus (code, name, model, version, unit) VALUES ('P0-R', 'test', 'M', 'v1', 'box')`);
    await ds.transaction((tx) => ledger.receive(tx, { warehouseCode: 'MAIN', documentRef: 'GR-R', lines: [{ sku: 'P0-R', location: 'STOCK', batch: '', quantity: 5 }] }, acting));
    const orderId = randomUUID();
    const statements = databaseStatements();
    await ds.transaction(async (tx) => {
      expect(await ledger.reservationsOf(tx, orderId)).toEqual([]);
      const before = statements();
      expect(await ledger.reservationsOf(tx, orderId)).toEqual([]); // a shipment checks the order, then issues its stock
      expect(statements() - before).toBe(0);
      await ledger.reserve(tx, { orderId, lines: [{ sku: 'P0-R', quantity: 2 }] }, acting);
      expect((await ledger.reservationsOf(tx, orderId)).map((r) => [r.skuCode, r.quantity, r.status])).toEqual([['P0-R', 2, 'reserved']]);
    });
  });

  describe('a reservation or a shipment decided on figures read without the lock', () => {
    const skuWith = async (code: string, onHand: number) => {
      await ds.query(`INSERT INTO skus (code, name, model, version, unit) VALUES ($1, 'test', 'M', 'v1', 'box')`, [code]);
      await ds.transaction((tx) => ledger.receive(tx, { warehouseCode: 'MAIN', documentRef: `GR-${code}`, lines: [{ sku: code, location: 'STOCK', batch: '', quantity: onHand }] }, acting));
    };
    /** A reservation as the service makes it (held for the COMMIT, again under the lock when stale), with `meanwhile` run before its first commit. */
    const reserveAsTheServiceDoes = async (orderId: string, lines: Array<{ sku: string; quantity: number }>, meanwhile: () => Promise<unknown>) => {
      let attempts = 0;
      const outcome = await retryUnderLocks((prepare) => ds.transaction(async (tx) => {
        prepare(tx);
        deferAppends(tx);
        attempts += 1;
        const decided = await ledger.reserve(tx, { orderId, lines }, acting);
        if (attempts === 1) await meanwhile();
        return decided;
      }));
      return { outcome, attempts };
    };
    /**
     * A shipment as the service makes it, with `meanwhile` run before its first commit; `figuresAhead`: its
     * figures read from the order's packed pick list with the order's locks, as the ship command does.
     */
    const shipAsTheServiceDoes = async (orderId: string, lines: LotQuantityLine[], meanwhile: () => Promise<unknown>, { figuresAhead = false } = {}) => {
      let attempts = 0;
      const figuresRead: boolean[] = [];
      const sentByIssue: number[] = [];
      const statements = databaseStatements();
      const outcome = retryUnderLocks((prepare) => ds.transaction(async (tx) => {
        prepare(tx);
        deferAppends(tx);
        attempts += 1;
        const [, figures] = await Promise.all([ledger.reservationsOf(tx, orderId), figuresAhead ? ledger.figuresOfPackedPickList(tx, orderId) : undefined]);
        if (figuresAhead) figuresRead.push(figures !== undefined);
        const before = statements();
        const shipped = await ledger.issue(tx, { orderId, documentRef: `SH-${orderId.slice(0, 8)}`, lines, figures }, acting);
        sentByIssue.push(statements() - before);
        if (attempts === 1) await meanwhile();
        return shipped;
      }));
      return { outcome, attempts: () => attempts, figuresRead, sentByIssue };
    };
    /** A packed pick list for `orderId`, its line in `warehouseCode`, its picks from the lots given. */
    const packedPickList = (orderId: string, warehouseCode: string, picks: Array<{ sku: string; location: string; batch: string; quantity: number }>) =>
      ds.query(
        `INSERT INTO pick_lists (id, number, order_id, status, lines, picks, picked_by, verified_by, packed_by, pieces) VALUES ($1, $2, $3, 'packed', $4, $5, 'keeper-a', 'keeper-b', 'keeper-a', 1)`,
        [randomUUID(), `PK-${orderId.slice(0, 8)}`, orderId, JSON.stringify([{ sku: picks[0].sku, warehouseCode, quantity: sum(picks.map((p) => p.quantity)) }]), JSON.stringify(picks)],
      );
    const reservedOf = async (sku: string) => (await ds.query(`SELECT reserved FROM stock_levels WHERE sku_code = $1 AND warehouse_code = 'MAIN'`, [sku]))[0].reserved;

    it('takes the SKU\'s lock only with its COMMIT: a writer that locks the SKU meanwhile does not wait', async () => {
      await skuWith('P0-F1', 5);
      const { outcome, attempts } = await reserveAsTheServiceDoes(randomUUID(), [{ sku: 'P0-F1', quantity: 2 }], () => ds.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '2s'`);
        await ledger.adjust(tx, { sku: 'P0-F1', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1, documentRef: 'ADJ-F1' }, acting);
      }));
      expect(outcome.kind).toBe('reserved');
      expect(attempts).toBe(1);
      expect(await reservedOf('P0-F1')).toBe(2);
      expect((await booksOf(['P0-F1'])).levels.map((l) => [l.onHand, l.reserved])).toEqual([[6, 2]]);
    });

    it('runs again under the lock, and finds the order short, when another order took the stock before its COMMIT', async () => {
      await skuWith('P0-F2', 5);
      const other = randomUUID();
      const { outcome, attempts } = await reserveAsTheServiceDoes(randomUUID(), [{ sku: 'P0-F2', quantity: 4 }], () =>
        ds.transaction((tx) => ledger.reserve(tx, { orderId: other, lines: [{ sku: 'P0-F2', quantity: 3 }] }, acting)));
      expect(attempts).toBe(2);
      expect(outcome).toEqual({ kind: 'shortage', shortages: [{ sku: 'P0-F2', requested: 4, available: 2 }] });
      expect(await reservedOf('P0-F2')).toBe(3);
      expect((await booksOf(['P0-F2'])).reservations.map((r) => [r.orderId, r.quantity])).toEqual([[other, 3]]);
    });

    it('ships with the SKU\'s lock taken only at its COMMIT, and runs again under the lock, refused, when its lot was emptied before it', async () => {
      await skuWith('P0-F4', 5);
      const orderId = randomUUID();
      await ds.transaction((tx) => ledger.reserve(tx, { orderId, lines: [{ sku: 'P0-F4', quantity: 3 }] }, acting));
      const from = { sku: 'P0-F4', warehouseCode: 'MAIN', location: 'STOCK', batch: '' };
      // A count corrected meanwhile does not wait for the shipment: it ships, on figures that still stand.
      const first = await shipAsTheServiceDoes(orderId, [{ ...from, quantity: 1 }], () => ds.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '2s'`);
        await ledger.adjust(tx, { ...from, quantity: 1, documentRef: 'ADJ-F4' }, acting);
      }));
      expect((await first.outcome).movements.map((m) => m.quantity)).toEqual([-1]);
      expect(first.attempts()).toBe(1);
      // Units moved to another place in the warehouse meanwhile: the lot no longer holds them.
      const second = await shipAsTheServiceDoes(orderId, [{ ...from, quantity: 2 }], () =>
        ds.transaction((tx) => ledger.transfer(tx, { sku: 'P0-F4', from: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, to: { warehouseCode: 'MAIN', location: 'A-01', batch: '' }, quantity: 4, documentRef: 'TR-F4' }, acting)));
      await expect(second.outcome).rejects.toMatchObject({ code: 'lot-short' });
      expect(second.attempts()).toBe(2);
      const books = await booksOf(['P0-F4']);
      expect(books.levels.map((l) => [l.onHand, l.reserved])).toEqual([[5, 2]]);
      expect(books.lots.map((l) => [l.location, l.onHand])).toEqual([['A-01', 4], ['STOCK', 1]]);
      expect(books.reservations.map((r) => [r.quantity, r.shippedQuantity, r.status])).toEqual([[3, 1, 'reserved']]);
    });

    it('ships on the figures its packed pick list names, read with the order\'s locks, and runs again under the lock when they moved', async () => {
      await skuWith('P0-F6', 5);
      // The SKU in another place and another warehouse too: only the lot picked from, in the line's warehouse, is read.
      await ds.transaction((tx) => ledger.receive(tx, { warehouseCode: 'MAIN', documentRef: 'GR-P0-F6-A', lines: [{ sku: 'P0-F6', location: 'A-01', batch: 'L1', quantity: 2 }] }, acting));
      await ds.transaction((tx) => ledger.receive(tx, { warehouseCode: 'NORTH', documentRef: 'GR-P0-F6-N', lines: [{ sku: 'P0-F6', location: 'STOCK', batch: '', quantity: 4 }] }, acting));
      const orderId = randomUUID();
      await ds.transaction((tx) => ledger.reserve(tx, { orderId, lines: [{ sku: 'P0-F6', quantity: 3 }] }, acting));
      const [{ warehouse_code: reservedIn }] = await ds.query(`SELECT warehouse_code FROM reservations WHERE order_id = $1`, [orderId]);
      const from = { sku: 'P0-F6', warehouseCode: reservedIn as string, location: 'STOCK', batch: '' };
      await packedPickList(orderId, from.warehouseCode, [{ sku: 'P0-F6', location: 'STOCK', batch: '', quantity: 3 }]);
      const figures = await ds.transaction((tx) => ledger.figuresOfPackedPickList(tx, orderId));
      expect(figures!.lots).toEqual([{ ...from, onHand: reservedIn === 'MAIN' ? 5 : 4 }]);
      expect(figures!.levels.map((l) => [l.warehouseCode, l.onHand, l.reserved]).sort()).toEqual((await booksOf(['P0-F6'])).levels.map((l) => [l.warehouseCode, l.onHand, l.reserved]).sort());

      // Shipped on them: the shipment sends nothing of its own before the COMMIT.
      const first = await shipAsTheServiceDoes(orderId, [{ ...from, quantity: 1 }], async () => undefined, { figuresAhead: true });
      expect((await first.outcome).movements.map((m) => m.quantity)).toEqual([-1]);
      expect([first.attempts(), first.figuresRead, first.sentByIssue]).toEqual([1, [true], [0]]);
      // The lot emptied before the COMMIT: again under the lock, which reads for itself, and refused.
      const second = await shipAsTheServiceDoes(orderId, [{ ...from, quantity: 2 }], () =>
        ds.transaction((tx) => ledger.transfer(tx, { sku: 'P0-F6', from: { warehouseCode: from.warehouseCode, location: 'STOCK', batch: '' }, to: { warehouseCode: from.warehouseCode, location: 'A-01', batch: '' }, quantity: reservedIn === 'MAIN' ? 3 : 2, documentRef: 'TR-F6' }, acting)), { figuresAhead: true });
      await expect(second.outcome).rejects.toMatchObject({ code: 'lot-short' });
      expect([second.attempts(), second.figuresRead]).toEqual([2, [true, false]]);
      expect((await booksOf(['P0-F6'])).reservations.map((r) => [r.quantity, r.shippedQuantity, r.status])).toEqual([[3, 1, 'reserved']]);
    });

    it('runs again under the lock when its COMMIT meets a deadlock with a transaction that went on under the lock', async () => {
      await skuWith('P0-F5', 10);
      const orderId = randomUUID();
      await ds.transaction((tx) => ledger.reserve(tx, { orderId, lines: [{ sku: 'P0-F5', quantity: 2 }] }, acting));
      const from = { sku: 'P0-F5', warehouseCode: 'MAIN', location: 'STOCK', batch: '' };
      let shipping!: ReturnType<typeof shipAsTheServiceDoes>;
      // A batch of events: a reservation on free figures, written (the SKU held shared, its level row locked), then work under the lock.
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await ledger.reserve(tx, { orderId: randomUUID(), lines: [{ sku: 'P0-F5', quantity: 1 }] }, acting);
        await tx.query(`SELECT 1`);
        shipping = shipAsTheServiceDoes(orderId, [{ ...from, quantity: 2 }], async () => undefined);
        await waitFor('the shipment\'s COMMIT waiting for the level row', async () =>
          (await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM stock_levels%FOR UPDATE'`))[0].n === 1, { timeoutMs: 5_000 });
        await ledger.lock(tx, ['P0-F5']); // waits for the shipment's shared lock: Postgres breaks the cycle
      });
      const { outcome, attempts } = await shipping;
      expect((await outcome).movements.map((m) => m.quantity)).toEqual([-2]);
      expect(attempts()).toBe(2);
      expect((await booksOf(['P0-F5'])).levels.map((l) => [l.onHand, l.reserved])).toEqual([[8, 1]]);
    });

    it('runs again under the lock, and waits behind it, when a backorder for its SKU was registered before its COMMIT', async () => {
      await skuWith('P0-F3', 5);
      const { outcome, attempts } = await reserveAsTheServiceDoes(randomUUID(), [{ sku: 'P0-F3', quantity: 1 }], () =>
        ds.transaction((tx) => desk.reserveOrWait(tx, randomUUID(), [{ sku: 'P0-F3', quantity: 9 }], acting)));
      expect(attempts).toBe(2);
      expect(outcome.kind).toBe('shortage');
      expect(await reservedOf('P0-F3')).toBe(0);
      expect((await booksOf(['P0-F3'])).backorders.map((b) => b.status)).toEqual(['open']);
    });
  });

  it('finds an order for a SKU it does not know short, and refuses goods of one, or for a location that does not exist, writing nothing', async () => {
    const before = await booksOf(['NO-SUCH', 'P0-X']);
    await ds.query(`INSERT INTO skus (code, name, model, version, unit) VALUES ('P0-X', 'test', 'M', 'v1', 'box')`);
    const short = await ds.transaction((tx) => ledger.reserve(tx, { orderId: randomUUID(), lines: [{ sku: 'NO-SUCH', quantity: 1 }] }, acting));
    expect(short).toEqual({ kind: 'shortage', shortages: [{ sku: 'NO-SUCH', requested: 1, available: 0 }] });
    await expect(ds.transaction((tx) => ledger.receive(tx, { warehouseCode: 'MAIN', documentRef: 'GR-X', lines: [{ sku: 'NO-SUCH', location: 'STOCK', batch: '', quantity: 1 }] }, acting)))
      .rejects.toMatchObject({ code: 'unknown-sku' });
    await expect(ds.transaction((tx) => ledger.adjust(tx, { sku: 'P0-X', warehouseCode: 'MAIN', location: 'Z-99', batch: '', quantity: 1, documentRef: 'ST-X' }, acting)))
      .rejects.toMatchObject({ code: 'unknown-location' });
    expect(await booksOf(['NO-SUCH', 'P0-X'])).toEqual(before);
  });

  it('keeps its books and its backorder line after every one of 200 random sequences of receive, reserve, release, issue, adjust and transfer, orders placed, goods arriving and orders cancelled', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 24 }), sequence), { numRuns: 200 });
    expect(runs).toBeGreaterThanOrEqual(200);
    const seen: Array<{ kind: string; n: number }> = await ds.query(`SELECT kind, count(*)::int AS n FROM stock_movements GROUP BY kind ORDER BY kind`);
    const reservations: Array<{ status: string; n: number }> = await ds.query(`SELECT status, count(*)::int AS n FROM reservations GROUP BY status ORDER BY status`);
    // Every kind of movement and every reservation state was reached, so none of the rules went unexercised.
    expect(seen.map((s) => s.kind)).toEqual(['adjustment', 'issue', 'receipt', 'shipment', 'transfer']);
    expect(reservations.map((r) => r.status)).toEqual(['released', 'reserved', 'shipped']);
    const backorders: Array<{ status: string; n: number }> = await ds.query(`SELECT status, count(*)::int AS n FROM backorders GROUP BY status ORDER BY status`);
    expect(backorders.map((r) => r.status)).toEqual(['cancelled', 'filled', 'open']);
    console.log(`stock ledger property: ${runs} sequences in ${Date.now() - started} ms; movements ${JSON.stringify(seen)}; reservations ${JSON.stringify(reservations)}; backorders ${JSON.stringify(backorders)}; operations ${JSON.stringify(Object.fromEntries(tally))}`);
  }, 180_000);
});
