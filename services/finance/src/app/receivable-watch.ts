import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { METRICS_REGISTRY, PeriodicJob, SERVICE_CONFIG, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { unpaidCutoff } from '../domain/collection-ladder.js';
import { CustomerLedger } from './customer-ledger.js';

const SYSTEM: Actor = { userId: 'system:receivable-watch', roles: [] };
/** Customers reported per transaction: keeps each lock short and each commit small. */
const BATCH = 200;

/**
 * Receivables fall overdue with the calendar, not with a command: unpaid from the 5th of the month after
 * their due date (collection rules 9-05, domain/receivable.ts). A periodic look tells sales and inventory
 * (by finance.receivable.changed) about every customer whose overdue amount differs from what they last
 * heard. Customers another instance is looking at are skipped, not waited for.
 */
@Injectable()
export class ReceivableWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(private readonly dataSource: DataSource, private readonly ledger: CustomerLedger, @Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.job = new PeriodicJob('receivable-watch', config.jobs.scanMs, () => this.reportOverdue(), registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /**
   * Reports every customer whose overdue amount is not what sales last heard, in batches of one short
   * transaction each; returns how many customers were reported. Only customers whose figures differ are
   * picked, so a reported customer drops out and the next batch reaches the others. Two instances
   * scanning at once split the customers between them: rows another is holding are skipped.
   */
  async reportOverdue(): Promise<number> {
    let reported = 0;
    for (;;) {
      // Open receivables due before the cutoff are unpaid today: the rule stays in the domain, the query only compares.
      const cutoff = unpaidCutoff(businessDate());
      const batch = await this.dataSource.transaction(async (tx) => {
        const due: Array<{ customer_id: string }> = await tx.query(
          `SELECT b.customer_id FROM customer_balances b
            WHERE (b.reported_overdue_fen > 0
                   OR EXISTS (SELECT 1 FROM receivables r WHERE r.customer_id = b.customer_id AND r.status = 'open' AND r.due_date < $1))
              AND b.reported_overdue_fen <> (SELECT COALESCE(SUM(r.amount_fen - r.settled_fen), 0) FROM receivables r
                                              WHERE r.customer_id = b.customer_id AND r.status = 'open' AND r.due_date < $1)
            ORDER BY b.customer_id LIMIT ${BATCH} FOR UPDATE OF b SKIP LOCKED`,
          [cutoff],
        );
        let changed = 0;
        for (const { customer_id } of due) {
          if (await this.ledger.reportReceivables(tx, customer_id, 'receivables fell overdue', { actor: SYSTEM }, false)) changed++;
        }
        return { picked: due.length, changed };
      });
      reported += batch.changed;
      // A full batch may leave more; a batch that changed nothing (figures moved under it) waits for the next tick.
      if (batch.picked < BATCH || batch.changed === 0) return reported;
    }
  }
}
