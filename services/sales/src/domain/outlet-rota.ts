import { addDays, DomainError } from '@ops/kernel';

/**
 * An outlet's weekly rota (排班), planned four weeks at a time: per person per day a shift of
 * the outlet's shift kinds (day, evening …) or `rest`. On a day the outlet is closed everyone rests. The rules:
 * - every person rests at least one day in each week;
 * - every open day has at least one person on;
 * - over the four weeks each person's rest days are within one of everyone else's, and so are the rest days
 *   that fall on a Saturday or Sunday.
 */
export const REST = 'rest';
export const ROTA_DAYS = 28;

export interface RotaRow {
  username: string;
  /** ROTA_DAYS entries, Monday first: a shift kind or REST. */
  days: string[];
}

export interface RotaFrame {
  /** A Monday. */
  startDate: string;
  shiftKinds: string[];
  /** Per weekday (0 = Sunday … 6 = Saturday): is the outlet open. */
  openWeekdays: boolean[];
}

export const rotaDates = (startDate: string): string[] => Array.from({ length: ROTA_DAYS }, (_, i) => addDays(startDate, i));
/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

export function isMonday(date: string): boolean {
  return weekdayOf(date) === 1;
}

export interface RestCount {
  username: string;
  restDays: number;
  weekendRestDays: number;
}

export function restCounts(startDate: string, rows: RotaRow[]): RestCount[] {
  const dates = rotaDates(startDate);
  return rows.map((r) => ({
    username: r.username,
    restDays: r.days.filter((d) => d === REST).length,
    weekendRestDays: r.days.filter((d, i) => d === REST && isWeekend(dates[i])).length,
  }));
}

const refuse = (code: string, message: string, field = 'plan') => new DomainError('rule_violated', code, message, [{ field, message }]);

/** Names who is out of balance: those with the most and those with the fewest. */
function balance(counts: RestCount[], key: 'restDays' | 'weekendRestDays', what: string): void {
  if (counts.length < 2) return;
  const values = counts.map((c) => c[key]);
  const [max, min] = [Math.max(...values), Math.min(...values)];
  if (max - min <= 1) return;
  const most = counts.filter((c) => c[key] === max).map((c) => c.username);
  const fewest = counts.filter((c) => c[key] === min).map((c) => c.username);
  throw refuse('rota-unfair', `${what} are more than one apart: ${most.join(', ')} ${max}, ${fewest.join(', ')} ${min}`);
}

/** Checks a rota (generated or edited) against the rules; throws a 422 naming the first person or day at fault. */
export function validateRota(frame: RotaFrame, rows: RotaRow[], staff: string[]): void {
  if (!isMonday(frame.startDate)) throw refuse('rota-not-monday', `A rota starts on a Monday; ${frame.startDate} is not one`, 'startDate');
  if (rows.length === 0) throw refuse('rota-invalid', 'A rota has at least one person');
  const seen = new Set<string>();
  const allowed = new Set([...frame.shiftKinds, REST]);
  const dates = rotaDates(frame.startDate);
  for (const row of rows) {
    if (!staff.includes(row.username)) throw refuse('rota-invalid', `${row.username} is not on the outlet's staff`);
    if (seen.has(row.username)) throw refuse('rota-invalid', `${row.username} appears twice`);
    seen.add(row.username);
    if (row.days.length !== ROTA_DAYS) throw refuse('rota-invalid', `${row.username} has ${row.days.length} days; a rota has ${ROTA_DAYS}`);
    row.days.forEach((d, i) => {
      if (!allowed.has(d)) throw refuse('rota-invalid', `${row.username} on ${dates[i]}: "${d}" is neither a shift kind (${frame.shiftKinds.join(', ')}) nor rest`);
      if (d !== REST && !frame.openWeekdays[weekdayOf(dates[i])]) throw refuse('rota-closed-day-worked', `${row.username} works on ${dates[i]}, when the outlet is closed`);
    });
    for (let w = 0; w < ROTA_DAYS / 7; w++) {
      if (!row.days.slice(w * 7, w * 7 + 7).includes(REST)) throw refuse('rota-no-weekly-rest', `${row.username} has no rest day in the week of ${dates[w * 7]}`);
    }
  }
  dates.forEach((date, i) => {
    if (frame.openWeekdays[weekdayOf(date)] && rows.every((r) => r.days[i] === REST)) throw refuse('rota-day-uncovered', `Nobody is on on ${date}, when the outlet is open`);
  });
  const counts = restCounts(frame.startDate, rows);
  balance(counts, 'restDays', 'Rest days over the four weeks');
  balance(counts, 'weekendRestDays', 'Weekend rest days over the four weeks');
}

