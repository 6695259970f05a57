import { DomainError, note, StateMachine, type FieldError, type Person, type Step, type Transition } from '@ops/kernel';

/**
 * An after-sales service ticket (domain.md, service tickets): an inquiry, complaint, return or exchange request,
 * taken on a channel, owned by one person, due by a deadline counted in business days, with an append-only
 * conversation whose first outgoing note is the first response. Resolved, then closed with the customer's
 * satisfaction; a resolved ticket may be reopened.
 */
export type TicketKind = 'inquiry' | 'complaint' | 'return_request' | 'exchange_request';
export type TicketStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export type TicketChannel = 'phone' | 'online_chat' | 'email' | 'store' | 'wechat';
export type NoteDirection = 'in' | 'out';

export const SERVICE_TICKET = new StateMachine<TicketStatus>('service ticket', {
  open: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
});

/** How long each kind may wait for its answer, in business days (Monday to Friday, Asia/Shanghai). */
export const TICKET_DEADLINE_BUSINESS_DAYS: Readonly<Record<TicketKind, number>> = { inquiry: 1, complaint: 3, return_request: 7, exchange_request: 7 };

/** Who may give any ticket to someone else (besides its owner). */
export const TICKET_SUPERVISOR_ROLES = ['sales_manager', 'sales_vp', 'general_manager', 'admin'] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** The weekday (0 Sunday … 6 Saturday) of an instant on the Asia/Shanghai calendar (no daylight saving there). */
const shanghaiWeekday = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCDay();

