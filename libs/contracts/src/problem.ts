/** RFC 9457 problem details, the shape of every error the platform returns. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export const PROBLEM_BASE = 'https://ops-platform.dev/problems/';

export function problem(status: number, slug: string, title: string, detail?: string, errors?: FieldError[]): Problem {
  return { type: PROBLEM_BASE + slug, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

/**
 * An expected business refusal, raised by domain code and mapped once to problem+json.
 * `code` becomes the problem type's slug; `message` is what a person reads.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'rule_violated';

const STATUS: Record<DomainErrorKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 423, rule_violated: 422 };
const TITLE: Record<DomainErrorKind, string> = {
  invalid: 'The request is not valid',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflicts with the current state',
  locked: 'Locked',
  rule_violated: 'Refused by a business rule',
};

export class DomainError extends Error {
  constructor(readonly kind: DomainErrorKind, readonly code: string, message: string, readonly errors?: FieldError[]) {
    super(message);
    this.name = 'DomainError';
  }

  toProblem(): Problem {
    return problem(STATUS[this.kind], this.code, TITLE[this.kind], this.message, this.errors);
  }
}

export function invalidRequest(errors: FieldError[]): Problem {
  return problem(400, 'validation-failed', 'The request is not valid', `${errors.length} field(s) need attention`, errors);
}
