import { DomainError } from '@ops/contracts';
import { planShipment, type ReservedLine } from './shipment.js';

const reserved: ReservedLine = { sku: 'A', warehouseCode: 'MAIN', quantity: 2, status: 'reserved' };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('shipping an order', () => {
  it('ships what is reserved for a released order', () => {
    expect(planShipment({ orderId: 'o', released: true, pieces: 1, reservations: [reserved] })).toEqual([reserved]);
  });

  it('refuses an order finance has not released: no goods leave before money arrives', () => {
    expect(code(() => planShipment({ orderId: 'o', released: false, pieces: 1, reservations: [reserved] }))).toBe('order-not-released');
  });

  it('refuses an order with nothing reserved, or one already shipped', () => {
    expect(code(() => planShipment({ orderId: 'o', released: true, pieces: 1, reservations: [] }))).toBe('nothing-reserved');
    expect(code(() => planShipment({ orderId: 'o', released: true, pieces: 1, reservations: [{ ...reserved, status: 'shipped' }] }))).toBe('order-already-shipped');
  });

  it('needs a positive piece count', () => {
    expect(code(() => planShipment({ orderId: 'o', released: true, pieces: 0, reservations: [reserved] }))).toBe('pieces-required');
  });
});
