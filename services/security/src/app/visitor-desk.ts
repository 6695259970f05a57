import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, StaffVisitorArrived, type CheckInVisitorRequest, type EventEnvelope, type ListOverstaysQuery, type ListVisitorsQuery, type Page, type StaffVisitorArrivedData,
  type VisitorIdRequest, type VisitorView,
} from '@ops/contracts';
import { businessNow, DomainError } from '@ops/kernel';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkInVisitor, checkOutVisitor, isOverstaying } from '../domain/visitor.js';
import { NotificationEntity, VisitorEntity } from '../infra/persistence/watch.entities.js';
import { VisitorStore } from '../infra/persistence/watch.stores.js';
import { notify } from './notifications.js';

/** Visitors at the front desk (前臺接待, domain.md §7). */
@Injectable()
export class VisitorDesk {
  constructor(private readonly visitors: VisitorStore) {}

  /**
   * The sales front desk met someone who is here for a member of staff, not to buy: the guards are told, so the
   * visitor is checked in (ID, badge, expected leave) at the gate. Once per reception, even past the inbox.
   */
  @OnEvent(StaffVisitorArrived, 'announce-staff-visitor')
  async onStaffVisitorArrived(event: EventEnvelope<StaffVisitorArrivedData>, tx: EntityManager): Promise<void> {
    const v = event.data;
    if (await tx.existsBy(NotificationEntity, { kind: 'visitor_announced', documentId: v.receptionId })) return;
    const phone = v.phone ? `, ${v.phone}` : '';
    await notify(tx, { recipientRole: 'security_guard', kind: 'visitor_announced', subject: `Front desk: ${v.name}${phone} is here for ${v.host} (${v.purpose}); check in at the gate`, documentId: v.receptionId });
  }

  /** The ID number is masked before anything is written; the host hears of it by `security.visitor.arrived`. */
  @Handles(SecurityCatalog.checkInVisitor)
  async checkInVisitor(request: CheckInVisitorRequest, { tx, actor, cause }: CommandContext): Promise<VisitorView> {
    if (await tx.existsBy(VisitorEntity, { badge: request.badge, status: 'on_site' })) {
      throw new DomainError('rule_violated', 'badge-in-use', `Badge ${request.badge} is worn by a visitor on site`, [{ field: 'badge', message: 'is in use by a visitor on site' }]);
    }
    const now = businessNow();
    const row = await this.visitors.create(tx, checkInVisitor({
      id: uuidv7(), name: request.name, idNumber: request.idNumber, host: request.host, purpose: request.purpose, badge: request.badge,
      checkedInAt: now, expectedLeaveAt: new Date(request.expectedLeaveAt), checkedInBy: actor.userId,
    }), { actor, cause });
    await notify(tx, { recipientRole: 'receptionist', kind: 'visitor_arrived', subject: `${row.name} (badge ${row.badge}) is here for ${row.host}`, documentId: row.id });
    return visitorView(row, now);
  }

  @Handles(SecurityCatalog.checkOutVisitor)
  async checkOutVisitor({ id }: VisitorIdRequest, { tx, actor, cause }: CommandContext): Promise<VisitorView> {
    const now = businessNow();
    const { row } = await this.visitors.change(tx, id, (v) => checkOutVisitor(v, actor.userId, now), { actor, cause });
    return visitorView(row, now);
  }

  @Handles(SecurityCatalog.listVisitors)
  async listVisitors(query: ListVisitorsQuery, { tx }: CommandContext): Promise<Page<VisitorView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(VisitorEntity, 'v');
    if (query.date) qb.andWhere(`v.checked_in_at >= (CAST(:date AS date)::timestamp AT TIME ZONE 'Asia/Shanghai') AND v.checked_in_at < ((CAST(:date AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { date: query.date });
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy('v.checked_in_at', 'DESC').addOrderBy('v.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    const now = businessNow();
    return { items: rows.map((v) => visitorView(v, now)), page, pageSize, total };
  }

  /** On site past the expected leave time, on the business clock; longest over first. */
  @Handles(SecurityCatalog.listOverstays)
  async listOverstays(query: ListOverstaysQuery, { tx }: CommandContext): Promise<Page<VisitorView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const now = businessNow();
    const [rows, total] = await tx.createQueryBuilder(VisitorEntity, 'v').where(`v.status = 'on_site' AND v.expected_leave_at < :now`, { now })
      .orderBy('v.expected_leave_at', 'ASC').addOrderBy('v.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((v) => visitorView(v, now)), page, pageSize, total };
  }
}

function visitorView(v: VisitorEntity, now: Date): VisitorView {
  return {
    id: v.id, name: v.name, idNumberMasked: v.idNumberMasked, host: v.host, purpose: v.purpose, badge: v.badge, status: v.status, checkedInAt: v.checkedInAt.toISOString(),
    expectedLeaveAt: v.expectedLeaveAt.toISOString(), checkedOutAt: v.checkedOutAt?.toISOString() ?? null, overstaying: isOverstaying(v, now), checkedInBy: v.checkedInBy,
  };
}
