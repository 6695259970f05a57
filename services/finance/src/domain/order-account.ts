import { DomainError, formatFen, note, StateMachine, type DomainEvent, type Step } from '@ops/kernel';

export type PaymentTerms = 'prepaid' | 'credit';

/**
 * What finance knows of an order's money (domain.md §5). `paidFen` is money applied to the order, never
 * more than its total: anything beyond becomes the customer's prepayment at once. `invoicedFen` is what
 * live invoices bill; `coveredFen` is the part of the paid money already set against them. So the
 * order's open receivable is `invoicedFen − coveredFen`, and money waiting for an invoice is
 * `paidFen − coveredFen` (it sits in customer prepayments, 2203).
 */
export interface OrderMoney {
  totalFen: number;
  paidFen: number;
  coveredFen: number;
  invoicedFen: number;
  confirmed: boolean;
}

export const openReceivableOf = (o: OrderMoney) => o.invoicedFen - o.coveredFen;

export interface ReceiptOutcome {
  order: OrderMoney;
  /** Beyond the amount due: the customer's prepayment, for later orders. */
  overpaidFen: number;
  /** Settles what was already invoiced on credit: credited to receivables (1122), the rest to prepayments (2203). */
  toReceivablesFen: number;
  /** True exactly once: when this money makes the order fully paid. */
  nowFullyPaid: boolean;
}

export function applyReceipt(order: OrderMoney, amountFen: number): ReceiptOutcome {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new DomainError('invalid', 'amount-not-positive', 'A receipt amount must be a positive whole number of fen', [{ field: 'amountFen', message: 'must be a positive integer' }]);
  }
  const applied = Math.min(amountFen, order.totalFen - order.paidFen);
  const toReceivablesFen = Math.min(applied, openReceivableOf(order));
  const paidFen = order.paidFen + applied;
  const nowFullyPaid = !order.confirmed && paidFen >= order.totalFen;
  return {
    order: { ...order, paidFen, coveredFen: order.coveredFen + toReceivablesFen, confirmed: order.confirmed || nowFullyPaid },
    overpaidFen: amountFen - applied,
    toReceivablesFen,
    nowFullyPaid,
  };
}

/**
 * The deposit an order's agreement requires before its first payment counts without approval (domain.md §5):
 * what sales agreed, or — when it did not say — the whole total of a prepaid order and nothing for a credit order.
 */
export function requiredDepositOf(order: { paymentTerms: PaymentTerms; totalFen: number; requiredDepositFen?: number | null }): number {
  const agreed = order.requiredDepositFen ?? (order.paymentTerms === 'prepaid' ? order.totalFen : 0);
  return Math.min(Math.max(agreed, 0), order.totalFen);
}

/** Billing `amountFen`: money already paid covers it first, the rest is owed (a receivable). */
export function invoice(order: OrderMoney, amountFen: number): { order: OrderMoney; prepaidUsedFen: number; receivableFen: number } {
  if (amountFen <= 0 || order.invoicedFen + amountFen > order.totalFen) {
    throw new DomainError('rule_violated', 'invoice-exceeds-order', `An invoice of ${amountFen} fen would bill more than the order's ${order.totalFen - order.invoicedFen} fen left to invoice`);
  }
  const prepaidUsedFen = Math.min(amountFen, order.paidFen - order.coveredFen);
  return {
    order: { ...order, invoicedFen: order.invoicedFen + amountFen, coveredFen: order.coveredFen + prepaidUsedFen },
    prepaidUsedFen,
    receivableFen: amountFen - prepaidUsedFen,
  };
}

/**
 * Voiding an invoice takes back the sale: what of it is still owed leaves receivables, and the money
 * that had covered it goes back to waiting for an invoice.
 */
