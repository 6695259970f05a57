import { changeSupplier, deactivateSupplier, maskAccount, registerSupplier, seesFullAccount, supplierProblems, type SupplierDetails } from './supplier.js';

describe('supplier', () => {
  const details: SupplierDetails = {
    code: 'SUP-001', name: '杭州茶厂', kind: 'factory', taxId: '91330100MA2B3C4D5E', paymentTermsDays: 30, bankName: '工商银行',
    bankAccount: '6222 0210 0112 3456 789', contacts: [{ name: '李明', phone: '13800000000', email: null }],
  };

  it('is registered at revision 1, active, with the account without spaces, and tells finance', () => {
    const step = registerSupplier('s1', details);
    expect(step.state).toMatchObject({ id: 's1', active: true, revision: 1, bankAccount: '6222021001123456789' });
    expect(step.events).toEqual([{ type: 'inventory.supplier.saved', data: expect.objectContaining({ supplierId: 's1', revision: 1, bankAccount: '6222021001123456789', active: true }) }]);
  });

  it('names every wrong field at once', () => {
    const wrong = { ...details, code: 'bad code', taxId: '91330100MA2B3C4D5O', paymentTermsDays: -1, bankAccount: '12ab', kind: 'shop' as never, contacts: [{ name: ' ', phone: null, email: 'nope' }] };
    expect(supplierProblems(wrong).map((p) => p.field)).toEqual(['code', 'kind', 'taxId', 'paymentTermsDays', 'bankAccount', 'contacts[0].name', 'contacts[0].email']);
    expect(() => registerSupplier('s1', wrong)).toThrow(expect.objectContaining({ status: 422, code: 'invalid-supplier' }) as Error);
    expect(supplierProblems({ ...details, bankName: null })).toEqual([{ field: 'bankName', message: 'is needed with a bank account' }]);
    expect(supplierProblems({ ...details, taxId: null, bankAccount: null, bankName: null, contacts: [] })).toEqual([]);
  });

  it('changes keep the code and grow the revision; deactivation once', () => {
    const s = registerSupplier('s1', details).state;
    const changed = changeSupplier(s, { paymentTermsDays: 60, code: 'OTHER' } as never);
    expect(changed.state).toMatchObject({ code: 'SUP-001', paymentTermsDays: 60, revision: 2 });
    expect(changed.transitions[0].reason).toMatch(/paymentTermsDays/);
    const off = deactivateSupplier(changed.state, 'no longer used');
    expect(off.state).toMatchObject({ active: false, revision: 3 });
    expect(off.events[0].data).toMatchObject({ active: false, revision: 3 });
    expect(() => deactivateSupplier(off.state, 'again')).toThrow(expect.objectContaining({ code: 'supplier-inactive' }) as Error);
  });

  it('masks the account to its last four digits; managers and finance see it in full', () => {
    expect(maskAccount('6222021001123456789')).toBe('**** **** 6789');
    expect(maskAccount(null)).toBeNull();
    expect(seesFullAccount(['purchasing_manager'])).toBe(true);
    expect(seesFullAccount(['finance_manager'])).toBe(true);
    expect(seesFullAccount(['purchaser', 'warehouse_keeper'])).toBe(false);
  });
});
