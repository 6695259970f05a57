import type { FormInstance } from 'antd';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { ApiProblem, fieldErrors, unplacedErrors } from '../../lib/problem';

/**
 * One place per screen where the last failed action's problem is shown: row buttons deep in a table report
 * here, and the screen shows it above its table (see DataList).
 */
const Context = createContext<{ problem: unknown; report: (error: unknown) => void }>({ problem: undefined, report: () => undefined });

export function ProblemSlot({ children }: { children: (problem: unknown) => ReactNode }) {
  const [problem, report] = useState<unknown>();
  return <Context.Provider value={{ problem, report }}>{children(problem)}</Context.Provider>;
}

export const useReportProblem = () => useContext(Context).report;

/**
 * Puts a problem's field errors on the form's own fields (`lines[0].quantity` on that line's input) and
 * answers the rest, to show above the form. `rename` maps API fields onto form fields (amountFen → amount).
 */
export function placeFieldErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): string[] {
  if (!(error instanceof ApiProblem)) return [];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const renamed = { ...error.problem, errors: (error.problem.errors ?? []).map((e) => ({ ...e, field: rename[e.field] ?? e.field })) };
  const known = (path: Array<string | number>) => registered.has(JSON.stringify(path));
  form.setFields(fieldErrors(renamed, known) as Parameters<FormInstance['setFields']>[0]);
  return unplacedErrors(renamed, known);
}
