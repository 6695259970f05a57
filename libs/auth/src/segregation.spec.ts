import { DomainError } from '@ops/contracts';
import { canApprove, refuseOwnVerification, refuseSelfApproval, refuseUnlessCanApprove } from './segregation.js';

describe('segregation of duties', () => {
  it('refuses the creator of a document as its approver, with a reason a person understands', () => {
    expect(() => refuseSelfApproval({ kind: 'order', number: 'SO-2026-000001', createdBy: 'u1' }, 'u1')).toThrow(/You created order SO-2026-000001/);
    expect(() => refuseSelfApproval({ kind: 'order', number: 'SO-2026-000001', createdBy: 'u1' }, 'u2')).not.toThrow();
  });

  it('refuses the picker as verifier of the same pick', () => {
    let error: unknown;
    try {
      refuseOwnVerification({ number: 'PK-2026-000007', pickedBy: 'keeper-a' }, 'keeper-a');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).toProblem()).toMatchObject({ status: 403, detail: expect.stringContaining('a different keeper') });
    expect(() => refuseOwnVerification({ number: 'PK-2026-000007', pickedBy: 'keeper-a' }, 'keeper-b')).not.toThrow();
  });

  it.each([
    [['sales_manager'], 'sales_manager', true],
    [['sales_manager'], 'sales_vp', false],
    [['sales_vp'], 'sales_manager', true],
    [['sales_vp'], 'general_manager', false],
    [['general_manager'], 'sales_vp', true],
    [['sales_rep'], 'sales_manager', false],
    [['sales_rep'], 'none', true],
  ] as const)('roles %j may approve a %s level: %s', (roles, level, expected) => {
    expect(canApprove(roles, level)).toBe(expected);
  });

  it('says which level is needed when refusing', () => {
    expect(() => refuseUnlessCanApprove(['sales_manager'], 'general_manager', 'An order of 6,000,000 CNY')).toThrow('needs approval by a general manager or higher');
  });
});
