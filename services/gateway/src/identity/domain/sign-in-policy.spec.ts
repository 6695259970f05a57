import { afterFailure, afterSuccess, isLocked, passwordProblems } from './sign-in-policy.js';

const policy = { maxFailures: 3, lockMs: 60_000 };
const now = new Date('2026-11-22T08:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('sign-in lockout', () => {
  it('locks the account on the last allowed failure, for the lock period', () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    state = afterFailure(state, now, policy);
    state = afterFailure(state, now, policy);
    expect(isLocked(state, now)).toBe(false);
    state = afterFailure(state, now, policy);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, later(59_999))).toBe(true);
    expect(isLocked(state, later(60_000))).toBe(false);
  });

  it('counts afresh after a lock has expired, and a success clears everything', () => {
    const expired = { failedAttempts: 0, lockedUntil: later(-1) };
    expect(afterFailure(expired, now, policy)).toEqual({ failedAttempts: 1, lockedUntil: expired.lockedUntil });
    expect(afterSuccess()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });

  it('refuses short passwords, the username as password and the most breached ones', () => {
    expect(passwordProblems('short', 'ann')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('eleven chrs', 'ann')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('Ann.Walker.1', 'ann.walker.1')).toEqual(['must differ from the username']);
    expect(passwordProblems('Password1234', 'ann')).toEqual([expect.stringContaining('most often seen in breaches')]);
    expect(passwordProblems('a long enough one', 'ann')).toEqual([]);
  });
});
