import { DomainError, refuseSelfApproval, StateMachine, sumFen, type DomainEvent, type Person, type Step, type Transition } from '@ops/kernel';
import { orderApproval, requiredApproval, SALES_LADDER, type ApprovalLevel, type OrderApproval } from './approval-policy.js';
import type { CreditDecision, PaymentTerms } from './credit-policy.js';

export type { PaymentTerms };
import { discountAuthority, type DiscountAuthority } from './discount-policy.js';
import type { PriceListLine } from './price-list.js';

/**
 * An order's life (domain.md §4) is three questions kept apart, each with its own transition table:
 *
 * - commercial: was it agreed? `pending_approval → placed → closed`, or `rejected`, or `cancelled`; an order with
 *   made-to-order lines, once agreed, is `awaiting_confirmation` until the customer's written confirmation places it;
 * - payment: has finance confirmed the money? `unpaid → paid`;
 * - fulfilment: where are the goods? `unreserved → reserved | backordered → shipped_in_part → shipped → delivered`.
 *
 * Inventory and finance report on separate streams, so their facts can arrive in either order; each
 * sub-state moves only along its own table, and the rules below say what a late fact means. The status
 * the API shows (`awaiting_payment`, `ready_to_ship` …) is read off the three; it is stored only so lists
 * can filter by it.
 */
export type Commercial = 'draft' | 'pending_approval' | 'awaiting_confirmation' | 'placed' | 'rejected' | 'cancelled' | 'closed';
export type Payment = 'unpaid' | 'paid';
export type Fulfilment = 'unreserved' | 'backordered' | 'reserved' | 'shipped_in_part' | 'shipped' | 'delivered';
export type OrderStatus =
  | 'draft' | 'pending_approval' | 'approved' | 'awaiting_payment' | 'backordered' | 'ready_to_ship'
  | 'shipped' | 'delivered' | 'closed' | 'cancelled' | 'rejected' | 'awaiting_confirmation' | 'in_production';

/** `replacement`: replacement parts for an after-sales complaint, confirmed by the business manager. */
export type OrderKind = 'sale' | 'replacement';

export const COMMERCIAL = new StateMachine<Commercial>('order', {
  draft: ['pending_approval', 'awaiting_confirmation', 'placed'],
  pending_approval: ['awaiting_confirmation', 'placed', 'rejected', 'cancelled'],
  awaiting_confirmation: ['placed', 'cancelled'],
  placed: ['cancelled', 'closed'],
  rejected: [],
  cancelled: [],
  closed: [],
});

export const PAYMENT = new StateMachine<Payment>('order payment', { unpaid: ['paid'], paid: [] });

/**
 * A shipment proves the stock was reserved, so goods may leave an order whose reservation sales has not
 * heard of yet: `unreserved → shipped` is a rule here, not a loose edge on the order's status.
 */
export const FULFILMENT = new StateMachine<Fulfilment>('order fulfilment', {
  unreserved: ['reserved', 'backordered', 'shipped_in_part', 'shipped'],
  backordered: ['reserved', 'shipped_in_part', 'shipped'],
  reserved: ['shipped_in_part', 'shipped'],
  shipped_in_part: ['shipped_in_part', 'shipped'],
  shipped: ['delivered'],
  delivered: [],
});

export interface OrderLine {
  lineNo: number;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
  /** Made for this order after its deposit, never reserved from stock (the SKU's supply as inventory last told sales). */
  madeToOrder?: boolean;
}

export interface OrderState {
  status: OrderStatus;
  commercial: Commercial;
  payment: Payment;
  fulfilment: Fulfilment;
  paymentTerms: PaymentTerms;
  /** Some line is made to order: the order waits for the written confirmation, then for production, not for stock. */
  madeToOrder?: boolean;
}

/** The customer's signed confirmation of a made-to-order order, as recorded by the order clerk. */
export interface WrittenConfirmation {
  documentRef: string;
  signedBy: string;
  signedOn: string;
  recordedBy: string;
  recordedAt: string;
}

