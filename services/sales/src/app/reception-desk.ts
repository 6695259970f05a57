import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type Actor, type DutyRosterDateRequest, type DutyRosterView, type ListReceptionsQuery, type LogReceptionRequest, type Page, type PresenceRequest,
  type ReceptionCountsQuery, type ReceptionCountsView, type ReceptionDayCountView, type ReceptionOutcomeRequest, type ReceptionView, type RotationEntryView,
  type RotationFairnessQuery, type RotationFairnessView, type RotationLogQuery, type SetDutyRosterRequest, type StaffVisitorRequest,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, datesOf, DomainError, reportPeriod } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { effectiveStatus } from '../domain/lead.js';
import { phoneOrNull } from '../domain/phone.js';
import { logReception, recordOutcome } from '../domain/reception.js';
import { fairnessOf, nextTurn, reorder } from '../domain/rotation.js';
import { DutyRosterEntity, LeadEntity, ReceptionEntity, RotationLogEntity } from '../infra/persistence/reception.entities.js';
import { ReceptionStore } from '../infra/persistence/reception.stores.js';

const CHANNELS = ['walk_in', 'phone', 'referral', 'web', 'event'] as const;

/**
 * The front desk (domain.md §4, front desk): the reception log, the day's duty roster and the rotation of
 * walk-ins (domain/rotation.ts). Every assignment and lost turn is appended to the rotation log in the
 * reception's transaction; the roster row is locked while a walk-in is assigned, so two walk-ins logged at
 * once take consecutive turns.
 */
@Injectable()
export class ReceptionDesk {
  constructor(private readonly receptions: ReceptionStore) {}

  @Handles(SalesCatalog.logReception)
  async logReception(request: LogReceptionRequest, { tx, actor, cause }: CommandContext): Promise<ReceptionView> {
    if (request.channel === 'referral' && !request.referredTo) throw fieldError('referredTo', 'a referral names the consultant it was referred to');
    if (request.consultant && (request.channel === 'walk_in' || request.channel === 'referral')) {
      throw fieldError('consultant', 'walk-ins go by rotation and referrals to `referredTo`: no consultant is chosen for them');
    }
    const at = businessNow();
    const day = businessDate(at);
    const phoneNormalised = request.phone ? phoneOrNull(request.phone) : null;
    const id = uuidv7();
    const log: Array<Pick<RotationLogEntity, 'consultant' | 'kind' | 'reason'>> = [];
    let consultant: string | null = null;
    let assignment: ReceptionView['assignment'] = 'none';
    let skipped: string[] = [];
    const owner = phoneNormalised ? await this.ownerOf(tx, phoneNormalised, day) : null;
    if (owner) {
      [consultant, assignment] = [owner, 'returning'];
      log.push({ consultant: owner, kind: 'returning', reason: null });
    } else if (request.channel === 'referral') {
      [consultant, assignment] = [request.referredTo!, 'referral'];
      log.push({ consultant, kind: 'referral', reason: null });
    } else if (request.channel === 'walk_in') {
      const roster = await rowByKey(tx, DutyRosterEntity, 'businessDate', day, { lock: true });
      if (!roster) throw new DomainError('conflict', 'no-duty-roster', `No duty roster is set for ${day}: a sales manager sets who is on the floor`);
      const turn = nextTurn({ order: roster.consultants, pointer: roster.pointer }, roster.away);
      await tx.update(DutyRosterEntity, { businessDate: day }, { pointer: turn.state.pointer });
      for (const skip of turn.skips) log.push({ consultant: skip.consultant, kind: 'skip', reason: skip.reason });
      log.push({ consultant: turn.consultant, kind: 'turn', reason: null });
      [consultant, assignment, skipped] = [turn.consultant, 'rotation', turn.skips.map((s) => s.consultant)];
    } else if (request.consultant) {
      [consultant, assignment] = [request.consultant, 'named'];
    }
    const row = tx.create(ReceptionEntity, {
      id, number: await nextDocumentNumber(tx, 'RC', businessYear(at)), kind: 'customer', businessDate: day, at, channel: request.channel,
      name: request.name, phone: request.phone ?? null, phoneNormalised, need: request.need ?? null, consultant, assignment, skipped, outcome: request.outcome ?? null,
      host: null, purpose: null, recordedBy: actor.username ?? actor.userId,
    });
    const reason = consultant ? `${request.channel} for ${consultant} (${assignment})` : `${request.channel}, no consultant`;
    const created = await this.receptions.create(tx, logReception<ReceptionEntity>(row, reason), { actor, cause });
    if (log.length) await tx.insert(RotationLogEntity, log.map((l) => ({ ...l, businessDate: day, at, receptionId: id })));
    return receptionView(created);
  }

