import { DomainError, refuseOwnVerification, StateMachine, type FieldError, type Step } from '@ops/kernel';
import { allocatePicks, batchProblems, type Lot, type LotPick, type PickCount } from './lots.js';

/**
 * Outbound work on a released order (domain.md §4.8, seed 000 warehouse clerk): one keeper picks, a
 * different keeper verifies the goods against the order, then they are packed and shipped. Each step
 * takes the counts the keeper made; counts that differ from the order are refused field by field.
 */
export type PickStatus = 'open' | 'picked' | 'verified' | 'packed' | 'shipped';

export const PICK_LIST = new StateMachine<PickStatus>('pick list', {
  open: ['picked'],
  picked: ['verified'],
  verified: ['packed'],
  packed: ['shipped'],
  shipped: [],
});

export interface PickLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
}

export interface PickList {
  number: string;
  status: PickStatus;
  lines: PickLine[];
  picks: LotPick[];
  pickedBy: string | null;
  verifiedBy: string | null;
  packedBy: string | null;
  pieces: number | null;
}

export type Count = PickCount;

/** A new pick list of what the order has left to ship (or the part asked for): open, nothing picked yet. */
export function openPickList<P extends { id: string; number: string; orderId: string; lines: PickLine[] }>(list: P): Step<P & PickList> {
  const state = { ...list, status: 'open' as const, picks: [], pickedBy: null, verifiedBy: null, packedBy: null, pieces: null };
  return { state, transitions: [{ from: 'new', to: 'open', reason: `to pick for order ${list.orderId}` }], events: [] };
}

/** Says where the list is and what it must be first, in the keeper's words rather than the table's. */
function expectStatus(list: PickList, status: PickStatus, doing: string): void {
  if (list.status !== status) throw new DomainError('conflict', 'pick-list-out-of-step', `Pick list ${list.number} is ${list.status}; it must be ${status} to ${doing}`);
}

/** Every SKU of the order counted exactly, nothing extra. */
export function countProblems(lines: PickLine[], counted: Count[]): FieldError[] {
  const want = new Map<string, number>();
  for (const line of lines) want.set(line.sku, (want.get(line.sku) ?? 0) + line.quantity);
  const got = new Map<string, number>();
  for (const c of counted) got.set(c.sku, (got.get(c.sku) ?? 0) + c.quantity);
  const problems: FieldError[] = [];
  for (const [sku, quantity] of want) {
    const n = got.get(sku) ?? 0;
    if (n !== quantity) problems.push({ field: `lines[${sku}].quantity`, message: `counted ${n}, the order needs ${quantity}` });
  }
  for (const sku of got.keys()) if (!want.has(sku)) problems.push({ field: `lines[${sku}]`, message: 'is not on this order' });
  return problems;
}

function assertCounts(list: PickList, counted: Count[], step: string): void {
  const problems = countProblems(list.lines, counted);
  if (problems.length) throw new DomainError('rule_violated', 'counts-differ', `The ${step} counts of pick list ${list.number} differ from the order`, problems);
}

/** The picker's counts must match the order; the units come from the lots named, or the oldest ones. */
export function recordPick<L extends PickList>(list: L, by: string, counted: Count[], lots: Lot[]): Step<L> {
  expectStatus(list, 'open', 'record the pick');
  assertCounts(list, counted, 'pick');
  const picks = allocatePicks(counted, lots);
  return { state: { ...list, status: 'picked', pickedBy: by, picks }, transitions: [PICK_LIST.move('open', 'picked', `picked by ${by}`)], events: [] };
}

/** Another keeper counts again, quantities and every picked batch. */
export function verifyPick<L extends PickList>(list: L, by: string, counted: Count[]): Step<L> {
  expectStatus(list, 'picked', 'verify it');
  refuseOwnVerification({ number: list.number, pickedBy: list.pickedBy ?? '' }, by);
  assertCounts(list, counted, 'verification');
  const batches = batchProblems(list.picks, counted);
  if (batches.length) throw new DomainError('rule_violated', 'batches-differ', `The verification of pick list ${list.number} does not confirm the batches picked`, batches);
  return { state: { ...list, status: 'verified', verifiedBy: by }, transitions: [PICK_LIST.move('picked', 'verified', `verified by ${by}`)], events: [] };
}

export function pack<L extends PickList>(list: L, by: string, pieces: number): Step<L> {
  expectStatus(list, 'verified', 'pack it');
  if (!Number.isInteger(pieces) || pieces < 1) throw new DomainError('invalid', 'pieces-required', 'Packing needs a positive piece count', [{ field: 'pieces', message: 'must be a positive whole number' }]);
  return { state: { ...list, status: 'packed', packedBy: by, pieces }, transitions: [PICK_LIST.move('verified', 'packed', `packed into ${pieces} pieces by ${by}`)], events: [] };
}

export function markShipped<L extends PickList>(list: L, shipmentNumber: string): Step<L> {
  expectStatus(list, 'packed', 'ship it');
  return { state: { ...list, status: 'shipped' }, transitions: [PICK_LIST.move('packed', 'shipped', `shipped as ${shipmentNumber}`)], events: [] };
}
