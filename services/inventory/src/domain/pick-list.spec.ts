import { DomainError } from '@ops/contracts';
import { markShipped, pack, recordPick, verifyPick, type PickList } from './pick-list.js';

const open = (): PickList => ({
  number: 'PK-2026-000001',
  status: 'open',
  lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }, { sku: 'B', warehouseCode: 'MAIN', quantity: 1 }],
  pickedBy: null, verifiedBy: null, packedBy: null, pieces: null,
});
const exact = [{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }];
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('pick list', () => {
  it('goes picked → verified by another keeper → packed → shipped', () => {
    const picked = recordPick(open(), 'keeper-a', exact);
    const verified = verifyPick(picked, 'keeper-b', [{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 2 }, { sku: 'A', quantity: 1 }]);
    const packed = pack(verified, 'keeper-b', 2);
    expect(markShipped(packed)).toMatchObject({ status: 'shipped', pickedBy: 'keeper-a', verifiedBy: 'keeper-b', pieces: 2 });
  });

  it('refuses verification by the keeper who picked', () => {
    const error = refusal(() => verifyPick(recordPick(open(), 'keeper-a', exact), 'keeper-a', exact));
    expect(error.toProblem()).toMatchObject({ status: 403, detail: expect.stringContaining('a different keeper') });
  });

  it('refuses counts that differ from the order, naming each line', () => {
    const error = refusal(() => recordPick(open(), 'keeper-a', [{ sku: 'A', quantity: 2 }, { sku: 'C', quantity: 1 }]));
    expect(error.toProblem()).toMatchObject({ status: 422 });
    expect(error.errors).toEqual([
      { field: 'lines[A].quantity', message: 'counted 2, the order needs 3' },
      { field: 'lines[B].quantity', message: 'counted 0, the order needs 1' },
      { field: 'lines[C]', message: 'is not on this order' },
    ]);
  });

  it('refuses steps out of order', () => {
    expect(refusal(() => pack(open(), 'keeper-a', 1)).code).toBe('pick-list-out-of-step');
    expect(refusal(() => markShipped(recordPick(open(), 'keeper-a', exact))).code).toBe('pick-list-out-of-step');
    expect(refusal(() => pack(verifyPick(recordPick(open(), 'a', exact), 'b', exact), 'b', 0)).code).toBe('pieces-required');
  });
});
