// Made once: building an Intl formatter per call showed up in profiles of the order flow.
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' });
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Business dates and years follow the Asia/Shanghai calendar (DESIGN §10). */
export function businessYear(at: Date = new Date()): number {
  return Number(YEAR.format(at));
}

export function businessDate(at: Date = new Date()): string {
  return DATE.format(at);
}
