// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { businessDate, formatDateTime, formatFen, yuanToFen } from './money';

describe('money and dates', () => {
  it('shows integer fen as yuan with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-1050)).toBe('-¥10.50');
    expect(formatFen(undefined)).toBe('—');
  });

  it('reads what a person typed as yuan into exact fen, refusing what is not an amount', () => {
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('¥1,234.5')).toBe(123450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('0.1')).toBe(10); // no floating point: 0.1 yuan is 10 fen exactly
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('shows times and the business date in Shanghai, whatever the browser\'s zone', () => {
    expect(formatDateTime('2026-11-30T17:30:00Z', 'en')).toBe('01/12/2026, 01:30');
    expect(formatDateTime('2026-11-30T17:30:00Z', 'zh')).toBe('2026/12/01 01:30');
    expect(businessDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
  });
});
