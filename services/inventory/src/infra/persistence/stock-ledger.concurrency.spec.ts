import { ChangeFeed, type ServiceConfig } from '@ops/service-kit';
import { DomainError } from '@ops/kernel';
import { OutboxWriter } from '@ops/messaging';
import { deferAppends, openServiceDataSource, retryUnderLocks } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ledgerProblems, type LedgerBooks, type LotQuantity } from '../../domain/stock-ledger.js';
import { ReservationDesk } from '../../app/reservation-desk.js';
import { INVENTORY_MIGRATIONS } from '../../migrations/index.js';
import { INVENTORY_ENTITIES } from './inventory.entities.js';
import { StockLedgerStore } from './stock-ledger.store.js';
import { BackorderStore } from './stores.js';

/**
 * Many clients at once on the same few SKUs, each operation (or group of operations) in its own
 * transaction as the service runs them: they must queue on the stock locks, never deadlock, never
 * break a CHECK, and leave books that still agree with themselves and with what was accepted. Orders
 * placed, goods arriving and orders cancelled go through the backorder line as the service runs them,
 * taking the line's locks with the stock's.
 */

const CLIENTS = 32;
const ROUNDS = 12;
const SKUS = ['C-A', 'C-B', 'C-C'];
const WAREHOUSES = ['MAIN', 'NORTH'];
const LOCATIONS = ['STOCK', 'A-01'];
const BATCHES = ['', 'L1'];
const acting = { actor: { userId: 'race-test', roles: ['warehouse_manager'] }, cause: { requestId: 'race-test' } };

type Outcome = { onHand: number; kind: string } | 'refused';

