/** Money is integer fen (1 CNY = 100 fen), never a float (DESIGN §10). */
export const CURRENCY = 'CNY';

export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Formats fen as CNY with two decimals, for people (never for arithmetic). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
