import { DomainError, formatFen, note, refuseSameApprover, refuseSelfApproval, StateMachine, type FieldError, type Person, type Step, type Transition } from '@ops/kernel';
import { SALES_LADDER, type SalesLevel } from './approval-policy.js';

/**
 * A return of shipped goods (RMA, domain.md §4 "Returns"): requested by the sales desk, approved by a sales
 * manager and then the sales VP — and the general manager too when the goods are not faulty —, received and
 * inspected by the warehouse, investigated by a sales manager, credited by finance, and closed once the goods
 * are back and the money is settled.
 */
export type ReturnStatus = 'requested' | 'manager_approved' | 'vp_approved' | 'approved' | 'goods_received' | 'investigated' | 'closed' | 'rejected' | 'cancelled';
export type ReturnReason = 'quality_problem' | 'wrong_goods' | 'transport_damage' | 'other';

export const RETURN = new StateMachine<ReturnStatus>('return', {
  requested: ['manager_approved', 'approved', 'rejected', 'cancelled'],
  manager_approved: ['vp_approved', 'approved', 'rejected', 'cancelled'],
  vp_approved: ['approved', 'rejected', 'cancelled'],
  approved: ['goods_received'],
  goods_received: ['investigated'],
  investigated: ['closed'],
  closed: [],
  rejected: [],
  cancelled: [],
});

/** The status a return has once `level` (an approval step) has been given. */
const AFTER_STEP: Record<SalesLevel, ReturnStatus> = { sales_manager: 'manager_approved', sales_vp: 'vp_approved', general_manager: 'approved' };

export interface ReturnLine {
  lineNo: number;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  shippedQuantity: number;
  previouslyReturnedQuantity: number;
  receivedQuantity: number | null;
  acceptedQuantity: number | null;
  rejectedQuantity: number | null;
}

export interface ReturnApproval {
  level: SalesLevel;
  by: string;
  at: string;
}

export interface ReturnInvestigation {
  findings: string;
  claimFen: number;
  creditFen: number;
  by: string;
  at: string;
}

export interface Return {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  faulty: boolean;
  lines: ReturnLine[];
  requiredLevels: SalesLevel[];
  approvals: ReturnApproval[];
  requestedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
  investigation: ReturnInvestigation | null;
  creditNoteNumber: string | null;
  refundFen: number | null;
  goodsBackAt: Date | null;
  settledAt: Date | null;
}

/** Goods that are not faulty (or sent back for another reason) are a commercial favour: the general manager decides too. */
export function requiredLevels(reason: ReturnReason, faulty: boolean): SalesLevel[] {
  return faulty && reason !== 'other' ? ['sales_manager', 'sales_vp'] : ['sales_manager', 'sales_vp', 'general_manager'];
}

/** What the order shipped of a SKU, at the price it was sold at (after discount). */
export interface ShippedSku {
  sku: string;
  shippedQuantity: number;
  unitPriceFen: number;
}

/**
 * The lines asked for, checked against what the order shipped less what earlier live returns of the order
 * claim (`claimed`, per SKU). Lines of one SKU add up. Refused field by field (422), nothing written.
 */
export function returnLines(asked: ReadonlyArray<{ sku: string; quantity: number }>, shipped: readonly ShippedSku[], claimed: ReadonlyMap<string, number>): ReturnLine[] {
  const problems: FieldError[] = [];
  const askedSoFar = new Map<string, number>();
  const lines = asked.map((line, i) => {
    const sold = shipped.find((s) => s.sku === line.sku);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.push({ field: `lines[${i}].quantity`, message: 'must be a positive whole number' });
    if (!sold || sold.shippedQuantity === 0) {
      problems.push({ field: `lines[${i}].sku`, message: `the order shipped no ${line.sku}` });
      return null;
    }
    const before = claimed.get(line.sku) ?? 0;
    const total = (askedSoFar.get(line.sku) ?? 0) + line.quantity;
    askedSoFar.set(line.sku, total);
    const left = sold.shippedQuantity - before;
    if (total > left) {
      problems.push({ field: `lines[${i}].quantity`, message: `at most ${Math.max(left - (total - line.quantity), 0)} of ${line.sku} may be returned: ${sold.shippedQuantity} shipped, ${before} claimed by earlier returns` });
    }
    return {
      lineNo: i + 1, sku: line.sku, quantity: line.quantity, unitPriceFen: sold.unitPriceFen, shippedQuantity: sold.shippedQuantity, previouslyReturnedQuantity: before,
      receivedQuantity: null, acceptedQuantity: null, rejectedQuantity: null,
    };
  });
  if (problems.length) throw new DomainError('rule_violated', 'return-quantity-refused', 'Some lines ask to return goods the order did not ship, or more than is left to return', problems);
  return lines as ReturnLine[];
}

/** Only a shipped (in part or in full) or delivered order has goods to send back. */
export function refuseUnlessShipped(order: { number: string; fulfilment: string }): void {
  if (!['shipped_in_part', 'shipped', 'delivered'].includes(order.fulfilment)) {
    throw new DomainError('conflict', 'order-not-shipped', `Order ${order.number} has shipped nothing yet, so nothing can be returned`);
  }
}

