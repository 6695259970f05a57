import { DomainError, formatFen, StateMachine, type Step } from '@ops/kernel';

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
