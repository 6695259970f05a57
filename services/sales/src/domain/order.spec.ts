import { DomainError } from '@ops/contracts';
import { approve, approveShippingException, cancel, canTransition, expire, paymentDeadlinePassed, closeIfSettled, delivered, reject, paymentConfirmed, priceLines, shipped, stockReserved, stockShort, submit, type OrderState } from './order.js';

const order = (patch: Partial<OrderState> = {}): OrderState => ({ status: 'approved', paymentTerms: 'prepaid', stockReserved: false, paid: false, ...patch });

describe('order', () => {
  const prices: Record<string, { listPriceFen: number; floorPriceFen: number }> = { A: { listPriceFen: 12_800, floorPriceFen: 10_000 }, B: { listPriceFen: 1, floorPriceFen: 1 } };
  const listPrice = (sku: string) => (prices[sku] ? { sku, ...prices[sku], priceListNumber: 'PL-2026-000001' } : undefined);

  it('prices lines from the list in fen, keeps an agreed price, and refuses a SKU on two lines', () => {
    expect(priceLines([{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }], listPrice)).toEqual({
      totalFen: 38_401,
      discount: 'none',
      lines: [
        { lineNo: 1, sku: 'A', quantity: 3, unitPriceFen: 12_800, lineTotalFen: 38_400, listPriceFen: 12_800, floorPriceFen: 10_000, priceListNumber: 'PL-2026-000001' },
        { lineNo: 2, sku: 'B', quantity: 1, unitPriceFen: 1, lineTotalFen: 1, listPriceFen: 1, floorPriceFen: 1, priceListNumber: 'PL-2026-000001' },
      ],
    });
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 12_416 }], listPrice).discount).toBe('sales_manager');
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 12_415 }], listPrice).discount).toBe('sales_vp');
    expect(priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 9_999 }, { sku: 'B', quantity: 1 }], listPrice).discount).toBe('general_manager');
    expect(() => priceLines([{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 2 }], listPrice)).toThrow(DomainError);
  });

  it('refuses a SKU without a valid list price, naming each such line', () => {
    const error = (() => { try { priceLines([{ sku: 'A', quantity: 1 }, { sku: 'NOPE', quantity: 1 }], listPrice); } catch (e) { return e as DomainError; } })();
    expect(error).toMatchObject({ kind: 'rule_violated', code: 'no-list-price', errors: [{ field: 'lines[1].sku' }] });
  });

  it('is placed at once below the first approval tier and waits for approval above it', () => {
    expect(submit({ totalFen: 9_999_999, paymentTerms: 'prepaid' }).status).toBe('approved');
    expect(submit({ totalFen: 10_000_000, paymentTerms: 'prepaid' })).toMatchObject({ status: 'pending_approval', approval: { level: 'sales_manager' } });
  });

  it('waits for the highest level any rule asks for, and says each reason', () => {
    const { status, approval, transition } = submit({ totalFen: 10_000_000, paymentTerms: 'credit', discount: 'sales_manager' }, { kind: 'needs_sales_vp', reason: 'the customer has an overdue credit sale' });
    expect(status).toBe('pending_approval');
    expect(approval.level).toBe('sales_vp');
    expect(approval.reasons).toEqual(['the total needs sales manager approval', 'a discount of up to 3% off the list price', 'the customer has an overdue credit sale']);
    expect(transition.reason).toContain('needs sales vp approval');
    expect(submit({ totalFen: 1, paymentTerms: 'prepaid', discount: 'general_manager' }).approval.level).toBe('general_manager');
  });

  it('refuses an order the credit rules refuse', () => {
    expect(() => submit({ totalFen: 1, paymentTerms: 'credit' }, { kind: 'refused', reason: 'grade D customers pay before delivery' })).toThrow(/grade D/);
  });

  it('waits for payment once reserved when prepaid, and goes straight to shipping on credit', () => {
    expect(stockReserved(order()).state.status).toBe('awaiting_payment');
    expect(stockReserved(order({ paymentTerms: 'credit' })).state.status).toBe('ready_to_ship');
  });

  it('keeps a payment that arrives before the reservation, and becomes ready to ship when reserved', () => {
    const paid = paymentConfirmed(order());
    expect(paid.state).toMatchObject({ status: 'approved', paid: true });
    expect(paid.transition).toBeUndefined();
    expect(stockReserved(paid.state).state.status).toBe('ready_to_ship');
  });

  it('becomes ready to ship when an awaited payment is confirmed', () => {
    const { state, transition } = paymentConfirmed(order({ status: 'awaiting_payment', stockReserved: true }));
    expect(state.status).toBe('ready_to_ship');
    expect(transition).toEqual({ from: 'awaiting_payment', to: 'ready_to_ship', reason: 'payment confirmed' });
  });

  it('is backordered when stock is short, and reserved later from there', () => {
    const short = stockShort(order());
    expect(short.state.status).toBe('backordered');
    expect(stockReserved(short.state).state.status).toBe('awaiting_payment');
  });

  it('takes a shipment as a fact, once', () => {
    const first = shipped(order({ status: 'ready_to_ship', stockReserved: true, paid: true }));
    expect(first.state.status).toBe('shipped');
    expect(shipped(first.state).transition).toBeUndefined();
  });

  it('ignores a late reservation after shipping', () => {
    expect(stockReserved(order({ status: 'shipped', stockReserved: false })).transition).toBeUndefined();
  });

  it('refuses transitions out of terminal states', () => {
    expect(canTransition('cancelled', 'approved')).toBe(false);
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(() => shipped(order({ status: 'cancelled' }))).toThrow(DomainError);
  });

  it('stays where it is on a partial shipment, ships on the last one, and can no longer be cancelled once part has left', () => {
    const part = shipped(order({ status: 'ready_to_ship', stockReserved: true, paid: true }), false);
    expect(part).toMatchObject({ state: { status: 'ready_to_ship', shippedInPart: true }, transition: undefined });
    expect(() => cancel(part.state, 'x')).toThrow(/can no longer be cancelled/);
    expect(shipped(part.state, true).state.status).toBe('shipped');
    expect(() => shipped(order({ status: 'cancelled' }), false)).toThrow(DomainError);
  });

  it('is delivered only once shipped, and closes when it is also paid', () => {
    expect(() => delivered(order({ status: 'ready_to_ship', paid: true }))).toThrow(DomainError);
    const done = delivered(order({ status: 'shipped', paid: true }));
    expect(done.state.status).toBe('delivered');
    expect(closeIfSettled(done.state).state.status).toBe('closed');
    const unpaid = delivered(order({ status: 'shipped', paymentTerms: 'credit', paid: false }));
    expect(closeIfSettled(unpaid.state).transition).toBeUndefined();
    expect(delivered(closeIfSettled(done.state).state).transition).toBeUndefined();
  });

  describe('approval', () => {
    const pending = (approvalLevel: string) => ({ ...order({ status: 'pending_approval' }), number: 'SO-2026-000009', createdBy: 'rep-1', approvalLevel });
    const problemOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as DomainError).toProblem();
      }
      return undefined;
    };

    it('places the order when someone at its level or higher approves', () => {
      expect(approve(pending('sales_manager'), { userId: 'm-1', roles: ['sales_manager'] }).state.status).toBe('approved');
      expect(approve(pending('sales_manager'), { userId: 'vp-1', roles: ['sales_vp'] }).transition).toEqual({ from: 'pending_approval', to: 'approved', reason: 'approved by vp-1' });
    });

    it('never lets the creator approve, whatever their roles', () => {
      expect(problemOf(() => approve({ ...pending('sales_manager'), createdBy: 'gm-1' }, { userId: 'gm-1', roles: ['general_manager'] }))).toMatchObject({ status: 403, type: expect.stringContaining('self-approval') });
    });

    it('refuses an approver below the order\'s level', () => {
      expect(problemOf(() => approve(pending('sales_vp'), { userId: 'm-1', roles: ['sales_manager'] }))).toMatchObject({ status: 403, detail: 'Order SO-2026-000009 needs approval by a sales vp or higher' });
    });

    it('rejects with the reason kept, and only while pending', () => {
      expect(reject(pending('sales_manager'), { userId: 'm-1', roles: ['sales_manager'] }, 'price too low').transition?.reason).toBe('rejected: price too low');
      expect(problemOf(() => approve({ ...pending('sales_manager'), status: 'approved' }, { userId: 'm-1', roles: ['sales_manager'] }))?.status).toBe(409);
    });
  });

  it('expires a placed prepaid order not paid within the days allowed, and nothing else', () => {
    const placedAt = new Date('2026-11-01T00:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    const base = { paymentTerms: 'prepaid' as const, paid: false, status: 'awaiting_payment' as const, placedAt };
    expect(paymentDeadlinePassed(base, new Date(placedAt.getTime() + 7 * day - 1), 7)).toBe(false);
    expect(paymentDeadlinePassed(base, new Date(placedAt.getTime() + 7 * day), 7)).toBe(true);
    expect(paymentDeadlinePassed({ ...base, paid: true }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, paymentTerms: 'credit' }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, status: 'ready_to_ship' }, new Date('2027-01-01'), 7)).toBe(false);
    expect(paymentDeadlinePassed({ ...base, status: 'pending_approval', placedAt: null }, new Date('2027-01-01'), 7)).toBe(false);
    expect(expire(order({ status: 'backordered' }), 7)).toMatchObject({ state: { status: 'cancelled' }, transition: { reason: 'expired: not paid within 7 days' } });
  });

  it('refuses to approve an order for a customer put on credit hold while it waited', () => {
    const pending = { ...order({ status: 'pending_approval' }), number: 'SO-1', createdBy: 'rep', approvalLevel: 'sales_manager' };
    expect(() => approve(pending, { userId: 'm', roles: ['sales_manager'] }, { onHold: true, holdReason: 'overdue' })).toThrow(/credit hold \(overdue\)/);
    expect(approve(pending, { userId: 'm', roles: ['sales_manager'] }, { onHold: false, holdReason: null }).state.status).toBe('approved');
  });

  it('lets the sales VP, not the creator, approve one written shipping exception for a placed order not yet shipped', () => {
    const placed = { ...order({ status: 'awaiting_payment' }), number: 'SO-1', createdBy: 'rep', shippingException: null };
    expect(() => approveShippingException(placed, { userId: 'vp', roles: ['sales_vp'] })).not.toThrow();
    expect(() => approveShippingException(placed, { userId: 'm', roles: ['sales_manager'] })).toThrow(/sales vp/);
    expect(() => approveShippingException({ ...placed, createdBy: 'vp' }, { userId: 'vp', roles: ['sales_vp'] })).toThrow(/someone else/);
    expect(() => approveShippingException({ ...placed, shippingException: 'x' }, { userId: 'vp', roles: ['sales_vp'] })).toThrow(/already/);
    expect(() => approveShippingException({ ...placed, status: 'shipped' }, { userId: 'vp', roles: ['sales_vp'] })).toThrow(/not yet shipped/);
  });
});