/** What finance told the customer was left to pay when production finished. */
export interface BalanceNotice {
  balanceFen: number;
  paidFen: number;
  totalFen: number;
  issuedAt: string;
}

/** What the approval and exception rules read besides the sub-states. */
export interface OrderDocument extends OrderState {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  customerTaxId: string | null;
  /** The rep the sale counts for (commission, aging by rep) and the customer's region, as they were when the order was written. */
  salesRep: string | null;
  region: string | null;
  createdBy: string;
  approvalLevel: string;
  totalFen: number;
  /** What a first payment must reach to count without approval (domain.md §5). */
  requiredDepositFen: number;
  creditTermsDays: number | null;
  shippingException: string | null;
  placedAt: Date | null;
  /** The delivery date the customer asked for: production is planned against it. */
  requestedDate?: string;
  kind?: OrderKind;
  /** A replacement order's complaint ticket number. */
  serviceTicketNumber?: string | null;
  writtenConfirmation?: WrittenConfirmation | null;
  balanceNotice?: BalanceNotice | null;
}

/** The status a person sees, read off the three sub-states. */
export function statusOf(order: Pick<OrderState, 'commercial' | 'payment' | 'fulfilment' | 'paymentTerms' | 'madeToOrder'>): OrderStatus {
  if (order.commercial !== 'placed') return order.commercial;
  switch (order.fulfilment) {
    // Inventory reserves a made-to-order order only when its goods are made and received for it.
    case 'unreserved': return order.madeToOrder ? 'in_production' : 'approved';
    case 'backordered': return 'backordered';
    case 'reserved':
    case 'shipped_in_part': return order.payment === 'paid' || order.paymentTerms === 'credit' ? 'ready_to_ship' : 'awaiting_payment';
    case 'shipped': return 'shipped';
    case 'delivered': return 'delivered';
  }
}

/**
 * Applies sub-state changes and records the move a person sees: a transition of the shown status with
 * the step's reason, or a note when the step is worth a line in the history without changing it.
 */
function advance<S extends OrderState>(state: S, patch: Partial<OrderState>, reason: string, events: DomainEvent[] = [], note = false): Step<S> {
  const next = { ...state, ...patch };
  next.status = statusOf(next);
  const transitions: Transition[] = next.status !== state.status || note ? [{ from: state.status, to: next.status, reason }] : [];
  return { state: next, transitions, events };
}

/** Refuses a move of the commercial state, saying it in the words of the status a person sees. */
function commercialMove<S extends OrderState>(state: S, to: Commercial, shown: OrderStatus): void {
  if (!COMMERCIAL.can(state.commercial, to)) {
    throw new DomainError('conflict', 'order-transition-refused', `An order that is ${state.status} cannot become ${shown}`);
  }
}

export interface NewOrderLine {
  sku: string;
  quantity: number;
  /** The price agreed with the customer; the list price when left out. */
  unitPriceFen?: number;
}

export interface PricedOrderLine extends OrderLine {
  listPriceFen: number;
  floorPriceFen: number;
  priceListNumber: string;
  /** Where the line's base price came from: the price list, a promotion in force, or an honoured price hold. */
  priceBasis: PriceBasis;
  promotionId: string | null;
  promotionCode: string | null;
  priceHoldId: string | null;
  /** Why the line has its price, in words (a promotion, a hold honoured or expired, a further discount). */
  priceNote: string | null;
}

export type PriceBasis = 'list' | 'promotion' | 'price_hold';

/** What may price a line besides the list: an approved promotion in force, and the order's price hold. */
export interface LineOffers {
  promotion?: { promotionId: string; code: string; priceFen: number };
  /** The order's price hold, when it names this SKU: honoured (its agreed price, and the authority that price needs) or expired (a note). */
  hold?: { priceHoldId: string; honoured: boolean; agreedUnitPriceFen: number; authority: DiscountAuthority; note: string };
}

interface Base {
  basis: PriceBasis;
  priceFen: number;
  authority: DiscountAuthority;
}

