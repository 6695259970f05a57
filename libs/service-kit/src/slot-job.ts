import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { PeriodicJob } from './periodic-job.js';

/**
 * Work that must happen once per slot of the business clock — once per business date, once per patrol
 * window — however many instances of the service run. Every `everyMs` each instance asks for the current
 * slot (`slotOf`, read from the business clock); the first to insert the slot's row in `job_slots` runs it,
 * the others see the row and do nothing. A run that fails gives its slot back for the next tick. An instance that dies mid-run leaves its claim unfinished; after
 * `leaseMs` another instance takes the slot over, so the task must be safe to run again (each step checks
 * what is already done). A slot is never run again once finished.
 */
export class SlotJob {
  private readonly job: PeriodicJob;
  private readonly instance = randomUUID();
  /** The last slot this instance saw finished: no need to ask the database again until the clock moves on. */
  private finished: string | undefined;

  constructor(
    private readonly name: string,
    everyMs: number,
    private readonly slotOf: () => string,
    private readonly task: (slot: string) => Promise<unknown>,
    private readonly dataSource: DataSource,
    registry?: Registry,
    private readonly leaseMs = 10 * 60_000,
  ) {
    this.job = new PeriodicJob(name, everyMs, () => this.runDue(), registry);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Runs the current slot if no instance has (or is running it within its lease); the slot it ran, or null. */
  async runDue(): Promise<string | null> {
    const slot = this.slotOf();
    if (slot === this.finished) return null;
    const claimed: Array<{ slot: string }> = await this.dataSource.query(
      `INSERT INTO job_slots (job, slot, claimed_by, claimed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (job, slot) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = now()
         WHERE job_slots.finished_at IS NULL AND job_slots.claimed_at < now() - make_interval(secs => $4::double precision / 1000)
       RETURNING slot`,
      [this.name, slot, this.instance, this.leaseMs],
    );
    if (claimed.length === 0) {
      const [row]: Array<{ done: boolean }> = await this.dataSource.query(`SELECT finished_at IS NOT NULL AS done FROM job_slots WHERE job = $1 AND slot = $2`, [this.name, slot]);
      if (row?.done) this.finished = slot;
      return null;
    }
    try {
      await this.task(slot);
    } catch (error) {
      // Give the slot back so the next tick (of any instance) tries again, rather than after the lease.
      await this.dataSource.query(`DELETE FROM job_slots WHERE job = $1 AND slot = $2 AND claimed_by = $3 AND finished_at IS NULL`, [this.name, slot, this.instance]);
      throw error;
    }
    await this.dataSource.query(`UPDATE job_slots SET finished_at = now() WHERE job = $1 AND slot = $2 AND claimed_by = $3`, [this.name, slot, this.instance]);
    this.finished = slot;
    return slot;
  }
}
