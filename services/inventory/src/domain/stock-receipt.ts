import { DomainError, refuseSelfApproval, StateMachine, type Step } from '@ops/kernel';

/**
 * A goods receipt (domain.md §6): saving it changes no stock; only its audit, by someone other than the
 * keeper who recorded it, posts the ledger. Audited once.
 */
export type ReceiptStatus = 'saved' | 'audited';

export const STOCK_RECEIPT = new StateMachine<ReceiptStatus>('goods receipt', { saved: ['audited'], audited: [] });

export interface ReceiptLine {
  sku: string;
  quantity: number;
  location: string;
  /** '' when the goods carry no batch. */
  batch: string;
}

export interface StockReceipt {
  number: string;
  status: ReceiptStatus;
  lines: ReceiptLine[];
  createdBy: string;
  auditedBy: string | null;
  auditedAt: Date | null;
}

/** A keeper records what arrived: saved, waiting for another person's audit. */
export function recordReceipt<R extends Omit<StockReceipt, 'status' | 'auditedBy' | 'auditedAt'>>(receipt: R): Step<R & StockReceipt> {
  const state = { ...receipt, status: 'saved' as const, auditedBy: null, auditedAt: null };
  return { state, transitions: [{ from: 'new', to: 'saved', reason: `recorded by ${receipt.createdBy}` }], events: [] };
}

/** The audit counts the goods into stock (the caller posts the ledger); never by the keeper who recorded them. */
export function auditReceipt<R extends StockReceipt>(receipt: R, auditorId: string, at = new Date()): Step<R> {
  if (receipt.status === 'audited') throw new DomainError('conflict', 'receipt-already-audited', `Goods receipt ${receipt.number} is already audited`);
  refuseSelfApproval({ kind: 'goods receipt', number: receipt.number, createdBy: receipt.createdBy }, auditorId);
  return {
    state: { ...receipt, status: 'audited', auditedBy: auditorId, auditedAt: at },
    transitions: [STOCK_RECEIPT.move('saved', 'audited', `audited by ${auditorId}`)],
    events: [],
  };
}
