import { DomainError, StateMachine, type FieldError, type Step } from '@ops/kernel';

/**
 * Stock moved between two warehouses (domain.md §6, transfers). A transfer is drafted, then — only between two
 * stores, whose stock the sales side counts on — consented to by a sales manager, dispatched (the goods leave
 * the source lots for the `TRANSIT` warehouse) and received by another person (they leave TRANSIT for the
 * destination's `STOCK`). What the receiver counts short is explained per line and written off TRANSIT under
 * the transfer's number, so TRANSIT holds nothing of a received transfer. The ledger moves are the caller's.
 */
export type TransferStatus = 'draft' | 'consent_needed' | 'consented' | 'dispatched' | 'received';

export const TRANSFER = new StateMachine<TransferStatus>('transfer', {
  draft: ['consent_needed', 'dispatched'],
  consent_needed: ['consented'],
  consented: ['dispatched'],
  dispatched: ['received'],
  received: [],
});

export type WarehouseKind = 'warehouse' | 'store';

/** Where goods between two warehouses are: not sellable, and empty of every received transfer. */
export const TRANSIT = 'TRANSIT';

export interface TransferLot {
  location: string;
  batch: string;
  quantity: number;
}

export interface TransferLine {
  sku: string;
  quantity: number;
  /** The lot asked for; null = the oldest lots first. */
  location: string | null;
  batch: string | null;
  /** The lots the goods left from at dispatch (and sit in TRANSIT under). */
  sent: TransferLot[];
  receivedQuantity: number | null;
  /** Why fewer arrived than were sent; required when they differ. */
  differenceNote: string | null;
}

export interface Transfer {
  id: string;
  number: string;
  fromWarehouse: string;
  toWarehouse: string;
  status: TransferStatus;
  lines: TransferLine[];
  createdBy: string;
  consentedBy: string | null;
  dispatchedBy: string | null;
  dispatchedAt: Date | null;
  receivedBy: string | null;
  receivedAt: Date | null;
}

export interface DraftTransfer {
  id: string;
  number: string;
  from: { code: string; kind: WarehouseKind };
  to: { code: string; kind: WarehouseKind };
  lines: ReadonlyArray<{ sku: string; quantity: number; location?: string; batch?: string }>;
  createdBy: string;
}

/** Between two stores the sales side must consent: their stock is what shop floors sell from. */
export const needsConsent = (from: WarehouseKind, to: WarehouseKind): boolean => from === 'store' && to === 'store';

export function draftTransfer(d: DraftTransfer): Step<Transfer> {
  const problems: FieldError[] = [];
  if (d.from.code === d.to.code) problems.push({ field: 'toWarehouse', message: 'is the warehouse the goods come from' });
  if (!d.lines.length) problems.push({ field: 'lines', message: 'must name at least one line' });
  d.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) problems.push({ field: `lines[${i}].quantity`, message: 'must be a positive whole number' });
  });
  if (problems.length) throw new DomainError('rule_violated', 'transfer-invalid', 'The transfer cannot be drafted as it is', problems);
  const lines = d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, location: l.location ?? null, batch: l.batch ?? null, sent: [], receivedQuantity: null, differenceNote: null }));
  const state: Transfer = {
    id: d.id, number: d.number, fromWarehouse: d.from.code, toWarehouse: d.to.code, status: 'draft', lines, createdBy: d.createdBy,
    consentedBy: null, dispatchedBy: null, dispatchedAt: null, receivedBy: null, receivedAt: null,
  };
  const transitions = [{ from: 'new', to: 'draft', reason: `drafted: ${lines.length} line(s) from ${d.from.code} to ${d.to.code}` }];
  if (!needsConsent(d.from.kind, d.to.kind)) return { state, transitions, events: [] };
  const t = TRANSFER.move('draft', 'consent_needed', 'between two stores: a sales manager must consent');
  return { state: { ...state, status: t.to }, transitions: [...transitions, t], events: [] };
}

/** A sales manager agrees that one store gives stock to another. */
export function consentTransfer<T extends Transfer>(transfer: T, by: string): Step<T> {
  const t = TRANSFER.move(transfer.status, 'consented', `consented by ${by}`, `Transfer ${transfer.number}`);
  return { state: { ...transfer, status: t.to, consentedBy: by }, transitions: [t], events: [] };
}