/**
 * A fair rota by a fixed rotation (the same staff and frame give the same rota). Everyone rests on the days the
 * outlet is closed. When the outlet is open every day of a week, each person also rests once that week on an
 * open day (with two or more open days and two or more people, also when it closes some days): the weekend's
 * rest slots go each week to those with the fewest weekend rests so far, the rest are spread over the weekdays;
 * working people take the shift kinds in turn.
 */
export function generateRota(frame: RotaFrame, staff: string[]): RotaRow[] {
  if (!isMonday(frame.startDate)) throw refuse('rota-not-monday', `A rota starts on a Monday; ${frame.startDate} is not one`, 'startDate');
  const people = [...new Set(staff)].sort();
  if (people.length === 0) throw refuse('rota-not-feasible', 'The outlet has no staff to plan');
  const dates = rotaDates(frame.startDate);
  const open = (i: number) => frame.openWeekdays[weekdayOf(dates[i])];
  const days: string[][] = people.map(() => dates.map(() => REST));
  const openCount = frame.openWeekdays.filter(Boolean).length;
  const closesSomeDay = openCount < 7;
  const openRest = people.length >= 2 && openCount >= 2;
  if (!openRest && !closesSomeDay) throw refuse('rota-not-feasible', 'One person cannot both rest each week and cover every day of an outlet open all week');
  const weekendRests = people.map(() => 0);
  for (let w = 0; w < ROTA_DAYS / 7; w++) {
    const week = [0, 1, 2, 3, 4, 5, 6].map((d) => w * 7 + d).filter(open);
    const resting = new Map<number, number>(); // person → day index
    if (openRest) {
      const weekendDays = week.filter((i) => isWeekend(dates[i]));
      const weekdays = week.filter((i) => !isWeekend(dates[i]));
      // Weekend rest slots in proportion to the weekend's share of the open days (both kinds of day keep someone on).
      let slots = weekdays.length === 0 ? people.length : Math.round((people.length * weekendDays.length) / week.length);
      if (weekendDays.length === 0) slots = 0;
      // Fewest weekend rests first; ties broken by a rotation that moves each week.
      const order = people.map((_, p) => p).sort((a, b) => weekendRests[a] - weekendRests[b] || ((a - w + people.length * 4) % people.length) - ((b - w + people.length * 4) % people.length));
      const onWeekend = order.slice(0, slots);
      const onWeekdays = order.slice(slots).sort((a, b) => a - b);
      onWeekend.forEach((p, k) => resting.set(p, weekendDays[(k + w) % weekendDays.length]));
      onWeekdays.forEach((p, k) => resting.set(p, weekdays[(k + w * onWeekdays.length) % weekdays.length]));
      onWeekend.forEach((p) => (weekendRests[p] += 1));
    }
    for (const i of week) {
      let turn = i;
      people.forEach((_, p) => {
        if (resting.get(p) === i) return;
        days[p][i] = frame.shiftKinds[turn % frame.shiftKinds.length];
        turn += 1;
      });
    }
  }
  const rows = people.map((username, p) => ({ username, days: days[p] }));
  validateRota(frame, rows, people);
  return rows;
}

/** Per weekday open or not, from opening hours keyed '0' (Sunday) … '6' (Saturday), null or absent when closed. */
export function openWeekdaysOf(hours: Record<string, unknown>): boolean[] {
  return [0, 1, 2, 3, 4, 5, 6].map((d) => !!hours[String(d)]);
}
