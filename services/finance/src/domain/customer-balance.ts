import { DomainError, StateMachine, unchanged, type Step } from '@ops/kernel';
import { positionChanged, type ReceivablePosition } from './receivable.js';

/**
 * Finance's standing with one customer: money held for them (their prepayment, domain.md §5), the
 * receivable position sales last heard of, and whether supply is stopped (credit hold, domain.md §4.4).
 * Supply is the state with a life; the rest are figures that move with receipts, invoices and the calendar.
 */
export type Supply = 'supplied' | 'on_hold';

/** Who stopped supply: a finance manager by hand, or the collection ladder (which alone lifts its own hold when paid). */
export type HoldSource = 'manual' | 'collection';

export const SUPPLY = new StateMachine<Supply>('credit hold', {
  supplied: ['on_hold'],
  on_hold: ['supplied'],
});

export interface CustomerBalance {
  customerId: string;
  prepaymentFen: number;
  /** Grows with every report to sales, so sales can ignore an older one arriving late. */
  receivableRevision: number;
  reportedOpenFen: number;
  reportedOverdueFen: number;
  onHold: boolean;
  holdReason: string | null;
  holdChangedBy: string | null;
  holdChangedAt: Date | null;
  holdSource: HoldSource | null;
}

export const supplyOf = (c: Pick<CustomerBalance, 'onHold'>): Supply => (c.onHold ? 'on_hold' : 'supplied');

/** Supply stopped by hand (the collection stages will also do it): sales refuses the customer's new orders. */
export function placeCreditHold<C extends CustomerBalance>(customer: C, reason: string, by: string, now = new Date(), source: HoldSource = 'manual'): Step<C> {
  if (customer.onHold) throw new DomainError('conflict', 'already-on-hold', `The customer is already on credit hold: ${customer.holdReason}`);
  const t = SUPPLY.move(supplyOf(customer), 'on_hold', `credit hold: ${reason}`);
  return {
    state: { ...customer, onHold: true, holdReason: reason, holdChangedBy: by, holdChangedAt: now, holdSource: source },
    transitions: [t],
    events: [{ type: 'finance.customer.credit-hold', data: { customerId: customer.customerId, reason } }],
  };
}

/** Supply resumes: sales takes the customer's orders again. */
export function releaseCreditHold<C extends CustomerBalance>(customer: C, reason: string, by: string, now = new Date()): Step<C> {
  if (!customer.onHold) throw new DomainError('conflict', 'not-on-hold', 'The customer is not on credit hold');
  const t = SUPPLY.move(supplyOf(customer), 'supplied', `credit hold released: ${reason}`);
  return {
    state: { ...customer, onHold: false, holdReason: null, holdChangedBy: by, holdChangedAt: now, holdSource: null },
    transitions: [t],
    events: [{ type: 'finance.customer.credit-released', data: { customerId: customer.customerId, reason } }],
  };
}

/**
 * Supply follows the collection ladder (9-06): stopped when one of the customer's open receivables reaches
 * supply stopped (or doubtful), resumed when none is left there — but only a hold the ladder placed is
 * lifted by paying; a hold a finance manager placed by hand stays until they release it.
 */
export function supplyFollowsCollection<C extends CustomerBalance>(customer: C, stopped: boolean, reason: string, by: string, now = new Date()): Step<C> {
  if (stopped && !customer.onHold) return placeCreditHold(customer, reason, by, now, 'collection');
  if (!stopped && customer.onHold && customer.holdSource === 'collection') return releaseCreditHold(customer, reason, by, now);
  return unchanged(customer);
}

/**
 * Tells sales the customer's receivable position (finance.receivable.changed) when it differs from what
 * sales last heard — or always, when `force` (a change a command made, which sales should hear of even
 * if the figures came back to where they were). The revision lets sales ignore an older report arriving late.
 */
export function reportReceivables<C extends CustomerBalance>(customer: C, position: ReceivablePosition, reason: string, force = true): Step<C> & { reported: boolean } {
  const reported = { openFen: customer.reportedOpenFen, overdueFen: customer.reportedOverdueFen };
  if (!force && !positionChanged(reported, position)) return { ...unchanged(customer), reported: false };
  const revision = customer.receivableRevision + 1;
  return {
    state: { ...customer, receivableRevision: revision, reportedOpenFen: position.openFen, reportedOverdueFen: position.overdueFen },
    transitions: [],
    events: [{
      type: 'finance.receivable.changed',
      data: {
        customerId: customer.customerId, revision, openFen: position.openFen, overdueFen: position.overdueFen,
        ...(position.oldestDueDate ? { oldestDueDate: position.oldestDueDate } : {}), reason,
      },
    }],
    reported: true,
  };
}

/** Money becomes the customer's: paid beyond an order's total, or kept from a cancelled order. */
export function holdPrepayment<C extends CustomerBalance>(customer: C, amountFen: number): Step<C> {
  return unchanged({ ...customer, prepaymentFen: customer.prepaymentFen + amountFen });
}

/** A new order is paid from the customer's prepayment first, as far as it goes. */
export function usePrepayment<C extends CustomerBalance>(customer: C, amountFen: number): Step<C> {
  if (amountFen > customer.prepaymentFen) throw new DomainError('conflict', 'prepayment-exceeded', `${amountFen} fen is more than the ${customer.prepaymentFen} fen held for the customer`);
  return unchanged({ ...customer, prepaymentFen: customer.prepaymentFen - amountFen });
}
