import { Injectable } from '@nestjs/common';
import {
  EscortRequested, pageWindow, SecurityCatalog, type AssignEscortRequest, type EscortIdRequest, type EscortRequestedData, type EscortView, type EventEnvelope,
  type ListEscortExceptionsQuery, type ListEscortsQuery, type Page,
} from '@ops/contracts';
import { businessNow } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { arriveEscort, assignEscort, departEscort, isLate, requestEscort } from '../domain/escort.js';
import { EscortEntity } from '../infra/persistence/watch.entities.js';
import { EscortStore } from '../infra/persistence/watch.stores.js';
import { notify } from './notifications.js';

/** Cash escorts (domain.md §7): one task per finance deposit run, guarded by at least two. */
@Injectable()
export class EscortDesk {
  constructor(private readonly escorts: EscortStore) {}

  /** One escort per deposit run: the inbox drops a redelivery, and a run already known is left alone. */
  @OnEvent(EscortRequested, 'open-escort-task')
  async onEscortRequested(event: EventEnvelope<EscortRequestedData>, tx: EntityManager): Promise<void> {
    const r = event.data;
    if (await tx.existsBy(EscortEntity, { depositId: r.depositId })) return;
    const row = await this.escorts.create(tx, requestEscort({
      id: uuidv7(), depositId: r.depositId, amountFen: r.amountFen, bank: r.bank, plannedAt: new Date(r.plannedAt), requestedBy: r.requestedBy,
    }), { actor: event.actor, cause: causedBy(event) });
    await notify(tx, { recipientRole: 'security_captain', kind: 'escort_requested', subject: `Cash escort to ${row.bank} at ${r.plannedAt}: assign 2 guards`, documentId: row.id });
  }

  @Handles(SecurityCatalog.listEscorts)
  async listEscorts(query: ListEscortsQuery, { tx }: CommandContext): Promise<Page<EscortView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(EscortEntity, { where: query.status ? { status: query.status } : {}, order: { plannedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    const now = businessNow();
    return { items: rows.map((e) => escortView(e, now)), page, pageSize, total };
  }

  /** Escorts that should have left by now (business clock) and have not. */
  @Handles(SecurityCatalog.listEscortExceptions)
  async listEscortExceptions(query: ListEscortExceptionsQuery, { tx }: CommandContext): Promise<Page<EscortView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const now = businessNow();
    const [rows, total] = await tx.createQueryBuilder(EscortEntity, 'e').where(`e.status IN ('requested', 'assigned') AND e.planned_at < :now`, { now })
      .orderBy('e.planned_at', 'ASC').addOrderBy('e.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((e) => escortView(e, now)), page, pageSize, total };
  }

  @Handles(SecurityCatalog.assignEscort)
  async assignEscort({ id, guards }: AssignEscortRequest, { tx, actor, cause }: CommandContext): Promise<EscortView> {
    const { row } = await this.escorts.change(tx, id, (e) => assignEscort(e, guards, actor.userId), { actor, cause });
    return escortView(row, businessNow());
  }

  @Handles(SecurityCatalog.departEscort)
  async departEscort({ id }: EscortIdRequest, { tx, actor, cause }: CommandContext): Promise<EscortView> {
    const now = businessNow();
    const { row } = await this.escorts.change(tx, id, (e) => departEscort(e, actor.userId, now), { actor, cause });
    return escortView(row, now);
  }

  @Handles(SecurityCatalog.arriveEscort)
  async arriveEscort({ id }: EscortIdRequest, { tx, actor, cause }: CommandContext): Promise<EscortView> {
    const now = businessNow();
    const { row } = await this.escorts.change(tx, id, (e) => arriveEscort(e, actor.userId, now), { actor, cause });
    return escortView(row, now);
  }
}

function escortView(e: EscortEntity, now: Date): EscortView {
  return {
    id: e.id, depositId: e.depositId, amountFen: Number(e.amountFen), bank: e.bank, plannedAt: e.plannedAt.toISOString(), requestedBy: e.requestedBy, status: e.status,
    guards: e.guards, assignedBy: e.assignedBy, departedAt: e.departedAt?.toISOString() ?? null, arrivedAt: e.arrivedAt?.toISOString() ?? null, late: isLate(e, now),
  };
}
