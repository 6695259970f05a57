import { DomainError } from '@ops/kernel';
import {
  acknowledgeIncident, addIncidentEvidence, addIncidentNote, assignIncident, closeIncident, escalateIncident, investigateIncident, isOverdueForAcknowledgement,
  notifyOnReport, reportIncident, resolveIncident, type IncidentCase,
} from './incident.js';

const reportedAt = new Date('2026-11-22T01:00:00Z');
const minutes = (m: number) => new Date(reportedAt.getTime() + m * 60_000);
const incident = (severity: IncidentCase['severity'] = 'critical'): IncidentCase => reportIncident({
  id: 'i1', number: 'INC-2026-000001', type: 'fire', severity, location: 'MAIN/A-03', occurredAt: reportedAt, description: 'Smoke in aisle A',
  evidence: [], reportedBy: 'guard-1', reportedAt,
}).state;
const refused = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
};

describe('the incident lifecycle', () => {
  it('walks reported → acknowledged → investigating → resolved → closed, announcing the close', () => {
    let i = acknowledgeIncident(incident(), 'manager', minutes(5)).state;
    expect(i).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'manager' });
    i = assignIncident(i, 'guard-2', 'manager').state;
    i = investigateIncident(i, 'guard-2').state;
    i = resolveIncident(i, 'Extinguished; a short circuit', 'guard-2').state;
    const closed = closeIncident(i, 'manager', minutes(90));
    expect(closed.state).toMatchObject({ status: 'closed', resolution: 'Extinguished; a short circuit', closedAt: minutes(90) });
    expect(closed.events).toEqual([{ type: 'security.incident.closed', data: expect.objectContaining({ incidentId: 'i1', closedBy: 'manager', resolution: 'Extinguished; a short circuit' }) }]);
  });

  it('skips no state and undoes none', () => {
    refused(() => resolveIncident(incident(), 'x', 'g'), 'incident-transition-refused');
    refused(() => closeIncident(incident(), 'm', minutes(1)), 'incident-transition-refused');
    refused(() => investigateIncident(incident(), 'g'), 'incident-transition-refused');
    const acknowledged = acknowledgeIncident(incident(), 'manager', minutes(1)).state;
    refused(() => acknowledgeIncident(acknowledged, 'manager', minutes(2)), 'incident-transition-refused');
  });

  it('needs an assignee to investigate, and takes no notes or evidence once closed', () => {
    const acknowledged = acknowledgeIncident(incident(), 'manager', minutes(1)).state;
    refused(() => investigateIncident(acknowledged, 'g'), 'incident-unassigned');
    const closed = { ...acknowledged, status: 'closed' as const };
    refused(() => addIncidentNote(closed, 'late', 'g', minutes(3)), 'incident-closed');
    refused(() => addIncidentEvidence(closed, ['x'], 'g'), 'incident-closed');
    refused(() => assignIncident(closed, 'g', 'm'), 'incident-closed');
  });

  it('keeps notes in order and each evidence reference once, each in the timeline', () => {
    const noted = addIncidentNote(incident(), 'Footage held', 'op', minutes(2));
    expect(noted.state.notes).toEqual([{ text: 'Footage held', by: 'op', at: minutes(2).toISOString() }]);
    expect(noted.transitions).toEqual([{ from: 'reported', to: 'reported', reason: 'note by op: Footage held' }]);
    const once = addIncidentEvidence(incident(), ['camera-07', 'camera-07', ' sha256:ab '], 'op').state;
    expect(once.evidence).toEqual(['camera-07', 'sha256:ab']);
    expect(addIncidentEvidence(once, ['camera-07'], 'op').transitions).toEqual([]);
    refused(() => addIncidentEvidence(once, Array.from({ length: 49 }, (_, n) => `ref-${n}`), 'op'), 'too-much-evidence');
  });
});

describe('cash incidents', () => {
  it('announce the cash involved, for finance to flag; others say nothing of cash', () => {
    const base = { id: 'i2', number: 'INC-2026-000002', type: 'theft' as const, severity: 'high' as const, location: 'Cashier desk 2', occurredAt: reportedAt, description: 'Till short', evidence: [], reportedBy: 'g', reportedAt };
    expect(reportIncident({ ...base, cashInvolved: true, cashAmountFen: 120_000 }).events[0].data).toMatchObject({ cashInvolved: true, cashAmountFen: 120_000 });
    expect(reportIncident({ ...base, cashInvolved: true }).events[0].data).not.toHaveProperty('cashAmountFen');
    expect(reportIncident(base).events[0].data).not.toHaveProperty('cashInvolved');
  });
});

describe('the 15-minute rule', () => {
  it('tells the security manager of high and critical incidents at once, not of others', () => {
    expect(notifyOnReport(incident('critical'))).toEqual({ recipientRole: 'security_manager', subject: 'INC-2026-000001: critical fire at MAIN/A-03' });
    expect(notifyOnReport(incident('medium'))).toBeNull();
  });

  it('escalates a serious incident unacknowledged at 15 minutes, once, to the general manager', () => {
    const i = incident();
    expect(isOverdueForAcknowledgement(i, minutes(14.99))).toBe(false);
    expect(escalateIncident(i, minutes(14)).events).toEqual([]);
    const step = escalateIncident(i, minutes(15));
    expect(step.state.escalatedAt).toEqual(minutes(15));
    expect(step.events).toEqual([{ type: 'security.incident.escalated', data: expect.objectContaining({ incidentId: 'i1', escalatedTo: 'general_manager', acknowledgeBy: minutes(15).toISOString() }) }]);
    expect(step.notify?.recipientRole).toBe('general_manager');
    // Once: escalated already, nothing more.
    const again = escalateIncident(step.state, minutes(30));
    expect(again).toMatchObject({ transitions: [], events: [], notify: null });
  });

  it('does not escalate one acknowledged in time, nor a medium or low one', () => {
    const acknowledged = acknowledgeIncident(incident(), 'manager', minutes(10)).state;
    expect(isOverdueForAcknowledgement(acknowledged, minutes(60))).toBe(false);
    expect(isOverdueForAcknowledgement(incident('medium'), minutes(60))).toBe(false);
  });

  it('records a late acknowledgement as late', () => {
    expect(acknowledgeIncident(incident(), 'manager', minutes(20)).transitions[0].reason).toBe('acknowledged by manager after its deadline');
  });
});
