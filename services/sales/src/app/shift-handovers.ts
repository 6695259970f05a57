import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type CountShiftHandoverRequest, type ExplainShiftHandoverRequest, type ShiftHandoverIdRequest, type ListShiftHandoversQuery, type Page, type ShiftHandoverView,
} from '@ops/contracts';
import { businessDate, businessNow, DomainError, type Step } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { confirmHandover, countHandover, explainHandover, shiftFigures, type TenderTotals } from '../domain/shift-handover.js';
import { ShiftHandoverEntity } from '../infra/persistence/outlet-day.entities.js';
import { ShiftHandoverStore } from '../infra/persistence/outlet-day.stores.js';
import { OpeningCheckEntity, type OutletEntity, type OutletPosition } from '../infra/persistence/outlet.entities.js';
import { isOnStaff, mayReadOutlet, onOutletStaff } from './outlet-access.js';

/** Who works a till: hands it over and takes it over. */
const AT_THE_TILL: readonly OutletPosition[] = ['manager', 'supervisor', 'clerk', 'bar_staff'];

/**
 * Shift handovers at an outlet's till (domain/shift-handover.ts): the outgoing person counts the drawer against
 * the tickets paid and voided since the shift began, the incoming person confirms once any difference is
 * explained, and finance hears of it (`sales.shift.handed-over`, queued by the store with the confirmation).
 */
@Injectable()
export class ShiftHandovers {
  constructor(private readonly handovers: ShiftHandoverStore) {}

