import type { PurchaseOrder } from './purchase-order.js';
import {
  auditReceipt, isLateReceipt, ledgerLinesOf, overReceived, purchaseLines, receiptAudited, recordReceipt, refuseOverReceipt, STOCK_RECEIPT, workingDaysAfter, type EnteredLine,
} from './stock-receipt.js';

const at = new Date('2026-11-20T08:00:00Z');

describe('goods receipt', () => {
  const lines = [{ sku: 'A', quantity: 2, location: 'STOCK', batch: '' }];
  const saved = recordReceipt({ number: 'GR-2026-000001', lines, createdBy: 'keeper' });

  it('is saved, changing nothing until audited', () => {
    expect(saved.state).toEqual({ number: 'GR-2026-000001', lines, createdBy: 'keeper', status: 'saved', auditedBy: null, auditedAt: null });
    expect(saved.transitions).toEqual([{ from: 'new', to: 'saved', reason: 'recorded by keeper' }]);
  });

  it('is audited once, by someone other than its recorder', () => {
    const audited = auditReceipt(saved.state, 'manager', at);
    expect(audited.state).toMatchObject({ status: 'audited', auditedBy: 'manager', auditedAt: at });
    expect(audited.transitions).toEqual([{ from: 'saved', to: 'audited', reason: 'audited by manager' }]);
    expect(() => auditReceipt(saved.state, 'keeper')).toThrow(expect.objectContaining({ code: 'self-approval', message: expect.stringMatching(/someone else must approve/) }));
    expect(() => auditReceipt(audited.state, 'manager')).toThrow(expect.objectContaining({ status: 409, code: 'receipt-already-audited', message: expect.stringMatching(/already audited/) }));
    expect(STOCK_RECEIPT.can('audited', 'saved')).toBe(false);
  });
});

