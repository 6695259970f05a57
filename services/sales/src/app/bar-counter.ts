import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type CancelDrinksSlipRequest, type DrinksSlipIdRequest, type DrinksSlipView, type ListDrinksSlipsQuery, type OpenAtClosingView, type OpenTableView,
  type OutletCodeOnlyRequest, type Page, type WriteDrinksSlipRequest,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, type Step } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { cancelSlip, DRINKS_SLIP, makeSlip, OPEN_SLIP_STATUSES, refuseUnlessOpenBar, serveSlip, writeSlip } from '../domain/drinks-slip.js';
import { DrinksSlipStore } from '../infra/persistence/outlet-day.stores.js';
import { DrinksSlipEntity, DrinksSlipLineEntity, type OutletEntity } from '../infra/persistence/outlet.entities.js';
import { mayReadOutlet, onOutletStaff } from './outlet-access.js';
import { TableTickets } from './table-tickets.js';
import { outletPrices } from './till-prices.js';

/**
 * The bar counter (吧台): table staff write drinks slips for their tables, bartenders make them, table
 * staff serve them and the served slip lands on the table's open ticket (TableTickets), which the guest pays at
 * the till. Slips not served and tables not paid are listed at closing.
 */
@Injectable()
export class BarCounter {
  constructor(private readonly slips: DrinksSlipStore, private readonly tables: TableTickets) {}

