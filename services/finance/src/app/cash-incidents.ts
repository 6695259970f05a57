import { Injectable } from '@nestjs/common';
import { FinanceCatalog, IncidentReported, pageWindow, type CashIncidentView, type EventEnvelope, type IncidentReportedData, type ListCashIncidentsQuery, type Page } from '@ops/contracts';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { CashIncidentEntity } from '../infra/persistence/cash-incident.entities.js';

/** Finance flags the incidents security reports with cash involved (a till short, a robbery): once per incident, however often the event comes. */
@Injectable()
export class CashIncidents {
  @OnEvent(IncidentReported, 'flag-cash-incident')
  async onIncidentReported(event: EventEnvelope<IncidentReportedData>, tx: EntityManager): Promise<void> {
    const i = event.data;
    if (!i.cashInvolved) return;
    await tx.createQueryBuilder().insert().into(CashIncidentEntity).values({
      incidentId: i.incidentId, incidentNumber: i.incidentNumber, type: i.type, severity: i.severity, location: i.location, occurredAt: new Date(i.occurredAt),
      description: i.description, reportedBy: i.reportedBy, cashAmountFen: i.cashAmountFen ?? null,
    }).orIgnore().execute();
  }

  @Handles(FinanceCatalog.listCashIncidents)
  async listCashIncidents(query: ListCashIncidentsQuery, { tx }: CommandContext): Promise<Page<CashIncidentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(CashIncidentEntity, { order: { flaggedAt: 'DESC', incidentId: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => ({ ...r, cashAmountFen: r.cashAmountFen === null ? null : Number(r.cashAmountFen), occurredAt: r.occurredAt.toISOString(), flaggedAt: r.flaggedAt.toISOString() })), page, pageSize, total };
  }
}
