import type { JournalLine } from './journal.js';
import { raisePayable, settlePayable, type Payable } from './payable.js';
import { approvePaymentRequest, payPaymentRequest, planPayment, refuseUnpayableSupplier, rejectPaymentRequest, requestPayment, supplierPaymentEntry, type PaymentRequest } from './supplier-payment.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const balancedOf = (entry: JournalLine[]) => sum(entry.map((l) => l.debitFen)) === sum(entry.map((l) => l.creditFen));
const payable = (n: number, amountFen: number, auditDate = '2026-11-02', supplierId = 's1'): Payable => raisePayable({
  id: `p${n}`, supplierId, receiptId: `r${n}`, receiptNumber: `GR-2026-00000${n}`, purchaseOrderId: null, purchaseOrderNumber: null, amountFen, auditDate,
}, { paymentTermsDays: 30, revision: 1 }).state;

const purchaser = { userId: 'buyer', roles: ['purchaser'] };
const manager = { userId: 'pm', roles: ['purchasing_manager'] };
const gm = { userId: 'gm', roles: ['general_manager'] };
const base = { id: 'q1', number: 'SPR-2026-000001', supplierId: 's1', reason: 'November deliveries', createdBy: purchaser.userId };

function submitted(amountFen: number, payables: Payable[]): PaymentRequest {
  return requestPayment({ ...base, amountFen, payableIds: payables.map((p) => p.id) }, { payables, prepayment: null }).state;
}
const approved = (r: PaymentRequest) => approvePaymentRequest(approvePaymentRequest(r, manager).state, gm).state;

