import { requiredApproval } from './approval-policy.js';

const yuan = (cny: number) => Math.round(cny * 100);

describe('approval chain by order total (DESIGN §4.2)', () => {
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
