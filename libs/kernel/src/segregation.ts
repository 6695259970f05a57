import { DomainError } from './errors.js';

/**
 * Segregation of duties: the creator of a document never approves it, the picker never verifies the
 * same pick, two steps that need two people get two people. Refusals are 403s a person understands.
 */
export function refuseSelfApproval(document: { kind: string; number: string; createdBy: string }, approverId: string): void {
  if (document.createdBy === approverId) {
    throw new DomainError('forbidden', 'self-approval', `You created ${document.kind} ${document.number}, so someone else must approve it`);
  }
}

export function refuseOwnVerification(pick: { number: string; pickedBy: string }, verifierId: string): void {
  if (pick.pickedBy === verifierId) {
    throw new DomainError('forbidden', 'picker-cannot-verify', `You picked ${pick.number}; a different keeper must verify it`);
  }
}

/** A second approval must come from someone other than the first approver. */
export function refuseSameApprover(document: { kind: string; number: string }, firstApproverId: string | null, approverId: string): void {
  if (firstApproverId === approverId) {
    throw new DomainError('forbidden', 'same-approver', `You approved ${document.kind} ${document.number} already; the next approval must come from someone else`);
  }
}
