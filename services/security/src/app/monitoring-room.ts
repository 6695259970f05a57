import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type CameraSweepRequest, type CameraSweepView, type DutyHandoverIdRequest, type DutyHandoverRequest, type DutyHandoverView,
  type DutyLogEntryRequest, type DutyLogEntryView, type FootageHoldIdRequest, type FootageHoldRequest, type FootageHoldView, type FootageHoldViewingView,
  type ListCameraSweepsQuery, type ListDutyHandoversQuery, type ListDutyLogQuery, type ListFootageHoldsQuery, type ListFootageHoldViewsRequest, type Page,
} from '@ops/contracts';
import { businessNow, DomainError } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { confirmDutyHandover, handOverDuty, holdFootage, mayViewFootage, releaseFootageHold } from '../domain/monitoring.js';
import { IncidentEntity } from '../infra/persistence/security.entities.js';
import { CameraSweepEntity, DutyHandoverEntity, DutyLogEntity, FootageHoldEntity, FootageHoldViewingEntity } from '../infra/persistence/watch.entities.js';
import { DutyHandoverStore, FootageHoldStore } from '../infra/persistence/watch.stores.js';

/** The monitoring room (安防监控室, domain.md §7): duty log and handover, camera sweeps, footage holds and who viewed them. */
@Injectable()
export class MonitoringRoom {
  constructor(private readonly handovers: DutyHandoverStore, private readonly holds: FootageHoldStore) {}

  @Handles(SecurityCatalog.writeDutyLog)
  async writeDutyLog(request: DutyLogEntryRequest, { tx, actor }: CommandContext): Promise<DutyLogEntryView> {
    const row = { id: uuidv7(), entry: request.entry, camera: request.camera ?? null, operator: actor.userId, at: businessNow() };
    await tx.insert(DutyLogEntity, row);
    return { ...row, at: row.at.toISOString() };
  }

