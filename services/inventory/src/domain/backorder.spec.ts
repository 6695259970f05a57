import { DomainError } from '@ops/kernel';
import { BACKORDER, cancelBackorder, fillBackorder, registerBackorder, waitingAhead, waitsFor, type WaitingOrder } from './backorder.js';

describe('backorder (domain.md §4.5)', () => {
  const lines = [{ sku: 'A', quantity: 5 }, { sku: 'B', quantity: 1 }];
  const registered = registerBackorder(7, 'o-1', lines, [{ sku: 'A', requested: 5, available: 2, model: 'LJ-250', version: 'v2' }]);

  it('registers an order stock could not cover at its place in line, and tells sales what is short and that place', () => {
    expect(registered.state).toEqual({ sequence: 7, orderId: 'o-1', lines, status: 'open', filledAt: null });
    expect(registered.transitions).toEqual([{ from: 'new', to: 'open', reason: 'short of A (2 of 5); waits at 7' }]);
    expect(registered.events).toEqual([{
      type: 'inventory.stock.shortage', aggregateId: 'o-1', data: { orderId: 'o-1', sequence: 7, shortages: [{ sku: 'A', requested: 5, available: 2, model: 'LJ-250', version: 'v2' }] },
    }]);
  });

  it('is filled or cancelled once, and waits in the line of each of its SKUs while open', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    const filled = fillBackorder(registered.state, at);
    expect(filled.state).toMatchObject({ status: 'filled', filledAt: at, sequence: 7 });
    expect(filled.transitions).toEqual([{ from: 'open', to: 'filled', reason: 'stock arrived: reserved' }]);
    expect(cancelBackorder(registered.state, 'order cancelled: x').transitions).toEqual([{ from: 'open', to: 'cancelled', reason: 'order cancelled: x' }]);
    expect(() => cancelBackorder(filled.state, 'late')).toThrow(expect.objectContaining({ status: 409, code: 'backorder-transition-refused' }));
    expect(() => fillBackorder(cancelBackorder(registered.state, 'x').state)).toThrow(DomainError);
    expect([waitsFor(registered.state, 'B'), waitsFor(registered.state, 'C'), waitsFor(filled.state, 'A')]).toEqual([true, false, false]);
    expect(BACKORDER.can('filled', 'open')).toBe(false);
  });

  describe('who waits ahead', () => {
    const waiting = (sequence: number, orderId: string, wanted: Array<[string, number]>, status: WaitingOrder['status'] = 'open'): WaitingOrder => ({
      sequence, orderId, status, lines: wanted.map(([sku, quantity]) => ({ sku, quantity })),
    });
    const line = [waiting(3, 'a', [['A', 5]]), waiting(5, 'b', [['A', 2], ['B', 1]]), waiting(6, 'c', [['C', 4]]), waiting(8, 'd', [['A', 1]]), waiting(9, 'e', [['A', 9]], 'filled')];

    it('puts every open backorder of its SKUs ahead of a new order', () => {
      expect(waitingAhead(line, 'new', ['A', 'B', 'X'])).toEqual(new Map([['A', 8], ['B', 1]]));
      expect(waitingAhead(line, 'new', ['X'])).toEqual(new Map());
    });

    it('puts only those registered before it ahead of a backorder, whatever order the line is given in', () => {
      expect(waitingAhead(line, 'a', ['A'])).toEqual(new Map());
      expect(waitingAhead([...line].reverse(), 'b', ['A', 'B'])).toEqual(new Map([['A', 5]]));
      expect(waitingAhead(line, 'd', ['A'])).toEqual(new Map([['A', 7]]));
    });
  });
});
