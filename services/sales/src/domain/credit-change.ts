import { DomainError } from '@ops/contracts';
import { canApprove, refuseSelfApproval } from '@ops/auth';
import type { CreditGrade } from './credit-policy.js';

/**
 * A customer's credit terms (DESIGN §4.4): grade, limit and payment terms change only through a sales
 * manager's and then the sales VP's approval, two different people, neither of them the requester.
 */
export interface CreditTerms {
  grade: CreditGrade;
  creditLimitFen: number;
  paymentTermsDays: number;
}

export type CreditChangeStatus = 'pending_manager' | 'pending_vp' | 'approved' | 'rejected';

export interface CreditChange {
  number: string;
  status: CreditChangeStatus;
  requestedBy: string;
  managerApprovedBy: string | null;
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

export function approveCreditChange<C extends CreditChange>(change: C, approver: { userId: string; roles: readonly string[] }): C {
  refuseSelfApproval({ kind: 'credit change', number: change.number, createdBy: change.requestedBy }, approver.userId);
  if (change.status === 'pending_manager') {
    if (!canApprove(approver.roles, 'sales_manager')) throw forbidden(change, 'a sales manager');
    return { ...change, status: 'pending_vp', managerApprovedBy: approver.userId };
  }
  if (change.status === 'pending_vp') {
    if (!canApprove(approver.roles, 'sales_vp')) throw forbidden(change, 'the sales VP');
    if (change.managerApprovedBy === approver.userId) {
      throw new DomainError('forbidden', 'same-approver', `You approved credit change ${change.number} as manager; the second approval must come from someone else`);
    }
    return { ...change, status: 'approved' };
  }
  throw new DomainError('conflict', 'credit-change-decided', `Credit change ${change.number} is already ${change.status}`);
}

export function rejectCreditChange<C extends CreditChange>(change: C, approver: { userId: string; roles: readonly string[] }): C {
  if (change.status !== 'pending_manager' && change.status !== 'pending_vp') {
    throw new DomainError('conflict', 'credit-change-decided', `Credit change ${change.number} is already ${change.status}`);
  }
  refuseSelfApproval({ kind: 'credit change', number: change.number, createdBy: change.requestedBy }, approver.userId);
  if (!canApprove(approver.roles, change.status === 'pending_manager' ? 'sales_manager' : 'sales_vp')) {
    throw forbidden(change, change.status === 'pending_manager' ? 'a sales manager' : 'the sales VP');
  }
  return { ...change, status: 'rejected' };
}

function forbidden(change: CreditChange, who: string): DomainError {
  return new DomainError('forbidden', 'approval-level', `Credit change ${change.number} now needs ${who} (or higher)`);
}

/** Exposure counts what is promised, not only what is billed: open receivable + approved credit orders not yet invoiced. */
export function creditExposure(openReceivableFen: number, uninvoicedCreditOrdersFen: number): number {
  return openReceivableFen + uninvoicedCreditOrdersFen;
}
