import { DomainError } from '@ops/kernel';
import { acknowledgeBy, INCIDENT, needsImmediateEscalation, reportIncident, type IncidentReport } from './incident.js';

const at = new Date('2026-11-22T01:00:00Z');
const report = (patch: Partial<IncidentReport> = {}): IncidentReport => ({
  id: 'i1', number: 'INC-2026-000001', type: 'theft', severity: 'high', location: 'MAIN/A-03', occurredAt: new Date('2026-11-22T00:50:00Z'),
  description: 'Two cartons missing', evidence: ['camera-07'], reportedBy: 'guard-1', reportedAt: at, ...patch,
});

describe('incident escalation', () => {
  it('asks for acknowledgement within 15 minutes of high and critical incidents only', () => {
    expect(acknowledgeBy('critical', at)?.toISOString()).toBe('2026-11-22T01:15:00.000Z');
    expect(acknowledgeBy('high', at)?.toISOString()).toBe('2026-11-22T01:15:00.000Z');
    expect(acknowledgeBy('medium', at)).toBeNull();
    expect(acknowledgeBy('low', at)).toBeNull();
    expect(needsImmediateEscalation('low')).toBe(false);
  });
});

describe('reporting an incident', () => {
  it('records it as reported, with the acknowledgement deadline of its severity', () => {
    const step = reportIncident(report());
    expect(step.state).toMatchObject({ id: 'i1', status: 'reported' });
    expect(step.state.acknowledgeBy?.toISOString()).toBe('2026-11-22T01:15:00.000Z');
    expect(step.transitions).toEqual([{ from: 'new', to: 'reported', reason: expect.stringContaining('to be acknowledged by 2026-11-22T01:15:00.000Z') }]);
    expect(reportIncident(report({ severity: 'medium' })).state.acknowledgeBy).toBeNull();
  });

  it('announces every new incident with what inventory and the security manager need', () => {
    expect(reportIncident(report({ severity: 'low' })).events).toEqual([{
      type: 'security.incident.reported',
      data: {
        incidentId: 'i1', incidentNumber: 'INC-2026-000001', type: 'theft', severity: 'low', location: 'MAIN/A-03', occurredAt: '2026-11-22T00:50:00.000Z',
        description: 'Two cartons missing', reportedBy: 'guard-1', evidence: ['camera-07'],
      },
    }]);
  });
});

describe('incident life cycle', () => {
  it('goes reported → acknowledged → investigating → resolved → closed, one step at a time', () => {
    expect(INCIDENT.states).toEqual(['reported', 'acknowledged', 'investigating', 'resolved', 'closed']);
    expect(INCIDENT.move('reported', 'acknowledged', 'seen by the manager')).toEqual({ from: 'reported', to: 'acknowledged', reason: 'seen by the manager' });
    expect(INCIDENT.can('acknowledged', 'investigating')).toBe(true);
    expect(INCIDENT.can('investigating', 'resolved')).toBe(true);
    expect(INCIDENT.can('resolved', 'closed')).toBe(true);
  });

  it('skips no step, goes back on none, and a closed incident stays closed', () => {
    expect(() => INCIDENT.move('reported', 'resolved', 'x')).toThrow(DomainError);
    expect(INCIDENT.can('reported', 'closed')).toBe(false);
    expect(INCIDENT.can('resolved', 'investigating')).toBe(false);
    for (const to of INCIDENT.states) expect(INCIDENT.can('closed', to)).toBe(false);
  });
});
