import { DomainError } from '@ops/contracts';

/**
 * Segregation of duties (DESIGN §9): the creator of a document never approves it; the picker never
 * verifies the same pick; higher roles may approve lower levels. Domain code calls these; a refusal
 * is a 403 problem whose detail a person understands.
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

/** Approval levels, lowest first; a role at a level may approve that level and every level below it. */
export const APPROVAL_LADDER = ['sales_manager', 'sales_vp', 'general_manager'] as const;
export type ApprovalLevelRole = (typeof APPROVAL_LADDER)[number];

export function canApprove(roles: readonly string[], required: ApprovalLevelRole | 'none'): boolean {
  if (required === 'none') return true;
  const needed = APPROVAL_LADDER.indexOf(required);
  return roles.some((role) => {
    const rank = APPROVAL_LADDER.indexOf(role as ApprovalLevelRole);
    return rank >= needed;
  });
}

export function refuseUnlessCanApprove(roles: readonly string[], required: ApprovalLevelRole | 'none', what: string): void {
  if (!canApprove(roles, required)) {
    throw new DomainError('forbidden', 'approval-level', `${what} needs approval by a ${required.replace(/_/g, ' ')} or higher`);
  }
}
