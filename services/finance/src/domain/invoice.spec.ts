import { DomainError } from '@ops/kernel';
import fc from 'fast-check';
import { ADJUSTMENT_SKU, INVOICE, invoiceLines, issueInvoice, voidInvoice } from './invoice.js';
import { splitVat } from './journal.js';

const SELLER = { name: '示例贸易有限公司', taxId: '91310000MA1FL8XQ30', address: '上海市', bankAccount: '6222 0000 0000 0001' };

const issued = () => issueInvoice({
  id: 'invoice-1', number: 'INV-2026-000001', series: 'INV', orderId: 'order-1', shipmentId: null, customerId: 'customer-1', customerName: '晨光', amountFen: 22_600, issuedBy: 'cashier-1',
  lines: invoiceLines([{ sku: 'SKU-TEA-001', quantity: 2, unitPriceFen: 11_300 }], 22_600), buyerTaxId: null, seller: SELLER,
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

describe('the lines of an invoice', () => {
  it('bills the goods at their prices, with the 13 % VAT in each line', () => {
    expect(invoiceLines([{ sku: 'SKU-TEA-001', quantity: 2, unitPriceFen: 11_300 }, { sku: 'SKU-CUP-002', quantity: 1, unitPriceFen: 5_650 }], 28_250)).toEqual([
      { lineNo: 1, sku: 'SKU-TEA-001', quantity: 2, unitPriceFen: 11_300, amountFen: 22_600, netFen: 20_000, vatRatePercent: 13, vatFen: 2_600 },
      { lineNo: 2, sku: 'SKU-CUP-002', quantity: 1, unitPriceFen: 5_650, amountFen: 5_650, netFen: 5_000, vatRatePercent: 13, vatFen: 650 },
    ]);
  });

  it('shows a difference between the goods and the amount billed as one adjustment line', () => {
    const lines = invoiceLines([{ sku: 'SKU-TEA-001', quantity: 3, unitPriceFen: 11_300 }], 22_600);
    expect(lines.map((l) => [l.sku, l.amountFen])).toEqual([['SKU-TEA-001', 33_900], [ADJUSTMENT_SKU, -11_300]]);
  });

  it('always adds up to the invoice, and its VAT to what the journal books', () => {
    const goods = fc.array(fc.record({ sku: fc.constantFrom('A', 'B', 'C'), quantity: fc.integer({ min: 0, max: 50 }), unitPriceFen: fc.integer({ min: 1, max: 2_000_000 }) }), { maxLength: 8 });
    fc.assert(fc.property(goods, fc.integer({ min: 1, max: 100_000_000 }), (g, amountFen) => {
      const lines = invoiceLines(g, amountFen);
      const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
      expect(sum((l) => l.amountFen)).toBe(amountFen);
      expect(sum((l) => l.vatFen)).toBe(splitVat(amountFen).vatFen);
      expect(sum((l) => l.netFen)).toBe(splitVat(amountFen).netFen);
      for (const l of lines) expect(l.netFen + l.vatFen).toBe(l.amountFen);
    }));
  });
});
