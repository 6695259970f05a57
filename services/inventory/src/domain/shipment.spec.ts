import { DomainError } from '@ops/kernel';
import { GOOD_STANDING } from './release-policy.js';
import { assertPickable, confirmDelivery, dispatch, pickReadiness, planPick, planShipment, shippable, SHIPMENT, type PickGate, type ReservedLine } from './shipment.js';

const line = (sku: string, quantity: number, shippedQuantity = 0, status: ReservedLine['status'] = 'reserved'): ReservedLine => ({ sku, warehouseCode: 'MAIN', quantity, shippedQuantity, status });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('picking and shipping an order, whole or in part', () => {
  it('picks everything still to ship, or the part asked for', () => {
    const reserved = [line('A', 5, 2), line('B', 1)];
    expect(planPick('o', reserved)).toEqual([{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }, { sku: 'B', warehouseCode: 'MAIN', quantity: 1 }]);
    expect(planPick('o', reserved, [{ sku: 'A', quantity: 3 }])).toEqual([{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }]);
  });

  it('refuses to pick more than is left of a line, or a SKU not on the order, naming the line', () => {
    try {
      planPick('o', [line('A', 5, 2)], [{ sku: 'A', quantity: 4 }, { sku: 'C', quantity: 1 }]);
      throw new Error('accepted');
    } catch (e) {
      expect((e as DomainError).errors!.map((x) => x.field)).toEqual(['lines[0].quantity', 'lines[1].sku']);
    }
  });

  it('says why nothing can be picked: not yet reserved, or all shipped', () => {
    expect(code(() => planPick('o', []))).toBe('stock-not-reserved');
    expect(code(() => planPick('o', [line('A', 2, 2, 'shipped')]))).toBe('order-already-shipped');
  });

  it('ships the packed goods and says whether the order is complete', () => {
    const reservations = [line('A', 5, 2), line('B', 1)];
    expect(planShipment({ orderId: 'o', pieces: 1, reservations, packed: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }] }).complete).toBe(false);
    expect(planShipment({ orderId: 'o', pieces: 1, reservations, packed: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }, { sku: 'B', warehouseCode: 'MAIN', quantity: 1 }] }).complete).toBe(true);
  });

  it('needs a positive piece count and a reservation that still covers the goods', () => {
    expect(code(() => planShipment({ orderId: 'o', pieces: 0, reservations: [line('A', 1)], packed: [] }))).toBe('pieces-required');
    expect(code(() => planShipment({ orderId: 'o', pieces: 1, reservations: [line('A', 1, 0, 'released')], packed: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 1 }] }))).toBe('reservation-changed');
  });
});

