import { DomainError, note, type DomainEvent, type FieldError, type Step } from '@ops/kernel';
import { waitingAhead, type WaitingOrder } from './backorder.js';
import { planAcrossWarehouses, RESERVATION, stillHeld, type Reservation, type WantedLine } from './reservation.js';

/**
 * The stock ledger (domain.md §6): what is on hand per SKU and warehouse (the level, with what orders
 * hold of it), per location and batch (the lots), and the append-only movements that explain both.
 * Every change of stock is one of the operations below, decided here on the figures the caller has
 * locked: receive, reserve, release, issue, adjust, transfer. Each either returns the new figures, the
 * movements and the reservation steps that go with them, or refuses before anything is written. So
 * these always hold:
 *
 * - a level's on hand is the sum of its movements, and so is each lot's;
 * - a level's lots add up to its on hand;
 * - nothing goes below zero, and orders never hold more than is on hand;
 * - what orders hold of a level is what its open reservations still hold.
 */
export const MOVEMENT_KINDS = ['receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine', 'purchase_return', 'till_sale', 'till_void', 'waste'] as const;
/**
 * Why stock moved: receipt (goods in), shipment (an order's goods out), issue (goods out no order held), adjustment (a count corrected),
 * transfer (between lots), return_in (returned goods that passed inspection, back to sellable stock), return_quarantine (returned goods
 * that failed it, into the quarantine warehouse, which is never reserved or picked), purchase_return (goods sent back to their supplier),
 * till_sale (sold at an outlet's till, out of its warehouse), till_void (a voided till ticket's goods back), waste (an outlet's approved waste).
 */
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface LevelKey {
  sku: string;
  warehouseCode: string;
}

export interface LotKey extends LevelKey {
  location: string;
  /** '' when the goods carry no batch. */
  batch: string;
}

export interface LevelFigures extends LevelKey {
  onHand: number;
  reserved: number;
}

export interface LotFigures extends LotKey {
  onHand: number;
}

export interface Movement extends LotKey {
  /** Positive in, negative out. */
  quantity: number;
  kind: MovementKind;
  documentRef: string;
}

/** The levels and lots an operation locked, as read under the lock; a level or lot not given is empty. */
export interface LockedStock {
  levels: readonly LevelFigures[];
  lots: readonly LotFigures[];
}

export interface LotQuantity extends LotKey {
  quantity: number;
}

/** What one operation changes: new figures of the levels and lots it touched, its movements, its reservations and events. */
export interface LedgerChange<R extends Reservation = Reservation> {
  levels: LevelFigures[];
  lots: LotFigures[];
  movements: Movement[];
  /** Reservations the operation made, each as the first step of its life. */
  reserved: Array<Step<Reservation>>;
  /** Reservations it moved on (released, shipped in part or in full), with the reservation as read. */
  moved: Array<{ reservation: R; step: Step<R> }>;
  events: DomainEvent[];
}

/** A quantity column is a Postgres integer. */
const MAX_QUANTITY = 2_147_483_647;

const levelKey = (k: LevelKey) => `${k.sku}\u0000${k.warehouseCode}`;
const lotKey = (k: LotKey) => `${k.sku}\u0000${k.warehouseCode}\u0000${k.location}\u0000${k.batch}`;
const lotName = (k: LotKey) => `${k.location}${k.batch ? ` batch ${k.batch}` : ''} in ${k.warehouseCode}`;

interface Refusal {
  /** The request field a refusal names (`lines[2]`, `picks[0]`). */
  field: string;
  /** Who takes the goods, as the refusal names it (`Pick list PK-2026-000001`). */
  source: string;
}

/** The figures an operation works on: it changes them only through `move` and `hold`, which refuse what would break the rules. */
class Book {
  private readonly levels = new Map<string, LevelFigures>();
  private readonly lots = new Map<string, LotFigures>();
  private readonly changedLevels = new Set<string>();
  private readonly changedLots = new Set<string>();
  private readonly movements: Movement[] = [];

  constructor(stock: LockedStock) {
    for (const l of stock.levels) this.levels.set(levelKey(l), { sku: l.sku, warehouseCode: l.warehouseCode, onHand: l.onHand, reserved: l.reserved });
    for (const l of stock.lots) this.lots.set(lotKey(l), { sku: l.sku, warehouseCode: l.warehouseCode, location: l.location, batch: l.batch, onHand: l.onHand });
  }

