import { z } from 'zod';

/**
 * The pieces every process's configuration schema is made of. Each reads one environment variable
 * (a string or nothing) and gives a typed value or its default; a wrong value is refused with what is
 * wanted and what was given, so start-up stops on a message that names the variable.
 */
const raw = () => z.string().trim().optional();
const given = (value: string | undefined): value is string => value !== undefined && value !== '';

export const env = {
  /** A whole number within bounds (ports, timeouts in ms, counts). */
  int: (fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
    raw().transform((value, ctx) => {
      if (!given(value)) return fallback;
      const n = Number(value);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${value}"` });
      return z.NEVER;
    }),
  /** Free text with a default (names, prefixes). */
  text: (fallback: string, pattern?: RegExp, wanted?: string) =>
    raw().transform((value, ctx) => {
      if (!given(value)) return fallback;
      if (!pattern || pattern.test(value)) return value;
      ctx.addIssue({ code: 'custom', message: `must be ${wanted ?? `like ${pattern}`}, got "${value}"` });
      return z.NEVER;
    }),
  /** A URL with one of the given schemes (postgres://, nats://). */
  url: (fallback: string | undefined, schemes: string[]) =>
    raw().transform((value, ctx) => {
      if (!given(value)) return fallback;
      try {
        const url = new URL(value);
        if (schemes.includes(url.protocol.replace(/:$/, ''))) return value;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: `must be a ${schemes.join(' or ')} URL` });
      return z.NEVER;
    }),
  /** One of a few words. */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
    raw().transform((value, ctx): T[number] => {
      if (!given(value)) return fallback;
      if ((values as readonly string[]).includes(value)) return value;
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${value}"` });
      return z.NEVER;
    }),
  /** true/false (also 1/0, yes/no). */
  flag: (fallback: boolean) =>
    raw().transform((value, ctx) => {
      if (!given(value)) return fallback;
      if (/^(true|1|yes)$/i.test(value)) return true;
      if (/^(false|0|no)$/i.test(value)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${value}"` });
      return z.NEVER;
    }),
  /** A comma-separated list. */
  list: (fallback: string[] = []) => raw().transform((value) => (given(value) ? value.split(',').map((v) => v.trim()).filter(Boolean) : fallback)),
  /** A comma-separated list of whole numbers (a retry schedule). */
  intList: (fallback: number[]) =>
    raw().transform((value, ctx) => {
      if (!given(value)) return fallback;
      const items = value.split(',').map((v) => Number(v.trim()));
      if (items.every((n) => Number.isInteger(n) && n >= 0)) return items;
      ctx.addIssue({ code: 'custom', message: `must be whole numbers separated by commas, got "${value}"` });
      return z.NEVER;
    }),
  /** An optional string, kept as given. */
  optional: () => raw().transform((value) => (given(value) ? value : undefined)),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads `variables` against `schema`; on any wrong value throws one error listing each variable and what is wrong. */
export function readEnvironment<S extends z.ZodRawShape>(who: string, schema: S, variables: NodeJS.ProcessEnv): z.output<z.ZodObject<S>> {
  const result = z.object(schema).safeParse(variables);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`The configuration of ${who} is not valid; fix these environment variables:\n${lines.join('\n')}`);
}
