/** Delay before the next delivery after `deliveries` failed ones: the schedule's step, or its last. */
export function retryDelayMs(deliveries: number, schedule: readonly number[]): number {
  if (schedule.length === 0) return 0;
  return schedule[Math.min(Math.max(deliveries, 1), schedule.length) - 1];
}

export const DEFAULT_RETRY_SCHEDULE_MS = [250, 1_000, 5_000, 15_000, 30_000] as const;
