import { DomainError } from '@ops/contracts';

/** What finance knows of an order: the amount due and what has been received against it. */
export interface OrderAccount {
  orderId: string;
  totalFen: number;
  paidFen: number;
  confirmed: boolean;
}

export interface ReceiptOutcome {
  account: OrderAccount;
  /** Received beyond the amount due; kept as the customer's prepayment. */
  overpaidFen: number;
  /** True exactly once: when this receipt makes the order fully paid. */
  nowFullyPaid: boolean;
}

export function applyReceipt(account: OrderAccount, amountFen: number): ReceiptOutcome {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new DomainError('invalid', 'amount-not-positive', 'A receipt amount must be a positive whole number of fen', [{ field: 'amountFen', message: 'must be a positive integer' }]);
  }
  const outstanding = Math.max(0, account.totalFen - account.paidFen);
  const paidFen = account.paidFen + amountFen;
  const nowFullyPaid = !account.confirmed && paidFen >= account.totalFen;
  return {
    account: { ...account, paidFen, confirmed: account.confirmed || nowFullyPaid },
    overpaidFen: Math.max(0, amountFen - outstanding),
    nowFullyPaid,
  };
}

/** What happens to a cancelled order's money, as the customer chose (DESIGN §4). */
export type CancellationSettlement = 'nothing_paid' | 'refunded' | 'kept_as_prepayment';

export function settleCancellation(paidFen: number, disposition: 'refund' | 'keep_as_prepayment'): CancellationSettlement {
  if (paidFen === 0) return 'nothing_paid';
  return disposition === 'refund' ? 'refunded' : 'kept_as_prepayment';
}
