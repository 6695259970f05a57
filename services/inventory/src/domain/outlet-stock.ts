import { DomainError, type Step } from '@ops/kernel';
import { compare, type LotQuantity } from './stock-ledger.js';
import { draftTransfer, type DraftTransfer, type Transfer, type WarehouseKind } from './transfer.js';

/**
 * The outlets' stock (a store, a bar counter: sales' tills, architecture.md). An outlet sells from its own
 * warehouse of kind `store`. What the till sold or the supervisor approved as waste has already left the counter,
 * so inventory never refuses it: it issues what the ledger holds there (what no order holds, oldest lots first)
 * and records the rest as a till shortfall for the outlet's next stocktake. A voided ticket's goods come back into
 * the lots they left; the units that were short never left the ledger, so they do not come back into it either.
 */
export type ShortfallReason = 'short' | 'unknown-sku' | 'unknown-warehouse' | 'not-a-store';
export const SHORTFALL_REASONS: readonly ShortfallReason[] = ['short', 'unknown-sku', 'unknown-warehouse', 'not-a-store'];

export interface OutletLine {
  lineNo: number;
  sku: string;
  quantity: number;
}

/** What the ledger holds at the outlet, as read under the SKUs' lock. */
export interface OutletStock {
  /** The warehouse the event names; null when inventory has none of that code. */
  warehouse: { code: string; kind: WarehouseKind } | null;
  knownSkus: ReadonlySet<string>;
  /** Per SKU: on hand in the warehouse that no order holds. */
  free: ReadonlyMap<string, number>;
  /** The warehouse's lots with stock, oldest first. */
  lots: ReadonlyArray<{ sku: string; location: string; batch: string; onHand: number }>;
}

export interface IssuedLot extends LotQuantity {
  lineNo: number;
}

export interface Shortfall {
  lineNo: number;
  sku: string;
  quantity: number;
  reason: ShortfallReason;
}

export interface OutletIssuePlan {
  /** The ledger's issue, lot by lot, each naming the line it serves. */
  issued: IssuedLot[];
  /** What the ledger lacked, per line: recorded, never refused. */
  shortfalls: Shortfall[];
}

/**
 * What leaves the ledger for lines sold (or wasted) at an outlet, and what it lacks. Lines of one SKU share its
 * stock in line order; per SKU, issued + short = sold, and nothing is issued beyond what is free or a lot holds.
 */
export function planOutletIssue(stock: OutletStock, lines: readonly OutletLine[]): OutletIssuePlan {
  const problems = lines.filter((l) => !Number.isInteger(l.quantity) || l.quantity <= 0);
  if (problems.length) throw new DomainError('invalid', 'quantity-invalid', `Outlet lines move in whole positive quantities (line ${problems[0].lineNo})`);
  const all = (reason: ShortfallReason): OutletIssuePlan => ({ issued: [], shortfalls: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, reason })) });
  if (!stock.warehouse) return all('unknown-warehouse');
  if (stock.warehouse.kind !== 'store') return all('not-a-store');
  const warehouseCode = stock.warehouse.code;
  const free = new Map(stock.free);
  const left = stock.lots.map((l) => ({ ...l }));
  const issued: IssuedLot[] = [];
  const shortfalls: Shortfall[] = [];
  for (const line of lines) {
    if (!stock.knownSkus.has(line.sku)) {
      shortfalls.push({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, reason: 'unknown-sku' });
      continue;
    }
    let want = Math.min(line.quantity, Math.max(0, free.get(line.sku) ?? 0));
    free.set(line.sku, (free.get(line.sku) ?? 0) - want);
    let taken = 0;
    for (const lot of left) {
      if (!want) break;
      if (lot.sku !== line.sku || lot.onHand <= 0) continue;
      const n = Math.min(want, lot.onHand);
      lot.onHand -= n;
      want -= n;
      taken += n;
      issued.push({ lineNo: line.lineNo, sku: line.sku, warehouseCode, location: lot.location, batch: lot.batch, quantity: n });
    }
    if (taken < line.quantity) shortfalls.push({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity - taken, reason: 'short' });
  }
  return { issued, shortfalls };
}