  @Handles(SalesCatalog.recordStaffVisitor)
  async recordStaffVisitor(request: StaffVisitorRequest, { tx, actor, cause }: CommandContext): Promise<ReceptionView> {
    const at = businessNow();
    const id = uuidv7();
    const row = tx.create(ReceptionEntity, {
      id, number: await nextDocumentNumber(tx, 'RC', businessYear(at)), kind: 'staff_visitor', businessDate: businessDate(at), at, channel: null,
      name: request.name, phone: request.phone ?? null, phoneNormalised: request.phone ? phoneOrNull(request.phone) : null, need: null, consultant: null,
      assignment: 'none', skipped: [], outcome: null, host: request.host, purpose: request.purpose, recordedBy: actor.username ?? actor.userId,
    });
    const step = logReception<ReceptionEntity>(row, `Visitor for ${request.host}: sent on to security`, [
      { type: 'sales.reception.staff-visitor-arrived', data: { receptionId: id, name: request.name, ...(request.phone ? { phone: request.phone } : {}), host: request.host, purpose: request.purpose, arrivedAt: at.toISOString() } },
    ]);
    return receptionView(await this.receptions.create(tx, step, { actor, cause }));
  }

  @Handles(SalesCatalog.recordReceptionOutcome)
  async recordOutcome(request: ReceptionOutcomeRequest, { tx, actor, cause }: CommandContext): Promise<ReceptionView> {
    const { row } = await this.receptions.change(tx, request.id, (r) => recordOutcome(r, request.outcome, { username: actor.username, onlyRep: isOnlyRep(actor) }), { actor, cause });
    return receptionView(row);
  }

