import { DomainError, formatFen, StateMachine, type FieldError, type Step } from '@ops/kernel';
import { chartAccount } from './chart-of-accounts.js';
import type { CodedJournalLine } from './journal.js';

/**
 * A voucher (记账凭证): a journal entry an accountant writes by hand — an accrual, a reclassification, an expense
 * paid outside the automatic flows — with its business date, memo and the attachments it rests on. Another
 * accountant (or a finance manager) reviews it; the preparer never reviews their own. Approving it posts it to
 * the journal; rejecting sends it back with a reason, and the preparer fixes it (it is a draft again). A posted
 * voucher never changes: it is corrected by a reversing voucher, a new draft with every line's sides swapped.
 *
 * The accounts whose balance another record of finance explains (receivables 1122, supplier prepayments 1123,
 * inventory goods 1405, payables 2202, customer prepayments 2203) are posted only by their documents: a voucher
 * to them would leave the books and the subledger apart, and the month could not close.
 */
export type VoucherStatus = 'draft' | 'submitted' | 'posted' | 'rejected';

export const VOUCHER = new StateMachine<VoucherStatus>('voucher', {
  draft: ['submitted'],
  submitted: ['posted', 'rejected'],
  rejected: ['draft'],
  posted: [],
});

/** Control accounts: their subledger is the truth, their documents post them (see the comment above). */
export const CONTROL_ACCOUNTS: Readonly<Record<string, string>> = {
  '1122': 'receivables are posted by invoices, receipts and write-offs',
  '1123': 'supplier prepayments are posted by supplier payments and returns',
  '1405': 'inventory goods are posted by audited receipts, purchase returns and costed waste',
  '2202': 'payables are posted by audited receipts, returns and supplier payments',
  '2203': 'customer prepayments are posted by receipts, invoices and refunds',
};

export interface VoucherLine {
  accountCode: string;
  debitFen: number;
  creditFen: number;
  memo: string | null;
}

export interface Voucher {
  id: string;
  number: string;
  entryDate: string;
  memo: string;
  attachmentCount: number;
  attachmentRefs: string[];
  lines: VoucherLine[];
  totalFen: number;
  status: VoucherStatus;
  preparedBy: string;
  preparedAt: Date;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectionReason: string | null;
  journalEntryId: string | null;
  journalEntryNumber: string | null;
  reversalOf: string | null;
  reversedBy: string | null;
}

/** What the preparer writes (a draft, or a fix of one). */
export interface VoucherContent {
  entryDate: string;
  memo: string;
  attachmentCount?: number;
  attachmentRefs?: readonly string[];
  lines: ReadonlyArray<{ accountCode: string; debitFen?: number; creditFen?: number; memo?: string | null }>;
}

const what = (v: Pick<Voucher, 'number'>) => `Voucher ${v.number}`;
const monthOf = (date: string) => date.slice(0, 7);

/**
 * The content checked field by field: every line on a chart account that is not a control account, one positive
 * whole-fen amount on one side; at least two lines; debits equal credits; the entry date not in a closed month.
 * Every problem is named at once (422 `voucher-invalid`), or the closed month alone (409 `period-closed`).
 */
