import { DomainError, refuseSelfApproval, StateMachine, type FieldError, type Step } from '@ops/kernel';
import type { LotFigures, LotQuantity } from './stock-ledger.js';

/**
 * A purchase return (domain.md, purchase returns): goods going back to their supplier. Drafted by purchasing,
 * either against an audited purchase receipt (at most what that receipt brought in, less what earlier returns
 * against it took back, at the receipt line's price) or without one (supplier, SKU and price given). A purchasing
 * manager other than its author approves it; a keeper ships it, which takes the goods out of stock through the
 * ledger (`purchase_return` movements) and tells finance to lower the supplier's payable by its amount.
 */
export type PurchaseReturnStatus = 'draft' | 'approved' | 'shipped' | 'cancelled';

export const PURCHASE_RETURN = new StateMachine<PurchaseReturnStatus>('purchase return', {
  draft: ['approved', 'cancelled'],
  approved: ['shipped', 'cancelled'],
  shipped: [],
  cancelled: [],
});

/** Where a returned line's goods leave from, when shipped. */
export type ReturnLot = LotQuantity;

export interface PurchaseReturnLine {
  lineNo: number;
  sku: string;
  warehouseCode: string;
  /** The lot named when drafted; null: the oldest lots of the SKU in the warehouse, when shipped. */
  location: string | null;
  batch: string | null;
  quantity: number;
  /** VAT included, as purchase prices are quoted. */
  unitPriceFen: number;
  amountFen: number;
  /** The receipt line (1-based, in the receipt's order) the goods came in on, for a return against a receipt. */
  receiptLineNo: number | null;
  /** The lots the goods left from; empty until shipped. */
  lots: ReturnLot[];
}

export interface PurchaseReturn {
  id: string;
  number: string;
  supplierId: string;
  receiptId: string | null;
  receiptNumber: string | null;
  status: PurchaseReturnStatus;
  reason: string;
  lines: PurchaseReturnLine[];
  amountFen: number;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  shippedBy: string | null;
  shippedAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
}

/** A line as asked for. Against a receipt it names the receipt line; without one, the SKU and the price. */
export interface WantedReturnLine {
  receiptLineNo?: number;
  sku?: string;
  unitPriceFen?: number;
  quantity: number;
  warehouseCode?: string;
  location?: string;
  batch?: string;
}

/** An audited receipt's line as the return sees it. */
export interface ReceivedLine {
  lineNo: number;
  sku: string;
  /** What the line brought in: accepted goods into the receipt's warehouse, rejected ones into quarantine. */
  quantity: number;
  /** Of those, what failed inspection and went to quarantine (0 when nothing did). */
  rejectedQuantity: number;
  unitPriceFen: number | null;
  location: string;
  batch: string;
}

export interface ReturnableReceipt {
  id: string;
  number: string;
  supplierId: string | null;
  warehouseCode: string;
  audited: boolean;
  lines: ReceivedLine[];
}

export interface DraftRequest {
  id: string;
  number: string;
  reason: string;
  createdBy: string;
  lines: readonly WantedReturnLine[];
  /** The supplier the goods go back to: the receipt's when the return is against one (a different one is refused). */
  supplierId?: string;
  receipt?: ReturnableReceipt;
  /** What earlier returns against the receipt (not cancelled) take back already, per receipt line and place (`returnedKey`). */
  returnedBefore?: ReadonlyMap<string, number>;
  /** Where goods without a receipt come from when a line names no warehouse. */
  defaultWarehouse: string;
  /** Where a receipt's rejected goods wait (they may go back from there as well as from the receipt's warehouse). */
  quarantineWarehouse: string;
}

const MAX_LINE_FEN = Number.MAX_SAFE_INTEGER;

/**
 * Drafts a return. Every line is checked and every problem named (422 with field errors): against a receipt,
 * a receipt line that exists, a quantity no larger than what is left of it (received less returned before, the
 * lines of this return together); without one, a SKU and a price; a positive whole quantity everywhere.
 */
