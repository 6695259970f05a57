import type { ValueTransformer } from 'typeorm';

/** Postgres returns bigint as a string; fen amounts stay well inside Number.MAX_SAFE_INTEGER. */
export const bigintFen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : toSafeNumber(value)),
};

function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is outside the safe integer range`);
  return n;
}
