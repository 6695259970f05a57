import { DomainError } from '@ops/kernel';

/**
 * One customer is one lead: phone numbers are compared in one form. Spaces, dashes, dots and brackets go,
 * and so does the country code (+86, 0086, or 86 before a mobile). What is left must be a mainland mobile
 * (11 digits starting 1[3-9]) or a landline with its area code (0 + 2 or 3 digits, then 7 or 8 digits; an
 * extension after it is dropped). Anything else is refused, naming `field`.
 */
export function normalisePhone(raw: string, field = 'phone'): string {
  const phone = phoneOrNull(raw);
  if (!phone) throw new DomainError('invalid', 'phone-invalid', `"${raw}" is not a mobile number (11 digits) or a landline with its area code`, [{ field, message: 'must be an 11-digit mobile or a landline with its area code' }]);
  return phone;
}

export function phoneOrNull(raw: string): string | null {
  // An extension (转 / ext / x / #) is not part of the line.
  let digits = raw.trim().split(/\s*(?:转|ext\.?|x|#)\s*/i)[0].replace(/[\s\-.()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  // After +86 a landline drops its trunk 0: +86 21 5555 1234 is 021 5555 1234.
  if (/^[2-9]\d{8,10}$/.test(digits) && raw.trim().match(/^(\+|00)86/)) digits = `0${digits}`;
  if (/^0(?:[12]\d|[3-9]\d{2})\d{7,8}$/.test(digits) && digits.length >= 10 && digits.length <= 12) return digits;
  return null;
}
