import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type ExpectedExitView, type GateCheckView, type IncidentView, type ListExpectedExitsQuery, type ListGateChecksQuery,
  type ListIncidentsQuery, type Page, type RecordGateCheckRequest, type ReportIncidentRequest,
} from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type Acting, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkAtGate, passGate, recordGateCheck, unauthorizedExit } from '../domain/gate-check.js';
import { reportIncident, type IncidentFacts } from '../domain/incident.js';
import { ExpectedExitEntity, GateCheckEntity, IncidentEntity } from '../infra/persistence/security.entities.js';
import { ExpectedExitStore, GateCheckStore, IncidentStore } from '../infra/persistence/stores.js';

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
    const expected = await tx.findOne(ExpectedExitEntity, { where: { shipmentNumber: request.shipmentNumber }, lock: { mode: 'pessimistic_write' } });
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

  @Handles(SecurityCatalog.listIncidents)
  async listIncidents(query: ListIncidentsQuery, { tx }: CommandContext): Promise<Page<IncidentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(IncidentEntity, {
      where: query.type ? { type: query.type } : {}, order: { reportedAt: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(incidentView), page, pageSize, total };
  }

  @Handles(SecurityCatalog.listExpectedExits)
  async listExpectedExits(query: ListExpectedExitsQuery, { tx }: CommandContext): Promise<Page<ExpectedExitView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ExpectedExitEntity, { order: { expectedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((e) => ({ ...e, expectedAt: e.expectedAt.toISOString() })), page, pageSize, total };
  }

  private async raiseIncident(tx: EntityManager, details: IncidentDetails, acting: Acting): Promise<IncidentEntity> {
    const now = new Date();
    return this.incidents.create(tx, reportIncident({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'INC', businessYear(now)), type: details.type, severity: details.severity,
      location: details.location, occurredAt: details.occurredAt ? new Date(details.occurredAt) : now, description: details.description,
      evidence: details.evidence ?? [], reportedBy: acting.actor.userId, reportedAt: now,
    }), acting);
  }
}

function incidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id, number: i.number, type: i.type, severity: i.severity, location: i.location, occurredAt: i.occurredAt.toISOString(),
    description: i.description, evidence: i.evidence, reportedBy: i.reportedBy, status: i.status,
    acknowledgeBy: i.acknowledgeBy?.toISOString() ?? null, reportedAt: i.reportedAt.toISOString(),
  };
}

function gateCheckView(g: GateCheckEntity): GateCheckView {
  return {
    id: g.id, number: g.number, shipmentNumber: g.shipmentNumber, shipmentId: g.shipmentId, piecesCounted: g.piecesCounted, piecesExpected: g.piecesExpected,
    outcome: g.outcome, incidentId: g.incidentId, gate: g.gate, vehicle: g.vehicle, checkedBy: g.checkedBy, checkedAt: g.checkedAt.toISOString(),
  };
}