describe('a shipment and its delivery receipt', () => {
  const shippedAt = new Date('2026-11-20T08:00:00Z');
  const packed = { id: 'pk-1', number: 'PK-2026-000001', pieces: 2, lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }] };
  const base = { id: 's-1', number: 'SH-2026-000001', orderId: 'o-1', carrier: 'SF Express', trackingNumber: 'SF1', pieces: 2, shippedBy: 'keeper', shippedAt };
  const reservations = [line('A', 5, 2), line('B', 1)];

  it('leaves with the packed list and tells the others, saying whether the order is complete', () => {
    const step = dispatch({ ...base, reservations, packed });
    expect(step.state).toMatchObject({ status: 'shipped', pickListId: 'pk-1', lines: packed.lines, deliveredAt: null });
    expect(step.complete).toBe(false);
    expect(step.transitions).toEqual([{ from: 'new', to: 'shipped', reason: 'SF Express SF1, 2 pieces, part of the order' }]);
    expect(step.events).toEqual([{
      type: 'inventory.goods.shipped',
      data: { shipmentId: 's-1', shipmentNumber: 'SH-2026-000001', orderId: 'o-1', carrier: 'SF Express', trackingNumber: 'SF1', pieces: 2, shippedAt: shippedAt.toISOString(), lines: [{ sku: 'A', quantity: 3 }], complete: false },
    }]);
  });

  it('refuses an order with nothing packed, nothing left, or other pieces than packed', () => {
    expect(code(() => dispatch({ ...base, reservations, packed: null }))).toBe('not-packed');
    expect(code(() => dispatch({ ...base, reservations: [line('A', 2, 2, 'shipped')], packed: null }))).toBe('order-already-shipped');
    expect(code(() => dispatch({ ...base, pieces: 3, reservations, packed }))).toBe('pieces-differ');
    expect(code(() => dispatch({ ...base, reservations: [line('A', 2)], packed }))).toBe('reservation-changed');
    // Asked alone, before the shipment has a number, the same refusals.
    const { number: _, ...unnumbered } = base;
    expect(code(() => shippable({ ...unnumbered, reservations, packed: null }))).toBe('not-packed');
    expect(code(() => shippable({ ...unnumbered, pieces: 3, reservations, packed }))).toBe('pieces-differ');
    expect(code(() => shippable({ ...unnumbered, reservations: [line('A', 2)], packed }))).toBe('reservation-changed');
    expect(shippable({ ...unnumbered, reservations, packed })).toMatchObject({ packed, complete: false });
  });

  it('is signed for once, not before it left, and sales hears of it', () => {
    const shipped = dispatch({ ...base, reservations, packed }).state;
    const signedAt = new Date('2026-11-21T06:30:00Z');
    const step = confirmDelivery(shipped, '王芳', signedAt);
    expect(step.state).toMatchObject({ status: 'delivered', deliverySignedBy: '王芳', deliveredAt: signedAt });
    expect(step.transitions).toEqual([{ from: 'shipped', to: 'delivered', reason: 'delivery receipt signed by 王芳' }]);
    expect(step.events).toEqual([{ type: 'inventory.delivery.confirmed', data: { shipmentId: 's-1', orderId: 'o-1', signedBy: '王芳', signedAt: signedAt.toISOString() } }]);
    expect(code(() => confirmDelivery(step.state, '王芳', signedAt))).toBe('already-delivered');
    expect(code(() => confirmDelivery(shipped, '王芳', new Date('2026-11-19T00:00:00Z')))).toBe('signed-before-shipping');
    expect(SHIPMENT.can('delivered', 'shipped')).toBe(false);
  });

  describe('whether a pick list may be made now', () => {
    const gate = (over: Partial<PickGate> = {}): PickGate => ({
      orderId: 'o', release: { basis: 'payment' }, customer: GOOD_STANDING, reservations: [line('A', 2)], pickListInProgress: false, ...over,
    });

    it('is ready once released and reserved, with what the list would take', () => {
      expect(pickReadiness(gate())).toEqual({ ready: true, lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 2 }] });
    });

    it('names what stops it, in the order making the list would refuse it', () => {
      const blocked = (over: Partial<PickGate>) => {
        const answer = pickReadiness(gate(over));
        return answer.ready ? 'ready' : answer.blockedBy;
      };
      expect(blocked({ release: null, reservations: [] })).toBe('order-not-released');
      expect(blocked({ customer: { overdue: false, creditHold: { reason: 'unpaid since June' } }, pickListInProgress: true })).toBe('customer-on-credit-hold');
      expect(blocked({ release: { basis: 'credit_terms' }, customer: { overdue: true, creditHold: null } })).toBe('customer-overdue');
      expect(blocked({ release: { basis: 'payment' }, customer: { overdue: true, creditHold: null } })).toBe('ready');
      expect(blocked({ pickListInProgress: true, reservations: [] })).toBe('pick-list-exists');
      expect(blocked({ reservations: [] })).toBe('stock-not-reserved');
      expect(blocked({ reservations: [line('A', 2, 2, 'shipped')] })).toBe('order-already-shipped');
    });

    it('refuses the same way when a pick list is asked for, and plans the part asked', () => {
      expect(code(() => assertPickable(gate({ pickListInProgress: true })))).toBe('pick-list-exists');
      expect(assertPickable(gate({ reservations: [line('A', 2), line('B', 3)] }), [{ sku: 'B', quantity: 1 }])).toEqual([{ sku: 'B', warehouseCode: 'MAIN', quantity: 1 }]);
    });
  });
});
