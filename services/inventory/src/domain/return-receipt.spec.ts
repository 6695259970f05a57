import { DomainError } from '@ops/kernel';
import { expectReturn, inspectionProblems, receiveReturn } from './return-receipt.js';
import { receive } from './stock-ledger.js';

const expected = () => expectReturn({
  returnId: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', returnNumber: 'RMA-2026-000001', orderId: 'o1', customerId: 'c1',
  lines: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }],
}).state;
const fieldsOf = (fn: () => unknown) => { try { fn(); return []; } catch (e) { return ((e as DomainError).errors ?? []).map((x) => x.field); } };

describe('receiving returned goods (inspection)', () => {
  it('splits what was counted into accepted and rejected, and tells sales', () => {
    const step = receiveReturn(expected(), [
      { sku: 'A', receivedQuantity: 2, acceptedQuantity: 2, rejectedQuantity: 0 },
      { sku: 'B', receivedQuantity: 1, acceptedQuantity: 0, rejectedQuantity: 1, note: 'crushed' },
    ], 'MAIN', 'keeper');
    expect(step.state).toMatchObject({ status: 'received', warehouseCode: 'MAIN', receivedBy: 'keeper' });
    expect(step.events).toEqual([expect.objectContaining({
      type: 'inventory.return.received',
      data: expect.objectContaining({ lines: [{ sku: 'A', receivedQuantity: 2, acceptedQuantity: 2, rejectedQuantity: 0 }, { sku: 'B', receivedQuantity: 1, acceptedQuantity: 0, rejectedQuantity: 1 }] }),
    })]);
  });

  it('counts a SKU left out as none received', () => {
    const step = receiveReturn(expected(), [{ sku: 'A', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }], 'MAIN', 'keeper');
    expect(step.state.lines[1]).toMatchObject({ sku: 'B', receivedQuantity: 0, acceptedQuantity: 0, rejectedQuantity: 0 });
  });

  it.each([
    ['more counted than expected', [{ sku: 'A', receivedQuantity: 3, acceptedQuantity: 3, rejectedQuantity: 0 }], ['lines[0].receivedQuantity']],
    ['accepted + rejected ≠ counted', [{ sku: 'A', receivedQuantity: 2, acceptedQuantity: 1, rejectedQuantity: 0 }], ['lines[0].acceptedQuantity']],
    ['a rejection without a note', [{ sku: 'A', receivedQuantity: 2, acceptedQuantity: 1, rejectedQuantity: 1, note: ' ' }], ['lines[0].note']],
    ['a SKU not expected', [{ sku: 'C', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }], ['lines[0].sku']],
    ['a SKU twice', [{ sku: 'A', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }, { sku: 'A', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }], ['lines[1].sku']],
    ['nothing counted', [{ sku: 'A', receivedQuantity: 0, acceptedQuantity: 0, rejectedQuantity: 0 }], ['lines']],
  ])('refuses %s, naming the field', (_what, lines, fields) => {
    expect(inspectionProblems(expected(), lines).map((p) => p.field)).toEqual(fields);
    expect(fieldsOf(() => receiveReturn(expected(), lines, 'MAIN', 'keeper'))).toEqual(fields);
  });

  it('is received once', () => {
    const received = receiveReturn(expected(), [{ sku: 'A', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }], 'MAIN', 'k').state;
    expect(() => receiveReturn(received, [{ sku: 'A', receivedQuantity: 1, acceptedQuantity: 1, rejectedQuantity: 0 }], 'MAIN', 'k')).toThrow(expect.objectContaining({ code: 'return-received' }));
  });

  it('books returned goods with their own movement kinds', () => {
    const change = receive({ levels: [], lots: [] }, { warehouseCode: 'QUARANTINE', documentRef: 'RMA-2026-000001', kind: 'return_quarantine', lines: [{ sku: 'B', location: 'QUARANTINE', batch: '', quantity: 1 }] });
    expect(change.movements).toEqual([expect.objectContaining({ kind: 'return_quarantine', warehouseCode: 'QUARANTINE', quantity: 1 })]);
  });
});
