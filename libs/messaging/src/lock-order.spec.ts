import { inLockOrder } from './lock-order.js';

describe('inLockOrder', () => {
  it('orders by the locked row\'s key, keeping the events of one row in the order they came', () => {
    const events = [
      { order: 'o-3', seq: 1 },
      { order: 'o-1', seq: 2 },
      { order: 'o-3', seq: 3 },
      { order: 'o-2', seq: 4 },
      { order: 'o-1', seq: 5 },
    ];
    expect(inLockOrder(events, (e) => e.order).map((e) => e.seq)).toEqual([2, 5, 4, 1, 3]);
  });

  it('gives two batches that share rows the same order, whatever order each came in', () => {
    const first = inLockOrder(['b', 'c', 'a'], (k) => k);
    const second = inLockOrder(['c', 'a', 'b'], (k) => k);
    expect(first).toEqual(second);
  });

  it('compares keys by code unit, not by locale (the same order in every process)', () => {
    expect(inLockOrder(['a', 'B', 'b', 'A'], (k) => k)).toEqual(['A', 'B', 'a', 'b']);
  });
});