export function checkContent(content: VoucherContent, closedMonths: ReadonlySet<string>): { lines: VoucherLine[]; totalFen: number } {
  if (closedMonths.has(monthOf(content.entryDate))) {
    throw new DomainError('conflict', 'period-closed', `The books of ${monthOf(content.entryDate)} are closed: date the voucher in the open month`, [
      { field: 'entryDate', message: `falls in ${monthOf(content.entryDate)}, which is closed` },
    ]);
  }
  const problems: FieldError[] = [];
  const lines: VoucherLine[] = content.lines.map((l, i) => {
    const debitFen = l.debitFen ?? 0;
    const creditFen = l.creditFen ?? 0;
    const account = chartAccount(l.accountCode);
    if (!account) problems.push({ field: `lines[${i}].accountCode`, message: `${l.accountCode} is not an account of the chart` });
    else if (CONTROL_ACCOUNTS[l.accountCode]) problems.push({ field: `lines[${i}].accountCode`, message: `${l.accountCode} ${account.name} is a control account: ${CONTROL_ACCOUNTS[l.accountCode]}` });
    const whole = (fen: number) => Number.isSafeInteger(fen) && fen >= 0;
    if (!whole(debitFen) || !whole(creditFen) || (debitFen > 0) === (creditFen > 0)) {
      problems.push({ field: `lines[${i}].${debitFen > 0 || !whole(debitFen) ? 'debitFen' : 'creditFen'}`, message: 'needs one positive whole-fen amount, on the debit or the credit side' });
    }
    return { accountCode: l.accountCode, debitFen, creditFen, memo: l.memo?.trim() || null };
  });
  if (lines.length < 2) problems.push({ field: 'lines', message: 'a voucher has at least two lines' });
  const debits = lines.reduce((s, l) => s + l.debitFen, 0);
  const credits = lines.reduce((s, l) => s + l.creditFen, 0);
  if (debits !== credits) problems.push({ field: 'lines', message: `debits ${formatFen(debits)} and credits ${formatFen(credits)} do not balance (difference ${formatFen(debits - credits)})` });
  if (!content.memo.trim()) problems.push({ field: 'memo', message: 'says what the entry is for' });
  const attachments = content.attachmentCount ?? 0;
  if (!Number.isSafeInteger(attachments) || attachments < 0) problems.push({ field: 'attachmentCount', message: 'is a whole number, 0 or more' });
  if (problems.length) throw new DomainError('rule_violated', 'voucher-invalid', `The voucher cannot be kept as it is: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return { lines, totalFen: debits };
}

/** A new draft by its preparer. */
export function draftVoucher(
  header: Pick<Voucher, 'id' | 'number' | 'preparedBy'> & { reversalOf?: string | null },
  content: VoucherContent,
  closedMonths: ReadonlySet<string>,
  now = new Date(),
): Step<Voucher> {
  const { lines, totalFen } = checkContent(content, closedMonths);
  const refs = [...(content.attachmentRefs ?? [])].map((r) => r.trim()).filter(Boolean);
  const state: Voucher = {
    id: header.id, number: header.number, entryDate: content.entryDate, memo: content.memo.trim(), attachmentCount: Math.max(content.attachmentCount ?? 0, refs.length),
    attachmentRefs: refs, lines, totalFen, status: 'draft', preparedBy: header.preparedBy, preparedAt: now, submittedAt: null, reviewedBy: null, reviewedAt: null,
    rejectionReason: null, journalEntryId: null, journalEntryNumber: null, reversalOf: header.reversalOf ?? null, reversedBy: null,
  };
  return { state, transitions: [{ from: 'new', to: 'draft', reason: `${formatFen(totalFen)} dated ${content.entryDate}: ${state.memo}` }], events: [] };
}

function refuseOthers(v: Voucher, userId: string, doing: string): void {
  if (v.preparedBy !== userId) throw new DomainError('forbidden', 'not-the-preparer', `${what(v)} is ${v.preparedBy}'s: only its preparer ${doing} it`);
}

/** The preparer fixes a draft, or a rejected voucher (it is a draft again). */
export function reviseVoucher(v: Voucher, userId: string, content: VoucherContent, closedMonths: ReadonlySet<string>): Step<Voucher> {
  refuseOthers(v, userId, 'changes');
  if (v.status !== 'draft' && v.status !== 'rejected') {
    throw new DomainError('conflict', 'voucher-transition-refused', `${what(v)} that is ${v.status} cannot be changed${v.status === 'posted' ? ': reverse it instead' : ''}`);
  }
  const { lines, totalFen } = checkContent(content, closedMonths);
  const refs = [...(content.attachmentRefs ?? [])].map((r) => r.trim()).filter(Boolean);
  const transitions = v.status === 'rejected' ? [VOUCHER.move('rejected', 'draft', 'fixed by the preparer', what(v))] : [{ from: v.status, to: v.status, reason: 'changed by the preparer' }];
  return {
    state: {
      ...v, status: 'draft', entryDate: content.entryDate, memo: content.memo.trim(), attachmentCount: Math.max(content.attachmentCount ?? 0, refs.length), attachmentRefs: refs,
      lines, totalFen, rejectionReason: v.status === 'rejected' ? null : v.rejectionReason,
    },
    transitions, events: [],
  };
}

/** The preparer hands the draft in for review. */
export function submitVoucher(v: Voucher, userId: string, closedMonths: ReadonlySet<string>, now = new Date()): Step<Voucher> {
  refuseOthers(v, userId, 'submits');
  const t = VOUCHER.move(v.status, 'submitted', 'submitted for review', what(v));
  checkContent(v, closedMonths);
  return { state: { ...v, status: t.to, submittedAt: now }, transitions: [t], events: [] };
}

/** The reviewer must be someone other than the preparer, whatever roles they hold (segregation of duties). */
function refuseOwnReview(v: Voucher, reviewerId: string): void {
  if (v.preparedBy === reviewerId) {
    throw new DomainError('forbidden', 'preparer-reviews-own', `You prepared ${what(v).toLowerCase()}, so another accountant must review it`);
  }
}

/**
 * Approved by a reviewer: posted. The caller posts the entry (`journalLines`, dated `entryDate`) in the same
 * transaction and passes what the journal gave it.
 */
export function approveVoucher(v: Voucher, reviewerId: string, entry: { id: string; number: string }, closedMonths: ReadonlySet<string>, now = new Date()): Step<Voucher> {
  refuseOwnReview(v, reviewerId);
  const t = VOUCHER.move(v.status, 'posted', `reviewed by ${reviewerId}: posted as ${entry.number}`, what(v));
  checkContent(v, closedMonths);
  return { state: { ...v, status: t.to, reviewedBy: reviewerId, reviewedAt: now, journalEntryId: entry.id, journalEntryNumber: entry.number }, transitions: [t], events: [] };
}

/** May the reviewer approve it? Checked before the entry is posted, so a refusal posts nothing. */
export function refuseUnapprovable(v: Voucher, reviewerId: string, closedMonths: ReadonlySet<string>): void {
  refuseOwnReview(v, reviewerId);
  if (!VOUCHER.can(v.status, 'posted')) VOUCHER.move(v.status, 'posted', '', what(v));
  checkContent(v, closedMonths);
}

/** Sent back to the preparer with the reason. */
export function rejectVoucher(v: Voucher, reviewerId: string, reason: string, now = new Date()): Step<Voucher> {
  refuseOwnReview(v, reviewerId);
  const why = reason.trim();
  if (!why) throw new DomainError('invalid', 'reason-required', 'Say why the voucher is rejected', [{ field: 'reason', message: 'must not be blank' }]);
  const t = VOUCHER.move(v.status, 'rejected', `rejected by ${reviewerId}: ${why}`, what(v));
  return { state: { ...v, status: t.to, reviewedBy: reviewerId, reviewedAt: now, rejectionReason: why }, transitions: [t], events: [] };
}

/** The journal lines a posted voucher makes. */
export function journalLines(v: Pick<Voucher, 'lines'>): CodedJournalLine[] {
  return v.lines.map((l) => ({ accountCode: l.accountCode, debitFen: l.debitFen, creditFen: l.creditFen }));
}

/**
 * The content of the reversing voucher of a posted one: every line with its sides swapped, dated `entryDate`
 * (today unless said: corrections go to the open month). Refused unless posted, and when reversed already.
 */
export function reversalOf(v: Voucher, entryDate: string): VoucherContent {
  if (v.status !== 'posted') throw new DomainError('conflict', 'voucher-not-posted', `${what(v)} is ${v.status}: only a posted voucher is reversed (change a draft instead)`);
  if (v.reversedBy) throw new DomainError('conflict', 'voucher-reversed', `${what(v)} is reversed already`);
  return {
    entryDate, memo: `Reversal of ${v.number}: ${v.memo}`, attachmentCount: 0, attachmentRefs: [v.number],
    lines: v.lines.map((l) => ({ accountCode: l.accountCode, debitFen: l.creditFen, creditFen: l.debitFen, memo: l.memo })),
  };
}

/** The posted voucher notes the reversal drafted for it (one at most). */
export function markReversed(v: Voucher, reversalId: string, reversalNumber: string): Step<Voucher> {
  if (v.reversedBy) throw new DomainError('conflict', 'voucher-reversed', `${what(v)} is reversed already`);
  return { state: { ...v, reversedBy: reversalId }, transitions: [{ from: v.status, to: v.status, reason: `reversal ${reversalNumber} drafted` }], events: [] };
}
