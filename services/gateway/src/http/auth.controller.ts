import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActorView, LoginRequest, RefreshRequest, TokensView, type Actor } from '@ops/contracts';
import { v7 as uuidv7 } from 'uuid';
import { IdentityService } from '../identity/identity.service.js';
import { PublicRoute, SignedIn } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { ProblemDoc } from './problem.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('login')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({ summary: 'Sign in', description: 'Answers an access token (Bearer, short-lived) and a refresh token. Repeated failures lock the account for a while (423); too many attempts from one address answer 429.' })
  @ApiResponse({ status: 200, type: TokensView })
  @ApiResponse({ status: 400, type: ProblemDoc, description: 'Username or password missing' })
  @ApiResponse({ status: 401, type: ProblemDoc, description: 'The username or password is wrong (`invalid-credentials`)' })
  @ApiResponse({ status: 403, type: ProblemDoc, description: 'The account is deactivated' })
  @ApiResponse({ status: 423, type: ProblemDoc, description: 'The account is locked after repeated failures (`account-locked`); `detail` says until when' })
  @ApiResponse({ status: 429, type: ProblemDoc, description: 'Too many sign-in attempts; wait a minute' })
  login(@Req() req: AuthenticatedRequest, @Body() body: LoginRequest): Promise<TokensView> {
    const requestId = String(req.id ?? uuidv7());
    // The socket's address, or what a trusted proxy says it forwarded for (TRUSTED_PROXIES).
    return this.identity.signIn(body.username, body.password, req.ip, (entry) =>
      this.identity.audit({ command: 'login', actor: null, requestId, target: null, outcome: 'done', status: 200, summary: {}, ...entry }).catch(() => undefined),
    );
  }

  @Post('refresh')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({ summary: 'Trade a refresh token for new tokens', description: 'Each refresh token works once; presenting a used one ends the session.' })
  @ApiResponse({ status: 200, type: TokensView })
  @ApiResponse({ status: 400, type: ProblemDoc, description: 'No refresh token in the body' })
  @ApiResponse({ status: 401, type: ProblemDoc, description: 'The refresh token is not valid, used, expired or revoked' })
  refresh(@Body() body: RefreshRequest): Promise<TokensView> {
    return this.identity.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session: its access and refresh tokens stop working at once.' })
  @ApiResponse({ status: 204, description: 'Signed out' })
  async logout(@Req() req: AuthenticatedRequest): Promise<void> {
    const sid = sessionOf(req);
    await this.identity.signOut(sid);
    await this.identity.audit({ command: 'logout', actor: req.actor!, requestId: String(req.id), target: sid, outcome: 'done', status: 204, summary: {} });
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'Who am I', description: 'The signed-in person and their roles.' })
  @ApiResponse({ status: 200, type: ActorView })
  me(@Req() req: AuthenticatedRequest): Actor {
    return req.actor!;
  }
}

function sessionOf(req: AuthenticatedRequest): string {
  const token = String(req.headers.authorization ?? '').slice(7);
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { sid?: string };
  return payload.sid ?? '';
}
