import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { METRICS_REGISTRY, SERVICE_CONFIG, SlotJob, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { advanceStage, SUPPLY_STOPPING_STAGES, unpaidCutoff } from '../domain/collection-ladder.js';
import { ReceivableEntity } from '../infra/persistence/finance.entities.js';
import { ReceivableStore } from '../infra/persistence/stores.js';
import { CustomerLedger } from './customer-ledger.js';

const SYSTEM: Actor = { userId: 'system:collection-ladder', roles: [] };
/** Receivables moved per transaction: keeps each lock short and each commit small. */
const BATCH = 200;

/**
 * The collection ladder moves with the calendar (domain/collection-ladder.ts): as each business day begins,
 * once across every instance of finance (a slot per business date, slot-job.ts), every receivable the
 * calendar has moved is announced at its new stage, and customers with a receivable at supply stopped or
 * doubtful are put on credit hold. Each step checks what is already done, so a slot taken over after a
 * crash repeats nothing.
 */
@Injectable()
export class CollectionLadder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: SlotJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly receivables: ReceivableStore,
    private readonly ledger: CustomerLedger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.job = new SlotJob('collection-ladder', config.jobs.scanMs, () => businessDate(), (day) => this.climb(day), dataSource, registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Runs today's slot now if no instance has: the day it ran, or null. */
  runDue(): Promise<string | null> {
    return this.job.runDue();
  }

  /** Announces every stage the calendar moved on `today`, then stops supply where it must; how many receivables moved. */
  async climb(today: string): Promise<number> {
    let moved = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    const customers = new Set<string>();
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        // Only receivables the calendar can have moved: at least unpaid by their due date, or declared doubtful, or announced beyond current.
        const rows = await tx.createQueryBuilder(ReceivableEntity, 'r')
          .where(`r.status = 'open' AND (r.due_date < :cutoff OR r.doubtful_reason IS NOT NULL OR r.stage NOT IN ('current', 'cleared'))`, { cutoff: unpaidCutoff(today) })
          .andWhere('r.id > :after', { after }).orderBy('r.id').limit(BATCH).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
        let changed = 0;
        for (const row of rows) {
          const { step } = await this.receivables.apply(tx, row, (r) => advanceStage(r, today), { actor: SYSTEM });
          if (step.events.length > 0) {
            changed++;
            customers.add(row.customerId);
          }
        }
        return { rows, changed };
      });
      moved += batch.changed;
      if (batch.rows.length < BATCH) break;
      after = batch.rows.at(-1)!.id;
    }
    // Customers whose receivables moved, and any still owing at supply stopped without a hold (a run cut short): supply follows the ladder.
    const unheld: Array<{ customer_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT r.customer_id FROM receivables r LEFT JOIN customer_balances b ON b.customer_id = r.customer_id
        WHERE r.status = 'open' AND r.stage = ANY($1::text[]) AND NOT COALESCE(b.on_hold, false)`,
      [SUPPLY_STOPPING_STAGES],
    );
    for (const customerId of new Set([...customers, ...unheld.map((u) => u.customer_id)])) {
      await this.dataSource.transaction((tx) => this.ledger.followCollection(tx, customerId, `collection ladder on ${today}`, { actor: SYSTEM }));
    }
    return moved;
  }
}
