/** The periods a sales meeting looks at (daily, weekly, monthly reports), as the business dates the API takes. */
export type ReportKind = 'day' | 'week' | 'month';

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Today; this week, Monday to today; this month, the 1st to today. `back` steps to the one before. */
export function periodOf(kind: ReportKind, today: string, back = 0): { from: string; to: string } {
  if (kind === 'day') {
    const day = shift(today, -back);
    return { from: day, to: day };
  }
  if (kind === 'week') {
    const monday = shift(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 7 * back);
    const sunday = shift(monday, 6);
    return { from: monday, to: back === 0 ? today : sunday };
  }
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - back, 1));
  const last = new Date(Date.UTC(year, month - back, 0));
  return { from: first.toISOString().slice(0, 10), to: back === 0 ? today : last.toISOString().slice(0, 10) };
}
