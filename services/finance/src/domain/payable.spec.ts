import { splitVat, type JournalLine } from './journal.js';
import {
  applySupplierTerms, checkSupplierInvoice, markInvoiced, payableEntry, prepaymentUseEntry, purchaseReturnEntry, raisePayable, returnAllocation, settlePayable, weekBefore, type Payable,
} from './payable.js';
import { applySupplierRecord, holdPrepayment, maskAccount, usePrepayment, type SupplierAccount } from './supplier-account.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const balancedOf = (entry: JournalLine[]) => sum(entry.map((l) => l.debitFen)) === sum(entry.map((l) => l.creditFen));
const receipt = (n: number, amountFen: number, auditDate = '2026-11-02') => ({
  id: `p${n}`, supplierId: 's1', receiptId: `r${n}`, receiptNumber: `GR-2026-00000${n}`, purchaseOrderId: null, purchaseOrderNumber: null, amountFen, auditDate,
});
const payable = (n: number, amountFen: number, auditDate?: string): Payable => raisePayable(receipt(n, amountFen, auditDate), { paymentTermsDays: 30, revision: 2 }).state;
const supplier: SupplierAccount = {
  id: 's1', code: 'SUP-1', name: '杭州茶业', kind: 'goods', taxId: null, paymentTermsDays: 30, bankAccount: '6222020200112233445', bankName: 'ICBC', active: true, revision: 2, prepaymentFen: 0,
};

describe('supplier payables', () => {
  it('raises a payable for exactly the receipt, due the supplier\'s terms after the audit date, booked inventory + VAT input against 2202', () => {
    const step = raisePayable(receipt(1, 113_001), { paymentTermsDays: 30, revision: 3 });
    const { netFen, vatFen } = splitVat(113_001);
    expect(step.state).toMatchObject({ status: 'open', amountFen: 113_001, netFen, vatFen, settledFen: 0, dueDate: '2026-12-02', paymentTermsDays: 30, termsProvisional: false, supplierInvoiceId: null });
    const entry = payableEntry(113_001);
    expect(entry).toEqual([
      { account: 'inventory', debitFen: netFen, creditFen: 0 },
      { account: 'vatInput', debitFen: vatFen, creditFen: 0 },
      { account: 'payables', debitFen: 0, creditFen: 113_001 },
    ]);
    expect(balancedOf(entry)).toBe(true);
  });

  it('raises a payable of a supplier not heard of yet with terms 0, and follows the terms when the record arrives', () => {
    const early = raisePayable(receipt(1, 10_000), null).state;
    expect(early).toMatchObject({ dueDate: '2026-11-02', paymentTermsDays: 0, termsProvisional: true });
    expect(applySupplierTerms(early, 45).state).toMatchObject({ dueDate: '2026-12-17', paymentTermsDays: 45, termsProvisional: false });
    // Terms a payable was raised on for real never change afterwards.
    expect(applySupplierTerms(payable(2, 10_000), 45).state.dueDate).toBe('2026-12-02');
  });

  it('settles in parts and refuses more than is owed', () => {
    const part = settlePayable(payable(1, 10_000), 4_000, 'payment').state;
    expect(part).toMatchObject({ status: 'open', settledFen: 4_000 });
    const full = settlePayable(part, 6_000, 'return', { returned: true });
    expect(full.state).toMatchObject({ status: 'settled', settledFen: 10_000, returnedFen: 6_000 });
    expect(full.transitions).toEqual([expect.objectContaining({ from: 'open', to: 'settled' })]);
    expect(() => settlePayable(part, 6_001, 'payment')).toThrow(/owes/);
    expect(() => settlePayable(full.state, 1, 'payment')).toThrow();
  });

  it('lowers the named receipt\'s payable first on a return, then the oldest, and credits the rest', () => {
    const old = payable(1, 5_000, '2026-10-01');
    const named = payable(2, 3_000, '2026-11-01');
    const newer = payable(3, 4_000, '2026-11-20');
    const split = returnAllocation(10_000, named, [newer, old, named]);
    expect(split.allocations.map((a) => [a.payable.id, a.fen])).toEqual([['p2', 3_000], ['p1', 5_000], ['p3', 2_000]]);
    expect(split.creditFen).toBe(0);
    const nothingOwed = returnAllocation(2_500, null, []);
    expect(nothingOwed).toEqual({ allocations: [], creditFen: 2_500 });
    const part = returnAllocation(5_000, named, []);
    expect(part.creditFen).toBe(2_000);
  });

  it('books a return against payables and, for the rest, as supplier credit (1123), balanced', () => {
    const { netFen, vatFen } = splitVat(11_300);
    const entry = purchaseReturnEntry(11_300, 8_000);
    expect(entry).toEqual([
      { account: 'payables', debitFen: 8_000, creditFen: 0 },
      { account: 'supplierPrepayments', debitFen: 3_300, creditFen: 0 },
      { account: 'inventory', debitFen: 0, creditFen: netFen },
      { account: 'vatInput', debitFen: 0, creditFen: vatFen },
    ]);
    expect(balancedOf(entry)).toBe(true);
    expect(balancedOf(prepaymentUseEntry(500))).toBe(true);
  });

  it('records a supplier invoice against the supplier\'s uninvoiced payables for their total', () => {
    const a = payable(1, 5_000);
    const b = payable(2, 3_000);
    expect(() => checkSupplierInvoice({ supplierId: 's1', amountFen: 8_000, invoiceNumber: 'INV1' }, ['p1', 'p2'], [a, b])).not.toThrow();
    expect(() => checkSupplierInvoice({ supplierId: 's1', amountFen: 7_999, invoiceNumber: 'INV1' }, ['p1', 'p2'], [a, b])).toThrow(/payables for/);
    expect(() => checkSupplierInvoice({ supplierId: 's2', amountFen: 5_000, invoiceNumber: 'INV1' }, ['p1'], [a])).toThrow(/not of this supplier/);
    const invoiced = markInvoiced(a, 'i1', 'INV1').state;
    expect(() => checkSupplierInvoice({ supplierId: 's1', amountFen: 5_000, invoiceNumber: 'INV2' }, ['p1'], [invoiced])).toThrow(/already invoiced/);
  });
});