export type NewReturn = Omit<Return, 'status' | 'requiredLevels' | 'approvals' | 'decidedBy' | 'decisionNote' | 'investigation' | 'creditNoteNumber' | 'refundFen' | 'goodsBackAt' | 'settledAt'>;

/** A new return waits for its first approval step. */
export function requestReturn<R extends NewReturn>(request: R): Step<R & Return> {
  const levels = requiredLevels(request.reason, request.faulty);
  const state = {
    ...request, status: 'requested' as const, requiredLevels: levels, approvals: [], decidedBy: null, decisionNote: null, investigation: null,
    creditNoteNumber: null, refundFen: null, goodsBackAt: null, settledAt: null,
  };
  const units = request.lines.reduce((s, l) => s + l.quantity, 0);
  return { state, transitions: [{ from: 'new', to: 'requested', reason: `${units} unit(s) to return (${request.reason.replace(/_/g, ' ')}), needs ${levels.map((l) => l.replace(/_/g, ' ')).join(' → ')}` }], events: [] };
}

/** The step a return waits for, or null when it waits for no approval. */
export function pendingLevel(r: Pick<Return, 'status' | 'requiredLevels' | 'approvals'>): SalesLevel | null {
  if (!['requested', 'manager_approved', 'vp_approved'].includes(r.status)) return null;
  return r.requiredLevels[r.approvals.length] ?? null;
}

function notPending(r: Return): DomainError {
  return new DomainError('conflict', 'return-not-pending', `Return ${r.number} is ${r.status.replace(/_/g, ' ')}, not waiting for approval`);
}

function refuseApprover(r: Return, approver: Person, level: SalesLevel): void {
  refuseSelfApproval({ kind: 'return', number: r.number, createdBy: r.requestedBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, level, `Return ${r.number} now`);
}

/**
 * One approval step: the requester never; a role at or above the step; someone who approved an earlier step
 * never again. The last step approves the return and tells inventory to expect the goods.
 */
export function approveReturn<R extends Return>(r: R, approver: Person, at = new Date()): Step<R> {
  const level = pendingLevel(r);
  if (!level) throw notPending(r);
  refuseApprover(r, approver, level);
  for (const earlier of r.approvals) refuseSameApprover({ kind: 'return', number: r.number }, earlier.by, approver.userId);
  const approvals = [...r.approvals, { level, by: approver.userId, at: at.toISOString() }];
  const last = approvals.length === r.requiredLevels.length;
  const to: ReturnStatus = last ? 'approved' : AFTER_STEP[level];
  const t = RETURN.move(r.status, to, `${level.replace(/_/g, ' ')} step approved by ${approver.userId}${last ? ': goods may come back' : ''}`, `Return ${r.number}`);
  const state = { ...r, status: t.to, approvals, ...(last ? { decidedBy: approver.userId } : {}) };
  return {
    state,
    transitions: [t],
    events: last
      ? [{ type: 'sales.return.approved', data: { returnId: r.id, returnNumber: r.number, orderId: r.orderId, customerId: r.customerId, lines: r.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen })) } }]
      : [],
  };
}

export function rejectReturn<R extends Return>(r: R, approver: Person, reason: string): Step<R> {
  const level = pendingLevel(r);
  if (!level) throw notPending(r);
  refuseApprover(r, approver, level);
  const t = RETURN.move(r.status, 'rejected', `rejected at the ${level.replace(/_/g, ' ')} step: ${reason}`, `Return ${r.number}`);
  return { state: { ...r, status: t.to, decidedBy: approver.userId, decisionNote: reason }, transitions: [t], events: [] };
}

/** The requester may withdraw the return while it waits for approval. */
export function cancelReturn<R extends Return>(r: R, by: string, reason: string): Step<R> {
  if (r.requestedBy !== by) throw new DomainError('forbidden', 'not-requester', `Only ${r.requestedBy}, who requested return ${r.number}, may cancel it`);
  if (!pendingLevel(r)) throw notPending(r);
  const t = RETURN.move(r.status, 'cancelled', `cancelled by the requester: ${reason}`, `Return ${r.number}`);
  return { state: { ...r, status: t.to, decidedBy: by, decisionNote: reason }, transitions: [t], events: [] };
}

/** What inventory counted and how the inspection split it, per SKU. */
export interface ReceivedLine {
  sku: string;
  receivedQuantity: number;
  acceptedQuantity: number;
  rejectedQuantity: number;
}

