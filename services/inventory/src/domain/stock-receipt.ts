import { DomainError } from '@ops/contracts';
import { refuseSelfApproval } from '@ops/auth';

/**
 * A goods receipt (DESIGN §6): saving it changes no stock; only its audit, by someone other than the
 * keeper who recorded it, posts the ledger. Audited once.
 */
export interface StockReceipt {
  number: string;
  status: 'saved' | 'audited';
  createdBy: string;
}

export function auditReceipt<R extends StockReceipt>(receipt: R, auditorId: string): R {
  if (receipt.status === 'audited') throw new DomainError('conflict', 'receipt-already-audited', `Goods receipt ${receipt.number} is already audited`);
  refuseSelfApproval({ kind: 'goods receipt', number: receipt.number, createdBy: receipt.createdBy }, auditorId);
  return { ...receipt, status: 'audited' };
}
