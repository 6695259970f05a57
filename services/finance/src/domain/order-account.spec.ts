import { DomainError } from '@ops/contracts';
import { applyReceipt, handInvoiceAmount, invoice, isDepositBelowRequired, openReceivableOf, settleCancellation, shipmentAmount, voidInvoice, type OrderMoney } from './order-account.js';

const order = (patch: Partial<OrderMoney> = {}): OrderMoney => ({ totalFen: 10_000, paidFen: 0, coveredFen: 0, invoicedFen: 0, confirmed: false, ...patch });

describe('an order\'s money', () => {
  it('confirms payment exactly when the amount due is reached', () => {
    const part = applyReceipt(order(), 4_000);
    expect(part).toMatchObject({ nowFullyPaid: false, overpaidFen: 0, toReceivablesFen: 0, order: { paidFen: 4_000, confirmed: false } });
    const rest = applyReceipt(part.order, 6_000);
    expect(rest).toMatchObject({ nowFullyPaid: true, overpaidFen: 0, order: { paidFen: 10_000, confirmed: true } });
    expect(applyReceipt(rest.order, 100)).toMatchObject({ nowFullyPaid: false, overpaidFen: 100, order: { paidFen: 10_000 } });
  });

  it('turns what is paid beyond the amount due into the customer\'s prepayment', () => {
    expect(applyReceipt(order({ paidFen: 9_000 }), 1_500)).toMatchObject({ nowFullyPaid: true, overpaidFen: 500, order: { paidFen: 10_000 } });
  });

  it('refuses an amount that is not a positive whole number of fen', () => {
    for (const amount of [0, -1, 1.5]) expect(() => applyReceipt(order(), amount)).toThrow(DomainError);
  });

  it('bills paid money first and the rest as a receivable, which later money settles', () => {
    const billed = invoice(order({ paidFen: 3_000 }), 10_000);
    expect(billed).toMatchObject({ prepaidUsedFen: 3_000, receivableFen: 7_000 });
    expect(openReceivableOf(billed.order)).toBe(7_000);
    const paid = applyReceipt(billed.order, 7_000);
    expect(paid).toMatchObject({ toReceivablesFen: 7_000, nowFullyPaid: true });
    expect(openReceivableOf(paid.order)).toBe(0);
  });

  it('invoices a partial shipment at its lines\' prices and the last one at what is left', () => {
    const lines = [{ sku: 'A', unitPriceFen: 1_000 }, { sku: 'B', unitPriceFen: 333 }];
    expect(shipmentAmount(lines, [{ sku: 'A', quantity: 2 }], 2_999, false)).toBe(2_000);
    expect(shipmentAmount(lines, [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 3 }], 999, true)).toBe(999);
    expect(() => invoice(order({ invoicedFen: 9_000 }), 2_000)).toThrow(/more than the order/);
  });

  it('voids an invoice: what is owed leaves receivables, the covering money waits again', () => {
    const billed = invoice(order({ paidFen: 3_000 }), 10_000).order;
    const partlySettled = applyReceipt(billed, 2_000).order; // 5,000 still owed
    const { order: after, releasedFen } = voidInvoice(partlySettled, 10_000, 5_000);
    expect(releasedFen).toBe(5_000);
    expect(after).toMatchObject({ invoicedFen: 0, coveredFen: 0, paidFen: 5_000 });
  });

  it('calls a prepaid receipt that leaves the order partly paid a deposit below the required amount', () => {
    expect(isDepositBelowRequired({ ...order(), paymentTerms: 'prepaid' }, 9_999)).toBe(true);
    expect(isDepositBelowRequired({ ...order(), paymentTerms: 'prepaid' }, 10_000)).toBe(false);
    expect(isDepositBelowRequired({ ...order({ paidFen: 5_000 }), paymentTerms: 'prepaid' }, 5_000)).toBe(false);
    expect(isDepositBelowRequired({ ...order(), paymentTerms: 'credit' }, 1)).toBe(false);
  });

  it('settles a cancelled order\'s money as the customer chose', () => {
    expect(settleCancellation(0, 'refund')).toBe('nothing_paid');
    expect(settleCancellation(500, 'refund')).toBe('refunded');
    expect(settleCancellation(500, 'keep_as_prepayment')).toBe('kept_as_prepayment');
  });

  it('invoices by hand only a prepaid order paid in full, or what a void took back, in the order\'s name', () => {
    const base = { orderNumber: 'SO-1', customerName: '晨光', paymentTerms: 'prepaid' as 'prepaid' | 'credit', confirmed: false, cancelled: false, totalFen: 10_000, invoicedFen: 0, voidedFen: 0, reissuedFen: 0 };
    const code = (patch: Partial<typeof base>, name?: string) => { try { return handInvoiceAmount({ ...base, ...patch }, name); } catch (e) { return (e as DomainError).code; } };
    expect(code({})).toBe('not-yet-invoiceable');
    expect(code({ confirmed: true })).toBe(10_000);
    expect(code({ confirmed: true }, 'Someone else')).toBe('customer-name-differs');
    expect(code({ paymentTerms: 'credit' })).toBe('not-yet-invoiceable');
    // Credit order shipped in two parts, the first (3,000) voided: only those 3,000 are billed again.
    expect(code({ paymentTerms: 'credit', invoicedFen: 4_000, voidedFen: 3_000 })).toBe(3_000);
    expect(code({ paymentTerms: 'credit', invoicedFen: 7_000, voidedFen: 3_000, reissuedFen: 3_000 })).toBe('order-fully-invoiced');
    expect(code({ confirmed: true, invoicedFen: 10_000 })).toBe('order-fully-invoiced');
    expect(code({ confirmed: true, cancelled: true })).toBe('order-cancelled');
  });
});