  @Handles(SalesCatalog.countHandover)
  async count(request: CountShiftHandoverRequest, { tx, actor, cause }: CommandContext): Promise<ShiftHandoverView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, AT_THE_TILL);
    if (request.takenOverBy !== username && !(await isOnStaff(tx, outlet, request.takenOverBy, AT_THE_TILL))) {
      throw new DomainError('rule_violated', 'incoming-not-on-staff', `${request.takenOverBy} is not on ${outlet.code}'s staff at the till`, [{ field: 'takenOverBy', message: 'must be on the outlet\'s staff at the till' }]);
    }
    // One handover at a time per outlet: the row lock queues a second count behind the first.
    await tx.query(`SELECT id FROM outlets WHERE id = $1 FOR UPDATE`, [outlet.id]);
    const pending = await tx.findOne(ShiftHandoverEntity, { where: { outletId: outlet.id, status: 'counted' } });
    if (pending) throw new DomainError('conflict', 'handover-pending', `The handover from ${pending.handedOverBy} to ${pending.takenOverBy} waits for its confirmation`);
    const at = businessNow();
    const day = businessDate(at);
    const check = await tx.findOne(OpeningCheckEntity, { where: { outletId: outlet.id, businessDate: day } });
    if (!check) throw new DomainError('conflict', 'no-opening-check', `${outlet.code} has had no opening check on ${day}: there is no shift to hand over`);
    const previous = await tx.findOne(ShiftHandoverEntity, { where: { outletId: outlet.id, businessDate: day, status: 'confirmed' }, order: { countedAt: 'DESC' } });
    const shiftStart = previous?.countedAt ?? check.checkedAt;
    const paid = await this.tendersOf(tx, outlet, 'paid_at', shiftStart, !previous, at);
    const voided = await this.tendersOf(tx, outlet, 'voided_at', shiftStart, !previous, at);
    const step = countHandover({
      id: uuidv7(), outletId: outlet.id, outletCode: outlet.code, businessDate: day, handedOverBy: username, takenOverBy: request.takenOverBy, shiftStart, at,
      figures: shiftFigures(previous?.floatFen ?? check.cashFloatFen, paid, voided),
      countedCashFen: request.countedCashFen, floatFen: request.floatFen, goodsChecked: request.goodsChecked, goodsNotes: request.goodsNotes, explanation: request.explanation,
    });
    return handoverView(await this.handovers.create(tx, step as unknown as Step<ShiftHandoverEntity>, { actor, cause }));
  }

  @Handles(SalesCatalog.explainHandover)
  async explain(request: ExplainShiftHandoverRequest, { tx, actor, cause }: CommandContext): Promise<ShiftHandoverView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, AT_THE_TILL);
    const { row } = await this.handovers.change(tx, request.id, (h) => explainHandover(this.ofOutlet(h, outlet), request.explanation, username), { actor, cause });
    return handoverView(row);
  }

  @Handles(SalesCatalog.confirmHandover)
  async confirm(request: ShiftHandoverIdRequest, { tx, actor, cause }: CommandContext): Promise<ShiftHandoverView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, AT_THE_TILL);
    const { row } = await this.handovers.change(tx, request.id, (h) => confirmHandover(this.ofOutlet(h, outlet), username, businessNow()), { actor, cause });
    return handoverView(row);
  }

  @Handles(SalesCatalog.listHandovers)
  async list(query: ListShiftHandoversQuery, { tx, actor }: CommandContext): Promise<Page<ShiftHandoverView>> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<ShiftHandoverEntity> = { outletId: outlet.id };
    if (query.date) where.businessDate = query.date;
    if (query.status) where.status = query.status as ShiftHandoverEntity['status'];
    const [rows, total] = await tx.findAndCount(ShiftHandoverEntity, { where, order: { countedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(handoverView), page, pageSize, total };
  }

  @Handles(SalesCatalog.getHandover)
  async get(request: ShiftHandoverIdRequest, { tx, actor }: CommandContext): Promise<ShiftHandoverView> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    return handoverView(this.ofOutlet(await this.handovers.get(tx, request.id, { lock: false }), outlet));
  }

  /**
   * Per ticket paid (or voided) in the shift, its tenders by method (cash net of change). The first shift of the day
   * starts at the opening check (inclusive), a later one just after the previous count.
   */
  private async tendersOf(tx: EntityManager, outlet: OutletEntity, column: 'paid_at' | 'voided_at', from: Date, inclusive: boolean, to: Date): Promise<TenderTotals[]> {
    const rows: Array<{ cash: string; pos: string; transfer: string }> = await tx.query(
      `SELECT COALESCE(sum(d.amount_fen) FILTER (WHERE d.method = 'cash'), 0) AS cash,
              COALESCE(sum(d.amount_fen) FILTER (WHERE d.method = 'pos'), 0) AS pos,
              COALESCE(sum(d.amount_fen) FILTER (WHERE d.method = 'transfer'), 0) AS transfer
         FROM till_tickets t LEFT JOIN till_ticket_tenders d ON d.ticket_id = t.id
        WHERE t.outlet_id = $1 AND t.${column} ${inclusive ? '>=' : '>'} $2 AND t.${column} <= $3
        GROUP BY t.id`,
      [outlet.id, from, to],
    );
    return rows.map((r) => ({ cashFen: Number(r.cash), posFen: Number(r.pos), transferFen: Number(r.transfer) }));
  }

  /** A handover of another outlet is not found at this one. */
  private ofOutlet<H extends { outletId: string; id: string }>(handover: H, outlet: OutletEntity): H {
    if (handover.outletId !== outlet.id) throw this.handovers.notFound(handover.id);
    return handover;
  }
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function handoverView(h: ShiftHandoverEntity): ShiftHandoverView {
  return {
    id: h.id, outletCode: h.outletCode, businessDate: h.businessDate, status: h.status, handedOverBy: h.handedOverBy, takenOverBy: h.takenOverBy,
    shiftStart: iso(h.shiftStart)!, countedAt: iso(h.countedAt)!, ticketCount: h.ticketCount, openingFloatFen: h.openingFloatFen, cashFen: h.cashFen, posFen: h.posFen,
    transferFen: h.transferFen, voidedCashFen: h.voidedCashFen, expectedCashFen: h.expectedCashFen, countedCashFen: h.countedCashFen, differenceFen: h.differenceFen,
    floatFen: h.floatFen, goodsChecked: h.goodsChecked, goodsNotes: h.goodsNotes, explanation: h.explanation, explainedBy: h.explainedBy, confirmedAt: iso(h.confirmedAt),
  };
}
