// Made once: building an Intl formatter per call showed up in profiles of the order flow.
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A business date, `YYYY-MM-DD` on the Asia/Shanghai calendar (the company's working day). */
export type BusinessDate = string;

let clock: () => Date = () => new Date();

/**
 * The business clock: the one "now" every date rule reads (business dates and years, day closes, periodic
 * work that depends on the date). The system clock, unless a test (or a demo) sets another source with
 * setBusinessClock to stand on a chosen day and move on from it.
 */
export function businessNow(): Date {
  return clock();
}

/** Sets the business clock's source (`null`: the system clock again). */
export function setBusinessClock(source: (() => Date) | null): void {
  clock = source ?? (() => new Date());
}

/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1992, so a moment since then is shifted by
 * eight hours; only older moments need the formatter, which costs microseconds a call on a hot path.
 */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** toISOString writes years past 9999 with a sign; those go the formatter's way. */
const MAX_ISO_YEAR = Date.UTC(9999, 11, 31) - SHANGHAI_OFFSET_MS;

/** Business dates and years follow the Asia/Shanghai calendar, whatever the server's zone. */
export function businessYear(at: Date = businessNow()): number {
  return Number(businessDate(at).slice(0, -6)); // YYYY-MM-DD
}

export function businessDate(at: Date = businessNow()): BusinessDate {
  const ms = at.getTime();
  if (ms >= FIXED_OFFSET_SINCE && ms < MAX_ISO_YEAR) return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  return DATE.format(at);
}

const DAY_MS = 86_400_000;
const toUtcNoon = (date: BusinessDate) => Date.parse(`${date}T12:00:00Z`);

/** The business date `days` after `date` (negative: before). Calendar arithmetic, no time zone involved. */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  return new Date(toUtcNoon(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtcNoon(to) - toUtcNoon(from)) / DAY_MS);
}

/**
 * The business date `months` after `date` (negative: before), on the same day of the month or the last day
 * of a shorter month (31 January + 1 month is 28 or 29 February), as Postgres adds an interval of months.
 */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The first day of the month `date` falls in. */
export const monthStart = (date: BusinessDate): BusinessDate => `${date.slice(0, 8)}01`;