describe('the weekly summary\'s week', () => {
  it.each([
    ['2026-11-30', '2026-11-23', '2026-11-29'], // a Monday
    ['2026-12-06', '2026-11-23', '2026-11-29'], // the Sunday of the same week
    ['2027-01-01', '2026-12-21', '2026-12-27'], // across the year
  ])('for %s is %s to %s', (date, weekFrom, weekTo) => {
    expect(weekBefore(date)).toEqual({ weekFrom, weekTo });
  });
});

describe('supplier accounts', () => {
  it('keep the highest revision whatever order the records arrive in, and never take the prepayment from them', () => {
    const held = { ...supplier, prepaymentFen: 700 };
    const newer = applySupplierRecord(held, { ...supplier, revision: 3, paymentTermsDays: 60 });
    expect(newer).toMatchObject({ applied: true, state: { revision: 3, paymentTermsDays: 60, prepaymentFen: 700 } });
    expect(applySupplierRecord(newer.state, { ...supplier, revision: 2, paymentTermsDays: 10 })).toMatchObject({ applied: false, state: { revision: 3, paymentTermsDays: 60 } });
  });

  it('hold and use prepayment, never below zero', () => {
    const held = holdPrepayment(supplier, 1_000, 'overpaid').state;
    expect(usePrepayment(held, 400, 'used').state.prepaymentFen).toBe(600);
    expect(() => usePrepayment(held, 1_001, 'used')).toThrow();
    expect(maskAccount('6222020200112233445')).toBe('6222 **** **** 3445');
  });
});
