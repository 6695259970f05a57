/** Money is integer fen (1 CNY = 100 fen), never a float (DESIGN §10). */
/** Formats fen as CNY with two decimals, for people (never for arithmetic). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