const BASIS_PREFERENCE: readonly PriceBasis[] = ['price_hold', 'promotion', 'list'];

/**
 * One line's price (domain.md "Promotions and price holds"). The base is the lowest of the list price, the promoted
 * price of an approved promotion in force, and the agreed price of an honoured price hold (the customer never pays
 * more because of a hold). A price the client sends below the base is a further discount, measured against the base
 * on the §4.3 ladder (the floor stays the list's floor, or the base when that is lower); a client price above a
 * promoted or held base is ignored. With the list as base, a client price is as before: the agreed price.
 */
export function priceLine(line: NewOrderLine, list: PriceListLine, offers: LineOffers = {}): { unitPriceFen: number; authority: DiscountAuthority; basis: Base; note: string | null } {
  const bases: Base[] = [{ basis: 'list', priceFen: list.listPriceFen, authority: 'none' }];
  if (offers.promotion) bases.push({ basis: 'promotion', priceFen: offers.promotion.priceFen, authority: 'none' });
  if (offers.hold?.honoured) bases.push({ basis: 'price_hold', priceFen: offers.hold.agreedUnitPriceFen, authority: offers.hold.authority });
  const base = bases.sort((a, b) => a.priceFen - b.priceFen || BASIS_PREFERENCE.indexOf(a.basis) - BASIS_PREFERENCE.indexOf(b.basis))[0];
  const notes: string[] = [];
  if (offers.hold) notes.push(offers.hold.honoured && base.basis !== 'price_hold' ? `${offers.hold.note}; the current price is lower` : offers.hold.note);
  if (base.basis === 'promotion') notes.push(`promotion ${offers.promotion!.code}`);
  if (base.basis === 'list') {
    const unitPriceFen = line.unitPriceFen ?? list.listPriceFen;
    return { unitPriceFen, authority: discountAuthority({ ...list, unitPriceFen }), basis: base, note: notes.length ? notes.join('; ') : null };
  }
  const unitPriceFen = Math.min(line.unitPriceFen ?? base.priceFen, base.priceFen);
  const further = unitPriceFen < base.priceFen ? discountAuthority({ listPriceFen: base.priceFen, floorPriceFen: Math.min(list.floorPriceFen, base.priceFen), unitPriceFen }) : 'none';
  if (further !== 'none') notes.push(`a further discount of ${base.priceFen - unitPriceFen} fen from ${base.priceFen}`);
  return { unitPriceFen, authority: SALES_LADDER.higher(base.authority, further), basis: base, note: notes.join('; ') };
}

/**
 * Prices each line from the price list valid today (domain.md §4.1), then any promotion in force or honoured price
 * hold (`offers`). A SKU no approved list prices is not something sales can sell, so it is refused by line; the
 * discount a line grants decides who approves.
 */
export function priceLines(
  lines: NewOrderLine[],
  listPrice: (sku: string) => (PriceListLine & { priceListNumber: string }) | undefined,
  offers: (sku: string) => LineOffers = () => ({}),
): { lines: PricedOrderLine[]; totalFen: number; discount: DiscountAuthority } {
  const unpriced = lines.flatMap((line, i) => (listPrice(line.sku) ? [] : [{ field: `lines[${i}].sku`, message: `${line.sku} has no approved list price valid today` }]));
  if (unpriced.length) throw new DomainError('rule_violated', 'no-list-price', 'Some lines name a SKU without a valid list price', unpriced);
  const skus = new Set(lines.map((l) => l.sku));
  if (skus.size !== lines.length) throw new DomainError('invalid', 'duplicate-sku', 'Each SKU may appear on one line only; add the quantities together');
  let discount: DiscountAuthority = 'none';
  const priced = lines.map((line, i) => {
    const list = listPrice(line.sku)!;
    const lineOffers = offers(line.sku);
    const { unitPriceFen, authority, basis, note } = priceLine(line, list, lineOffers);
    discount = SALES_LADDER.higher(discount, authority);
    return {
      lineNo: i + 1, sku: line.sku, quantity: line.quantity, unitPriceFen, lineTotalFen: line.quantity * unitPriceFen,
      listPriceFen: list.listPriceFen, floorPriceFen: list.floorPriceFen, priceListNumber: list.priceListNumber,
      priceBasis: basis.basis,
      promotionId: basis.basis === 'promotion' ? lineOffers.promotion!.promotionId : null,
      promotionCode: basis.basis === 'promotion' ? lineOffers.promotion!.code : null,
      priceHoldId: lineOffers.hold?.priceHoldId ?? null,
      priceNote: note,
    };
  });
  const totalFen = sumFen(priced.map((line) => line.lineTotalFen), 'The order total');
  return { lines: priced, totalFen, discount };
}

