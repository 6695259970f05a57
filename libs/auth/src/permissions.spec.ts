import { AdminRpc, FinanceRpc, InventoryRpc, SalesRpc, SecurityRpc, SERVICE_NAMES } from '@ops/contracts';
import { decide, PERMISSIONS } from './permissions.js';
import { ROLES } from './roles.js';

describe('permission table', () => {
  it('declares every command and query each service answers, and nothing else', () => {
    const answered = {
      sales: Object.values(SalesRpc),
      finance: Object.values(FinanceRpc),
      inventory: Object.values(InventoryRpc),
      security: Object.values(SecurityRpc),
    };
    for (const service of SERVICE_NAMES) {
      expect(Object.keys(PERMISSIONS[service]).sort()).toEqual([...answered[service], ...Object.values(AdminRpc)].sort());
    }
  });

  it('names only known roles, and lets the auditor read but never change', () => {
    for (const table of Object.values(PERMISSIONS)) {
      for (const permission of Object.values(table)) {
        for (const role of permission.roles) expect(ROLES).toContain(role);
        expect(permission.roles.includes('auditor')).toBe(permission.kind === 'query');
      }
    }
  });

  it('refuses what is not declared, and says which roles are needed', () => {
    expect(decide('sales', 'drop-everything', ['admin'])).toMatchObject({ allowed: false });
    expect(decide('finance', FinanceRpc.recordReceipt, ['sales_rep'])).toEqual({ allowed: false, reason: 'record receipt needs one of the roles cashier, finance_manager' });
    expect(decide('finance', FinanceRpc.recordReceipt, ['cashier'])).toMatchObject({ allowed: true, permission: { kind: 'command' } });
  });
});
