import { DomainError } from '@ops/kernel';
import {
  availableForRequest, cancelMaterialRequest, orderMaterialRequest, purchaseLinesFor, raiseMaterialRequest, receiveMaterialRequest, reopenMaterialRequest, shortfalls,
  type MaterialRequest,
} from './material-request.js';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const raised = (more: Partial<MaterialRequest> = {}): MaterialRequest => ({
  ...raiseMaterialRequest({
    id: 'mr-1', number: 'MR-2026-000001', productionOrderId: 'mo-1', productionOrderNumber: 'MO-2026-000001', sku: 'BOARD', required: 40, available: 15, requested: 25, raisedBy: 'planner',
  }).state,
  ...more,
});

describe('material requests', () => {
  it('asks only for what the stock does not cover, net of what other production orders count on', () => {
    expect(shortfalls([
      { sku: 'BOARD', required: 40, free: 30, counted: 15 },
      { sku: 'GLUE', required: 2, free: 10, counted: 0 },
      { sku: 'SCREW', required: 100, free: 0, counted: 0 },
    ])).toEqual([
      { sku: 'BOARD', required: 40, available: 15, requested: 25 },
      { sku: 'SCREW', required: 100, available: 0, requested: 100 },
    ]);
    // Covered exactly: nothing to buy.
    expect(shortfalls([{ sku: 'GLUE', required: 10, free: 10, counted: 0 }])).toEqual([]);
  });

  it('never counts on more than the free stock, nor on less than none', () => {
    expect(availableForRequest({ free: 10, counted: 25 })).toBe(0);
    expect(availableForRequest({ free: 10, counted: -3 })).toBe(10);
    expect(availableForRequest({ free: 0, counted: 0 })).toBe(0);
  });

  it('adds up a material named twice before netting it', () => {
    expect(shortfalls([{ sku: 'BOARD', required: 6, free: 8, counted: 0 }, { sku: 'BOARD', required: 4, free: 8, counted: 0 }])).toEqual([{ sku: 'BOARD', required: 10, available: 8, requested: 2 }]);
  });

  it('refuses a need that is not a whole number of at least 1, naming the line', () => {
    expect(refusal(() => shortfalls([{ sku: 'A', required: 1, free: 0, counted: 0 }, { sku: 'B', required: 0.5, free: 0, counted: 0 }]))).toMatchObject({
      status: 422, code: 'invalid-material-need', errors: [{ field: 'lines[1].quantity', message: expect.any(String) }],
    });
  });

  it('is raised open with its figures, which must add up', () => {
    const step = raiseMaterialRequest({ id: 'mr-1', number: 'MR-2026-000001', productionOrderId: 'mo-1', productionOrderNumber: 'MO-2026-000001', sku: 'BOARD', required: 40, available: 15, requested: 25, raisedBy: 'planner' });
    expect(step.state).toMatchObject({ status: 'open', requiredQuantity: 40, availableQuantity: 15, requestedQuantity: 25, purchaseOrderId: null });
    expect(step.transitions).toEqual([{ from: 'new', to: 'open', reason: '25 × BOARD short for MO-2026-000001 (40 needed, 15 in stock)' }]);
    expect(() => raiseMaterialRequest({ id: 'x', number: 'x', productionOrderId: 'mo', productionOrderNumber: 'MO', sku: 'A', required: 10, available: 10, requested: 0, raisedBy: 'p' })).toThrow(DomainError);
    expect(() => raiseMaterialRequest({ id: 'x', number: 'x', productionOrderId: 'mo', productionOrderNumber: 'MO', sku: 'A', required: 10, available: 2, requested: 7, raisedBy: 'p' })).toThrow(DomainError);
  });

  it('goes on a purchase order one line per SKU, quantities added up at one price', () => {
    const requests = [
      raised(),
      raised({ id: 'mr-2', number: 'MR-2026-000002', productionOrderId: 'mo-2', requestedQuantity: 5, requiredQuantity: 5, availableQuantity: 0 }),
      raised({ id: 'mr-3', number: 'MR-2026-000003', sku: 'GLUE', requestedQuantity: 3, requiredQuantity: 3, availableQuantity: 0 }),
    ];
    expect(purchaseLinesFor(requests, [{ materialRequestId: 'mr-1', unitPriceFen: 800 }, { materialRequestId: 'mr-3', unitPriceFen: 120 }, { materialRequestId: 'mr-2', unitPriceFen: 800 }])).toEqual([
      { sku: 'BOARD', quantity: 30, unitPriceFen: 800, requestIds: ['mr-1', 'mr-2'] },
      { sku: 'GLUE', quantity: 3, unitPriceFen: 120, requestIds: ['mr-3'] },
    ]);
  });

  it('refuses two prices for one SKU, a request named twice or unknown, field by field', () => {
    const requests = [raised(), raised({ id: 'mr-2', number: 'MR-2026-000002' })];
    expect(refusal(() => purchaseLinesFor(requests, [
      { materialRequestId: 'mr-1', unitPriceFen: 800 }, { materialRequestId: 'mr-2', unitPriceFen: 900 }, { materialRequestId: 'mr-1', unitPriceFen: 800 }, { materialRequestId: 'nope', unitPriceFen: 1 },
    ]))).toMatchObject({
      status: 422, code: 'invalid-material-purchase',
      errors: [
        { field: 'lines[1].unitPriceFen', message: expect.stringContaining('one price per SKU') },
        { field: 'lines[2].materialRequestId', message: 'is named on an earlier line' },
        { field: 'lines[3].materialRequestId', message: 'names no material request' },
      ],
    });
  });

  it('refuses, as a conflict, a request no longer open', () => {
    const requests = [raised({ status: 'ordered', purchaseOrderId: 'po-1', purchaseOrderNumber: 'PO-2026-000001' })];
    expect(refusal(() => purchaseLinesFor(requests, [{ materialRequestId: 'mr-1', unitPriceFen: 800 }]))).toMatchObject({
      status: 409, code: 'material-request-not-open', errors: [{ field: 'lines[0].materialRequestId', message: 'MR-2026-000001 is ordered, not open' }],
    });
  });

  it('is ordered, then received when its order came in full; a cancelled order opens it again', () => {
    const ordered = orderMaterialRequest(raised(), { id: 'po-1', number: 'PO-2026-000001' }).state;
    expect(ordered).toMatchObject({ status: 'ordered', purchaseOrderId: 'po-1', purchaseOrderNumber: 'PO-2026-000001' });
    expect(receiveMaterialRequest(ordered, 'GR-2026-000004')).toMatchObject({
      state: { status: 'received' }, transitions: [{ from: 'ordered', to: 'received', reason: 'PO-2026-000001 received in full (GR-2026-000004)' }],
    });
    expect(reopenMaterialRequest(ordered, 'supplier out of stock').state).toMatchObject({ status: 'open', purchaseOrderId: null, purchaseOrderNumber: null });
    // Received only once it was ordered.
    expect(refusal(() => receiveMaterialRequest(raised(), 'GR-1'))).toMatchObject({ status: 409 });
  });

  it('is cancelled with a reason while open, never once ordered or received', () => {
    expect(cancelMaterialRequest(raised(), 'buyer', ' bought with stock ').state).toMatchObject({ status: 'cancelled', cancelledBy: 'buyer', cancelReason: 'bought with stock' });
    expect(refusal(() => cancelMaterialRequest(raised(), 'buyer', '  '))).toMatchObject({ status: 422, code: 'reason-required' });
    expect(refusal(() => cancelMaterialRequest(raised({ status: 'ordered', purchaseOrderNumber: 'PO-2026-000001' }), 'buyer', 'x'))).toMatchObject({ status: 409, code: 'material-request-ordered' });
    expect(refusal(() => cancelMaterialRequest(raised({ status: 'received' }), 'buyer', 'x'))).toMatchObject({ status: 409 });
  });
});
