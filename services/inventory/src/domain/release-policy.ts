import { DomainError } from '@ops/contracts';

/**
 * Why an order may go to the warehouse (DESIGN §4.6): it is paid, or on approved credit terms, or the
 * sales VP approved a written exception. Credit terms do not cover a customer with an overdue credit
 * sale (§4.4): such an order waits until the receivable is settled or the VP approves an exception.
 */
export type ReleaseBasis = 'payment' | 'credit_terms' | 'exception';

export interface Release {
  basis: ReleaseBasis;
}

export function assertMayGoOut(orderId: string, release: Release | null, customerOverdue: boolean): void {
  if (!release) throw new DomainError('rule_violated', 'order-not-released', `Order ${orderId} is not released for picking: payment has not been confirmed`);
  if (release.basis === 'credit_terms' && customerOverdue) {
    throw new DomainError('rule_violated', 'customer-overdue', `Order ${orderId} is on credit for a customer with an overdue credit sale: it ships once the overdue amount is paid, or with the sales VP's written exception`);
  }
}

/** Payment and a VP exception outrank credit terms; a later credit placement never downgrades them. */
export function strongerBasis(current: ReleaseBasis | undefined, incoming: ReleaseBasis): ReleaseBasis {
  if (!current) return incoming;
  return current === 'credit_terms' ? incoming : current;
}
