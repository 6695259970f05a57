import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type Actor, type DecideLeadDisputeRequest, type FollowUpRequest, type IdRequest, type LeadDisputeView, type LeadView, type ListLeadDisputesQuery,
  type ListLeadsQuery, type Page, type RegisterLeadRequest,
} from '@ops/contracts';
import { businessDate, businessNow, DomainError } from '@ops/kernel';
import { rowByKey } from '@ops/persistence';
import { historyOf, Handles, METRICS_REGISTRY, SERVICE_CONFIG, SlotJob, type CommandContext, type HistoryEntry, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { decideDispute, effectiveStatus, followUp, hasLapsed, isOwner, lapse, newLead, openDispute, ownedUntil, registerAgain, type DisputeAward } from '../domain/lead.js';
import { normalisePhone } from '../domain/phone.js';
import { LeadDisputeEntity, LeadEntity, LeadFollowUpEntity } from '../infra/persistence/reception.entities.js';
import { LeadDisputeStore, LeadStore } from '../infra/persistence/reception.stores.js';
import { isOnlyRep } from './reception-desk.js';

const who = (actor: Actor) => actor.username ?? actor.userId;

/**
 * Leads (domain.md §4, front desk; domain/lead.ts): registered by consultants, one per phone in one form,
 * followed up, shared 50/50 on a collision within a week, disputed otherwise. A sales rep reads and
 * follows up only their own.
 */
@Injectable()
export class LeadCommands {
  constructor(private readonly leads: LeadStore, private readonly disputes: LeadDisputeStore) {}

  @Handles(SalesCatalog.registerLead)
  async registerLead(request: RegisterLeadRequest, { tx, actor, cause }: CommandContext): Promise<LeadView> {
    const phone = normalisePhone(request.phone, 'phone');
    const today = businessDate();
    const consultant = who(actor);
    // Registrations of one phone take turns, so two at once cannot both find no lead: the second finds the first's.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`lead:${phone}`]);
    const lead = await rowByKey(tx, LeadEntity, 'phone', phone, { lock: true });
    if (!lead) {
      const seed = tx.create(LeadEntity, { id: uuidv7(), phone, name: request.name, need: request.need ?? null, registeredBy: consultant, registeredAt: businessNow() });
      const row = await this.leads.create(tx, newLead(seed, consultant, today), { actor, cause });
      return { ...(await this.view(tx, row)), registration: 'new', disputeId: null };
    }
    const { row, step } = await this.leads.apply(tx, lead, (l) => registerAgain(l, consultant, today), { actor, cause });
    let disputeId: string | null = null;
    if (step.registration === 'disputed') {
      disputeId = uuidv7();
      const claim = tx.create(LeadDisputeEntity, { id: disputeId, leadId: row.id, claimant: consultant, owners: row.owners.map((o) => o.consultant), openedAt: businessNow(), award: null, decisionReason: null, decidedBy: null, decidedAt: null });
      await this.disputes.create(tx, openDispute(claim), { actor, cause });
    }
    return { ...(await this.view(tx, row)), registration: step.registration, disputeId };
  }

  @Handles(SalesCatalog.listLeads)
  async listLeads(query: ListLeadsQuery, { tx, actor }: CommandContext): Promise<Page<LeadView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const qb = tx.createQueryBuilder(LeadEntity, 'l').where('true');
    const consultant = isOnlyRep(actor) ? who(actor) : query.consultant;
    if (consultant) qb.andWhere('l.owners @> CAST(:owner AS jsonb)', { owner: JSON.stringify([{ consultant }]) });
    if (query.phone) qb.andWhere('l.phone = :phone', { phone: normalisePhone(query.phone, 'phone') });
    // Status as of today: a lapsed lead is in the pool whether or not the daily job has run.
    const lapsedBefore = lapseCutoff(today);
    if (query.status === 'pool') qb.andWhere(`(l.status = 'pool' OR l.last_follow_up_on < :cutoff)`, { cutoff: lapsedBefore });
    else if (query.status) qb.andWhere('l.status = :status AND l.last_follow_up_on >= :cutoff', { status: query.status, cutoff: lapsedBefore });
    if (isOnlyRep(actor)) qb.andWhere('l.last_follow_up_on >= :cutoff', { cutoff: lapsedBefore });
    const [rows, total] = await qb.orderBy('l.lastFollowUpOn', 'DESC', 'NULLS LAST').addOrderBy('l.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((r) => leadView(r, today)), page, pageSize, total };
  }

  @Handles(SalesCatalog.getLead)
  async getLead(request: IdRequest, { tx, actor }: CommandContext): Promise<LeadView> {
    const lead = await this.leads.get(tx, request.id, { lock: false });
    if (isOnlyRep(actor) && (!isOwner(lead, who(actor)) || hasLapsed(lead, businessDate()))) throw this.leads.notFound(request.id);
    return this.view(tx, lead);
  }

  @Handles(SalesCatalog.logFollowUp)
  async logFollowUp(request: FollowUpRequest, { tx, actor, cause }: CommandContext): Promise<LeadView> {
    const today = businessDate();
    const { row } = await this.leads.change(tx, request.id, (l) => followUp(l, who(actor), today), { actor, cause });
    await tx.insert(LeadFollowUpEntity, { leadId: row.id, consultant: who(actor), businessDate: today, at: businessNow(), note: request.note });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.listLeadDisputes)
  async listDisputes(query: ListLeadDisputesQuery, { tx }: CommandContext): Promise<Page<LeadDisputeView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(LeadDisputeEntity, { where: query.status ? { status: query.status as 'open' | 'decided' } : {}, order: { openedAt: 'ASC', id: 'ASC' }, skip: offset, take: pageSize });
    const leads = rows.length ? await tx.createQueryBuilder(LeadEntity, 'l').where('l.id IN (:...ids)', { ids: [...new Set(rows.map((r) => r.leadId))] }).getMany() : [];
    return { items: rows.map((r) => disputeView(r, leads.find((l) => l.id === r.leadId)!)), page, pageSize, total };
  }

  @Handles(SalesCatalog.decideLeadDispute)
  async decideDispute(request: DecideLeadDisputeRequest, { tx, actor, cause }: CommandContext): Promise<LeadDisputeView> {
    const today = businessDate();
    const dispute = await this.disputes.get(tx, request.id);
    if (dispute.status !== 'open') throw new DomainError('conflict', 'dispute-decided', 'This dispute is decided already');
    const { row: lead } = await this.leads.change(tx, dispute.leadId, (l) => decideDispute(lapse(l, today).state, dispute.claimant, request.award as DisputeAward, request.reason, today), { actor, cause });
    const { row } = await this.disputes.apply(tx, dispute, (d) => ({
      state: { ...d, status: 'decided' as const, award: request.award, decisionReason: request.reason, decidedBy: who(actor), decidedAt: businessNow() },
      transitions: [{ from: 'open', to: 'decided', reason: `${request.award}: ${request.reason}` }],
      events: [],
    }), { actor, cause });
    return disputeView(row, lead);
  }

  private async view(tx: EntityManager, lead: LeadEntity): Promise<LeadView> {
    const today = businessDate();
    const followUps = await tx.find(LeadFollowUpEntity, { where: { leadId: lead.id }, order: { id: 'DESC' }, take: 100 });
    return leadView(lead, today, await historyOf(tx, 'lead', lead.id), followUps);
  }
}