export function voidInvoice(order: OrderMoney, invoiceAmountFen: number, stillOwedFen: number): { order: OrderMoney; releasedFen: number } {
  const releasedFen = invoiceAmountFen - stillOwedFen;
  return { order: { ...order, invoicedFen: order.invoicedFen - invoiceAmountFen, coveredFen: order.coveredFen - releasedFen }, releasedFen };
}

/**
 * The amount a shipment bills: its lines at the order's prices; the last shipment bills whatever is
 * left, so the invoices of an order always add up to its total.
 */
export function shipmentAmount(orderLines: Array<{ sku: string; unitPriceFen: number }>, shipped: Array<{ sku: string; quantity: number }>, leftToInvoiceFen: number, complete: boolean): number {
  if (complete) return leftToInvoiceFen;
  const amount = shipped.reduce((sum, line) => sum + line.quantity * (orderLines.find((l) => l.sku === line.sku)?.unitPriceFen ?? 0), 0);
  return Math.min(amount, leftToInvoiceFen);
}

/** What happens to a cancelled order's money, as the customer chose (domain.md §4). */
export type CancellationSettlement = 'nothing_paid' | 'refunded' | 'kept_as_prepayment';
export type MoneyDisposition = 'refund' | 'keep_as_prepayment';

export function settleCancellation(paidFen: number, disposition: MoneyDisposition): CancellationSettlement {
  if (paidFen === 0) return 'nothing_paid';
  return disposition === 'refund' ? 'refunded' : 'kept_as_prepayment';
}

/**
 * What an invoice issued by hand may bill (domain.md §4.10): a prepaid order paid in full is invoiced for all
 * it has left; otherwise only what a void took back and no invoice has billed again, never goods that
 * have not shipped. Shipments are invoiced on their own.
 */
export function handInvoiceAmount(order: {
  orderNumber: string;
  customerName: string;
  paymentTerms: PaymentTerms;
  confirmed: boolean;
  cancelled: boolean;
  totalFen: number;
  invoicedFen: number;
  voidedFen: number;
  reissuedFen: number;
}, askedCustomerName?: string): number {
  if (askedCustomerName !== undefined && askedCustomerName !== order.customerName) {
    throw new DomainError('rule_violated', 'customer-name-differs', `The invoice must carry the order's customer name`, [{ field: 'customerName', message: `must be "${order.customerName}", as on order ${order.orderNumber}` }]);
  }
  if (order.cancelled) throw new DomainError('rule_violated', 'order-cancelled', `Order ${order.orderNumber} was cancelled`);
  const left = order.totalFen - order.invoicedFen;
  if (left <= 0) throw new DomainError('conflict', 'order-fully-invoiced', `Order ${order.orderNumber} is invoiced in full; void an invoice first to issue another`);
  const paidInFull = order.paymentTerms === 'prepaid' && order.confirmed;
  if (!paidInFull && order.voidedFen === 0) {
    throw new DomainError('rule_violated', 'not-yet-invoiceable', `Order ${order.orderNumber} is invoiced when it ships${order.paymentTerms === 'prepaid' ? ' or is paid in full' : ''}; issue by hand is for a prepaid order paid in full or after a void`);
  }
  const amountFen = paidInFull ? left : Math.min(left, order.voidedFen - order.reissuedFen);
  if (amountFen <= 0) throw new DomainError('conflict', 'order-fully-invoiced', `Order ${order.orderNumber} has nothing voided left to invoice again`);
  return amountFen;
}

/**
 * The order account's life: it waits for its money, is paid in full once (finance.payment.confirmed
 * tells sales and inventory), and may be cancelled before or after that. Money moves in between are
 * notes in its history. Read off `confirmedAt` and `cancellation`, which only these steps set.
 */
export type OrderAccountStatus = 'awaiting_payment' | 'paid' | 'cancelled';

export const ORDER_ACCOUNT = new StateMachine<OrderAccountStatus>('order account', {
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['cancelled'],
  cancelled: [],
});

export interface OrderedLine {
  sku: string;
  quantity: number;
  unitPriceFen: number;
}

