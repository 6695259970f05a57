import { Logger } from '@nestjs/common';
import { periodicJobMetrics } from '@ops/observability';
import type { Registry } from 'prom-client';

/**
 * Runs `task` every `everyMs` until stopped, never two runs at once in this process. Several instances
 * of a service each run it: the task itself must claim its rows (SKIP LOCKED, conditional updates)
 * so that two instances never do the same work twice.
 *
 * With a metrics registry, each run that ends without an error sets
 * `periodic_job_last_success_timestamp_seconds{task}` and each failure counts in
 * `periodic_job_failures_total{task}`; `periodic_job_interval_seconds{task}` says how often it should run,
 * so an alert can tell a job that stopped succeeding.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly logger: Logger;
  private readonly metrics?: ReturnType<typeof periodicJobMetrics>;

  constructor(private readonly name: string, private readonly everyMs: number, private readonly task: () => Promise<unknown>, registry?: Registry) {
    this.logger = new Logger(`job:${name}`);
    if (registry) {
      this.metrics = periodicJobMetrics(registry);
      this.metrics.interval.set({ task: name }, everyMs / 1000);
      this.metrics.failures.inc({ task: name }, 0);
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  /** One run now (or the one in progress); errors are logged, and the next tick tries again. */
  runOnce(): Promise<void> {
    this.running ??= this.task()
      .then(() => void this.metrics?.lastSuccess.set({ task: this.name }, Date.now() / 1000))
      .catch((error: unknown) => {
        this.metrics?.failures.inc({ task: this.name });
        this.logger.error({ err: error }, `${this.name} failed; retrying on the next tick`);
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a run in progress, so the database is not closed under it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
