/** The problem+json every error of the API is (RFC 9457), with field errors when the input was at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  requestId?: string;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

/**
 * The problem's field errors as antd Form fields: `lines[0].quantity` → ['lines', 0, 'quantity'].
 * Errors on fields the form does not have stay in the general message (see `unplacedErrors`).
 */
export function fieldErrors(problem: Problem, known: (path: Array<string | number>) => boolean): Array<{ name: Array<string | number>; errors: string[] }> {
  const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
  for (const { field, message } of problem.errors ?? []) {
    const name = pathOf(field);
    if (!known(name)) continue;
    const key = JSON.stringify(name);
    byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), message] });
  }
  return [...byField.values()];
}

export function unplacedErrors(problem: Problem, known: (path: Array<string | number>) => boolean): string[] {
  return (problem.errors ?? []).filter((e) => !known(pathOf(e.field))).map((e) => `${e.field}: ${e.message}`);
}

export function pathOf(field: string): Array<string | number> {
  return field.split(/[.[\]]/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
