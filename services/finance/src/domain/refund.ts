import { businessDate, DomainError, formatFen, StateMachine, type FieldError, type Step } from '@ops/kernel';
import type { ReceiptMethod } from './receipt-rules.js';

/**
 * Money owed back to a customer for a cancelled order (domain.md §4: refunded as the customer chose). The
 * cancellation only makes the refund due; a cashier (or a finance manager) pays it, from the money account
 * the money came in through: cash from the drawer, card money back through the POS terminal, a transfer to
 * the customer's bank account. Until it is paid the money stays owed to the customer (customer
 * prepayments, 2203); paying it posts the entry and tells the others (finance.refund.issued).
 */
export type RefundStatus = 'due' | 'paid';

export const REFUND = new StateMachine<RefundStatus>('refund', { due: ['paid'], paid: [] });

/** A receipt whose money the refund gives back, and how much of it. */
export interface RefundSource {
  receiptId: string;
  receiptNumber: string;
  method: ReceiptMethod;
  amountFen: number;
}

/** Who the money went to: for a transfer the account a person would write on the payment slip. */
export interface RefundPayee {
  payeeName?: string;
  payeeBank?: string;
  payeeAccountNumber?: string;
}

export interface Refund {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  amountFen: number;
  /** The way the money came in, and so the way it goes back; null for money the order took from the customer's prepayment. */
  method: ReceiptMethod | null;
  sources: RefundSource[];
  reason: string;
  status: RefundStatus;
  createdBy: string;
  paidMethod: ReceiptMethod | null;
  paidBy: string | null;
  paidAt: Date | null;
  /** The paying cashier's business day the money left the drawer (or account) on (domain/cashier-day.ts). */
  paidOn: string | null;
  payee: RefundPayee | null;
  /** The return whose credit note owes the money back (domain/credit-note.ts); absent or null for a cancelled order's refund. */
  returnId?: string | null;
}

/** A counted receipt of the order, in the order it counted. */
export interface CountedReceipt {
  id: string;
  number: string;
  method: ReceiptMethod;
  amountFen: number;
}

/** One refund to make: the money of one way in. */
export interface RefundShare {
  method: ReceiptMethod | null;
  amountFen: number;
  sources: RefundSource[];
}

/**
 * Where the paid money of an order came from, by the way it came in, so each part goes back the same way.
 * The order first took `prepaymentUsedFen` from the customer's prepayment (when it opened), then each
 * counted receipt in turn up to the order's total — the part of a receipt beyond that became the
 * customer's prepayment and is not the order's to refund. One share per method (cash, POS, transfer), and
 * one without a method for the prepayment's part; together they add up to `refundFen`.
 */
export function refundShares(refundFen: number, prepaymentUsedFen: number, receipts: CountedReceipt[]): RefundShare[] {
  let left = refundFen;
  const fromPrepayment = Math.min(Math.max(prepaymentUsedFen, 0), left);
  left -= fromPrepayment;
  const byMethod = new Map<ReceiptMethod, RefundSource[]>();
  for (const receipt of receipts) {
    if (left <= 0) break;
    const amountFen = Math.min(receipt.amountFen, left);
    left -= amountFen;
    const sources = byMethod.get(receipt.method) ?? [];
    sources.push({ receiptId: receipt.id, receiptNumber: receipt.number, method: receipt.method, amountFen });
    byMethod.set(receipt.method, sources);
  }
  const shares: RefundShare[] = [...byMethod].map(([method, sources]) => ({ method, amountFen: sources.reduce((s, r) => s + r.amountFen, 0), sources }));
  // Paid money no receipt of this order accounts for came from the customer's prepayment: it has no one way in.
  const unplaced = fromPrepayment + left;
  if (unplaced > 0) shares.push({ method: null, amountFen: unplaced, sources: [] });
  return shares;
}

export type NewRefund = Omit<Refund, 'status' | 'paidMethod' | 'paidBy' | 'paidAt' | 'paidOn' | 'payee'>;