describe('stock ledger store (concurrency: many clients on a few SKUs)', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  const ledger = new StockLedgerStore(new OutboxWriter('inventory', 'inventory'));
  // Nothing waits on its change feed here; its NOTIFYs go nowhere.
  const desk = new ReservationDesk(ledger, new BackorderStore(new OutboxWriter('inventory', 'inventory')), new ChangeFeed({ service: 'inventory' } as ServiceConfig));

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'inventory', entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS, poolSize: CLIENTS + 2 });
    await ds.query(`INSERT INTO warehouses (code, name) VALUES ('NORTH', 'North')`);
    await ds.query(`INSERT INTO locations (warehouse_code, code, name) VALUES ('NORTH', 'STOCK', 'Stock'), ('MAIN', 'A-01', 'Aisle A'), ('NORTH', 'A-01', 'Aisle A')`);
    await ds.query(`INSERT INTO skus (code, name, model, version, unit) SELECT code, 'race', 'M', 'v1', 'box' FROM unnest($1::text[]) AS code`, [SKUS]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  const books = async (): Promise<LedgerBooks> => ({
    levels: (await ds.query(`SELECT sku_code, warehouse_code, on_hand, reserved FROM stock_levels`)).map((r: any) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, onHand: r.on_hand, reserved: r.reserved })),
    lots: (await ds.query(`SELECT sku_code, warehouse_code, location, batch, on_hand FROM stock_lots`)).map((r: any) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, location: r.location, batch: r.batch, onHand: r.on_hand })),
    movements: (await ds.query(`SELECT sku_code, warehouse_code, location, batch, quantity FROM stock_movements`)).map((r: any) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, location: r.location, batch: r.batch, quantity: r.quantity })),
    reservations: (await ds.query(`SELECT sku_code, warehouse_code, quantity, shipped_quantity, status FROM reservations`)).map((r: any) => ({ sku: r.sku_code, warehouseCode: r.warehouse_code, quantity: r.quantity, shippedQuantity: r.shipped_quantity, status: r.status })),
  });
  const deadlocks = async () => Number((await ds.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`))[0].deadlocks);

  it(`keeps the books with ${CLIENTS} clients reserving, releasing, shipping, receiving, moving and writing off the same three SKUs at once`, async () => {
    await ds.transaction((tx) => ledger.receive(tx, {
      warehouseCode: 'MAIN', documentRef: 'OPENING', lines: SKUS.map((sku) => ({ sku, location: 'STOCK', batch: '', quantity: 60 })),
    }, acting));
    const deadlocksBefore = await deadlocks();
    const failures: string[] = [];
    const tally = new Map<string, { done: number; refused: number; again: number }>();
    let netIn = SKUS.length * 60;

    /**
     * One transaction, as the service runs it (`deferred`: its writes held for the COMMIT, as the runtime's are),
     * once more under the locks when it read stale figures without them; a business refusal is counted,
     * anything else is a failure of the ledger.
     */
    const attempt = async (deferred: boolean, kind: string, work: (tx: EntityManager) => Promise<number>): Promise<Outcome> => {
      const count = tally.get(kind) ?? { done: 0, refused: 0, again: 0 };
      tally.set(kind, count);
      let tries = 0;
      try {
        const onHand = await retryUnderLocks((prepare) => ds.transaction((tx) => {
          prepare(tx);
          if (deferred) deferAppends(tx);
          if ((tries += 1) > 1) count.again += 1;
          return work(tx);
        }));
        count.done += 1;
        netIn += onHand;
        return { onHand, kind };
      } catch (error) {
        if (error instanceof DomainError) {
          count.refused += 1;
          return 'refused';
        }
        failures.push(`${kind}: ${(error as Error).message}`);
        return 'refused';
      }
    };
    const moved = (change: { movements: Array<{ quantity: number }> }) => change.movements.reduce((n, m) => n + m.quantity, 0);

    const client = async (rng: Rng, deferred: boolean) => {
      const int = (min: number, max: number) => rng.nextInt(min, max);
      const one = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
      /** Some SKUs in a random order: the ledger must lock them in its own order whatever the request's. */
      const someSkus = () => [...SKUS].sort(() => rng.nextInt(0, 2) - 1).slice(0, int(1, SKUS.length));
      const anyLot = (sku: string) => ({ sku, warehouseCode: one(WAREHOUSES), location: one(LOCATIONS), batch: one(BATCHES) });
      const mine: string[] = [];
      const waiting: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        switch (int(0, 11)) {
          case 0:
            await attempt(deferred, 'receive', async (tx) => moved(await ledger.receive(tx, {
              warehouseCode: one(WAREHOUSES), documentRef: `GR-${randomUUID()}`,
              lines: someSkus().map((sku) => ({ sku, location: one(LOCATIONS), batch: one(BATCHES), quantity: int(1, 6) })),
            }, acting)));
            break;
          case 1:
          case 2: {
            const orderId = randomUUID();
            const lines = someSkus().map((sku) => ({ sku, quantity: int(1, 4) }));
            const outcome = await attempt(deferred, 'reserve', async (tx) => {
              if ((await ledger.reserve(tx, { orderId, lines }, acting)).kind === 'shortage') throw new DomainError('conflict', 'short', 'short');
              return 0;
            });
            if (outcome !== 'refused') mine.push(orderId);
            break;
          }
          case 3:
            if (mine.length) await attempt(deferred, 'release', async (tx) => (await ledger.release(tx, { orderId: mine.splice(int(0, mine.length - 1), 1)[0], reason: 'race' }, acting), 0));
            break;
          case 4: {
            if (!mine.length) break;
            // Picks read outside the lock, as a keeper's pick is: another client may empty a lot first (refused as lot-short).
            const orderId = one(mine);
            const held: Array<{ sku_code: string; warehouse_code: string; left: number }> = await ds.query(
              `SELECT sku_code, warehouse_code, quantity - shipped_quantity AS left FROM reservations WHERE order_id = $1 AND status = 'reserved'`, [orderId]);
            const lots: Array<{ sku_code: string; warehouse_code: string; location: string; batch: string; on_hand: number }> = await ds.query(
              `SELECT sku_code, warehouse_code, location, batch, on_hand FROM stock_lots WHERE on_hand > 0 ORDER BY since`);
            const lines: LotQuantity[] = held.flatMap((r) => {
              let left = int(1, r.left);
              return lots.filter((l) => l.sku_code === r.sku_code && l.warehouse_code === r.warehouse_code).flatMap((l) => {
                const take = Math.min(left, l.on_hand);
                left -= take;
                return take > 0 ? [{ sku: l.sku_code, warehouseCode: l.warehouse_code, location: l.location, batch: l.batch, quantity: take }] : [];
              });
            });
            if (lines.length) await attempt(deferred, 'ship', async (tx) => moved(await ledger.issue(tx, { orderId, documentRef: `SH-${randomUUID()}`, lines: lines.reverse() }, acting)));
            break;
          }
          case 5:
            await attempt(deferred, 'issue', async (tx) => moved(await ledger.issue(tx, { documentRef: `IS-${randomUUID()}`, lines: someSkus().map((sku) => ({ ...anyLot(sku), quantity: int(1, 3) })) }, acting)));
            break;
          case 6: {
            const sku = one(SKUS);
            await attempt(deferred, 'transfer', async (tx) => moved(await ledger.transfer(tx, {
              sku, from: { warehouseCode: one(WAREHOUSES), location: 'STOCK', batch: '' }, to: { warehouseCode: one(WAREHOUSES), location: one(LOCATIONS), batch: one(BATCHES) }, quantity: int(1, 5), documentRef: `TR-${randomUUID()}`,
            }, acting)));
            break;
          }
          case 8: {
            // A count corrected, in or out: out only from what the lot holds and no order holds.
            const quantity = int(-4, 3) || 1;
            await attempt(deferred, 'adjust', async (tx) => moved(await ledger.adjust(tx, { ...anyLot(one(SKUS)), quantity, documentRef: `ADJ-${randomUUID()}` }, acting)));
            break;
          }
          case 9: {
            // An order placed: reserved, or in line behind the backorders of its SKUs.
            const orderId = randomUUID();
            const lines = someSkus().map((sku) => ({ sku, quantity: int(1, 16) }));
            let reserved = false;
            const outcome = await attempt(deferred, 'order', async (tx) => {
              await desk.reserveOrWait(tx, orderId, lines, acting);
              [{ reserved }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM reservations WHERE order_id = $1) AS reserved`, [orderId]);
              return 0;
            });
            if (outcome !== 'refused') (reserved ? mine : waiting).push(orderId);
            break;
          }
          case 10:
            // An audited goods receipt: the line taken, the goods in, the line served.
            await attempt(deferred, 'arrive', async (tx) => {
              const lines = someSkus().map((sku) => ({ sku, location: one(LOCATIONS), batch: one(BATCHES), quantity: int(1, 6) }));
              const line = await desk.lineFor(tx, lines.map((l) => l.sku));
              const change = await ledger.receive(tx, { warehouseCode: one(WAREHOUSES), documentRef: `GR-${randomUUID()}`, lines }, acting);
              await desk.serve(tx, line, acting);
              return moved(change);
            });
            break;
          case 11: {
            // An order cancelled, reserved or still waiting (another client's, maybe being filled at this moment).
            const pool = waiting.length && int(0, 1) ? waiting : mine;
            if (!pool.length) break;
            const orderId = pool.splice(int(0, pool.length - 1), 1)[0];
            await attempt(deferred, 'cancel', async (tx) => (await desk.cancel(tx, orderId, 'race', acting), 0));
            break;
          }
          case 7: {
            // A cancellation that serves a backorder: several operations in one transaction, every SKU locked first.
            const cancelled = mine.length ? mine.splice(int(0, mine.length - 1), 1)[0] : undefined;
            const orderId = randomUUID();
            const lines = someSkus().map((sku) => ({ sku, quantity: int(1, 3) }));
            let reserved = false;
            const outcome = await attempt(deferred, 'release+reserve', async (tx) => {
              // As a cancellation does: the order's reservations first, then every SKU the transaction may touch.
              if (cancelled) await ledger.reservationsOf(tx, cancelled);
              await ledger.lock(tx, [...SKUS]);
              if (cancelled) await ledger.release(tx, { orderId: cancelled, reason: 'race' }, acting);
              reserved = (await ledger.reserve(tx, { orderId, lines }, acting)).kind === 'reserved';
              return 0;
            });
            if (outcome !== 'refused' && reserved) mine.push(orderId);
            break;
          }
        }
      }
    };

    const started = Date.now();
    // A fixed seed by default, so a run that fails can be run again as it was (RACE_SEED picks another).
    const seed = Number(process.env.RACE_SEED ?? 822_726);
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(seeded(seed + i), i % 2 === 0)));
    const elapsed = Date.now() - started;

    const after = await books();
    expect(failures).toEqual([]);
    expect(await deadlocks()).toBe(deadlocksBefore);
    expect(ledgerProblems(after)).toEqual([]);
    // The line: an order waiting holds nothing; a filled one holds each SKU it waited for.
    const line: Array<{ order_id: string; status: string; missing: number; held: number }> = await ds.query(
      `SELECT b.order_id, b.status,
              (SELECT count(*)::int FROM jsonb_array_elements(b.lines) l WHERE NOT EXISTS (SELECT 1 FROM reservations r WHERE r.order_id = b.order_id AND r.sku_code = l->>'sku')) AS missing,
              (SELECT count(*)::int FROM reservations r WHERE r.order_id = b.order_id AND r.status = 'reserved') AS held
         FROM backorders b`);
    expect(line.filter((b) => (b.status === 'open' && b.held > 0) || (b.status === 'filled' && b.missing > 0) || (b.status === 'cancelled' && b.held > 0))).toEqual([]);
    expect(line.length).toBeGreaterThan(0);
    expect(after.levels.reduce((n, l) => n + l.onHand, 0)).toBe(netIn);
    const done = [...tally.values()].reduce((n, t) => n + t.done, 0);
    expect(done).toBeGreaterThan(CLIENTS * 3);
    for (const [kind, t] of tally) expect({ kind, done: t.done > 0 }).toEqual({ kind, done: true });
    const lineStates = Object.fromEntries([...new Set(line.map((b) => b.status))].map((st) => [st, line.filter((b) => b.status === st).length]));
    console.log(`stock ledger race (seed ${seed}): ${CLIENTS} clients, ${[...tally.values()].reduce((n, t) => n + t.done + t.refused, 0)} transactions in ${elapsed} ms; ${JSON.stringify(Object.fromEntries(tally))}; backorders ${JSON.stringify(lineStates)}`);
  }, 120_000);

  it('refuses, before it can deadlock, a transaction that asks for a SKU below one it holds, or for an order\'s reservations once it holds stock', async () => {
    await expect(ds.transaction(async (tx) => {
      await ledger.lock(tx, ['C-B']);
      await ledger.reserve(tx, { orderId: randomUUID(), lines: [{ sku: 'C-A', quantity: 1 }] }, acting);
    })).rejects.toThrow(/C-A asked for after C-B/);
    const order = randomUUID();
    await expect(ds.transaction(async (tx) => {
      await ledger.lock(tx, ['C-A']);
      await ledger.release(tx, { orderId: order, reason: 'late' }, acting);
    })).rejects.toThrow(/reservations of order .* asked for after stock of C-A/);
    // Locked together at the start, the same work goes through.
    await ds.transaction(async (tx) => {
      await ledger.lock(tx, ['C-B', 'C-A']);
      await ledger.adjust(tx, { sku: 'C-B', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1, documentRef: 'ADJ-1' }, acting);
      await ledger.adjust(tx, { sku: 'C-A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1, documentRef: 'ADJ-2' }, acting);
    });
    expect(ledgerProblems(await books())).toEqual([]);
  });
});

interface Rng {
  nextInt(min: number, max: number): number;
}

/** A small seeded generator (mulberry32), so a failing race can be replayed from the seed it prints. */
function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return {
    nextInt(min, max) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * (max - min + 1));
    },
  };
}
