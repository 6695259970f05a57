import { DomainError, refuseSelfApproval, StateMachine, type Step } from '@ops/kernel';

/**
 * Sales targets (制度10): an amount per rep, region and month. A sales manager sets (or revises) it; it counts
 * only once the sales VP approves it — someone other than whoever proposed it. A revision waits for approval
 * again while the amount approved before stays in force; a rejected revision leaves it in force too.
 */
export const TARGET_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const targetMachine = new StateMachine<TargetStatus>('target', {
  pending: ['pending', 'approved', 'rejected'],
  approved: ['pending'],
  rejected: ['pending'],
});

export interface Target {
  id: string;
  rep: string;
  region: string;
  /** YYYY-MM */
  month: string;
  status: TargetStatus;
  /** The amount asked for, in fen, waiting for (or given) approval. */
  proposedFen: number;
  /** The amount in force, in fen: null until a first approval. */
  approvedFen: number | null;
  proposedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
}

const describe = (t: Pick<Target, 'rep' | 'region' | 'month'>) => `${t.rep}/${t.region}/${t.month}`;
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** A new target, waiting for the VP. */
export function proposeTarget<T extends Target>(target: T): Step<T> {
  if (!Number.isInteger(target.proposedFen) || target.proposedFen <= 0) {
    throw new DomainError('invalid', 'target-amount', 'A target is a positive amount in fen', [{ field: 'amountFen', message: 'must be a positive whole number of fen' }]);
  }
  return {
    state: { ...target, status: 'pending', approvedFen: null, decidedBy: null, decisionNote: null },
    transitions: [{ from: 'new', to: 'pending', reason: `Target ${describe(target)} of ${yuan(target.proposedFen)} CNY proposed` }],
    events: [],
  };
}

/** The manager sets the target again: it waits for approval once more; what was approved stays in force meanwhile. */
export function reviseTarget<T extends Target>(target: T, amountFen: number, by: string): Step<T> {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw new DomainError('invalid', 'target-amount', 'A target is a positive amount in fen', [{ field: 'amountFen', message: 'must be a positive whole number of fen' }]);
  return {
    state: { ...target, status: 'pending', proposedFen: amountFen, proposedBy: by, decidedBy: null, decisionNote: null },
    transitions: [targetMachine.move(target.status, 'pending', `Revised to ${yuan(amountFen)} CNY${target.approvedFen !== null ? ` (${yuan(target.approvedFen)} stays in force until approved)` : ''}`)],
    events: [],
  };
}

export function approveTarget<T extends Target>(target: T, approverId: string): Step<T> {
  if (target.status !== 'pending') throw new DomainError('conflict', 'target-not-pending', `Target ${describe(target)} is not waiting for approval`);
  refuseSelfApproval({ kind: 'target', number: describe(target), createdBy: target.proposedBy }, approverId);
  return {
    state: { ...target, status: 'approved', approvedFen: target.proposedFen, decidedBy: approverId, decisionNote: null },
    transitions: [targetMachine.move('pending', 'approved', `Approved: ${yuan(target.proposedFen)} CNY in force`)],
    events: [],
  };
}

export function rejectTarget<T extends Target>(target: T, approverId: string, reason: string): Step<T> {
  if (target.status !== 'pending') throw new DomainError('conflict', 'target-not-pending', `Target ${describe(target)} is not waiting for approval`);
  refuseSelfApproval({ kind: 'target', number: describe(target), createdBy: target.proposedBy }, approverId);
  return {
    state: { ...target, status: 'rejected', decidedBy: approverId, decisionNote: reason },
    transitions: [targetMachine.move('pending', 'rejected', `Rejected: ${reason}`)],
    events: [],
  };
}
