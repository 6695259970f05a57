import { DomainError, formatFen, note, type Step } from '@ops/kernel';

/**
 * Finance's copy of a supplier (purchasing owns the record, `inventory.supplier.saved`) and the prepayment held
 * for it (1123): money paid ahead, paid beyond what was owed, or credited by returns when nothing was owed. The
 * copy keeps the highest revision it has seen, so events arriving late or twice never roll it back. A supplier
 * first named by a payable gets a row at revision 0 (no record yet), which the record fills in when it arrives.
 */
export interface SupplierAccount {
  id: string;
  code: string;
  name: string;
  kind: string | null;
  taxId: string | null;
  paymentTermsDays: number;
  bankAccount: string | null;
  bankName: string | null;
  active: boolean;
  revision: number;
  prepaymentFen: number;
}

export type SupplierRecord = Omit<SupplierAccount, 'id' | 'prepaymentFen'>;

/** The record replaces the copy only when newer; the prepayment is finance's own and never comes from it. */
export function applySupplierRecord<A extends SupplierAccount>(account: A, record: SupplierRecord): Step<A> & { applied: boolean } {
  if (record.revision <= account.revision) return { state: account, transitions: [], events: [], applied: false };
  const { code, name, kind, taxId, paymentTermsDays, bankAccount, bankName, active, revision } = record;
  return {
    state: { ...account, code, name, kind, taxId, paymentTermsDays, bankAccount, bankName, active, revision },
    transitions: [note('held', `revision ${record.revision} of ${record.code} ${record.name}: ${record.paymentTermsDays} days' terms${record.active ? '' : ', inactive'}`)],
    events: [],
    applied: true,
  };
}

/** Money held for the supplier grows (an overpayment, a prepayment, a return's credit). */
export function holdPrepayment<A extends SupplierAccount>(account: A, fen: number, why: string): Step<A> {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new DomainError('invalid', 'prepayment-not-positive', 'A prepayment is a positive whole number of fen');
  const prepaymentFen = account.prepaymentFen + fen;
  return { state: { ...account, prepaymentFen }, transitions: [note('held', `${why}: ${formatFen(fen)} held, ${formatFen(prepaymentFen)} in all`)], events: [] };
}

/** Money held for the supplier is used against what it is owed. */
export function usePrepayment<A extends SupplierAccount>(account: A, fen: number, why: string): Step<A> {
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen > account.prepaymentFen) {
    throw new DomainError('conflict', 'prepayment-exceeded', `${formatFen(account.prepaymentFen)} is held for the supplier, not ${formatFen(fen)}`);
  }
  const prepaymentFen = account.prepaymentFen - fen;
  return { state: { ...account, prepaymentFen }, transitions: [note('held', `${why}: ${formatFen(fen)} used, ${formatFen(prepaymentFen)} left`)], events: [] };
}

/** Lists show a bank account masked: its first four and last four digits. */
export function maskAccount(account: string | null): string | null {
  if (!account) return null;
  const digits = account.replace(/\s+/g, '');
  return digits.length <= 8 ? '****' : `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}
