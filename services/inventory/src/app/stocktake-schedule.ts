import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { METRICS_REGISTRY, SERVICE_CONFIG, SlotJob, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { isThirdSaturday } from '../domain/stocktake.js';
import { WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StocktakeEntity } from '../infra/persistence/warehouse-operations.entities.js';
import { MONTHLY_STOCKTAKE_ACTOR, StocktakeCommands } from './warehouse-operations.js';

const SYSTEM: Actor = { userId: MONTHLY_STOCKTAKE_ACTOR, roles: [] };

/**
 * The monthly stocktake: as each business day begins (a slot per business date, once across every instance,
 * slot-job.ts), on the third Saturday of the month a stocktake of every sellable warehouse is opened, its variance
 * report due the next day. A warehouse already opened that day is skipped (and a unique index stands behind it),
 * so a slot taken over after a crash opens nothing twice.
 */
@Injectable()
export class StocktakeSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: SlotJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly stocktakes: StocktakeCommands,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.job = new SlotJob('monthly-stocktake', config.jobs.scanMs, () => businessDate(), (day) => this.openFor(day), dataSource, registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** The stocktakes opened on `day`, by warehouse code: none unless it is the third Saturday. */
  async openFor(day: string): Promise<string[]> {
    if (!isThirdSaturday(day)) return [];
    const warehouses = await this.dataSource.getRepository(WarehouseEntity).find({ where: { sellable: true }, order: { code: 'ASC' } });
    const opened: string[] = [];
    for (const w of warehouses) {
      await this.dataSource.transaction(async (tx) => {
        if (await tx.existsBy(StocktakeEntity, { warehouseCode: w.code, openedOn: day, startedBy: SYSTEM.userId })) return;
        await this.stocktakes.open(tx, w.code, null, { actor: SYSTEM }, day);
        opened.push(w.code);
      });
    }
    return opened;
  }
}
