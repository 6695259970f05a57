// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { may, navigationFor, permissionsFrom } from './permissions';

// The committed contract (docs/openapi.json), the same document the gateway serves.
const permissions = permissionsFrom(JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')));
const keys = (roles: string[]) => navigationFor(permissions, roles).map((n) => n.key);

describe('navigation by role, from the API\'s own permission data', () => {
  it('gives each desk its screens and nothing more', () => {
    expect(keys(['sales_rep'])).toEqual(['orders', 'newOrder', 'pickLists', 'shipments']);
    expect(keys(['cashier'])).toEqual(['orders', 'receipts']);
    expect(keys(['warehouse_keeper'])).toEqual(['orders', 'pickLists', 'shipments']);
    expect(keys(['security_guard'])).toEqual(['shipments']);
    expect(keys(['sales_manager'])).toEqual(['orders', 'newOrder', 'approvals', 'receipts', 'pickLists', 'shipments']);
    expect(keys([])).toEqual([]);
  });

  it('adds up several roles', () => {
    expect(keys(['cashier', 'warehouse_keeper'])).toEqual(['orders', 'receipts', 'pickLists', 'shipments']);
  });

  it('answers for single operations as the gateway would', () => {
    expect(may(permissions, ['cashier'], 'POST /api/v1/finance/receipts')).toBe(true);
    expect(may(permissions, ['sales_rep'], 'POST /api/v1/finance/receipts')).toBe(false);
    expect(may(permissions, ['sales_rep'], 'POST /api/v1/sales/orders/{id}/approve')).toBe(false);
    expect(may(permissions, ['sales_manager'], 'POST /api/v1/sales/orders/{id}/approve')).toBe(true);
  });
});
