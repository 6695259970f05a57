import { DomainError } from '@ops/contracts';
import { markShipped, pack, recordPick, verifyPick, type PickList } from './pick-list.js';

const open = (): PickList => ({
  number: 'PK-2026-000001',
  status: 'open',
  lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }, { sku: 'B', warehouseCode: 'MAIN', quantity: 1 }],
  picks: [], pickedBy: null, verifiedBy: null, packedBy: null, pieces: null,
});
const since = new Date('2026-01-01T00:00:00Z');
const lots = [
  { sku: 'A', location: 'STOCK', batch: '', onHand: 10, since },
  { sku: 'B', location: 'STOCK', batch: '', onHand: 10, since },
];
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
    const picked = recordPick(open(), 'keeper-a', exact, lots);
    const verified = verifyPick(picked, 'keeper-b', [{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 2 }, { sku: 'A', quantity: 1 }]);
    const packed = pack(verified, 'keeper-b', 2);
    expect(markShipped(packed)).toMatchObject({ status: 'shipped', pickedBy: 'keeper-a', verifiedBy: 'keeper-b', pieces: 2 });
  });

  it('refuses verification by the keeper who picked', () => {
    const error = refusal(() => verifyPick(recordPick(open(), 'keeper-a', exact, lots), 'keeper-a', exact));
    expect(error.toProblem()).toMatchObject({ status: 403, detail: expect.stringContaining('a different keeper') });
  });

  it('refuses counts that differ from the order, naming each line', () => {
    const error = refusal(() => recordPick(open(), 'keeper-a', [{ sku: 'A', quantity: 2 }, { sku: 'C', quantity: 1 }], lots));
    expect(error.toProblem()).toMatchObject({ status: 422 });
    expect(error.errors).toEqual([
      { field: 'lines[A].quantity', message: 'counted 2, the order needs 3' },
      { field: 'lines[B].quantity', message: 'counted 0, the order needs 1' },
      { field: 'lines[C]', message: 'is not on this order' },
    ]);
  });

  it('records the lots picked from, and has the verifier confirm each batch', () => {
    const batched = [{ sku: 'A', location: 'A-01', batch: 'L1', onHand: 2, since }, { sku: 'A', location: 'A-02', batch: 'L2', onHand: 5, since: new Date('2026-02-01T00:00:00Z') }, lots[1]];
    const picked = recordPick(open(), 'keeper-a', exact, batched);
    expect(picked.picks).toEqual([
      { sku: 'A', location: 'A-01', batch: 'L1', quantity: 2 },
      { sku: 'A', location: 'A-02', batch: 'L2', quantity: 1 },
      { sku: 'B', location: 'STOCK', batch: '', quantity: 1 },
    ]);
    expect(refusal(() => verifyPick(picked, 'keeper-b', exact)).code).toBe('batches-differ');
    expect(verifyPick(picked, 'keeper-b', [{ sku: 'A', quantity: 2, batch: 'L1' }, { sku: 'A', quantity: 1, batch: 'L2' }, { sku: 'B', quantity: 1 }]).status).toBe('verified');
  });

  it('refuses steps out of order', () => {
    expect(refusal(() => pack(open(), 'keeper-a', 1)).code).toBe('pick-list-out-of-step');
    expect(refusal(() => markShipped(recordPick(open(), 'keeper-a', exact, lots))).code).toBe('pick-list-out-of-step');
    expect(refusal(() => pack(verifyPick(recordPick(open(), 'a', exact, lots), 'b', exact), 'b', 0)).code).toBe('pieces-required');
  });
});