const DISCOUNT_REASON: Record<DiscountAuthority, string> = {
  none: '',
  sales_manager: 'a discount of up to 3% off the list price',
  sales_vp: 'a discount of more than 3% off the list price',
  general_manager: 'a price below the floor price',
};

/** What the others must hear when an order is placed: inventory reserves it, finance opens the amount due. */
function placedEvent(order: OrderDocument, lines: readonly OrderLine[]): DomainEvent {
  return {
    type: 'sales.order.placed',
    data: {
      orderId: order.id, orderNumber: order.number, customerId: order.customerId, customerName: order.customerName, paymentTerms: order.paymentTerms, totalFen: order.totalFen,
      lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, lineTotalFen: l.lineTotalFen, ...(l.madeToOrder ? { madeToOrder: true } : {}) })),
      ...(order.creditTermsDays !== null ? { creditTermsDays: order.creditTermsDays } : {}),
      requiredDepositFen: order.requiredDepositFen,
      ...(order.customerTaxId ? { customerTaxId: order.customerTaxId } : {}),
      ...(order.salesRep ? { salesRep: order.salesRep } : {}),
      ...(order.region ? { region: order.region } : {}),
      ...(order.requestedDate ? { requestedDate: order.requestedDate } : {}),
      kind: order.kind ?? 'sale',
      ...(order.serviceTicketNumber ? { serviceTicketNumber: order.serviceTicketNumber } : {}),
    },
  };
}

export type NewOrder = Omit<OrderDocument, keyof OrderState | 'approvalLevel' | 'placedAt' | 'shippingException' | 'requiredDepositFen' | 'writtenConfirmation' | 'balanceNotice'> & {
  paymentTerms: PaymentTerms;
  discount?: DiscountAuthority;
  /** A deposit lower than the whole, as agreed with the customer; left out, the whole total of a prepaid order. */
  requiredDepositFen?: number;
};

/** The deposit an order's agreement requires: as agreed, else the whole total when prepaid and nothing on credit. */
export function requiredDeposit(order: Pick<NewOrder, 'paymentTerms' | 'totalFen' | 'requiredDepositFen' | 'kind'>, madeToOrder = false): number {
  // A replacement's complaint is its agreement: nothing is asked before it is made or shipped.
  if (order.kind === 'replacement') return 0;
  const agreed = order.requiredDepositFen ?? (order.paymentTerms === 'prepaid' ? order.totalFen : 0);
  if (agreed > order.totalFen) throw new DomainError('rule_violated', 'deposit-above-total', 'The required deposit cannot be more than the order total', [{ field: 'requiredDepositFen', message: `must not be above the total of ${order.totalFen} fen` }]);
  // Goods made for one customer are worth little to anyone else: production starts only on money in hand.
  if (madeToOrder && agreed === 0) {
    throw new DomainError('rule_violated', 'deposit-required', 'An order with made-to-order lines needs a deposit before production', [
      { field: 'requiredDepositFen', message: 'must be more than 0 for made-to-order lines (or leave it out on a prepaid order: the whole total)' },
    ]);
  }
  return agreed;
}

/**
 * Where an agreed order goes: a sale with made-to-order lines waits for the customer's written confirmation (nobody
 * else hears of it yet: no deposit is asked); anything else is placed and announced.
 */
