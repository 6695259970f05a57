import {
  ApprovalLadder, businessDate, DomainError, inForceOn, levelForAmount, refuseSelfApproval, StateMachine, yuan,
  type AmountTiers, type BusinessDate, type Dated, type FieldError, type Step,
} from '@ops/kernel';

/**
 * A purchase order (domain.md, purchasing): what is bought from one supplier, line by line, at prices
 * that include VAT. Drafted by a purchaser (by hand, from the shortage register, or for production's material
 * requests: domain/material-request.ts), approved by someone else at the level its amount needs, received by
 * audited goods receipts, closed when everything came in or when a manager decides the rest will not
 * (short-closed, with a reason). Cancelled only before any receipt.
 */
export type PurchaseOrderStatus = 'draft' | 'approved' | 'partly_received' | 'received' | 'closed' | 'cancelled';

export const PURCHASE_ORDER = new StateMachine<PurchaseOrderStatus>('purchase order', {
  draft: ['approved', 'cancelled'],
  approved: ['partly_received', 'received', 'closed', 'cancelled'],
  partly_received: ['partly_received', 'received', 'closed'],
  received: ['received', 'closed'],
  closed: [],
  cancelled: [],
});

export interface PurchaseOrderLine {
  lineNo: number;
  sku: string;
  warehouseCode: string;
  quantity: number;
  /** Counted by audited receipts; may pass `quantity` when a purchasing manager accepts more. */
  receivedQuantity: number;
  /** VAT included. */
  unitPriceFen: number;
  promisedDate: BusinessDate;
}

export interface PurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  status: PurchaseOrderStatus;
  lines: PurchaseOrderLine[];
  /** Σ quantity × unit price, VAT included. */
  amountFen: number;
  /** What the supplier must be paid before delivering; 0 when nothing. */
  prepaymentFen: number;
  /** Why it was short-closed or cancelled. */
  reason: string | null;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: Date | null;
}

/** The purchasing ladder: a purchasing manager, then the general manager (acting as the deputy GM for large purchases). */
export const PURCHASING_LADDER = new ApprovalLadder(['purchasing_manager', 'general_manager'] as const);
export type PurchasingLevel = (typeof PURCHASING_LADDER.levels)[number];

/**
 * Who approves a purchase order by its amount, as data in force from a date: every order needs a
 * purchasing manager; from 50,000.00 CNY the general manager. Boundaries belong to the higher tier; a
 * change of policy is a new version with its first day.
 */
export const PURCHASE_ORDER_THRESHOLDS: ReadonlyArray<Dated<AmountTiers<PurchasingLevel>>> = [
  {
    effectiveFrom: '2026-01-01',
    value: [
      { fromFen: 0, level: 'purchasing_manager' },
      { fromFen: yuan(50_000), level: 'general_manager' },
    ],
  },
];

export function requiredPurchaseApproval(amountFen: number, on: BusinessDate = businessDate(), thresholds = PURCHASE_ORDER_THRESHOLDS): PurchasingLevel | 'none' {
  return levelForAmount(inForceOn(thresholds, on), amountFen);
}

export interface DraftLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
  unitPriceFen: number;
  promisedDate: BusinessDate;
}

export interface DraftPurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  lines: DraftLine[];
  prepaymentFen: number;
  createdBy: string;
}

export const amountOf = (lines: ReadonlyArray<{ quantity: number; unitPriceFen: number }>): number => lines.reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0);

/** A draft: lines numbered from 1; one SKU per warehouse once; the prepayment at most the amount. */
export function draftPurchaseOrder(draft: DraftPurchaseOrder): Step<PurchaseOrder> {
  const problems: FieldError[] = [];
  if (!draft.lines.length) problems.push({ field: 'lines', message: 'an order needs at least one line' });
  const seen = new Set<string>();
  draft.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1) problems.push({ field: `lines[${i}].quantity`, message: 'must be a whole number of at least 1' });
    if (!Number.isInteger(l.unitPriceFen) || l.unitPriceFen < 0) problems.push({ field: `lines[${i}].unitPriceFen`, message: 'must be whole fen, not negative' });
    const key = `${l.sku}@${l.warehouseCode}`;
    if (seen.has(key)) problems.push({ field: `lines[${i}].sku`, message: `${l.sku} into ${l.warehouseCode} is on an earlier line` });
    seen.add(key);
  });
  const lines = draft.lines.map((l, i) => ({ lineNo: i + 1, ...l, receivedQuantity: 0 }));
  const amountFen = amountOf(lines);
  if (!Number.isInteger(draft.prepaymentFen) || draft.prepaymentFen < 0 || draft.prepaymentFen > amountFen) {
    problems.push({ field: 'prepaymentFen', message: 'must be whole fen from 0 to the order\'s amount' });
  }
  if (problems.length) throw new DomainError('rule_violated', 'invalid-purchase-order', 'The purchase order has fields to correct', problems);
  const state: PurchaseOrder = {
    id: draft.id, number: draft.number, supplierId: draft.supplierId, status: 'draft', lines, amountFen, prepaymentFen: draft.prepaymentFen,
    reason: null, createdBy: draft.createdBy, approvedBy: null, approvedAt: null,
  };
  return { state, transitions: [{ from: 'new', to: 'draft', reason: `drafted by ${draft.createdBy}` }], events: [] };
}

