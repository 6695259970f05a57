import { DomainError, formatFen, note, refuseSameApprover, refuseSelfApproval, StateMachine, type Person, type Step } from '@ops/kernel';
import { needsDepositApproval, refuseUnlessPayable, type OrderAccount } from './order-account.js';
import { countsAtOnce, receiptDetails, receiptProblems, type ReceiptInput, type ReceiptMethod } from './receipt-rules.js';

/**
 * Money received for an order (domain.md §5). Cash and POS count at once; a transfer waits until someone in
 * finance who did not record it has seen the money in the bank; a first payment below the deposit the
 * order's agreement requires waits until a sales manager and a finance manager have both accepted it.
 * Only a counted receipt is booked and set against the order.
 */
export type ReceiptStatus = 'pending_verification' | 'awaiting_deposit_approval' | 'counted';

export const RECEIPT = new StateMachine<ReceiptStatus>('receipt', {
  pending_verification: ['counted', 'awaiting_deposit_approval'],
  awaiting_deposit_approval: ['counted'],
  counted: [],
});

export interface Receipt {
  id: string;
  number: string;
  orderId: string;
  method: ReceiptMethod;
  amountFen: number;
  payerName: string | null;
  recordedBy: string;
  /** The cashier's business day the money belongs to (domain/cashier-day.ts): the day it came in, or the next when that day is closed. */
  cashierDate: string;
  status: ReceiptStatus;
  details: Record<string, unknown>;
  verifiedBy: string | null;
  verifiedAt: Date | null;
  /** The sales side of accepting a deposit below the required amount: a sales manager, the sales VP or the general manager. */
  depositSalesApprovedBy: string | null;
  depositSalesApprovedAt: Date | null;
  /** The finance side: a finance manager. */
  depositFinanceApprovedBy: string | null;
  depositFinanceApprovedAt: Date | null;
}

export const counts = (receipt: Pick<Receipt, 'status'>): boolean => receipt.status === 'counted';

const DEPOSIT_WAITS = 'a first payment below the required deposit, counted once a sales manager and a finance manager accept it';

/** The cashier records a receipt: checked as its method asks, and counted at once unless it has to wait. */
export function recordReceipt(
  input: ReceiptInput & { id: string; number: string; recordedBy: string; cashierDate: string },
  account: OrderAccount,
): Step<Receipt> {
  refuseUnlessPayable(account);
  const problems = receiptProblems(input);
  if (problems.length) throw new DomainError('rule_violated', 'receipt-incomplete', `This ${input.method} receipt cannot be recorded as it is`, problems);
  const receipt: Receipt = {
    id: input.id, number: input.number, orderId: account.orderId, method: input.method, amountFen: input.amountFen, payerName: input.payerName ?? null,
    recordedBy: input.recordedBy, cashierDate: input.cashierDate, status: 'counted', details: receiptDetails(input),
    verifiedBy: null, verifiedAt: null, depositSalesApprovedBy: null, depositSalesApprovedAt: null, depositFinanceApprovedBy: null, depositFinanceApprovedAt: null,
  };
  const recorded = `${formatFen(input.amountFen)} by ${input.method}`;
  let status: ReceiptStatus = 'counted';
  let reason = `${recorded}, counted`;
  if (!countsAtOnce(input.method)) {
    status = 'pending_verification';
    reason = `${recorded}, waiting for finance to see it in the bank`;
  } else if (needsDepositApproval(account, input.amountFen)) {
    status = 'awaiting_deposit_approval';
    reason = `${recorded}: ${DEPOSIT_WAITS}`;
  }
  return { state: { ...receipt, status }, transitions: [{ from: 'new', to: status, reason }], events: [] };
}

