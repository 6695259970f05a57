import { basisPointsOf, formatFen, sumFen, yuan } from './money.js';

describe('money in fen', () => {
  it('formats fen as yuan for people', () => {
    expect([0, 5, 12_800, -150].map(formatFen)).toEqual(['0.00', '0.05', '128.00', '-1.50']);
  });

  it('says amounts in yuan exactly, and refuses a total too large to be exact', () => {
    expect(yuan(100_000)).toBe(10_000_000);
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1], 'The order total')).toThrow('The order total is too large to record');
  });

  it('takes a share in basis points, rounded to whole fen', () => {
    expect(basisPointsOf(1_000_000, 12)).toBe(1_200);
    expect(basisPointsOf(333, 300)).toBe(10);
  });
});
