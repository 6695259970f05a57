import { formatFen, type Step } from '@ops/kernel';

/**
 * A purchase order's prepayment (预付款): required when the order is approved, awaited until payment requests
 * have paid it in full. What is paid is held as the supplier's prepayment (1123) and used on its settlements.
 */
export type PoPrepaymentStatus = 'awaiting' | 'paid';

export interface PoPrepayment {
  purchaseOrderNumber: string;
  requiredFen: number;
  paidFen: number;
  status: PoPrepaymentStatus;
}

/** An approved order that requires a prepayment: awaited, nothing paid yet. */
export function awaitPrepayment<P extends PoPrepayment>(po: Omit<P, 'status' | 'paidFen'>): Step<P> {
  return {
    state: { ...po, paidFen: 0, status: 'awaiting' } as P,
    transitions: [{ from: 'new', to: 'awaiting', reason: `order ${po.purchaseOrderNumber} approved: ${formatFen(po.requiredFen)} to prepay` }],
    events: [],
  };
}

/** A payment request paid part or all of it; paid once what was paid reaches what is required. */
export function payPrepayment<P extends PoPrepayment>(po: P, amountFen: number, requestNumber: string): Step<P> {
  const paidFen = po.paidFen + amountFen;
  const status: PoPrepaymentStatus = paidFen >= po.requiredFen ? 'paid' : po.status;
  return {
    state: { ...po, paidFen, status },
    transitions: [{ from: po.status, to: status, reason: `payment request ${requestNumber}: ${formatFen(amountFen)} paid, ${formatFen(paidFen)} of ${formatFen(po.requiredFen)}` }],
    events: [],
  };
}