/** A transfer is verified once, by someone in finance who did not record it (segregation of duties). */
export function verifyTransfer<R extends Receipt>(receipt: R, verifierId: string, account: OrderAccount, now = new Date()): Step<R> {
  if (receipt.status !== 'pending_verification') throw new DomainError('conflict', 'not-pending', `Receipt ${receipt.number} is ${receipt.status}`);
  if (receipt.recordedBy === verifierId) throw new DomainError('forbidden', 'recorder-cannot-verify', `You recorded ${receipt.number}; someone else in finance must verify it`);
  refuseUnlessPayable(account, receipt.number);
  const verified = { ...receipt, verifiedBy: verifierId, verifiedAt: now };
  const to: ReceiptStatus = needsDepositApproval(account, receipt.amountFen) ? 'awaiting_deposit_approval' : 'counted';
  const reason = `transfer verified by ${verifierId}${to === 'counted' ? '' : `: ${DEPOSIT_WAITS}`}`;
  return { state: { ...verified, status: to }, transitions: [RECEIPT.move(receipt.status, to, reason)], events: [] };
}

/** The two sides that must each accept a first payment below the required deposit, and who may fill each. */
export type DepositSide = 'sales' | 'finance';
export const DEPOSIT_APPROVERS: Readonly<Record<DepositSide, readonly string[]>> = {
  sales: ['sales_manager', 'sales_vp', 'general_manager'],
  finance: ['finance_manager'],
};
const SIDE_NAME: Record<DepositSide, string> = { sales: 'sales management', finance: 'a finance manager' };

const approverOf = (receipt: Receipt, side: DepositSide) => (side === 'sales' ? receipt.depositSalesApprovedBy : receipt.depositFinanceApprovedBy);

/**
 * A first payment below the required deposit (domain.md §5) counts once both sides have accepted it, in
 * either order: sales management (a sales manager, the sales VP or the general manager) and a finance
 * manager — two different people, neither the one who recorded it. The approver's roles decide the side
 * they fill; someone holding both fills the sales side first and cannot fill the other. The first
 * approval is a line in the receipt's history; the second makes it count.
 */
export function approveDeposit<R extends Receipt>(receipt: R, approver: Person, account: OrderAccount, now = new Date()): Step<R> & { side: DepositSide } {
  if (receipt.status !== 'awaiting_deposit_approval') throw new DomainError('conflict', 'not-a-pending-deposit', `Receipt ${receipt.number} is ${receipt.status}, not a deposit waiting for approval`);
  refuseSelfApproval({ kind: 'deposit receipt', number: receipt.number, createdBy: receipt.recordedBy }, approver.userId);
  for (const side of ['sales', 'finance'] as const) refuseSameApprover({ kind: 'deposit receipt', number: receipt.number }, approverOf(receipt, side), approver.userId);
  refuseUnlessPayable(account, receipt.number);
  const mine = (['sales', 'finance'] as const).filter((side) => DEPOSIT_APPROVERS[side].some((role) => approver.roles.includes(role)));
  if (!mine.length) throw new DomainError('forbidden', 'not-a-deposit-approver', `A deposit below the required amount is accepted by sales management and a finance manager`);
  const side = mine.find((s) => approverOf(receipt, s) === null);
  if (!side) {
    const other = mine[0] === 'sales' ? 'finance' : 'sales';
    throw new DomainError('conflict', 'deposit-side-approved', `${SIDE_NAME[mine[0]]} has accepted receipt ${receipt.number} already (${approverOf(receipt, mine[0])}); it waits for ${SIDE_NAME[other]}`);
  }
  const accepted = side === 'sales' ? { ...receipt, depositSalesApprovedBy: approver.userId, depositSalesApprovedAt: now } : { ...receipt, depositFinanceApprovedBy: approver.userId, depositFinanceApprovedAt: now };
  const reason = `deposit below the required amount accepted for ${SIDE_NAME[side]} by ${approver.userId}`;
  const waiting = accepted.depositSalesApprovedBy === null ? 'sales' : accepted.depositFinanceApprovedBy === null ? 'finance' : null;
  if (waiting) return { state: accepted, transitions: [note<ReceiptStatus>(receipt.status, `${reason}; waits for ${SIDE_NAME[waiting]}`)], events: [], side };
  const t = RECEIPT.move(receipt.status, 'counted', `${reason}; both sides accepted it, it counts`);
  return { state: { ...accepted, status: t.to }, transitions: [t], events: [], side };
}
