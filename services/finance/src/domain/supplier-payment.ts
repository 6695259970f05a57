import { ApprovalLadder, DomainError, formatFen, refuseSameApprover, refuseSelfApproval, StateMachine, type Person, type Step } from '@ops/kernel';
import { balanced, type JournalLine } from './journal.js';
import { allocate, oldestDueFirst, remainingOf, type Payable } from './payable.js';

/**
 * A supplier payment request (purchasing's payment approval): a purchaser asks to pay a supplier — open payables,
 * or an approved purchase order's prepayment — a purchasing manager approves, then a general manager (the
 * deputy GM), each a different person from the creator and from each other; either may reject with a reason.
 * Finance (finance manager or cashier) then pays it by transfer or cash.
 *
 * Paying payables uses the supplier's prepayment first (debit 2202, credit 1123), then the money settles them
 * oldest due first (debit 2202); money beyond what they still owe is held as the supplier's prepayment (debit
 * 1123), used on its next settlement. A purchase order's prepayment goes wholly to 1123.
 */
export type PaymentRequestStatus = 'submitted' | 'manager_approved' | 'approved' | 'paid' | 'rejected';
export type PaymentRequestKind = 'payables' | 'prepayment';
export type SupplierPaymentMethod = 'transfer' | 'cash';

export const PAYMENT_REQUEST = new StateMachine<PaymentRequestStatus>('payment request', {
  submitted: ['manager_approved', 'rejected'],
  manager_approved: ['approved', 'rejected'],
  approved: ['paid'],
  paid: [],
  rejected: [],
});

/** The two levels; a general manager may act at the purchasing manager's level too ("a higher role may approve a lower level"). */
export const PAYMENT_LADDER = new ApprovalLadder<'purchasing_manager' | 'general_manager'>(['purchasing_manager', 'general_manager']);

/** The level a request waits for in each state that waits for one. */
const LEVEL_AWAITED: Partial<Record<PaymentRequestStatus, 'purchasing_manager' | 'general_manager'>> = { submitted: 'purchasing_manager', manager_approved: 'general_manager' };

export interface PaymentRequest {
  id: string;
  number: string;
  supplierId: string;
  kind: PaymentRequestKind;
  payableIds: string[];
  purchaseOrderId: string | null;
  purchaseOrderNumber: string | null;
  amountFen: number;
  reason: string;
  status: PaymentRequestStatus;
  createdBy: string;
  createdAt: Date;
  managerApprovedBy: string | null;
  managerApprovedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  rejectedBy: string | null;
  rejectionReason: string | null;
  rejectedAt: Date | null;
  method: SupplierPaymentMethod | null;
  bankReference: string | null;
  paidBy: string | null;
  paidAt: Date | null;
  prepaymentUsedFen: number;
  toPayablesFen: number;
  toPrepaymentFen: number;
}

const what = (r: Pick<PaymentRequest, 'number'>) => `Payment request ${r.number}`;

function levelAwaited(r: Pick<PaymentRequest, 'number' | 'status'>): 'purchasing_manager' | 'general_manager' {
  const level = LEVEL_AWAITED[r.status];
  if (!level) throw new DomainError('conflict', 'payment-request-transition-refused', `${what(r)} that is ${r.status.replace(/_/g, ' ')} waits for no approval`);
  return level;
}

/**
 * A purchaser's request. For payables: each must be an open payable of the supplier (the amount may exceed what
 * they owe; the rest becomes prepayment). For a prepayment: at most what the order still requires.
 */