function agreedState(order: Pick<OrderDocument, 'kind'> & { madeToOrder?: boolean }): 'awaiting_confirmation' | 'placed' {
  return order.madeToOrder && order.kind !== 'replacement' ? 'awaiting_confirmation' : 'placed';
}

/**
 * A recorded order is placed at once when no rule asks for approval, else it waits for the highest
 * level asked: by total (§4.2), by discount (§4.3) and by credit (§4.4). Credit refusals stop it here.
 */
export function submit<T extends NewOrder>(
  order: T,
  lines: readonly OrderLine[],
  credit: CreditDecision = { kind: 'allowed' },
  now = new Date(),
): Step<Omit<T, 'discount'> & OrderDocument & { approvalReasons: string[]; madeToOrder: boolean; kind: OrderKind; writtenConfirmation: WrittenConfirmation | null; balanceNotice: BalanceNotice | null }> & { approval: OrderApproval } {
  if (credit.kind === 'refused') throw new DomainError('rule_violated', 'credit-refused', `The order cannot be taken: ${credit.reason}`, [{ field: 'paymentTerms', message: credit.reason }]);
  const madeToOrder = lines.some((l) => l.madeToOrder);
  const replacement = order.kind === 'replacement';
  const byTotal = requiredApproval(order.totalFen);
  const discount = order.discount ?? 'none';
  const approval = orderApproval([
    { level: byTotal, reason: `the total needs ${byTotal.replace(/_/g, ' ')} approval` },
    { level: discount, reason: DISCOUNT_REASON[discount] },
    { level: credit.kind === 'needs_sales_vp' ? 'sales_vp' : 'none', reason: credit.kind === 'needs_sales_vp' ? credit.reason : '' },
    // Parts given (or sold) against a complaint are the business manager's decision, whatever they cost.
    { level: replacement ? 'sales_manager' : 'none', reason: replacement ? `replacement parts for complaint ${order.serviceTicketNumber ?? ''}`.trim() : '' },
  ]);
  const agreed = approval.level === 'none';
  const commercial: Commercial = agreed ? agreedState({ kind: order.kind, madeToOrder }) : 'pending_approval';
  const placed = commercial === 'placed';
  const { discount: _discount, ...fields } = order;
  const state = {
    ...fields, madeToOrder, kind: order.kind ?? 'sale', requiredDepositFen: requiredDeposit(order, madeToOrder), approvalLevel: approval.level as string, approvalReasons: approval.reasons,
    shippingException: null as string | null, placedAt: placed ? now : null, writtenConfirmation: null, balanceNotice: null,
    commercial, payment: 'unpaid' as Payment, fulfilment: 'unreserved' as Fulfilment,
  };
  const shown = { ...state, status: statusOf(state) };
  const reason = agreed
    ? (placed ? 'no approval needed' : 'no approval needed; made-to-order lines wait for the customer\'s written confirmation')
    : `needs ${approval.level.replace(/_/g, ' ')} approval: ${approval.reasons.join('; ')}`;
  return { state: shown, transitions: [{ from: 'draft', to: shown.status, reason }], events: placed ? [placedEvent(shown, lines)] : [], approval };
}

/** Inventory reserved every line. A reservation heard after the goods left changes nothing. */
export function stockReserved<S extends OrderState>(state: S): Step<S> {
  if (state.fulfilment !== 'unreserved' && state.fulfilment !== 'backordered') return advance(state, {}, '');
  return advance(state, { fulfilment: 'reserved' }, 'stock reserved');
}

/** Only an order that waited in the shortage register has shortages for its reservation to fill. */
export function hasShortagesToFill(state: Pick<OrderState, 'fulfilment'>): boolean {
  return state.fulfilment === 'backordered';
}

/** Inventory could not reserve the order: it waits in the shortage register. Late or repeated news of it changes nothing. */
export function stockShort<S extends OrderState>(state: S): Step<S> {
  if (state.commercial !== 'placed' || state.fulfilment !== 'unreserved') return advance(state, {}, '');
  return advance(state, { fulfilment: 'backordered' }, 'stock short');
}

