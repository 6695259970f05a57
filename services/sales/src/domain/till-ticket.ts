import { DomainError, OUTLET_SUPERVISORS, StateMachine, type BusinessDate, type Step } from '@ops/kernel';
import { SALES_LADDER, type ApprovalLevel } from './approval-policy.js';
import { discountAuthority, DISCOUNT_LIMITS } from './discount-policy.js';

/**
 * Till tickets at an outlet (a store, a bar counter): open while a table runs it up (or only for the moment of a
 * sale at the counter), paid in full at once, voided only by the outlet's supervisor with a reason. Prices come
 * from the outlet's price list; a price below the list only within the §4.3 authority of whoever rings it up.
 */
export type TillTicketStatus = 'open' | 'paid' | 'voided';
export const TILL_TICKET = new StateMachine<TillTicketStatus>('till ticket', { open: ['paid'], paid: ['voided'], voided: [] });

export type OutletPosition = 'manager' | 'supervisor' | 'clerk' | 'bar_staff' | 'bartender' | 'back_room';
export const SUPERVISING_POSITIONS: readonly OutletPosition[] = ['manager', 'supervisor'];

export interface TillTicket {
  id: string;
  number: string | null;
  status: TillTicketStatus;
  businessDate: BusinessDate;
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  discountApprovedBy: string | null;
  cashier: string | null;
  paidAt: Date | null;
  voidedBy: string | null;
  voidReason: string | null;
  voidedAt: Date | null;
}

export interface TicketLine {
  lineNo: number;
  sku: string;
  quantity: number;
  listPriceFen: number;
  floorPriceFen: number;
  unitPriceFen: number;
  amountFen: number;
  slipId: string | null;
}

/** A line of the outlet's price list. */
export interface ListPrice {
  sku: string;
  listPriceFen: number;
  floorPriceFen: number;
}

/** Who acts at the till, and where they stand at this outlet. */
export interface TillActor {
  username: string;
  roles: readonly string[];
  /** Their position on the outlet's staff; null when not on it. */
  position: OutletPosition | null;
}

const EXEMPT = ['admin', 'general_manager'];

/** A till command needs the actor on the outlet's staff; the admin and the general manager may act anywhere. */
export function refuseUnlessStaff(actor: TillActor, outletCode: string): void {
  if (actor.position === null && !actor.roles.some((r) => EXEMPT.includes(r))) {
    throw new DomainError('forbidden', 'not-outlet-staff', `${actor.username} is not on the staff of outlet ${outletCode}`);
  }
}

/** Supervisor powers: a role among the outlet supervisors AND position manager or supervisor there (or admin/GM). */
export function isOutletSupervisor(actor: TillActor): boolean {
  if (actor.roles.some((r) => EXEMPT.includes(r))) return true;
  return actor.roles.some((r) => OUTLET_SUPERVISORS.includes(r as never)) && actor.position !== null && SUPERVISING_POSITIONS.includes(actor.position);
}

/**
 * The discount authority a person has at the till, on the sales ladder: a clerk none; the outlet's supervisor a
 * sales manager's (up to 3%); a sales VP or general manager their own, wherever they stand.
 */
export function tillAuthority(actor: TillActor): ApprovalLevel {
  const own = SALES_LADDER.levelOf(actor.roles);
  const supervisor: ApprovalLevel = isOutletSupervisor(actor) ? 'sales_manager' : 'none';
  return [own, supervisor].reduce<ApprovalLevel>((a, b) => SALES_LADDER.higher(a, b), 'none');
}

const WHO: Record<Exclude<ApprovalLevel, 'none'>, string> = {
  sales_manager: 'the outlet supervisor (a sales manager\'s authority, up to 3% below list)',
  sales_vp: 'the sales VP (more than 3% below list)',
  general_manager: 'the general manager (below the floor price)',
};

/** Refuses a line priced below list beyond the actor's authority, with a 403 naming who may grant it. */
export function refuseUnlessWithinAuthority(lines: ReadonlyArray<Pick<TicketLine, 'sku' | 'listPriceFen' | 'floorPriceFen' | 'unitPriceFen'>>, actor: TillActor, on: BusinessDate, limits = DISCOUNT_LIMITS): ApprovalLevel {
  const mine = tillAuthority(actor);
  let needed: ApprovalLevel = 'none';
  for (const line of lines) {
    const level = discountAuthority(line, on, limits);
    if (SALES_LADDER.higher(level, mine) !== mine) {
      throw new DomainError('forbidden', 'discount-authority',
        `${line.sku} at ${line.unitPriceFen} fen (list ${line.listPriceFen}) is beyond ${actor.username}'s authority: only ${WHO[level as Exclude<ApprovalLevel, 'none'>]} may grant it`);
    }
    needed = SALES_LADDER.higher(needed, level);
  }
  return needed;
}