  level(k: LevelKey): LevelFigures {
    const key = levelKey(k);
    let level = this.levels.get(key);
    if (!level) this.levels.set(key, (level = { sku: k.sku, warehouseCode: k.warehouseCode, onHand: 0, reserved: 0 }));
    return level;
  }

  private lot(k: LotKey): LotFigures {
    const key = lotKey(k);
    let lot = this.lots.get(key);
    if (!lot) this.lots.set(key, (lot = { sku: k.sku, warehouseCode: k.warehouseCode, location: k.location, batch: k.batch, onHand: 0 }));
    return lot;
  }

  /**
   * Units into (positive) or out of a lot, with one movement. Out takes only what the lot holds and, when
   * the warehouse's on hand changes (`level`), only what no order holds. A transfer inside one warehouse
   * moves lots only: the warehouse holds as much as before, reserved units included.
   */
  move(at: LotKey, quantity: number, kind: MovementKind, documentRef: string, refusal: Refusal, level = true): void {
    const lot = this.lot(at);
    if (lot.onHand + quantity < 0) {
      throw new DomainError('rule_violated', 'lot-short', `${refusal.source} takes ${-quantity} of ${at.sku} from ${lotName(at)}, which holds ${lot.onHand}: recount that location`, [
        { field: refusal.field, message: `${lotName(at)} holds ${lot.onHand} of ${at.sku}` },
      ]);
    }
    if (lot.onHand + quantity > MAX_QUANTITY) throw tooMuch(refusal.field);
    if (level) {
      const figures = this.level(at);
      if (figures.onHand + quantity < figures.reserved) throw notAvailable(at, -quantity, figures, refusal);
      if (figures.onHand + quantity > MAX_QUANTITY) throw tooMuch(refusal.field);
      figures.onHand += quantity;
      this.changedLevels.add(levelKey(at));
    }
    lot.onHand += quantity;
    this.changedLots.add(lotKey(at));
    this.movements.push({ sku: at.sku, warehouseCode: at.warehouseCode, location: at.location, batch: at.batch, quantity, kind, documentRef });
  }

  /** An order takes hold of units not yet held by another. */
  hold(at: LevelKey, quantity: number, refusal: Refusal): void {
    const figures = this.level(at);
    if (figures.onHand - figures.reserved < quantity) throw notAvailable(at, quantity, figures, refusal);
    figures.reserved += quantity;
    this.changedLevels.add(levelKey(at));
  }

  /** An order lets go of units it held (released, or leaving in a shipment). */
  unhold(at: LevelKey, quantity: number): void {
    const figures = this.level(at);
    // Reservations and the level are written together, so this is a broken ledger, not a request to refuse.
    if (figures.reserved < quantity) throw new Error(`${at.sku} in ${at.warehouseCode} holds ${figures.reserved} for orders, less than the ${quantity} its reservations hold`);
    figures.reserved -= quantity;
    this.changedLevels.add(levelKey(at));
  }

  change<R extends Reservation>(more: Partial<Pick<LedgerChange<R>, 'reserved' | 'moved' | 'events'>> = {}): LedgerChange<R> {
    return {
      levels: [...this.changedLevels].map((k) => ({ ...this.levels.get(k)! })),
      lots: [...this.changedLots].map((k) => ({ ...this.lots.get(k)! })),
      movements: [...this.movements],
      reserved: more.reserved ?? [],
      moved: more.moved ?? [],
      events: more.events ?? [],
    };
  }
}

function notAvailable(at: LevelKey, quantity: number, figures: LevelFigures, refusal: Refusal): DomainError {
  const free = figures.onHand - figures.reserved;
  return new DomainError('rule_violated', 'not-available', `${refusal.source} takes ${quantity} of ${at.sku} in ${at.warehouseCode}, where ${free} are not held for orders`, [
    { field: refusal.field, message: `only ${free} of ${at.sku} are free in ${at.warehouseCode}` },
  ]);
}

function tooMuch(field: string): DomainError {
  return new DomainError('invalid', 'quantity-too-large', `No lot or warehouse can hold more than ${MAX_QUANTITY} units`, [{ field, message: 'is too large' }]);
}

/** Whole positive quantities, each line named when it is not. */
function requirePositive(lines: ReadonlyArray<{ quantity: number }>, field: string): void {
  const problems: FieldError[] = lines.flatMap((l, i) => (Number.isInteger(l.quantity) && l.quantity > 0 ? [] : [{ field: `${field}[${i}].quantity`, message: 'must be a positive whole number' }]));
  if (!lines.length) problems.push({ field, message: 'must name at least one line' });
  if (problems.length) throw new DomainError('invalid', 'quantity-invalid', 'Stock moves in whole positive quantities', problems);
}

