import { Logger } from '@nestjs/common';

/**
 * Runs `task` every `everyMs` until stopped, never two runs at once in this process. Several instances
 * of a service each run it: the task itself must claim its rows (SKIP LOCKED, conditional updates)
 * so that two instances never do the same work twice.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(private readonly name: string, private readonly everyMs: number, private readonly task: () => Promise<unknown>) {
    this.logger = new Logger(`job:${name}`);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  /** One run now (or the one in progress); errors are logged, and the next tick tries again. */
  runOnce(): Promise<void> {
    this.running ??= this.task()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, `${this.name} failed; retrying on the next tick`))
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
