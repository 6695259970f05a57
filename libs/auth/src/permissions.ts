import { CATALOGS, operationNamed, type Kind, type Owner } from '@ops/contracts';

export interface Permission {
  /** Commands change something and are audited; queries only read. */
  kind: Kind;
  roles: readonly string[];
}

/**
 * Who may run each command and query, assembled from the catalogues: the gateway checks it for every
 * route and each service checks it again for every request it handles. A name missing is refused everywhere.
 */
export const PERMISSIONS: Readonly<Record<Owner, Readonly<Record<string, Permission>>>> = Object.fromEntries(
  Object.entries(CATALOGS).map(([owner, catalog]) => [owner, Object.fromEntries(Object.values(catalog).map((op) => [op.name, { kind: op.kind, roles: op.roles }]))]),
) as Record<Owner, Record<string, Permission>>;

export type Decision = { allowed: true; permission: Permission } | { allowed: false; reason: string };

export function decide(owner: Owner, name: string, roles: readonly string[]): Decision {
  const op = operationNamed(owner, name);
  if (!op) return { allowed: false, reason: `${owner} ${name} is not open to anyone` };
  if (!roles.some((role) => op.roles.includes(role as never))) {
    return { allowed: false, reason: `${name.replace(/^admin\./, '').replace(/-/g, ' ')} needs one of the roles ${op.roles.join(', ')}` };
  }
  return { allowed: true, permission: { kind: op.kind, roles: op.roles } };
}
