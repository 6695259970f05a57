import { approve, checkRegistration, isCreditCodeShape, register, reinstate, reject, refuseUnlessMayTrade, suspend, type BusinessAccount } from './business-account.js';

const at = new Date('2026-12-01T04:00:00Z');
const operator = { userId: 'ecommerce_operator', roles: ['ecommerce_operator'] };
const manager = { userId: 'sales_manager', roles: ['sales_manager'] };
const account = (over: Partial<BusinessAccount> = {}) =>
  register({
    id: '00000000-0000-7000-8000-000000000001', number: 'BA-2026-000001', kind: 'buyer', subKind: null, status: 'pending_review', companyName: '晨光贸易有限公司',
    creditCode: '91350100M000100Y43', customerId: '00000000-0000-7000-8000-0000000000c1', documents: [{ kind: 'business_licence', reference: 'DMS-1' }],
    registeredBy: 'customer_service', reviewedBy: null, reviewedAt: null, decisionReason: null, ...over,
  }).state;

describe('business account registration', () => {
  it('checks the unified social credit code\'s 18-character shape', () => {
    expect(isCreditCodeShape('91350100M000100Y43')).toBe(true);
    expect(isCreditCodeShape('91350100M000100Y4')).toBe(false); // 17
    expect(isCreditCodeShape('91350100M000100Y433')).toBe(false); // 19
    expect(isCreditCodeShape('9135010OM000100Y43')).toBe(false); // a letter among the region's digits
    expect(isCreditCodeShape('91350100M000100I43')).toBe(false); // I is never used
    expect(isCreditCodeShape('91350100m000100y43')).toBe(false);
  });

  it('refuses field by field: a bad code, a buyer without a customer, a supplier with one, a document twice', () => {
    try {
      checkRegistration({ kind: 'buyer', creditCode: 'X', documents: [{ kind: 'a', reference: 'r' }, { kind: 'a', reference: 'r' }] });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toMatchObject({ code: 'business-account-invalid', status: 422 });
      expect((e as { errors: Array<{ field: string }> }).errors.map((p) => p.field)).toEqual(['creditCode', 'customerId', 'documents[1]']);
    }
    expect(() => checkRegistration({ kind: 'supplier', creditCode: '91350100M000100Y43', customerId: 'c' })).toThrow(expect.objectContaining({ code: 'business-account-invalid' }));
    expect(() => checkRegistration({ kind: 'service_provider', subKind: 'carrier', creditCode: '91350100M000100Y43' })).not.toThrow();
  });

  it('waits for review, with a history line from new', () => {
    const step = register(account());
    expect(step.state.status).toBe('pending_review');
    expect(step.transitions).toEqual([expect.objectContaining({ from: 'new', to: 'pending_review' })]);
  });
});

describe('business account review', () => {
  it('is approved by someone other than the registrant, and announced', () => {
    expect(() => approve(account(), { userId: 'customer_service', roles: ['ecommerce_operator'] }, at)).toThrow(expect.objectContaining({ code: 'self-approval', status: 403 }));
    expect(() => approve(account(), { userId: 'sales_rep', roles: ['sales_rep'] }, at)).toThrow(expect.objectContaining({ code: 'not-account-reviewer' }));
    const step = approve(account(), operator, at);
    expect(step.state).toMatchObject({ status: 'approved', reviewedBy: 'ecommerce_operator', reviewedAt: at });
    expect(step.events).toEqual([{ type: 'sales.business-account.approved', data: expect.objectContaining({ number: 'BA-2026-000001', kind: 'buyer', reinstated: false, approvedBy: 'ecommerce_operator' }) }]);
    expect(() => approve(step.state, manager, at)).toThrow(expect.objectContaining({ code: 'business-account-transition-refused', status: 409 }));
  });

  it('is rejected with a reason, for good', () => {
    expect(() => reject(account(), manager, '  ', at)).toThrow(expect.objectContaining({ code: 'reason-required' }));
    const rejected = reject(account(), manager, 'licence expired', at).state;
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'licence expired' });
    expect(() => approve(rejected, operator, at)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => suspend(rejected, operator, 'x', at)).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('is suspended only when approved, with a reason, and reinstated only when suspended', () => {
    expect(() => suspend(account(), operator, 'late documents', at)).toThrow(expect.objectContaining({ status: 409 }));
    const approved = approve(account(), operator, at).state;
    expect(() => suspend(approved, operator, '', at)).toThrow(expect.objectContaining({ code: 'reason-required' }));
    const suspended = suspend(approved, operator, 'bank proof expired', at);
    expect(suspended.state).toMatchObject({ status: 'suspended', decisionReason: 'bank proof expired' });
    expect(suspended.events).toEqual([{ type: 'sales.business-account.suspended', data: expect.objectContaining({ reason: 'bank proof expired', suspendedBy: 'ecommerce_operator' }) }]);
    expect(() => reinstate(approved, operator, 'ok', at)).toThrow(expect.objectContaining({ code: 'business-account-not-suspended' }));
    const back = reinstate(suspended.state, manager, 'new proof filed', at);
    expect(back.state.status).toBe('approved');
    expect(back.transitions).toEqual([expect.objectContaining({ from: 'suspended', to: 'approved', reason: expect.stringContaining('new proof filed') })]);
    expect(back.events).toEqual([{ type: 'sales.business-account.approved', data: expect.objectContaining({ reinstated: true }) }]);
  });
});

describe('trading', () => {
  it('lets a customer without a buyer account, or with an approved one, order; refuses the others naming the state', () => {
    expect(() => refuseUnlessMayTrade(null, 'A')).not.toThrow();
    expect(() => refuseUnlessMayTrade({ number: 'BA-1', status: 'approved' }, 'A')).not.toThrow();
    for (const status of ['pending_review', 'suspended', 'rejected'] as const) {
      expect(() => refuseUnlessMayTrade({ number: 'BA-1', status }, 'A')).toThrow(expect.objectContaining({ code: 'business-account-not-approved', status: 422, message: expect.stringContaining(status.replace('_', ' ')) }));
    }
  });
});
