import fc from 'fast-check';
import { DomainError } from '@ops/kernel';
import { RESERVATION, type Reservation } from './reservation.js';
import {
  adjust, issue, ledgerProblems, receive, release, reserve, transfer, type LedgerChange, type LevelFigures, type LockedStock, type LotFigures, type Movement,
} from './stock-ledger.js';

const level = (sku: string, warehouseCode: string, onHand: number, reserved = 0): LevelFigures => ({ sku, warehouseCode, onHand, reserved });
const lot = (sku: string, warehouseCode: string, location: string, batch: string, onHand: number): LotFigures => ({ sku, warehouseCode, location, batch, onHand });
const held = (sku: string, warehouseCode: string, quantity: number, shippedQuantity = 0, orderId = 'o-1'): Reservation => ({ orderId, sku, warehouseCode, quantity, shippedQuantity, status: 'reserved' });
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

/** A in MAIN: 10 on hand (6 in STOCK, 4 in A-01 batch L1), 3 held for o-1. */
const stock: LockedStock = { levels: [level('A', 'MAIN', 10, 3)], lots: [lot('A', 'MAIN', 'STOCK', '', 6), lot('A', 'MAIN', 'A-01', 'L1', 4)] };

describe('stock ledger rules', () => {
  it('receives into lots and the level, one movement per line, SKU by SKU', () => {
    const change = receive(stock, { warehouseCode: 'MAIN', documentRef: 'GR-1', lines: [{ sku: 'B', location: 'STOCK', batch: '', quantity: 2 }, { sku: 'A', location: 'A-01', batch: 'L1', quantity: 5 }, { sku: 'A', location: 'STOCK', batch: 'L2', quantity: 1 }] });
    expect(change.levels).toEqual([level('A', 'MAIN', 16, 3), level('B', 'MAIN', 2)]);
    expect(change.lots).toEqual([lot('A', 'MAIN', 'A-01', 'L1', 9), lot('A', 'MAIN', 'STOCK', 'L2', 1), lot('B', 'MAIN', 'STOCK', '', 2)]);
    expect(change.movements.map((m) => [m.sku, m.batch, m.quantity, m.kind])).toEqual([['A', 'L1', 5, 'receipt'], ['A', 'L2', 1, 'receipt'], ['B', '', 2, 'receipt']]);
    expect(refusal(() => receive(stock, { warehouseCode: 'MAIN', documentRef: 'GR-2', lines: [{ sku: 'A', location: 'STOCK', batch: '', quantity: 0 }] }))).toMatchObject({ status: 400, code: 'quantity-invalid', errors: [{ field: 'lines[0].quantity' }] });
  });

  it('reserves an order in the first warehouse that takes all of it, with one reservation per SKU and the event', () => {
    const two: LockedStock = { levels: [level('A', 'MAIN', 10, 3), level('A', 'NORTH', 8)], lots: [] };
    const outcome = reserve(two, { orderId: 'o-2', lines: [{ sku: 'A', quantity: 4 }, { sku: 'A', quantity: 4 }], warehouses: ['MAIN', 'NORTH'], existing: [] });
    expect(outcome).toMatchObject({ kind: 'reserved', warehouseCode: 'NORTH', lines: [{ sku: 'A', quantity: 8 }] });
    if (outcome.kind !== 'reserved') return;
    expect(outcome.change.levels).toEqual([level('A', 'NORTH', 8, 8)]);
    expect(outcome.change.movements).toEqual([]);
    expect(outcome.change.reserved).toEqual([{
      state: { orderId: 'o-2', sku: 'A', warehouseCode: 'NORTH', quantity: 8, shippedQuantity: 0, status: 'reserved' },
      transitions: [{ from: 'new', to: 'reserved', reason: '8 held for order o-2 in NORTH' }], events: [],
    }]);
    expect(outcome.change.events).toEqual([{ type: 'inventory.stock.reserved', aggregateId: 'o-2', data: { orderId: 'o-2', lines: [{ sku: 'A', warehouseCode: 'NORTH', quantity: 8 }] } }]);
  });

  it('changes nothing when no warehouse can take the order, and reserves an order once', () => {
    expect(reserve(stock, { orderId: 'o-2', lines: [{ sku: 'A', quantity: 8 }], warehouses: ['MAIN'], existing: [] })).toEqual({ kind: 'shortage', shortages: [{ sku: 'A', requested: 8, available: 7 }] });
    expect(refusal(() => reserve(stock, { orderId: 'o-1', lines: [{ sku: 'A', quantity: 1 }], warehouses: ['MAIN'], existing: [held('A', 'MAIN', 3)] })).code).toBe('order-already-reserved');
  });

  it('never reserves a SKU ahead of the backorders waiting for it: a new order waits behind them, a backorder behind those before it (domain.md §4.5)', () => {
    const line = [
      { sequence: 4, orderId: 'waits-long', status: 'open' as const, lines: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }] },
      { sequence: 9, orderId: 'waits-less', status: 'open' as const, lines: [{ sku: 'A', quantity: 1 }] },
    ];
    // 7 of A are free, and more than the line needs, but the line is first.
    expect(reserve(stock, { orderId: 'new', lines: [{ sku: 'A', quantity: 1 }], warehouses: ['MAIN'], existing: [], line })).toEqual({ kind: 'shortage', shortages: [{ sku: 'A', requested: 1, available: 1 }] });
    expect(reserve(stock, { orderId: 'waits-less', lines: [{ sku: 'A', quantity: 1 }], warehouses: ['MAIN'], existing: [], line }).kind).toBe('shortage');
    // The first in line is served (B has no line: it is short of B only by the figures).
    expect(reserve({ ...stock, levels: [...stock.levels, level('B', 'MAIN', 1)] }, { orderId: 'waits-long', lines: line[0].lines, warehouses: ['MAIN'], existing: [], line }).kind).toBe('reserved');
    expect(reserve(stock, { orderId: 'waits-long', lines: line[0].lines, warehouses: ['MAIN'], existing: [], line })).toEqual({ kind: 'shortage', shortages: [{ sku: 'B', requested: 1, available: 0 }] });
    // Once it has left the line, the next is served, and then a new order.
    const rest = [{ ...line[0], status: 'filled' as const }, line[1]];
    expect(reserve(stock, { orderId: 'waits-less', lines: line[1].lines, warehouses: ['MAIN'], existing: [], line: rest }).kind).toBe('reserved');
    expect(reserve(stock, { orderId: 'new', lines: [{ sku: 'A', quantity: 1 }], warehouses: ['MAIN'], existing: [], line: [] }).kind).toBe('reserved');
  });

  it('releases what each open reservation still holds', () => {
    const shippedInPart = held('A', 'MAIN', 5, 2);
    const done = { ...held('B', 'MAIN', 1, 1), status: 'shipped' as const };
    const change = release(stock, [shippedInPart, done], 'order cancelled: changed their mind');
    expect(change.levels).toEqual([level('A', 'MAIN', 10, 0)]);
    expect(change.moved).toEqual([{ reservation: shippedInPart, step: { state: { ...shippedInPart, status: 'released' }, transitions: [{ from: 'reserved', to: 'released', reason: 'order cancelled: changed their mind' }], events: [] } }]);
  });

  it('ships an order from its reservation and the lots picked; the last units ship the reservation', () => {
    const r = held('A', 'MAIN', 3);
    const part = issue(stock, { documentRef: 'SH-1', reservations: [r], lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 }] });
    expect(part.levels).toEqual([level('A', 'MAIN', 8, 1)]);
    expect(part.lots).toEqual([lot('A', 'MAIN', 'A-01', 'L1', 2)]);
    expect(part.movements).toEqual([{ sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: -2, kind: 'shipment', documentRef: 'SH-1' }]);
    expect(part.moved[0].step).toEqual({ state: { ...r, shippedQuantity: 2 }, transitions: [{ from: 'reserved', to: 'reserved', reason: '2 shipped with SH-1, 1 still to ship' }], events: [] });
    const rest = issue(stock, { documentRef: 'SH-2', reservations: [r], lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1 }, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 }] });
    expect(rest.moved[0].step.state).toMatchObject({ shippedQuantity: 3, status: 'shipped' });
    expect(rest.moved[0].step.transitions).toEqual([{ from: 'reserved', to: 'shipped', reason: 'shipped in full with SH-2' }]);
  });

  it('refuses a shipment a lot no longer holds (naming the pick), or that its reservation no longer covers', () => {
    const r = held('A', 'MAIN', 3);
    const short = refusal(() => issue(stock, { documentRef: 'SH-1', reservations: [r], lines: [
      { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 2 }, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 },
    ] }));
    expect(short).toMatchObject({ status: 409, code: 'reservation-changed' });
    const lotShort = refusal(() => issue({ ...stock, lots: [lot('A', 'MAIN', 'STOCK', '', 6), lot('A', 'MAIN', 'A-01', 'L1', 1)] }, {
      documentRef: 'SH-1', source: 'Pick list PK-1', lineField: 'picks', reservations: [r], lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 }],
    }));
    expect(lotShort).toMatchObject({ status: 422, code: 'lot-short', message: expect.stringMatching(/^Pick list PK-1 takes 2 of A from A-01 batch L1 in MAIN, which holds 1: recount that location$/), errors: [{ field: 'picks[0]' }] });
    expect(refusal(() => issue(stock, { documentRef: 'SH-1', reservations: [{ ...r, status: 'released' }], lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1 }] })).code).toBe('reservation-changed');
  });

  it('issues goods no order holds only from what is free', () => {
    expect(issue(stock, { documentRef: 'IS-1', lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 6 }, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 1 }] }).levels).toEqual([level('A', 'MAIN', 3, 3)]);
    expect(refusal(() => issue(stock, { documentRef: 'IS-1', lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 6 }, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 }] })))
      .toMatchObject({ status: 422, code: 'not-available', errors: [{ field: 'lines[1]' }] });
  });

  it('sends goods back to their supplier as purchase_return movements, only from what is free; an order\'s goods still leave as shipment', () => {
    const back = issue(stock, { documentRef: 'PRN-1', kind: 'purchase_return', lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 4 }] });
    expect(back.levels).toEqual([level('A', 'MAIN', 6, 3)]);
    expect(back.movements).toEqual([{ sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: -4, kind: 'purchase_return', documentRef: 'PRN-1' }]);
    expect(ledgerProblems({ levels: back.levels, lots: [lot('A', 'MAIN', 'STOCK', '', 6), ...back.lots], movements: [{ ...lot('A', 'MAIN', 'STOCK', '', 0), quantity: 6 }, { ...lot('A', 'MAIN', 'A-01', 'L1', 0), quantity: 4 }, ...back.movements], reservations: [held('A', 'MAIN', 3)] })).toEqual([]);
    expect(refusal(() => issue(stock, { documentRef: 'PRN-2', kind: 'purchase_return', lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 6 }, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 2 }] })))
      .toMatchObject({ status: 422, code: 'not-available', errors: [{ field: 'lines[1]' }] });
    const shipped = issue(stock, { documentRef: 'SH-1', kind: 'purchase_return', reservations: [held('A', 'MAIN', 3)], lines: [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 3 }] });
    expect(shipped.movements.map((m) => m.kind)).toEqual(['shipment']);
  });

  it('adjusts a count in or out, never below what the lot holds or into what orders hold', () => {
    expect(adjust(stock, { sku: 'A', warehouseCode: 'MAIN', location: 'B-09', batch: 'X', quantity: 2, documentRef: 'ST-1' }).movements).toEqual([{ sku: 'A', warehouseCode: 'MAIN', location: 'B-09', batch: 'X', quantity: 2, kind: 'adjustment', documentRef: 'ST-1' }]);
    expect(adjust(stock, { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: -6, documentRef: 'ST-1' }).levels).toEqual([level('A', 'MAIN', 4, 3)]);
    expect(refusal(() => adjust(stock, { sku: 'A', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: -5, documentRef: 'ST-1' })).code).toBe('lot-short');
    expect(refusal(() => adjust({ ...stock, levels: [level('A', 'MAIN', 10, 9)] }, { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: -2, documentRef: 'ST-1' })).code).toBe('not-available');
    expect(refusal(() => adjust(stock, { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 0, documentRef: 'ST-1' })).code).toBe('quantity-invalid');
  });

  it('transfers between lots: inside a warehouse reserved units may move, to another only free ones', () => {
    const full: LockedStock = { levels: [level('A', 'MAIN', 10, 10)], lots: stock.lots };
    const shelf = transfer(full, { sku: 'A', from: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, to: { warehouseCode: 'MAIN', location: 'A-01', batch: 'L1' }, quantity: 6, documentRef: 'TR-1' });
    expect(shelf.levels).toEqual([]);
    expect(shelf.lots).toEqual([lot('A', 'MAIN', 'STOCK', '', 0), lot('A', 'MAIN', 'A-01', 'L1', 10)]);
    expect(shelf.movements.map((m) => [m.location, m.quantity, m.kind])).toEqual([['STOCK', -6, 'transfer'], ['A-01', 6, 'transfer']]);
    expect(refusal(() => transfer(full, { sku: 'A', from: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, to: { warehouseCode: 'NORTH', location: 'STOCK', batch: '' }, quantity: 1, documentRef: 'TR-2' })).code).toBe('not-available');
    const away = transfer(stock, { sku: 'A', from: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, to: { warehouseCode: 'NORTH', location: 'STOCK', batch: '' }, quantity: 7 - 3, documentRef: 'TR-3' });
    expect(away.levels).toEqual([level('A', 'MAIN', 6, 3), level('A', 'NORTH', 4)]);
    expect(refusal(() => transfer(stock, { sku: 'A', from: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, to: { warehouseCode: 'MAIN', location: 'STOCK', batch: '' }, quantity: 1, documentRef: 'TR-4' })).code).toBe('transfer-to-itself');
  });

  it('moves a reservation only along its table', () => {
    expect(RESERVATION.can('reserved', 'shipped')).toBe(true);
    expect(RESERVATION.can('reserved', 'released')).toBe(true);
    expect(RESERVATION.can('released', 'reserved')).toBe(false);
    expect(RESERVATION.can('shipped', 'released')).toBe(false);
  });

  it('names every way books can break its rules', () => {
    const good = { levels: [level('A', 'MAIN', 4, 1)], lots: [lot('A', 'MAIN', 'STOCK', '', 4)], movements: [{ ...lot('A', 'MAIN', 'STOCK', '', 0), quantity: 4 }], reservations: [held('A', 'MAIN', 1)] };
    expect(ledgerProblems(good)).toEqual([]);
    expect(ledgerProblems({ ...good, movements: [] })).toEqual(expect.arrayContaining([expect.stringMatching(/movements add up to 0/)]));
    expect(ledgerProblems({ ...good, lots: [lot('A', 'MAIN', 'STOCK', '', 3), lot('A', 'MAIN', 'A-01', '', 1)] })).toEqual(expect.arrayContaining([expect.stringMatching(/lot on hand 1, movements add up to 0/)]));
    expect(ledgerProblems({ ...good, lots: [lot('A', 'MAIN', 'STOCK', '', 3)] })).toEqual(expect.arrayContaining([expect.stringMatching(/lots add up to 3/)]));
    expect(ledgerProblems({ ...good, reservations: [] })).toEqual([expect.stringMatching(/open reservations hold 0/)]);
    expect(ledgerProblems({ ...good, levels: [level('A', 'MAIN', 4, 5)], reservations: [held('A', 'MAIN', 5)] })).toEqual([expect.stringMatching(/on hand 4, reserved 5/)]);
  });
});