describe('supplier payment requests', () => {
  it('climb purchaser → purchasing manager → general manager, then finance pays', () => {
    const r = submitted(10_000, [payable(1, 10_000)]);
    expect(r).toMatchObject({ status: 'submitted', kind: 'payables', payableIds: ['p1'] });
    const one = approvePaymentRequest(r, manager).state;
    expect(one).toMatchObject({ status: 'manager_approved', managerApprovedBy: 'pm' });
    const two = approvePaymentRequest(one, gm).state;
    expect(two).toMatchObject({ status: 'approved', approvedBy: 'gm' });
    expect(() => approvePaymentRequest(two, gm)).toThrow(/waits for no approval/);
  });

  it('never lets the creator approve or reject, nor one person approve both levels, nor a manager the GM\'s level', () => {
    const both = { userId: 'buyer', roles: ['purchaser', 'purchasing_manager'] };
    const r = submitted(10_000, [payable(1, 10_000)]);
    expect(() => approvePaymentRequest(r, both)).toThrow(expect.objectContaining({ code: 'self-approval' }));
    expect(() => rejectPaymentRequest(r, both, 'no')).toThrow(expect.objectContaining({ code: 'self-approval' }));
    expect(() => approvePaymentRequest(r, { userId: 'x', roles: ['purchaser'] })).toThrow(expect.objectContaining({ code: 'approval-level' }));
    const gmFirst = approvePaymentRequest(r, gm).state; // a higher role may approve the lower level
    expect(() => approvePaymentRequest(gmFirst, gm)).toThrow(expect.objectContaining({ code: 'same-approver' }));
    const one = approvePaymentRequest(r, manager).state;
    expect(() => approvePaymentRequest(one, { userId: 'pm2', roles: ['purchasing_manager'] })).toThrow(expect.objectContaining({ code: 'approval-level' }));
  });

  it('is rejected with a reason at either level, and then final', () => {
    const r = submitted(10_000, [payable(1, 10_000)]);
    const rejected = rejectPaymentRequest(approvePaymentRequest(r, manager).state, gm, ' QC not done ').state;
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'gm', rejectionReason: 'QC not done' });
    expect(() => approvePaymentRequest(rejected, gm)).toThrow();
    expect(() => rejectPaymentRequest(r, manager, '  ')).toThrow(/reason/);
  });

  it('refuses payables not open or not the supplier\'s, both or neither target, and a prepayment above what the order requires', () => {
    const settled = settlePayable(payable(1, 1_000), 1_000, 'paid').state;
    expect(() => submitted(1_000, [settled])).toThrow(expect.objectContaining({ code: 'payable-not-payable' }));
    expect(() => submitted(1_000, [payable(2, 1_000, '2026-11-02', 's2')])).toThrow(expect.objectContaining({ code: 'payable-not-payable' }));
    expect(() => requestPayment({ ...base, amountFen: 1 }, { payables: [], prepayment: null })).toThrow(expect.objectContaining({ code: 'payment-request-target' }));
    const po = { purchaseOrderNumber: 'PO-1', supplierId: 's1', outstandingFen: 30_000 };
    expect(() => requestPayment({ ...base, amountFen: 30_001, purchaseOrderId: 'po1' }, { payables: [], prepayment: po })).toThrow(expect.objectContaining({ code: 'prepayment-exceeded' }));
    expect(requestPayment({ ...base, amountFen: 30_000, purchaseOrderId: 'po1' }, { payables: [], prepayment: po }).state).toMatchObject({ kind: 'prepayment', purchaseOrderNumber: 'PO-1' });
  });

  it('pays more than due: the payables are settled and the rest becomes the supplier\'s prepayment', () => {
    const ps = [payable(1, 6_000, '2026-11-05'), payable(2, 4_000, '2026-11-01')];
    const r = approved(submitted(12_500, ps));
    const plan = planPayment(r, ps, 0);
    expect(plan).toEqual({ prepaymentUsedFen: 0, toPayablesFen: 10_000, toPrepaymentFen: 2_500, settlements: [
      { payableId: 'p2', fromPrepaymentFen: 0, fromMoneyFen: 4_000 }, { payableId: 'p1', fromPrepaymentFen: 0, fromMoneyFen: 6_000 },
    ] });
    const paid = payPaymentRequest(r, { method: 'transfer', bankReference: 'ICBC-1', paidBy: 'fm' }, plan);
    expect(paid.state).toMatchObject({ status: 'paid', toPayablesFen: 10_000, toPrepaymentFen: 2_500, bankReference: 'ICBC-1' });
    expect(paid.events[0]).toMatchObject({ type: 'finance.supplier-payment.paid', data: { amountFen: 12_500, toPrepaymentFen: 2_500, settledPayableIds: ['p2', 'p1'] } });
    const entry = supplierPaymentEntry('transfer', 12_500, 10_000);
    expect(entry).toEqual([
      { account: 'payables', debitFen: 10_000, creditFen: 0 },
      { account: 'supplierPrepayments', debitFen: 2_500, creditFen: 0 },
      { account: 'bank', debitFen: 0, creditFen: 12_500 },
    ]);
    expect(balancedOf(entry)).toBe(true);
  });

  it('uses the supplier\'s prepayment first, then the money; what the money no longer needs is held again', () => {
    const ps = [payable(1, 10_000)];
    const r = approved(submitted(10_000, ps));
    expect(planPayment(r, ps, 2_500)).toEqual({ prepaymentUsedFen: 2_500, toPayablesFen: 7_500, toPrepaymentFen: 2_500, settlements: [{ payableId: 'p1', fromPrepaymentFen: 2_500, fromMoneyFen: 7_500 }] });
    expect(planPayment(r, ps, 20_000)).toMatchObject({ prepaymentUsedFen: 10_000, toPayablesFen: 0, toPrepaymentFen: 10_000 });
  });

  it('pays only an active supplier, and by transfer only to the bank account finance holds', () => {
    const supplier = { code: 'SUP-1', active: true, bankAccount: '6222021203001234567' };
    expect(() => refuseUnpayableSupplier(supplier, 'transfer')).not.toThrow();
    expect(() => refuseUnpayableSupplier({ ...supplier, active: false }, null)).toThrow(expect.objectContaining({ code: 'supplier-inactive', errors: [{ field: 'supplierId', message: 'names an inactive supplier' }] }));
    expect(() => refuseUnpayableSupplier({ ...supplier, bankAccount: null }, 'transfer')).toThrow(expect.objectContaining({ code: 'no-bank-account' }));
    expect(() => refuseUnpayableSupplier({ ...supplier, bankAccount: null }, 'cash')).not.toThrow();
  });

  it('pays a purchase order\'s prepayment wholly to 1123, and a cash payment from 1001; a transfer needs its reference', () => {
    const po = { purchaseOrderNumber: 'PO-1', supplierId: 's1', outstandingFen: 30_000 };
    const r = approved(requestPayment({ ...base, amountFen: 30_000, purchaseOrderId: 'po1' }, { payables: [], prepayment: po }).state);
    const plan = planPayment(r, [], 5_000);
    expect(plan).toEqual({ prepaymentUsedFen: 0, toPayablesFen: 0, toPrepaymentFen: 30_000, settlements: [] });
    expect(() => payPaymentRequest(r, { method: 'transfer', bankReference: ' ', paidBy: 'fm' }, plan)).toThrow(expect.objectContaining({ code: 'bank-reference-required' }));
    expect(payPaymentRequest(r, { method: 'cash', bankReference: null, paidBy: 'cashier' }, plan).state.status).toBe('paid');
    expect(supplierPaymentEntry('cash', 30_000, 0)).toEqual([
      { account: 'supplierPrepayments', debitFen: 30_000, creditFen: 0 },
      { account: 'cash', debitFen: 0, creditFen: 30_000 },
    ]);
    expect(() => payPaymentRequest(submitted(1_000, [payable(1, 1_000)]), { method: 'cash', bankReference: null, paidBy: 'c' }, planPayment(r, [], 0))).toThrow();
  });
});
