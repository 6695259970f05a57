import { DomainError } from '@ops/kernel';
import { BACKORDER, cancelBackorder, fillBackorder, registerBackorder, waitsFor } from './backorder.js';

describe('backorder (domain.md §4.5)', () => {
  const lines = [{ sku: 'A', quantity: 5 }, { sku: 'B', quantity: 1 }];
  const registered = registerBackorder('o-1', lines, [{ sku: 'A', requested: 5, available: 2, model: 'LJ-250', version: 'v2' }]);

  it('registers an order stock could not cover, and tells sales what is short', () => {
    expect(registered.state).toEqual({ orderId: 'o-1', lines, status: 'open', filledAt: null });
    expect(registered.transitions).toEqual([{ from: 'new', to: 'open', reason: 'short of A (2 of 5)' }]);
    expect(registered.events).toEqual([{ type: 'inventory.stock.shortage', aggregateId: 'o-1', data: { orderId: 'o-1', shortages: [{ sku: 'A', requested: 5, available: 2, model: 'LJ-250', version: 'v2' }] } }]);
  });

  it('is filled or cancelled once, and waits in the line of each of its SKUs while open', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    const filled = fillBackorder(registered.state, at);
    expect(filled.state).toMatchObject({ status: 'filled', filledAt: at });
    expect(filled.transitions).toEqual([{ from: 'open', to: 'filled', reason: 'stock arrived: reserved' }]);
    expect(cancelBackorder(registered.state, 'order cancelled: x').transitions).toEqual([{ from: 'open', to: 'cancelled', reason: 'order cancelled: x' }]);
    expect(() => cancelBackorder(filled.state, 'late')).toThrow(expect.objectContaining({ status: 409, code: 'backorder-transition-refused' }));
    expect(() => fillBackorder(cancelBackorder(registered.state, 'x').state)).toThrow(DomainError);
    expect([waitsFor(registered.state, 'B'), waitsFor(registered.state, 'C'), waitsFor(filled.state, 'A')]).toEqual([true, false, false]);
    expect(BACKORDER.can('filled', 'open')).toBe(false);
  });
});
