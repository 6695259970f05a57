import { DomainError } from './errors.js';

/** Money is integer fen (1 CNY = 100 fen), never a float. */
export const FEN_PER_YUAN = 100;

/** `yuan(100_000)` reads as the business says it and is exact in fen. */
export const yuan = (amount: number): number => amount * FEN_PER_YUAN;

/** Formats fen as CNY with two decimals, for people (never for arithmetic). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Adds amounts and refuses a total that no longer fits exactly in a double. */
export function sumFen(amounts: Iterable<number>, what = 'The total'): number {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!Number.isSafeInteger(total)) throw new DomainError('invalid', 'amount-too-large', `${what} is too large to record`);
  return total;
}

/** A share of an amount in basis points (1/100 of a percent), rounded half up to whole fen. */
export function basisPointsOf(amountFen: number, basisPoints: number): number {
  return Math.round((amountFen * basisPoints) / 10_000);
}
