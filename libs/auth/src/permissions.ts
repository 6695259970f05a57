import { operationNamed, type Kind, type Owner } from '@ops/contracts';

export interface Permission {
  /** Commands change something and are audited; queries only read. */
  kind: Kind;
  roles: readonly string[];
}

export type Decision = { allowed: true; permission: Permission } | { allowed: false; reason: string };

/**
 * Whether `roles` may run `owner`'s operation `name`, as its catalogue says: the gateway checks it for every
 * route and each service checks it again for every request it handles. A name missing is refused everywhere.
 */
export function decide(owner: Owner, name: string, roles: readonly string[]): Decision {
  const op = operationNamed(owner, name);
  if (!op) return { allowed: false, reason: `${owner} ${name} is not open to anyone` };
  if (!roles.some((role) => op.roles.includes(role as never))) {
    return { allowed: false, reason: `${name.replace(/^admin\./, '').replace(/-/g, ' ')} needs one of the roles ${op.roles.join(', ')}` };
  }
  return { allowed: true, permission: { kind: op.kind, roles: op.roles } };
}