/** `days` business days after `from`, at the same time of day: each step of 24 hours lands on a weekday or is taken again. */
export function addBusinessDays(from: Date, days: number): Date {
  let at = from.getTime();
  for (let left = days; left > 0;) {
    at += DAY_MS;
    const weekday = shanghaiWeekday(new Date(at));
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(at);
}

export function defaultDeadline(kind: TicketKind, openedAt: Date, table: Readonly<Record<TicketKind, number>> = TICKET_DEADLINE_BUSINESS_DAYS): Date {
  return addBusinessDays(openedAt, table[kind]);
}

export interface TicketNote {
  noteNo: number;
  direction: NoteDirection;
  text: string;
  by: string;
  at: string;
}

export interface ServiceTicket {
  id: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  customerId: string | null;
  customerName: string;
  customerPhone: string | null;
  orderId: string | null;
  owner: string;
  openedBy: string;
  openedAt: Date;
  deadlineAt: Date;
  notes: TicketNote[];
  firstResponseAt: Date | null;
  resolution: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  satisfaction: number | null;
  feedback: string | null;
  returnId: string | null;
  rmaNumber: string | null;
  replacementOrders?: Array<{ orderId: string; orderNumber: string }>;
}

/** Who the ticket is for: a customer on file, or a walk-in (name and phone) with an inquiry only. */
export function checkCustomer(t: { kind: TicketKind; customerId?: string | null; customerName?: string | null; customerPhone?: string | null; orderId?: string | null }): void {
  const problems: FieldError[] = [];
  if (!t.customerId) {
    if (t.kind !== 'inquiry') problems.push({ field: 'customerId', message: 'only an inquiry may come from a walk-in; name the customer' });
    if (!t.customerName) problems.push({ field: 'customerName', message: 'a walk-in gives a name (or name the customer)' });
    if (!t.customerPhone) problems.push({ field: 'customerPhone', message: 'a walk-in gives a phone (or name the customer)' });
    if (t.orderId) problems.push({ field: 'orderId', message: 'an order belongs to a customer: name the customer' });
  }
  if (problems.length) throw new DomainError('rule_violated', 'ticket-customer-required', 'Say who the ticket is for', problems);
}

/** The order a ticket names must be one of its customer's. */
export function refuseOrderOfAnother(order: { number: string; customerId: string }, customerId: string): void {
  if (order.customerId !== customerId) {
    throw new DomainError('rule_violated', 'order-of-another-customer', `Order ${order.number} is not this customer's`, [{ field: 'orderId', message: 'is an order of another customer' }]);
  }
}

export function openTicket<T extends ServiceTicket>(ticket: T, description?: string | null): Step<T> {
  checkCustomer(ticket);
  if (ticket.deadlineAt.getTime() <= ticket.openedAt.getTime()) {
    throw new DomainError('invalid', 'deadline-in-the-past', 'The deadline must be after the ticket is opened', [{ field: 'deadlineAt', message: 'must be later than now' }]);
  }
  const notes: TicketNote[] = description ? [{ noteNo: 1, direction: 'in', text: description, by: ticket.openedBy, at: ticket.openedAt.toISOString() }] : [];
  return {
    state: { ...ticket, status: 'open', notes, firstResponseAt: null },
    transitions: [{ from: 'new', to: 'open', reason: `${ticket.kind.replace(/_/g, ' ')} opened by ${ticket.openedBy} for ${ticket.owner}, due ${ticket.deadlineAt.toISOString()}` }],
    events: [],
  };
}

const label = (t: ServiceTicket) => `Service ticket ${t.number}`;

function refuseClosed(t: ServiceTicket): void {
  if (t.status === 'closed') throw new DomainError('conflict', 'ticket-closed', `${label(t)} is closed`);
}

/** A note is appended, never changed; the first outgoing one is the first response and puts an open ticket in progress. */
export function addNote<T extends ServiceTicket>(t: T, entry: { direction: NoteDirection; text: string; by: string }, at: Date): Step<T> {
  refuseClosed(t);
  const text = entry.text.trim();
  if (!text) throw new DomainError('invalid', 'note-blank', 'A note says something', [{ field: 'text', message: 'must not be blank' }]);
  const notes = [...t.notes, { noteNo: t.notes.length + 1, direction: entry.direction, text, by: entry.by, at: at.toISOString() }];
  const firstResponse = entry.direction === 'out' && !t.firstResponseAt;
  const state = { ...t, notes, firstResponseAt: firstResponse ? at : t.firstResponseAt };
  if (firstResponse && t.status === 'open') {
    const move = SERVICE_TICKET.move(t.status, 'in_progress', `first answer to the customer by ${entry.by}`, label(t));
    return { state: { ...state, status: move.to }, transitions: [move], events: [] };
  }
  return { state, transitions: firstResponse ? [note(t.status, `first answer to the customer by ${entry.by}`) as Transition] : [], events: [] };
}

export function start<T extends ServiceTicket>(t: T, by: string): Step<T> {
  const move = SERVICE_TICKET.move(t.status, 'in_progress', `taken up by ${by}`, label(t));
  return { state: { ...t, status: move.to }, transitions: [move], events: [] };
}

export function resolve<T extends ServiceTicket>(t: T, resolution: string, by: string, at: Date): Step<T> {
  const move = SERVICE_TICKET.move(t.status, 'resolved', `resolved by ${by}: ${resolution}`, label(t));
  return { state: { ...t, status: move.to, resolution, resolvedAt: at }, transitions: [move], events: [] };
}

/** A resolved ticket goes back in progress; its resolution time is measured again at the next resolution. */
export function reopen<T extends ServiceTicket>(t: T, reason: string, by: string): Step<T> {
  if (t.status !== 'resolved') throw new DomainError('conflict', 'ticket-not-resolved', `${label(t)} is ${t.status.replace(/_/g, ' ')}: only a resolved ticket is reopened`);
  const move = SERVICE_TICKET.move(t.status, 'in_progress', `reopened by ${by}: ${reason}`, label(t));
  return { state: { ...t, status: move.to, resolvedAt: null }, transitions: [move], events: [] };
}

export function close<T extends ServiceTicket>(t: T, satisfaction: number, feedback: string | null, by: string, at: Date): Step<T> {
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
    throw new DomainError('invalid', 'satisfaction-invalid', 'Satisfaction is 1 to 5', [{ field: 'satisfaction', message: 'must be a whole number from 1 to 5' }]);
  }
  const move = SERVICE_TICKET.move(t.status, 'closed', `closed by ${by}: satisfaction ${satisfaction}/5`, label(t));
  return { state: { ...t, status: move.to, closedAt: at, satisfaction, feedback }, transitions: [move], events: [] };
}

/** The owner gives the ticket away, or a supervisor (sales manager and above) does. */
export function reassign<T extends ServiceTicket>(t: T, owner: string, actor: Person & { username: string }, reason?: string | null): Step<T> {
  refuseClosed(t);
  const supervisor = actor.roles.some((r) => (TICKET_SUPERVISOR_ROLES as readonly string[]).includes(r));
  if (!supervisor && actor.username !== t.owner) {
    throw new DomainError('forbidden', 'not-ticket-supervisor', `${label(t)} is ${t.owner}'s: only its owner or a sales manager and above may give it to someone else`);
  }
  if (owner === t.owner) return { state: t, transitions: [], events: [] };
  return {
    state: { ...t, owner },
    transitions: [note(t.status, `given by ${actor.username} from ${t.owner} to ${owner}${reason ? `: ${reason}` : ''}`) as Transition],
    events: [],
  };
}

