import { logReception, recordOutcome } from './reception.js';

const walkIn = logReception<{ kind: 'customer' | 'staff_visitor'; consultant: string | null; status: 'logged'; outcome: string | null }>({ kind: 'customer', consultant: 'chen', outcome: null }, 'walk_in for chen (rotation)').state;

describe('a reception', () => {
  it('is logged once, and its outcome is recorded by the consultant assigned, a manager or the desk', () => {
    expect(walkIn.status).toBe('logged');
    expect(recordOutcome(walkIn, 'Test drive booked', { username: 'chen', onlyRep: true }).state.outcome).toBe('Test drive booked');
    expect(recordOutcome(walkIn, 'Quote sent', { username: 'manager', onlyRep: false }).state.outcome).toBe('Quote sent');
    expect(() => recordOutcome(walkIn, 'mine', { username: 'li', onlyRep: true })).toThrow(expect.objectContaining({ code: 'not-your-reception' }));
    expect(() => recordOutcome({ ...walkIn, kind: 'staff_visitor' as const }, 'x', { username: 'chen', onlyRep: false })).toThrow(expect.objectContaining({ code: 'not-a-sales-reception' }));
  });
});