export interface OrderAccount {
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  /** The buyer's taxpayer id from the placement, printed on the order's invoices; null when sales had none. */
  customerTaxId: string | null;
  /** The rep the sale counts for and the customer's region, from the placement (aging by rep and region, commission). */
  salesRep: string | null;
  region: string | null;
  paymentTerms: PaymentTerms;
  totalFen: number;
  paidFen: number;
  coveredFen: number;
  invoicedFen: number;
  /** This order's money that became the customer's prepayment (overpaid, or kept from a cancellation). */
  prepaymentFen: number;
  creditTermsDays: number | null;
  lines: OrderedLine[];
  /** The deposit the agreement requires before a first payment counts without approval (0: none). */
  requiredDepositFen: number;
  /** When the first payment counted (it met the required deposit, or was approved below it); later money simply adds up. */
  depositAcceptedAt: Date | null;
  /** The order has lines made for it (from the placement): production waits for its deposit. */
  madeToOrder: boolean;
  /** When finance told inventory the deposit of a made-to-order order is in (finance.deposit.confirmed, sent once). */
  depositConfirmedAt: Date | null;
  /** What the customer was told is left to pay once production finished; null until then. */
  balanceNotice: BalanceNotice | null;
  confirmedAt: Date | null;
  cancellation: CancellationSettlement | null;
}

/** The balance due as the customer was told it (尾款通知): what was paid then, and the rest. */
export interface BalanceNotice {
  totalFen: number;
  paidFen: number;
  balanceFen: number;
  issuedAt: string;
}

export function statusOf(account: Pick<OrderAccount, 'confirmedAt' | 'cancellation'>): OrderAccountStatus {
  if (account.cancellation !== null) return 'cancelled';
  return account.confirmedAt !== null ? 'paid' : 'awaiting_payment';
}

export const moneyOf = (a: Pick<OrderAccount, 'totalFen' | 'paidFen' | 'coveredFen' | 'invoicedFen' | 'confirmedAt'>): OrderMoney => ({
  totalFen: a.totalFen, paidFen: a.paidFen, coveredFen: a.coveredFen, invoicedFen: a.invoicedFen, confirmed: a.confirmedAt !== null,
});

/** Money is taken only for an order that is still live. */
export function refuseUnlessPayable(account: Pick<OrderAccount, 'orderNumber' | 'cancellation'>, receiptNumber?: string): void {
  if (account.cancellation === null) return;
  if (receiptNumber) throw new DomainError('rule_violated', 'order-cancelled', `The order of ${receiptNumber} was cancelled`);
  throw new DomainError('rule_violated', 'order-cancelled', `Order ${account.orderNumber} was cancelled; record money for the customer against another order`, [{ field: 'orderId', message: 'names a cancelled order' }]);
}

/**
 * Only a first payment below the required deposit waits for approval (domain.md §5, the cashier's rules):
 * a sales manager and a finance manager must accept it. Once a first payment has counted, later money
 * simply adds up, and money the customer already holds (their prepayment) counts toward the deposit.
 */
export function needsDepositApproval(account: Pick<OrderAccount, 'depositAcceptedAt' | 'paidFen' | 'requiredDepositFen'>, amountFen: number): boolean {
  return account.depositAcceptedAt === null && account.paidFen + amountFen < account.requiredDepositFen;
}

/** Finance holds the order's agreement until it is paid in full (the cashier's rules); a cancelled order's is no longer held. */
export const agreementHeld = (account: Pick<OrderAccount, 'confirmedAt' | 'cancellation'>): boolean => statusOf(account) === 'awaiting_payment';

/** The order is paid in full: confirmed once, and sales and inventory are told. */
function paidInFull<A extends OrderAccount>(account: A, reason: string, now: Date): Step<A> {
  const t = ORDER_ACCOUNT.move(statusOf(account), 'paid', reason, `The account of order ${account.orderNumber}`);
  const state = { ...account, confirmedAt: now };
  return { state, transitions: [t], events: [paymentConfirmed(state)] };
}

