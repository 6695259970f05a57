import { DomainError } from '@ops/kernel';
import { markShipped, openPickList, pack, PICK_LIST, recordPick, verifyPick, type PickList } from './pick-list.js';

const open = (): PickList => openPickList({
  id: 'p-1', orderId: 'o-1', number: 'PK-2026-000001',
  lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3 }, { sku: 'B', warehouseCode: 'MAIN', quantity: 1 }],
}).state;
const since = new Date('2026-01-01T00:00:00Z');
const lots = [
  { sku: 'A', location: 'STOCK', batch: '', onHand: 10, since },
  { sku: 'B', location: 'STOCK', batch: '', onHand: 10, since },
];
const exact = [{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }];
const picked = (by = 'keeper-a') => recordPick(open(), by, exact, lots).state;
const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('pick list', () => {
  it('opens with nothing picked, and says so in its history', () => {
    const step = openPickList({ id: 'p-1', orderId: 'o-1', number: 'PK-2026-000001', lines: [] });
    expect(step.state).toMatchObject({ status: 'open', picks: [], pickedBy: null, verifiedBy: null, packedBy: null, pieces: null });
    expect(step.transitions).toEqual([{ from: 'new', to: 'open', reason: 'to pick for order o-1' }]);
  });

  it('goes picked → verified by another keeper → packed → shipped, one history line per step', () => {
    const steps = [];
    steps.push(recordPick(open(), 'keeper-a', exact, lots));
    steps.push(verifyPick(steps[0].state, 'keeper-b', [{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 2 }, { sku: 'A', quantity: 1 }]));
    steps.push(pack(steps[1].state, 'keeper-b', 2));
    steps.push(markShipped(steps[2].state, 'SH-2026-000001'));
    expect(steps[3].state).toMatchObject({ status: 'shipped', pickedBy: 'keeper-a', verifiedBy: 'keeper-b', packedBy: 'keeper-b', pieces: 2 });
    expect(steps.map((s) => s.transitions)).toEqual([
      [{ from: 'open', to: 'picked', reason: 'picked by keeper-a' }],
      [{ from: 'picked', to: 'verified', reason: 'verified by keeper-b' }],
      [{ from: 'verified', to: 'packed', reason: 'packed into 2 pieces by keeper-b' }],
      [{ from: 'packed', to: 'shipped', reason: 'shipped as SH-2026-000001' }],
    ]);
    expect(steps.every((s) => s.events.length === 0)).toBe(true);
  });

  it('moves only along its table', () => {
    expect(PICK_LIST.states.filter((from) => PICK_LIST.states.some((to) => PICK_LIST.can(from, to)))).toEqual(['open', 'picked', 'verified', 'packed']);
    expect(PICK_LIST.can('open', 'packed')).toBe(false);
    expect(PICK_LIST.can('shipped', 'open')).toBe(false);
  });

  it('refuses verification by the keeper who picked', () => {
    const error = refusal(() => verifyPick(picked('keeper-a'), 'keeper-a', exact));
    expect(error).toMatchObject({ status: 403, code: 'picker-cannot-verify', message: expect.stringContaining('a different keeper') });
  });

  it('refuses counts that differ from the order, naming each line', () => {
    const error = refusal(() => recordPick(open(), 'keeper-a', [{ sku: 'A', quantity: 2 }, { sku: 'C', quantity: 1 }], lots));
    expect(error).toMatchObject({ status: 422, code: 'counts-differ' });
    expect(error.errors).toEqual([
      { field: 'lines[A].quantity', message: 'counted 2, the order needs 3' },
      { field: 'lines[B].quantity', message: 'counted 0, the order needs 1' },
      { field: 'lines[C]', message: 'is not on this order' },
    ]);
    expect(refusal(() => verifyPick(picked(), 'keeper-b', [{ sku: 'A', quantity: 3 }])).code).toBe('counts-differ');
  });

  it('records the lots picked from, and has the verifier confirm each batch', () => {
    const batched = [{ sku: 'A', location: 'A-01', batch: 'L1', onHand: 2, since }, { sku: 'A', location: 'A-02', batch: 'L2', onHand: 5, since: new Date('2026-02-01T00:00:00Z') }, lots[1]];
    const list = recordPick(open(), 'keeper-a', exact, batched).state;
    expect(list.picks).toEqual([
      { sku: 'A', location: 'A-01', batch: 'L1', quantity: 2 },
      { sku: 'A', location: 'A-02', batch: 'L2', quantity: 1 },
      { sku: 'B', location: 'STOCK', batch: '', quantity: 1 },
    ]);
    expect(refusal(() => verifyPick(list, 'keeper-b', exact)).code).toBe('batches-differ');
    expect(verifyPick(list, 'keeper-b', [{ sku: 'A', quantity: 2, batch: 'L1' }, { sku: 'A', quantity: 1, batch: 'L2' }, { sku: 'B', quantity: 1 }]).state.status).toBe('verified');
  });

  it('refuses steps out of order, and a pack without pieces', () => {
    expect(refusal(() => pack(open(), 'keeper-a', 1))).toMatchObject({ status: 409, code: 'pick-list-out-of-step' });
    expect(refusal(() => markShipped(picked(), 'SH-1')).code).toBe('pick-list-out-of-step');
    expect(refusal(() => recordPick(picked(), 'keeper-a', exact, lots)).code).toBe('pick-list-out-of-step');
    expect(refusal(() => verifyPick(open(), 'keeper-b', exact)).code).toBe('pick-list-out-of-step');
    expect(refusal(() => pack(verifyPick(picked('a'), 'b', exact).state, 'b', 0)).code).toBe('pieces-required');
  });
});
