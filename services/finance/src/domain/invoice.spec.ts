import { DomainError } from '@ops/kernel';
import { INVOICE, issueInvoice, voidInvoice } from './invoice.js';

const issued = () => issueInvoice({
  id: 'invoice-1', number: 'INV-2026-000001', series: 'INV', orderId: 'order-1', shipmentId: null, customerId: 'customer-1', customerName: '晨光', amountFen: 22_600, issuedBy: 'cashier-1',
}, 'issued by hand');

describe('an invoice', () => {
  it('is issued in the name on the order, for what it bills', () => {
    expect(issued()).toEqual({
      state: expect.objectContaining({ status: 'issued', customerName: '晨光', voidReason: null, voidedBy: null, voidedAt: null }),
      transitions: [{ from: 'new', to: 'issued', reason: '226.00 issued: issued by hand' }],
      events: [],
    });
  });

  it('is voided once, with who and why, never changed back', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    const voided = voidInvoice(issued().state, 'Wrong tax number printed', 'finance-manager-1', at);
    expect(voided.state).toMatchObject({ status: 'voided', voidReason: 'Wrong tax number printed', voidedBy: 'finance-manager-1', voidedAt: at, number: 'INV-2026-000001' });
    expect(voided.transitions).toEqual([{ from: 'issued', to: 'voided', reason: 'voided: Wrong tax number printed' }]);
    expect(() => voidInvoice(voided.state, 'again', 'finance-manager-1')).toThrow(DomainError);
    expect(() => voidInvoice(voided.state, 'again', 'finance-manager-1')).toThrow('Invoice INV-2026-000001 was voided by finance-manager-1: Wrong tax number printed');
    expect(INVOICE.can('voided', 'issued')).toBe(false);
  });
});
