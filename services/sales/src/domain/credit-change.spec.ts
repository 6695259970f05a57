import { DomainError } from '@ops/kernel';
import { approveCreditChange, checkProposedTerms, rejectCreditChange, requestCreditChange, withCreditTerms, type CreditChange } from './credit-change.js';

const change = (patch: Partial<CreditChange> = {}): CreditChange => ({
  number: 'CC-2026-000001', status: 'pending_manager', requestedBy: 'rep', managerApprovedBy: null,
  proposed: { grade: 'B', creditLimitFen: 5_000_000, paymentTermsDays: 30 }, ...patch,
});
const person = (userId: string, ...roles: string[]) => ({ userId, roles });
const codeOf = (fn: () => unknown) => { try { fn(); return 'passed'; } catch (e) { return (e as DomainError).code; } };

describe('credit terms change (domain.md §4.4: sales manager, then sales VP)', () => {
  it.each([
    ['pending_manager', person('m1', 'sales_manager'), 'pending_vp'],
    ['pending_manager', person('vp', 'sales_vp'), 'pending_vp'],
    ['pending_vp', person('vp', 'sales_vp'), 'approved'],
    ['pending_vp', person('gm', 'general_manager'), 'approved'],
  ] as const)('%s approved by %j becomes %s', (status, approver, next) => {
    const step = approveCreditChange(change({ status, managerApprovedBy: status === 'pending_vp' ? 'm1' : null }), approver);
    expect(step.state.status).toBe(next);
    expect(step.transitions).toEqual([expect.objectContaining({ from: status, to: next })]);
  });

  it.each([
    ['a sales manager at the VP step', change({ status: 'pending_vp', managerApprovedBy: 'm1' }), person('m2', 'sales_manager'), 'approval-level'],
    ['a sales rep at the manager step', change(), person('rep2', 'sales_rep'), 'approval-level'],
    ['the requester', change({ requestedBy: 'vp' }), person('vp', 'sales_vp'), 'self-approval'],
    ['the same person twice', change({ status: 'pending_vp', managerApprovedBy: 'vp' }), person('vp', 'sales_vp'), 'same-approver'],
    ['an approved change', change({ status: 'approved' }), person('vp', 'sales_vp'), 'credit-change-decided'],
  ])('refuses %s', (_what, c, approver, code) => {
    expect(codeOf(() => approveCreditChange(c, approver))).toBe(code);
  });

  it('may be rejected at either step by that step\'s approver, once', () => {
    const rejected = rejectCreditChange(change(), person('m1', 'sales_manager'), 'overdue twice');
    expect(rejected.state).toMatchObject({ status: 'rejected', decidedBy: 'm1', decisionNote: 'overdue twice' });
    expect(rejected.transitions).toEqual([{ from: 'pending_manager', to: 'rejected', reason: 'rejected: overdue twice' }]);
    expect(codeOf(() => rejectCreditChange(change({ status: 'pending_vp' }), person('m1', 'sales_manager'), 'x'))).toBe('approval-level');
    expect(codeOf(() => rejectCreditChange(change({ status: 'rejected' }), person('vp', 'sales_vp'), 'x'))).toBe('credit-change-decided');
  });

  it('records who approved each step, and puts the terms on the customer with the move of grade in its history', () => {
    const managed = approveCreditChange(change(), person('m1', 'sales_manager'));
    expect(managed.state).toMatchObject({ managerApprovedBy: 'm1', status: 'pending_vp' });
    expect(approveCreditChange(managed.state, person('vp', 'sales_vp')).state).toMatchObject({ status: 'approved', decidedBy: 'vp' });
    const customer = withCreditTerms({ creditGrade: 'D' as const, creditLimitFen: 0, paymentTermsDays: 0 }, change().proposed, 'CC-2026-000001');
    expect(customer.state).toEqual({ creditGrade: 'B', creditLimitFen: 5_000_000, paymentTermsDays: 30 });
    expect(customer.transitions).toEqual([{ from: 'grade D', to: 'grade B', reason: 'credit change CC-2026-000001 approved' }]);
  });

  it('checks the proposed terms when the change is requested', () => {
    expect(requestCreditChange(change({ status: 'approved' }), 'volume doubled').state.status).toBe('pending_manager');
    expect(codeOf(() => requestCreditChange(change({ proposed: { grade: 'D', creditLimitFen: 1, paymentTermsDays: 0 } }), 'x'))).toBe('credit-terms-invalid');
  });

  it.each([
    [{ grade: 'D', creditLimitFen: 1, paymentTermsDays: 0 }, ['creditLimitFen']],
    [{ grade: 'D', creditLimitFen: 0, paymentTermsDays: 30 }, ['paymentTermsDays']],
    [{ grade: 'A', creditLimitFen: 100, paymentTermsDays: 0 }, ['paymentTermsDays']],
    [{ grade: 'A', creditLimitFen: 100, paymentTermsDays: 30 }, []],
    [{ grade: 'D', creditLimitFen: 0, paymentTermsDays: 0 }, []],
  ] as const)('checks proposed terms %j', (terms, fields) => {
    try {
      checkProposedTerms(terms);
      expect(fields).toEqual([]);
    } catch (e) {
      expect((e as DomainError).errors!.map((x) => x.field)).toEqual(fields);
    }
  });
});
