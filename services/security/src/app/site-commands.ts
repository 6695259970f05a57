import { Inject, Injectable } from '@nestjs/common';
import {
  businessYear, IncidentReported, ListExpectedExitsQuery, ListGateChecksQuery, ListIncidentsQuery, pageWindow, RecordGateCheckRequest, ReportIncidentRequest,
  SecurityRpc, type ExpectedExitView, type GateCheckView, type IncidentView, type Page,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkAtGate } from '../domain/gate-check.js';
import { acknowledgeBy } from '../domain/incident.js';
import { ExpectedExitEntity, GateCheckEntity, IncidentEntity } from '../infra/persistence/security.entities.js';

@Injectable()
export class SiteCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /** Every new incident is recorded and announced (DESIGN §7). */
  @RpcHandler(SecurityRpc.reportIncident, ReportIncidentRequest)
  async reportIncident(request: ReportIncidentRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SecurityRpc.reportIncident, async () => incidentView(await this.raiseIncident(tx, request, context))),
    );
  }

  /** The guard matches goods leaving against the shipment papers; a failed match raises an incident. */
  @RpcHandler(SecurityRpc.recordGateCheck, RecordGateCheckRequest)
  async recordGateCheck(request: RecordGateCheckRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SecurityRpc.recordGateCheck, async () => {
        const expected = await tx.findOne(ExpectedExitEntity, { where: { shipmentNumber: request.shipmentNumber }, lock: { mode: 'pessimistic_write' } });
        const check = checkAtGate(request.shipmentNumber, expected, request.piecesCounted);
        const gate = request.gate ?? 'Main gate';
        let incidentId: string | null = null;
        if (check.outcome !== 'cleared') {
          const incident = await this.raiseIncident(tx, {
            type: 'unauthorized_goods_exit', severity: 'high', location: gate,
            description: `${check.reason}${request.vehicle ? ` (vehicle ${request.vehicle})` : ''}`,
          }, context);
          incidentId = incident.id;
        }
        if (expected) {
          expected.status = check.outcome === 'cleared' ? 'cleared' : 'mismatch';
          await tx.save(expected);
        }
        const row = await tx.save(tx.create(GateCheckEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'GC', businessYear()), shipmentNumber: request.shipmentNumber,
          shipmentId: expected?.shipmentId ?? null, piecesCounted: request.piecesCounted, piecesExpected: expected?.pieces ?? null,
          outcome: check.outcome, incidentId, gate, vehicle: request.vehicle ?? null, checkedBy: context.actor.userId,
        }));
        return gateCheckView(row);
      }),
    );
  }

  @RpcHandler(SecurityRpc.listGateChecks, ListGateChecksQuery)
  async listGateChecks(query: ListGateChecksQuery): Promise<Page<GateCheckView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(GateCheckEntity).findAndCount({ order: { checkedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(gateCheckView), page, pageSize, total };
  }

  private async raiseIncident(
    tx: EntityManager,
    fields: Pick<ReportIncidentRequest, 'type' | 'severity' | 'location' | 'description' | 'occurredAt' | 'evidence'>,
    context: RpcContext,
  ): Promise<IncidentEntity> {
    const now = new Date();
    const incident = await tx.save(tx.create(IncidentEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, 'INC', businessYear(now)), type: fields.type, severity: fields.severity,
      location: fields.location, occurredAt: fields.occurredAt ? new Date(fields.occurredAt) : now, description: fields.description,
      evidence: fields.evidence ?? [], reportedBy: context.actor.userId, status: 'reported', acknowledgeBy: acknowledgeBy(fields.severity, now),
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
    return incident;
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

function gateCheckView(g: GateCheckEntity): GateCheckView {
  return {
    id: g.id, number: g.number, shipmentNumber: g.shipmentNumber, shipmentId: g.shipmentId, piecesCounted: g.piecesCounted, piecesExpected: g.piecesExpected,
    outcome: g.outcome, incidentId: g.incidentId, gate: g.gate, vehicle: g.vehicle, checkedBy: g.checkedBy, checkedAt: g.checkedAt.toISOString(),
  };
}
