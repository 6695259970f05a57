import { CATALOGS, SERVICE_NAMES } from '@ops/contracts';
import { ROLE_NAMES } from '@ops/kernel';
import { decide, PERMISSIONS } from './permissions.js';

describe('permission table', () => {
  it('is assembled from the catalogues: every operation of every owner, and nothing else', () => {
    for (const [owner, catalog] of Object.entries(CATALOGS)) {
      expect(Object.keys(PERMISSIONS[owner as keyof typeof PERMISSIONS]).sort()).toEqual(Object.values(catalog).map((op) => op.name).sort());
    }
    for (const service of SERVICE_NAMES) {
      expect(Object.keys(PERMISSIONS[service])).toEqual(expect.arrayContaining(['admin.list-dead-letters', 'admin.replay-dead-letter', 'admin.list-audit']));
    }
  });

  it('names only known roles, and lets the auditor read but never change', () => {
    for (const table of Object.values(PERMISSIONS)) {
      for (const permission of Object.values(table)) {
        for (const role of permission.roles) expect(ROLE_NAMES).toContain(role);
        expect(permission.roles.includes('auditor')).toBe(permission.kind === 'query');
      }
    }
  });

  it('refuses what is not declared, and says which roles are needed', () => {
    expect(decide('sales', 'drop-everything', ['admin'])).toMatchObject({ allowed: false });
    expect(decide('finance', 'record-receipt', ['sales_rep'])).toEqual({ allowed: false, reason: 'record receipt needs one of the roles cashier, finance_manager' });
    expect(decide('finance', 'record-receipt', ['cashier'])).toMatchObject({ allowed: true, permission: { kind: 'command' } });
  });
});
