import { DomainError } from '@ops/kernel';
import { allocatePicks, batchProblems, type Lot } from './lots.js';

const lot = (sku: string, location: string, batch: string, onHand: number, day: number): Lot => ({ sku, location, batch, onHand, since: new Date(Date.UTC(2026, 0, day)) });
const lots = [lot('TEA', 'A-01', 'B2', 5, 2), lot('TEA', 'A-02', 'B1', 3, 1), lot('CUP', 'B-01', '', 10, 1)];

describe('picking from lots', () => {
  it('takes the oldest lot first when the keeper names none', () => {
    expect(allocatePicks([{ sku: 'TEA', quantity: 4 }, { sku: 'CUP', quantity: 2 }], lots)).toEqual([
      { sku: 'CUP', location: 'B-01', batch: '', quantity: 2 },
      { sku: 'TEA', location: 'A-01', batch: 'B2', quantity: 1 },
      { sku: 'TEA', location: 'A-02', batch: 'B1', quantity: 3 },
    ]);
  });

  it('takes named lots as named, before FIFO fills the rest', () => {
    expect(allocatePicks([{ sku: 'TEA', quantity: 1 }, { sku: 'TEA', quantity: 3, batch: 'B1' }], lots)).toEqual([
      { sku: 'TEA', location: 'A-01', batch: 'B2', quantity: 1 },
      { sku: 'TEA', location: 'A-02', batch: 'B1', quantity: 3 },
    ]);
  });

  it('refuses a pick the named lot cannot cover, naming the line', () => {
    try {
      allocatePicks([{ sku: 'CUP', quantity: 1 }, { sku: 'TEA', quantity: 4, batch: 'B1' }], lots);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).errors).toEqual([{ field: 'lines[1]', message: '1 of TEA not on hand in batch B1' }]);
    }
    expect(() => allocatePicks([{ sku: 'TEA', quantity: 9 }], lots)).toThrow(DomainError);
  });

  it('has the verifier confirm every picked batch', () => {
    const picks = [{ sku: 'TEA', location: 'A-01', batch: 'B2', quantity: 1 }, { sku: 'TEA', location: 'A-02', batch: 'B1', quantity: 3 }, { sku: 'CUP', location: 'B-01', batch: '', quantity: 2 }];
    expect(batchProblems(picks, [{ sku: 'TEA', quantity: 1, batch: 'B2' }, { sku: 'TEA', quantity: 3, batch: 'B1' }, { sku: 'CUP', quantity: 2 }])).toEqual([]);
    expect(batchProblems(picks, [{ sku: 'TEA', quantity: 4, batch: 'B1' }, { sku: 'CUP', quantity: 2 }]).map((p) => p.field)).toEqual(['lines[TEA/B2].quantity', 'lines[TEA/B1].quantity']);
    expect(batchProblems(picks, [{ sku: 'TEA', quantity: 4 }])).toHaveLength(2);
    expect(batchProblems([{ sku: 'CUP', location: 'B-01', batch: '', quantity: 2 }], [{ sku: 'CUP', quantity: 2 }])).toEqual([]);
  });
});
