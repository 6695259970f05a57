import { needsRecount, parseLocation, RECOUNT_REQUEST, recordCount, requestRecount } from './recount-policy.js';

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

describe('recount request', () => {
  const incident = { incidentId: 'i-1', incidentNumber: 'INC-2026-000001', type: 'theft', description: 'two boxes missing', location: 'MAIN/A-03' };

  it('opens for theft or damage in a warehouse location, and is counted once', () => {
    const step = requestRecount(incident);
    expect(step?.state).toEqual({ incidentId: 'i-1', incidentNumber: 'INC-2026-000001', warehouseCode: 'MAIN', location: 'A-03', reason: 'theft incident INC-2026-000001: two boxes missing', status: 'open' });
    expect(step?.transitions).toEqual([{ from: 'new', to: 'open', reason: 'theft reported in MAIN/A-03' }]);
    const counted = recordCount(step!.state, 'keeper');
    expect(counted.state.status).toBe('counted');
    expect(() => recordCount(counted.state, 'keeper')).toThrow(expect.objectContaining({ status: 409 }));
    expect(RECOUNT_REQUEST.can('counted', 'open')).toBe(false);
  });

  it('asks for nothing outside the warehouses or for other incidents', () => {
    expect(requestRecount({ ...incident, location: 'Gate 1' })).toBeNull();
    expect(requestRecount({ ...incident, type: 'fire_hazard' })).toBeNull();
    expect(requestRecount({ ...incident, description: 'x'.repeat(600) })?.state.reason).toHaveLength(500);
  });
});