export interface Receipt {
  warehouseCode: string;
  documentRef: string;
  /** What brings the goods in: a goods receipt (default), or a return's accepted or rejected goods. */
  kind?: 'receipt' | 'return_in' | 'return_quarantine' | 'till_void';
  lines: ReadonlyArray<{ sku: string; location: string; batch: string; quantity: number }>;
}

/** Goods in: each line adds to its lot (a new lot starts its FIFO age now) and to the warehouse's on hand. */
export function receive(stock: LockedStock, receipt: Receipt): LedgerChange<never> {
  requirePositive(receipt.lines, 'lines');
  const book = new Book(stock);
  // The ledger lists a receipt's lines SKU by SKU, in the order written within each.
  const ordered = receipt.lines.map((line, i) => ({ line, i })).sort((a, b) => compare(a.line.sku, b.line.sku) || a.i - b.i);
  for (const { line, i } of ordered) {
    book.move({ ...line, warehouseCode: receipt.warehouseCode }, line.quantity, receipt.kind ?? 'receipt', receipt.documentRef, { field: `lines[${i}]`, source: receipt.documentRef });
  }
  return book.change();
}

export interface ReservationRequest {
  orderId: string;
  lines: readonly WantedLine[];
  /** The warehouses in the order they are tried: the main one first, then the others by code. */
  warehouses: readonly string[];
  /** What the order holds already, whatever its state: an order is reserved once. */
  existing: readonly Reservation[];
  /**
   * The backorders waiting for the order's SKUs (the order's own among them, when it is one), as read
   * under the SKUs' lock: those registered before the order are served first (domain.md §4.5).
   */
  line?: readonly WaitingOrder[];
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

export type ReserveOutcome =
  | { kind: 'reserved'; warehouseCode: string; lines: WantedLine[]; change: LedgerChange<never> }
  | { kind: 'shortage'; shortages: Shortage[] };

/**
 * An order holds stock in one warehouse, all of it or nothing (domain.md §4.5): the first warehouse that
 * can take every line gets one reservation per SKU, and the others hear `inventory.stock.reserved`.
 * It never takes a SKU that an earlier backorder still waits for: it is short of it, and waits behind.
 * A shortage changes nothing; what to do about it (a backorder) is the caller's.
 */
export function reserve(stock: LockedStock, request: ReservationRequest): ReserveOutcome {
  requirePositive(request.lines, 'lines');
  if (request.existing.length) throw new DomainError('conflict', 'order-already-reserved', `Order ${request.orderId} has been reserved already`);
  const warehouses = request.warehouses.map((code) => ({
    code,
    levels: new Map(stock.levels.filter((l) => l.warehouseCode === code).map((l) => [l.sku, l] as const)),
  }));
  const ahead = waitingAhead(request.line ?? [], request.orderId, request.lines.map((l) => l.sku));
  const plan = planAcrossWarehouses([...request.lines], warehouses, ahead);
  if (plan.kind === 'shortage') return plan;
  const { warehouseCode } = plan;
  const { orderId } = request;
  const book = new Book(stock);
  for (const [i, line] of plan.lines.entries()) book.hold({ sku: line.sku, warehouseCode }, line.quantity, { field: `lines[${i}]`, source: `Order ${orderId}` });
  const reserved: Array<Step<Reservation>> = plan.lines.map((line) => ({
    state: { orderId, sku: line.sku, warehouseCode, quantity: line.quantity, shippedQuantity: 0, status: 'reserved' },
    transitions: [{ from: 'new', to: 'reserved', reason: `${line.quantity} held for order ${orderId} in ${warehouseCode}` }],
    events: [],
  }));
  const events: DomainEvent[] = [{
    type: 'inventory.stock.reserved',
    aggregateId: orderId,
    data: { orderId, lines: plan.lines.map((l) => ({ sku: l.sku, warehouseCode, quantity: l.quantity })) },
  }];
  return { kind: 'reserved', warehouseCode, lines: plan.lines, change: book.change({ reserved, events }) };
}

/** The order lets go of everything it still holds (a cancellation): what is left of each reservation goes back to available. */
export function release<R extends Reservation>(stock: LockedStock, reservations: readonly R[], reason: string): LedgerChange<R> {
  const book = new Book(stock);
  const moved = reservations
    .filter((r) => r.status === 'reserved')
    .map((reservation) => {
      const held = stillHeld(reservation);
      if (held > 0) book.unhold(reservation, held);
      const step: Step<R> = { state: { ...reservation, status: 'released' }, transitions: [RESERVATION.move('reserved', 'released', reason)], events: [] };
      return { reservation, step };
    });
  return book.change({ moved });
}

export interface Issue<R extends Reservation> {
  documentRef: string;
  /** Which lot each unit leaves from. */
  lines: readonly LotQuantity[];
  /** The order's reservations the goods leave from; left out for goods no order holds (they come from what is free). */
  reservations?: readonly R[];
  /** Who takes the goods, as a refusal names it (default: the document). */
  source?: string;
  /** How a refusal names a line (default `lines`). */
  lineField?: string;
  /** Why goods no order holds leave (default `issue`); an order's goods always leave as `shipment`. */
  kind?: IssueKind;
}

/** The kinds goods no order holds leave as: an issue, goods going back to their supplier, an outlet's sale or its waste. */
export type IssueKind = Extract<MovementKind, 'issue' | 'purchase_return' | 'till_sale' | 'waste'>;

/**
 * Goods out of their lots. For an order (a shipment) they leave what its reservations hold: the
 * warehouse's on hand and reserved go down together, and a reservation whose units have all left is
 * shipped. A lot that no longer holds what was picked is refused, never driven below zero.
 */
export function issue<R extends Reservation>(stock: LockedStock, request: Issue<R>): LedgerChange<R> {
  const field = request.lineField ?? 'lines';
  const source = request.source ?? request.documentRef;
  requirePositive(request.lines, field);
  const book = new Book(stock);
  const moved: Array<{ reservation: R; step: Step<R> }> = [];
  if (request.reservations) {
    const wanted = new Map<string, LevelKey & { quantity: number }>();
    for (const line of request.lines) {
      const total = wanted.get(levelKey(line)) ?? { sku: line.sku, warehouseCode: line.warehouseCode, quantity: 0 };
      total.quantity += line.quantity;
      wanted.set(levelKey(line), total);
    }
    for (const want of [...wanted.values()].sort((a, b) => compare(levelKey(a), levelKey(b)))) {
      const reservation = request.reservations.find((r) => r.status === 'reserved' && r.sku === want.sku && r.warehouseCode === want.warehouseCode);
      if (!reservation || stillHeld(reservation) < want.quantity) {
        throw new DomainError('conflict', 'reservation-changed', `The reservation of ${want.sku} in ${want.warehouseCode} no longer covers the ${want.quantity} going out with ${source}`);
      }
      book.unhold(want, want.quantity);
      moved.push({ reservation, step: shipFrom(reservation, want.quantity, request.documentRef) });
    }
  }
  const kind: MovementKind = request.reservations ? 'shipment' : request.kind ?? 'issue';
  for (const [i, line] of request.lines.entries()) book.move(line, -line.quantity, kind, request.documentRef, { field: `${field}[${i}]`, source });
  return book.change({ moved });
}

/** Units of a reservation leave in a shipment; the last of them ship it. */
function shipFrom<R extends Reservation>(reservation: R, quantity: number, documentRef: string): Step<R> {
  const shippedQuantity = reservation.shippedQuantity + quantity;
  if (shippedQuantity === reservation.quantity) {
    return { state: { ...reservation, shippedQuantity, status: 'shipped' }, transitions: [RESERVATION.move('reserved', 'shipped', `shipped in full with ${documentRef}`)], events: [] };
  }
  return { state: { ...reservation, shippedQuantity }, transitions: [note('reserved', `${quantity} shipped with ${documentRef}, ${reservation.quantity - shippedQuantity} still to ship`)], events: [] };
}

export interface Adjustment extends LotQuantity {
  documentRef: string;
}

/**
 * A count corrected (a stocktake, damage written off): `quantity` is the difference, in or out. Out
 * takes only what the lot holds and what no order holds: units promised to an order are not written off here.
 */
export function adjust(stock: LockedStock, adjustment: Adjustment): LedgerChange<never> {
  if (!Number.isInteger(adjustment.quantity) || adjustment.quantity === 0) {
    throw new DomainError('invalid', 'quantity-invalid', 'An adjustment is a whole number of units in or out', [{ field: 'quantity', message: 'must be a whole number other than 0' }]);
  }
  const book = new Book(stock);
  book.move(adjustment, adjustment.quantity, 'adjustment', adjustment.documentRef, { field: 'quantity', source: adjustment.documentRef });
  return book.change();
}

export interface Transfer {
  sku: string;
  from: Omit<LotKey, 'sku'>;
  to: Omit<LotKey, 'sku'>;
  quantity: number;
  documentRef: string;
}

/**
 * Units from one lot to another: two movements that cancel out. Inside one warehouse only the lots
 * change (reserved units may move shelf); to another warehouse only units no order holds may go.
 */
export function transfer(stock: LockedStock, t: Transfer): LedgerChange<never> {
  requirePositive([t], 'transfer');
  const from = { sku: t.sku, ...t.from };
  const to = { sku: t.sku, ...t.to };
  if (lotKey(from) === lotKey(to)) throw new DomainError('invalid', 'transfer-to-itself', `A transfer needs two different lots`, [{ field: 'to', message: 'is the lot the goods come from' }]);
  const between = from.warehouseCode !== to.warehouseCode;
  const book = new Book(stock);
  book.move(from, -t.quantity, 'transfer', t.documentRef, { field: 'from', source: t.documentRef }, between);
  book.move(to, t.quantity, 'transfer', t.documentRef, { field: 'to', source: t.documentRef }, between);
  return book.change();
}

/** Code-point order: the order stock rows are locked in, whatever the database's collation. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Everything the ledger keeps, as read, to be held against its rules. */
export interface LedgerBooks {
  levels: readonly LevelFigures[];
  lots: readonly LotFigures[];
  movements: ReadonlyArray<LotKey & { quantity: number }>;
  reservations: ReadonlyArray<Pick<Reservation, 'sku' | 'warehouseCode' | 'quantity' | 'shippedQuantity' | 'status'>>;
}

/** Where the books break the ledger's rules (see the top of this file); empty when they hold. */
export function ledgerProblems(books: LedgerBooks): string[] {
  const problems: string[] = [];
  const sum = <T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => number) => {
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + value(r));
    return totals;
  };
  const moved = sum(books.movements, levelKey, (m) => m.quantity);
  const movedPerLot = sum(books.movements, lotKey, (m) => m.quantity);
  const inLots = sum(books.lots, levelKey, (l) => l.onHand);
  const held = sum(books.reservations, levelKey, stillHeld);
  const levels = new Map(books.levels.map((l) => [levelKey(l), l]));
  const lots = new Map(books.lots.map((l) => [lotKey(l), l]));
  const name = (key: string) => key.split('\u0000').filter(Boolean).join('/');
  for (const [key, l] of levels) {
    if ((moved.get(key) ?? 0) !== l.onHand) problems.push(`${name(key)}: on hand ${l.onHand}, movements add up to ${moved.get(key) ?? 0}`);
    if ((inLots.get(key) ?? 0) !== l.onHand) problems.push(`${name(key)}: on hand ${l.onHand}, lots add up to ${inLots.get(key) ?? 0}`);
    if (l.reserved < 0 || l.onHand < l.reserved) problems.push(`${name(key)}: on hand ${l.onHand}, reserved ${l.reserved}`);
    if ((held.get(key) ?? 0) !== l.reserved) problems.push(`${name(key)}: reserved ${l.reserved}, open reservations hold ${held.get(key) ?? 0}`);
  }
  for (const key of new Set([...moved.keys(), ...inLots.keys(), ...held.keys()])) if (!levels.has(key) && ((moved.get(key) ?? 0) || (inLots.get(key) ?? 0) || (held.get(key) ?? 0))) problems.push(`${name(key)}: stock without a level`);
  for (const [key, l] of lots) {
    if (l.onHand < 0) problems.push(`${name(key)}: lot on hand ${l.onHand}`);
    if ((movedPerLot.get(key) ?? 0) !== l.onHand) problems.push(`${name(key)}: lot on hand ${l.onHand}, movements add up to ${movedPerLot.get(key) ?? 0}`);
  }
  for (const key of movedPerLot.keys()) if (!lots.has(key) && movedPerLot.get(key)) problems.push(`${name(key)}: movements without a lot`);
  for (const r of books.reservations) if (r.shippedQuantity < 0 || r.shippedQuantity > r.quantity) problems.push(`${r.sku}/${r.warehouseCode}: reservation shipped ${r.shippedQuantity} of ${r.quantity}`);
  return problems;
}