/**
 * Approval: never by its creator; at the level the amount needs on the day (a general manager may
 * approve what a purchasing manager may). Tells finance, which may then be asked for the prepayment.
 */
export function approvePurchaseOrder(po: PurchaseOrder, approver: { userId: string; roles: readonly string[] }, at = new Date()): Step<PurchaseOrder> {
  const what = `Purchase order ${po.number}`;
  const transition = PURCHASE_ORDER.move(po.status, 'approved', `approved by ${approver.userId}`, what);
  refuseSelfApproval({ kind: 'purchase order', number: po.number, createdBy: po.createdBy }, approver.userId);
  const level = requiredPurchaseApproval(po.amountFen, businessDate(at));
  PURCHASING_LADDER.refuseUnlessCanApprove(approver.roles, level, what);
  const state: PurchaseOrder = { ...po, status: 'approved', approvedBy: approver.userId, approvedAt: at };
  return {
    state,
    transitions: [{ ...transition, reason: `approved by ${approver.userId} at the ${level.replace(/_/g, ' ')} level (${(po.amountFen / 100).toFixed(2)} CNY)` }],
    events: [{
      type: 'inventory.purchase-order.approved',
      data: { purchaseOrderId: po.id, number: po.number, supplierId: po.supplierId, amountFen: po.amountFen, prepaymentFen: po.prepaymentFen, approvedAt: at.toISOString() },
    }],
  };
}

/** States in which goods may still be received against the order. */
export const RECEIVING: readonly PurchaseOrderStatus[] = ['approved', 'partly_received', 'received'];

/** What is still to come on a line (0 when it is complete or over-received). */
export const remainingOf = (line: Pick<PurchaseOrderLine, 'quantity' | 'receivedQuantity'>): number => Math.max(0, line.quantity - line.receivedQuantity);

/**
 * An audited receipt's quantities added to its lines; the order becomes received when every line has
 * come in full, partly received otherwise. Whether over-receiving is allowed is decided before (see
 * `overReceived` in stock-receipt.ts).
 */
export function receiveAgainst(po: PurchaseOrder, receiptNumber: string, received: ReadonlyArray<{ lineNo: number; quantity: number }>): Step<PurchaseOrder> {
  if (!RECEIVING.includes(po.status)) {
    throw new DomainError('conflict', 'purchase-order-not-receiving', `Purchase order ${po.number} is ${po.status.replace(/_/g, ' ')}: nothing can be received against it`);
  }
  const lines = po.lines.map((l) => ({ ...l, receivedQuantity: l.receivedQuantity + received.filter((r) => r.lineNo === l.lineNo).reduce((sum, r) => sum + r.quantity, 0) }));
  const status: PurchaseOrderStatus = lines.every((l) => l.receivedQuantity >= l.quantity) ? 'received' : 'partly_received';
  const state = { ...po, lines, status };
  const units = received.reduce((sum, r) => sum + r.quantity, 0);
  return { state, transitions: [PURCHASE_ORDER.move(po.status, status, `${units} units in by ${receiptNumber}`, `Purchase order ${po.number}`)], events: [] };
}

/**
 * Closing: a received order by anyone in purchasing; one with goods still to come only by a purchasing
 * manager (or the general manager) with the reason the rest will not come (short-closed).
 */
export function closePurchaseOrder(po: PurchaseOrder, by: { userId: string; roles: readonly string[] }, reason: string | null): Step<PurchaseOrder> {
  const what = `Purchase order ${po.number}`;
  if (po.status === 'received') {
    return { state: { ...po, status: 'closed', reason: reason?.trim() || null }, transitions: [PURCHASE_ORDER.move(po.status, 'closed', `closed by ${by.userId}`, what)], events: [] };
  }
  const transition = PURCHASE_ORDER.move(po.status, 'closed', `short-closed by ${by.userId}: ${reason ?? ''}`, what);
  if (!PURCHASING_LADDER.canApprove(by.roles, 'purchasing_manager')) {
    throw new DomainError('forbidden', 'short-close-needs-manager', `${what} has goods still to come: only a purchasing manager may short-close it`);
  }
  if (!reason?.trim()) throw new DomainError('rule_violated', 'reason-required', `Say why the rest of ${po.number} will not come`, [{ field: 'reason', message: 'is required to short-close an order' }]);
  return { state: { ...po, status: 'closed', reason: reason.trim() }, transitions: [transition], events: [] };
}

/** Cancelling: only before anything was received (`hasReceipts`: a receipt, even one not yet audited, names the order). */
export function cancelPurchaseOrder(po: PurchaseOrder, by: string, reason: string, hasReceipts: boolean): Step<PurchaseOrder> {
  const what = `Purchase order ${po.number}`;
  if (hasReceipts || po.lines.some((l) => l.receivedQuantity > 0)) {
    throw new DomainError('conflict', 'purchase-order-has-receipts', `${what} has goods receipts: close it instead of cancelling`);
  }
  const transition = PURCHASE_ORDER.move(po.status, 'cancelled', `cancelled by ${by}: ${reason}`, what);
  if (!reason.trim()) throw new DomainError('rule_violated', 'reason-required', 'Say why the order is cancelled', [{ field: 'reason', message: 'is required' }]);
  return { state: { ...po, status: 'cancelled', reason: reason.trim() }, transitions: [transition], events: [] };
}