/** Finance confirmed full payment: a fact whatever else the order went through. */
export function paymentConfirmed<S extends OrderState>(state: S): Step<S> {
  if (state.payment === 'paid') return advance(state, {}, '');
  return advance(state, { payment: 'paid' }, 'payment confirmed');
}

/**
 * Inventory shipped goods of the order: a fact, whatever this copy of the order had heard before. A
 * partial shipment leaves the shown status where it is (its lines count what left) with a line in the
 * history; the last one ships it. A cancelled order ships nothing.
 */
export function shipped<S extends OrderState>(state: S, complete = true, shipmentNumber = ''): Step<S> {
  if (state.fulfilment === 'shipped' || state.fulfilment === 'delivered') return advance(state, {}, '');
  if (state.commercial !== 'placed') throw new DomainError('conflict', 'order-transition-refused', `An order that is ${state.status} cannot become shipped`);
  if (!complete) return advance(state, { fulfilment: 'shipped_in_part' }, `shipped in part: ${shipmentNumber}`, [], true);
  return advance(state, { fulfilment: 'shipped' }, 'goods shipped');
}

/**
 * The customer signed for the goods. Shipment and delivery reach sales through separate consumers, so
 * a delivery heard of before the shipment is refused here and retried by the consumer until it fits.
 */
export function delivered<S extends OrderState>(state: S): Step<S> {
  if (state.fulfilment === 'delivered') return advance(state, {}, '');
  if (!FULFILMENT.can(state.fulfilment, 'delivered')) throw new DomainError('conflict', 'order-transition-refused', `An order that is ${state.status} cannot become delivered`);
  return advance(state, { fulfilment: 'delivered' }, 'delivery receipt signed');
}

/**
 * A delivered order is done when it is paid, or at once on credit terms: a credit sale's money is the
 * receivable's business in finance, not the order's (domain.md §4.11).
 */
export function closeIfSettled<S extends OrderState>(state: S): Step<S> {
  if (state.commercial !== 'placed' || state.fulfilment !== 'delivered') return advance(state, {}, '');
  if (state.payment === 'paid') return advance(state, { commercial: 'closed' }, 'delivered and paid');
  if (state.paymentTerms === 'credit') return advance(state, { commercial: 'closed' }, 'delivered on credit terms');
  return advance(state, {}, '');
}

/**
 * A pending order is approved by someone at its approval level or higher, never by its creator
 * (domain.md §4.2, §9); approval places it and tells the others.
 */
export function approve<S extends OrderDocument>(
  state: S,
  lines: readonly OrderLine[],
  approver: Person,
  customer: { onHold: boolean; holdReason: string | null } = { onHold: false, holdReason: null },
  now = new Date(),
): Step<S> {
  // Supply may have been stopped while the order waited: a customer on credit hold gets no new order (domain.md §4.4).
  if (customer.onHold) throw new DomainError('rule_violated', 'credit-refused', `The order cannot be approved: the customer is on credit hold (${customer.holdReason ?? 'supply stopped'})`);
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, state.approvalLevel as ApprovalLevel, `Order ${state.number}`);
  commercialMove(state, 'placed', 'approved');
  const to = agreedState(state);
  if (to === 'awaiting_confirmation') return advance(state, { commercial: to }, `approved by ${approver.userId}; made-to-order lines wait for the customer's written confirmation`);
  const step = advance(state, { commercial: 'placed' }, `approved by ${approver.userId}`);
  const placed = { ...step.state, placedAt: now };
  return { ...step, state: placed, events: [placedEvent(placed, lines)] };
}

/**
 * The customer signed the made-to-order order (seed: 客户书面确认): the order is placed now, so finance asks the
 * deposit and inventory records the lines to produce once it is in.
 */
