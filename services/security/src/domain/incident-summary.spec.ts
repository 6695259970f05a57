import { incidentSummary, isOpen } from './incident-summary.js';

describe('incident summary', () => {
  it('counts an incident open until it is resolved', () => {
    expect((['reported', 'acknowledged', 'investigating', 'resolved', 'closed'] as const).map(isOpen)).toEqual([true, true, true, false, false]);
  });

  it('sums per type and severity over statuses, only the combinations that occurred, most first', () => {
    const summary = incidentSummary([
      { type: 'theft', severity: 'high', status: 'reported', count: 2 },
      { type: 'theft', severity: 'high', status: 'closed', count: 1 },
      { type: 'fire_hazard', severity: 'low', status: 'resolved', count: 1 },
      { type: 'theft', severity: 'critical', status: 'investigating', count: 1 },
      { type: 'fight', severity: 'medium', status: 'acknowledged', count: 1 },
    ]);
    expect(summary).toEqual({
      total: 6,
      open: 4,
      counts: [
        { type: 'theft', severity: 'high', count: 3 },
        { type: 'fight', severity: 'medium', count: 1 },
        { type: 'fire_hazard', severity: 'low', count: 1 },
        { type: 'theft', severity: 'critical', count: 1 },
      ],
      byStatus: { reported: 2, acknowledged: 1, investigating: 1, resolved: 1, closed: 1 },
    });
  });

  it('orders equal counts of one type from critical to low', () => {
    const summary = incidentSummary((['low', 'critical', 'medium', 'high'] as const).map((severity) => ({ type: 'other' as const, severity, status: 'reported' as const, count: 1 })));
    expect(summary.counts.map((c) => c.severity)).toEqual(['critical', 'high', 'medium', 'low']);
  });

  it('is all zeros for a quiet period', () => {
    expect(incidentSummary([])).toEqual({ total: 0, open: 0, counts: [], byStatus: { reported: 0, acknowledged: 0, investigating: 0, resolved: 0, closed: 0 } });
  });
});
