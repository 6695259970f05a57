import { DomainError, formatFen, StateMachine, type Step } from '@ops/kernel';
import { splitVat, VAT_RATE_PERCENT } from './journal.js';

/**
 * An invoice (domain.md §4.10, §5) is issued once and never edited: a mistake is put right by voiding it
 * with a reason — a reversing entry in the journal — and, where needed, issuing another. Its number
 * stays used.
 */
export type InvoiceStatus = 'issued' | 'voided';

export const INVOICE = new StateMachine<InvoiceStatus>('invoice', { issued: ['voided'], voided: [] });

export interface Invoice {
  id: string;
  number: string;
  series: string;
  orderId: string;
  /** The shipment it bills; null for an invoice issued on full payment or re-issued by hand. */
  shipmentId: string | null;
  customerId: string;
  /** Always the name on the order. */
  customerName: string;
  amountFen: number;
  /** What it bills, line by line, with the VAT in each (see invoiceLines). */
  lines: InvoiceLine[];
  /** The buyer's taxpayer id as sales had it when the order was placed; null when none was on file. */
  buyerTaxId: string | null;
  /** The company that issued it, as it was then. */
  seller: Seller;
  status: InvoiceStatus;
  issuedBy: string | null;
  voidReason: string | null;
  voidedBy: string | null;
  voidedAt: Date | null;
}

export type NewInvoice = Omit<Invoice, 'status' | 'voidReason' | 'voidedBy' | 'voidedAt'>;

/** `why` says what it bills: a shipment, or what was left of the order when issued by hand. */
export function issueInvoice(invoice: NewInvoice, why: string): Step<Invoice> {
  const issued: Invoice = { ...invoice, status: 'issued', voidReason: null, voidedBy: null, voidedAt: null };
  return { state: issued, transitions: [{ from: 'new', to: 'issued', reason: `${formatFen(invoice.amountFen)} issued: ${why}` }], events: [] };
}

export function voidInvoice<I extends Invoice>(invoice: I, reason: string, voidedBy: string, now = new Date()): Step<I> {
  if (invoice.status === 'voided') throw new DomainError('conflict', 'invoice-already-voided', `Invoice ${invoice.number} was voided by ${invoice.voidedBy}: ${invoice.voidReason}`);
  const t = INVOICE.move(invoice.status, 'voided', `voided: ${reason}`, `Invoice ${invoice.number}`);
  return { state: { ...invoice, status: t.to, voidReason: reason, voidedBy, voidedAt: now }, transitions: [t], events: [] };
}

/** The issuing company as printed on its invoices (from the finance service's configuration). */
export interface Seller {
  name: string;
  taxId: string;
  address: string;
  bankAccount: string;
}

export interface InvoiceLine {
  lineNo: number;
  /** The SKU billed; `ADJUSTMENT` for a difference between the goods and the amount billed. */
  sku: string;
  quantity: number;
  /** VAT included, as on the order. */
  unitPriceFen: number;
  /** quantity × unit price, VAT included. */
  amountFen: number;
  netFen: number;
  vatRatePercent: number;
  vatFen: number;
}

export const ADJUSTMENT_SKU = 'ADJUSTMENT';

/**
 * The lines of an invoice for `amountFen`: the goods it bills at their (VAT-inclusive) prices, and, should
 * the goods not add up to the amount (the last shipment bills what is left of the order; a re-issue bills
 * what a void took back), one adjustment line for the difference, so the lines always add up to the
 * invoice. VAT is split per line, and the lines' VAT adds up to the VAT the journal books for the whole
 * amount (splitVat): the rounding difference goes to the largest line.
 */
export function invoiceLines(goods: ReadonlyArray<{ sku: string; quantity: number; unitPriceFen: number }>, amountFen: number): InvoiceLine[] {
  const billed = goods.filter((g) => g.quantity > 0).map((g) => ({ sku: g.sku, quantity: g.quantity, unitPriceFen: g.unitPriceFen, amountFen: g.quantity * g.unitPriceFen }));
  const difference = amountFen - billed.reduce((sum, line) => sum + line.amountFen, 0);
  if (difference !== 0) billed.push({ sku: ADJUSTMENT_SKU, quantity: 1, unitPriceFen: difference, amountFen: difference });
  const lines = billed.map((line, i) => {
    const { vatFen } = splitVat(line.amountFen);
    return { lineNo: i + 1, ...line, netFen: line.amountFen - vatFen, vatRatePercent: VAT_RATE_PERCENT, vatFen };
  });
  const roundingFen = splitVat(amountFen).vatFen - lines.reduce((sum, line) => sum + line.vatFen, 0);
  if (roundingFen !== 0 && lines.length > 0) {
    const largest = lines.reduce((a, b) => (Math.abs(b.amountFen) > Math.abs(a.amountFen) ? b : a));
    largest.vatFen += roundingFen;
    largest.netFen -= roundingFen;
  }
  return lines;
}
