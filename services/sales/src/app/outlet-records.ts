import { Injectable } from '@nestjs/common';
import {
  OutletWasteCosted, pageWindow, ReplenishmentTransferRaised, SalesCatalog, type Actor, type AssignComplaintRequest, type AttainmentQuery, type ComplaintView, type EventEnvelope,
  type GetRotaQuery, type ListComplaintsQuery, type ListReplenishmentsQuery, type ListWasteQuery, type LogComplaintRequest, type OutletAttainmentView, type OutletRecordIdRequest,
  type OutletRecordsCodeRequest, type OutletTargetView, type OutletWasteCostedData, type RecordWasteRequest, type Page, type RejectWasteRequest, type ReplenishmentTransferRaisedData, type ReplenishmentView,
  type RequestReplenishmentRequest, type ResolveComplaintRequest, type RotaView, type SaveRotaRequest, type SetOutletTargetRequest, type WasteView,
} from '@ops/contracts';
import { addDays, businessDate, businessNow, businessYear, DomainError, type Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  actualOf, approveWaste, assignComplaint, attainment, costWaste, isOverdue, logComplaint, periodsOf, recordWaste, rejectWaste, requestReplenishment, resolveComplaint, transferRaised,
  type WasteLine,
} from '../domain/outlet-records.js';
import { generateRota, isMonday, openWeekdaysOf, restCounts, rotaDates, validateRota, weekdayOf, ROTA_DAYS, type RotaFrame } from '../domain/outlet-rota.js';
import { OutletComplaintEntity, OutletReplenishmentEntity, OutletRotaEntity, OutletTargetEntity, OutletWasteEntity } from '../infra/persistence/outlet-records.entities.js';
import { OutletComplaintStore, OutletWasteStore, ReplenishmentStore } from '../infra/persistence/outlet-records.stores.js';
import { OutletStaffEntity, type OutletEntity, type OutletPosition } from '../infra/persistence/outlet.entities.js';
import { isOnStaff, mayReadOutlet, onOutletStaff, outletByCode, usernameOf } from './outlet-access.js';
import { outletPrices } from './till-prices.js';

const ANY_POSITION: readonly OutletPosition[] = ['manager', 'supervisor', 'clerk', 'bar_staff', 'bartender', 'back_room'];
const DEFAULT_SHIFT_KINDS = ['day', 'evening'];
/** Who sets an outlet's targets without being on its staff. */
const SALES_MANAGEMENT = ['sales_manager', 'sales_vp', 'general_manager'];

