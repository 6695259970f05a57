import { DomainError } from '@ops/kernel';
import {
  agreementHeld, applyReceipt, billInvoice, cancelAccount, countReceipt, creditAgainstOrder, depositIn, handInvoiceAmount, invoice, issueBalanceNotice, needsDepositApproval, openAccount, openReceivableOf,
  requiredDepositOf, settleCancellation,
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

  describe('of an order with made-to-order lines', () => {
    const made = { ...placed, madeToOrder: true, requiredDepositFen: 3_000 };
    const deposit = (paidFen: number, requiredDepositFen = 3_000) => ({
      type: 'finance.deposit.confirmed', data: { orderId: 'order-1', customerId: 'customer-1', requiredDepositFen, paidFen, confirmedAt: at.toISOString() },
    });

    it('confirms the deposit once, with the first payment that counts, and never for a stocked order', () => {
      const opened = openAccount(made, 0, at);
      expect(opened).toMatchObject({ state: { madeToOrder: true, depositConfirmedAt: null, balanceNotice: null }, events: [] });
      const first = countReceipt(opened.state, receipt('RC-1', 3_000), at);
      expect(first).toMatchObject({ state: { paidFen: 3_000, depositConfirmedAt: at }, events: [counted('RC-1', 3_000), deposit(3_000)] });
      expect(first.transitions.map((t) => t.reason)).toEqual(['receipt RC-1 counted: 30.00', 'deposit confirmed (30.00 paid of 30.00 required): production may be issued']);
      const rest = countReceipt(first.state, receipt('RC-2', 7_000), at);
      expect(rest.events.map((e) => e.type)).toEqual(['finance.receipt.counted', 'finance.payment.confirmed']);
      // A stocked order's first payment tells inventory nothing about production.
      expect(countReceipt(openAccount({ ...made, madeToOrder: false }, 0).state, receipt('RC-3', 3_000), at).events.map((e) => e.type)).toEqual(['finance.receipt.counted']);
    });

    it('confirms a deposit accepted below the required one when that payment counts, and one paid with the rest in full', () => {
      // countReceipt is reached for a low first payment only once sales and finance management accepted it (domain/receipt.ts).
      const low = countReceipt(openAccount(made, 0).state, receipt('RC-1', 1_000), at);
      expect(low.events).toEqual([counted('RC-1', 1_000), deposit(1_000)]);
      const whole = countReceipt(openAccount(made, 0).state, receipt('RC-1', 10_000), at);
      expect(whole.events.map((e) => e.type)).toEqual(['finance.receipt.counted', 'finance.payment.confirmed', 'finance.deposit.confirmed']);
      expect(whole.state).toMatchObject({ confirmedAt: at, depositConfirmedAt: at });
    });

    it('confirms the deposit at opening when none is required or the customer\'s prepayment covers it', () => {
      expect(openAccount({ ...made, requiredDepositFen: 0, paymentTerms: 'credit' }, 0, at).events).toEqual([deposit(0, 0)]);
      const covered = openAccount(made, 5_000, at);
      expect(covered).toMatchObject({ state: { paidFen: 5_000, depositConfirmedAt: at, depositAcceptedAt: null }, events: [deposit(5_000)], prepaymentUsedFen: 5_000 });
      expect(covered.transitions.map((t) => t.to)).toEqual(['awaiting_payment', 'awaiting_payment', 'awaiting_payment']);
      expect(openAccount(made, 2_999, at)).toMatchObject({ state: { depositConfirmedAt: null }, events: [] });
    });

    it('is paid in full at opening when nothing is due (a free replacement), and its production may start', () => {
      const free = openAccount({ ...made, totalFen: 0, requiredDepositFen: 0, lines: [{ sku: 'PART-1', quantity: 2, unitPriceFen: 0 }] }, 8_000, at);
      expect(free).toMatchObject({ state: { paidFen: 0, confirmedAt: at, depositConfirmedAt: at }, prepaymentUsedFen: 0 });
      expect(free.events).toEqual([
        { type: 'finance.payment.confirmed', data: { orderId: 'order-1', customerId: 'customer-1', totalFen: 0, paidFen: 0 } },
        { type: 'finance.deposit.confirmed', data: { orderId: 'order-1', customerId: 'customer-1', requiredDepositFen: 0, paidFen: 0, confirmedAt: at.toISOString() } },
      ]);
      expect(free.transitions.map((t) => [t.from, t.to, t.reason])).toEqual([
        ['new', 'awaiting_payment', 'order SO-2026-000001 placed: 0.00 due'],
        ['awaiting_payment', 'paid', 'paid in full: nothing is due'],
        ['paid', 'paid', 'deposit confirmed (no deposit required): production may be issued'],
      ]);
      // A stocked order with nothing due ships too; it has no production to start.
      expect(openAccount({ ...placed, totalFen: 0 }, 0, at).events.map((e) => e.type)).toEqual(['finance.payment.confirmed']);
    });

    it('says nothing of a cancelled order\'s deposit', () => {
      expect(depositIn({ ...openAccount(made, 0).state, paidFen: 3_000, cancellation: 'refunded' })).toBe(false);
      expect(depositIn({ ...openAccount(made, 0).state, paidFen: 3_000 })).toBe(true);
    });

    it('tells the customer the balance once production finished, once', () => {
      const paidPart = countReceipt(openAccount(made, 0).state, receipt('RC-1', 3_000), at).state;
      const told = issueBalanceNotice(paidPart, at);
      expect(told.state.balanceNotice).toEqual({ totalFen: 10_000, paidFen: 3_000, balanceFen: 7_000, issuedAt: at.toISOString() });
      expect(told.events).toEqual([{ type: 'finance.balance-notice.issued', data: { orderId: 'order-1', customerId: 'customer-1', totalFen: 10_000, paidFen: 3_000, balanceFen: 7_000, issuedAt: at.toISOString() } }]);
      expect(told.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'production finished; customer told the balance due: 70.00' }]);
      expect(() => issueBalanceNotice(told.state, at)).toThrow(expect.objectContaining({ code: 'balance-notice-issued' }));
      const paid = countReceipt(paidPart, receipt('RC-2', 7_000), at).state;
      expect(issueBalanceNotice(paid, at)).toMatchObject({ state: { balanceNotice: { balanceFen: 0 } }, transitions: [{ reason: 'production finished; customer told the order is paid in full' }] });
      expect(() => issueBalanceNotice({ ...paidPart, cancellation: 'refunded' }, at)).toThrow(/was cancelled/);
    });
  });
});
