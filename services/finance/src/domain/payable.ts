import { addDays, DomainError, formatFen, note, StateMachine, type BusinessDate, type Step } from '@ops/kernel';
import { balanced, splitVat, type JournalLine } from './journal.js';

/**
 * Supplier payables (purchasing in finance). An audited purchase receipt makes its amount owed to the supplier
 * (2202), due the supplier's payment terms after the audit's business date. Payments, the supplier's prepayment
 * and purchase returns lower it; at nothing left it is settled. A supplier finance has not heard of yet (events
 * may arrive in any order) still gets its payable — with terms 0, marked provisional — and the due date follows
 * the real terms once the supplier's record arrives: a payable is never held back waiting for a name.
 */
export type PayableStatus = 'open' | 'settled';

export const PAYABLE = new StateMachine<PayableStatus>('payable', { open: ['settled'], settled: [] });

export interface Payable {
  id: string;
  supplierId: string;
  receiptId: string;
  receiptNumber: string;
  purchaseOrderId: string | null;
  purchaseOrderNumber: string | null;
  amountFen: number;
  netFen: number;
  vatFen: number;
  settledFen: number;
  returnedFen: number;
  status: PayableStatus;
  auditDate: BusinessDate;
  paymentTermsDays: number;
  termsProvisional: boolean;
  dueDate: BusinessDate;
  supplierInvoiceId: string | null;
}

/** What finance knows of a supplier: its terms and the prepayment it holds (supplier_accounts). */
export interface SupplierTerms {
  paymentTermsDays: number;
  /** 0 while finance has only seen the supplier named by a payable, not its record. */
  revision: number;
}

export const remainingOf = (p: Pick<Payable, 'amountFen' | 'settledFen'>): number => p.amountFen - p.settledFen;

/** Raises the payable of an audited receipt, for exactly its amount. */
export function raisePayable(
  receipt: { id: string; supplierId: string; receiptId: string; receiptNumber: string; purchaseOrderId: string | null; purchaseOrderNumber: string | null; amountFen: number; auditDate: BusinessDate },
  supplier: SupplierTerms | null,
): Step<Payable> {
  if (!Number.isSafeInteger(receipt.amountFen) || receipt.amountFen <= 0) throw new DomainError('invalid', 'payable-not-positive', 'A payable is a positive whole number of fen');
  const known = supplier !== null && supplier.revision > 0;
  const paymentTermsDays = known ? supplier.paymentTermsDays : 0;
  const { netFen, vatFen } = splitVat(receipt.amountFen);
  const dueDate = addDays(receipt.auditDate, paymentTermsDays);
  return {
    state: {
      ...receipt, netFen, vatFen, settledFen: 0, returnedFen: 0, status: 'open', paymentTermsDays, termsProvisional: !known, dueDate, supplierInvoiceId: null,
    },
    transitions: [{
      from: 'new', to: 'open',
      reason: `receipt ${receipt.receiptNumber} audited: ${formatFen(receipt.amountFen)} owed, due ${dueDate}` +
        (known ? ` (${paymentTermsDays} days' terms)` : ' (supplier not known to finance yet: terms 0 until its record arrives)'),
    }],
    events: [],
  };
}

/** The supplier's record arrived or changed: a payable raised on provisional terms follows the real ones. */
export function applySupplierTerms<P extends Payable>(p: P, paymentTermsDays: number): Step<P> {
  if (!p.termsProvisional || p.status !== 'open') return { state: p, transitions: [], events: [] };
  const dueDate = addDays(p.auditDate, paymentTermsDays);
  return {
    state: { ...p, paymentTermsDays, termsProvisional: false, dueDate },
    transitions: [note(p.status, `supplier's record arrived: ${paymentTermsDays} days' terms, due ${dueDate}`)],
    events: [],
  };
}

/** Lowers what is owed by `fen` (a payment, the supplier's prepayment, a return); at nothing left it is settled. */
export function settlePayable<P extends Payable>(p: P, fen: number, by: string, { returned = false } = {}): Step<P> {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new DomainError('invalid', 'settlement-not-positive', 'A settlement is a positive whole number of fen');
  if (p.status !== 'open' || fen > remainingOf(p)) {
    throw new DomainError('conflict', 'payable-overpaid', `Payable of receipt ${p.receiptNumber} owes ${formatFen(p.status === 'open' ? remainingOf(p) : 0)}, not ${formatFen(fen)}`);
  }
  const settledFen = p.settledFen + fen;
  const returnedFen = p.returnedFen + (returned ? fen : 0);
  const reason = `${by}: ${formatFen(fen)} off, ${formatFen(p.amountFen - settledFen)} left`;
  const transition = settledFen === p.amountFen ? PAYABLE.move(p.status, 'settled', reason, `Payable of receipt ${p.receiptNumber}`) : note(p.status, reason);
  return { state: { ...p, settledFen, returnedFen, status: transition.to }, transitions: [transition], events: [] };
}

/**
 * How an amount goes over open payables: each in the order given (the caller decides: the named receipt's first,
 * then oldest due), as much as each still owes; what no payable takes is the rest.
 */
