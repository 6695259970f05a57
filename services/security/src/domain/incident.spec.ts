import { acknowledgeBy, needsImmediateEscalation } from './incident.js';

describe('incident escalation', () => {
  it('asks for acknowledgement within 15 minutes of high and critical incidents only', () => {
    const at = new Date('2026-11-22T01:00:00Z');
    expect(acknowledgeBy('critical', at)?.toISOString()).toBe('2026-11-22T01:15:00.000Z');
    expect(acknowledgeBy('high', at)?.toISOString()).toBe('2026-11-22T01:15:00.000Z');
    expect(acknowledgeBy('medium', at)).toBeNull();
    expect(needsImmediateEscalation('low')).toBe(false);
  });
});