/** A return-request ticket, not closed, with an order and no RMA yet, may open its RMA. */
export function refuseUnlessMayOpenReturn(t: ServiceTicket): string {
  if (t.kind !== 'return_request') throw new DomainError('conflict', 'ticket-not-return-request', `${label(t)} is ${t.kind.replace(/_/g, ' ')}, not a return request`);
  refuseClosed(t);
  if (t.rmaNumber) throw new DomainError('conflict', 'ticket-rma-exists', `${label(t)} opened ${t.rmaNumber} already`);
  if (!t.orderId) throw new DomainError('rule_violated', 'ticket-without-order', `${label(t)} names no order to return goods of`, [{ field: 'orderId', message: 'the ticket names no order' }]);
  return t.orderId;
}

export function linkReturn<T extends ServiceTicket>(t: T, rma: { id: string; number: string }, by: string): Step<T> {
  return { state: { ...t, returnId: rma.id, rmaNumber: rma.number }, transitions: [note(t.status, `return ${rma.number} opened by ${by}`) as Transition], events: [] };
}

/**
 * Replacement parts are owed on a complaint (seed: 售后投诉 → 补件): only a complaint ticket of a customer on file,
 * not closed, raises a replacement order. Answers the customer it is for.
 */
export function refuseUnlessMayReplace(t: ServiceTicket): string {
  if (t.kind !== 'complaint') throw new DomainError('conflict', 'ticket-not-complaint', `${label(t)} is ${t.kind.replace(/_/g, ' ')}: replacement orders come from complaints`);
  refuseClosed(t);
  if (!t.customerId) throw new DomainError('rule_violated', 'ticket-without-customer', `${label(t)} names no customer`, [{ field: 'customerId', message: 'the ticket must name a customer on file' }]);
  return t.customerId;
}

/** The replacement order is listed on the ticket, with a line in its history. */
export function linkReplacementOrder<T extends ServiceTicket>(t: T, order: { orderId: string; orderNumber: string }, by: string): Step<T> {
  return {
    state: { ...t, replacementOrders: [...(t.replacementOrders ?? []), order] },
    transitions: [note(t.status, `replacement order ${order.orderNumber} raised by ${by}`) as Transition],
    events: [],
  };
}

/** Open or in progress with the deadline passed, on the business clock. */
export function isOverdue(t: Pick<ServiceTicket, 'status' | 'deadlineAt'>, now: Date): boolean {
  return (t.status === 'open' || t.status === 'in_progress') && t.deadlineAt.getTime() < now.getTime();
}

export const hoursBetween = (from: Date, to: Date): number => round2((to.getTime() - from.getTime()) / HOUR_MS);
const round2 = (n: number) => Math.round(n * 100) / 100;

// ---- the time report ----

export interface DurationStats {
  count: number;
  averageHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

/** Average, median (the mean of the two middle values for an even count) and 90th percentile (nearest rank), rounded to 0.01 h. */
export function durationStats(hours: readonly number[]): DurationStats {
  if (hours.length === 0) return { count: 0, averageHours: null, medianHours: null, p90Hours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1];
  return { count: n, averageHours: round2(sorted.reduce((s, h) => s + h, 0) / n), medianHours: round2(median), p90Hours: round2(p90) };
}

export interface TicketTimes {
  kind: TicketKind;
  owner: string;
  openedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}

export interface TimeReportRow {
  key: string;
  tickets: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
}

function rowOf(key: string, tickets: readonly TicketTimes[]): TimeReportRow {
  return {
    key,
    tickets: tickets.length,
    firstResponse: durationStats(tickets.filter((t) => t.firstResponseAt).map((t) => (t.firstResponseAt!.getTime() - t.openedAt.getTime()) / HOUR_MS)),
    resolution: durationStats(tickets.filter((t) => t.resolvedAt).map((t) => (t.resolvedAt!.getTime() - t.openedAt.getTime()) / HOUR_MS)),
  };
}

function groupBy(tickets: readonly TicketTimes[], key: (t: TicketTimes) => string): TimeReportRow[] {
  const groups = new Map<string, TicketTimes[]>();
  for (const t of tickets) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, ts]) => rowOf(k, ts));
}

/** First-response and resolution times of the tickets given (those opened in the period), overall, per owner and per kind. */
export function timeReport(tickets: readonly TicketTimes[]): { overall: TimeReportRow; byOwner: TimeReportRow[]; byKind: TimeReportRow[] } {
  return { overall: rowOf('all', tickets), byOwner: groupBy(tickets, (t) => t.owner), byKind: groupBy(tickets, (t) => t.kind) };
}