function paymentConfirmed(account: OrderAccount): DomainEvent {
  return { type: 'finance.payment.confirmed', data: { orderId: account.orderId, customerId: account.customerId, totalFen: account.totalFen, paidFen: account.paidFen } };
}

/** A line in the history for a money move that leaves the status where it is. */
function moneyMoved<A extends OrderAccount>(state: A, reason: string): Step<A> {
  return { state, transitions: [note(statusOf(state), reason)], events: [] };
}

export type NewOrderAccount = Pick<OrderAccount, 'orderId' | 'orderNumber' | 'customerId' | 'customerName' | 'customerTaxId' | 'salesRep' | 'region' | 'paymentTerms' | 'totalFen' | 'creditTermsDays' | 'lines'> & {
  /** As sales agreed it; left out, the whole total of a prepaid order and nothing for a credit order. */
  requiredDepositFen?: number | null;
  /** Some line is made to order; left out, none is. */
  madeToOrder?: boolean;
};

/**
 * A placed order opens its amount due, paid at once from the customer's prepayment where there is some
 * (domain.md §5: overpayment is used against later amounts); that alone may pay it in full. An order with
 * nothing to pay (a free replacement) is paid in full at once, so its goods can ship. A made-to-order order
 * whose deposit is already covered (none required, or the prepayment meets it) has it confirmed at once.
 */
export function openAccount(order: NewOrderAccount, prepaymentHeldFen: number, now = new Date()): Step<OrderAccount> & { prepaymentUsedFen: number } {
  const requiredDepositFen = requiredDepositOf(order);
  const opened: OrderAccount = {
    ...order, madeToOrder: order.madeToOrder ?? false, requiredDepositFen, paidFen: 0, coveredFen: 0, invoicedFen: 0, prepaymentFen: 0,
    depositAcceptedAt: null, depositConfirmedAt: null, balanceNotice: null, confirmedAt: null, cancellation: null,
  };
  const deposit = requiredDepositFen > 0 && requiredDepositFen < order.totalFen ? `, deposit ${formatFen(requiredDepositFen)}` : '';
  const placed: Step<OrderAccount> = {
    state: opened, transitions: [{ from: 'new', to: 'awaiting_payment', reason: `order ${order.orderNumber} placed: ${formatFen(order.totalFen)} due${deposit}` }], events: [],
  };
  const prepaymentUsedFen = Math.max(0, Math.min(prepaymentHeldFen, order.totalFen));
  let step = placed;
  if (prepaymentUsedFen > 0) {
    const reason = `${formatFen(prepaymentUsedFen)} of the customer's prepayment applied`;
    const paid = { ...opened, paidFen: prepaymentUsedFen };
    step = then(placed, paid.paidFen >= paid.totalFen ? paidInFull(paid, `paid in full: ${reason}`, now) : moneyMoved(paid, reason));
  } else if (order.totalFen === 0) {
    step = then(placed, paidInFull(opened, 'paid in full: nothing is due', now));
  }
  return { ...confirmDepositIfIn(step, now), prepaymentUsedFen };
}

/** Two steps of one aggregate one after the other: the second's state, both histories and both sets of events. */
function then<A>(first: Step<A>, second: Step<A>): Step<A> {
  return { state: second.state, transitions: [...first.transitions, ...second.transitions], events: [...first.events, ...second.events] };
}

/**
 * The deposit of a made-to-order order is in when its first payment has counted (it met the deposit, or sales and
 * finance management accepted less), or when what is paid already meets it — nothing required, or the customer's
 * prepayment covered it at opening. Production is issued on it, so it is said once, and never for a cancelled order.
 */