export function allocate<P extends Pick<Payable, 'amountFen' | 'settledFen' | 'status'>>(payables: readonly P[], amountFen: number): { allocations: Array<{ payable: P; fen: number }>; restFen: number } {
  let left = amountFen;
  const allocations: Array<{ payable: P; fen: number }> = [];
  for (const payable of payables) {
    if (left <= 0) break;
    if (payable.status !== 'open') continue;
    const fen = Math.min(left, remainingOf(payable));
    if (fen <= 0) continue;
    allocations.push({ payable, fen });
    left -= fen;
  }
  return { allocations, restFen: left };
}

/** Oldest due first, then by receipt number: the order money and returns settle a supplier's payables in. */
export function oldestDueFirst<P extends Pick<Payable, 'dueDate' | 'receiptNumber'>>(payables: readonly P[]): P[] {
  return [...payables].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.receiptNumber.localeCompare(b.receiptNumber));
}

/** Goods received on credit: debit inventory (net) and VAT input, credit accounts payable (gross). */
export function payableEntry(amountFen: number): JournalLine[] {
  const { netFen, vatFen } = splitVat(amountFen);
  return balanced([
    { account: 'inventory', debitFen: netFen, creditFen: 0 },
    ...(vatFen > 0 ? [{ account: 'vatInput' as const, debitFen: vatFen, creditFen: 0 }] : []),
    { account: 'payables', debitFen: 0, creditFen: amountFen },
  ]);
}

/**
 * Goods sent back: inventory (net) and VAT input come back out; what the supplier is owed falls (debit 2202)
 * and, when nothing more is owed, the rest is the supplier's credit with us (debit 1123, used like a prepayment).
 */
export function purchaseReturnEntry(amountFen: number, toPayablesFen: number): JournalLine[] {
  const { netFen, vatFen } = splitVat(amountFen);
  const creditFen = amountFen - toPayablesFen;
  return balanced([
    ...(toPayablesFen > 0 ? [{ account: 'payables' as const, debitFen: toPayablesFen, creditFen: 0 }] : []),
    ...(creditFen > 0 ? [{ account: 'supplierPrepayments' as const, debitFen: creditFen, creditFen: 0 }] : []),
    { account: 'inventory', debitFen: 0, creditFen: netFen },
    ...(vatFen > 0 ? [{ account: 'vatInput' as const, debitFen: 0, creditFen: vatFen }] : []),
  ]);
}

/** The supplier's prepayment used against what it is owed: debit 2202, credit 1123. */
export function prepaymentUseEntry(fen: number): JournalLine[] {
  return balanced([
    { account: 'payables', debitFen: fen, creditFen: 0 },
    { account: 'supplierPrepayments', debitFen: 0, creditFen: fen },
  ]);
}

/** How a purchase return splits: the named receipt's open payable first, then the supplier's oldest; the rest is credit. */
export function returnAllocation<P extends Payable>(amountFen: number, named: P | null, others: readonly P[]): { allocations: Array<{ payable: P; fen: number }>; creditFen: number } {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new DomainError('invalid', 'return-not-positive', 'A purchase return is a whole number of fen');
  const order = [...(named ? [named] : []), ...oldestDueFirst(others.filter((o) => o.id !== named?.id))];
  const { allocations, restFen } = allocate(order, amountFen);
  return { allocations, creditFen: restFen };
}

/** Recording the supplier's VAT invoice against payables: theirs, none invoiced yet, for their amounts added up. */
export function checkSupplierInvoice(invoice: { supplierId: string; amountFen: number; invoiceNumber: string }, payableIds: readonly string[], payables: readonly Payable[]): void {
  const found = new Map(payables.map((p) => [p.id, p]));
  const wrong = payableIds.filter((id) => {
    const p = found.get(id);
    return !p || p.supplierId !== invoice.supplierId || p.supplierInvoiceId !== null;
  });
  if (wrong.length) {
    throw new DomainError('rule_violated', 'payable-not-invoiceable', `Payables not of this supplier or already invoiced: ${wrong.join(', ')}`, [
      { field: 'payableIds', message: `not payables of this supplier without an invoice: ${wrong.join(', ')}` },
    ]);
  }
  const total = payableIds.reduce((sum, id) => sum + found.get(id)!.amountFen, 0);
  if (total !== invoice.amountFen) {
    throw new DomainError('rule_violated', 'supplier-invoice-amount', `Invoice ${invoice.invoiceNumber} is for ${formatFen(invoice.amountFen)}, the payables for ${formatFen(total)}`, [
      { field: 'amountFen', message: `the payables add up to ${formatFen(total)}` },
    ]);
  }
}

/** The invoice is recorded against the payable: it stops being "missing supplier invoice". */
export function markInvoiced<P extends Payable>(p: P, invoiceId: string, invoiceNumber: string): Step<P> {
  return { state: { ...p, supplierInvoiceId: invoiceId }, transitions: [note(p.status, `supplier VAT invoice ${invoiceNumber} recorded`)], events: [] };
}

/** The weekly summary's week: Monday to Sunday, the week before the one `date` falls in. */
export function weekBefore(date: BusinessDate): { weekFrom: BusinessDate; weekTo: BusinessDate } {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(date, -weekday);
  return { weekFrom: addDays(monday, -7), weekTo: addDays(monday, -1) };
}