/** Leads followed up last before this date have lapsed today. */
function lapseCutoff(today: string): string {
  // Month ends make "two months before" no exact inverse of "two months after": walk back with the domain's own rule.
  let lo = today;
  for (let back = 0; back < 80; back++) {
    const candidate = new Date(Date.parse(`${today}T12:00:00Z`) - (back + 1) * 86_400_000).toISOString().slice(0, 10);
    if (hasLapsed({ status: 'owned', lastFollowUpOn: candidate }, today)) break;
    lo = candidate;
  }
  return lo;
}

export function leadView(lead: LeadEntity, today: string, history?: HistoryEntry[], followUps?: LeadFollowUpEntity[]): LeadView {
  const status = effectiveStatus(lead, today);
  return {
    id: lead.id, name: lead.name, phone: lead.phone, need: lead.need, status, owners: status === 'pool' ? [] : lead.owners,
    ownedSince: status === 'pool' ? null : lead.ownedSince, lastFollowUpOn: lead.lastFollowUpOn, ownedUntil: status === 'pool' ? null : ownedUntil(lead),
    registeredBy: lead.registeredBy, registeredAt: lead.registeredAt.toISOString(),
    ...(followUps ? { followUps: followUps.map((f) => ({ consultant: f.consultant, date: f.businessDate, at: f.at.toISOString(), note: f.note })) } : {}),
    ...(history ? { timeline: history.map((h) => ({ from: h.fromState, to: h.toState, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })) } : {}),
  };
}

function disputeView(d: LeadDisputeEntity, lead: LeadEntity): LeadDisputeView {
  return {
    id: d.id, leadId: d.leadId, leadName: lead.name, phone: lead.phone, claimant: d.claimant, owners: d.owners, status: d.status, openedAt: d.openedAt.toISOString(),
    award: d.award, decisionReason: d.decisionReason, decidedBy: d.decidedBy, decidedAt: d.decidedAt?.toISOString() ?? null,
  };
}

const SYSTEM: Actor = { userId: 'system:lead-lapse', roles: [] };

/**
 * Once per business day (a slot per date, slot-job.ts): leads not followed up for two months go back to the
 * pool, each lapse recorded in the lead's history. Reads already treat a lapsed lead as in the pool; this
 * makes the change a recorded fact, and a registration that finds one not yet moved records it itself.
 */
@Injectable()
export class LeadLapse implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: SlotJob;

  constructor(private readonly dataSource: DataSource, private readonly leads: LeadStore, @Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.job = new SlotJob('lead-lapse', config.jobs.scanMs, () => businessDate(), (day) => this.lapseDue(day), dataSource, registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Moves every lead lapsed on `today` to the pool, in batches; how many moved. */
  async lapseDue(today: string): Promise<number> {
    let moved = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const rows = await tx.createQueryBuilder(LeadEntity, 'l').where(`l.status <> 'pool' AND l.last_follow_up_on < :cutoff`, { cutoff: lapseCutoff(today) })
          .orderBy('l.id').limit(200).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
        for (const row of rows) await this.leads.apply(tx, row, (l) => lapse(l, today), { actor: SYSTEM });
        return rows.length;
      });
      moved += batch;
      if (batch < 200) return moved;
    }
  }
}
