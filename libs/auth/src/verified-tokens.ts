import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { KeyRing } from './key-ring.js';

interface Verified<T> {
  value: T;
  kid: string | undefined;
  key: KeyObject;
  expiresAtMs: number;
}

/**
 * Tokens this process has already verified, with what they said, until they expire. Every request carries
 * the same token as the one before it (a signed-in person's access token; the gateway's actor assertion), and
 * checking it again — two JSON parses and an HMAC — was a noticeable part of a request's CPU. A remembered
 * token is trusted only while the key that verified it is still in the ring under the same id (a key
 * removed from the keys file stops its tokens at once, as before) and until its `exp`, to the second as
 * jsonwebtoken counts. Bounded: when full, it starts afresh.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, Verified<T>>();

  constructor(private readonly capacity = 10_000) {}

  /** What `verify` made of `token`, from memory when it was verified before and is still good. */
  get(token: string, ring: KeyRing, verify: (key: KeyObject) => { value: T; exp: number }): T {
    const known = this.entries.get(token);
    if (known && Date.now() < known.expiresAtMs && ring.verifying(known.kid) === known.key) return known.value;
    if (known) this.entries.delete(token);
    const kid = keyIdOf(token);
    const key = ring.verifying(kid);
    if (!key) throw new jwt.JsonWebTokenError('the token is signed by a key that is not trusted');
    const { value, exp } = verify(key);
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(token, { value, kid, key, expiresAtMs: exp * 1000 });
    return value;
  }
}

/** The key id a signed token names in its header (undefined for none, or for what is not a token). */
export function keyIdOf(token: string): string | undefined {
  const header = jwt.decode(token, { complete: true })?.header;
  return typeof header?.kid === 'string' ? header.kid : undefined;
}
