import { Body, Controller, Param, ParseUUIDPipe, Query, Req } from '@nestjs/common';
import { CreateUserRequest, IdentityCatalog, ListPeopleQuery, ListUsersQuery, SetRolesRequest, UserView } from '@ops/contracts';
import { IdentityService } from '../identity/identity.service.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { OperationRoute } from './operation-routes.js';

/** People and roles, for admins (each change audited in the gateway's own trail); the directory of names, for everyone. */
@Controller()
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  @OperationRoute(IdentityCatalog.createUser)
  async create(@Req() req: AuthenticatedRequest, @Body() body: CreateUserRequest): Promise<UserView> {
    const key = req.headers['idempotency-key'];
    const scoped = typeof key === 'string' && key ? `${req.actor!.userId}:${key}` : undefined;
    return this.audited(req, IdentityCatalog.createUser.name, { username: body.username, roles: body.roles }, () => this.identity.createUser(body, scoped));
  }

  @OperationRoute(IdentityCatalog.listUsers)
  list(@Query() query: ListUsersQuery) {
    return this.identity.listUsers(query);
  }

  @OperationRoute(IdentityCatalog.listPeople)
  people(@Query() query: ListPeopleQuery) {
    return this.identity.listPeople(query);
  }

  @OperationRoute(IdentityCatalog.setRoles)
  async setRoles(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesRequest): Promise<UserView> {
    return this.audited(req, IdentityCatalog.setRoles.name, { id, roles: body.roles }, () => this.identity.setRoles(id, body.roles), await this.identity.getUser(id));
  }

  @OperationRoute(IdentityCatalog.deactivateUser)
  async deactivate(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return this.audited(req, IdentityCatalog.deactivateUser.name, { id }, () => this.identity.deactivate(id), await this.identity.getUser(id));
  }

  /** Audits the outcome; for a change of an existing user, each changed field before and after. */
  private async audited(req: AuthenticatedRequest, command: string, request: object, work: () => Promise<UserView>, before?: UserView): Promise<UserView> {
    const base = { command, actor: req.actor!, requestId: String(req.id) };
    try {
      const user = await work();
      const changes = before ? changesBetween(before, user, ['roles', 'active']) : {};
      await this.identity.audit({
        ...base, target: user.id, outcome: 'done', status: 200,
        summary: { request, result: { id: user.id, roles: user.roles, active: user.active }, ...(Object.keys(changes).length ? { changes: [{ aggregate: 'user', id: user.id, changes }] } : {}) },
      });
      return user;
    } catch (error) {
      await this.identity.audit({ ...base, target: null, outcome: 'rejected', status: 400, summary: { request, error: (error as Error).message } });
      throw error;
    }
  }
}

function changesBetween(before: UserView, after: UserView, fields: Array<keyof UserView>): Record<string, { before: unknown; after: unknown }> {
  return Object.fromEntries(fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => [f, { before: before[f], after: after[f] }]));
}
