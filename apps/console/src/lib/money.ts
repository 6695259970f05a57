/** Money is integer fen everywhere in the API; people see ¥ with two decimals. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** What a person types as yuan ("1,234.5", "¥12") to integer fen; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const cleaned = text.replace(/[¥,\s]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, part = ''] = cleaned.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(part.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -fen : fen;
}

const SHANGHAI = 'Asia/Shanghai';

/** A moment in the business's time zone, whatever the browser's: 2026-11-30 14:05. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

/** Today's business date in Shanghai (YYYY-MM-DD). */
export function businessDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
