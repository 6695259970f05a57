import { DomainError, formatFen, refuseSelfApproval, StateMachine, type Step } from '@ops/kernel';
import { needsDepositApproval, refuseUnlessPayable, type OrderAccount } from './order-account.js';
import { countsAtOnce, receiptDetails, receiptProblems, type ReceiptInput, type ReceiptMethod } from './receipt-rules.js';

/**
 * Money received for an order (domain.md §5). Cash and POS count at once; a transfer waits until someone in
 * finance who did not record it has seen the money in the bank; a receipt that would leave a prepaid
 * order partly paid is a deposit below the required amount and waits for a sales manager. Only a
 * counted receipt is booked and set against the order.
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
  status: ReceiptStatus;
  details: Record<string, unknown>;
  verifiedBy: string | null;
  verifiedAt: Date | null;
  depositApprovedBy: string | null;
  depositApprovedAt: Date | null;
}

export const counts = (receipt: Pick<Receipt, 'status'>): boolean => receipt.status === 'counted';

const DEPOSIT_WAITS = 'a deposit below the required amount, counted once a sales manager accepts it';

/** The cashier records a receipt: checked as its method asks, and counted at once unless it has to wait. */
export function recordReceipt(
  input: ReceiptInput & { id: string; number: string; recordedBy: string },
  account: OrderAccount,
): Step<Receipt> {
  refuseUnlessPayable(account);
  const problems = receiptProblems(input);
  if (problems.length) throw new DomainError('rule_violated', 'receipt-incomplete', `This ${input.method} receipt cannot be recorded as it is`, problems);
  const receipt: Receipt = {
    id: input.id, number: input.number, orderId: account.orderId, method: input.method, amountFen: input.amountFen, payerName: input.payerName ?? null,
    recordedBy: input.recordedBy, status: 'counted', details: receiptDetails(input),
    verifiedBy: null, verifiedAt: null, depositApprovedBy: null, depositApprovedAt: null,
  };
  const recorded = `${formatFen(input.amountFen)} by ${input.method}`;
  let status: ReceiptStatus = 'counted';
  let reason = `${recorded}, counted`;
  if (!countsAtOnce(input.method)) {
    status = 'pending_verification';
    reason = `${recorded}, waiting for finance to see it in the bank`;
  } else if (needsDepositApproval(account, receipt)) {
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
  const to: ReceiptStatus = needsDepositApproval(account, verified) ? 'awaiting_deposit_approval' : 'counted';
  const reason = `transfer verified by ${verifierId}${to === 'counted' ? '' : `: ${DEPOSIT_WAITS}`}`;
  return { state: { ...verified, status: to }, transitions: [RECEIPT.move(receipt.status, to, reason)], events: [] };
}

/**
 * A deposit below the required amount (domain.md §5) counts once a sales manager — or anyone above, never
 * the person who recorded it — accepts it. (Who may call this at all is the catalogue's roles.)
 */
export function approveDeposit<R extends Receipt>(receipt: R, approverId: string, account: OrderAccount, now = new Date()): Step<R> {
  if (receipt.status !== 'awaiting_deposit_approval') throw new DomainError('conflict', 'not-a-pending-deposit', `Receipt ${receipt.number} is ${receipt.status}, not a deposit waiting for approval`);
  refuseSelfApproval({ kind: 'deposit receipt', number: receipt.number, createdBy: receipt.recordedBy }, approverId);
  refuseUnlessPayable(account, receipt.number);
  const t = RECEIPT.move(receipt.status, 'counted', `deposit below the required amount accepted by ${approverId}`);
  return { state: { ...receipt, status: t.to, depositApprovedBy: approverId, depositApprovedAt: now }, transitions: [t], events: [] };
}
