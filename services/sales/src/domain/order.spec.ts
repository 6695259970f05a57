import { DomainError } from '@ops/contracts';
import { canTransition, closeIfSettled, delivered, paymentConfirmed, priceLines, shipped, stockReserved, stockShort, submit, type OrderState } from './order.js';

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
});