export function draftPurchaseReturn(request: DraftRequest): Step<PurchaseReturn> {
  const problems: FieldError[] = [];
  const { receipt } = request;
  if (!request.reason.trim()) problems.push({ field: 'reason', message: 'say why the goods go back' });
  if (!request.lines.length) problems.push({ field: 'lines', message: 'must name at least one line' });
  if (receipt) {
    if (!receipt.audited) throw new DomainError('rule_violated', 'receipt-not-audited', `Goods receipt ${receipt.number} is not audited: its goods are not in stock yet`, [{ field: 'receiptId', message: 'names a receipt not yet audited' }]);
    if (!receipt.supplierId) throw new DomainError('rule_violated', 'receipt-without-supplier', `Goods receipt ${receipt.number} names no supplier (opening stock): return its goods without a receipt`, [{ field: 'receiptId', message: 'names a receipt without a supplier' }]);
    if (request.supplierId && request.supplierId !== receipt.supplierId) problems.push({ field: 'supplierId', message: `the goods of ${receipt.number} came from another supplier` });
  } else if (!request.supplierId) {
    problems.push({ field: 'supplierId', message: 'name the supplier, or the receipt the goods came in with' });
  }
  const takenNow = new Map<string, number>();
  const lines: PurchaseReturnLine[] = request.lines.map((wanted, i) => {
    const at = `lines[${i}]`;
    if (!Number.isInteger(wanted.quantity) || wanted.quantity <= 0) problems.push({ field: `${at}.quantity`, message: 'must be a positive whole number' });
    const quantity = wanted.quantity;
    if (receipt) {
      const received = receipt.lines.find((l) => l.lineNo === wanted.receiptLineNo);
      if (!received) {
        problems.push({ field: `${at}.receiptLineNo`, message: `names no line of ${receipt.number}` });
        return line(i, wanted.sku ?? '', wanted.warehouseCode ?? receipt.warehouseCode, wanted, quantity, 0, null);
      }
      if (wanted.sku && wanted.sku !== received.sku) problems.push({ field: `${at}.sku`, message: `line ${received.lineNo} of ${receipt.number} is ${received.sku}` });
      if (received.unitPriceFen === null) problems.push({ field: `${at}.receiptLineNo`, message: `line ${received.lineNo} of ${receipt.number} has no price: return it without the receipt` });
      if (wanted.unitPriceFen !== undefined && wanted.unitPriceFen !== received.unitPriceFen) problems.push({ field: `${at}.unitPriceFen`, message: `goods against a receipt go back at its price (${received.unitPriceFen} fen)` });
      // Accepted goods go back from the receipt's warehouse, rejected ones from quarantine: each place is held to what it got.
      const fromQuarantine = wanted.warehouseCode === request.quarantineWarehouse && receipt.warehouseCode !== request.quarantineWarehouse;
      const key = returnedKey(received.lineNo, fromQuarantine);
      const brought = fromQuarantine ? received.rejectedQuantity : received.quantity - received.rejectedQuantity;
      const before = request.returnedBefore?.get(key) ?? 0;
      const taken = (takenNow.get(key) ?? 0) + (Number.isInteger(quantity) && quantity > 0 ? quantity : 0);
      takenNow.set(key, taken);
      const left = brought - before;
      if (taken > left) {
        const into = fromQuarantine ? request.quarantineWarehouse : receipt.warehouseCode;
        problems.push({ field: `${at}.quantity`, message: `${receipt.number} line ${received.lineNo} brought ${brought} of ${received.sku} into ${into}, ${before} gone back already: at most ${Math.max(left, 0)} can be returned from there` });
      }
      if (wanted.warehouseCode && wanted.warehouseCode !== receipt.warehouseCode && wanted.warehouseCode !== request.quarantineWarehouse) {
        problems.push({ field: `${at}.warehouseCode`, message: `the goods of ${receipt.number} came into ${receipt.warehouseCode} (or ${request.quarantineWarehouse}, if they failed inspection)` });
      }
      return line(i, received.sku, wanted.warehouseCode ?? receipt.warehouseCode, wanted, quantity, received.unitPriceFen ?? 0, received.lineNo);
    }
    if (!wanted.sku?.trim()) problems.push({ field: `${at}.sku`, message: 'name the SKU going back' });
    if (wanted.unitPriceFen === undefined || !Number.isInteger(wanted.unitPriceFen) || wanted.unitPriceFen < 0) problems.push({ field: `${at}.unitPriceFen`, message: 'give the price the supplier credits (whole fen, VAT included)' });
    if (wanted.receiptLineNo !== undefined) problems.push({ field: `${at}.receiptLineNo`, message: 'names a receipt line, but the return names no receipt' });
    return line(i, wanted.sku ?? '', wanted.warehouseCode ?? request.defaultWarehouse, wanted, quantity, wanted.unitPriceFen ?? 0, null);
  });
  for (const [i, l] of lines.entries()) if (l.amountFen > MAX_LINE_FEN) problems.push({ field: `lines[${i}].quantity`, message: 'is too large' });
  if (problems.length) throw new DomainError('rule_violated', 'purchase-return-refused', 'The purchase return cannot be drafted as asked', problems);
  const supplierId = receipt?.supplierId ?? request.supplierId!;
  const amountFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const state: PurchaseReturn = {
    id: request.id, number: request.number, supplierId, receiptId: receipt?.id ?? null, receiptNumber: receipt?.number ?? null, status: 'draft',
    reason: request.reason.trim(), lines, amountFen, createdBy: request.createdBy, approvedBy: null, approvedAt: null, shippedBy: null, shippedAt: null, cancelledBy: null, cancelReason: null,
  };
  const units = lines.reduce((s, l) => s + l.quantity, 0);
  return { state, transitions: [{ from: 'new', to: 'draft', reason: `drafted by ${request.createdBy}: ${units} unit(s), ${amountFen} fen${receipt ? ` against ${receipt.number}` : ''}` }], events: [] };
}