export interface LineRequest {
  sku: string;
  quantity: number;
  /** A price below list; omitted means the list price. */
  unitPriceFen?: number;
}

/** Prices the requested lines from the outlet's list (refusing a SKU not on it), numbered from `firstLineNo`. */
export function priceLines(requests: readonly LineRequest[], prices: ReadonlyMap<string, ListPrice>, firstLineNo = 1, slipId: string | null = null): TicketLine[] {
  const errors: Array<{ field: string; message: string }> = [];
  const lines = requests.map((request, i) => {
    const price = prices.get(request.sku);
    if (!price) {
      errors.push({ field: `lines[${i}].sku`, message: `${request.sku} is not on the outlet's price list valid today` });
      return null;
    }
    if (!Number.isInteger(request.quantity) || request.quantity < 1) errors.push({ field: `lines[${i}].quantity`, message: 'must be a whole number of at least 1' });
    const unit = request.unitPriceFen ?? price.listPriceFen;
    if (unit > price.listPriceFen) errors.push({ field: `lines[${i}].unitPriceFen`, message: `must not be above the list price ${price.listPriceFen}` });
    return { lineNo: firstLineNo + i, sku: price.sku, quantity: request.quantity, listPriceFen: price.listPriceFen, floorPriceFen: price.floorPriceFen, unitPriceFen: unit, amountFen: unit * request.quantity, slipId };
  });
  if (errors.some((e) => e.field.endsWith('.sku'))) {
    throw new DomainError('invalid', 'sku-not-priced', 'A SKU is not on the outlet\'s valid approved price list', errors);
  }
  if (errors.length) throw new DomainError('invalid', 'ticket-line-invalid', 'A ticket line is not valid', errors);
  return lines as TicketLine[];
}

export interface Totals {
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
}

/** The ticket's total is its lines added up; the subtotal at list, the discount the difference. */
export function totals(lines: ReadonlyArray<Pick<TicketLine, 'quantity' | 'listPriceFen' | 'amountFen'>>): Totals {
  const subtotalFen = lines.reduce((sum, l) => sum + l.listPriceFen * l.quantity, 0);
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  return { subtotalFen, discountFen: subtotalFen - totalFen, totalFen };
}

/* ---- Tenders ---- */

export interface CashTenderRequest { method: 'cash'; amountFen: number; tenderedFen: number; counterfeitChecked: boolean }
export interface PosTenderRequest { method: 'pos'; amountFen: number; cards: Array<{ last4: string; signed: boolean }> }
export interface TransferTenderRequest { method: 'transfer'; amountFen: number; reference: string; payer: string }
export type TenderRequest = CashTenderRequest | PosTenderRequest | TransferTenderRequest;

export interface Tender {
  seq: number;
  method: 'cash' | 'pos' | 'transfer';
  /** What it paid of the ticket (cash: net of change). */
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number;
  counterfeitChecked: boolean | null;
  cards: Array<{ last4: string; signed: boolean }> | null;
  payer: string | null;
  reference: string | null;
}

/**
 * Checks the tenders against the ticket's total: cash only after the counterfeit check, with the guest's money
 * at least what it pays (the change computed); POS with one or two cards, each signed, with its last four digits;
 * a transfer with its reference and payer; all together exactly the total. Every fault is a field error.
 */