describe('purchase receipt', () => {
  const order: PurchaseOrder = {
    id: 'po1', number: 'PO-2026-000001', supplierId: 's1', status: 'approved', amountFen: 0, prepaymentFen: 0, reason: null, createdBy: 'buyer', approvedBy: 'pm', approvedAt: null,
    lines: [
      { lineNo: 1, sku: 'A', warehouseCode: 'MAIN', quantity: 10, receivedQuantity: 4, unitPriceFen: 1_130, promisedDate: '2026-12-01' },
      { lineNo: 2, sku: 'B', warehouseCode: 'MAIN', quantity: 5, receivedQuantity: 0, unitPriceFen: 500, promisedDate: '2026-12-01' },
    ],
  };
  const entered = (more: Partial<EnteredLine> = {}): EnteredLine => ({ sku: 'A', quantity: 6, location: 'STOCK', batch: '', poLineNo: 1, cartonsOpened: 1, inspection: 'passed', ...more });

  it('takes the order line\'s price, splits a failed inspection and names every mismatch', () => {
    expect(purchaseLines([entered()], { supplierId: 's1', warehouseCode: 'MAIN', order })).toEqual([
      { sku: 'A', quantity: 6, location: 'STOCK', batch: '', poLineNo: 1, unitPriceFen: 1_130, cartonsOpened: 1, inspection: 'passed', inspectionNote: null, acceptedQuantity: 6, rejectedQuantity: 0 },
    ]);
    const failed = purchaseLines([entered({ inspection: 'failed', inspectionNote: 'wet cartons', rejectedQuantity: 2, unitPriceFen: 1_000 })], { supplierId: 's1', warehouseCode: 'MAIN', order });
    expect(failed[0]).toMatchObject({ acceptedQuantity: 4, rejectedQuantity: 2, unitPriceFen: 1_000, inspectionNote: 'wet cartons' });
    expect(ledgerLinesOf(failed)).toEqual({ accepted: [{ sku: 'A', location: 'STOCK', batch: '', quantity: 4 }], rejected: [{ sku: 'A', location: 'STOCK', batch: '', quantity: 2 }] });
    const wrong = () => purchaseLines(
      [entered({ sku: 'B', cartonsOpened: 0 }), entered({ inspection: 'failed' }), entered({ poLineNo: 9, inspection: undefined })],
      { supplierId: 's2', warehouseCode: 'EAST', order },
    );
    expect(wrong).toThrow(expect.objectContaining({
      code: 'receipt-does-not-match',
      errors: [
        expect.objectContaining({ field: 'supplierId' }), expect.objectContaining({ field: 'lines[0].sku' }), expect.objectContaining({ field: 'warehouseCode' }),
        expect.objectContaining({ field: 'lines[0].cartonsOpened' }), expect.objectContaining({ field: 'warehouseCode' }), expect.objectContaining({ field: 'lines[1].inspectionNote' }),
        expect.objectContaining({ field: 'lines[1].rejectedQuantity' }), expect.objectContaining({ field: 'lines[2].poLineNo' }), expect.objectContaining({ field: 'lines[2].unitPriceFen' }),
        expect.objectContaining({ field: 'lines[2].inspection' }),
      ],
    }) as Error);
    expect(() => purchaseLines([entered()], { supplierId: 's1', warehouseCode: 'MAIN', order: { ...order, status: 'cancelled' } })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'purchaseOrderId' })] }) as Error);
    expect(() => purchaseLines([entered({ poLineNo: undefined })], { supplierId: null, warehouseCode: 'MAIN', order: null })).toThrow(expect.objectContaining({ code: 'receipt-does-not-match' }) as Error);
    expect(purchaseLines([{ sku: 'A', quantity: 1, location: 'STOCK', batch: '' }], { supplierId: null, warehouseCode: 'MAIN', order: null })).toEqual([{ sku: 'A', quantity: 1, location: 'STOCK', batch: '' }]);
  });

  it('needs a purchasing manager to receive more than the order has still to come', () => {
    const lines = purchaseLines([entered({ quantity: 7 }), entered({ sku: 'B', poLineNo: 2, quantity: 5 })], { supplierId: 's1', warehouseCode: 'MAIN', order });
    expect(overReceived(order, lines)).toEqual([{ lineNo: 1, remaining: 6, delivered: 7 }]);
    expect(() => refuseOverReceipt(order, { number: 'GR-1', lines }, ['warehouse_manager'])).toThrow(expect.objectContaining({ status: 403, code: 'over-receipt-needs-purchasing-manager' }) as Error);
    expect(() => refuseOverReceipt(order, { number: 'GR-1', lines }, ['purchasing_manager'])).not.toThrow();
    expect(() => refuseOverReceipt(order, { number: 'GR-1', lines: lines.slice(1) }, ['warehouse_manager'])).not.toThrow();
  });

  it('tells finance each line\'s quantity × price of a supplier receipt once audited, and nothing for others', () => {
    const lines = purchaseLines([entered({ quantity: 3, inspection: 'failed', inspectionNote: 'dented', rejectedQuantity: 1 }), entered({ sku: 'B', poLineNo: 2, quantity: 5 })], { supplierId: 's1', warehouseCode: 'MAIN', order });
    const receipt = { id: 'r1', number: 'GR-1', warehouseCode: 'MAIN', status: 'audited' as const, lines, createdBy: 'k', auditedBy: 'm', auditedAt: at, supplierId: 's1', purchaseOrderId: 'po1' };
    expect(receiptAudited(receipt, order)).toEqual({
      type: 'inventory.receipt.audited',
      data: {
        receiptId: 'r1', receiptNumber: 'GR-1', supplierId: 's1', purchaseOrderId: 'po1', purchaseOrderNumber: 'PO-2026-000001', warehouseCode: 'MAIN', auditedAt: at.toISOString(),
        lines: [{ lineNo: 1, sku: 'A', quantity: 3, unitPriceFen: 1_130, amountFen: 3_390 }, { lineNo: 2, sku: 'B', quantity: 5, unitPriceFen: 500, amountFen: 2_500 }],
        amountFen: 5_890,
      },
    });
    expect(receiptAudited({ ...receipt, supplierId: null }, null)).toBeNull();
  });

  it('is late when recorded more than one working day after the goods arrived', () => {
    expect(workingDaysAfter('2026-11-27', '2026-11-30')).toBe(1); // Friday to Monday
    expect(workingDaysAfter('2026-11-30', '2026-12-02')).toBe(2);
    expect(isLateReceipt(new Date('2026-11-27T02:00:00Z'), new Date('2026-11-30T09:00:00Z'))).toBe(false);
    expect(isLateReceipt(new Date('2026-11-26T02:00:00Z'), new Date('2026-11-30T09:00:00Z'))).toBe(true);
    // 23:30 Monday in Shanghai is Monday, recorded Wednesday morning: two working days later.
    expect(isLateReceipt(new Date('2026-11-30T15:30:00Z'), new Date('2026-12-02T01:00:00Z'))).toBe(true);
    expect(isLateReceipt(null, new Date())).toBe(false);
  });
});
