import { requiredApproval } from './approval-policy.js';

const yuan = (cny: number) => Math.round(cny * 100);

describe('approval chain by order total (domain.md §4.2)', () => {
  it.each([
    [0, 'none'],
    [99_999.99, 'none'],
    [100_000.0, 'sales_manager'],
    [499_999.99, 'sales_manager'],
    [500_000.0, 'sales_vp'],
    [4_999_999.99, 'sales_vp'],
    [5_000_000.0, 'general_manager'],
    [80_000_000, 'general_manager'],
  ])('an order of %s CNY needs %s', (cny, level) => {
    expect(requiredApproval(yuan(cny))).toBe(level);
  });
});

describe('thresholds are data with an effective date', () => {
  it('applies a new version of the tiers from its first day only', () => {
    const raised = [
      { effectiveFrom: '2026-01-01', value: [{ fromFen: yuan(100_000), level: 'sales_manager' as const }] },
      { effectiveFrom: '2027-01-01', value: [{ fromFen: yuan(200_000), level: 'sales_manager' as const }] },
    ];
    expect(requiredApproval(yuan(150_000), '2026-12-31', raised)).toBe('sales_manager');
    expect(requiredApproval(yuan(150_000), '2027-01-01', raised)).toBe('none');
  });
});
