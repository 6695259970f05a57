import { DomainError, refuseSameApprover, refuseSelfApproval, StateMachine, type Person, type Step } from '@ops/kernel';
import { SALES_LADDER } from './approval-policy.js';
import type { CreditGrade } from './credit-policy.js';

/**
 * A customer's credit terms (domain.md §4.4): grade, limit and payment terms change only through a sales
 * manager's and then the sales VP's approval, two different people, neither of them the requester.
 */
export interface CreditTerms {
  grade: CreditGrade;
  creditLimitFen: number;
  paymentTermsDays: number;
}

export type CreditChangeStatus = 'pending_manager' | 'pending_vp' | 'approved' | 'rejected';

export const CREDIT_CHANGE = new StateMachine<CreditChangeStatus>('credit change', {
  pending_manager: ['pending_vp', 'rejected'],
  pending_vp: ['approved', 'rejected'],
  approved: [],
  rejected: [],
});

export interface CreditChange {
  number: string;
  status: CreditChangeStatus;
  requestedBy: string;
  managerApprovedBy: string | null;
  managerApprovedAt?: Date | null;
  decidedBy?: string | null;
  decidedAt?: Date | null;
  decisionNote?: string | null;
  proposed: CreditTerms;
}

/** Terms nobody could sensibly grant are refused at the request, field by field. */
export function checkProposedTerms(terms: CreditTerms): void {
  const errors: Array<{ field: string; message: string }> = [];
  if (terms.grade === 'D' && terms.creditLimitFen > 0) errors.push({ field: 'creditLimitFen', message: 'must be 0 for grade D: they pay before delivery' });
  if (terms.grade === 'D' && terms.paymentTermsDays > 0) errors.push({ field: 'paymentTermsDays', message: 'must be 0 for grade D: they pay before delivery' });
  if (terms.grade !== 'D' && terms.creditLimitFen > 0 && terms.paymentTermsDays === 0) {
    errors.push({ field: 'paymentTermsDays', message: 'must be at least 1 day when a credit limit is granted' });
  }
  if (errors.length) throw new DomainError('invalid', 'credit-terms-invalid', 'The proposed credit terms are not consistent', errors);
}

/** A new request waits for a sales manager; the terms are checked before anything is written. */
export function requestCreditChange<C extends CreditChange>(change: C, reason: string): Step<C> {
  checkProposedTerms(change.proposed);
  return { state: { ...change, status: 'pending_manager' }, transitions: [{ from: 'draft', to: 'pending_manager', reason }], events: [] };
}

function decided(change: CreditChange): DomainError {
  return new DomainError('conflict', 'credit-change-decided', `Credit change ${change.number} is already ${change.status}`);
}

/** The manager's approval moves it to the VP; the VP's approval puts the terms in force (the caller applies them to the customer). */
export function approveCreditChange<C extends CreditChange>(change: C, approver: Person, at = new Date()): Step<C> {
  refuseSelfApproval({ kind: 'credit change', number: change.number, createdBy: change.requestedBy }, approver.userId);
  if (change.status === 'pending_manager') {
    if (!SALES_LADDER.canApprove(approver.roles, 'sales_manager')) throw forbidden(change, 'a sales manager');
    const t = CREDIT_CHANGE.move(change.status, 'pending_vp', `approved by sales manager ${approver.userId}`);
    return { state: { ...change, status: t.to, managerApprovedBy: approver.userId, managerApprovedAt: at }, transitions: [t], events: [] };
  }
  if (change.status === 'pending_vp') {
    if (!SALES_LADDER.canApprove(approver.roles, 'sales_vp')) throw forbidden(change, 'the sales VP');
    refuseSameApprover({ kind: 'credit change', number: change.number }, change.managerApprovedBy, approver.userId);
    const t = CREDIT_CHANGE.move(change.status, 'approved', `approved by ${approver.userId}: terms in force`);
    return { state: { ...change, status: t.to, decidedBy: approver.userId, decidedAt: at }, transitions: [t], events: [] };
  }
  throw decided(change);
}

export function rejectCreditChange<C extends CreditChange>(change: C, approver: Person, reason: string, at = new Date()): Step<C> {
  if (change.status !== 'pending_manager' && change.status !== 'pending_vp') throw decided(change);
  refuseSelfApproval({ kind: 'credit change', number: change.number, createdBy: change.requestedBy }, approver.userId);
  if (!SALES_LADDER.canApprove(approver.roles, change.status === 'pending_manager' ? 'sales_manager' : 'sales_vp')) {
    throw forbidden(change, change.status === 'pending_manager' ? 'a sales manager' : 'the sales VP');
  }
  const t = CREDIT_CHANGE.move(change.status, 'rejected', `rejected: ${reason}`);
  return { state: { ...change, status: t.to, decidedBy: approver.userId, decidedAt: at, decisionNote: reason }, transitions: [t], events: [] };
}

/** The customer under the approved terms; the move of grade is the line in the customer's history. */
export function withCreditTerms<C extends { creditGrade: CreditGrade; creditLimitFen: number; paymentTermsDays: number }>(customer: C, terms: CreditTerms, changeNumber: string): Step<C> {
  return {
    state: { ...customer, creditGrade: terms.grade, creditLimitFen: terms.creditLimitFen, paymentTermsDays: terms.paymentTermsDays },
    transitions: [{ from: `grade ${customer.creditGrade}`, to: `grade ${terms.grade}`, reason: `credit change ${changeNumber} approved` }],
    events: [],
  };
}

function forbidden(change: CreditChange, who: string): DomainError {
  return new DomainError('forbidden', 'approval-level', `Credit change ${change.number} now needs ${who} (or higher)`);
}

/** Exposure counts what is promised, not only what is billed: open receivable + approved credit orders not yet invoiced. */
export function creditExposure(openReceivableFen: number, uninvoicedCreditOrdersFen: number): number {
  return openReceivableFen + uninvoicedCreditOrdersFen;
}