/** The goods left: `sent` says from which lots each line went (the ledger's transfers to TRANSIT, the caller's). */
export function dispatchTransfer<T extends Transfer>(transfer: T, sent: TransferLot[][], by: string, at = new Date()): Step<T> {
  if (transfer.status === 'consent_needed') {
    throw new DomainError('conflict', 'transfer-consent-needed', `Transfer ${transfer.number} is between two stores: a sales manager must consent before it is dispatched`);
  }
  const t = TRANSFER.move(transfer.status, 'dispatched', `dispatched by ${by} to ${TRANSIT}`, `Transfer ${transfer.number}`);
  const lines = transfer.lines.map((l, i) => ({ ...l, sent: sent[i] }));
  return { state: { ...transfer, status: t.to, lines, dispatchedBy: by, dispatchedAt: at }, transitions: [t], events: [] };
}

export interface CountedLine {
  sku: string;
  receivedQuantity: number;
  differenceNote?: string;
}

/**
 * What the receiving keeper counted, line by line (422 naming each field): every line counted once, never more
 * than was sent, and a difference explained.
 */
export function receivingProblems(transfer: Transfer, counted: readonly CountedLine[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<number>();
  counted.forEach((c, i) => {
    const at = `lines[${i}]`;
    const index = transfer.lines.findIndex((l, n) => l.sku === c.sku && !seen.has(n));
    if (index < 0) {
      problems.push({ field: `${at}.sku`, message: `transfer ${transfer.number} sent no (further) line of ${c.sku}` });
      return;
    }
    seen.add(index);
    const sent = transfer.lines[index].quantity;
    if (!Number.isInteger(c.receivedQuantity) || c.receivedQuantity < 0) problems.push({ field: `${at}.receivedQuantity`, message: 'must be a whole number, 0 or more' });
    else if (c.receivedQuantity > sent) problems.push({ field: `${at}.receivedQuantity`, message: `${sent} of ${c.sku} were sent: more cannot arrive` });
    else if (c.receivedQuantity < sent && !c.differenceNote?.trim()) problems.push({ field: `${at}.differenceNote`, message: `say why ${sent - c.receivedQuantity} of ${c.sku} did not arrive` });
  });
  transfer.lines.forEach((l, n) => {
    if (!seen.has(n)) problems.push({ field: 'lines', message: `count ${l.sku} (line ${n + 1}) as well` });
  });
  return problems;
}

/**
 * The goods arrived and were counted by someone other than the dispatcher. `inventory.transfer.received` carries
 * every line with what was sent, counted and why they differ.
 */
export function receiveTransfer<T extends Transfer>(transfer: T, counted: readonly CountedLine[], by: string, at = new Date()): Step<T> {
  if (transfer.dispatchedBy === by) throw new DomainError('forbidden', 'dispatcher-cannot-receive', `You dispatched transfer ${transfer.number}; someone else must receive it`);
  const t = TRANSFER.move(transfer.status, 'received', `received by ${by}`, `Transfer ${transfer.number}`);
  const problems = receivingProblems(transfer, counted);
  if (problems.length) throw new DomainError('rule_violated', 'transfer-count-refused', `The count of transfer ${transfer.number} is refused`, problems);
  const left = [...counted];
  const lines = transfer.lines.map((l) => {
    const c = left.splice(left.findIndex((x) => x.sku === l.sku), 1)[0];
    return { ...l, receivedQuantity: c.receivedQuantity, differenceNote: c.receivedQuantity < l.quantity ? c.differenceNote!.trim() : null };
  });
  const short = lines.reduce((s, l) => s + l.quantity - l.receivedQuantity, 0);
  return {
    state: { ...transfer, status: t.to, lines, receivedBy: by, receivedAt: at },
    transitions: [{ ...t, reason: `${t.reason}${short ? `: ${short} unit(s) short, written off ${TRANSIT}` : ''}` }],
    events: [{
      type: 'inventory.transfer.received',
      data: {
        transferId: transfer.id, number: transfer.number, fromWarehouse: transfer.fromWarehouse, toWarehouse: transfer.toWarehouse,
        lines: lines.map((l) => ({ sku: l.sku, sentQuantity: l.quantity, receivedQuantity: l.receivedQuantity, difference: l.receivedQuantity - l.quantity, differenceNote: l.differenceNote })),
      },
    }],
  };
}

/**
 * Splits what a line sent from TRANSIT: `arrived` units go on to the destination, the rest is written off,
 * oldest sent lot arriving first.
 */
export function splitArrival(sent: readonly TransferLot[], arrived: number): { arrive: TransferLot[]; missing: TransferLot[] } {
  const arrive: TransferLot[] = [];
  const missing: TransferLot[] = [];
  let left = arrived;
  for (const lot of sent) {
    const n = Math.min(left, lot.quantity);
    left -= n;
    if (n > 0) arrive.push({ ...lot, quantity: n });
    if (lot.quantity - n > 0) missing.push({ ...lot, quantity: lot.quantity - n });
  }
  return { arrive, missing };
}
