import { allOperations, CATALOGS, operationNamed, SERVICE_NAMES, type Owner } from '@ops/contracts';
import { ROLE_NAMES } from '@ops/kernel';
import { decide } from './permissions.js';

describe('permission table', () => {
  it('is assembled from the catalogues: every operation of every owner, for the roles it names', () => {
    for (const [owner, catalog] of Object.entries(CATALOGS)) {
      for (const op of Object.values(catalog)) {
        expect(decide(owner as Owner, op.name, [op.roles[0]])).toEqual({ allowed: true, permission: { kind: op.kind, roles: op.roles } });
      }
    }
    for (const service of SERVICE_NAMES) {
      for (const name of ['admin.list-dead-letters', 'admin.replay-dead-letter', 'admin.list-audit']) expect(operationNamed(service, name)).toBeDefined();
    }
  });

  it('names only known roles, and lets the auditor read but never change', () => {
    for (const op of allOperations()) {
      for (const role of op.roles) expect(ROLE_NAMES).toContain(role);
      expect(op.roles.includes('auditor')).toBe(op.kind === 'query');
    }
  });

  it('refuses what is not declared, and says which roles are needed', () => {
    expect(decide('sales', 'drop-everything', ['admin'])).toMatchObject({ allowed: false });
    expect(decide('finance', 'record-receipt', ['sales_rep'])).toEqual({ allowed: false, reason: 'record receipt needs one of the roles cashier, finance_manager' });
    expect(decide('finance', 'record-receipt', ['cashier'])).toMatchObject({ allowed: true, permission: { kind: 'command' } });
  });
});
