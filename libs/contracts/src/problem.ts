import { DOMAIN_ERROR_STATUS, DOMAIN_ERROR_TITLE, type DomainError, type FieldError } from '@ops/kernel';

/** RFC 9457 problem details, the shape of every error the platform returns. */
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

/** The problem+json a domain refusal becomes at the edge. */
export function problemOf(error: DomainError): Problem {
  return problem(DOMAIN_ERROR_STATUS[error.kind], error.code, DOMAIN_ERROR_TITLE[error.kind], error.message, error.errors);
}

export function invalidRequest(errors: FieldError[]): Problem {
  return problem(400, 'validation-failed', 'The request is not valid', `${errors.length} field(s) need attention`, errors);
}