export function confirmInWriting<S extends OrderDocument>(state: S, lines: readonly OrderLine[], confirmation: WrittenConfirmation): Step<S> {
  if (state.commercial !== 'awaiting_confirmation') {
    throw new DomainError('conflict', 'not-awaiting-confirmation', `Order ${state.number} is ${state.status}; only an order awaiting the customer's written confirmation takes one`);
  }
  const step = advance({ ...state, writtenConfirmation: confirmation }, { commercial: 'placed' }, `confirmed in writing by ${confirmation.signedBy} on ${confirmation.signedOn} (${confirmation.documentRef}), recorded by ${confirmation.recordedBy}`);
  const placed = { ...step.state, placedAt: new Date(confirmation.recordedAt) };
  return { ...step, state: placed, events: [placedEvent(placed, lines)] };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Finance told the customer the balance due once production finished; heard once, whatever is repeated. */
export function balanceNoticed<S extends OrderDocument>(state: S, notice: BalanceNotice): Step<S> {
  if (state.balanceNotice) return advance(state, {}, '');
  return advance({ ...state, balanceNotice: notice }, {}, `customer told the balance due: ${yuan(notice.balanceFen)} (paid ${yuan(notice.paidFen)} of ${yuan(notice.totalFen)})`, [], true);
}

export function reject<S extends OrderDocument>(state: S, approver: Person, reason: string): Step<S> {
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, state.approvalLevel as ApprovalLevel, `Order ${state.number}`);
  commercialMove(state, 'rejected', 'rejected');
  return advance(state, { commercial: 'rejected' }, `rejected: ${reason}`);
}

/** Whether the others have heard of the order, and so must undo what they did for it. */
export function wasPlaced(order: Pick<OrderState, 'commercial'>): boolean {
  return order.commercial === 'placed';
}

export type MoneyDisposition = 'refund' | 'keep_as_prepayment';

/**
 * Any order not yet shipped may be cancelled (domain.md §4); once part of it has left, no longer. If the
 * others had heard of it, they undo their part: inventory releases the stock, finance refunds or keeps
 * the money as the customer's prepayment.
 */
export function cancel<S extends OrderDocument>(state: S, reason: string, moneyDisposition: MoneyDisposition): Step<S> {
  if (state.fulfilment === 'shipped_in_part') throw new DomainError('conflict', 'order-shipped-in-part', 'Part of this order has shipped; it can no longer be cancelled (a return is the way back)');
  if (state.fulfilment === 'shipped' || state.fulfilment === 'delivered') throw new DomainError('conflict', 'order-transition-refused', `An order that is ${state.status} cannot become cancelled`);
  commercialMove(state, 'cancelled', 'cancelled');
  const events = wasPlaced(state) ? [cancelledEvent(state, `${reason}`, moneyDisposition)] : [];
  return advance(state, { commercial: 'cancelled' }, `cancelled: ${reason}`, events);
}

function cancelledEvent(order: OrderDocument, reason: string, moneyDisposition: MoneyDisposition): DomainEvent {
  return { type: 'sales.order.cancelled', data: { orderId: order.id, customerId: order.customerId, reason, moneyDisposition } };
}

/** Statuses in which a placed prepaid order still waits for its money. */
export const AWAITING_MONEY: readonly OrderStatus[] = ['approved', 'awaiting_payment', 'backordered'];

/**
 * A deposit holds the goods for a limited time (domain.md §4.7, seed 002 制度10): a placed prepaid order
 * not fully paid within `days` expires and is cancelled, releasing its stock.
 */
export function paymentDeadlinePassed(order: Pick<OrderDocument, 'paymentTerms' | 'payment' | 'status' | 'placedAt' | 'madeToOrder'>, now: Date, days: number): boolean {
  // A made-to-order order's deposit starts production, which takes longer than the deadline; its balance is due on
  // completion, and goods made for this customer are no use to release: it never expires.
  if (order.madeToOrder) return false;
  if (order.paymentTerms !== 'prepaid' || order.payment === 'paid' || !order.placedAt || !AWAITING_MONEY.includes(order.status)) return false;
  return now.getTime() - order.placedAt.getTime() >= days * 24 * 60 * 60 * 1000;
}

