import { creditNoteEntry, creditSplit, issueCreditNote, oweReturnRefund } from './credit-note.js';
import { splitVat } from './journal.js';

const note = { id: 'cn1', number: 'CN-2026-000001', returnId: 'r1', returnNumber: 'RMA-2026-000001', orderId: 'o1', orderNumber: 'SO-2026-000001', customerId: 'c1', customerName: '晨光', issuedBy: 'm1' };
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('credit note for returned goods', () => {
  it.each([
    [10_000, 0, { toReceivableFen: 0, refundFen: 10_000 }],
    [10_000, 4_000, { toReceivableFen: 4_000, refundFen: 6_000 }],
    [10_000, 25_000, { toReceivableFen: 10_000, refundFen: 0 }],
  ])('a credit of %d against %d still owed reduces the receivable first, then refunds', (credit, owed, split) => {
    expect(creditSplit(credit, owed)).toEqual(split);
  });

  it('reverses revenue and VAT, split per line as invoices are, and balances', () => {
    const step = issueCreditNote({ ...note, amountFen: 30_001 }, [{ sku: 'A', quantity: 1, unitPriceFen: 10_000 }, { sku: 'B', quantity: 1, unitPriceFen: 20_001 }], 4_000, 'rf1');
    const { netFen, vatFen } = splitVat(30_001);
    expect(step.state).toMatchObject({ amountFen: 30_001, netFen, vatFen, toReceivableFen: 4_000, refundFen: 26_001, refundId: 'rf1' });
    expect(sum(step.state.lines.map((l) => l.vatFen))).toBe(vatFen);
    expect(sum(step.state.lines.map((l) => l.amountFen))).toBe(30_001);
    expect(step.events).toEqual([{ type: 'finance.credit-note.issued', data: expect.objectContaining({ amountFen: 30_001, toReceivableFen: 4_000, refundFen: 26_001, returnId: 'r1' }) }]);
    const entry = creditNoteEntry(30_001, 4_000);
    expect(sum(entry.map((l) => l.debitFen))).toBe(sum(entry.map((l) => l.creditFen)));
    expect(entry).toEqual([
      { account: 'revenue', debitFen: netFen, creditFen: 0 },
      { account: 'vatOutput', debitFen: vatFen, creditFen: 0 },
      { account: 'receivables', debitFen: 0, creditFen: 4_000 },
      { account: 'customerPrepayments', debitFen: 0, creditFen: 26_001 },
    ]);
  });

  it('needs a refund exactly when part of the credit is owed back', () => {
    expect(() => issueCreditNote({ ...note, amountFen: 10_000 }, [], 0, null)).toThrow();
    expect(issueCreditNote({ ...note, amountFen: 10_000 }, [{ sku: 'A', quantity: 1, unitPriceFen: 10_000 }], 10_000, null).state.refundFen).toBe(0);
  });

  it('owes the refund by any way, naming the return', () => {
    const refund = oweReturnRefund({ id: 'rf1', number: 'RF-2026-000001', orderId: 'o1', customerId: 'c1', amountFen: 6_000, reason: 'return', createdBy: 'm1', returnId: 'r1' }, 'CN-1');
    expect(refund.state).toMatchObject({ status: 'due', method: null, returnId: 'r1', amountFen: 6_000 });
  });
});
