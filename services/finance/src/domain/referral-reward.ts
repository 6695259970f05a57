import { DomainError, StateMachine, type DomainEvent, type Step } from '@ops/kernel';
import { balanced, type AccountKey, type JournalLine } from './journal.js';

/**
 * Referral rewards in finance (老带新; sales' side in services/sales/src/domain/referral-reward.ts): each reward sales
 * confirmed is recorded once, checked by an accountant or the finance manager — approved, or rejected as a false
 * referral (sales marks it void) — and paid by a cashier or the finance manager, never the checker: in cash, by
 * transfer (with the bank's reference), or credited to the referrer as a customer prepayment, usable for their next
 * orders as an overpayment is. The reward is a selling expense (6601).
 */
export type FinanceReferralStatus = 'to_check' | 'approved' | 'rejected' | 'paid' | 'credited';
export type ReferralPaymentMethod = 'cash' | 'transfer' | 'credit';

export const FINANCE_REFERRAL_REWARD = new StateMachine<FinanceReferralStatus>('finance referral reward', {
  to_check: ['approved', 'rejected'],
  approved: ['paid', 'credited'],
  rejected: [],
  paid: [],
  credited: [],
});

export interface FinanceReferralReward {
  id: string;
  number: string;
  status: FinanceReferralStatus;
  referrerId: string;
  referrerName: string;
  newCustomerId: string;
  newCustomerName: string;
  orderId: string;
  orderNumber: string;
  orderTotalFen: number;
  amountFen: number;
  requestedBy: string;
  managerConfirmedBy: string;
  receivedAt: Date;
  checkedBy: string | null;
  checkedAt: Date | null;
  rejectReason: string | null;
  method: ReferralPaymentMethod | null;
  bankReference: string | null;
  paidBy: string | null;
  paidAt: Date | null;
  journalEntryNumber: string | null;
}

export function receiveReward(r: Omit<FinanceReferralReward, 'status' | 'checkedBy' | 'checkedAt' | 'rejectReason' | 'method' | 'bankReference' | 'paidBy' | 'paidAt' | 'journalEntryNumber'>): Step<FinanceReferralReward> {
  const state: FinanceReferralReward = { ...r, status: 'to_check', checkedBy: null, checkedAt: null, rejectReason: null, method: null, bankReference: null, paidBy: null, paidAt: null, journalEntryNumber: null };
  return { state, transitions: [{ from: 'new', to: 'to_check', reason: `${r.number}: ${r.amountFen} fen for ${r.referrerName}, confirmed in sales by ${r.managerConfirmedBy}` }], events: [] };
}

export function approveReward<R extends FinanceReferralReward>(r: R, by: string, at: Date): Step<R> {
  const t = FINANCE_REFERRAL_REWARD.move(r.status, 'approved', `Checked and approved by ${by}`, r.number);
  return { state: { ...r, status: 'approved' as const, checkedBy: by, checkedAt: at }, transitions: [t], events: [] };
}

/** The check finds the referral false: sales hears of it and marks the reward void with the reason. */
export function rejectReward<R extends FinanceReferralReward>(r: R, by: string, reason: string, at: Date): Step<R> {
  const t = FINANCE_REFERRAL_REWARD.move(r.status, 'rejected', `Rejected by ${by} as false: ${reason}`, r.number);
  const event: DomainEvent = { type: 'finance.referral-reward.rejected', data: { rewardId: r.id, number: r.number, reason, rejectedBy: by, rejectedAt: at.toISOString() } };
  return { state: { ...r, status: 'rejected' as const, checkedBy: by, checkedAt: at, rejectReason: reason }, transitions: [t], events: [event] };
}

const CREDIT_ACCOUNT: Record<ReferralPaymentMethod, AccountKey> = { cash: 'cash', transfer: 'bank', credit: 'customerPrepayments' };

/** Debit selling expenses 6601; credit cash 1001, bank 1002, or customer prepayments 2203 (held for the referrer). */
export function referralRewardEntry(method: ReferralPaymentMethod, amountFen: number): JournalLine[] {
  return balanced([{ account: 'sellingExpenses', debitFen: amountFen, creditFen: 0 }, { account: CREDIT_ACCOUNT[method], debitFen: 0, creditFen: amountFen }]);
}

/** Paid (cash, transfer with its reference) or credited, by someone other than the checker; sales hears of it. */
export function payReward<R extends FinanceReferralReward>(
  r: R,
  p: { method: ReferralPaymentMethod; bankReference: string | null; by: string; at: Date; journalEntryNumber: string },
): Step<R> {
  if (p.method === 'transfer' && !p.bankReference) {
    throw new DomainError('rule_violated', 'bank-reference-required', 'A transfer needs the bank\'s reference', [{ field: 'bankReference', message: 'required for a transfer' }]);
  }
  if (r.checkedBy === p.by) throw new DomainError('forbidden', 'referral-check-and-pay', `${p.by} checked ${r.number}: another person pays it`);
  const to = p.method === 'credit' ? ('credited' as const) : ('paid' as const);
  const t = FINANCE_REFERRAL_REWARD.move(r.status, to, `${to === 'credited' ? `Credited to ${r.referrerName}'s prepayment` : `Paid by ${p.method}${p.bankReference ? ` (${p.bankReference})` : ''}`} by ${p.by}: ${p.journalEntryNumber}`, r.number);
  const bankReference = p.method === 'transfer' ? p.bankReference : null;
  const event: DomainEvent = {
    type: 'finance.referral-reward.paid',
    data: { rewardId: r.id, number: r.number, method: p.method, amountFen: r.amountFen, bankReference, journalEntryNumber: p.journalEntryNumber, paidBy: p.by, paidAt: p.at.toISOString() },
  };
  return { state: { ...r, status: to, method: p.method, bankReference, paidBy: p.by, paidAt: p.at, journalEntryNumber: p.journalEntryNumber }, transitions: [t], events: [event] };
}

/** May this reward be paid now (before the entry is posted): approved, and not by its checker. */
export function assertPayable(r: FinanceReferralReward, by: string): void {
  if (r.status !== 'approved') FINANCE_REFERRAL_REWARD.move(r.status, 'paid', '', r.number);
  if (r.checkedBy === by) throw new DomainError('forbidden', 'referral-check-and-pay', `${by} checked ${r.number}: another person pays it`);
}
