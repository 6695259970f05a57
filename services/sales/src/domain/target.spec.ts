import { approveTarget, proposeTarget, rejectTarget, reviseTarget, type Target } from './target.js';

const draft: Target = { id: 't1', rep: 'chen', region: 'East China', month: '2027-01', status: 'pending', proposedFen: 50_000_000, approvedFen: null, proposedBy: 'u-manager', decidedBy: null, decisionNote: null };

describe('sales targets', () => {
  it('counts only once the VP approves it, never by whoever proposed it', () => {
    const proposed = proposeTarget(draft).state;
    expect(proposed).toMatchObject({ status: 'pending', approvedFen: null });
    expect(() => approveTarget(proposed, 'u-manager')).toThrow(expect.objectContaining({ code: 'self-approval', status: 403 }));
    const approved = approveTarget(proposed, 'u-vp');
    expect(approved.state).toMatchObject({ status: 'approved', approvedFen: 50_000_000, decidedBy: 'u-vp' });
    expect(approved.transitions).toEqual([expect.objectContaining({ from: 'pending', to: 'approved' })]);
    expect(() => approveTarget(approved.state, 'u-vp')).toThrow(expect.objectContaining({ code: 'target-not-pending', status: 409 }));
  });

  it('refuses an amount that is not a positive number of fen, naming amountFen', () => {
    expect(() => proposeTarget({ ...draft, proposedFen: 0 })).toThrow(expect.objectContaining({ code: 'target-amount', errors: [expect.objectContaining({ field: 'amountFen' })] }));
    expect(() => reviseTarget(draft, 12.5, 'u-manager')).toThrow(expect.objectContaining({ code: 'target-amount' }));
  });

  it('keeps the approved amount in force while a revision waits, and after a rejected one', () => {
    const approved = approveTarget(proposeTarget(draft).state, 'u-vp').state;
    const revised = reviseTarget(approved, 60_000_000, 'u-manager2').state;
    expect(revised).toMatchObject({ status: 'pending', proposedFen: 60_000_000, approvedFen: 50_000_000, proposedBy: 'u-manager2' });
    const rejected = rejectTarget(revised, 'u-vp', 'too high for the region');
    expect(rejected.state).toMatchObject({ status: 'rejected', approvedFen: 50_000_000, decisionNote: 'too high for the region' });
    expect(() => rejectTarget(revised, 'u-manager2', 'no')).toThrow(expect.objectContaining({ code: 'self-approval' }));
    expect(approveTarget(reviseTarget(rejected.state, 55_000_000, 'u-manager').state, 'u-vp').state.approvedFen).toBe(55_000_000);
  });
});
