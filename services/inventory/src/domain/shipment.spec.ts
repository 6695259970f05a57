import { DomainError } from '@ops/contracts';
import { planPick, planShipment, type ReservedLine } from './shipment.js';

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
