import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { Operation } from '@ops/contracts';
import { ACCESS_METADATA, Public } from '@ops/service-kit';
import { ProblemDoc } from './problem.js';

/** How a route may be reached: by anyone, by anyone signed in, or by the roles of its catalogue operation. */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'operation'; operation: Operation };

const unauthorized = ApiResponse({ status: 401, type: ProblemDoc, description: 'No valid access token: sign in at /api/v1/auth/login' });

/** Open to anyone, signed in or not (sign-in itself). */
export function PublicRoute() {
  return applyDecorators(Public(), ApiExtension('x-access', { public: true }));
}

/** Any signed-in person. */
export function SignedIn() {
  return applyDecorators(SetMetadata(ACCESS_METADATA, { kind: 'signed-in' } satisfies Access), ApiBearerAuth(), ApiExtension('x-access', { signedIn: true }), unauthorized);
}
