import { addDays, daysBetween, type BusinessDate } from './calendar.js';
import { DomainError } from './errors.js';

/** A run of business dates, both ends included. */
export interface Period {
  from: BusinessDate;
  to: BusinessDate;
}

/** A report's period when the caller names none: the 30 business days ending today. */
export const REPORT_DEFAULT_DAYS = 30;
/** The longest period a report covers (a quarter), so one request never reads years of rows. */
export const REPORT_MAX_DAYS = 92;

/**
 * The period a report covers, from what the caller asked on a business date: `to` defaults to today and
 * `from` to the 30 days ending at `to`. A period that ends before it starts, or is longer than 92 days, is
 * refused (400) naming the field to correct: `to` when the caller gave it, else `from`.
 */
export function reportPeriod(asked: { from?: BusinessDate; to?: BusinessDate }, today: BusinessDate, limits = { defaultDays: REPORT_DEFAULT_DAYS, maxDays: REPORT_MAX_DAYS }): Period {
  const to = asked.to ?? today;
  const from = asked.from ?? addDays(to, -(limits.defaultDays - 1));
  const field = asked.to !== undefined ? 'to' : 'from';
  if (to < from) {
    const message = field === 'to' ? 'must not be before from' : `must not be after to (${to})`;
    throw new DomainError('invalid', 'bad-period', `The period ends (${to}) before it starts (${from})`, [{ field, message }]);
  }
  const days = daysBetween(from, to) + 1;
  if (days > limits.maxDays) {
    const message = `must keep the period to at most ${limits.maxDays} days (from ${from} to ${to} is ${days})`;
    throw new DomainError('invalid', 'period-too-long', `The period has ${days} days; a report covers at most ${limits.maxDays}`, [{ field, message }]);
  }
  return { from, to };
}

/** Every business date of a period, in order. */
export function datesOf(period: Period): BusinessDate[] {
  const count = daysBetween(period.from, period.to) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, i) => addDays(period.from, i));
}
