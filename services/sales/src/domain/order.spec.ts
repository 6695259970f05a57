import { DomainError } from '@ops/kernel';
import {
  approve, approveShippingException, balanceNoticed, cancel, closeIfSettled, COMMERCIAL, confirmInWriting, delivered, expire, FULFILMENT, paymentConfirmed, paymentDeadlinePassed, priceLines, reject,
  hasShortagesToFill, replacementLines, shipped, statusOf, stockReserved, stockShort, submit, type KnownSku, type OrderDocument, type OrderState,
} from './order.js';

const state = (patch: Partial<OrderState> = {}): OrderState => {
  const s = { commercial: 'placed', payment: 'unpaid', fulfilment: 'unreserved', paymentTerms: 'prepaid', ...patch } as OrderState;
  return { ...s, status: statusOf(s) };
};
const doc = (patch: Partial<OrderState> = {}, more: Partial<OrderDocument> = {}): OrderDocument => ({
  ...state(patch), id: 'o-1', number: 'SO-2026-000009', customerId: 'c-1', customerName: 'ACME', customerTaxId: null, salesRep: null, region: null, createdBy: 'rep-1', approvalLevel: 'none',
  totalFen: 100, requiredDepositFen: 100, creditTermsDays: null, shippingException: null, placedAt: new Date('2026-11-01T00:00:00Z'), ...more,
});
const line = { lineNo: 1, sku: 'A', quantity: 1, unitPriceFen: 100, lineTotalFen: 100 };
const newOrder = (totalFen: number, paymentTerms: 'prepaid' | 'credit' = 'prepaid', discount?: 'none' | 'sales_manager' | 'sales_vp' | 'general_manager') => ({
  id: 'o-1', number: 'SO-2026-000009', customerId: 'c-1', customerName: 'ACME', customerTaxId: null, salesRep: null, region: null, createdBy: 'rep-1', totalFen, creditTermsDays: null, paymentTerms, ...(discount ? { discount } : {}),
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
};

describe('order', () => {
  const prices: Record<string, { listPriceFen: number; floorPriceFen: number }> = { A: { listPriceFen: 12_800, floorPriceFen: 10_000 }, B: { listPriceFen: 1, floorPriceFen: 1 } };
  const listPrice = (sku: string) => (prices[sku] ? { sku, ...prices[sku], priceListNumber: 'PL-2026-000001' } : undefined);

  it('prices lines from the list in fen, keeps an agreed price, and refuses a SKU on two lines', () => {
    expect(priceLines([{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }], listPrice)).toEqual({
      totalFen: 38_401,
      discount: 'none',
      lines: [
        { lineNo: 1, sku: 'A', quantity: 3, unitPriceFen: 12_800, lineTotalFen: 38_400, listPriceFen: 12_800, floorPriceFen: 10_000, priceListNumber: 'PL-2026-000001', priceBasis: 'list', promotionId: null, promotionCode: null, priceHoldId: null, priceNote: null },
        { lineNo: 2, sku: 'B', quantity: 1, unitPriceFen: 1, lineTotalFen: 1, listPriceFen: 1, floorPriceFen: 1, priceListNumber: 'PL-2026-000001', priceBasis: 'list', promotionId: null, promotionCode: null, priceHoldId: null, priceNote: null },
      ],
    });
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 12_416 }], listPrice).discount).toBe('sales_manager');
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 12_415 }], listPrice).discount).toBe('sales_vp');
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 9_999 }, { sku: 'B', quantity: 1 }], listPrice).discount).toBe('general_manager');
    expect(() => priceLines([{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 2 }], listPrice)).toThrow(DomainError);
  });

  it('refuses a SKU without a valid list price, naming each such line', () => {
    expect(refusal(() => priceLines([{ sku: 'A', quantity: 1 }, { sku: 'NOPE', quantity: 1 }], listPrice))).toMatchObject({ kind: 'rule_violated', code: 'no-list-price', errors: [{ field: 'lines[1].sku' }] });
  });

  it('is placed at once below the first approval tier, announced to the others, and waits for approval above it', () => {
    const placed = submit(newOrder(9_999_999), [line]);
    expect(placed.state).toMatchObject({ status: 'approved', commercial: 'placed', payment: 'unpaid', fulfilment: 'unreserved' });
    expect(placed.state.placedAt).toBeInstanceOf(Date);
    expect(placed.transitions).toEqual([{ from: 'draft', to: 'approved', reason: 'no approval needed' }]);
    expect(placed.events).toEqual([expect.objectContaining({ type: 'sales.order.placed', data: expect.objectContaining({ orderId: 'o-1', totalFen: 9_999_999, lines: [expect.objectContaining({ sku: 'A' })] }) })]);
    const pending = submit(newOrder(10_000_000), [line]);
    expect(pending).toMatchObject({ state: { status: 'pending_approval', placedAt: null }, approval: { level: 'sales_manager' }, events: [] });
  });

  it('waits for the highest level any rule asks for, and says each reason', () => {
    const { state: s, approval, transitions } = submit(newOrder(10_000_000, 'credit', 'sales_manager'), [line], { kind: 'needs_sales_vp', reason: 'the customer has an overdue credit sale' });
    expect(s.status).toBe('pending_approval');
    expect(approval.level).toBe('sales_vp');
    expect(approval.reasons).toEqual(['the total needs sales manager approval', 'a discount of up to 3% off the list price', 'the customer has an overdue credit sale']);
    expect(transitions[0].reason).toContain('needs sales vp approval');
    expect(submit(newOrder(1, 'prepaid', 'general_manager'), [line]).approval.level).toBe('general_manager');
  });

  it('carries the deposit its agreement requires: the whole total when prepaid unless less was agreed, never more than the total', () => {
    expect(submit(newOrder(5_000), [line]).state.requiredDepositFen).toBe(5_000);
    expect(submit({ ...newOrder(5_000), requiredDepositFen: 1_500 }, [line]).state.requiredDepositFen).toBe(1_500);
    expect(submit(newOrder(5_000, 'credit'), [line]).state.requiredDepositFen).toBe(0);
    expect(submit(newOrder(5_000), [line]).events[0].data).toMatchObject({ requiredDepositFen: 5_000 });
    expect(refusal(() => submit({ ...newOrder(5_000), requiredDepositFen: 5_001 }, [line]))).toMatchObject({ status: 422, errors: [{ field: 'requiredDepositFen' }] });
  });

  it('refuses an order the credit rules refuse', () => {
    expect(() => submit(newOrder(1, 'credit'), [line], { kind: 'refused', reason: 'grade D customers pay before delivery' })).toThrow(/grade D/);
  });

  it('waits for payment once reserved when prepaid, and goes straight to shipping on credit', () => {
    expect(stockReserved(state()).state.status).toBe('awaiting_payment');
    expect(stockReserved(state({ paymentTerms: 'credit' })).state.status).toBe('ready_to_ship');
  });

  it('keeps a payment that arrives before the reservation, and becomes ready to ship when reserved', () => {
    const paid = paymentConfirmed(state());
    expect(paid.state).toMatchObject({ status: 'approved', payment: 'paid' });
    expect(paid.transitions).toEqual([]);
    expect(stockReserved(paid.state).state.status).toBe('ready_to_ship');
  });

  it('becomes ready to ship when an awaited payment is confirmed', () => {
    const { state: s, transitions } = paymentConfirmed(state({ fulfilment: 'reserved' }));
    expect(s.status).toBe('ready_to_ship');
    expect(transitions).toEqual([{ from: 'awaiting_payment', to: 'ready_to_ship', reason: 'payment confirmed' }]);
  });

  it('is backordered when stock is short, and reserved later from there; late news of a shortage changes nothing', () => {
    const short = stockShort(state());
    expect(short.state.status).toBe('backordered');
    expect(stockReserved(short.state).state.status).toBe('awaiting_payment');
    expect(stockShort(state({ fulfilment: 'reserved' })).transitions).toEqual([]);
    // Only the reservation of a backordered order fills shortages.
    expect(hasShortagesToFill(short.state)).toBe(true);
    expect(hasShortagesToFill(state())).toBe(false);
  });

  it('takes a shipment as a fact, once, even before it heard of the reservation', () => {
    const first = shipped(state({ fulfilment: 'reserved', payment: 'paid' }));
    expect(first.state.status).toBe('shipped');
    expect(shipped(first.state).transitions).toEqual([]);
    expect(shipped(state()).state).toMatchObject({ status: 'shipped', fulfilment: 'shipped' });
  });

  it('ignores a late reservation after shipping', () => {
    expect(stockReserved(state({ fulfilment: 'shipped' })).transitions).toEqual([]);
    expect(stockReserved(state({ fulfilment: 'shipped_in_part' })).state.fulfilment).toBe('shipped_in_part');
  });

  it('refuses transitions out of terminal states', () => {
    expect(COMMERCIAL.can('cancelled', 'placed')).toBe(false);
    expect(FULFILMENT.can('shipped', 'reserved')).toBe(false);
    expect(() => shipped(state({ commercial: 'cancelled' }))).toThrow(DomainError);
    expect(refusal(() => cancel(doc({ fulfilment: 'shipped' }), 'x', 'refund'))?.status).toBe(409);
  });

  it('stays where it is on a partial shipment (with a line in its history), ships on the last one, and can no longer be cancelled once part has left', () => {
    const part = shipped(state({ fulfilment: 'reserved', payment: 'paid' }), false, 'SH-1');
    expect(part.state).toMatchObject({ status: 'ready_to_ship', fulfilment: 'shipped_in_part' });
    expect(part.transitions).toEqual([{ from: 'ready_to_ship', to: 'ready_to_ship', reason: 'shipped in part: SH-1' }]);
    expect(() => cancel({ ...doc(), ...part.state }, 'x', 'refund')).toThrow(/can no longer be cancelled/);
    expect(shipped(part.state, true).state.status).toBe('shipped');
    expect(() => shipped(state({ commercial: 'cancelled' }), false)).toThrow(DomainError);
  });

  it('is delivered only once shipped, and closes when it is also paid', () => {
    expect(() => delivered(state({ fulfilment: 'reserved', payment: 'paid' }))).toThrow(DomainError);
    const done = delivered(state({ fulfilment: 'shipped', payment: 'paid' }));
    expect(done.state.status).toBe('delivered');
    expect(closeIfSettled(done.state).state.status).toBe('closed');
    const onCredit = delivered(state({ fulfilment: 'shipped', paymentTerms: 'credit' }));
    expect(closeIfSettled(onCredit.state)).toMatchObject({ state: { status: 'closed' }, transitions: [{ reason: 'delivered on credit terms' }] });
    const unpaid = delivered(state({ fulfilment: 'shipped', paymentTerms: 'prepaid' }));
    expect(closeIfSettled(unpaid.state).transitions).toEqual([]);
    expect(delivered(closeIfSettled(done.state).state).transitions).toEqual([]);
  });

  describe('approval', () => {
    const pending = (approvalLevel: string) => doc({ commercial: 'pending_approval' }, { approvalLevel, placedAt: null });

    it('places the order when someone at its level or higher approves, and tells the others', () => {
      const at = new Date('2026-11-30T08:00:00Z');
      expect(approve(pending('sales_manager'), [line], { userId: 'm-1', roles: ['sales_manager'] }).state.status).toBe('approved');
      const approved = approve(pending('sales_manager'), [line], { userId: 'vp-1', roles: ['sales_vp'] }, undefined, at);
      expect(approved.transitions).toEqual([{ from: 'pending_approval', to: 'approved', reason: 'approved by vp-1' }]);
      expect(approved.state.placedAt).toEqual(at);
      expect(approved.events.map((e) => e.type)).toEqual(['sales.order.placed']);
    });

    it('never lets the creator approve, whatever their roles', () => {
      expect(refusal(() => approve(doc({ commercial: 'pending_approval' }, { approvalLevel: 'sales_manager', createdBy: 'gm-1' }), [line], { userId: 'gm-1', roles: ['general_manager'] }))).toMatchObject({ status: 403, code: 'self-approval' });
    });

    it('refuses an approver below the order\'s level', () => {
      expect(refusal(() => approve(pending('sales_vp'), [line], { userId: 'm-1', roles: ['sales_manager'] }))).toMatchObject({ status: 403, message: 'Order SO-2026-000009 needs approval by a sales vp or higher' });
    });

    it('rejects with the reason kept, and only while pending', () => {
      expect(reject(pending('sales_manager'), { userId: 'm-1', roles: ['sales_manager'] }, 'price too low').transitions[0].reason).toBe('rejected: price too low');
      expect(refusal(() => approve(doc({}, { approvalLevel: 'sales_manager' }), [line], { userId: 'm-1', roles: ['sales_manager'] }))?.status).toBe(409);
      expect(refusal(() => reject(doc({ commercial: 'rejected' }, { approvalLevel: 'sales_manager' }), { userId: 'm-1', roles: ['sales_manager'] }, 'again'))?.status).toBe(409);
    });
  });

  it('tells the others of a cancellation only when they had heard of the order', () => {
    const placed = cancel(doc({ fulfilment: 'reserved' }), 'customer changed their mind', 'refund');
    expect(placed.state.status).toBe('cancelled');
    expect(placed.events).toEqual([{ type: 'sales.order.cancelled', data: { orderId: 'o-1', customerId: 'c-1', reason: 'customer changed their mind', moneyDisposition: 'refund' } }]);
    expect(cancel(doc({ commercial: 'pending_approval' }), 'x', 'refund').events).toEqual([]);
  });

  it('expires a placed prepaid order not paid within the days allowed, and nothing else', () => {
    const placedAt = new Date('2026-11-01T00:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    const base = { paymentTerms: 'prepaid' as const, payment: 'unpaid' as const, status: 'awaiting_payment' as const, placedAt };
    expect(paymentDeadlinePassed(base, new Date(placedAt.getTime() + 7 * day - 1), 7)).toBe(false);
    expect(paymentDeadlinePassed(base, new Date(placedAt.getTime() + 7 * day), 7)).toBe(true);
    expect(paymentDeadlinePassed({ ...base, payment: 'paid' }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, paymentTerms: 'credit' }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, status: 'ready_to_ship' }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, status: 'pending_approval', placedAt: null }, new Date('2027-01-01'), 7)).toBe(false);
    const expired = expire(doc({ fulfilment: 'backordered' }), 7);
    expect(expired).toMatchObject({ state: { status: 'cancelled' }, transitions: [{ reason: 'expired: not paid within 7 days' }] });
    expect(expired.events).toEqual([expect.objectContaining({ type: 'sales.order.cancelled', data: expect.objectContaining({ moneyDisposition: 'keep_as_prepayment' }) })]);
  });

  it('refuses to approve an order for a customer put on credit hold while it waited', () => {
    const pending = doc({ commercial: 'pending_approval' }, { approvalLevel: 'sales_manager', createdBy: 'rep' });
    expect(() => approve(pending, [line], { userId: 'm', roles: ['sales_manager'] }, { onHold: true, holdReason: 'overdue' })).toThrow(/credit hold \(overdue\)/);
    expect(approve(pending, [line], { userId: 'm', roles: ['sales_manager'] }, { onHold: false, holdReason: null }).state.status).toBe('approved');
  });

  it('lets the sales VP, not the creator, approve one written shipping exception for a placed order not yet shipped', () => {
    const placed = doc({ fulfilment: 'reserved' }, { createdBy: 'rep' });
    const excepted = approveShippingException(placed, { userId: 'vp', roles: ['sales_vp'] }, 'paid on Friday');
    expect(excepted.state.shippingException).toBe('paid on Friday');
    expect(excepted.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'shipping exception approved: paid on Friday' }]);
    expect(excepted.events.map((e) => e.type)).toEqual(['sales.order.shipping-exception-approved']);
    expect(() => approveShippingException(placed, { userId: 'm', roles: ['sales_manager'] }, 'x')).toThrow(/sales vp/);
    expect(() => approveShippingException({ ...placed, createdBy: 'vp' }, { userId: 'vp', roles: ['sales_vp'] }, 'x')).toThrow(/someone else/);
    expect(() => approveShippingException({ ...placed, shippingException: 'x' }, { userId: 'vp', roles: ['sales_vp'] }, 'y')).toThrow(/already/);
    expect(() => approveShippingException(doc({ fulfilment: 'shipped' }), { userId: 'vp', roles: ['sales_vp'] }, 'x')).toThrow(/not yet shipped/);
  });

  it('shows the status a person expects for every combination of sub-states', () => {
    expect(statusOf({ commercial: 'pending_approval', payment: 'unpaid', fulfilment: 'unreserved', paymentTerms: 'prepaid' })).toBe('pending_approval');
    expect(statusOf({ commercial: 'placed', payment: 'unpaid', fulfilment: 'shipped_in_part', paymentTerms: 'prepaid' })).toBe('awaiting_payment');
    expect(statusOf({ commercial: 'placed', payment: 'unpaid', fulfilment: 'shipped_in_part', paymentTerms: 'credit' })).toBe('ready_to_ship');
    expect(statusOf({ commercial: 'closed', payment: 'paid', fulfilment: 'delivered', paymentTerms: 'prepaid' })).toBe('closed');
  });
});

