/**
 * Repeated failed sign-ins lock an account for a while; a success clears the count. Pure, so the
 * rule is tested without a database.
 */
export interface SignInState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export function isLocked(state: SignInState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: SignInState, now: Date, policy: LockoutPolicy): SignInState {
  const failedAttempts = (isLocked(state, now) || state.lockedUntil === null ? state.failedAttempts : 0) + 1;
  return failedAttempts >= policy.maxFailures
    ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockMs) }
    : { failedAttempts, lockedUntil: state.lockedUntil };
}

export function afterSuccess(): SignInState {
  return { failedAttempts: 0, lockedUntil: null };
}

export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.toLowerCase() === username.toLowerCase()) problems.push('must differ from the username');
  return problems;
}
