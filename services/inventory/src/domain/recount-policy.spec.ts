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

  it('reads the warehouse from the location', () => {
    expect(parseLocation('MAIN/A-03')).toEqual({ warehouseCode: 'MAIN', location: 'A-03' });
    expect(parseLocation('NORTH')).toEqual({ warehouseCode: 'NORTH', location: 'NORTH' });
  });
});