  @Handles(SalesCatalog.writeDrinksSlip)
  async write(request: WriteDrinksSlipRequest, { tx, actor, cause }: CommandContext): Promise<DrinksSlipView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, ['bar_staff', 'supervisor', 'manager']);
    refuseUnlessOpenBar(outlet);
    const at = businessNow();
    const day = businessDate(at);
    const priced = new Set((await outletPrices(tx, outlet, day, [...new Set(request.lines.map((l) => l.sku))])).keys());
    const id = uuidv7();
    const step = writeSlip({
      id, outletId: outlet.id, number: await nextDocumentNumber(tx, `DS-${outlet.code}`, businessYear(at)), tableLabel: request.table, businessDate: day, writtenBy: username, at, lines: request.lines,
    }, priced);
    const row = await this.slips.create(tx, step as unknown as Step<DrinksSlipEntity>, { actor, cause });
    await tx.insert(DrinksSlipLineEntity, step.lines.map((l) => ({ slipId: id, ...l })));
    return slipView(row, outlet, step.lines);
  }

  @Handles(SalesCatalog.makeDrinksSlip)
  async make(request: DrinksSlipIdRequest, { tx, actor, cause }: CommandContext): Promise<DrinksSlipView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, ['bartender', 'supervisor', 'manager']);
    const { row } = await this.slips.change(tx, request.id, (s) => makeSlip(this.ofOutlet(s, outlet), username, businessNow()), { actor, cause });
    return this.view(tx, row, outlet);
  }

  @Handles(SalesCatalog.serveDrinksSlip)
  async serve(request: DrinksSlipIdRequest, { tx, actor, cause }: CommandContext): Promise<DrinksSlipView> {
    const { outlet, username } = await onOutletStaff(tx, request.code, actor, ['bar_staff', 'supervisor', 'manager']);
    const slip = this.ofOutlet(await this.slips.get(tx, request.id), outlet);
    DRINKS_SLIP.move(slip.status, 'served', 'served', `Drinks slip ${slip.number}`);
    const at = businessNow();
    const lines = await tx.find(DrinksSlipLineEntity, { where: { slipId: slip.id }, order: { lineNo: 'ASC' } });
    const { ticketId } = await this.tables.addServedSlip(
      tx, { outletId: outlet.id, tableLabel: slip.tableLabel, slipId: slip.id, businessDate: businessDate(at), lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }, username, { actor, cause },
    );
    const { row } = await this.slips.apply(tx, slip, (s) => serveSlip(s, username, at, ticketId), { actor, cause });
    return slipView(row, outlet, lines);
  }

  @Handles(SalesCatalog.cancelDrinksSlip)
  async cancel(request: CancelDrinksSlipRequest, { tx, actor, cause }: CommandContext): Promise<DrinksSlipView> {
    const { outlet, username, supervisor } = await onOutletStaff(tx, request.code, actor, ['bar_staff', 'supervisor', 'manager']);
    const { row } = await this.slips.change(tx, request.id, (s) => cancelSlip(this.ofOutlet(s, outlet), { username, supervisor }, request.reason), { actor, cause });
    return this.view(tx, row, outlet);
  }

  @Handles(SalesCatalog.listDrinksSlips)
  async list(query: ListDrinksSlipsQuery, { tx, actor }: CommandContext): Promise<Page<DrinksSlipView>> {
    const outlet = await mayReadOutlet(tx, query.code, actor);
    const { page, pageSize, offset } = pageWindow(query);
    const open = query.open === 'true';
    const where: FindOptionsWhere<DrinksSlipEntity> = { outletId: outlet.id };
    if (query.date || !open) where.businessDate = query.date ?? businessDate();
    if (open) {
      // `open=true` with a status that is not open (served, cancelled) matches nothing.
      if (query.status && !OPEN_SLIP_STATUSES.includes(query.status)) return { items: [], page, pageSize, total: 0 };
      where.status = query.status ?? In([...OPEN_SLIP_STATUSES]);
    } else if (query.status) where.status = query.status;
    const [rows, total] = await tx.findAndCount(DrinksSlipEntity, { where, order: { writtenAt: 'ASC', number: 'ASC' }, skip: offset, take: pageSize });
    return { items: await this.views(tx, rows, outlet), page, pageSize, total };
  }

  @Handles(SalesCatalog.getDrinksSlip)
  async get(request: DrinksSlipIdRequest, { tx, actor }: CommandContext): Promise<DrinksSlipView> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    return this.view(tx, this.ofOutlet(await this.slips.get(tx, request.id, { lock: false }), outlet), outlet);
  }

  @Handles(SalesCatalog.getOpenAtClosing)
  async openAtClosing(request: OutletCodeOnlyRequest, { tx, actor }: CommandContext): Promise<OpenAtClosingView> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    const slips = await tx.find(DrinksSlipEntity, { where: { outletId: outlet.id, status: In([...OPEN_SLIP_STATUSES]) }, order: { writtenAt: 'ASC', number: 'ASC' } });
    const tables: Array<{ id: string; table_label: string; business_date: string; total_fen: string; slips: string; opened_at: Date }> = await tx.query(
      `SELECT t.id, t.table_label, to_char(t.business_date, 'YYYY-MM-DD') AS business_date, t.total_fen, t.opened_at,
              (SELECT count(DISTINCT l.slip_id) FROM till_ticket_lines l WHERE l.ticket_id = t.id AND l.slip_id IS NOT NULL) AS slips
         FROM till_tickets t
        WHERE t.outlet_id = $1 AND t.status = 'open' AND t.table_label IS NOT NULL
        ORDER BY t.opened_at, t.id`,
      [outlet.id],
    );
    const openTables: OpenTableView[] = tables.map((t) => ({
      ticketId: t.id, table: t.table_label, businessDate: t.business_date, totalFen: Number(t.total_fen), slipCount: Number(t.slips), openedAt: new Date(t.opened_at).toISOString(),
    }));
    return { outletCode: outlet.code, openSlips: await this.views(tx, slips, outlet), openTables };
  }

  /** A slip of another outlet is not found at this one. */
  private ofOutlet<S extends { outletId: string; id: string }>(slip: S, outlet: OutletEntity): S {
    if (slip.outletId !== outlet.id) throw this.slips.notFound(slip.id);
    return slip;
  }

  private async view(tx: EntityManager, row: DrinksSlipEntity, outlet: OutletEntity): Promise<DrinksSlipView> {
    return (await this.views(tx, [row], outlet))[0];
  }

  private async views(tx: EntityManager, rows: DrinksSlipEntity[], outlet: OutletEntity): Promise<DrinksSlipView[]> {
    if (!rows.length) return [];
    const lines = await tx.find(DrinksSlipLineEntity, { where: { slipId: In(rows.map((r) => r.id)) }, order: { lineNo: 'ASC' } });
    return rows.map((r) => slipView(r, outlet, lines.filter((l) => l.slipId === r.id)));
  }
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function slipView(r: DrinksSlipEntity, outlet: Pick<OutletEntity, 'code'>, lines: Array<Pick<DrinksSlipLineEntity, 'lineNo' | 'sku' | 'quantity' | 'note'>>): DrinksSlipView {
  return {
    id: r.id, number: r.number, outletCode: outlet.code, table: r.tableLabel, status: r.status, businessDate: r.businessDate, writtenBy: r.writtenBy, writtenAt: iso(r.writtenAt)!,
    madeBy: r.madeBy, madeAt: iso(r.madeAt), servedBy: r.servedBy, servedAt: iso(r.servedAt), cancelledBy: r.cancelledBy, cancelReason: r.cancelReason, ticketId: r.ticketId,
    lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, note: l.note })),
  };
}
