import { DomainError } from '@ops/contracts';

/**
 * What finance knows of an order's money (DESIGN §5). `paidFen` is money applied to the order, never
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
 * A prepaid order must be paid in full before it ships (DESIGN §4.6); a receipt that leaves it partly
 * paid is a deposit below the required amount, which a sales manager must approve first (§5).
 */
export function isDepositBelowRequired(order: OrderMoney & { paymentTerms: 'prepaid' | 'credit' }, amountFen: number): boolean {
  return order.paymentTerms === 'prepaid' && order.paidFen + amountFen < order.totalFen;
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

/** What happens to a cancelled order's money, as the customer chose (DESIGN §4). */
export type CancellationSettlement = 'nothing_paid' | 'refunded' | 'kept_as_prepayment';

export function settleCancellation(paidFen: number, disposition: 'refund' | 'keep_as_prepayment'): CancellationSettlement {
  if (paidFen === 0) return 'nothing_paid';
  return disposition === 'refund' ? 'refunded' : 'kept_as_prepayment';
}

/**
 * What an invoice issued by hand may bill (DESIGN §4.10): a prepaid order paid in full is invoiced for all
 * it has left; otherwise only what a void took back and no invoice has billed again, never goods that
 * have not shipped. Shipments are invoiced on their own.
 */
export function handInvoiceAmount(order: {
  orderNumber: string;
  customerName: string;
  paymentTerms: 'prepaid' | 'credit';
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
