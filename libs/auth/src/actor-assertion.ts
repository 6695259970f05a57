import type { Actor } from '@ops/contracts';
import jwt from 'jsonwebtoken';
import { DEFAULT_KID, KeyRing } from './key-ring.js';

/**
 * The gateway vouches for the person behind a request with a short-lived signed assertion in the NATS
 * headers; a service trusts the actor only when the signature verifies with one of its actor keys. A
 * message published straight onto NATS, without the gateway, carries no valid assertion and is refused.
 */
const AUDIENCE = 'ops-services';
const ISSUER = 'ops-gateway';

const rings = new Map<string, KeyRing>();

/** A ring of one key (kid `default`) for a bare secret, made once per secret. */
function ringOf(keys: KeyRing | string): KeyRing {
  if (typeof keys !== 'string') return keys;
  let ring = rings.get(keys);
  if (!ring) rings.set(keys, (ring = KeyRing.of('actor', { signing: DEFAULT_KID, keys: { [DEFAULT_KID]: keys } })));
  return ring;
}

export function signActorAssertion(actor: Actor, keys: KeyRing | string, ttlSeconds = 60): string {
  const { kid, key } = ringOf(keys).signing;
  return jwt.sign({ roles: actor.roles, name: actor.displayName, username: actor.username }, key, {
    subject: actor.userId, audience: AUDIENCE, issuer: ISSUER, expiresIn: ttlSeconds, algorithm: 'HS256', keyid: kid,
  });
}

export function verifyActorAssertion(token: string | undefined, keys: KeyRing | string): Actor | null {
  if (!token) return null;
  try {
    const key = ringOf(keys).verifying(keyIdOf(token));
    if (!key) return null;
    const claims = jwt.verify(token, key, { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] }) as jwt.JwtPayload;
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return null;
    return {
      userId: claims.sub, roles: claims.roles.filter((r: unknown) => typeof r === 'string'),
      ...(typeof claims.name === 'string' ? { displayName: claims.name } : {}), ...(typeof claims.username === 'string' ? { username: claims.username } : {}),
    };
  } catch {
    return null;
  }
}

/** The key id a signed token names in its header (undefined for none, or for what is not a token). */
export function keyIdOf(token: string): string | undefined {
  const header = jwt.decode(token, { complete: true })?.header;
  return typeof header?.kid === 'string' ? header.kid : undefined;
}