/** How what went back of a receipt line is counted: per line, and apart for its rejected goods (from quarantine). */
export const returnedKey = (receiptLineNo: number, fromQuarantine: boolean) => `${receiptLineNo}:${fromQuarantine ? 'quarantine' : 'stock'}`;

function line(i: number, sku: string, warehouseCode: string, wanted: WantedReturnLine, quantity: number, unitPriceFen: number, receiptLineNo: number | null): PurchaseReturnLine {
  return {
    lineNo: i + 1, sku, warehouseCode, location: wanted.location ?? null, batch: wanted.location ? (wanted.batch ?? '') : (wanted.batch ?? null),
    quantity, unitPriceFen, amountFen: quantity * unitPriceFen, receiptLineNo, lots: [],
  };
}

/** A purchasing manager other than its author approves it. */
export function approvePurchaseReturn<R extends PurchaseReturn>(r: R, by: string, at = new Date()): Step<R> {
  const t = PURCHASE_RETURN.move(r.status, 'approved', `approved by ${by}`, `Purchase return ${r.number}`);
  refuseSelfApproval({ kind: 'purchase return', number: r.number, createdBy: r.createdBy }, by);
  return { state: { ...r, status: 'approved', approvedBy: by, approvedAt: at }, transitions: [t], events: [] };
}

/** Withdrawn before it ships; a shipped return is not cancelled (the goods have gone). */
export function cancelPurchaseReturn<R extends PurchaseReturn>(r: R, by: string, reason: string): Step<R> {
  if (!reason.trim()) throw new DomainError('invalid', 'reason-required', 'Say why the return is cancelled', [{ field: 'reason', message: 'must not be empty' }]);
  const t = PURCHASE_RETURN.move(r.status, 'cancelled', `cancelled by ${by}: ${reason.trim()}`, `Purchase return ${r.number}`);
  return { state: { ...r, status: 'cancelled', cancelledBy: by, cancelReason: reason.trim() }, transitions: [t], events: [] };
}