export function depositIn(account: Pick<OrderAccount, 'madeToOrder' | 'depositConfirmedAt' | 'depositAcceptedAt' | 'paidFen' | 'requiredDepositFen' | 'cancellation'>): boolean {
  if (!account.madeToOrder || account.depositConfirmedAt !== null || account.cancellation !== null) return false;
  return account.depositAcceptedAt !== null || account.paidFen >= account.requiredDepositFen;
}

/** After a step that may have brought the deposit in: confirm it (finance.deposit.confirmed tells inventory to issue production). */
function confirmDepositIfIn<A extends OrderAccount>(step: Step<A>, now: Date): Step<A> {
  const account = step.state;
  if (!depositIn(account)) return step;
  const state = { ...account, depositConfirmedAt: now };
  const what = account.requiredDepositFen === 0 ? 'no deposit required' : `${formatFen(account.paidFen)} paid of ${formatFen(account.requiredDepositFen)} required`;
  const confirmed: DomainEvent = {
    type: 'finance.deposit.confirmed',
    data: { orderId: account.orderId, customerId: account.customerId, requiredDepositFen: account.requiredDepositFen, paidFen: account.paidFen, confirmedAt: now.toISOString() },
  };
  return then(step, { state, transitions: [note(statusOf(state), `deposit confirmed (${what}): production may be issued`)], events: [confirmed] });
}

/**
 * Production of the order finished: the customer is told what is left to pay (total − paid), once. The goods
 * ship only when the order is paid in full, or on credit terms, or by the VP's exception (inventory's release rules).
 */
export function issueBalanceNotice<A extends OrderAccount>(account: A, now = new Date()): Step<A> {
  if (account.balanceNotice !== null) {
    throw new DomainError('conflict', 'balance-notice-issued', `The customer of order ${account.orderNumber} was already told the balance on ${account.balanceNotice.issuedAt}`);
  }
  refuseUnlessPayable(account);
  const balanceNotice: BalanceNotice = { totalFen: account.totalFen, paidFen: account.paidFen, balanceFen: account.totalFen - account.paidFen, issuedAt: now.toISOString() };
  const state = { ...account, balanceNotice };
  const told = balanceNotice.balanceFen > 0 ? `customer told the balance due: ${formatFen(balanceNotice.balanceFen)}` : 'customer told the order is paid in full';
  return {
    state,
    transitions: [note(statusOf(state), `production finished; ${told}`)],
    events: [{ type: 'finance.balance-notice.issued', data: { orderId: account.orderId, customerId: account.customerId, ...balanceNotice } }],
  };
}

/**
 * Counted money is set against the order: what settles invoiced credit first, the rest waits for an
 * invoice, anything beyond the amount due becomes the customer's prepayment. The receipt that
 * completes the amount due confirms payment. The first receipt to count settles the deposit question:
 * later ones add up without approval.
 */
/** What of a receipt the order account needs to count it, and to tell sales the money came in. */
export interface CountedReceipt {
  id: string;
  number: string;
  method: string;
  amountFen: number;
  /** The cashier's business day the money belongs to. */
  cashierDate: string;
}

export function countReceipt<A extends OrderAccount>(account: A, receipt: CountedReceipt, now = new Date()): Step<A> & Omit<ReceiptOutcome, 'order'> {
  refuseUnlessPayable(account, receipt.number);
  const { order, ...outcome } = applyReceipt(moneyOf(account), receipt.amountFen);
  const state = {
    ...account, paidFen: order.paidFen, coveredFen: order.coveredFen, prepaymentFen: account.prepaymentFen + outcome.overpaidFen, depositAcceptedAt: account.depositAcceptedAt ?? now,
  };
  const counted = `receipt ${receipt.number} counted: ${formatFen(receipt.amountFen)}`;
  const step = outcome.nowFullyPaid ? paidInFull(state, `paid in full by receipt ${receipt.number}`, now) : moneyMoved(state, counted);
  const received: DomainEvent = {
    type: 'finance.receipt.counted',
    data: { receiptId: receipt.id, receiptNumber: receipt.number, orderId: account.orderId, customerId: account.customerId, method: receipt.method, amountFen: receipt.amountFen, receivedOn: receipt.cashierDate },
  };
  return { ...confirmDepositIfIn({ ...step, events: [received, ...step.events] }, now), ...outcome };
}

