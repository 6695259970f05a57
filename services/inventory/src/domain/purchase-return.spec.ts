import { DomainError } from '@ops/kernel';
import { approvePurchaseReturn, cancelPurchaseReturn, draftPurchaseReturn, lotsToReturn, returnedKey, shipPurchaseReturn, type DraftRequest, type ReturnableReceipt } from './purchase-return.js';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const receipt: ReturnableReceipt = {
  id: 'r-1', number: 'GR-2026-000001', supplierId: 's-1', warehouseCode: 'MAIN', audited: true,
  lines: [
    { lineNo: 1, sku: 'A', quantity: 10, rejectedQuantity: 2, unitPriceFen: 1_130, location: 'STOCK', batch: '' },
    { lineNo: 2, sku: 'B', quantity: 4, rejectedQuantity: 0, unitPriceFen: 500, location: 'A-01', batch: 'L1' },
  ],
};
const request = (more: Partial<DraftRequest> = {}): DraftRequest => ({
  id: 'pr-1', number: 'PRN-2026-000001', reason: 'Wrong colour', createdBy: 'buyer', defaultWarehouse: 'MAIN', quarantineWarehouse: 'QUARANTINE', receipt, lines: [{ receiptLineNo: 1, quantity: 3 }], ...more,
});

describe('purchase returns', () => {
  it('drafts a return against an audited receipt at its prices, within what it brought in less what went back before', () => {
    const { state, transitions } = draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 3 }, { receiptLineNo: 2, quantity: 4, location: 'A-01', batch: 'L1' }], returnedBefore: new Map([[returnedKey(1, false), 5], [returnedKey(1, true), 2]]) }));
    expect(state).toMatchObject({ status: 'draft', supplierId: 's-1', receiptId: 'r-1', receiptNumber: 'GR-2026-000001', amountFen: 3 * 1_130 + 4 * 500 });
    expect(state.lines).toEqual([
      { lineNo: 1, sku: 'A', warehouseCode: 'MAIN', location: null, batch: null, quantity: 3, unitPriceFen: 1_130, amountFen: 3_390, receiptLineNo: 1, lots: [] },
      { lineNo: 2, sku: 'B', warehouseCode: 'MAIN', location: 'A-01', batch: 'L1', quantity: 4, unitPriceFen: 500, amountFen: 2_000, receiptLineNo: 2, lots: [] },
    ]);
    expect(transitions).toEqual([{ from: 'new', to: 'draft', reason: 'drafted by buyer: 7 unit(s), 5390 fen against GR-2026-000001' }]);
  });

  it('refuses more than is left of a receipt line (this return\'s lines together), another price, a line it does not have', () => {
    // Line 1 brought 8 into MAIN and 2 (rejected) into quarantine: each place is held to its own.
    expect(refusal(() => draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 9 }] })))).toMatchObject({ status: 422, code: 'purchase-return-refused', errors: [{ field: 'lines[0].quantity', message: expect.stringContaining('at most 8') }] });
    expect(refusal(() => draftPurchaseReturn(request({ returnedBefore: new Map([[returnedKey(1, false), 6]]), lines: [{ receiptLineNo: 1, quantity: 2 }, { receiptLineNo: 1, quantity: 1 }] }))).errors).toEqual([
      { field: 'lines[1].quantity', message: expect.stringContaining('at most 2') },
    ]);
    expect(draftPurchaseReturn(request({ returnedBefore: new Map([[returnedKey(1, false), 8]]), lines: [{ receiptLineNo: 1, quantity: 2, warehouseCode: 'QUARANTINE' }] })).state.amountFen).toBe(2_260);
    expect(refusal(() => draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 3, warehouseCode: 'QUARANTINE' }] }))).errors).toEqual([
      { field: 'lines[0].quantity', message: 'GR-2026-000001 line 1 brought 2 of A into QUARANTINE, 0 gone back already: at most 2 can be returned from there' },
    ]);
    expect(refusal(() => draftPurchaseReturn(request({ lines: [{ receiptLineNo: 3, quantity: 1 }, { receiptLineNo: 2, quantity: 1, unitPriceFen: 1 }, { receiptLineNo: 1, quantity: 0 }] }))).errors?.map((e) => e.field))
      .toEqual(['lines[0].receiptLineNo', 'lines[1].unitPriceFen', 'lines[2].quantity']);
    expect(draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 1, warehouseCode: 'QUARANTINE' }] })).state.lines[0].warehouseCode).toBe('QUARANTINE');
    expect(refusal(() => draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 1, warehouseCode: 'NORTH' }] }))).errors).toEqual([{ field: 'lines[0].warehouseCode', message: expect.any(String) }]);
    expect(refusal(() => draftPurchaseReturn(request({ receipt: { ...receipt, audited: false } }))).code).toBe('receipt-not-audited');
    expect(refusal(() => draftPurchaseReturn(request({ receipt: { ...receipt, supplierId: null } }))).code).toBe('receipt-without-supplier');
    expect(refusal(() => draftPurchaseReturn(request({ supplierId: 's-2' }))).errors).toEqual([{ field: 'supplierId', message: expect.any(String) }]);
  });

  it('drafts a return without a receipt from the supplier, SKU and price given', () => {
    const { state } = draftPurchaseReturn(request({ receipt: undefined, supplierId: 's-9', lines: [{ sku: 'C', quantity: 2, unitPriceFen: 250, warehouseCode: 'NORTH' }] }));
    expect(state).toMatchObject({ supplierId: 's-9', receiptId: null, amountFen: 500, lines: [{ sku: 'C', warehouseCode: 'NORTH', unitPriceFen: 250, receiptLineNo: null }] });
    expect(refusal(() => draftPurchaseReturn(request({ receipt: undefined, reason: ' ', lines: [{ quantity: 2 }] }))).errors?.map((e) => e.field)).toEqual(['reason', 'supplierId', 'lines[0].sku', 'lines[0].unitPriceFen']);
  });

  it('is approved by someone other than its author, shipped once approved, cancelled only before it ships', () => {
    const draft = draftPurchaseReturn(request()).state;
    expect(refusal(() => approvePurchaseReturn(draft, 'buyer'))).toMatchObject({ status: 403, code: 'self-approval' });
    expect(refusal(() => shipPurchaseReturn(draft, [], 'keeper')).status).toBe(409);
    const approved = approvePurchaseReturn(draft, 'manager', new Date('2026-11-30T02:00:00Z')).state;
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'manager' });
    expect(refusal(() => approvePurchaseReturn(approved, 'manager')).status).toBe(409);
    const lots = [[{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 3 }]];
    const shipped = shipPurchaseReturn(approved, lots, 'keeper', new Date('2026-11-30T03:00:00Z'));
    expect(shipped.state).toMatchObject({ status: 'shipped', shippedBy: 'keeper', lines: [{ lots: lots[0] }] });
    expect(shipped.events).toEqual([{
      type: 'inventory.purchase-return.shipped', aggregateId: 'pr-1',
      data: {
        purchaseReturnId: 'pr-1', number: 'PRN-2026-000001', supplierId: 's-1', receiptId: 'r-1', receiptNumber: 'GR-2026-000001',
        lines: [{ lineNo: 1, sku: 'A', quantity: 3, unitPriceFen: 1_130, amountFen: 3_390 }], amountFen: 3_390, shippedAt: '2026-11-30T03:00:00.000Z',
      },
    }]);
    expect(refusal(() => cancelPurchaseReturn(shipped.state, 'manager', 'too late')).status).toBe(409);
    expect(cancelPurchaseReturn(approved, 'manager', 'supplier refused').state).toMatchObject({ status: 'cancelled', cancelReason: 'supplier refused' });
    expect(refusal(() => cancelPurchaseReturn(draft, 'manager', ' ')).code).toBe('reason-required');
  });

  it('takes the lot named, or the oldest lots first, and only what no order holds', () => {
    const lots = [
      { sku: 'A', warehouseCode: 'MAIN', location: 'OLD', batch: 'L0', onHand: 2 },
      { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', onHand: 6 },
      { sku: 'A', warehouseCode: 'NORTH', location: 'STOCK', batch: '', onHand: 9 },
    ];
    const free = new Map([['A\u0000MAIN', 5]]);
    const { lines } = draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 3 }, { receiptLineNo: 1, quantity: 1, location: 'STOCK' }] })).state;
    expect(lotsToReturn(lines, lots, free)).toEqual([
      [{ sku: 'A', warehouseCode: 'MAIN', location: 'OLD', batch: 'L0', quantity: 2 }, { sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1 }],
      [{ sku: 'A', warehouseCode: 'MAIN', location: 'STOCK', batch: '', quantity: 1 }],
    ]);
    expect(refusal(() => lotsToReturn(lines, lots, new Map([['A\u0000MAIN', 3]])))).toMatchObject({ code: 'not-enough-to-return', errors: [{ field: 'lines[1].quantity', message: 'only 0 of A in MAIN are free (not held for orders)' }] });
    const named = draftPurchaseReturn(request({ lines: [{ receiptLineNo: 1, quantity: 3, location: 'OLD', batch: 'L0' }] })).state.lines;
    expect(refusal(() => lotsToReturn(named, lots, free)).errors).toEqual([{ field: 'lines[0].quantity', message: 'OLD batch L0 in MAIN holds 2 of A, not 3' }]);
  });
});