  @Handles(SalesCatalog.listReceptions)
  async listReceptions(query: ListReceptionsQuery, { tx, actor }: CommandContext): Promise<Page<ReceptionView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { channel, kind } = query;
    const consultant = isOnlyRep(actor) ? actor.username ?? actor.userId : query.consultant;
    const where: FindOptionsWhere<ReceptionEntity> = Object.fromEntries(Object.entries({ businessDate: query.date, channel, kind, consultant }).filter(([, v]) => v !== undefined));
    const [rows, total] = await tx.findAndCount(ReceptionEntity, { where, order: { at: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(receptionView), page, pageSize, total };
  }

  @Handles(SalesCatalog.getReceptionCounts)
  async counts(query: ReceptionCountsQuery, { tx }: CommandContext): Promise<ReceptionCountsView> {
    const period = reportPeriod(query, businessDate());
    const rows: Array<{ day: string; kind: string; channel: string | null; n: string }> = await tx.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS day, kind, channel, count(*) AS n FROM receptions WHERE business_date BETWEEN $1 AND $2 GROUP BY 1, 2, 3`,
      [period.from, period.to],
    );
    const blank = (date: string): ReceptionDayCountView => ({ date, walkIns: 0, calls: 0, walk_in: 0, phone: 0, referral: 0, web: 0, event: 0, total: 0, staffVisitors: 0 });
    const days = new Map(datesOf(period).map((d) => [d, blank(d)]));
    const totals = blank(period.to);
    for (const r of rows) {
      for (const c of [days.get(r.day)!, totals]) {
        const n = Number(r.n);
        if (r.kind === 'staff_visitor') c.staffVisitors += n;
        else if (r.channel && (CHANNELS as readonly string[]).includes(r.channel)) {
          c[r.channel as (typeof CHANNELS)[number]] += n;
          c.total += n;
        }
      }
    }
    for (const c of [...days.values(), totals]) [c.walkIns, c.calls] = [c.walk_in, c.phone];
    return { ...period, days: [...days.values()], totals };
  }

  @Handles(SalesCatalog.setDutyRoster)
  async setRoster(request: SetDutyRosterRequest, { tx, actor }: CommandContext): Promise<DutyRosterView> {
    if (request.date < businessDate()) throw new DomainError('conflict', 'roster-closed', `${request.date} is past: its roster is history`);
    const known = await rowByKey(tx, DutyRosterEntity, 'businessDate', request.date, { lock: true });
    const by = actor.username ?? actor.userId;
    if (known) {
      const state = reorder({ order: known.consultants, pointer: known.pointer }, request.consultants);
      const away = Object.fromEntries(Object.entries(known.away).filter(([c]) => request.consultants.includes(c)));
      await tx.update(DutyRosterEntity, { businessDate: request.date }, { consultants: request.consultants, pointer: state.pointer, away, setBy: by });
    } else {
      await tx.insert(DutyRosterEntity, { businessDate: request.date, consultants: request.consultants, pointer: 0, away: {}, setBy: by });
    }
    return this.rosterView(tx, request.date);
  }

  @Handles(SalesCatalog.getDutyRoster)
  async getRoster(request: DutyRosterDateRequest, { tx }: CommandContext): Promise<DutyRosterView> {
    return this.rosterView(tx, request.date);
  }

  @Handles(SalesCatalog.setPresence)
  async setPresence(request: PresenceRequest, { tx }: CommandContext): Promise<DutyRosterView> {
    const roster = await rowByKey(tx, DutyRosterEntity, 'businessDate', request.date, { lock: true });
    if (!roster) throw new DomainError('not_found', 'duty-roster-not-found', `No duty roster for ${request.date}`);
    if (!roster.consultants.includes(request.consultant)) {
      throw new DomainError('rule_violated', 'not-on-roster', `${request.consultant} is not on the roster of ${request.date}`, [{ field: 'consultant', message: 'is not on the day\'s roster' }]);
    }
    const away = { ...roster.away };
    if (request.present) delete away[request.consultant];
    else away[request.consultant] = request.reason!;
    await tx.update(DutyRosterEntity, { businessDate: request.date }, { away });
    return this.rosterView(tx, request.date);
  }

  @Handles(SalesCatalog.listRotationLog)
  async rotationLog(query: RotationLogQuery, { tx }: CommandContext): Promise<Page<RotationEntryView>> {
    const period = reportPeriod(query, businessDate());
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(RotationLogEntity, 'l').where('l.business_date BETWEEN :from AND :to', period);
    if (query.consultant) qb.andWhere('l.consultant = :consultant', { consultant: query.consultant });
    if (query.kind) qb.andWhere('l.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.orderBy('l.seq', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    return {
      items: rows.map((r) => ({ seq: Number(r.seq), date: r.businessDate, at: r.at.toISOString(), consultant: r.consultant, kind: r.kind, reason: r.reason, receptionId: r.receptionId })),
      page, pageSize, total,
    };
  }

  @Handles(SalesCatalog.getRotationFairness)
  async fairness(query: RotationFairnessQuery, { tx }: CommandContext): Promise<RotationFairnessView> {
    const period = reportPeriod(query, businessDate());
    const rows = await tx.createQueryBuilder(RotationLogEntity, 'l').where('l.business_date BETWEEN :from AND :to', period).orderBy('l.seq').getMany();
    const consultants = fairnessOf(rows).map((c) => {
      const reasons = new Map<string, number>();
      for (const r of rows) if (r.consultant === c.consultant && r.kind === 'skip') reasons.set(r.reason ?? '', (reasons.get(r.reason ?? '') ?? 0) + 1);
      return { ...c, skipReasons: [...reasons].map(([reason, count]) => ({ reason, count })) };
    });
    return { ...period, consultants };
  }

  private async rosterView(tx: EntityManager, date: string): Promise<DutyRosterView> {
    const roster = await rowByKey(tx, DutyRosterEntity, 'businessDate', date, { lock: false });
    if (!roster) throw new DomainError('not_found', 'duty-roster-not-found', `No duty roster for ${date}`);
    const counts = fairnessOf(await tx.findBy(RotationLogEntity, { businessDate: date }));
    let next: string | null = null;
    try {
      next = nextTurn({ order: roster.consultants, pointer: roster.pointer }, roster.away).consultant;
    } catch {
      next = null; // nobody on the floor
    }
    return {
      date: roster.businessDate,
      consultants: roster.consultants.map((c) => {
        const count = counts.find((x) => x.consultant === c);
        return { consultant: c, present: !(c in roster.away), awayReason: roster.away[c] ?? null, next: c === next, turns: count?.turns ?? 0, skips: count?.skips ?? 0 };
      }),
      nextConsultant: next, setBy: roster.setBy,
    };
  }

  /** The consultant a returning customer goes to: the first owner of the lead with this phone, if it is not in the pool today. */
  private async ownerOf(tx: EntityManager, phone: string, today: string): Promise<string | null> {
    const lead = await rowByKey(tx, LeadEntity, 'phone', phone, { lock: false });
    return lead && effectiveStatus(lead, today) !== 'pool' ? lead.owners[0]?.consultant ?? null : null;
  }
}

/** A sales rep without a role that reads everything. */
export const isOnlyRep = (actor: Actor) => actor.roles.includes('sales_rep') && !actor.roles.some((r) => ['sales_manager', 'sales_vp', 'general_manager', 'auditor', 'receptionist'].includes(r));

const fieldError = (field: string, message: string) => new DomainError('invalid', 'invalid-request', `${field} ${message}`, [{ field, message }]);

export function receptionView(r: ReceptionEntity): ReceptionView {
  return {
    id: r.id, number: r.number, kind: r.kind, businessDate: r.businessDate, at: r.at.toISOString(), channel: r.channel, name: r.name, phone: r.phone,
    phoneNormalised: r.phoneNormalised, need: r.need, consultant: r.consultant, assignment: r.assignment, skipped: r.skipped, outcome: r.outcome, host: r.host,
    purpose: r.purpose, recordedBy: r.recordedBy,
  };
}
