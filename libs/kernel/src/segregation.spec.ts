import { DomainError } from './errors.js';
import { refuseOwnVerification, refuseSameApprover, refuseSelfApproval } from './segregation.js';

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
    expect(error).toMatchObject({ status: 403, message: expect.stringContaining('a different keeper') });
    expect(() => refuseOwnVerification({ number: 'PK-2026-000007', pickedBy: 'keeper-a' }, 'keeper-b')).not.toThrow();
  });

  it('refuses the first approver as the second', () => {
    expect(() => refuseSameApprover({ kind: 'credit change', number: 'CC-2026-000001' }, 'm1', 'm1')).toThrow(expect.objectContaining({ code: 'same-approver', status: 403 }));
    expect(() => refuseSameApprover({ kind: 'credit change', number: 'CC-2026-000001' }, 'm1', 'v1')).not.toThrow();
    expect(() => refuseSameApprover({ kind: 'credit change', number: 'CC-2026-000001' }, null, 'v1')).not.toThrow();
  });
});