/** Books kept in memory, changed only by applying what the rules decide. */
interface Books {
  levels: LevelFigures[];
  lots: LotFigures[];
  movements: Movement[];
  reservations: Reservation[];
}

function apply(books: Books, change: LedgerChange<Reservation>): Books {
  const keyed = <T>(rows: T[], updates: T[], key: (r: T) => string) => {
    const map = new Map(rows.map((r) => [key(r), r]));
    for (const u of updates) map.set(key(u), u);
    return [...map.values()];
  };
  const moved = new Map(change.moved.map((m) => [m.reservation, m.step.state]));
  for (const m of change.moved) expect(m.step.transitions.every((t) => t.from === m.reservation.status && (t.to === t.from || RESERVATION.can(m.reservation.status, t.to as never)))).toBe(true);
  return {
    levels: keyed(books.levels, change.levels, (l) => `${l.sku}/${l.warehouseCode}`),
    lots: keyed(books.lots, change.lots, (l) => `${l.sku}/${l.warehouseCode}/${l.location}/${l.batch}`),
    movements: [...books.movements, ...change.movements],
    reservations: [...books.reservations.map((r) => moved.get(r) ?? r), ...change.reserved.map((s) => s.state)],
  };
}

const SKUS = ['A', 'B'];
const WAREHOUSES = ['MAIN', 'NORTH'];
const LOCATIONS = ['STOCK', 'A-01'];
const BATCHES = ['', 'L1'];
const sku = fc.constantFrom(...SKUS);
const warehouse = fc.constantFrom(...WAREHOUSES);
const place = fc.record({ warehouseCode: warehouse, location: fc.constantFrom(...LOCATIONS), batch: fc.constantFrom(...BATCHES) });
const line = fc.record({ sku, quantity: fc.integer({ min: 1, max: 8 }) });
type Op =
  | { kind: 'receive'; warehouseCode: string; lines: Array<{ sku: string; location: string; batch: string; quantity: number }> }
  | { kind: 'reserve'; lines: Array<{ sku: string; quantity: number }> }
  | { kind: 'release'; order: number }
  | { kind: 'ship'; order: number; lots: Array<{ location: string; batch: string; quantity: number }> }
  | { kind: 'issue'; sku: string; lines: Array<{ warehouseCode: string; location: string; batch: string; quantity: number }> }
  | { kind: 'adjust'; sku: string; at: { warehouseCode: string; location: string; batch: string }; quantity: number }
  | { kind: 'transfer'; sku: string; from: { warehouseCode: string; location: string; batch: string }; to: { warehouseCode: string; location: string; batch: string }; quantity: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('receive' as const), warehouseCode: warehouse, lines: fc.array(fc.record({ sku, location: fc.constantFrom(...LOCATIONS), batch: fc.constantFrom(...BATCHES), quantity: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reserve' as const), lines: fc.array(line, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), order: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ship' as const), order: fc.nat(), lots: fc.array(fc.record({ location: fc.constantFrom(...LOCATIONS), batch: fc.constantFrom(...BATCHES), quantity: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), sku, lines: fc.array(fc.record({ warehouseCode: warehouse, location: fc.constantFrom(...LOCATIONS), batch: fc.constantFrom(...BATCHES), quantity: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('adjust' as const), sku, at: place, quantity: fc.integer({ min: -8, max: 8 }).filter((n) => n !== 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), sku, from: place, to: place, quantity: fc.integer({ min: 1, max: 8 }) }) },
);

describe('stock ledger rules (property)', () => {
  it('keep the books whatever the sequence of operations: every change balanced, every refusal a DomainError', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        let books: Books = { levels: [], lots: [], movements: [], reservations: [] };
        let orders = 0;
        for (const o of ops) {
          const stock = { levels: books.levels, lots: books.lots };
          let change: LedgerChange<Reservation> | null = null;
          let expected = { onHand: 0, reserved: 0 };
          try {
            switch (o.kind) {
              case 'receive':
                change = receive(stock, { warehouseCode: o.warehouseCode, documentRef: 'GR', lines: o.lines });
                expected = { onHand: o.lines.reduce((n, l) => n + l.quantity, 0), reserved: 0 };
                break;
              case 'reserve': {
                const outcome = reserve(stock, { orderId: `o-${(orders += 1)}`, lines: o.lines, warehouses: WAREHOUSES, existing: [] });
                const free = (s: string, w: string) => books.levels.filter((l) => l.sku === s && l.warehouseCode === w).reduce((n, l) => n + l.onHand - l.reserved, 0);
                const fits = WAREHOUSES.some((w) => SKUS.every((s) => o.lines.filter((l) => l.sku === s).reduce((n, l) => n + l.quantity, 0) <= free(s, w)));
                expect(outcome.kind).toBe(fits ? 'reserved' : 'shortage');
                if (outcome.kind === 'reserved') change = outcome.change;
                expected = { onHand: 0, reserved: o.lines.reduce((n, l) => n + l.quantity, 0) };
                break;
              }
              case 'release': {
                const ids = [...new Set(books.reservations.map((r) => r.orderId))];
                if (!ids.length) continue;
                const mine = books.reservations.filter((r) => r.orderId === ids[o.order % ids.length]);
                change = release(stock, mine, 'cancelled');
                expected = { onHand: 0, reserved: 0 - mine.filter((r) => r.status === 'reserved').reduce((n, r) => n + r.quantity - r.shippedQuantity, 0) };
                break;
              }
              case 'ship': {
                const open = books.reservations.filter((r) => r.status === 'reserved');
                if (!open.length) continue;
                const r = open[o.order % open.length];
                const lines = o.lots.map((l) => ({ ...l, sku: r.sku, warehouseCode: r.warehouseCode }));
                change = issue(stock, { documentRef: 'SH', reservations: books.reservations.filter((x) => x.orderId === r.orderId), lines });
                const total = lines.reduce((n, l) => n + l.quantity, 0);
                expected = { onHand: -total, reserved: -total };
                break;
              }
              case 'issue':
                change = issue(stock, { documentRef: 'IS', lines: o.lines.map((l) => ({ ...l, sku: o.sku })) });
                expected = { onHand: -o.lines.reduce((n, l) => n + l.quantity, 0), reserved: 0 };
                break;
              case 'adjust':
                change = adjust(stock, { sku: o.sku, ...o.at, quantity: o.quantity, documentRef: 'ST' });
                expected = { onHand: o.quantity, reserved: 0 };
                break;
              case 'transfer':
                change = transfer(stock, { sku: o.sku, from: o.from, to: o.to, quantity: o.quantity, documentRef: 'TR' });
                break;
            }
          } catch (error) {
            // A refusal, never a broken rule or a crash.
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).status).toBeLessThan(500);
            continue;
          }
          if (!change) continue;
          const before = books;
          books = apply(books, change);
          expect(ledgerProblems(books)).toEqual([]);
          const total = (b: Books) => ({ onHand: b.levels.reduce((n, l) => n + l.onHand, 0), reserved: b.levels.reduce((n, l) => n + l.reserved, 0) });
          expect({ onHand: total(books).onHand - total(before).onHand, reserved: total(books).reserved - total(before).reserved }).toEqual(expected);
          expect(change.movements.reduce((n, m) => n + m.quantity, 0)).toBe(expected.onHand);
        }
      }),
      { numRuns: 500 },
    );
  });
});
