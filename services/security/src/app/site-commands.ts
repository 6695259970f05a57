import { Inject, Injectable } from '@nestjs/common';
import {
  businessYear, IncidentReported, ListExpectedExitsQuery, ListIncidentsQuery, pageWindow, ReportIncidentRequest, SecurityRpc, type ExpectedExitView, type IncidentView, type Page,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { acknowledgeBy } from '../domain/incident.js';
import { ExpectedExitEntity, IncidentEntity } from '../infra/persistence/security.entities.js';

@Injectable()
export class SiteCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /** Every new incident is recorded and announced (DESIGN §7). */
  @RpcHandler(SecurityRpc.reportIncident, ReportIncidentRequest)
  async reportIncident(request: ReportIncidentRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SecurityRpc.reportIncident, async () => {
        const now = new Date();
        const incident = await tx.save(tx.create(IncidentEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'INC', businessYear(now)), type: request.type, severity: request.severity,
          location: request.location, occurredAt: request.occurredAt ? new Date(request.occurredAt) : now, description: request.description,
          evidence: request.evidence ?? [], reportedBy: context.actor.userId, status: 'reported', acknowledgeBy: acknowledgeBy(request.severity, now),
        }));
        await this.outbox.append(tx, IncidentReported, {
          aggregateId: incident.id,
          actor: context.actor,
          cause: { requestId: context.requestId },
          data: {
            incidentId: incident.id, incidentNumber: incident.number, type: incident.type, severity: incident.severity, location: incident.location,
            occurredAt: incident.occurredAt.toISOString(), description: incident.description, reportedBy: incident.reportedBy, evidence: incident.evidence,
          },
        });
        return incidentView(incident);
      }),
    );
  }

  @RpcHandler(SecurityRpc.listIncidents, ListIncidentsQuery)
  async listIncidents(query: ListIncidentsQuery): Promise<Page<IncidentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(IncidentEntity).findAndCount({
      where: query.type ? { type: query.type } : {}, order: { reportedAt: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(incidentView), page, pageSize, total };
  }

  @RpcHandler(SecurityRpc.listExpectedExits, ListExpectedExitsQuery)
  async listExpectedExits(query: ListExpectedExitsQuery): Promise<Page<ExpectedExitView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(ExpectedExitEntity).findAndCount({ order: { expectedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((e) => ({ ...e, expectedAt: e.expectedAt.toISOString() })), page, pageSize, total };
  }
}

function incidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id, number: i.number, type: i.type, severity: i.severity, location: i.location, occurredAt: i.occurredAt.toISOString(),
    description: i.description, evidence: i.evidence, reportedBy: i.reportedBy, status: i.status,
    acknowledgeBy: i.acknowledgeBy?.toISOString() ?? null, reportedAt: i.reportedAt.toISOString(),
  };
}
