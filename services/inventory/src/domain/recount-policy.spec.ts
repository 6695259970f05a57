import { needsRecount, parseLocation } from './recount-policy.js';

describe('recount after an incident', () => {
  it.each([
    ['theft', true],
    ['equipment_damage', true],
    ['unauthorized_goods_exit', true],
    ['fire_hazard', false],
    ['suspicious_person', false],
  ] as const)('%s needs a recount: %s', (type, expected) => {
    expect(needsRecount(type)).toBe(expected);
  });

  it('reads the warehouse from the location, and knows a place outside the warehouses', () => {
    expect(parseLocation('MAIN/A-03')).toEqual({ warehouseCode: 'MAIN', location: 'A-03' });
    expect(parseLocation('MAIN/A/3')).toEqual({ warehouseCode: 'MAIN', location: 'A/3' });
    expect(parseLocation('Gate 1')).toBeNull();
    expect(parseLocation('/A-03')).toBeNull();
  });
});