export function takeTenders(requests: readonly TenderRequest[], totalFen: number): Tender[] {
  const errors: Array<{ field: string; message: string }> = [];
  if (requests.length === 0) errors.push({ field: 'tenders', message: 'at least one tender is needed' });
  const tenders = requests.map((r, i): Tender => {
    const at = `tenders[${i}]`;
    if (!Number.isInteger(r.amountFen) || r.amountFen < 1) errors.push({ field: `${at}.amountFen`, message: 'must be a whole number of fen, at least 1' });
    const base = { seq: i + 1, method: r.method, amountFen: r.amountFen, tenderedFen: null, changeFen: 0, counterfeitChecked: null, cards: null, payer: null, reference: null };
    switch (r.method) {
      case 'cash': {
        if (r.counterfeitChecked !== true) errors.push({ field: `${at}.counterfeitChecked`, message: 'cash is taken only after the counterfeit check' });
        if (!Number.isInteger(r.tenderedFen) || r.tenderedFen < r.amountFen) errors.push({ field: `${at}.tenderedFen`, message: `the guest's cash must cover the ${r.amountFen} fen it pays` });
        return { ...base, tenderedFen: r.tenderedFen, changeFen: Math.max(0, (r.tenderedFen ?? 0) - r.amountFen), counterfeitChecked: r.counterfeitChecked === true };
      }
      case 'pos': {
        const cards = r.cards ?? [];
        if (cards.length < 1 || cards.length > 2) errors.push({ field: `${at}.cards`, message: 'one or two cards per ticket' });
        cards.forEach((card, c) => {
          if (!/^\d{4}$/.test(card.last4 ?? '')) errors.push({ field: `${at}.cards[${c}].last4`, message: 'the card\'s last four digits' });
          if (card.signed !== true) errors.push({ field: `${at}.cards[${c}].signed`, message: 'the card holder must sign the slip' });
        });
        return { ...base, cards: cards.map((c) => ({ last4: c.last4, signed: c.signed })) };
      }
      case 'transfer': {
        if (!r.reference?.trim()) errors.push({ field: `${at}.reference`, message: 'the transfer\'s reference is needed' });
        if (!r.payer?.trim()) errors.push({ field: `${at}.payer`, message: 'who paid the transfer is needed' });
        return { ...base, reference: r.reference?.trim() ?? null, payer: r.payer?.trim() ?? null };
      }
      default:
        errors.push({ field: `${at}.method`, message: 'cash, pos or transfer' });
        return base;
    }
  });
  const cardCount = requests.reduce((n, r) => n + (r.method === 'pos' ? (r.cards?.length ?? 0) : 0), 0);
  if (cardCount > 2) errors.push({ field: 'tenders', message: 'at most two cards per ticket' });
  const paid = tenders.reduce((sum, t) => sum + (Number.isInteger(t.amountFen) ? t.amountFen : 0), 0);
  if (errors.length === 0 && paid !== totalFen) errors.push({ field: 'tenders', message: `the tenders add up to ${paid} fen, the ticket is ${totalFen} fen` });
  if (errors.length) throw new DomainError('invalid', 'tender-invalid', 'The payment is not acceptable', errors);
  return tenders;
}

/* ---- Steps ---- */

/** A new ticket is open (numberless) until paid. */
export function openTicket<T extends Omit<TillTicket, 'status'>>(ticket: T, reason = 'opened'): Step<T & { status: TillTicketStatus }> {
  return { state: { ...ticket, status: 'open' }, transitions: [{ from: 'new', to: 'open', reason }], events: [] };
}

/** New totals of an open ticket (lines added, a discount set). */
export function retotal<T extends TillTicket>(ticket: T, lines: readonly TicketLine[], discountApprovedBy?: string | null): Step<T> {
  if (ticket.status !== 'open') throw new DomainError('conflict', 'ticket-not-open', `The ticket is ${ticket.status}; only an open ticket changes`);
  return { state: { ...ticket, ...totals(lines), ...(discountApprovedBy !== undefined ? { discountApprovedBy } : {}) }, transitions: [], events: [] };
}

export interface PaidContext {
  number: string;
  cashier: string;
  at: Date;
  lines: readonly TicketLine[];
  tenders: readonly Tender[];
  outlet: { id: string; code: string; kind: 'store' | 'bar'; warehouseCode: string };
}

/** Paid in full: the number (gapless per outlet) given now, the business date the day it is paid; the event goes out. */
export function payTicket<T extends TillTicket>(ticket: T, ctx: PaidContext, businessDate: BusinessDate): Step<T> {
  const t = TILL_TICKET.move(ticket.status, 'paid', `paid as ${ctx.number}`, `Ticket ${ticket.number ?? ticket.id}`);
  if (ctx.lines.length === 0) throw new DomainError('invalid', 'ticket-empty', 'A ticket without lines cannot be paid');
  const sums = totals(ctx.lines);
  const tenders = ctx.tenders.map((x) => ({ method: x.method, amountFen: x.amountFen }));
  return {
    state: { ...ticket, ...sums, status: t.to, number: ctx.number, cashier: ctx.cashier, paidAt: ctx.at, businessDate },
    transitions: [t],
    events: [{
      type: 'sales.till-ticket.paid',
      data: {
        ticketId: ticket.id, number: ctx.number, outletId: ctx.outlet.id, outletCode: ctx.outlet.code, outletKind: ctx.outlet.kind, warehouseCode: ctx.outlet.warehouseCode,
        businessDate, lines: ctx.lines.map(eventLine), totalFen: sums.totalFen, tenders, cashier: ctx.cashier, paidAt: ctx.at.toISOString(),
      },
    }],
  };
}

