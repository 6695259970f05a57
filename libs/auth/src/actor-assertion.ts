import type { KeyObject } from 'node:crypto';
import type { Actor } from '@ops/contracts';
import jwt from 'jsonwebtoken';
import { DEFAULT_KID, KeyRing } from './key-ring.js';
import { VerifiedTokens } from './verified-tokens.js';

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

/**
 * Assertions already signed, by signing key and actor: one is reused for the first half of its life, so a
 * request's assertion always has at least half its time left and signing is not repeated on every request.
 */
const signedWith = new WeakMap<KeyObject, Map<string, { token: string; reuseUntilMs: number }>>();

export function signActorAssertion(actor: Actor, keys: KeyRing | string, ttlSeconds = 60): string {
  const { kid, key } = ringOf(keys).signing;
  let signed = signedWith.get(key);
  if (!signed) signedWith.set(key, (signed = new Map()));
  const who = JSON.stringify([actor.userId, actor.roles, actor.displayName, actor.username, ttlSeconds]);
  const known = signed.get(who);
  if (known && Date.now() < known.reuseUntilMs) return known.token;
  const token = jwt.sign({ roles: actor.roles, name: actor.displayName, username: actor.username }, key, {
    subject: actor.userId, audience: AUDIENCE, issuer: ISSUER, expiresIn: ttlSeconds, algorithm: 'HS256', keyid: kid,
  });
  if (signed.size >= 10_000) signed.clear();
  signed.set(who, { token, reuseUntilMs: Date.now() + (ttlSeconds * 1000) / 2 });
  return token;
}

const verified = new VerifiedTokens<Actor | null>();

export function verifyActorAssertion(token: string | undefined, keys: KeyRing | string): Actor | null {
  if (!token) return null;
  try {
    return verified.get(token, ringOf(keys), (key) => {
      const claims = jwt.verify(token, key, { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] }) as jwt.JwtPayload;
      const actor: Actor | null = typeof claims.sub !== 'string' || !Array.isArray(claims.roles) ? null : {
        userId: claims.sub, roles: claims.roles.filter((r: unknown) => typeof r === 'string'),
        ...(typeof claims.name === 'string' ? { displayName: claims.name } : {}), ...(typeof claims.username === 'string' ? { username: claims.username } : {}),
      };
      return { value: actor, exp: claims.exp! };
    });
  } catch {
    return null;
  }
}

