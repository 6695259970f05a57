import { DomainError } from '@ops/kernel';
import { approveVoucher, checkContent, draftVoucher, journalLines, markReversed, refuseUnapprovable, rejectVoucher, reversalOf, reviseVoucher, submitVoucher, type Voucher, type VoucherContent } from './voucher.js';

const RENT: VoucherContent = {
  entryDate: '2026-11-30', memo: 'Accrued office rent for November', attachmentCount: 1, attachmentRefs: ['Lease 2026-03'],
  lines: [{ accountCode: '6602', debitFen: 12_000, memo: 'rent' }, { accountCode: '2241', creditFen: 12_000 }],
};
const NONE = new Set<string>();
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};
const draft = (content = RENT): Voucher => draftVoucher({ id: 'v1', number: 'PZ-2026-000001', preparedBy: 'li.kuaiji' }, content, NONE, new Date('2026-11-30T02:00:00Z')).state;

describe('vouchers', () => {
  it('drafts a balanced voucher on chart accounts, with its total and attachments', () => {
    const v = draft();
    expect(v).toMatchObject({ status: 'draft', totalFen: 12_000, attachmentCount: 1, attachmentRefs: ['Lease 2026-03'], reversalOf: null });
    expect(v.lines).toEqual([{ accountCode: '6602', debitFen: 12_000, creditFen: 0, memo: 'rent' }, { accountCode: '2241', debitFen: 0, creditFen: 12_000, memo: null }]);
    expect(journalLines(v)).toEqual([{ accountCode: '6602', debitFen: 12_000, creditFen: 0 }, { accountCode: '2241', debitFen: 0, creditFen: 12_000 }]);
  });

  it('names every problem field by field: unknown and control accounts, two-sided or empty lines, an unbalanced total, a blank memo', () => {
    const error = refusal(() => checkContent({
      entryDate: '2026-11-30', memo: ' ',
      lines: [{ accountCode: '9999', debitFen: 100 }, { accountCode: '1122', creditFen: 50 }, { accountCode: '6602', debitFen: 10, creditFen: 10 }, { accountCode: '1002' }],
    }, NONE));
    expect([error.status, error.code]).toEqual([422, 'voucher-invalid']);
    expect(error.errors).toEqual([
      { field: 'lines[0].accountCode', message: expect.stringContaining('not an account of the chart') },
      { field: 'lines[1].accountCode', message: expect.stringContaining('control account') },
      { field: 'lines[2].debitFen', message: expect.stringContaining('one positive') },
      { field: 'lines[3].creditFen', message: expect.stringContaining('one positive') },
      { field: 'lines', message: expect.stringContaining('debits 1.10 and credits 0.60 do not balance (difference 0.50)') },
      { field: 'memo', message: expect.any(String) },
    ]);
    expect(refusal(() => checkContent({ ...RENT, lines: [RENT.lines[0]] }, NONE)).errors).toContainEqual({ field: 'lines', message: 'a voucher has at least two lines' });
  });

  it('refuses a date in a closed month (409 period-closed), at drafting, submitting and approving', () => {
    const closed = new Set(['2026-11']);
    const atDraft = refusal(() => draftVoucher({ id: 'v9', number: 'PZ-2026-000009', preparedBy: 'li.kuaiji' }, RENT, closed));
    expect([atDraft.status, atDraft.code, atDraft.errors]).toEqual([409, 'period-closed', [{ field: 'entryDate', message: 'falls in 2026-11, which is closed' }]]);
    const v = draft();
    expect(refusal(() => submitVoucher(v, 'li.kuaiji', closed)).code).toBe('period-closed');
    const submitted = submitVoucher(v, 'li.kuaiji', NONE).state;
    expect(refusal(() => refuseUnapprovable(submitted, 'wang.zhuguan', closed)).code).toBe('period-closed');
  });

  it('goes draft → submitted → posted, reviewed by someone other than its preparer', () => {
    const v = draft();
    expect(refusal(() => submitVoucher(v, 'someone.else', NONE)).status).toBe(403);
    const submitted = submitVoucher(v, 'li.kuaiji', NONE).state;
    expect(submitted.status).toBe('submitted');
    const own = refusal(() => refuseUnapprovable(submitted, 'li.kuaiji', NONE));
    expect([own.status, own.code]).toEqual([403, 'preparer-reviews-own']);
    expect(refusal(() => approveVoucher(submitted, 'li.kuaiji', { id: 'e', number: 'JE-1' }, NONE)).code).toBe('preparer-reviews-own');
    const posted = approveVoucher(submitted, 'wang.zhuguan', { id: 'e1', number: 'JE-2026-000009' }, NONE);
    expect(posted.state).toMatchObject({ status: 'posted', reviewedBy: 'wang.zhuguan', journalEntryId: 'e1', journalEntryNumber: 'JE-2026-000009' });
    expect(posted.transitions).toEqual([{ from: 'submitted', to: 'posted', reason: expect.stringContaining('JE-2026-000009') }]);
    // Posted: never changed, never approved again.
    expect(refusal(() => reviseVoucher(posted.state, 'li.kuaiji', RENT, NONE)).status).toBe(409);
    expect(refusal(() => refuseUnapprovable(posted.state, 'wang.zhuguan', NONE)).status).toBe(409);
  });

  it('is rejected with a reason and fixed by its preparer: a draft again', () => {
    const submitted = submitVoucher(draft(), 'li.kuaiji', NONE).state;
    expect(refusal(() => rejectVoucher(submitted, 'li.kuaiji', 'no')).status).toBe(403);
    expect(refusal(() => rejectVoucher(submitted, 'wang.zhuguan', ' ')).code).toBe('reason-required');
    const rejected = rejectVoucher(submitted, 'wang.zhuguan', 'Attach the invoice').state;
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Attach the invoice' });
    expect(refusal(() => reviseVoucher(rejected, 'wang.zhuguan', RENT, NONE)).code).toBe('not-the-preparer');
    const fixed = reviseVoucher(rejected, 'li.kuaiji', { ...RENT, attachmentRefs: ['Lease 2026-03', 'Invoice 04412345'] }, NONE);
    expect(fixed.state).toMatchObject({ status: 'draft', attachmentCount: 2, rejectionReason: null });
    expect(fixed.transitions).toEqual([{ from: 'rejected', to: 'draft', reason: 'fixed by the preparer' }]);
  });

  it('is corrected only by a reversing voucher with the sides swapped, once', () => {
    expect(refusal(() => reversalOf(draft(), '2026-12-01')).code).toBe('voucher-not-posted');
    const posted = approveVoucher(submitVoucher(draft(), 'li.kuaiji', NONE).state, 'wang.zhuguan', { id: 'e1', number: 'JE-1' }, NONE).state;
    const content = reversalOf(posted, '2026-12-01');
    expect(content).toMatchObject({ entryDate: '2026-12-01', memo: expect.stringContaining('Reversal of PZ-2026-000001'), attachmentRefs: ['PZ-2026-000001'] });
    expect(content.lines).toEqual([{ accountCode: '6602', debitFen: 0, creditFen: 12_000, memo: 'rent' }, { accountCode: '2241', debitFen: 12_000, creditFen: 0, memo: null }]);
    const noted = markReversed(posted, 'v2', 'PZ-2026-000002').state;
    expect(noted.reversedBy).toBe('v2');
    expect(refusal(() => reversalOf(noted, '2026-12-01')).code).toBe('voucher-reversed');
  });
});
