import { DomainError, StateMachine, type Step } from '@ops/kernel';

/**
 * Why an order may go to the warehouse (domain.md §4.6): it is paid, or on approved credit terms, or the
 * sales VP approved a written exception. Credit terms do not cover a customer with an overdue credit
 * sale (§4.4): such an order waits until the receivable is settled or the VP approves an exception.
 * A customer finance has put on credit hold gets no goods at all (§4.4, §5; collection rule 9-06
 * 停止供貨), whatever the basis, until finance releases the hold.
 */
export type ReleaseBasis = 'payment' | 'credit_terms' | 'exception';

/** Payment and a VP exception outrank credit terms; a later credit placement never downgrades them. */
export const RELEASE_BASIS = new StateMachine<ReleaseBasis>('order release', { credit_terms: ['payment', 'exception'], payment: [], exception: [] });

export interface Release {
  basis: ReleaseBasis;
}

export interface OrderRelease extends Release {
  orderId: string;
  customerId: string | null;
  /** The event that first released the order. */
  eventId: string;
  exceptionReason: string | null;
}

/** What inventory knows of the order's customer from finance: overdue credit, and a credit hold with finance's reason. */
export interface CustomerStanding {
  overdue: boolean;
  creditHold: { reason: string } | null;
}

export const GOOD_STANDING: CustomerStanding = { overdue: false, creditHold: null };

/** Whether goods of the order may leave: a pick list made, a packed order shipped. */
export function assertMayGoOut(orderId: string, release: Release | null, customer: CustomerStanding = GOOD_STANDING): void {
  if (!release) throw new DomainError('rule_violated', 'order-not-released', `Order ${orderId} is not released for picking: payment has not been confirmed`);
  if (customer.creditHold) {
    throw new DomainError('rule_violated', 'customer-on-credit-hold', `Order ${orderId} is for a customer on credit hold, so supply is stopped until finance releases the hold: ${customer.creditHold.reason}`);
  }
  if (release.basis === 'credit_terms' && customer.overdue) {
    throw new DomainError('rule_violated', 'customer-overdue', `Order ${orderId} is on credit for a customer with an overdue credit sale: it ships once the overdue amount is paid, or with the sales VP's written exception`);
  }
}

export function strongerBasis(current: ReleaseBasis | undefined, incoming: ReleaseBasis): ReleaseBasis {
  if (!current) return incoming;
  return RELEASE_BASIS.can(current, incoming) ? incoming : current;
}

const WHY: Record<ReleaseBasis, string> = { payment: 'payment confirmed', credit_terms: 'on approved credit terms', exception: "the sales VP's written exception" };

export interface ReleaseNews {
  orderId: string;
  customerId: string;
  basis: ReleaseBasis;
  eventId: string;
  exceptionReason?: string;
}

/**
 * An order is released (or released on a stronger basis). The first release keeps its event; an
 * exception keeps its written reason.
 */
export function releaseOrder<R extends OrderRelease>(current: R | null, news: ReleaseNews): Step<OrderRelease> {
  if (!current) {
    const state = { orderId: news.orderId, customerId: news.customerId, basis: news.basis, eventId: news.eventId, exceptionReason: news.basis === 'exception' ? (news.exceptionReason ?? null) : null };
    return { state, transitions: [{ from: 'unreleased', to: news.basis, reason: WHY[news.basis] }], events: [] };
  }
  const basis = strongerBasis(current.basis, news.basis);
  const exceptionReason = basis === 'exception' ? (news.exceptionReason ?? current.exceptionReason ?? null) : (current.exceptionReason ?? null);
  const state = { ...current, customerId: news.customerId, basis, exceptionReason };
  return { state, transitions: basis === current.basis ? [] : [RELEASE_BASIS.move(current.basis, basis, WHY[basis])], events: [] };
}
