import { retryDelayMs } from './backoff.js';

describe('retry schedule', () => {
  it('follows the schedule, then stays at its last step', () => {
    const schedule = [100, 1_000, 5_000];
    expect([1, 2, 3, 4, 9].map((n) => retryDelayMs(n, schedule))).toEqual([100, 1_000, 5_000, 5_000, 5_000]);
    expect(retryDelayMs(1, [])).toBe(0);
  });
});
