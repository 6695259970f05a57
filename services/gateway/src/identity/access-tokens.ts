import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { KeyRing, VerifiedTokens } from '@ops/auth';
import jwt from 'jsonwebtoken';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_CONFIG } from './tokens.js';

/** What an access token says: who, which session, roles and name when it was issued. */
export interface AccessClaims {
  sub: string;
  sid: string;
  roles: string[];
  name: string;
}

const ISSUER = 'ops-gateway';
const AUDIENCE = 'ops-api';

/**
 * Access tokens and the actor assertions the gateway signs for the services, each from its key ring: the
 * ring's signing key signs (its id in the token's `kid`), every key in the ring verifies. With OPS_KEYS_FILE
 * the rings follow the file (rotation without restart); without it each holds one key, from JWT_SECRET and
 * OPS_ACTOR_SECRET.
 */
@Injectable()
export class GatewayKeys implements OnModuleDestroy {
  readonly access: KeyRing;
  readonly actor: KeyRing;
  private readonly logger = new Logger(GatewayKeys.name);
  private readonly verified = new VerifiedTokens<AccessClaims>();

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    const onError = (error: Error) => this.logger.error(`the keys file could not be used; the keys stay as they were: ${error.message}`);
    this.access = KeyRing.open('access', { file: config.keysFile, fallbackSecret: config.jwtSecret, reloadMs: config.keysReloadMs, onError });
    this.actor = KeyRing.open('actor', { file: config.keysFile, fallbackSecret: config.actorSecret, reloadMs: config.keysReloadMs, onError });
  }

  signAccess(claims: AccessClaims): string {
    const { kid, key } = this.access.signing;
    return jwt.sign(claims, key, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: this.config.accessTokenTtlSeconds, keyid: kid });
  }

  /** The claims of a valid access token; throws jsonwebtoken's errors (TokenExpiredError among them) otherwise. */
  verifyAccess(token: string): AccessClaims {
    return this.verified.get(token, this.access, (key) => {
      const claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload & AccessClaims;
      return { value: claims, exp: claims.exp! };
    });
  }

  onModuleDestroy(): void {
    this.access.close();
    this.actor.close();
  }
}