/** An expired order is cancelled by the platform; whatever was paid is kept as the customer's prepayment. */
export function expire<S extends OrderDocument>(state: S, days: number): Step<S> {
  const reason = `expired: not paid within ${days} days`;
  commercialMove(state, 'cancelled', 'cancelled');
  return advance(state, { commercial: 'cancelled' }, reason, [cancelledEvent(state, reason, 'keep_as_prepayment')]);
}

/**
 * The sales VP's written exception (domain.md §4.4, §4.6): an order may go to the warehouse unpaid, or on
 * credit for a customer with an overdue credit sale. Once per order, before it ships, never by its creator.
 */
export function approveShippingException<S extends OrderDocument>(state: S, approver: Person, reason: string): Step<S> {
  if (!AWAITING_MONEY.includes(state.status) && state.status !== 'ready_to_ship') {
    throw new DomainError('conflict', 'order-not-waiting', `Order ${state.number} is ${state.status}; an exception is for a placed order not yet shipped`);
  }
  if (state.shippingException) throw new DomainError('conflict', 'exception-exists', `Order ${state.number} already has a shipping exception: ${state.shippingException}`);
  refuseSelfApproval({ kind: 'order', number: state.number, createdBy: state.createdBy }, approver.userId);
  SALES_LADDER.refuseUnlessCanApprove(approver.roles, 'sales_vp', `A shipping exception for order ${state.number}`);
  const step = advance({ ...state, shippingException: reason }, {}, `shipping exception approved: ${reason}`, [
    { type: 'sales.order.shipping-exception-approved', data: { orderId: state.id, customerId: state.customerId, reason } },
  ], true);
  return step;
}

/** What sales knows of a SKU a replacement names: its list price valid today, if any, and whether it is made to order. */
export interface KnownSku {
  list?: PriceListLine & { priceListNumber: string };
  madeToOrder: boolean;
}

export interface ReplacementLine extends OrderLine {
  listPriceFen: number | null;
  floorPriceFen: number | null;
  priceListNumber: string | null;
  priceBasis: 'list';
  priceNote: string;
  madeToOrder: boolean;
}

/**
 * A replacement order's lines are priced as agreed on the complaint (free when no price is given), not by the list
 * ladder; a SKU must still be one sales knows (an approved list prices it, or inventory makes it to order).
 */
export function replacementLines(lines: Array<{ sku: string; quantity: number; unitPriceFen?: number }>, known: (sku: string) => KnownSku | undefined, ticketNumber: string): { lines: ReplacementLine[]; totalFen: number } {
  const unknown = lines.flatMap((line, i) => (known(line.sku) ? [] : [{ field: `lines[${i}].sku`, message: `${line.sku} is not priced by an approved list nor made to order` }]));
  if (unknown.length) throw new DomainError('rule_violated', 'unknown-sku', 'Some lines name a SKU sales does not know', unknown);
  if (new Set(lines.map((l) => l.sku)).size !== lines.length) throw new DomainError('invalid', 'duplicate-sku', 'Each SKU may appear on one line only; add the quantities together');
  const priced = lines.map((line, i) => {
    const { list, madeToOrder } = known(line.sku)!;
    const unitPriceFen = line.unitPriceFen ?? 0;
    return {
      lineNo: i + 1, sku: line.sku, quantity: line.quantity, unitPriceFen, lineTotalFen: line.quantity * unitPriceFen,
      listPriceFen: list?.listPriceFen ?? null, floorPriceFen: list?.floorPriceFen ?? null, priceListNumber: list?.priceListNumber ?? null,
      priceBasis: 'list' as const,
      priceNote: `replacement parts for complaint ${ticketNumber}${unitPriceFen === 0 ? ', free of charge' : ''}`, madeToOrder,
    };
  });
  return { lines: priced, totalFen: sumFen(priced.map((l) => l.lineTotalFen), 'The order total') };
}