/** Inventory received and inspected the goods. Heard once (the inbox); a repeat on a return past this point changes nothing. */
export function goodsReceived<R extends Return>(r: R, received: readonly ReceivedLine[], at: Date): Step<R> {
  if (r.status !== 'approved') return { state: r, transitions: [], events: [] };
  const remaining = new Map(received.map((l) => [l.sku, { ...l }]));
  // A SKU on two lines of the return: the counts fill the lines in order.
  const lines = r.lines.map((line) => {
    const got = remaining.get(line.sku) ?? { sku: line.sku, receivedQuantity: 0, acceptedQuantity: 0, rejectedQuantity: 0 };
    const receivedQuantity = Math.min(line.quantity, got.receivedQuantity);
    const acceptedQuantity = Math.min(receivedQuantity, got.acceptedQuantity);
    const rejectedQuantity = receivedQuantity - acceptedQuantity;
    got.receivedQuantity -= receivedQuantity;
    got.acceptedQuantity -= acceptedQuantity;
    got.rejectedQuantity -= rejectedQuantity;
    remaining.set(line.sku, got);
    return { ...line, receivedQuantity, acceptedQuantity, rejectedQuantity };
  });
  const accepted = lines.reduce((s, l) => s + (l.acceptedQuantity ?? 0), 0);
  const rejected = lines.reduce((s, l) => s + (l.rejectedQuantity ?? 0), 0);
  const t = RETURN.move(r.status, 'goods_received', `goods back: ${accepted} accepted, ${rejected} rejected by inspection`, `Return ${r.number}`);
  return { state: { ...r, status: t.to, lines, goodsBackAt: at }, transitions: [t], events: [] };
}

/** The customer is credited for accepted goods only. */
export function creditFor(lines: readonly ReturnLine[]): number {
  return lines.reduce((sum, l) => sum + (l.acceptedQuantity ?? 0) * l.unitPriceFen, 0);
}

/**
 * A sales manager records what the investigation found and what will be claimed from a carrier or supplier.
 * Finance then credits Σ accepted × unit price; with nothing to credit the return is settled and closes at once.
 */
export function investigate<R extends Return>(r: R, findings: { findings: string; claimFen: number }, by: string, at = new Date()): Step<R> {
  if (r.status !== 'goods_received') {
    throw new DomainError('conflict', 'return-not-received', r.investigation ? `Return ${r.number} was investigated already` : `Return ${r.number} is ${r.status.replace(/_/g, ' ')}: the goods must be back before the investigation`);
  }
  if (!Number.isSafeInteger(findings.claimFen) || findings.claimFen < 0) throw new DomainError('invalid', 'claim-invalid', 'The claim is whole fen, 0 or more', [{ field: 'claimFen', message: 'must be 0 or more whole fen' }]);
  const creditFen = creditFor(r.lines);
  const investigation: ReturnInvestigation = { findings: findings.findings, claimFen: findings.claimFen, creditFen, by, at: at.toISOString() };
  const t = RETURN.move(r.status, 'investigated', `investigated by ${by}: customer credited ${formatFen(creditFen)}, ${formatFen(findings.claimFen)} claimed`, `Return ${r.number}`);
  const lines = r.lines.filter((l) => (l.acceptedQuantity ?? 0) > 0);
  const investigated: Step<R> = {
    state: { ...r, status: t.to, investigation },
    transitions: [t],
    events: [{
      type: 'sales.return.investigated',
      data: {
        returnId: r.id, returnNumber: r.number, orderId: r.orderId, customerId: r.customerId, creditFen,
        lines: lines.map((l) => ({ sku: l.sku, acceptedQuantity: l.acceptedQuantity ?? 0, unitPriceFen: l.unitPriceFen, amountFen: (l.acceptedQuantity ?? 0) * l.unitPriceFen })),
      },
    }],
  };
  if (creditFen > 0) return investigated;
  const closed = settle(investigated.state, 'nothing to credit: no goods passed inspection', at);
  return { state: closed.state, transitions: [...investigated.transitions, ...closed.transitions], events: investigated.events };
}

/** Finance issued the credit note: all of it reduced the receivable (refund 0, settled), or a refund is due. */
export function credited<R extends Return>(r: R, creditNote: { number: string; refundFen: number }, at = new Date()): Step<R> {
  if (r.creditNoteNumber) return { state: r, transitions: [], events: [] };
  const state = { ...r, creditNoteNumber: creditNote.number, refundFen: creditNote.refundFen };
  if (creditNote.refundFen > 0) {
    return { state, transitions: [note(r.status, `credit note ${creditNote.number}: ${formatFen(creditNote.refundFen)} to refund`) as Transition], events: [] };
  }
  return settle(state, `credit note ${creditNote.number} set against the order's receivable`, at);
}

/** The refund of the return's credit was paid. */
export function refunded<R extends Return>(r: R, amountFen: number, at = new Date()): Step<R> {
  return settle(r, `refund of ${formatFen(amountFen)} paid`, at);
}

/** The money is settled; the return closes when the goods are back too (they are, once it is investigated). */
function settle<R extends Return>(r: R, why: string, at: Date): Step<R> {
  if (r.settledAt) return { state: r, transitions: [], events: [] };
  const state = { ...r, settledAt: at };
  if (r.status !== 'investigated') {
    // Settlement heard before the investigation (it cannot come earlier in practice): kept, and the return waits.
    return { state, transitions: [note(r.status, why) as Transition], events: [] };
  }
  const t = RETURN.move(r.status, 'closed', `${why}: goods back and money settled`, `Return ${r.number}`);
  return { state: { ...state, status: t.to }, transitions: [t], events: [] };
}
