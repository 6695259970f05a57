/**
 * Who may do what, read from the OpenAPI document the gateway serves: each operation lists the roles that may
 * call it under `x-permission`. The console shows a screen or a button only when one of the person's roles may
 * call the operation behind it, so it never offers what the API would refuse with 403.
 */
export type Operation = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/v1/${string}`;
export type Permissions = ReadonlyMap<string, readonly string[]>;

interface OpenApiLike {
  paths: Record<string, Record<string, { 'x-permission'?: { roles: string[] } }>>;
}

export function permissionsFrom(document: OpenApiLike): Permissions {
  const map = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const roles = operation['x-permission']?.roles;
      if (roles) map.set(`${method.toUpperCase()} ${path}`, roles);
    }
  }
  return map;
}

export function may(permissions: Permissions, roles: readonly string[], operation: Operation): boolean {
  return (permissions.get(operation) ?? []).some((role) => roles.includes(role));
}

export interface NavItem {
  key: string;
  path: string;
  /** The operation the screen cannot work without. */
  needs: Operation;
}

export const NAVIGATION: readonly NavItem[] = [
  { key: 'orders', path: '/orders', needs: 'GET /api/v1/sales/orders' },
  { key: 'newOrder', path: '/orders/new', needs: 'POST /api/v1/sales/orders' },
  { key: 'approvals', path: '/approvals', needs: 'POST /api/v1/sales/orders/{id}/approve' },
  { key: 'receipts', path: '/receipts', needs: 'GET /api/v1/finance/receipts' },
  { key: 'pickLists', path: '/pick-lists', needs: 'GET /api/v1/inventory/pick-lists' },
  { key: 'shipments', path: '/shipments', needs: 'GET /api/v1/inventory/shipments' },
];

export function navigationFor(permissions: Permissions, roles: readonly string[]): NavItem[] {
  return NAVIGATION.filter((item) => may(permissions, roles, item.needs));
}
