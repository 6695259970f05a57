import { DomainError, formatFen, StateMachine, type Step } from '@ops/kernel';
import { invoiceLines, type InvoiceLine } from './invoice.js';
import { invoiceVoidEntry, splitVat, type JournalLine } from './journal.js';
import type { Refund } from './refund.js';

/**
 * A credit note for returned goods (domain.md §4, returns): the customer is credited what the accepted goods
 * were sold at. Like a voided invoice it takes the sale back — revenue and 13 % VAT reversed, split per line
 * as invoices split them — and the credit first reduces what is still owed on the order (receivables, 1122);
 * the rest is owed back to the customer (2203) as a refund due, which a cashier pays any way.
 */
export type CreditNoteStatus = 'issued';

export const CREDIT_NOTE = new StateMachine<CreditNoteStatus>('credit note', { issued: [] });

export interface CreditNote {
  id: string;
  number: string;
  status: CreditNoteStatus;
  returnId: string;
  returnNumber: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  amountFen: number;
  netFen: number;
  vatFen: number;
  toReceivableFen: number;
  refundFen: number;
  refundId: string | null;
  lines: InvoiceLine[];
  issuedBy: string;
}

/** How a credit splits: what the order still owes is reduced first, the rest is refunded. */
export function creditSplit(creditFen: number, stillOwedFen: number): { toReceivableFen: number; refundFen: number } {
  if (!Number.isSafeInteger(creditFen) || creditFen <= 0) throw new DomainError('invalid', 'credit-not-positive', 'A credit note is a positive whole number of fen');
  const toReceivableFen = Math.min(creditFen, Math.max(stillOwedFen, 0));
  return { toReceivableFen, refundFen: creditFen - toReceivableFen };
}

/**
 * The entry of a credit note: debit revenue (net) and VAT output, credit receivables for the part that reduces
 * what is owed and customer prepayments (2203) for the part to refund. The same shape as taking an invoice back.
 */
export function creditNoteEntry(amountFen: number, toReceivableFen: number): JournalLine[] {
  return invoiceVoidEntry(amountFen, toReceivableFen);
}

export type NewCreditNote = Omit<CreditNote, 'status' | 'netFen' | 'vatFen' | 'toReceivableFen' | 'refundFen' | 'lines' | 'refundId'>;

/** Issues the credit note for the accepted goods against what the order still owes; finance.credit-note.issued tells sales. */
export function issueCreditNote(
  note: NewCreditNote,
  goods: ReadonlyArray<{ sku: string; quantity: number; unitPriceFen: number }>,
  stillOwedFen: number,
  refundId: string | null,
): Step<CreditNote> {
  const { toReceivableFen, refundFen } = creditSplit(note.amountFen, stillOwedFen);
  if ((refundFen > 0) !== (refundId !== null)) throw new Error(`credit note ${note.number}: a refund due needs its id, and only then`);
  const lines = invoiceLines(goods, note.amountFen);
  const { netFen, vatFen } = splitVat(note.amountFen);
  return {
    state: { ...note, status: 'issued', netFen, vatFen, toReceivableFen, refundFen, refundId, lines },
    transitions: [{ from: 'new', to: 'issued', reason: `return ${note.returnNumber}: ${formatFen(note.amountFen)} credited, ${formatFen(toReceivableFen)} against the receivable, ${formatFen(refundFen)} to refund` }],
    events: [{
      type: 'finance.credit-note.issued',
      data: { creditNoteId: note.id, number: note.number, returnId: note.returnId, orderId: note.orderId, customerId: note.customerId, amountFen: note.amountFen, toReceivableFen, refundFen },
    }],
  };
}

/** The part of a credit owed back: a refund due, by any way (method null), linked to the return. */
export function oweReturnRefund(refund: Omit<Refund, 'status' | 'paidMethod' | 'paidBy' | 'paidAt' | 'paidOn' | 'payee' | 'method' | 'sources'> & { returnId: string }, creditNoteNumber: string): Step<Refund & { returnId: string }> {
  if (!Number.isSafeInteger(refund.amountFen) || refund.amountFen <= 0) throw new DomainError('invalid', 'refund-not-positive', 'A refund is a positive whole number of fen');
  return {
    state: { ...refund, method: null, sources: [], status: 'due', paidMethod: null, paidBy: null, paidAt: null, paidOn: null, payee: null },
    transitions: [{ from: 'new', to: 'due', reason: `credit note ${creditNoteNumber}: ${formatFen(refund.amountFen)} to refund by any way` }],
    events: [],
  };
}
