import jwt from 'jsonwebtoken';
import { KeyRing } from './key-ring.js';
import { signActorAssertion, verifyActorAssertion } from './actor-assertion.js';
import { VerifiedTokens } from './verified-tokens.js';

const SECRET_A = 'a'.repeat(40);
const SECRET_B = 'b'.repeat(40);

describe('remembered token verifications', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies a token once, and again only when it has expired', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const ring = KeyRing.of('access', { signing: 'k1', keys: { k1: SECRET_A } });
    const token = jwt.sign({ sub: 'u1' }, ring.signing.key, { algorithm: 'HS256', keyid: 'k1', expiresIn: 60 });
    const cache = new VerifiedTokens<string>();
    const verify = jest.fn((key) => {
      const claims = jwt.verify(token, key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      return { value: claims.sub!, exp: claims.exp! };
    });
    expect(cache.get(token, ring, verify)).toBe('u1');
    expect(cache.get(token, ring, verify)).toBe('u1');
    expect(verify).toHaveBeenCalledTimes(1);
    jest.setSystemTime(new Date('2026-12-01T10:01:00Z'));
    expect(() => cache.get(token, ring, verify)).toThrow(jwt.TokenExpiredError);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('stops trusting a remembered token once its key leaves the ring', () => {
    const old = KeyRing.of('access', { signing: 'k1', keys: { k1: SECRET_A } });
    const rotated = KeyRing.of('access', { signing: 'k2', keys: { k2: SECRET_B } });
    const token = jwt.sign({ sub: 'u1' }, old.signing.key, { algorithm: 'HS256', keyid: 'k1', expiresIn: 60 });
    const cache = new VerifiedTokens<string>();
    const verify = (key: Parameters<Parameters<VerifiedTokens<string>['get']>[2]>[0]) => {
      const claims = jwt.verify(token, key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      return { value: claims.sub!, exp: claims.exp! };
    };
    expect(cache.get(token, old, verify)).toBe('u1');
    expect(() => cache.get(token, rotated, verify)).toThrow('not trusted');
  });

  it('reuses an actor assertion for half its life, per signing key', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const actor = { userId: 'u1', roles: ['cashier'], displayName: 'Li', username: 'li' };
    const first = signActorAssertion(actor, SECRET_A);
    expect(signActorAssertion(actor, SECRET_A)).toBe(first);
    expect(signActorAssertion(actor, SECRET_B)).not.toBe(first);
    expect(signActorAssertion({ ...actor, roles: ['cashier', 'finance_manager'] }, SECRET_A)).not.toBe(first);
    expect(verifyActorAssertion(first, SECRET_A)).toEqual(actor);
    expect(verifyActorAssertion(first, SECRET_B)).toBeNull();
    jest.setSystemTime(new Date('2026-12-01T10:00:31Z'));
    const renewed = signActorAssertion(actor, SECRET_A);
    expect(renewed).not.toBe(first);
    jest.setSystemTime(new Date('2026-12-01T10:01:00Z'));
    expect(verifyActorAssertion(first, SECRET_A)).toBeNull();
    expect(verifyActorAssertion(renewed, SECRET_A)).toEqual(actor);
  });
});
