/**
 * An amount in Chinese capital numerals (大写金额), as printed on invoices and receipts so figures cannot be
 * altered: 12,345.60 → 壹万贰仟叁佰肆拾伍元陆角整. Integer fen in, up to 9,999,999,999,999.99.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

export function chineseAmount(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error(`not an amount in fen: ${fen}`);
  if (fen < 0) return `负${chineseAmount(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cents = fen % 10;
  const whole = yuan === 0 ? '' : `${integerWords(yuan)}元`;
  if (jiao === 0 && cents === 0) return `${whole || '零元'}整`;
  const jiaoPart = jiao > 0 ? `${DIGITS[jiao]}角` : whole ? '零' : '';
  const fenPart = cents > 0 ? `${DIGITS[cents]}分` : '整';
  return `${whole}${jiaoPart}${fenPart}`;
}

function integerWords(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let words = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group === 0) {
      zeroPending = words !== '';
      continue;
    }
    if (words !== '' && (zeroPending || group < 1000)) words += '零';
    words += groupWords(group) + GROUPS[g];
    zeroPending = false;
  }
  return words;
}

function groupWords(group: number): string {
  let words = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      zero = words !== '';
      continue;
    }
    if (zero) words += '零';
    words += DIGITS[digit] + SMALL[place];
    zero = false;
  }
  return words;
}
