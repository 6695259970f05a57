import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type ExpectedExitView, type GateCheckView, type IncidentView, type ListExpectedExitsQuery, type ListGateChecksQuery,
  type ListIncidentsQuery, type Page, type RecordGateCheckRequest, type ReportIncidentRequest,
} from '@ops/contracts';
import { businessNow, businessYear } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type Acting, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkAtGate, passGate, recordGateCheck, unauthorizedExit } from '../domain/gate-check.js';
import { notifyOnReport, reportIncident, type IncidentFacts } from '../domain/incident.js';
import { ExpectedExitEntity, GateCheckEntity, IncidentEntity } from '../infra/persistence/security.entities.js';
import { ExpectedExitStore, GateCheckStore, IncidentStore } from '../infra/persistence/stores.js';
import { notify } from './notifications.js';

type IncidentDetails = IncidentFacts & Pick<ReportIncidentRequest, 'occurredAt' | 'evidence'>;

@Injectable()
export class SiteCommands {
  constructor(private readonly incidents: IncidentStore, private readonly exits: ExpectedExitStore, private readonly gateChecks: GateCheckStore) {}

  /** Every new incident is recorded and announced (domain.md §7). */
  @Handles(SecurityCatalog.reportIncident)
  async reportIncident(request: ReportIncidentRequest, { tx, actor, cause }: CommandContext): Promise<IncidentView> {
    return incidentView(await this.raiseIncident(tx, request, { actor, cause }));
  }

  /**
   * The guard matches goods leaving against the shipment papers; a failed match raises an incident.
   * The incident, the expected shipment and the check are written in the command's one transaction.
   */
  @Handles(SecurityCatalog.recordGateCheck)
  async recordGateCheck(request: RecordGateCheckRequest, { tx, actor, cause }: CommandContext): Promise<GateCheckView> {
    const acting = { actor, cause };
    const gate = request.gate ?? 'Main gate';
    // Held until the commit, so two guards cannot both clear the same shipment.
    const expected = await rowByKey(tx, ExpectedExitEntity, 'shipmentNumber', request.shipmentNumber, { lock: true });
    const outcome = checkAtGate(request.shipmentNumber, expected, request.piecesCounted);
    const incident = outcome.outcome === 'cleared' ? null : await this.raiseIncident(tx, unauthorizedExit(outcome, gate, request.vehicle), acting);
    const number = await nextDocumentNumber(tx, 'GC', businessYear());
    if (expected && outcome.outcome !== 'unknown_shipment') await this.exits.apply(tx, expected, (exit) => passGate(exit, outcome, number), acting);
    const check = await this.gateChecks.create(tx, recordGateCheck({
      id: uuidv7(), number, shipmentNumber: request.shipmentNumber, shipmentId: expected?.shipmentId ?? null, piecesCounted: request.piecesCounted,
      piecesExpected: expected?.pieces ?? null, incidentId: incident?.id ?? null, gate, vehicle: request.vehicle ?? null, checkedBy: actor.userId, checkedAt: new Date(),
    }, outcome), acting);
    return gateCheckView(check);
  }

  @Handles(SecurityCatalog.listGateChecks)
  async listGateChecks(query: ListGateChecksQuery, { tx }: CommandContext): Promise<Page<GateCheckView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(GateCheckEntity, { order: { checkedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(gateCheckView), page, pageSize, total };
  }

  /** Filtered by type, status, severity, assignee and the business dates (Asia/Shanghai) they were reported between. */
  @Handles(SecurityCatalog.listIncidents)
  async listIncidents(query: ListIncidentsQuery, { tx }: CommandContext): Promise<Page<IncidentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(IncidentEntity, 'i');
    if (query.type) qb.andWhere('i.type = :type', { type: query.type });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.severity) qb.andWhere('i.severity = :severity', { severity: query.severity });
    if (query.assignee) qb.andWhere('i.assignee = :assignee', { assignee: query.assignee });
    if (query.from) qb.andWhere(`i.reported_at >= (CAST(:from AS date)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { from: query.from });
    if (query.to) qb.andWhere(`i.reported_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { to: query.to });
    const [rows, total] = await qb.orderBy('i.reported_at', 'DESC').addOrderBy('i.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(incidentView), page, pageSize, total };
  }

  @Handles(SecurityCatalog.listExpectedExits)
  async listExpectedExits(query: ListExpectedExitsQuery, { tx }: CommandContext): Promise<Page<ExpectedExitView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ExpectedExitEntity, { order: { expectedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((e) => ({ ...e, expectedAt: e.expectedAt.toISOString() })), page, pageSize, total };
  }

  /** Reported on the business clock, which the 15-minute rule reads; a serious one notifies the security manager in the same transaction. */
  private async raiseIncident(tx: EntityManager, details: IncidentDetails, acting: Acting): Promise<IncidentEntity> {
    const now = businessNow();
    const step = reportIncident({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'INC', businessYear(now)), type: details.type, severity: details.severity,
      location: details.location, occurredAt: details.occurredAt ? new Date(details.occurredAt) : now, description: details.description,
      evidence: details.evidence ?? [], reportedBy: acting.actor.userId, reportedAt: now,
      cashInvolved: details.cashInvolved ?? false, cashAmountFen: details.cashInvolved ? (details.cashAmountFen ?? null) : null,
    });
    const incident = await this.incidents.create(tx, step, acting);
    const notice = notifyOnReport(incident);
    if (notice) await notify(tx, { ...notice, kind: 'incident_reported', documentId: incident.id });
    return incident;
  }
}

export function incidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id, number: i.number, type: i.type, severity: i.severity, location: i.location, occurredAt: i.occurredAt.toISOString(),
    description: i.description, evidence: i.evidence, reportedBy: i.reportedBy, status: i.status,
    acknowledgeBy: i.acknowledgeBy?.toISOString() ?? null, reportedAt: i.reportedAt.toISOString(),
    assignee: i.assignee ?? null, acknowledgedBy: i.acknowledgedBy ?? null, acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    escalatedAt: i.escalatedAt?.toISOString() ?? null, resolution: i.resolution ?? null, closedAt: i.closedAt?.toISOString() ?? null,
    cashInvolved: i.cashInvolved ?? false, cashAmountFen: i.cashAmountFen ?? null,
  };
}

function gateCheckView(g: GateCheckEntity): GateCheckView {
  return {
    id: g.id, number: g.number, shipmentNumber: g.shipmentNumber, shipmentId: g.shipmentId, piecesCounted: g.piecesCounted, piecesExpected: g.piecesExpected,
    outcome: g.outcome, incidentId: g.incidentId, gate: g.gate, vehicle: g.vehicle, checkedBy: g.checkedBy, checkedAt: g.checkedAt.toISOString(),
  };
}