/** A cancellation makes the refund due; nothing leaves a money account yet. */
export function oweRefund(refund: NewRefund, orderNumber: string): Step<Refund> {
  if (!Number.isSafeInteger(refund.amountFen) || refund.amountFen <= 0) throw new DomainError('invalid', 'refund-not-positive', 'A refund is a positive whole number of fen');
  const way = refund.method ? `by ${refund.method}, as it came in` : 'from the customer\'s prepayment, by any way';
  return {
    state: { ...refund, status: 'due', paidMethod: null, paidBy: null, paidAt: null, paidOn: null, payee: null },
    transitions: [{ from: 'new', to: 'due', reason: `order ${orderNumber} cancelled: ${formatFen(refund.amountFen)} to refund ${way}` }],
    events: [],
  };
}

/** What a cashier paying a refund records. */
export interface RefundPayment extends RefundPayee {
  method: ReceiptMethod;
}

/**
 * The refund goes back the way its money came in (a refund due has one way, the money of several ways
 * being owed as one refund each): another method is refused, naming `method`. Money that came from the
 * customer's prepayment has no single way in, so the cashier chooses. A transfer names the payee's
 * account name, bank and account number, as on the payment slip.
 */
export function refundPaymentProblems(refund: Pick<Refund, 'method' | 'number'>, payment: RefundPayment): FieldError[] {
  const problems: FieldError[] = [];
  if (refund.method !== null && payment.method !== refund.method) {
    problems.push({ field: 'method', message: `refund ${refund.number} came in by ${refund.method} and is paid back by ${refund.method}` });
  }
  if (payment.method === 'transfer') {
    if (!payment.payeeName) problems.push({ field: 'payeeName', message: 'a transfer names the account holder it goes to' });
    if (!payment.payeeBank) problems.push({ field: 'payeeBank', message: 'a transfer names the payee\'s bank' });
    if (!payment.payeeAccountNumber) problems.push({ field: 'payeeAccountNumber', message: 'a transfer names the payee\'s account number' });
  } else if (payment.payeeBank || payment.payeeAccountNumber) {
    problems.push({ field: payment.payeeBank ? 'payeeBank' : 'payeeAccountNumber', message: `bank details belong to a transfer, not ${payment.method}` });
  }
  return problems;
}

/** A cashier pays the refund: it is paid once, and finance.refund.issued tells the others. */
export function payRefund<R extends Refund>(refund: R, payment: RefundPayment, paidBy: string, now = new Date(), paidOn = businessDate(now)): Step<R> {
  if (refund.status !== 'due') throw new DomainError('conflict', 'refund-not-due', `Refund ${refund.number} was paid by ${refund.paidBy} on ${refund.paidAt?.toISOString()}`);
  const problems = refundPaymentProblems(refund, payment);
  if (problems.length) throw new DomainError('rule_violated', 'refund-payment-refused', `Refund ${refund.number} cannot be paid this way`, problems);
  const payee: RefundPayee = {
    ...(payment.payeeName ? { payeeName: payment.payeeName } : {}),
    ...(payment.payeeBank ? { payeeBank: payment.payeeBank } : {}),
    ...(payment.payeeAccountNumber ? { payeeAccountNumber: payment.payeeAccountNumber } : {}),
  };
  const t = REFUND.move(refund.status, 'paid', `${formatFen(refund.amountFen)} paid back by ${payment.method} by ${paidBy}`, `Refund ${refund.number}`);
  const state = { ...refund, status: t.to, paidMethod: payment.method, paidBy, paidAt: now, paidOn, payee };
  return {
    state,
    transitions: [t],
    events: [{
      type: 'finance.refund.issued',
      data: {
        refundId: refund.id, orderId: refund.orderId, customerId: refund.customerId, amountFen: refund.amountFen, method: payment.method, paidAt: now.toISOString(),
        ...(refund.returnId ? { returnId: refund.returnId } : {}),
      },
    }],
  };
}
