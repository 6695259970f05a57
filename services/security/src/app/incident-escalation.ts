import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { businessNow } from '@ops/kernel';
import { METRICS_REGISTRY, PeriodicJob, SERVICE_CONFIG, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { escalateIncident } from '../domain/incident.js';
import { IncidentEntity } from '../infra/persistence/security.entities.js';
import { IncidentStore } from '../infra/persistence/stores.js';
import { notify } from './notifications.js';

const SYSTEM: Actor = { userId: 'system:incident-escalation', roles: [] };
const BATCH = 50;

/**
 * High and critical incidents must be acknowledged within 15 minutes of their report (domain.md §7); one
 * that is not goes to the general manager, exactly once. A periodic scan on the business clock claims the
 * overdue incidents with FOR UPDATE SKIP LOCKED and only those not yet escalated: an instance scanning at
 * the same moment skips the rows another holds, and a row escalated meanwhile no longer matches
 * (`escalated_at IS NULL` is checked again on the locked row). The step itself also refuses to escalate twice.
 */
@Injectable()
export class IncidentEscalation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(private readonly dataSource: DataSource, private readonly incidents: IncidentStore, @Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.job = new PeriodicJob('incident-escalation', config.jobs.scanMs, () => this.escalateOverdue(), registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Escalates every incident past its acknowledgement deadline; returns how many. */
  async escalateOverdue(): Promise<number> {
    let escalated = 0;
    for (;;) {
      const now = businessNow();
      const batch = await this.dataSource.transaction(async (tx) => {
        const due = await tx.createQueryBuilder(IncidentEntity, 'i')
          .where(`i.status = 'reported' AND i.acknowledge_by IS NOT NULL AND i.escalated_at IS NULL AND i.acknowledge_by <= :now`, { now })
          .orderBy('i.acknowledge_by').limit(BATCH).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
        let done = 0;
        for (const incident of due) {
          const { step } = await this.incidents.apply(tx, incident, (i) => escalateIncident(i, now), { actor: SYSTEM });
          if (!step.notify) continue;
          await notify(tx, { ...step.notify, kind: 'incident_escalated', documentId: incident.id });
          done++;
        }
        return { picked: due.length, done };
      });
      escalated += batch.done;
      if (batch.picked < BATCH || batch.done === 0) return escalated;
    }
  }
}