export function requestPayment(
  request: Pick<PaymentRequest, 'id' | 'number' | 'supplierId' | 'amountFen' | 'reason' | 'createdBy'> & { payableIds?: string[]; purchaseOrderId?: string },
  found: { payables: readonly Payable[]; prepayment: { purchaseOrderNumber: string; supplierId: string; outstandingFen: number } | null },
  now = new Date(),
): Step<PaymentRequest> {
  const hasPayables = (request.payableIds?.length ?? 0) > 0;
  const hasOrder = request.purchaseOrderId !== undefined;
  if (hasPayables === hasOrder) {
    throw new DomainError('rule_violated', 'payment-request-target', 'Name either payables to settle or a purchase order to prepay, not both', [
      { field: 'payableIds', message: 'either payableIds or purchaseOrderId' },
    ]);
  }
  if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) throw new DomainError('invalid', 'amount-not-positive', 'A payment is a positive whole number of fen');
  let kind: PaymentRequestKind;
  if (hasPayables) {
    const byId = new Map(found.payables.map((p) => [p.id, p]));
    const wrong = request.payableIds!.filter((id) => byId.get(id)?.supplierId !== request.supplierId || byId.get(id)?.status !== 'open');
    if (wrong.length) {
      throw new DomainError('rule_violated', 'payable-not-payable', `Not open payables of this supplier: ${wrong.join(', ')}`, [{ field: 'payableIds', message: `not open payables of this supplier: ${wrong.join(', ')}` }]);
    }
    kind = 'payables';
  } else {
    const po = found.prepayment;
    if (!po || po.supplierId !== request.supplierId || po.outstandingFen <= 0) {
      throw new DomainError('rule_violated', 'no-prepayment-awaited', 'The purchase order does not await a prepayment to this supplier', [{ field: 'purchaseOrderId', message: 'no prepayment awaited for this supplier' }]);
    }
    if (request.amountFen > po.outstandingFen) {
      throw new DomainError('rule_violated', 'prepayment-exceeded', `Order ${po.purchaseOrderNumber} still requires ${formatFen(po.outstandingFen)}`, [
        { field: 'amountFen', message: `at most ${formatFen(po.outstandingFen)}` },
      ]);
    }
    kind = 'prepayment';
  }
  const state: PaymentRequest = {
    id: request.id, number: request.number, supplierId: request.supplierId, kind, payableIds: hasPayables ? [...request.payableIds!] : [],
    purchaseOrderId: request.purchaseOrderId ?? null, purchaseOrderNumber: found.prepayment?.purchaseOrderNumber ?? null, amountFen: request.amountFen,
    reason: request.reason.trim(), status: 'submitted', createdBy: request.createdBy, createdAt: now,
    managerApprovedBy: null, managerApprovedAt: null, approvedBy: null, approvedAt: null, rejectedBy: null, rejectionReason: null, rejectedAt: null,
    method: null, bankReference: null, paidBy: null, paidAt: null, prepaymentUsedFen: 0, toPayablesFen: 0, toPrepaymentFen: 0,
  };
  return {
    state,
    transitions: [{ from: 'new', to: 'submitted', reason: `${formatFen(request.amountFen)} ${kind === 'payables' ? `for ${state.payableIds.length} payable(s)` : `prepayment of ${state.purchaseOrderNumber}`}: ${state.reason}` }],
    events: [],
  };
}

/**
 * Money goes only to an active supplier, and a transfer only to the bank account finance holds for it (from
 * the supplier's record); `method` null checks a request, which names no method yet.
 */
export function refuseUnpayableSupplier(supplier: { code: string; active: boolean; bankAccount: string | null }, method: SupplierPaymentMethod | null): void {
  if (!supplier.active) {
    throw new DomainError('rule_violated', 'supplier-inactive', `Supplier ${supplier.code} is inactive: nothing is paid to it`, [{ field: 'supplierId', message: 'names an inactive supplier' }]);
  }
  if (method === 'transfer' && !supplier.bankAccount) {
    throw new DomainError('rule_violated', 'no-bank-account', `Finance holds no bank account of supplier ${supplier.code}: pay in cash or have purchasing record it`, [{ field: 'method', message: 'a transfer needs the supplier\'s bank account' }]);
  }
}

/** One approval at the level the request waits for: never the creator, never the first approver again. */
export function approvePaymentRequest<R extends PaymentRequest>(r: R, approver: Person, now = new Date()): Step<R> {
  const level = levelAwaited(r);
  refuseSelfApproval({ kind: 'payment request', number: r.number, createdBy: r.createdBy }, approver.userId);
  PAYMENT_LADDER.refuseUnlessCanApprove(approver.roles, level, what(r));
  if (level === 'purchasing_manager') {
    const t = PAYMENT_REQUEST.move(r.status, 'manager_approved', `approved by the purchasing manager ${approver.userId}`, what(r));
    return { state: { ...r, status: t.to, managerApprovedBy: approver.userId, managerApprovedAt: now }, transitions: [t], events: [] };
  }
  refuseSameApprover({ kind: 'payment request', number: r.number }, r.managerApprovedBy, approver.userId);
  const t = PAYMENT_REQUEST.move(r.status, 'approved', `approved by the general manager ${approver.userId}: finance may pay`, what(r));
  return { state: { ...r, status: t.to, approvedBy: approver.userId, approvedAt: now }, transitions: [t], events: [] };
}

/** Rejected with a reason by whoever may approve it at the level it waits for (never its creator). */
export function rejectPaymentRequest<R extends PaymentRequest>(r: R, approver: Person, reason: string, now = new Date()): Step<R> {
  const level = levelAwaited(r);
  const why = reason.trim();
  refuseSelfApproval({ kind: 'payment request', number: r.number, createdBy: r.createdBy }, approver.userId);
  PAYMENT_LADDER.refuseUnlessCanApprove(approver.roles, level, what(r));
  if (!why) throw new DomainError('invalid', 'reason-required', 'A rejection needs a reason', [{ field: 'reason', message: 'reason must not be blank' }]);
  const t = PAYMENT_REQUEST.move(r.status, 'rejected', `rejected by ${approver.userId}: ${why}`, what(r));
  return { state: { ...r, status: t.to, rejectedBy: approver.userId, rejectionReason: why, rejectedAt: now }, transitions: [t], events: [] };
}

