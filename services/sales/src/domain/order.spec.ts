import { DomainError } from '@ops/contracts';
import { approve, canTransition, closeIfSettled, delivered, reject, paymentConfirmed, priceLines, shipped, stockReserved, stockShort, submit, type OrderState } from './order.js';

const order = (patch: Partial<OrderState> = {}): OrderState => ({ status: 'approved', paymentTerms: 'prepaid', stockReserved: false, paid: false, ...patch });

describe('order', () => {
  it('prices lines in fen and refuses a SKU on two lines', () => {
    expect(priceLines([{ sku: 'A', quantity: 3, unitPriceFen: 12_800 }, { sku: 'B', quantity: 1, unitPriceFen: 1 }])).toEqual({
      totalFen: 38_401,
      lines: [
        { lineNo: 1, sku: 'A', quantity: 3, unitPriceFen: 12_800, lineTotalFen: 38_400 },
        { lineNo: 2, sku: 'B', quantity: 1, unitPriceFen: 1, lineTotalFen: 1 },
      ],
    });
    expect(() => priceLines([{ sku: 'A', quantity: 1, unitPriceFen: 1 }, { sku: 'A', quantity: 2, unitPriceFen: 1 }])).toThrow(DomainError);
  });

  it('is placed at once below the first approval tier and waits for approval above it', () => {
    expect(submit(9_999_999).status).toBe('approved');
    expect(submit(10_000_000)).toMatchObject({ status: 'pending_approval', approval: 'sales_manager' });
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
});