/**
 * A credit note for returned goods settles part of what the order still owes on its invoices, as money
 * would: it counts toward the order (paid) and covers the invoiced amount it credits, so money the customer
 * later pays beyond what is left becomes their prepayment instead of finding no receivable to settle.
 */
export function creditAgainstOrder<A extends OrderAccount>(account: A, creditNoteNumber: string, amountFen: number, now = new Date()): Step<A> {
  const { order, toReceivablesFen, nowFullyPaid } = applyReceipt(moneyOf(account), amountFen);
  if (toReceivablesFen !== amountFen) {
    throw new DomainError('conflict', 'credit-exceeds-owed', `Credit note ${creditNoteNumber} credits ${formatFen(amountFen)}, more than order ${account.orderNumber} still owes on its invoices`);
  }
  const state = { ...account, paidFen: order.paidFen, coveredFen: order.coveredFen };
  const reason = `credit note ${creditNoteNumber} settles ${formatFen(amountFen)} owed`;
  return nowFullyPaid ? paidInFull(state, reason, now) : moneyMoved(state, reason);
}

/** An invoice bills part of the order: paid money covers it first, the rest is owed. */
export function billInvoice<A extends OrderAccount>(account: A, invoiceNumber: string, amountFen: number): Step<A> & { prepaidUsedFen: number; receivableFen: number } {
  const { order, prepaidUsedFen, receivableFen } = invoice(moneyOf(account), amountFen);
  const state = { ...account, invoicedFen: order.invoicedFen, coveredFen: order.coveredFen };
  const owed = receivableFen > 0 ? `, ${formatFen(receivableFen)} owed` : '';
  return { ...moneyMoved(state, `invoice ${invoiceNumber} bills ${formatFen(amountFen)}${owed}`), prepaidUsedFen, receivableFen };
}

/** A voided invoice no longer bills the order; the money that had covered it waits for an invoice again. */
export function takeBackInvoice<A extends OrderAccount>(account: A, invoiceNumber: string, amountFen: number, stillOwedFen: number): Step<A> {
  const { order } = voidInvoice(moneyOf(account), amountFen, stillOwedFen);
  return moneyMoved({ ...account, invoicedFen: order.invoicedFen, coveredFen: order.coveredFen }, `invoice ${invoiceNumber} voided`);
}

const SETTLED: Record<CancellationSettlement, string> = {
  nothing_paid: 'nothing was paid',
  refunded: 'the money is owed back to the customer (refunds due, paid by a cashier)',
  kept_as_prepayment: 'the money is kept as the customer\'s prepayment',
};

/**
 * A cancelled order's money is refunded or kept as the customer's prepayment, as the customer chose
 * (domain.md §4). The caller voids the order's live invoices first, so what they covered is paid money again.
 * A refund is not paid here: `refundFen` becomes refunds due (domain/refund.ts), which a cashier pays.
 */
export function cancelAccount<A extends OrderAccount>(account: A, disposition: MoneyDisposition, reason: string): Step<A> & { settlement: CancellationSettlement; refundFen: number; keptFen: number } {
  const settlement = settleCancellation(account.paidFen, disposition);
  const keptFen = settlement === 'kept_as_prepayment' ? account.paidFen : 0;
  const t = ORDER_ACCOUNT.move(statusOf(account), 'cancelled', `order cancelled: ${reason}; ${SETTLED[settlement]}`, `The account of order ${account.orderNumber}`);
  return {
    state: { ...account, cancellation: settlement, prepaymentFen: account.prepaymentFen + keptFen },
    transitions: [t],
    events: [],
    settlement,
    refundFen: settlement === 'refunded' ? account.paidFen : 0,
    keptFen,
  };
}
