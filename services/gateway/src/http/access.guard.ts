import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, type Actor, type Operation } from '@ops/contracts';
import { ACCESS_METADATA } from '@ops/service-kit';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { GatewayKeys, type AccessClaims } from '../identity/access-tokens.js';
import { IdentityService } from '../identity/identity.service.js';
import type { Access } from './access.js';
import { ProblemException } from './problem.js';

/** A request past the guard: who sent it, and the catalogue operation its route serves. */
export type AuthenticatedRequest = FastifyRequest & { actor?: Actor; operation?: Operation };

/**
 * Every route says who may call it; a route that does not is refused, never open. The guard checks
 * the access token, that its session is still open, and the roles the route's catalogue operation names.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector, private readonly keys: GatewayKeys, private readonly identity: IdentityService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!access) {
      this.logger.error(`route ${request.method} ${request.routeOptions?.url} declares no access; refused`);
      throw new ProblemException(problem(403, 'undeclared-route', 'Not allowed', 'This route declares no permission, so nobody may call it'));
    }
    if (access.kind === 'public') return true;
    request.actor = await this.authenticate(request);
    if (access.kind === 'signed-in') return true;
    request.operation = access.operation;
    const { roles } = access.operation;
    if (!request.actor.roles.some((role) => (roles as readonly string[]).includes(role))) {
      await this.identity.audit({
        command: `${request.method} ${request.routeOptions?.url}`, actor: request.actor, requestId: String(request.id ?? uuidv7()), target: null,
        outcome: 'refused', status: 403, summary: { needs: roles },
      }).catch(() => undefined);
      throw new ProblemException(problem(403, 'role-required', 'Not allowed', `This needs one of the roles: ${roles.join(', ')}`));
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new ProblemException(problem(401, 'sign-in-required', 'Not signed in', 'Send `Authorization: Bearer <accessToken>`; get one at /api/v1/auth/login'));
    let claims: AccessClaims;
    try {
      claims = this.keys.verifyAccess(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new ProblemException(problem(401, expired ? 'token-expired' : 'invalid-token', 'Not signed in', expired ? 'The access token has expired; refresh it' : 'The access token is not valid'));
    }
    const actor = await this.identity.actorFor(claims);
    if (!actor) throw new ProblemException(problem(401, 'session-ended', 'Not signed in', 'This session has ended (signed out, revoked or deactivated); sign in again'));
    return actor;
  }
}
