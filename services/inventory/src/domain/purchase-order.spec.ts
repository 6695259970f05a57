import { yuan } from '@ops/kernel';
import {
  approvePurchaseOrder, cancelPurchaseOrder, closePurchaseOrder, draftPurchaseOrder, PURCHASE_ORDER, receiveAgainst, requiredPurchaseApproval, type DraftLine,
} from './purchase-order.js';

describe('purchase order', () => {
  const line = (sku: string, quantity: number, unitPriceFen: number): DraftLine => ({ sku, warehouseCode: 'MAIN', quantity, unitPriceFen, promisedDate: '2026-12-10' });
  const draft = (lines: DraftLine[], prepaymentFen = 0) =>
    draftPurchaseOrder({ id: 'po1', number: 'PO-2026-000001', supplierId: 's1', lines, prepaymentFen, createdBy: 'buyer' }).state;
  const at = new Date('2026-11-30T02:00:00Z');
  const manager = { userId: 'pm', roles: ['purchasing_manager'] };
  const gm = { userId: 'gm', roles: ['general_manager'] };

  it('is drafted with numbered lines and its amount; bad lines are named', () => {
    const po = draft([line('A', 10, 1_000), line('B', 5, 250)], 2_000);
    expect(po).toMatchObject({ status: 'draft', amountFen: 11_250, prepaymentFen: 2_000, lines: [{ lineNo: 1, receivedQuantity: 0 }, { lineNo: 2 }] });
    expect(() => draft([line('A', 0, 1), line('A', 1, -1)], 0)).toThrow(expect.objectContaining({
      code: 'invalid-purchase-order',
      errors: [{ field: 'lines[0].quantity', message: expect.any(String) }, { field: 'lines[1].unitPriceFen', message: expect.any(String) }, { field: 'lines[1].sku', message: expect.any(String) }, { field: 'prepaymentFen', message: expect.any(String) }],
    }) as Error);
    expect(() => draft([line('A', 1, 100)], 101)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'prepaymentFen' })] }) as Error);
  });

  it('needs a purchasing manager below 50,000.00 CNY and the general manager from it (thresholds in force on the day)', () => {
    expect(requiredPurchaseApproval(yuan(50_000) - 1, '2026-11-30')).toBe('purchasing_manager');
    expect(requiredPurchaseApproval(yuan(50_000), '2026-11-30')).toBe('general_manager');
    const later = [...[{ effectiveFrom: '2026-01-01', value: [{ fromFen: 0, level: 'purchasing_manager' as const }] }], { effectiveFrom: '2027-01-01', value: [{ fromFen: 0, level: 'general_manager' as const }] }];
    expect(requiredPurchaseApproval(1, '2026-12-31', later)).toBe('purchasing_manager');
    expect(requiredPurchaseApproval(1, '2027-01-01', later)).toBe('general_manager');
  });

  it('is approved by someone other than its creator, at the level its amount needs, and tells finance', () => {
    const small = draft([line('A', 10, 1_000)], 500);
    const approved = approvePurchaseOrder(small, manager, at);
    expect(approved.state).toMatchObject({ status: 'approved', approvedBy: 'pm', approvedAt: at });
    expect(approved.events).toEqual([{ type: 'inventory.purchase-order.approved', data: { purchaseOrderId: 'po1', number: 'PO-2026-000001', supplierId: 's1', amountFen: 10_000, prepaymentFen: 500, approvedAt: at.toISOString() } }]);
    expect(() => approvePurchaseOrder(small, { userId: 'buyer', roles: ['purchasing_manager'] }, at)).toThrow(expect.objectContaining({ status: 403, code: 'self-approval' }) as Error);
    expect(() => approvePurchaseOrder(small, { userId: 'p2', roles: ['purchaser'] }, at)).toThrow(expect.objectContaining({ status: 403, code: 'approval-level' }) as Error);
    const big = draft([line('A', 100, yuan(500))]);
    expect(() => approvePurchaseOrder(big, manager, at)).toThrow(expect.objectContaining({ status: 403, code: 'approval-level', message: expect.stringMatching(/general manager/) }) as Error);
    expect(approvePurchaseOrder(big, gm, at).state.status).toBe('approved');
    expect(approvePurchaseOrder(small, gm, at).state.status).toBe('approved');
    expect(() => approvePurchaseOrder(approved.state, gm, at)).toThrow(expect.objectContaining({ status: 409 }) as Error);
  });

  it('is partly received, then received, then closed', () => {
    const po = approvePurchaseOrder(draft([line('A', 10, 100), line('B', 4, 100)]), manager, at).state;
    const part = receiveAgainst(po, 'GR-1', [{ lineNo: 1, quantity: 6 }]);
    expect(part.state.status).toBe('partly_received');
    expect(part.state.lines.map((l) => l.receivedQuantity)).toEqual([6, 0]);
    const full = receiveAgainst(part.state, 'GR-2', [{ lineNo: 1, quantity: 4 }, { lineNo: 2, quantity: 4 }]);
    expect(full.state.status).toBe('received');
    expect(full.transitions).toEqual([{ from: 'partly_received', to: 'received', reason: '8 units in by GR-2' }]);
    expect(closePurchaseOrder(full.state, { userId: 'buyer', roles: ['purchaser'] }, null).state.status).toBe('closed');
    expect(() => receiveAgainst(draft([line('A', 1, 1)]), 'GR-3', [{ lineNo: 1, quantity: 1 }])).toThrow(expect.objectContaining({ code: 'purchase-order-not-receiving' }) as Error);
  });

  it('is short-closed only by a manager with a reason; cancelled only before any receipt', () => {
    const po = approvePurchaseOrder(draft([line('A', 10, 100)]), manager, at).state;
    const part = receiveAgainst(po, 'GR-1', [{ lineNo: 1, quantity: 6 }]).state;
    expect(() => closePurchaseOrder(part, { userId: 'buyer', roles: ['purchaser'] }, 'supplier ran out')).toThrow(expect.objectContaining({ status: 403, code: 'short-close-needs-manager' }) as Error);
    expect(() => closePurchaseOrder(part, manager, ' ')).toThrow(expect.objectContaining({ code: 'reason-required' }) as Error);
    expect(closePurchaseOrder(part, manager, 'supplier ran out').state).toMatchObject({ status: 'closed', reason: 'supplier ran out' });
    expect(() => cancelPurchaseOrder(part, 'pm', 'no longer needed', false)).toThrow(expect.objectContaining({ code: 'purchase-order-has-receipts' }) as Error);
    expect(() => cancelPurchaseOrder(po, 'pm', 'no longer needed', true)).toThrow(expect.objectContaining({ code: 'purchase-order-has-receipts' }) as Error);
    expect(cancelPurchaseOrder(po, 'pm', 'no longer needed', false).state).toMatchObject({ status: 'cancelled', reason: 'no longer needed' });
    expect(PURCHASE_ORDER.can('cancelled', 'approved')).toBe(false);
    expect(PURCHASE_ORDER.can('closed', 'received')).toBe(false);
  });
});