/**
 * Which lots each line's goods leave from: the lot it names, or else the SKU's lots in its warehouse oldest first
 * (`lots` in that order). Only what no order holds may go back: the units free in the warehouse (`free`, on hand
 * less reserved per SKU and warehouse) bound what the lines take together; the ledger checks it again as it moves them.
 */
export function lotsToReturn(lines: readonly PurchaseReturnLine[], lots: readonly LotFigures[], free: ReadonlyMap<string, number>): ReturnLot[][] {
  const left = new Map(lots.map((l) => [lotId(l), l.onHand]));
  const freeLeft = new Map(free);
  const problems: FieldError[] = [];
  const taken = lines.map((l, i) => {
    const key = `${l.sku}\u0000${l.warehouseCode}`;
    const freeHere = freeLeft.get(key) ?? 0;
    if (l.quantity > freeHere) problems.push({ field: `lines[${i}].quantity`, message: `only ${Math.max(freeHere, 0)} of ${l.sku} in ${l.warehouseCode} are free (not held for orders)` });
    freeLeft.set(key, freeHere - l.quantity);
    const candidates = l.location !== null
      ? [{ sku: l.sku, warehouseCode: l.warehouseCode, location: l.location, batch: l.batch ?? '' }]
      : lots.filter((x) => x.sku === l.sku && x.warehouseCode === l.warehouseCode && (l.batch === null || x.batch === l.batch));
    const out: ReturnLot[] = [];
    let wanted = l.quantity;
    for (const c of candidates) {
      if (wanted === 0) break;
      const holds = left.get(lotId(c)) ?? 0;
      const quantity = Math.min(holds, wanted);
      if (quantity <= 0) continue;
      out.push({ sku: l.sku, warehouseCode: l.warehouseCode, location: c.location, batch: c.batch, quantity });
      left.set(lotId(c), holds - quantity);
      wanted -= quantity;
    }
    if (wanted > 0) {
      const where = l.location !== null ? `${l.location}${l.batch ? ` batch ${l.batch}` : ''} in ${l.warehouseCode}` : `${l.warehouseCode}${l.batch ? ` (batch ${l.batch})` : ''}`;
      problems.push({ field: `lines[${i}].quantity`, message: `${where} holds ${l.quantity - wanted} of ${l.sku}, not ${l.quantity}` });
    }
    return out;
  });
  if (problems.length) throw new DomainError('rule_violated', 'not-enough-to-return', 'The stock does not hold the goods the return sends back', problems);
  return taken;
}

const lotId = (l: { sku: string; warehouseCode: string; location: string; batch: string }) => `${l.sku}\u0000${l.warehouseCode}\u0000${l.location}\u0000${l.batch}`;

/**
 * The goods leave (the caller moves them through the ledger from `lots`): shipped, and finance hears the amount
 * to take off the supplier's payable.
 */
export function shipPurchaseReturn<R extends PurchaseReturn>(r: R, lots: readonly ReturnLot[][], by: string, at = new Date()): Step<R> {
  const t = PURCHASE_RETURN.move(r.status, 'shipped', `shipped by ${by}`, `Purchase return ${r.number}`);
  const lines = r.lines.map((l, i) => ({ ...l, lots: [...(lots[i] ?? [])] }));
  return {
    state: { ...r, status: 'shipped', lines, shippedBy: by, shippedAt: at },
    transitions: [t],
    events: [{
      type: 'inventory.purchase-return.shipped',
      aggregateId: r.id,
      data: {
        purchaseReturnId: r.id, number: r.number, supplierId: r.supplierId, receiptId: r.receiptId, receiptNumber: r.receiptNumber,
        lines: r.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
        amountFen: r.amountFen, shippedAt: at.toISOString(),
      },
    }],
  };
}