/** Only the outlet's supervisor voids, only a paid ticket, always with a reason; the event reverses money and stock. */
export function voidTicket<T extends TillTicket>(ticket: T, ctx: { actor: TillActor; reason: string; at: Date; lines: readonly TicketLine[]; tenders: readonly Tender[]; outlet: { id: string; code: string; warehouseCode: string } }): Step<T> {
  if (!isOutletSupervisor(ctx.actor)) throw new DomainError('forbidden', 'supervisor-only', `Only the supervisor of outlet ${ctx.outlet.code} voids a ticket`);
  if (!ctx.reason?.trim()) throw new DomainError('invalid', 'void-reason-required', 'A void needs a reason', [{ field: 'reason', message: 'required' }]);
  const t = TILL_TICKET.move(ticket.status, 'voided', `voided: ${ctx.reason.trim()}`, `Ticket ${ticket.number ?? ticket.id}`);
  return {
    state: { ...ticket, status: t.to, voidedBy: ctx.actor.username, voidReason: ctx.reason.trim(), voidedAt: ctx.at },
    transitions: [t],
    events: [{
      type: 'sales.till-ticket.voided',
      data: {
        ticketId: ticket.id, number: ticket.number, outletId: ctx.outlet.id, outletCode: ctx.outlet.code, warehouseCode: ctx.outlet.warehouseCode, businessDate: ticket.businessDate,
        lines: ctx.lines.map(eventLine), totalFen: ticket.totalFen, tenders: ctx.tenders.map((x) => ({ method: x.method, amountFen: x.amountFen })),
        voidedBy: ctx.actor.username, reason: ctx.reason.trim(), voidedAt: ctx.at.toISOString(),
      },
    }],
  };
}

function eventLine(l: TicketLine): { lineNo: number; sku: string; quantity: number; unitPriceFen: number; amountFen: number } {
  return { lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen };
}

/* ---- The opening check ---- */

export interface OpeningCheckRequest {
  cashFloatFen: number;
  equipmentOk: boolean;
  equipmentNotes?: string | null;
  displayStockChecked: boolean;
  displayNotes?: string | null;
}

/** Equipment checked (notes when not ok), the float counted in whole fen, the display stock checked. */
export function checkOpening(request: OpeningCheckRequest): void {
  const errors: Array<{ field: string; message: string }> = [];
  if (!Number.isInteger(request.cashFloatFen) || request.cashFloatFen < 0) errors.push({ field: 'cashFloatFen', message: 'the float counted, in whole fen' });
  if (request.equipmentOk === false && !request.equipmentNotes?.trim()) errors.push({ field: 'equipmentNotes', message: 'say what is wrong with the equipment' });
  if (request.displayStockChecked !== true) errors.push({ field: 'displayStockChecked', message: 'the display stock must be checked before opening' });
  if (errors.length) throw new DomainError('invalid', 'opening-check-invalid', 'The opening check is not complete', errors);
}

/** Staff positions an outlet may give, and who may open the day. */
export const OUTLET_POSITIONS: readonly OutletPosition[] = ['manager', 'supervisor', 'clerk', 'bar_staff', 'bartender', 'back_room'];
export const OPENING_POSITIONS: readonly OutletPosition[] = ['manager', 'supervisor', 'clerk'];

/* ---- The registry ---- */

export interface OutletDraft {
  code: string;
  kind: 'store' | 'bar';
  openingHours: Record<string, { opens: string; closes: string } | null>;
  staff: ReadonlyArray<{ username: string; position: string }>;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Hours per weekday 0–6 (HH:MM; a bar may close after midnight), staff each once in a known position. */
export function checkOutlet(draft: OutletDraft): void {
  const errors: Array<{ field: string; message: string }> = [];
  for (const [day, hours] of Object.entries(draft.openingHours)) {
    if (!/^[0-6]$/.test(day)) errors.push({ field: `openingHours.${day}`, message: 'weekdays are 0 (Sunday) to 6' });
    else if (hours !== null && (!HHMM.test(hours?.opens ?? '') || !HHMM.test(hours?.closes ?? '') || hours.opens === hours.closes)) {
      errors.push({ field: `openingHours.${day}`, message: 'opens and closes as HH:MM, not the same time, or null when closed' });
    }
  }
  const seen = new Set<string>();
  draft.staff.forEach((member, i) => {
    if (!OUTLET_POSITIONS.includes(member.position as OutletPosition)) errors.push({ field: `staff[${i}].position`, message: OUTLET_POSITIONS.join(', ') });
    if (seen.has(member.username)) errors.push({ field: `staff[${i}].username`, message: 'appears twice' });
    seen.add(member.username);
  });
  if (errors.length) throw new DomainError('invalid', 'outlet-invalid', 'The outlet is not consistent', errors);
}

/** A new outlet is active. */
export function registerOutlet<O extends { code: string }>(outlet: O): Step<O & { status: 'active' | 'closed' }> {
  return { state: { ...outlet, status: 'active' }, transitions: [{ from: 'new', to: 'active', reason: `registered ${outlet.code}` }], events: [] };
}
