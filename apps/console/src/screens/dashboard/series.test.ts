import { describe, expect, it } from 'vitest';
import { bySeverity } from './series';

describe('incident counts for a stacked chart', () => {
  it('gives one row per type with a column per severity, adding repeated pairs', () => {
    const rows = bySeverity([
      { type: 'theft', severity: 'high', count: 2 },
      { type: 'fire', severity: 'low', count: 1 },
      { type: 'theft', severity: 'low', count: 3 },
      { type: 'theft', severity: 'high', count: 1 },
    ], (code) => code.toUpperCase());
    expect(rows).toEqual([{ type: 'THEFT', high: 3, low: 3 }, { type: 'FIRE', low: 1 }]);
  });
});
