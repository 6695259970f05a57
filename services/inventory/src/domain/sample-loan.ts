import { DomainError, StateMachine, type BusinessDate, type FieldError, type Step } from '@ops/kernel';

/**
 * Samples lent out (domain.md §6, sample loans): the goods leave their warehouse for `ON_LOAN` (a ledger transfer,
 * the caller's) and come back, all or part, by transfers back. What is not coming back (lost, kept) is written off
 * ON_LOAN as an adjustment: asked for by one person, approved by a warehouse manager who did not ask.
 */
export type SampleLoanStatus = 'out' | 'returned' | 'written_off';

export const SAMPLE_LOAN = new StateMachine<SampleLoanStatus>('sample loan', { out: ['returned', 'written_off'], returned: [], written_off: [] });

/** Where lent samples are: not sellable. */
export const ON_LOAN = 'ON_LOAN';

export interface LoanLot {
  location: string;
  batch: string;
  quantity: number;
}

export interface SampleLoanLine {
  sku: string;
  warehouseCode: string;
  quantity: number;
  /** The lots the samples left from (and sit in ON_LOAN under), oldest first. */
  lent: LoanLot[];
  returnedQuantity: number;
  writtenOffQuantity: number;
}

export interface Borrower {
  name: string;
  phone: string;
  organisation: string;
}

export interface SampleLoan {
  id: string;
  number: string;
  borrower: Borrower;
  status: SampleLoanStatus;
  lines: SampleLoanLine[];
  expectedReturnDate: BusinessDate;
  lentBy: string;
  writeOffReason: string | null;
  writeOffRequestedBy: string | null;
  writeOffApprovedBy: string | null;
}

export const outstanding = (l: SampleLoanLine): number => l.quantity - l.returnedQuantity - l.writtenOffQuantity;

export function lendSamples(loan: Omit<SampleLoan, 'status' | 'writeOffReason' | 'writeOffRequestedBy' | 'writeOffApprovedBy'>, today: BusinessDate): Step<SampleLoan> {
  const problems: FieldError[] = [];
  if (loan.expectedReturnDate < today) problems.push({ field: 'expectedReturnDate', message: `must be today (${today}) or later` });
  if (!loan.lines.length) problems.push({ field: 'lines', message: 'must name at least one sample' });
  loan.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) problems.push({ field: `lines[${i}].quantity`, message: 'must be a positive whole number' });
  });
  if (problems.length) throw new DomainError('rule_violated', 'sample-loan-invalid', 'The sample loan cannot be recorded as it is', problems);
  const units = loan.lines.reduce((n, l) => n + l.quantity, 0);
  return {
    state: { ...loan, status: 'out', writeOffReason: null, writeOffRequestedBy: null, writeOffApprovedBy: null },
    transitions: [{ from: 'new', to: 'out', reason: `${units} unit(s) lent to ${loan.borrower.name} (${loan.borrower.organisation}) until ${loan.expectedReturnDate}` }],
    events: [],
  };
}

/** Which lot each returned unit goes back from: the first lent lots first. */
export function takeBack(line: SampleLoanLine, quantity: number): LoanLot[] {
  const back: LoanLot[] = [];
  // Units already back or written off came off the first lots.
  let skip = line.returnedQuantity + line.writtenOffQuantity;
  let want = quantity;
  for (const lot of line.lent) {
    const here = Math.max(0, lot.quantity - skip);
    skip = Math.max(0, skip - lot.quantity);
    const n = Math.min(here, want);
    if (n > 0) back.push({ ...lot, quantity: n });
    want -= n;
  }
  return back;
}

