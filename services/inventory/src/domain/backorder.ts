import { StateMachine, type Step } from '@ops/kernel';
import type { WantedLine } from './reservation.js';

/**
 * An order stock could not cover waits in line (domain.md §4.5): when stock of its SKUs arrives or is
 * released, waiting orders are reserved in the order they were registered. The line is strict per
 * SKU: the first one that still cannot be filled keeps its place, and later ones do not jump ahead.
 */
export type BackorderStatus = 'open' | 'filled' | 'cancelled';

export const BACKORDER = new StateMachine<BackorderStatus>('backorder', { open: ['filled', 'cancelled'], filled: [], cancelled: [] });

export interface Backorder {
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

/** Nothing was reserved: the order waits, and sales puts it in the shortage register. */
export function registerBackorder(orderId: string, lines: WantedLine[], shortages: ShortLine[]): Step<Backorder> {
  return {
    state: { orderId, lines, status: 'open', filledAt: null },
    transitions: [{ from: 'new', to: 'open', reason: `short of ${shortages.map((s) => `${s.sku} (${s.available} of ${s.requested})`).join(', ')}` }],
    events: [{ type: 'inventory.stock.shortage', aggregateId: orderId, data: { orderId, shortages } }],
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
