/** A field a person must correct, named by its path in the request (`lines[2].quantity`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An expected business refusal, raised by domain code and mapped once to problem+json at the edge.
 * `code` becomes the problem type's slug; `message` is what a person reads.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'rule_violated' | 'rate_limited';

export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 423, rule_violated: 422, rate_limited: 429,
};

export const DOMAIN_ERROR_TITLE: Readonly<Record<DomainErrorKind, string>> = {
  invalid: 'The request is not valid',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflicts with the current state',
  locked: 'Locked',
  rule_violated: 'Refused by a business rule',
  rate_limited: 'Too many requests',
};

export class DomainError extends Error {
  constructor(readonly kind: DomainErrorKind, readonly code: string, message: string, readonly errors?: FieldError[]) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return DOMAIN_ERROR_STATUS[this.kind];
  }
}
