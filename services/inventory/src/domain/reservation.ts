import { StateMachine } from '@ops/kernel';

/**
 * Reserving an order is all or nothing (domain.md §4.5: no phantom orders): either every line fits in
 * what is available, or nothing is reserved and the shortages are reported. Lines of one SKU are
 * summed first, so two lines cannot each pass on the same units. Backorders are never overtaken: a SKU
 * that earlier backorders still wait for is not the order's to take, however much of it is on hand.
 */
export interface StockLevel {
  onHand: number;
  reserved: number;
}

export interface WantedLine {
  sku: string;
  quantity: number;
}

export type ReservationPlan =
  | { kind: 'reserve'; lines: WantedLine[] }
  | { kind: 'shortage'; shortages: Array<{ sku: string; requested: number; available: number }> };

export function available(level: StockLevel | undefined): number {
  return level ? Math.max(0, level.onHand - level.reserved) : 0;
}

/**
 * `ahead` is what earlier backorders still wait for, per SKU. Such a SKU is short for this order; what
 * is available to it is what is left once those ahead have theirs (at most what it asks for).
 */
export function planReservation(lines: WantedLine[], levels: ReadonlyMap<string, StockLevel>, ahead: ReadonlyMap<string, number> = new Map()): ReservationPlan {
  const wanted = new Map<string, number>();
  for (const line of lines) wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
  const perSku = [...wanted].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => a.sku.localeCompare(b.sku));
  const shortages = perSku.flatMap((line) => {
    const free = available(levels.get(line.sku));
    const waiting = ahead.get(line.sku) ?? 0;
    if (waiting > 0) return [{ sku: line.sku, requested: line.quantity, available: Math.min(line.quantity, Math.max(0, free - waiting)) }];
    return free < line.quantity ? [{ sku: line.sku, requested: line.quantity, available: free }] : [];
  });
  return shortages.length ? { kind: 'shortage', shortages } : { kind: 'reserve', lines: perSku };
}

export interface WarehouseStock {
  code: string;
  levels: ReadonlyMap<string, StockLevel>;
}

export type WarehousePlan = ({ kind: 'reserve'; lines: WantedLine[] } & { warehouseCode: string }) | Extract<ReservationPlan, { kind: 'shortage' }>;

/**
 * An order ships from one warehouse, so it is reserved in the first warehouse (in the order given: the
 * main one first) that can take all of it. When none can, the shortage reported is the first one's.
 * What earlier backorders wait for (`ahead`) is theirs in every warehouse.
 */
export function planAcrossWarehouses(lines: WantedLine[], warehouses: WarehouseStock[], ahead: ReadonlyMap<string, number> = new Map()): WarehousePlan {
  let first: ReservationPlan | undefined;
  for (const warehouse of warehouses) {
    const plan = planReservation(lines, warehouse.levels, ahead);
    if (plan.kind === 'reserve') return { ...plan, warehouseCode: warehouse.code };
    first ??= plan;
  }
  return (first ?? planReservation(lines, new Map(), ahead)) as Extract<ReservationPlan, { kind: 'shortage' }>;
}

/**
 * An order's hold on stock of one SKU in one warehouse. It stays `reserved` while any of it is still
 * to ship; it is `shipped` once all of it has left, `released` when the order is cancelled first.
 * Only the stock ledger changes it, together with the warehouse's reserved figure.
 */
export type ReservationStatus = 'reserved' | 'released' | 'shipped';

export const RESERVATION = new StateMachine<ReservationStatus>('reservation', {
  reserved: ['released', 'shipped'],
  released: [],
  shipped: [],
});

export interface Reservation {
  orderId: string;
  sku: string;
  warehouseCode: string;
  quantity: number;
  /** Of `quantity`, how much has left in shipments so far. */
  shippedQuantity: number;
  status: ReservationStatus;
}

/** What is still held for the order: nothing once released or shipped. */
export function stillHeld(r: Pick<Reservation, 'status' | 'quantity' | 'shippedQuantity'>): number {
  return r.status === 'reserved' ? r.quantity - r.shippedQuantity : 0;
}
