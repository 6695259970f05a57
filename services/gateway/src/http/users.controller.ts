import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdentityCommands } from '@ops/auth';
import { CreateUserRequest, ListUsersQuery, SetRolesRequest, UserView } from '@ops/contracts';
import { IdentityService } from '../identity/identity.service.js';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { Allow } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';

/** People and roles, for admins; each change is audited in the gateway's own trail. */
@ApiTags('identity')
@Controller('identity/users')
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  @Post()
  @HttpCode(201)
  @Allow('identity', IdentityCommands.createUser)
  @CreateDoc('Create a user', UserView, [409])
  async create(@Req() req: AuthenticatedRequest, @Body() body: CreateUserRequest): Promise<UserView> {
    return this.audited(req, IdentityCommands.createUser, { username: body.username, roles: body.roles }, () => this.identity.createUser(body));
  }

  @Get()
  @Allow('identity', IdentityCommands.listUsers)
  @ReadDoc('List users', PageOf(UserView))
  list(@Query() query: ListUsersQuery) {
    return this.identity.listUsers(query);
  }

  @Put(':id/roles')
  @Allow('identity', IdentityCommands.setRoles)
  @ReadDoc('Set a user\'s roles', UserView, [404], 'Takes effect at once, also for tokens already issued.')
  setRoles(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SetRolesRequest): Promise<UserView> {
    return this.audited(req, IdentityCommands.setRoles, { id, roles: body.roles }, () => this.identity.setRoles(id, body.roles));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Allow('identity', IdentityCommands.deactivateUser)
  @ReadDoc('Deactivate a user', UserView, [404], 'Ends every open session of the user at once.')
  deactivate(@Req() req: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return this.audited(req, IdentityCommands.deactivateUser, { id }, () => this.identity.deactivate(id));
  }

  private async audited(req: AuthenticatedRequest, command: string, request: object, work: () => Promise<UserView>): Promise<UserView> {
    const base = { command, actor: req.actor!, requestId: String(req.id) };
    try {
      const user = await work();
      await this.identity.audit({ ...base, target: user.id, outcome: 'done', status: 200, summary: { request, result: { id: user.id, roles: user.roles, active: user.active } } });
      return user;
    } catch (error) {
      await this.identity.audit({ ...base, target: null, outcome: 'rejected', status: 400, summary: { request, error: (error as Error).message } });
      throw error;
    }
  }
}