/** The outlet's supervisor (a store manager or bar supervisor there as manager or supervisor; the general manager exempt), or 403. */
async function asSupervisor(tx: EntityManager, code: string, actor: Actor): Promise<{ outlet: OutletEntity; username: string }> {
  const access = await onOutletStaff(tx, code, actor, ANY_POSITION);
  if (!access.supervisor) throw new DomainError('forbidden', 'not-outlet-supervisor', `${access.username} is not ${access.outlet.code}'s supervisor (a store manager or bar supervisor on its staff as manager or supervisor)`);
  return access;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * An outlet's records (domain/outlet-rota.ts, domain/outlet-records.ts): the rota with fair rest days, waste and
 * breakage, targets with attainment from the till, complaints, replenishment requests. Thin: the rules are in the
 * domain, the statuses written by the stores.
 */
@Injectable()
export class OutletRecords {
  constructor(private readonly waste: OutletWasteStore, private readonly complaints: OutletComplaintStore, private readonly replenishments: ReplenishmentStore) {}

  // ---- rota ----

  @Handles(SalesCatalog.saveRota)
  async saveRota(request: SaveRotaRequest, { tx, actor }: CommandContext): Promise<RotaView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    if (!isMonday(request.startDate)) throw new DomainError('rule_violated', 'rota-not-monday', `A rota starts on a Monday; ${request.startDate} is not one`, [{ field: 'startDate', message: 'must be a Monday' }]);
    const staff = (await tx.find(OutletStaffEntity, { where: { outletId: outlet.id } })).map((s) => s.username).sort();
    const frame: RotaFrame = { startDate: request.startDate, shiftKinds: request.shiftKinds ?? DEFAULT_SHIFT_KINDS, openWeekdays: openWeekdaysOf(outlet.openingHours) };
    const rows = request.plan ? request.plan.map((r) => ({ username: r.username, days: r.days })) : generateRota(frame, staff);
    if (request.plan) validateRota(frame, rows, staff);
    const row = Object.assign(new OutletRotaEntity(), {
      outletId: outlet.id, startDate: request.startDate, shiftKinds: frame.shiftKinds, rows, origin: request.plan ? 'edited' : 'generated', savedBy: username, savedAt: businessNow(),
    });
    await tx.upsert(OutletRotaEntity, row, ['outletId', 'startDate']);
    return rotaView(outlet, row);
  }

  @Handles(SalesCatalog.getRota)
  async getRota(query: GetRotaQuery, { tx, actor }: CommandContext): Promise<RotaView> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const date = query.from ?? businessDate();
    const [row] = await tx
      .createQueryBuilder(OutletRotaEntity, 'r')
      .where('r.outlet_id = :id AND r.start_date <= :date AND r.start_date > :earliest', { id: outlet.id, date, earliest: addDays(date, -ROTA_DAYS) })
      .orderBy('r.start_date', 'DESC')
      .limit(1)
      .getMany();
    if (!row) throw new DomainError('not_found', 'rota-not-found', `${outlet.code} has no rota covering ${date}`);
    return rotaView(outlet, row);
  }

  // ---- waste ----

  @Handles(SalesCatalog.recordWaste)
  async recordWaste(request: RecordWasteRequest, { tx, actor, cause }: CommandContext): Promise<WasteView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, ANY_POSITION);
    const at = businessNow();
    const day = businessDate(at);
    const prices = await outletPrices(tx, outlet, day, request.lines.map((l) => l.sku));
    const lines: WasteLine[] = request.lines.map((l, i) => {
      const price = prices.get(l.sku);
      if (!price) throw new DomainError('rule_violated', 'sku-not-on-outlet-list', `${l.sku} is not on ${outlet.code}'s price list`, [{ field: `lines[${i}].sku`, message: 'not on the outlet\'s price list' }]);
      return { lineNo: i + 1, sku: l.sku, quantity: l.quantity, kind: l.kind, floorPriceFen: price.floorPriceFen, unitCostFen: null, costFen: null, costBasis: null };
    });
    const number = await nextDocumentNumber(tx, `W-${outlet.code}`, businessYear(at));
    const step = recordWaste({
      id: uuidv7(), number, outletId: outlet.id, outletCode: outlet.code, warehouseCode: outlet.warehouseCode, businessDate: day, lines, note: request.note, recordedBy: username, recordedAt: at,
    });
    return wasteView(await this.waste.create(tx, step as unknown as Step<OutletWasteEntity>, { actor, cause }));
  }

  @Handles(SalesCatalog.approveWaste)
  async approveWaste(request: OutletRecordIdRequest, { tx, actor, cause }: CommandContext): Promise<WasteView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    const { row } = await this.waste.change(tx, request.id, (w) => approveWaste(ofOutlet(w, outlet, this.waste), username, businessNow()), { actor, cause });
    return wasteView(row);
  }

  @Handles(SalesCatalog.rejectWaste)
  async rejectWaste(request: RejectWasteRequest, { tx, actor, cause }: CommandContext): Promise<WasteView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    const { row } = await this.waste.change(tx, request.id, (w) => rejectWaste(ofOutlet(w, outlet, this.waste), username, request.reason, businessNow()), { actor, cause });
    return wasteView(row);
  }

  @Handles(SalesCatalog.listWaste)
  async listWaste(query: ListWasteQuery, { tx, actor }: CommandContext): Promise<Page<WasteView>> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(OutletWasteEntity, 'w').where('w.outlet_id = :id', { id: outlet.id });
    if (query.status) q.andWhere('w.status = :status', { status: query.status });
    if (query.from) q.andWhere('w.business_date >= :from', { from: query.from });
    if (query.to) q.andWhere('w.business_date <= :to', { to: query.to });
    if (query.kind) q.andWhere('w.lines @> :kind::jsonb', { kind: JSON.stringify([{ kind: query.kind }]) });
    const [rows, total] = await q.orderBy('w.recorded_at', 'DESC').addOrderBy('w.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(wasteView), page, pageSize, total };
  }

  /** Finance costed approved waste: the cost per line and in total appear on the record (a repeat changes nothing). */
  @OnEvent(OutletWasteCosted, 'outlet-waste-costed')
  async onWasteCosted(event: EventEnvelope<OutletWasteCostedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.waste.change(tx, d.wasteId, (w) => costWaste(w, { lines: d.lines, costFen: d.costFen, journalEntryNumber: d.journalEntryNumber }), { actor: event.actor, cause: causedBy(event) });
  }

  // ---- targets ----

  @Handles(SalesCatalog.setOutletTarget)
  async setTarget(request: SetOutletTargetRequest, { tx, actor }: CommandContext): Promise<OutletTargetView> {
    const management = actor.roles.some((r) => SALES_MANAGEMENT.includes(r));
    const outlet = management ? await outletByCode(tx, request.code) : (await asSupervisor(tx, request.code, actor)).outlet;
    const row = Object.assign(new OutletTargetEntity(), {
      outletId: outlet.id, effectiveFrom: request.effectiveFrom, dailyFen: request.dailyFen, weeklyFen: request.weeklyFen, monthlyFen: request.monthlyFen, setBy: usernameOf(actor), setAt: businessNow(),
    });
    await tx.upsert(OutletTargetEntity, row, ['outletId', 'effectiveFrom']);
    return targetView(outlet, row);
  }

  @Handles(SalesCatalog.listOutletTargets)
  async listTargets(request: OutletRecordsCodeRequest, { tx, actor }: CommandContext): Promise<OutletTargetView[]> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    const rows = await tx.find(OutletTargetEntity, { where: { outletId: outlet.id }, order: { effectiveFrom: 'DESC' } });
    return rows.map((r) => targetView(outlet, r));
  }

  @Handles(SalesCatalog.getOutletAttainment)
  async attainment(query: AttainmentQuery, { tx, actor }: CommandContext): Promise<OutletAttainmentView> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const date = query.date ?? businessDate();
    const periods = periodsOf(date);
    const from = periods.week.from < periods.month.from ? periods.week.from : periods.month.from;
    const to = periods.week.to > periods.month.to ? periods.week.to : periods.month.to;
    const [target] = await tx.query(
      `SELECT daily_fen, weekly_fen, monthly_fen FROM outlet_targets WHERE outlet_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`,
      [outlet.id, date],
    ) as Array<{ daily_fen: string; weekly_fen: string; monthly_fen: string }>;
    const days: Array<{ business_date: string; total: string }> = await tx.query(
      `SELECT business_date::text, sum(total_fen) AS total FROM till_tickets WHERE outlet_id = $1 AND status = 'paid' AND business_date BETWEEN $2 AND $3 GROUP BY business_date`,
      [outlet.id, from, to],
    );
    const tickets = days.map((d) => ({ status: 'paid', businessDate: d.business_date, totalFen: Number(d.total) }));
    const of = (key: 'daily_fen' | 'weekly_fen' | 'monthly_fen') => (target ? Number(target[key]) : null);
    return {
      outletCode: outlet.code, date,
      day: attainment(periods.day, of('daily_fen'), actualOf(tickets, periods.day)),
      week: attainment(periods.week, of('weekly_fen'), actualOf(tickets, periods.week)),
      month: attainment(periods.month, of('monthly_fen'), actualOf(tickets, periods.month)),
    };
  }

  // ---- complaints ----

  @Handles(SalesCatalog.logComplaint)
  async logComplaint(request: LogComplaintRequest, { tx, actor, cause }: CommandContext): Promise<ComplaintView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, ANY_POSITION);
    const at = businessNow();
    const step = logComplaint({
      id: uuidv7(), number: await nextDocumentNumber(tx, `C-${outlet.code}`, businessYear(at)), outletId: outlet.id, outletCode: outlet.code, customerName: request.customerName,
      contact: request.contact ?? null, ticketNumber: request.ticketNumber ?? null, category: request.category, description: request.description, loggedBy: username, loggedAt: at,
    });
    return complaintView(await this.complaints.create(tx, step as unknown as Step<OutletComplaintEntity>, { actor, cause }));
  }

  @Handles(SalesCatalog.assignComplaint)
  async assignComplaint(request: AssignComplaintRequest, { tx, actor, cause }: CommandContext): Promise<ComplaintView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    if (!(await isOnStaff(tx, outlet, request.assignee, ANY_POSITION))) {
      throw new DomainError('rule_violated', 'assignee-not-on-staff', `${request.assignee} is not on ${outlet.code}'s staff`, [{ field: 'assignee', message: 'must be on the outlet\'s staff' }]);
    }
    const { row } = await this.complaints.change(tx, request.id, (c) => assignComplaint(ofOutlet(c, outlet, this.complaints), request.assignee, username), { actor, cause });
    return complaintView(row);
  }

  @Handles(SalesCatalog.resolveComplaint)
  async resolveComplaint(request: ResolveComplaintRequest, { tx, actor, cause }: CommandContext): Promise<ComplaintView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    const { row } = await this.complaints.change(tx, request.id, (c) => resolveComplaint(ofOutlet(c, outlet, this.complaints), request.resolution, request.outcome, username, businessNow()), { actor, cause });
    return complaintView(row);
  }

  @Handles(SalesCatalog.listComplaints)
  async listComplaints(query: ListComplaintsQuery, { tx, actor }: CommandContext): Promise<Page<ComplaintView>> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const { page, pageSize, offset } = pageWindow(query);
    const statuses = query.state === 'open' ? ['open', 'assigned'] : query.state === 'resolved' ? ['resolved'] : ['open', 'assigned', 'resolved'];
    const [rows, total] = await tx.findAndCount(OutletComplaintEntity, {
      where: { outletId: outlet.id, status: In(statuses) }, order: query.state === 'resolved' ? { resolvedAt: 'DESC', id: 'DESC' } : { loggedAt: 'ASC', id: 'ASC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(complaintView), page, pageSize, total };
  }

  // ---- replenishment ----

  @Handles(SalesCatalog.requestReplenishment)
  async requestReplenishment(request: RequestReplenishmentRequest, { tx, actor, cause }: CommandContext): Promise<ReplenishmentView> {
    const { outlet, username } = await asSupervisor(tx, request.code, actor);
    const at = businessNow();
    const step = requestReplenishment({
      id: uuidv7(), number: await nextDocumentNumber(tx, `R-${outlet.code}`, businessYear(at)), outletId: outlet.id, outletCode: outlet.code, fromWarehouseCode: request.fromWarehouseCode,
      toWarehouseCode: outlet.warehouseCode, lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), note: request.note ?? null, requestedBy: username, requestedAt: at,
    });
    return replenishmentView(await this.replenishments.create(tx, step as unknown as Step<OutletReplenishmentEntity>, { actor, cause }));
  }

  @Handles(SalesCatalog.listReplenishments)
  async listReplenishments(query: ListReplenishmentsQuery, { tx, actor }: CommandContext): Promise<Page<ReplenishmentView>> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(OutletReplenishmentEntity, {
      where: query.status ? { outletId: outlet.id, status: query.status } : { outletId: outlet.id }, order: { requestedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(replenishmentView), page, pageSize, total };
  }

  /** Inventory raised the transfer answering a request: its number appears on the request (a repeat changes nothing). */
  @OnEvent(ReplenishmentTransferRaised, 'replenishment-transfer-raised')
  async onTransferRaised(event: EventEnvelope<ReplenishmentTransferRaisedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.replenishments.change(tx, d.requestId, (r) => transferRaised(r, d.transferId, d.transferNumber), { actor: event.actor, cause: causedBy(event) });
  }
}

/** A record of another outlet is not found at this one. */
function ofOutlet<R extends { outletId: string; id: string }>(record: R, outlet: OutletEntity, store: { notFound(id: string): DomainError }): R {
  if (record.outletId !== outlet.id) throw store.notFound(record.id);
  return record;
}

export function rotaView(outlet: OutletEntity, r: OutletRotaEntity): RotaView {
  const dates = rotaDates(r.startDate);
  const open = openWeekdaysOf(outlet.openingHours);
  const counts = restCounts(r.startDate, r.rows);
  return {
    outletCode: outlet.code, startDate: r.startDate, endDate: dates[dates.length - 1], dates, shiftKinds: r.shiftKinds, open: dates.map((d) => open[weekdayOf(d)]),
    rows: r.rows.map((row, i) => ({ username: row.username, days: row.days, restDays: counts[i].restDays, weekendRestDays: counts[i].weekendRestDays })),
    savedBy: r.savedBy, savedAt: new Date(r.savedAt).toISOString(), origin: r.origin,
  };
}

export function wasteView(w: OutletWasteEntity): WasteView {
  return {
    id: w.id, number: w.number, outletCode: w.outletCode, status: w.status, businessDate: w.businessDate, lines: w.lines, note: w.note, recordedBy: w.recordedBy,
    recordedAt: iso(w.recordedAt)!, decidedBy: w.decidedBy, decidedAt: iso(w.decidedAt), rejectReason: w.rejectReason, costFen: w.costFen, journalEntryNumber: w.journalEntryNumber,
  };
}

const targetView = (outlet: OutletEntity, t: OutletTargetEntity): OutletTargetView => ({
  outletCode: outlet.code, effectiveFrom: t.effectiveFrom, dailyFen: t.dailyFen, weeklyFen: t.weeklyFen, monthlyFen: t.monthlyFen, setBy: t.setBy, setAt: iso(t.setAt)!,
});

export function complaintView(c: OutletComplaintEntity): ComplaintView {
  return {
    id: c.id, number: c.number, outletCode: c.outletCode, status: c.status, customerName: c.customerName, contact: c.contact, ticketNumber: c.ticketNumber, category: c.category,
    description: c.description, loggedBy: c.loggedBy, loggedAt: iso(c.loggedAt)!, assignedTo: c.assignedTo, resolution: c.resolution, outcome: c.outcome, resolvedBy: c.resolvedBy,
    resolvedAt: iso(c.resolvedAt), overdue: isOverdue(c, businessNow()),
  };
}

export function replenishmentView(r: OutletReplenishmentEntity): ReplenishmentView {
  return {
    id: r.id, number: r.number, outletCode: r.outletCode, status: r.status, fromWarehouseCode: r.fromWarehouseCode, toWarehouseCode: r.toWarehouseCode, lines: r.lines, note: r.note,
    requestedBy: r.requestedBy, requestedAt: iso(r.requestedAt)!, transferNumber: r.transferNumber,
  };
}
