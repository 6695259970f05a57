import { DomainError, type DomainEvent, type FieldError, type Step } from '@ops/kernel';

/**
 * A supplier (domain.md, purchasing): who goods are bought from, on what payment terms, paid to which
 * bank account. Every save grows the revision by one and tells finance the whole record (SupplierSaved),
 * so its copy keeps the newest whatever order events arrive in. The bank account is shown in full only
 * to those who pay it; everywhere else it is masked to its last four digits.
 */
/** As the contracts declare them (SUPPLIER_KINDS in purchasing-events.ts); the domain imports only the kernel. */
export const SUPPLIER_KINDS = ['goods', 'factory', 'service'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

export type SupplierStatus = 'active' | 'inactive';

export interface SupplierContact {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface SupplierDetails {
  code: string;
  name: string;
  kind: SupplierKind;
  /** The 18-character unified social credit code, when known. */
  taxId: string | null;
  /** Days after a receipt's audit its payable falls due. */
  paymentTermsDays: number;
  bankName: string | null;
  bankAccount: string | null;
  contacts: SupplierContact[];
}

export interface Supplier extends SupplierDetails {
  id: string;
  active: boolean;
  /** 1 when registered, one more with every change. */
  revision: number;
}

/** The same rule as sales customers' taxId: digits and upper case letters other than I, O, S, V, Z. */
export const UNIFIED_SOCIAL_CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const SUPPLIER_CODE = /^[A-Za-z0-9._-]{1,32}$/;
/** Chinese bank account numbers are 8 to 30 digits; spaces as printed are allowed and ignored. */
const BANK_ACCOUNT = /^\d{8,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every field error of a supplier's details at once, so a form shows them all. */
export function supplierProblems(s: SupplierDetails): FieldError[] {
  const problems: FieldError[] = [];
  if (!SUPPLIER_CODE.test(s.code)) problems.push({ field: 'code', message: 'must be 1–32 letters, digits, dots, dashes or underscores' });
  if (!s.name.trim()) problems.push({ field: 'name', message: 'must not be blank' });
  if (!SUPPLIER_KINDS.includes(s.kind)) problems.push({ field: 'kind', message: `must be one of ${SUPPLIER_KINDS.join(', ')}` });
  if (s.taxId !== null && !UNIFIED_SOCIAL_CREDIT_CODE.test(s.taxId)) {
    problems.push({ field: 'taxId', message: 'must be an 18-character unified social credit code (digits and upper case letters other than I, O, S, V, Z)' });
  }
  if (!Number.isInteger(s.paymentTermsDays) || s.paymentTermsDays < 0 || s.paymentTermsDays > 365) problems.push({ field: 'paymentTermsDays', message: 'must be whole days from 0 to 365' });
  if (s.bankAccount !== null && !BANK_ACCOUNT.test(normalizeAccount(s.bankAccount) ?? '')) problems.push({ field: 'bankAccount', message: 'must be 8 to 30 digits' });
  if (s.bankAccount !== null && !s.bankName?.trim()) problems.push({ field: 'bankName', message: 'is needed with a bank account' });
  s.contacts.forEach((c, i) => {
    if (!c.name.trim()) problems.push({ field: `contacts[${i}].name`, message: 'must not be blank' });
    if (!c.phone && !c.email) problems.push({ field: `contacts[${i}].phone`, message: 'a contact needs a phone or an email' });
    if (c.email && !EMAIL.test(c.email)) problems.push({ field: `contacts[${i}].email`, message: 'is not an email address' });
  });
  return problems;
}

/** Spaces as printed on a bank card are not part of the number. */
export const normalizeAccount = (account: string | null | undefined): string | null => (account ? account.replace(/\s+/g, '') : null);

/** `**** **** 1234`: enough to recognise the account, not to pay into it. */
export function maskAccount(account: string | null): string | null {
  if (!account) return null;
  return `**** **** ${account.slice(-4)}`;
}

/** Who sees the account in full, in the single-supplier view: those who approve purchases and those who pay. */
export const SEES_FULL_ACCOUNT: readonly string[] = ['purchasing_manager', 'accountant', 'finance_manager'];
export const seesFullAccount = (roles: readonly string[]): boolean => roles.some((r) => SEES_FULL_ACCOUNT.includes(r));

function refuseProblems(details: SupplierDetails): void {
  const problems = supplierProblems(details);
  if (problems.length) throw new DomainError('rule_violated', 'invalid-supplier', 'The supplier has fields to correct', problems);
}

/** inventory.supplier.saved: the whole record, for finance's copy. */
export const supplierSaved = (s: Supplier): DomainEvent => ({
  type: 'inventory.supplier.saved',
  data: {
    supplierId: s.id, code: s.code, name: s.name, kind: s.kind, taxId: s.taxId, paymentTermsDays: s.paymentTermsDays,
    bankAccount: s.bankAccount, bankName: s.bankName, active: s.active, revision: s.revision,
  },
});

const statusOf = (s: Supplier): SupplierStatus => (s.active ? 'active' : 'inactive');

export function registerSupplier(id: string, details: SupplierDetails): Step<Supplier> {
  const clean = { ...details, bankAccount: normalizeAccount(details.bankAccount) };
  refuseProblems(clean);
  const state: Supplier = { id, ...clean, active: true, revision: 1 };
  return { state, transitions: [{ from: 'new', to: 'active', reason: `registered ${clean.code}` }], events: [supplierSaved(state)] };
}

/** A change of details: the code stays (others refer to it), the revision grows. */
export function changeSupplier(supplier: Supplier, changes: Partial<Omit<SupplierDetails, 'code'>>): Step<Supplier> {
  const next = { ...supplier, ...changes, code: supplier.code };
  if ('bankAccount' in changes) next.bankAccount = normalizeAccount(changes.bankAccount);
  refuseProblems(next);
  const state = { ...next, revision: supplier.revision + 1 };
  const changed = Object.keys(changes).filter((k) => JSON.stringify(changes[k as keyof typeof changes]) !== JSON.stringify(supplier[k as keyof Supplier]));
  return {
    state,
    transitions: [{ from: statusOf(supplier), to: statusOf(state), reason: `changed ${changed.join(', ') || 'nothing'} (revision ${state.revision})` }],
    events: [supplierSaved(state)],
  };
}

/** An inactive supplier takes no new purchase orders or receipts; its history stays. */
export function deactivateSupplier(supplier: Supplier, reason: string): Step<Supplier> {
  if (!supplier.active) throw new DomainError('conflict', 'supplier-inactive', `Supplier ${supplier.code} is inactive already`);
  const state = { ...supplier, active: false, revision: supplier.revision + 1 };
  return { state, transitions: [{ from: 'active', to: 'inactive', reason }], events: [supplierSaved(state)] };
}

export function refuseInactiveSupplier(supplier: Pick<Supplier, 'code' | 'active'>, field = 'supplierId'): void {
  if (!supplier.active) throw new DomainError('rule_violated', 'supplier-inactive', `Supplier ${supplier.code} is inactive`, [{ field, message: 'names an inactive supplier' }]);
}