/** Samples back (all or part); the last of them returns the loan. */
export function returnSamples<T extends SampleLoan>(loan: T, returned: ReadonlyArray<{ sku: string; quantity: number }>, by: string): Step<T> & { back: Array<{ line: SampleLoanLine; lots: LoanLot[] }> } {
  if (loan.status !== 'out') throw new DomainError('conflict', 'sample-loan-settled', `Sample loan ${loan.number} is ${loan.status.replace('_', ' ')}`);
  const lines = loan.lines.map((l) => ({ ...l }));
  const back: Array<{ line: SampleLoanLine; lots: LoanLot[] }> = [];
  const problems: FieldError[] = [];
  returned.forEach((r, i) => {
    const line = lines.find((l) => l.sku === r.sku && outstanding(l) > 0);
    if (!Number.isInteger(r.quantity) || r.quantity <= 0) problems.push({ field: `lines[${i}].quantity`, message: 'must be a positive whole number' });
    else if (!line) problems.push({ field: `lines[${i}].sku`, message: `nothing of ${r.sku} is out on loan ${loan.number}` });
    else if (r.quantity > outstanding(line)) problems.push({ field: `lines[${i}].quantity`, message: `only ${outstanding(line)} of ${r.sku} are still out` });
    else {
      back.push({ line, lots: takeBack(line, r.quantity) });
      line.returnedQuantity += r.quantity;
    }
  });
  if (problems.length) throw new DomainError('rule_violated', 'sample-return-refused', `The return of samples of ${loan.number} is refused`, problems);
  const units = returned.reduce((n, r) => n + r.quantity, 0);
  if (lines.every((l) => outstanding(l) === 0)) {
    const t = SAMPLE_LOAN.move(loan.status, 'returned', `${units} unit(s) back, checked by ${by}: all returned`);
    return { state: { ...loan, status: t.to, lines }, transitions: [t], events: [], back };
  }
  return { state: { ...loan, lines }, transitions: [{ from: 'out', to: 'out', reason: `${units} unit(s) back, checked by ${by}` }], events: [], back };
}

/** What is still out will not come back: asked for with a reason, approved by someone else. */
export function requestWriteOff<T extends SampleLoan>(loan: T, reason: string, by: string): Step<T> {
  if (loan.status !== 'out') throw new DomainError('conflict', 'sample-loan-settled', `Sample loan ${loan.number} is ${loan.status.replace('_', ' ')}`);
  if (!reason.trim()) throw new DomainError('rule_violated', 'reason-required', 'Say why the samples will not come back', [{ field: 'reason', message: 'is required' }]);
  return { state: { ...loan, writeOffReason: reason.trim(), writeOffRequestedBy: by }, transitions: [{ from: 'out', to: 'out', reason: `write-off asked for by ${by}: ${reason.trim()}` }], events: [] };
}

/** The manager approves: every unit still out is written off ON_LOAN (adjustments, the caller's). */
export function approveWriteOff<T extends SampleLoan>(loan: T, by: string): Step<T> & { off: Array<{ line: SampleLoanLine; lots: LoanLot[] }> } {
  if (loan.status !== 'out' || !loan.writeOffRequestedBy) throw new DomainError('conflict', 'no-write-off-asked', `Nobody asked to write off sample loan ${loan.number}`);
  if (loan.writeOffRequestedBy === by) throw new DomainError('forbidden', 'self-approval', `You asked to write off ${loan.number}, so someone else must approve it`);
  const off = loan.lines.filter((l) => outstanding(l) > 0).map((l) => ({ line: l, lots: takeBack(l, outstanding(l)) }));
  const lines = loan.lines.map((l) => ({ ...l, writtenOffQuantity: l.writtenOffQuantity + outstanding(l) }));
  const t = SAMPLE_LOAN.move(loan.status, 'written_off', `write-off approved by ${by}: ${off.reduce((n, o) => n + outstanding(o.line), 0)} unit(s)`);
  return { state: { ...loan, status: t.to, lines, writeOffApprovedBy: by }, transitions: [t], events: [], off };
}

/** Past its expected date and not all back. */
export const loanOverdue = (loan: Pick<SampleLoan, 'status' | 'expectedReturnDate'>, today: BusinessDate): boolean => loan.status === 'out' && loan.expectedReturnDate < today;
