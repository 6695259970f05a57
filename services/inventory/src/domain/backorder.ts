import { StateMachine, type Step } from '@ops/kernel';
import type { WantedLine } from './reservation.js';

/**
 * An order stock could not cover waits in line (domain.md §4.5). Each backorder gets its place in the
 * line once, when it is registered: its `sequence`, which inventory assigns under the lock of the
 * order's SKUs (so it follows the order in which orders took their turn at the stock) and which goes
 * to sales with the shortage, so the shortage register and the fill order are one order.
 *
 * The line is strict per SKU. When stock of its SKUs arrives or is released, waiting orders are
 * reserved in sequence: the first one that still cannot be filled keeps its place, and later ones do
 * not jump ahead. Nor does a new order: while any backorder waits for a SKU, what is on hand of it is
 * the line's, and a new order for it is backordered behind them.
 */
export type BackorderStatus = 'open' | 'filled' | 'cancelled';

export const BACKORDER = new StateMachine<BackorderStatus>('backorder', { open: ['filled', 'cancelled'], filled: [], cancelled: [] });

export interface Backorder {
  /** Its place in the line of each of its SKUs: lower waits longer, and is served first. */
  sequence: number;
  orderId: string;
  lines: WantedLine[];
  status: BackorderStatus;
  filledAt: Date | null;
}

export interface ShortLine {
  sku: string;
  requested: number;
  available: number;
  /** Model and version, for the people who order from suppliers. */
  model?: string;
  version?: string;
}

/** Nothing was reserved: the order waits at `sequence`, and sales puts it in the shortage register at that place. */
export function registerBackorder(sequence: number, orderId: string, lines: WantedLine[], shortages: ShortLine[]): Step<Backorder> {
  return {
    state: { sequence, orderId, lines, status: 'open', filledAt: null },
    transitions: [{ from: 'new', to: 'open', reason: `short of ${shortages.map((s) => `${s.sku} (${s.available} of ${s.requested})`).join(', ')}; waits at ${sequence}` }],
    events: [{ type: 'inventory.stock.shortage', aggregateId: orderId, data: { orderId, sequence, shortages } }],
  };
}

/** Its stock was reserved (the ledger tells the others). */
export function fillBackorder<B extends Backorder>(backorder: B, at = new Date()): Step<B> {
  return { state: { ...backorder, status: 'filled', filledAt: at }, transitions: [BACKORDER.move(backorder.status, 'filled', 'stock arrived: reserved')], events: [] };
}

/** The order was cancelled while it waited. */
export function cancelBackorder<B extends Backorder>(backorder: B, reason: string): Step<B> {
  return { state: { ...backorder, status: 'cancelled' }, transitions: [BACKORDER.move(backorder.status, 'cancelled', reason)], events: [] };
}

/** Whether a backorder waits for `sku`: it is in that SKU's line. */
export function waitsFor(backorder: Pick<Backorder, 'status' | 'lines'>, sku: string): boolean {
  return backorder.status === 'open' && backorder.lines.some((l) => l.sku === sku);
}

export type WaitingOrder = Pick<Backorder, 'sequence' | 'orderId' | 'lines' | 'status'>;

/**
 * What the orders waiting ahead of `orderId` need of each of `skus`: every open backorder of those SKUs
 * when the order has none (a new order comes last), else those registered before it. A SKU with
 * anything ahead is not for this order to take.
 */
export function waitingAhead(line: readonly WaitingOrder[], orderId: string, skus: Iterable<string>): Map<string, number> {
  const own = line.find((b) => b.orderId === orderId && b.status === 'open');
  const wanted = new Set(skus);
  const ahead = new Map<string, number>();
  for (const b of line) {
    if (b.orderId === orderId || b.status !== 'open' || (own && b.sequence >= own.sequence)) continue;
    for (const l of b.lines) if (wanted.has(l.sku)) ahead.set(l.sku, (ahead.get(l.sku) ?? 0) + l.quantity);
  }
  return ahead;
}
