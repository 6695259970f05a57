import { DomainError } from '@ops/kernel';
import {
  agreementHeld, applyReceipt, billInvoice, cancelAccount, countReceipt, creditAgainstOrder, handInvoiceAmount, invoice, needsDepositApproval, openAccount, openReceivableOf, requiredDepositOf, settleCancellation,
  shipmentAmount, statusOf,
  takeBackInvoice, voidInvoice, type OrderAccount, type OrderMoney,
} from './order-account.js';

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

  it('requires the agreed deposit, or the whole total of a prepaid order and nothing of a credit order when none was agreed', () => {
    expect(requiredDepositOf({ paymentTerms: 'prepaid', totalFen: 10_000 })).toBe(10_000);
    expect(requiredDepositOf({ paymentTerms: 'credit', totalFen: 10_000 })).toBe(0);
    expect(requiredDepositOf({ paymentTerms: 'prepaid', totalFen: 10_000, requiredDepositFen: 3_000 })).toBe(3_000);
    expect(requiredDepositOf({ paymentTerms: 'credit', totalFen: 10_000, requiredDepositFen: 2_000 })).toBe(2_000);
    expect(requiredDepositOf({ paymentTerms: 'prepaid', totalFen: 10_000, requiredDepositFen: 20_000 })).toBe(10_000);
  });

  it('asks approval only of a first payment below the required deposit', () => {
    const fresh = { paidFen: 0, requiredDepositFen: 10_000, depositAcceptedAt: null };
    expect(needsDepositApproval(fresh, 9_999)).toBe(true);
    expect(needsDepositApproval(fresh, 10_000)).toBe(false);
    expect(needsDepositApproval({ ...fresh, paidFen: 5_000 }, 5_000)).toBe(false);
    expect(needsDepositApproval({ ...fresh, paidFen: 4_000, depositAcceptedAt: new Date() }, 1)).toBe(false);
    expect(needsDepositApproval({ ...fresh, requiredDepositFen: 0 }, 1)).toBe(false);
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

describe('an order account', () => {
  const placed = { orderId: 'order-1', orderNumber: 'SO-2026-000001', customerId: 'customer-1', customerName: '晨光', customerTaxId: null, salesRep: null, region: null, paymentTerms: 'prepaid' as const, totalFen: 10_000, creditTermsDays: null, lines: [] };
  const account = (patch: Partial<OrderAccount> = {}): OrderAccount => ({ ...openAccount(placed, 0).state, ...patch });
  const at = new Date('2026-11-22T02:00:00Z');
  const confirmed = { type: 'finance.payment.confirmed', data: { orderId: 'order-1', customerId: 'customer-1', totalFen: 10_000, paidFen: 10_000 } };
  const receipt = (number: string, amountFen: number) => ({ id: `id-${number}`, number, method: 'cash', amountFen, cashierDate: '2026-11-22' });
  const counted = (number: string, amountFen: number) => ({
    type: 'finance.receipt.counted',
    data: { receiptId: `id-${number}`, receiptNumber: number, orderId: 'order-1', customerId: 'customer-1', method: 'cash', amountFen, receivedOn: '2026-11-22' },
  });

  it('opens waiting for its money, paid first from what the customer holds', () => {
    const opened = openAccount(placed, 0);
    expect(opened).toMatchObject({ state: { paidFen: 0, requiredDepositFen: 10_000, depositAcceptedAt: null, confirmedAt: null, cancellation: null }, events: [], prepaymentUsedFen: 0 });
    expect(agreementHeld(opened.state)).toBe(true);
    expect(openAccount({ ...placed, requiredDepositFen: 3_000 }, 0).transitions).toEqual([{ from: 'new', to: 'awaiting_payment', reason: 'order SO-2026-000001 placed: 100.00 due, deposit 30.00' }]);
    expect(opened.transitions).toEqual([{ from: 'new', to: 'awaiting_payment', reason: 'order SO-2026-000001 placed: 100.00 due' }]);
    const part = openAccount(placed, 3_000);
    expect(part).toMatchObject({ state: { paidFen: 3_000, confirmedAt: null }, events: [], prepaymentUsedFen: 3_000 });
    expect(part.transitions.map((t) => t.to)).toEqual(['awaiting_payment', 'awaiting_payment']);
  });

  it('is paid in full from a prepayment that covers it, using no more than it needs', () => {
    const paid = openAccount(placed, 25_000, at);
    expect(paid).toMatchObject({ state: { paidFen: 10_000, confirmedAt: at }, prepaymentUsedFen: 10_000, events: [confirmed] });
    expect(paid.transitions.map((t) => [t.from, t.to])).toEqual([['new', 'awaiting_payment'], ['awaiting_payment', 'paid']]);
    expect(statusOf(paid.state)).toBe('paid');
  });

  it('confirms payment once, with the receipt that completes the amount due, and keeps the excess for the customer', () => {
    const first = countReceipt(account(), receipt('RC-1', 4_000), at);
    expect(first).toMatchObject({ state: { paidFen: 4_000, depositAcceptedAt: at, confirmedAt: null }, events: [counted('RC-1', 4_000)], nowFullyPaid: false });
    expect(agreementHeld(first.state)).toBe(true);
    expect(first.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'receipt RC-1 counted: 40.00' }]);
    const rest = countReceipt(first.state, receipt('RC-2', 7_000), at);
    expect(rest).toMatchObject({ state: { paidFen: 10_000, prepaymentFen: 1_000, confirmedAt: at }, overpaidFen: 1_000, events: [counted('RC-2', 7_000), confirmed] });
    expect(rest.transitions).toEqual([{ from: 'awaiting_payment', to: 'paid', reason: 'paid in full by receipt RC-2' }]);
    expect(agreementHeld(rest.state)).toBe(false);
    const more = countReceipt(rest.state, receipt('RC-3', 500));
    expect(more).toMatchObject({ state: { prepaymentFen: 1_500 }, events: [counted('RC-3', 500)], overpaidFen: 500 });
    expect(() => countReceipt(account({ cancellation: 'nothing_paid' }), receipt('RC-4', 1))).toThrow(/was cancelled/);
  });

  it('is billed by its invoices and takes a voided one back', () => {
    const billed = billInvoice(account({ paidFen: 3_000 }), 'INV-1', 10_000);
    expect(billed).toMatchObject({ state: { invoicedFen: 10_000, coveredFen: 3_000 }, prepaidUsedFen: 3_000, receivableFen: 7_000 });
    expect(billed.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'invoice INV-1 bills 100.00, 70.00 owed' }]);
    expect(takeBackInvoice(billed.state, 'INV-1', 10_000, 7_000).state).toMatchObject({ invoicedFen: 0, coveredFen: 0, paidFen: 3_000 });
  });

  it('counts a credit note against what its invoices still owe, so later money beyond the rest is the customer\'s', () => {
    const billed = billInvoice(account({ paymentTerms: 'credit', requiredDepositFen: 0 }), 'INV-1', 10_000).state;
    const credited = creditAgainstOrder(billed, 'CN-1', 3_000, at);
    expect(credited.state).toMatchObject({ paidFen: 3_000, coveredFen: 3_000 });
    expect(credited.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'credit note CN-1 settles 30.00 owed' }]);
    const paid = countReceipt(credited.state, receipt('RC-9', 10_000), at);
    expect(paid).toMatchObject({ toReceivablesFen: 7_000, overpaidFen: 3_000, events: [{ type: 'finance.receipt.counted' }, { type: 'finance.payment.confirmed' }] });
    expect(() => creditAgainstOrder(billed, 'CN-2', 10_001)).toThrow(expect.objectContaining({ code: 'credit-exceeds-owed' }));
    expect(() => creditAgainstOrder(account(), 'CN-3', 1)).toThrow(expect.objectContaining({ code: 'credit-exceeds-owed' }));
  });

  it('is cancelled once, its money refunded or kept as the customer chose', () => {
    const refunded = cancelAccount(account({ paidFen: 4_000 }), 'refund', 'Customer withdrew');
    expect(refunded).toMatchObject({ state: { cancellation: 'refunded', prepaymentFen: 0 }, settlement: 'refunded', refundFen: 4_000, keptFen: 0 });
    expect(refunded.transitions).toEqual([{ from: 'awaiting_payment', to: 'cancelled', reason: 'order cancelled: Customer withdrew; the money is owed back to the customer (refunds due, paid by a cashier)' }]);
    expect(agreementHeld(refunded.state)).toBe(false);
    const kept = cancelAccount(account({ paidFen: 10_000, confirmedAt: at }), 'keep_as_prepayment', 'expired');
    expect(kept).toMatchObject({ state: { cancellation: 'kept_as_prepayment', prepaymentFen: 10_000 }, refundFen: 0, keptFen: 10_000 });
    expect(kept.transitions[0]).toMatchObject({ from: 'paid', to: 'cancelled' });
    expect(cancelAccount(account(), 'refund', 'x')).toMatchObject({ settlement: 'nothing_paid', refundFen: 0, keptFen: 0 });
    expect(() => cancelAccount(refunded.state, 'refund', 'again')).toThrow(expect.objectContaining({ code: 'order-account-transition-refused' }));
  });
});