describe('made-to-order orders', () => {
  const made = { lineNo: 1, sku: 'MTO', quantity: 2, unitPriceFen: 50_000, lineTotalFen: 100_000, madeToOrder: true };
  const order = (patch: Record<string, unknown> = {}) => ({
    id: 'o-2', number: 'SO-2026-000010', customerId: 'c-1', customerName: 'ACME', customerTaxId: null, salesRep: null, region: null, createdBy: 'rep-1',
    totalFen: 100_000, creditTermsDays: null, paymentTerms: 'prepaid' as const, requestedDate: '2026-12-20', ...patch,
  });
  const confirmation = { documentRef: 'DMS-1', signedBy: '王芳', signedOn: '2026-12-01', recordedBy: 'sales_assistant', recordedAt: '2026-12-01T02:00:00.000Z' };
  const manager = { userId: 'mgr', roles: ['sales_manager'] };

  it('needs a deposit above 0, naming requiredDepositFen; a replacement needs none', () => {
    expect(refusal(() => submit(order({ paymentTerms: 'credit' }), [made]))).toMatchObject({ status: 422, code: 'deposit-required', errors: [{ field: 'requiredDepositFen' }] });
    expect(refusal(() => submit(order({ requiredDepositFen: 0 }), [made]))).toMatchObject({ code: 'deposit-required' });
    expect(submit(order({ requiredDepositFen: 30_000 }), [made]).state.requiredDepositFen).toBe(30_000);
    // A stocked order may still agree no deposit.
    expect(submit(order({ requiredDepositFen: 0 }), [line]).state.requiredDepositFen).toBe(0);
    expect(submit(order({ kind: 'replacement', serviceTicketNumber: 'CS-2026-000001', totalFen: 0 }), [{ ...made, unitPriceFen: 0, lineTotalFen: 0 }]).state.requiredDepositFen).toBe(0);
  });

  it('once agreed waits for the written confirmation, unheard of by the others; the confirmation places it with its made-to-order lines', () => {
    const agreed = submit(order({ requiredDepositFen: 30_000 }), [made, { ...line, lineNo: 2 }]);
    expect(agreed.state).toMatchObject({ status: 'awaiting_confirmation', commercial: 'awaiting_confirmation', madeToOrder: true, placedAt: null });
    expect(agreed.events).toEqual([]);
    const placed = confirmInWriting(agreed.state, [made, { ...line, lineNo: 2 }], confirmation);
    expect(placed.state).toMatchObject({ status: 'in_production', commercial: 'placed', writtenConfirmation: confirmation });
    expect(placed.state.placedAt).toEqual(new Date(confirmation.recordedAt));
    expect(placed.transitions).toEqual([{ from: 'awaiting_confirmation', to: 'in_production', reason: expect.stringContaining('DMS-1') }]);
    expect(placed.events).toEqual([expect.objectContaining({ type: 'sales.order.placed', data: expect.objectContaining({ requestedDate: '2026-12-20', kind: 'sale', requiredDepositFen: 30_000 }) })]);
    const lines = (placed.events[0].data as { lines: Array<{ sku: string; madeToOrder?: boolean }> }).lines;
    expect(lines).toEqual([expect.objectContaining({ sku: 'MTO', madeToOrder: true }), expect.not.objectContaining({ madeToOrder: true })]);
    expect(refusal(() => confirmInWriting(placed.state, [made], confirmation))).toMatchObject({ status: 409, code: 'not-awaiting-confirmation' });
    expect(refusal(() => confirmInWriting(doc(), [line], confirmation))).toMatchObject({ code: 'not-awaiting-confirmation' });
  });

  it('after approval also waits for the confirmation; cancelled while waiting, nobody is told', () => {
    const pending = submit(order({ totalFen: 10_000_000, requiredDepositFen: 30_000 }), [{ ...made, lineTotalFen: 10_000_000 }]);
    expect(pending.state.status).toBe('pending_approval');
    const approved = approve(pending.state, [made], manager);
    expect(approved.state).toMatchObject({ status: 'awaiting_confirmation', placedAt: null });
    expect(approved.events).toEqual([]);
    const cancelled = cancel(approved.state, 'customer withdrew', 'refund');
    expect(cancelled.state.status).toBe('cancelled');
    expect(cancelled.events).toEqual([]);
  });

  it('shows in_production until reserved, then the usual statuses; never expires on the payment deadline', () => {
    expect(statusOf({ commercial: 'placed', payment: 'unpaid', fulfilment: 'unreserved', paymentTerms: 'prepaid', madeToOrder: true })).toBe('in_production');
    expect(statusOf({ commercial: 'placed', payment: 'unpaid', fulfilment: 'reserved', paymentTerms: 'prepaid', madeToOrder: true })).toBe('awaiting_payment');
    expect(statusOf({ commercial: 'awaiting_confirmation', payment: 'unpaid', fulfilment: 'unreserved', paymentTerms: 'prepaid', madeToOrder: true })).toBe('awaiting_confirmation');
    const reserved = doc({ fulfilment: 'reserved', madeToOrder: true });
    expect(reserved.status).toBe('awaiting_payment');
    expect(paymentDeadlinePassed(reserved, new Date('2027-01-01T00:00:00Z'), 7)).toBe(false);
    expect(paymentDeadlinePassed(doc({ fulfilment: 'reserved' }), new Date('2027-01-01T00:00:00Z'), 7)).toBe(true);
  });

  it('keeps the balance notice once, with a line in the history', () => {
    const notice = { balanceFen: 70_000, paidFen: 30_000, totalFen: 100_000, issuedAt: '2026-12-10T02:00:00.000Z' };
    const told = balanceNoticed(doc({ fulfilment: 'reserved', madeToOrder: true }), notice);
    expect(told.state.balanceNotice).toEqual(notice);
    expect(told.transitions).toEqual([{ from: 'awaiting_payment', to: 'awaiting_payment', reason: 'customer told the balance due: ¥700.00 (paid ¥300.00 of ¥1000.00)' }]);
    expect(balanceNoticed(told.state, { ...notice, balanceFen: 1 }).transitions).toEqual([]);
    expect(balanceNoticed(told.state, { ...notice, balanceFen: 1 }).state.balanceNotice).toEqual(notice);
  });

  it('a replacement order waits for the business manager, never its creator, and is placed by the approval without a confirmation', () => {
    const free = { ...made, unitPriceFen: 0, lineTotalFen: 0 };
    const pending = submit(order({ kind: 'replacement', serviceTicketNumber: 'CS-2026-000007', totalFen: 0 }), [free]);
    expect(pending.state).toMatchObject({ status: 'pending_approval', approvalLevel: 'sales_manager', approvalReasons: ['replacement parts for complaint CS-2026-000007'], kind: 'replacement' });
    expect(refusal(() => approve(pending.state, [free], { userId: 'rep-1', roles: ['sales_manager'] }))).toMatchObject({ status: 403 });
    expect(refusal(() => approve(pending.state, [free], { userId: 'rep-2', roles: ['sales_rep'] }))).toMatchObject({ status: 403 });
    const placed = approve(pending.state, [free], manager);
    expect(placed.state.status).toBe('in_production');
    expect(placed.events[0].data).toMatchObject({ kind: 'replacement', requiredDepositFen: 0, totalFen: 0, lines: [expect.objectContaining({ madeToOrder: true })] });
  });

  it('prices replacement lines as given, free by default, and refuses a SKU sales does not know, by line', () => {
    const known = (sku: string): KnownSku | undefined => (sku === 'A' ? { list: { sku, listPriceFen: 12_800, floorPriceFen: 10_000, priceListNumber: 'PL-1' }, madeToOrder: false } : sku === 'MTO' ? { madeToOrder: true } : undefined);
    const { lines, totalFen } = replacementLines([{ sku: 'A', quantity: 2 }, { sku: 'MTO', quantity: 1, unitPriceFen: 500 }], known, 'CS-2026-000007');
    expect(totalFen).toBe(500);
    expect(lines).toEqual([
      expect.objectContaining({ sku: 'A', unitPriceFen: 0, lineTotalFen: 0, listPriceFen: 12_800, madeToOrder: false, priceNote: 'replacement parts for complaint CS-2026-000007, free of charge' }),
      expect.objectContaining({ sku: 'MTO', unitPriceFen: 500, lineTotalFen: 500, listPriceFen: null, priceListNumber: null, madeToOrder: true }),
    ]);
    expect(refusal(() => replacementLines([{ sku: 'A', quantity: 1 }, { sku: 'NOPE', quantity: 1 }], known, 'CS-1'))).toMatchObject({ status: 422, code: 'unknown-sku', errors: [{ field: 'lines[1].sku' }] });
  });
});