/** What a payment does, before anything is written: the prepayment used, the money to payables, the rest held. */
export interface PaymentPlan {
  prepaymentUsedFen: number;
  toPayablesFen: number;
  toPrepaymentFen: number;
  /** Per payable: what the supplier's prepayment and the money take off it. */
  settlements: Array<{ payableId: string; fromPrepaymentFen: number; fromMoneyFen: number }>;
}

/**
 * Plans paying `r`: for payables, the supplier's prepayment `heldFen` goes against them first (oldest due first),
 * then the money; what the money does not need is held as prepayment. A prepayment request holds it all.
 */
export function planPayment(r: Pick<PaymentRequest, 'kind' | 'amountFen'>, payables: readonly Payable[], heldFen: number): PaymentPlan {
  if (r.kind === 'prepayment') return { prepaymentUsedFen: 0, toPayablesFen: 0, toPrepaymentFen: r.amountFen, settlements: [] };
  const open = oldestDueFirst(payables.filter((p) => p.status === 'open'));
  const fromPrepayment = allocate(open, Math.max(heldFen, 0)).allocations;
  const after = open.map((p) => ({ ...p, settledFen: p.settledFen + (fromPrepayment.find((a) => a.payable.id === p.id)?.fen ?? 0) }));
  const fromMoney = allocate(after.map((p) => ({ ...p, status: remainingOf(p) > 0 ? ('open' as const) : ('settled' as const) })), r.amountFen);
  const settlements = open
    .map((p) => ({
      payableId: p.id,
      fromPrepaymentFen: fromPrepayment.find((a) => a.payable.id === p.id)?.fen ?? 0,
      fromMoneyFen: fromMoney.allocations.find((a) => a.payable.id === p.id)?.fen ?? 0,
    }))
    .filter((s) => s.fromPrepaymentFen + s.fromMoneyFen > 0);
  const prepaymentUsedFen = fromPrepayment.reduce((sum, a) => sum + a.fen, 0);
  return { prepaymentUsedFen, toPayablesFen: r.amountFen - fromMoney.restFen, toPrepaymentFen: fromMoney.restFen, settlements };
}

/** Finance pays an approved request; `plan` says where the money went (planPayment). */
export function payPaymentRequest<R extends PaymentRequest>(
  r: R,
  payment: { method: SupplierPaymentMethod; bankReference: string | null; paidBy: string },
  plan: PaymentPlan,
  now = new Date(),
): Step<R> {
  const reference = payment.bankReference?.trim() || null;
  if (payment.method === 'transfer' && !reference) {
    throw new DomainError('rule_violated', 'bank-reference-required', 'A transfer needs the bank\'s reference', [{ field: 'bankReference', message: 'required for a transfer' }]);
  }
  if (plan.toPayablesFen + plan.toPrepaymentFen !== r.amountFen) throw new Error(`payment request ${r.number}: the plan does not add up to the amount`);
  const t = PAYMENT_REQUEST.move(
    r.status, 'paid',
    `paid ${formatFen(r.amountFen)} by ${payment.method}${reference ? ` (${reference})` : ''}: ${formatFen(plan.prepaymentUsedFen)} prepayment used, ` +
      `${formatFen(plan.toPayablesFen)} to payables, ${formatFen(plan.toPrepaymentFen)} held as prepayment`,
    what(r),
  );
  const state = {
    ...r, status: t.to, method: payment.method, bankReference: reference, paidBy: payment.paidBy, paidAt: now,
    prepaymentUsedFen: plan.prepaymentUsedFen, toPayablesFen: plan.toPayablesFen, toPrepaymentFen: plan.toPrepaymentFen,
  };
  return {
    state,
    transitions: [t],
    events: [{
      type: 'finance.supplier-payment.paid',
      data: {
        paymentRequestId: r.id, number: r.number, supplierId: r.supplierId, kind: r.kind, purchaseOrderId: r.purchaseOrderId, amountFen: r.amountFen,
        prepaymentUsedFen: plan.prepaymentUsedFen, toPayablesFen: plan.toPayablesFen, toPrepaymentFen: plan.toPrepaymentFen, method: payment.method,
        settledPayableIds: plan.settlements.map((s) => s.payableId), paidAt: now.toISOString(),
      },
    }],
  };
}

/** The money paid: debit 2202 for what settled payables, debit 1123 for what is held, credit the bank (1002) or cash (1001). */
export function supplierPaymentEntry(method: SupplierPaymentMethod, amountFen: number, toPayablesFen: number): JournalLine[] {
  return balanced([
    ...(toPayablesFen > 0 ? [{ account: 'payables' as const, debitFen: toPayablesFen, creditFen: 0 }] : []),
    ...(amountFen - toPayablesFen > 0 ? [{ account: 'supplierPrepayments' as const, debitFen: amountFen - toPayablesFen, creditFen: 0 }] : []),
    { account: method === 'cash' ? 'cash' : 'bank', debitFen: 0, creditFen: amountFen },
  ]);
}
