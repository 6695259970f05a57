import { Injectable } from '@nestjs/common';
import { pageWindow, SalesCatalog, type IdRequest, type ListTargetsQuery, type Page, type RejectTargetRequest, type SetTargetRequest, type TargetView } from '@ops/contracts';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approveTarget, proposeTarget, rejectTarget, reviseTarget } from '../domain/target.js';
import { TargetEntity } from '../infra/persistence/reception.entities.js';
import { TargetStore } from '../infra/persistence/reception.stores.js';
import { isOnlyRep } from './reception-desk.js';

/** Sales targets per rep, region and month (domain/target.ts): set by a sales manager, approved by the sales VP. */
@Injectable()
export class TargetCommands {
  constructor(private readonly targets: TargetStore) {}

  /** One target per rep, region and month: a second setting revises the first (locked, so two managers take turns). */
  @Handles(SalesCatalog.setTarget)
  async setTarget(request: SetTargetRequest, { tx, actor, cause }: CommandContext): Promise<TargetView> {
    const key = { rep: request.rep, region: request.region, month: request.month };
    const known = await tx.findOne(TargetEntity, { where: key, lock: { mode: 'pessimistic_write' } });
    if (known) {
      const { row } = await this.targets.apply(tx, known, (t) => reviseTarget(t, request.amountFen, actor.userId), { actor, cause });
      return targetView(row);
    }
    const draft = tx.create(TargetEntity, { id: uuidv7(), ...key, proposedFen: request.amountFen, approvedFen: null, proposedBy: actor.userId, decidedBy: null, decisionNote: null });
    return targetView(await this.targets.create(tx, proposeTarget(draft), { actor, cause }));
  }

  @Handles(SalesCatalog.listTargets)
  async listTargets(query: ListTargetsQuery, { tx, actor }: CommandContext): Promise<Page<TargetView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const rep = isOnlyRep(actor) ? actor.username ?? actor.userId : query.rep;
    const where = Object.fromEntries(Object.entries({ month: query.month, rep, region: query.region, status: query.status }).filter(([, v]) => v !== undefined)) as FindOptionsWhere<TargetEntity>;
    const [rows, total] = await tx.findAndCount(TargetEntity, { where, order: { month: 'DESC', rep: 'ASC', region: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map(targetView), page, pageSize, total };
  }

  @Handles(SalesCatalog.approveTarget)
  async approveTarget(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<TargetView> {
    const { row } = await this.targets.change(tx, request.id, (t) => approveTarget(t, actor.userId), { actor, cause });
    return targetView(row);
  }

  @Handles(SalesCatalog.rejectTarget)
  async rejectTarget(request: RejectTargetRequest, { tx, actor, cause }: CommandContext): Promise<TargetView> {
    const { row } = await this.targets.change(tx, request.id, (t) => rejectTarget(t, actor.userId, request.reason), { actor, cause });
    return targetView(row);
  }
}

export function targetView(t: TargetEntity): TargetView {
  return {
    id: t.id, rep: t.rep, region: t.region, month: t.month, status: t.status, proposedFen: t.proposedFen, approvedFen: t.approvedFen, proposedBy: t.proposedBy,
    decidedBy: t.decidedBy, decisionNote: t.decisionNote, updatedAt: (t.updatedAt ?? new Date()).toISOString(),
  };
}
