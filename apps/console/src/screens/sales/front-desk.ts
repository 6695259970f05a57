/** The business date on the company's calendar (Asia/Shanghai), as the API writes dates: YYYY-MM-DD. */
export const businessToday = (at: Date = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export const CHANNELS = ['walk_in', 'phone', 'referral', 'web', 'event'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A trimmed text, or nothing when blank: optional fields are left out of the request rather than sent empty. */
export const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
