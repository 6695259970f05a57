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

/** ASVS 2.1.1: at least 12 characters; any characters, spaces included, no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Passwords seen most often in breaches (ASVS 2.1.7 asks for a check against breached passwords; with no
 * network to ask a breach service, the most common ones that pass the length rule are refused here).
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'qwertyuiopas', 'qwerty123456', 'password1234', 'password12345', 'passwordpassword', 'iloveyou1234',
  '111111111111', '000000000000', '123123123123', 'abcdefghijkl', 'abc123456789', '1q2w3e4r5t6y', 'qazwsxedcrfv', 'administrator',
  'adminadmin123', 'welcome12345', 'letmein12345', 'changeme1234', 'p@ssw0rd1234', 'football1234', 'baseball1234', 'sunshine1234',
  'woaini1314520', '5201314520131', 'a123456789012', 'zxcvbnm12345', 'asdfghjkl123', 'princess1234',
]);

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.toLowerCase() === username.toLowerCase()) problems.push('must differ from the username');
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push('is one of the passwords most often seen in breaches; choose another');
  return problems;
}