/** The ledger's lines of an issue: lots taken by several lines go out once, in the ledger's lock order. */
export function ledgerLines(issued: readonly IssuedLot[]): LotQuantity[] {
  const byLot = new Map<string, LotQuantity>();
  for (const i of issued) {
    const key = `${i.sku}\u0000${i.warehouseCode}\u0000${i.location}\u0000${i.batch}`;
    const lot = byLot.get(key);
    if (lot) lot.quantity += i.quantity;
    else byLot.set(key, { sku: i.sku, warehouseCode: i.warehouseCode, location: i.location, batch: i.batch, quantity: i.quantity });
  }
  return [...byLot.values()].sort((a, b) => compare(a.sku, b.sku) || compare(a.location, b.location) || compare(a.batch, b.batch));
}

/**
 * A voided ticket's goods back into the ledger: exactly what its sale issued, into the lots they left. Per SKU that
 * is what was sold less the shortfall recorded for the ticket (`returnedPerSku` says so in numbers).
 */
export function voidReturn(issued: readonly IssuedLot[]): LotQuantity[] {
  return ledgerLines(issued);
}

/** Per SKU: sold less short — what a void takes back into the ledger. */
export function returnedPerSku(lines: readonly OutletLine[], shortfalls: readonly Shortfall[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity);
  for (const s of shortfalls) out.set(s.sku, (out.get(s.sku) ?? 0) - s.quantity);
  for (const [sku, n] of out) if (n === 0) out.delete(sku);
  return out;
}

export interface ReplenishmentAsk {
  requestId: string;
  number: string;
  outletCode: string;
  fromWarehouseCode: string;
  toWarehouseCode: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

/** What inventory knows of the two warehouses and the SKUs a replenishment request names. */
export interface ReplenishmentFacts {
  from: { code: string; kind: WarehouseKind; sellable: boolean } | null;
  to: { code: string; kind: WarehouseKind; sellable: boolean } | null;
  knownSkus: ReadonlySet<string>;
}

/**
 * Why inventory cannot raise the transfer a replenishment request asks for, in words a person acts on; empty when
 * it can. Such a request is recorded with its problem (listed for the warehouse), never retried: retrying would not
 * make the warehouse or the SKU exist.
 */
export function replenishmentProblems(ask: ReplenishmentAsk, facts: ReplenishmentFacts): string[] {
  const problems: string[] = [];
  if (!facts.from || !facts.from.sellable) problems.push(`no warehouse ${ask.fromWarehouseCode} to send from`);
  if (!facts.to || !facts.to.sellable) problems.push(`no warehouse ${ask.toWarehouseCode} for outlet ${ask.outletCode}`);
  else if (facts.to.kind !== 'store') problems.push(`warehouse ${ask.toWarehouseCode} of outlet ${ask.outletCode} is not a store`);
  if (ask.fromWarehouseCode === ask.toWarehouseCode) problems.push(`the goods would come from the outlet's own warehouse ${ask.toWarehouseCode}`);
  const unknown = [...new Set(ask.lines.map((l) => l.sku).filter((sku) => !facts.knownSkus.has(sku)))];
  if (unknown.length) problems.push(`no SKU ${unknown.join(', ')}`);
  return problems;
}

/**
 * The draft transfer that answers a replenishment request (from the named warehouse to the outlet's), with
 * `inventory.replenishment.transfer-raised` for the outlet: written by the transfer's store with the transfer.
 */
export function raiseReplenishment(ask: ReplenishmentAsk, draft: Omit<DraftTransfer, 'lines'>): Step<Transfer> {
  const step = draftTransfer({ ...draft, lines: ask.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
  return {
    ...step,
    transitions: step.transitions.map((t, i) => (i === 0 ? { ...t, reason: `${t.reason} for replenishment request ${ask.number} of outlet ${ask.outletCode}` } : t)),
    events: [...step.events, { type: 'inventory.replenishment.transfer-raised', data: { requestId: ask.requestId, transferId: draft.id, transferNumber: draft.number } }],
  };
}
