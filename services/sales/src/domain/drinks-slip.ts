import { DomainError, StateMachine, type FieldError, type Step } from '@ops/kernel';

/**
 * A drinks slip at a bar counter (酒水供应单): table staff write it for a table, the bar makes the
 * drinks, table staff serve them — and then the slip's lines land on the table's open ticket, which the guest
 * settles at the till. A slip not yet served may be cancelled: by whoever may write one while it is only
 * written, by the outlet's supervisor (with a reason) once the drinks are made, since they were poured.
 */
export type DrinksSlipStatus = 'written' | 'made' | 'served' | 'cancelled';

export const DRINKS_SLIP = new StateMachine<DrinksSlipStatus>('drinks slip', {
  written: ['made', 'cancelled'],
  made: ['served', 'cancelled'],
  served: [],
  cancelled: [],
});

/** The slips still open at closing: written or made, not yet served. */
export const OPEN_SLIP_STATUSES: readonly DrinksSlipStatus[] = ['written', 'made'];

export interface DrinksSlipLine {
  lineNo: number;
  sku: string;
  quantity: number;
  note: string | null;
}

export interface DrinksSlip {
  id: string;
  outletId: string;
  number: string;
  tableLabel: string;
  status: DrinksSlipStatus;
  businessDate: string;
  writtenBy: string;
  writtenAt: Date;
  madeBy: string | null;
  madeAt: Date | null;
  servedBy: string | null;
  servedAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  ticketId: string | null;
}

export interface NewDrinksSlip {
  id: string;
  outletId: string;
  number: string;
  tableLabel: string;
  businessDate: string;
  writtenBy: string;
  at: Date;
  lines: Array<{ sku: string; quantity: number; note?: string | null }>;
}

/**
 * Writes a slip: a table and at least one line, each SKU on the outlet's price list (`priced`). Lines of the
 * same SKU with the same note are one line; a SKU not on the list is refused naming its line (422).
 */
/** Drinks slips are written at a bar that is open for business. */
export function refuseUnlessOpenBar(outlet: { code: string; kind: string; status: string }): void {
  if (outlet.kind !== 'bar') throw new DomainError('conflict', 'not-a-bar', `${outlet.code} is a store: drinks slips are written at a bar`);
  if (outlet.status !== 'active') throw new DomainError('conflict', 'outlet-closed', `${outlet.code} is closed`);
}

export function writeSlip(slip: NewDrinksSlip, priced: ReadonlySet<string>): Step<DrinksSlip> & { lines: DrinksSlipLine[] } {
  const table = slip.tableLabel.trim();
  if (!table) throw new DomainError('invalid', 'invalid-request', 'A drinks slip names its table', [{ field: 'table', message: 'must name the table' }]);
  if (!slip.lines.length) throw new DomainError('invalid', 'invalid-request', 'A drinks slip has at least one line', [{ field: 'lines', message: 'must have at least one line' }]);
  const unknown: FieldError[] = [];
  slip.lines.forEach((l, i) => {
    if (!priced.has(l.sku)) unknown.push({ field: `lines.${i}.sku`, message: `${l.sku} is not on the outlet's price list` });
    if (!Number.isInteger(l.quantity) || l.quantity < 1) unknown.push({ field: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
  });
  if (unknown.length) throw new DomainError('rule_violated', 'sku-not-on-outlet-list', `Not on the outlet's price list: ${[...new Set(slip.lines.filter((l) => !priced.has(l.sku)).map((l) => l.sku))].join(', ') || 'bad quantity'}`, unknown);
  const lines: DrinksSlipLine[] = [];
  for (const l of slip.lines) {
    const note = l.note?.trim() || null;
    const same = lines.find((x) => x.sku === l.sku && x.note === note);
    if (same) same.quantity += l.quantity;
    else lines.push({ lineNo: lines.length + 1, sku: l.sku, quantity: l.quantity, note });
  }
  const state: DrinksSlip = {
    id: slip.id, outletId: slip.outletId, number: slip.number, tableLabel: table, status: 'written', businessDate: slip.businessDate, writtenBy: slip.writtenBy, writtenAt: slip.at,
    madeBy: null, madeAt: null, servedBy: null, servedAt: null, cancelledBy: null, cancelReason: null, ticketId: null,
  };
  const pieces = lines.reduce((n, l) => n + l.quantity, 0);
  return { state, transitions: [{ from: 'new', to: 'written', reason: `Table ${table}: ${pieces} item(s) on ${lines.length} line(s)` }], events: [], lines };
}

/** The bar made the drinks. */
export function makeSlip<S extends DrinksSlip>(slip: S, by: string, at: Date): Step<S> {
  const t = DRINKS_SLIP.move(slip.status, 'made', `Made by ${by}`, `Drinks slip ${slip.number}`);
  return { state: { ...slip, status: 'made', madeBy: by, madeAt: at }, transitions: [t], events: [] };
}

/** Table staff served the drinks; the slip lands on the table's open ticket (`ticketId`). */
export function serveSlip<S extends DrinksSlip>(slip: S, by: string, at: Date, ticketId: string): Step<S> {
  const t = DRINKS_SLIP.move(slip.status, 'served', `Served by ${by}, on the table's ticket`, `Drinks slip ${slip.number}`);
  return { state: { ...slip, status: 'served', servedBy: by, servedAt: at, ticketId }, transitions: [t], events: [] };
}

/**
 * Cancels a slip not yet served. A written slip: whoever may write one (a reason is kept if given). A made slip:
 * only the outlet's supervisor, and only with a reason (the drinks were poured; 403 / 422 otherwise).
 */
export function cancelSlip<S extends DrinksSlip>(slip: S, by: { username: string; supervisor: boolean }, reason: string | null | undefined): Step<S> {
  const why = reason?.trim() || null;
  if (slip.status === 'made') {
    if (!by.supervisor) throw new DomainError('forbidden', 'made-slip-needs-supervisor', `Drinks slip ${slip.number} is made: only the outlet's supervisor cancels it`);
    if (!why) throw new DomainError('rule_violated', 'cancel-reason-required', `Drinks slip ${slip.number} is made: cancelling it needs a reason`, [{ field: 'reason', message: 'a made slip is cancelled only with a reason' }]);
  }
  const t = DRINKS_SLIP.move(slip.status, 'cancelled', why ? `Cancelled by ${by.username}: ${why}` : `Cancelled by ${by.username}`, `Drinks slip ${slip.number}`);
  return { state: { ...slip, status: 'cancelled', cancelledBy: by.username, cancelReason: why }, transitions: [t], events: [] };
}