  @Handles(SecurityCatalog.listDutyLog)
  async listDutyLog(query: ListDutyLogQuery, { tx }: CommandContext): Promise<Page<DutyLogEntryView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(DutyLogEntity, 'd');
    if (query.date) qb.where(`d.at >= (CAST(:date AS date)::timestamp AT TIME ZONE 'Asia/Shanghai') AND d.at < ((CAST(:date AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { date: query.date });
    const [rows, total] = await qb.orderBy('d.at', 'DESC').addOrderBy('d.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((d) => ({ ...d, at: d.at.toISOString() })), page, pageSize, total };
  }

  @Handles(SecurityCatalog.handOverDuty)
  async handOverDuty(request: DutyHandoverRequest, { tx, actor, cause }: CommandContext): Promise<DutyHandoverView> {
    const row = await this.handovers.create(tx, handOverDuty({ id: uuidv7(), fromOperator: actor.userId, toOperator: request.toOperator, notes: request.notes, handedAt: businessNow() }), { actor, cause });
    return handoverView(row);
  }

  @Handles(SecurityCatalog.confirmDutyHandover)
  async confirmDutyHandover({ id }: DutyHandoverIdRequest, { tx, actor, cause }: CommandContext): Promise<DutyHandoverView> {
    const { row } = await this.handovers.change(tx, id, (h) => confirmDutyHandover(h, actor.userId, businessNow()), { actor, cause });
    return handoverView(row);
  }

  @Handles(SecurityCatalog.listDutyHandovers)
  async listDutyHandovers(query: ListDutyHandoversQuery, { tx }: CommandContext): Promise<Page<DutyHandoverView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(DutyHandoverEntity, { where: query.status ? { status: query.status } : {}, order: { handedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(handoverView), page, pageSize, total };
  }

  @Handles(SecurityCatalog.recordCameraSweep)
  async recordCameraSweep(request: CameraSweepRequest, { tx, actor }: CommandContext): Promise<CameraSweepView> {
    const row = { id: uuidv7(), camera: request.camera, result: request.result, note: request.note ?? null, operator: actor.userId, sweptAt: businessNow() };
    await tx.insert(CameraSweepEntity, row);
    return { ...row, sweptAt: row.sweptAt.toISOString() };
  }

  @Handles(SecurityCatalog.listCameraSweeps)
  async listCameraSweeps(query: ListCameraSweepsQuery, { tx }: CommandContext): Promise<Page<CameraSweepView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = { ...(query.camera ? { camera: query.camera } : {}), ...(query.result ? { result: query.result } : {}) };
    const [rows, total] = await tx.findAndCount(CameraSweepEntity, { where, order: { sweptAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => ({ ...r, sweptAt: r.sweptAt.toISOString() })), page, pageSize, total };
  }

  @Handles(SecurityCatalog.holdFootage)
  async holdFootage(request: FootageHoldRequest, { tx, actor, cause }: CommandContext): Promise<FootageHoldView> {
    if (request.incidentId && !(await tx.existsBy(IncidentEntity, { id: request.incidentId }))) {
      throw new DomainError('rule_violated', 'incident-not-found', `No incident ${request.incidentId}`, [{ field: 'incidentId', message: 'is not a known incident' }]);
    }
    const now = businessNow();
    const row = await this.holds.create(tx, holdFootage({
      id: uuidv7(), camera: request.camera, from: new Date(request.from), to: new Date(request.to), reason: request.reason, incidentId: request.incidentId ?? null,
      heldUntil: new Date(request.heldUntil), heldBy: actor.userId, heldAt: now,
    }, now), { actor, cause });
    return holdView(row);
  }

  @Handles(SecurityCatalog.listFootageHolds)
  async listFootageHolds(query: ListFootageHoldsQuery, { tx }: CommandContext): Promise<Page<FootageHoldView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(FootageHoldEntity, { where: query.status ? { status: query.status } : {}, order: { heldAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(holdView), page, pageSize, total };
  }

  /** A view of held footage is a command: it is logged in the same transaction as its audit line. */
  @Handles(SecurityCatalog.viewFootageHold)
  async viewFootageHold({ id }: FootageHoldIdRequest, { tx, actor }: CommandContext): Promise<FootageHoldView> {
    // The gateway and the runtime check the roles already; the domain rule is checked once more here.
    if (!mayViewFootage(actor.roles)) throw new DomainError('forbidden', 'footage-not-viewable', 'Only monitoring operators and the security manager may view held footage');
    const hold = await this.holds.get(tx, id, { lock: false });
    await tx.insert(FootageHoldViewingEntity, { id: uuidv7(), holdId: hold.id, viewer: actor.userId, viewerRoles: [...actor.roles], viewedAt: businessNow() });
    return holdView(hold);
  }

  @Handles(SecurityCatalog.listFootageHoldViews)
  async listFootageHoldViews(query: ListFootageHoldViewsRequest, { tx }: CommandContext): Promise<Page<FootageHoldViewingView>> {
    const { page, pageSize, offset } = pageWindow(query);
    await this.holds.get(tx, query.id, { lock: false });
    const [rows, total] = await tx.findAndCount(FootageHoldViewingEntity, { where: { holdId: query.id }, order: { viewedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((v) => ({ holdId: v.holdId, viewer: v.viewer, viewerRoles: v.viewerRoles, viewedAt: v.viewedAt.toISOString() })), page, pageSize, total };
  }

  @Handles(SecurityCatalog.releaseFootageHold)
  async releaseFootageHold({ id }: FootageHoldIdRequest, { tx, actor, cause }: CommandContext): Promise<FootageHoldView> {
    const { row } = await this.holds.change(tx, id, (h) => releaseFootageHold(h, actor.userId, businessNow()), { actor, cause });
    return holdView(row);
  }
}

function handoverView(h: DutyHandoverEntity): DutyHandoverView {
  return { ...h, handedAt: h.handedAt.toISOString(), confirmedAt: h.confirmedAt?.toISOString() ?? null };
}

function holdView(h: FootageHoldEntity): FootageHoldView {
  return {
    id: h.id, camera: h.camera, from: h.from.toISOString(), to: h.to.toISOString(), reason: h.reason, incidentId: h.incidentId, heldUntil: h.heldUntil.toISOString(),
    status: h.status, heldBy: h.heldBy, heldAt: h.heldAt.toISOString(), releasedBy: h.releasedBy, releasedAt: h.releasedAt?.toISOString() ?? null,
  };
}
