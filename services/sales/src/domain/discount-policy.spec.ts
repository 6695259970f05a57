import { discountAuthority, orderDiscountAuthority } from './discount-policy.js';

const list = 10_000; // 100.00 CNY
const floor = 9_000;

describe('discount authority (domain.md §4.3)', () => {
  it.each([
    ['no discount', 10_000, 'none'],
    ['a surcharge', 10_500, 'none'],
    ['0.01%', 9_999, 'sales_manager'],
    ['exactly 3.00%', 9_700, 'sales_manager'],
    ['3.01%', 9_699, 'sales_vp'],
    ['exactly at the floor', 9_000, 'sales_vp'],
    ['one fen below the floor', 8_999, 'general_manager'],
  ])('%s needs %s', (_name, unitPriceFen, authority) => {
    expect(discountAuthority({ listPriceFen: list, floorPriceFen: floor, unitPriceFen })).toBe(authority);
  });

  it('takes the highest authority any line needs', () => {
    expect(orderDiscountAuthority([
      { listPriceFen: list, floorPriceFen: floor, unitPriceFen: 9_800 },
      { listPriceFen: list, floorPriceFen: floor, unitPriceFen: 9_600 },
      { listPriceFen: list, floorPriceFen: floor, unitPriceFen: 10_000 },
    ])).toBe('sales_vp');
    expect(orderDiscountAuthority([])).toBe('none');
  });
});

describe('discount limits are data with an effective date', () => {
  it('lets a later version widen the sales manager\'s authority from its first day', () => {
    const wider = [
      { effectiveFrom: '2026-01-01', value: { upToBasisPoints: [{ basisPoints: 300, level: 'sales_manager' as const }], above: 'sales_vp' as const, belowFloor: 'general_manager' as const } },
      { effectiveFrom: '2027-03-01', value: { upToBasisPoints: [{ basisPoints: 500, level: 'sales_manager' as const }], above: 'sales_vp' as const, belowFloor: 'general_manager' as const } },
    ];
    const line = { listPriceFen: list, floorPriceFen: floor, unitPriceFen: 9_600 }; // 4% off
    expect(discountAuthority(line, '2027-02-28', wider)).toBe('sales_vp');
    expect(discountAuthority(line, '2027-03-01', wider)).toBe('sales_manager');
  });
});
