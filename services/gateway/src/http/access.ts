import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import { IDENTITY_PERMISSIONS, PERMISSIONS, type Permission } from '@ops/auth';
import type { ServiceName } from '@ops/contracts';
import { ACCESS_METADATA, Public } from '@ops/service-kit';
import { ProblemDoc } from './problem.js';


export type Owner = ServiceName | 'identity';

export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; owner: Owner; name: string; permission: Permission }
  /** The owning service is a path parameter (admin routes that exist for every service). */
  | { kind: 'permission-by-param'; param: string; name: string };

export function permissionOf(owner: Owner, name: string): Permission | undefined {
  return owner === 'identity' ? IDENTITY_PERMISSIONS[name] : PERMISSIONS[owner]?.[name];
}

const unauthorized = ApiResponse({ status: 401, type: ProblemDoc, description: 'No valid access token: sign in at /api/v1/auth/login' });
const forbidden = ApiResponse({ status: 403, type: ProblemDoc, description: 'Signed in, but no role that may do this; `detail` names the roles' });

/** Open to anyone, signed in or not (sign-in itself). */
export function PublicRoute() {
  return applyDecorators(Public(), ApiExtension('x-access', { public: true }));
}

/** Any signed-in person. */
export function SignedIn() {
  return applyDecorators(SetMetadata(ACCESS_METADATA, { kind: 'signed-in' } satisfies Access), ApiBearerAuth(), ApiExtension('x-access', { signedIn: true }), unauthorized);
}

/** The roles the permission table gives `owner`'s `name`; an unknown name stops the gateway from starting. */
export function Allow(owner: Owner, name: string) {
  const permission = permissionOf(owner, name);
  if (!permission) throw new Error(`No permission is declared for ${owner} ${name} in @ops/auth`);
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission', owner, name, permission } satisfies Access),
    ApiBearerAuth(),
    ApiExtension('x-permission', { owner, command: name, kind: permission.kind, roles: permission.roles }),
    unauthorized,
    forbidden,
  );
}

export function AllowForService(param: string, name: string) {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission-by-param', param, name } satisfies Access),
    ApiBearerAuth(),
    ApiExtension('x-permission', { owner: `{${param}}`, command: name, roles: Object.fromEntries(Object.entries(PERMISSIONS).map(([s, table]) => [s, table[name]?.roles ?? []])) }),
    unauthorized,
    forbidden,
  );
}
