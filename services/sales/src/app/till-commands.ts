import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type DiscountTicketRequest, type ListTicketsRequest, type Page, type PayTicketRequest, type SellRequest, type TicketRequest, type TillTicketView,
  type VoidTicketRequest,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type Acting, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import {
  isOutletSupervisor, payTicket, priceLines, refuseUnlessStaff, refuseUnlessWithinAuthority, retotal, takeTenders, voidTicket, type Tender, type TenderRequest, type TicketLine,
  type TillActor,
} from '../domain/till-ticket.js';
import { OutletEntity, TillTicketEntity, TillTicketLineEntity, TillTicketTenderEntity } from '../infra/persistence/outlet.entities.js';
import { TillTicketStore } from '../infra/persistence/till.stores.js';
import { ringUp } from './table-tickets.js';
import { mayReadOutlet, outletByCode, requireOpeningCheck, tillActor, usernameOf } from './outlet-access.js';
import { outletPrices, tillContext } from './till-prices.js';

/**
 * The till (domain/till-ticket.ts): a ticket sold at once or opened (for a table), discounted by whoever has the
 * authority, paid in full (the receipt number given then, gapless per outlet), voided by the supervisor.
 */
@Injectable()
export class TillCommands {
  constructor(private readonly tickets: TillTicketStore) {}

  @Handles(SalesCatalog.sellAtTill)
  async sellAtTill(request: SellRequest, { tx, actor, cause }: CommandContext): Promise<TillTicketView> {
    const at = businessNow();
    const today = businessDate(at);
    // One round trip for the outlet, the actor's position, today's opening check and the prices: a queue is waiting.
    const { outlet, position, opened: checked, prices } = await tillContext(tx, request.code, usernameOf(actor), today, [...new Set(request.lines.map((l) => l.sku))]);
    const who: TillActor = { username: usernameOf(actor), roles: actor.roles, position: position as TillActor['position'] };
    refuseUnlessStaff(who, outlet.code);
    if (!checked) await requireOpeningCheck(tx, outlet, today);
    const lines = priceLines(request.lines, prices);
    const needed = refuseUnlessWithinAuthority(lines, who, today);
    if (!request.open && !request.tenders?.length) throw new DomainError('invalid', 'tender-invalid', 'A ticket sold at once needs its tenders', [{ field: 'tenders', message: 'required unless open' }]);
    const tableLabel = request.open ? (request.tableLabel ?? null) : null;
    if (tableLabel && (await tx.findOne(TillTicketEntity, { where: { outletId: outlet.id, tableLabel, status: 'open' } }))) {
      throw new DomainError('conflict', 'table-ticket-open', `Table ${tableLabel} already has an open ticket at ${outlet.code}`);
    }
    // Tenders checked before anything is written: a refused payment leaves nothing behind.
    const tenders = request.open ? [] : takeTenders(request.tenders as unknown as TenderRequest[], lines.reduce((s, l) => s + l.amountFen, 0));
    const acting = { actor, cause };
    const opened = await ringUp(this.tickets, tx, {
      outletId: outlet.id, tableLabel, businessDate: today, openedBy: who.username, discountApprovedBy: needed === 'none' ? null : who.username,
    }, lines, tableLabel ? `opened for table ${tableLabel}` : 'rung up', acting);
    if (request.open) return ticketView(opened, outlet.code, lines, []);
    const paid = await this.pay(tx, outlet, opened, lines, tenders, who, acting);
    return ticketView(paid, outlet.code, lines, tenders);
  }

  @Handles(SalesCatalog.discountTicket)
  async discountTicket(request: DiscountTicketRequest, { tx, actor, cause }: CommandContext): Promise<TillTicketView> {
    const outlet = await outletByCode(tx, request.code);
    const who = await tillActor(tx, outlet, actor);
    refuseUnlessStaff(who, outlet.code);
    const ticket = await this.ticketOf(tx, outlet, request.id, true);
    if (ticket.status !== 'open') throw new DomainError('conflict', 'ticket-not-open', `The ticket is ${ticket.status}; only an open ticket is discounted`);
    const today = businessDate();
    const rows = await tx.find(TillTicketLineEntity, { where: { ticketId: ticket.id }, order: { lineNo: 'ASC' } });
    const prices = await outletPrices(tx, outlet, today, [...new Set(rows.map((r) => r.sku))]);
    const errors: Array<{ field: string; message: string }> = [];
    const lines: TicketLine[] = rows.map((r) => ({ ...lineOf(r), floorPriceFen: prices.get(r.sku)?.floorPriceFen ?? 0 }));
    request.lines.forEach((change, i) => {
      const line = lines.find((l) => l.lineNo === change.lineNo);
      if (!line) return errors.push({ field: `lines[${i}].lineNo`, message: `the ticket has no line ${change.lineNo}` });
      if (change.unitPriceFen > line.listPriceFen) return errors.push({ field: `lines[${i}].unitPriceFen`, message: `must not be above the list price ${line.listPriceFen}` });
      line.unitPriceFen = change.unitPriceFen;
      line.amountFen = change.unitPriceFen * line.quantity;
    });
    if (errors.length) throw new DomainError('invalid', 'ticket-line-invalid', 'A discount line is not valid', errors);
    const needed = refuseUnlessWithinAuthority(lines, who, today);
    for (const change of request.lines) {
      const line = lines.find((l) => l.lineNo === change.lineNo)!;
      await tx.update(TillTicketLineEntity, { ticketId: ticket.id, lineNo: line.lineNo }, { unitPriceFen: line.unitPriceFen, amountFen: line.amountFen });
    }
    const { row } = await this.tickets.apply(tx, ticket, (t) => retotal(t, lines, needed === 'none' ? null : who.username), { actor, cause });
    return ticketView(row, outlet.code, lines, []);
  }

  @Handles(SalesCatalog.payTicket)
  async payTicket(request: PayTicketRequest, { tx, actor, cause }: CommandContext): Promise<TillTicketView> {
    const outlet = await outletByCode(tx, request.code);
    const who = await tillActor(tx, outlet, actor);
    refuseUnlessStaff(who, outlet.code);
    await requireOpeningCheck(tx, outlet, businessDate());
    const ticket = await this.ticketOf(tx, outlet, request.id, true);
    if (ticket.status !== 'open') throw new DomainError('conflict', 'ticket-not-open', `Ticket ${ticket.number} is ${ticket.status} already`);
    const lines = (await tx.find(TillTicketLineEntity, { where: { ticketId: ticket.id }, order: { lineNo: 'ASC' } })).map(lineOf);
    if (lines.length === 0) throw new DomainError('conflict', 'ticket-empty', 'A ticket without lines cannot be paid');
    const tenders = takeTenders(request.tenders as unknown as TenderRequest[], lines.reduce((s, l) => s + l.amountFen, 0));
    const paid = await this.pay(tx, outlet, ticket, lines, tenders, who, { actor, cause });
    return ticketView(paid, outlet.code, lines, tenders);
  }

  @Handles(SalesCatalog.voidTicket)
  async voidTicket(request: VoidTicketRequest, { tx, actor, cause }: CommandContext): Promise<TillTicketView> {
    const outlet = await outletByCode(tx, request.code);
    const who = await tillActor(tx, outlet, actor);
    refuseUnlessStaff(who, outlet.code);
    if (!isOutletSupervisor(who)) throw new DomainError('forbidden', 'supervisor-only', `Only the supervisor of outlet ${outlet.code} voids a ticket`);
    const ticket = await this.ticketOf(tx, outlet, request.id, true);
    const lines = (await tx.find(TillTicketLineEntity, { where: { ticketId: ticket.id }, order: { lineNo: 'ASC' } })).map(lineOf);
    const tenders = (await tx.find(TillTicketTenderEntity, { where: { ticketId: ticket.id }, order: { seq: 'ASC' } })).map(tenderOf);
    const at = await holdTill(tx, outlet);
    const { row } = await this.tickets.apply(tx, ticket, (t) => voidTicket(t, { actor: who, reason: request.reason, at, lines, tenders, outlet }), { actor, cause });
    return ticketView(row, outlet.code, lines, tenders);
  }

  @Handles(SalesCatalog.listTickets)
  async listTickets(request: ListTicketsRequest, { tx, actor }: CommandContext): Promise<Page<TillTicketView>> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    const { page, pageSize, offset } = pageWindow(request);
    const qb = tx.createQueryBuilder(TillTicketEntity, 't').where('t.outletId = :outlet AND t.businessDate = :date', { outlet: outlet.id, date: request.date ?? businessDate() })
      .orderBy('t.openedAt', 'DESC').addOrderBy('t.id', 'DESC').skip(offset).take(pageSize);
    if (request.status) qb.andWhere('t.status = :status', { status: request.status });
    const [rows, total] = await qb.getManyAndCount();
    const ids = rows.map((r) => r.id);
    const allLines = ids.length ? await tx.createQueryBuilder(TillTicketLineEntity, 'l').where('l.ticketId IN (:...ids)', { ids }).orderBy('l.lineNo').getMany() : [];
    const allTenders = ids.length ? await tx.createQueryBuilder(TillTicketTenderEntity, 'x').where('x.ticketId IN (:...ids)', { ids }).orderBy('x.seq').getMany() : [];
    const items = rows.map((t) => ticketView(t, outlet.code, allLines.filter((l) => l.ticketId === t.id).map(lineOf), allTenders.filter((x) => x.ticketId === t.id).map(tenderOf)));
    return { items, page, pageSize, total };
  }

  @Handles(SalesCatalog.getTicket)
  async getTicket(request: TicketRequest, { tx, actor }: CommandContext): Promise<TillTicketView> {
    const outlet = await mayReadOutlet(tx, request.code, actor);
    const ticket = await this.ticketOf(tx, outlet, request.id, false);
    const lines = (await tx.find(TillTicketLineEntity, { where: { ticketId: ticket.id }, order: { lineNo: 'ASC' } })).map(lineOf);
    const tenders = (await tx.find(TillTicketTenderEntity, { where: { ticketId: ticket.id }, order: { seq: 'ASC' } })).map(tenderOf);
    return ticketView(ticket, outlet.code, lines, tenders);
  }

  private async ticketOf(tx: EntityManager, outlet: OutletEntity, id: string, lock: boolean): Promise<TillTicketEntity> {
    const ticket = await this.tickets.get(tx, id, { lock });
    if (ticket.outletId !== outlet.id) throw this.tickets.notFound(id);
    return ticket;
  }

  /**
   * Tenders written, then the number taken as late as possible (its counter row is the one lock all the outlet's
   * tills share until commit), then the ticket paid and its event queued — all in the command's transaction.
   */
  private async pay(tx: EntityManager, outlet: OutletEntity, ticket: TillTicketEntity, lines: TicketLine[], tenders: Tender[], who: TillActor, acting: Acting): Promise<TillTicketEntity> {
    const at = await holdTill(tx, outlet);
    await tx.insert(TillTicketTenderEntity, tenders.map((t) => ({ ticketId: ticket.id, ...t })));
    const number = await nextDocumentNumber(tx, `T-${outlet.code}`, businessYear(at));
    const { row } = await this.tickets.apply(tx, ticket, (t) => payTicket(t, { number, cashier: who.username, at, lines, tenders, outlet }, businessDate(at)), acting);
    return row;
  }
}

/**
 * A share of the outlet's row, then the moment of payment or void: a handover's count takes the row for update, so it
 * waits for the tickets being paid or voided and they for it — each falls on one side of the count, never between.
 */
async function holdTill(tx: EntityManager, outlet: OutletEntity): Promise<Date> {
  await tx.query(`SELECT 1 FROM outlets WHERE id = $1 FOR SHARE`, [outlet.id]);
  return businessNow();
}

function lineOf(r: TillTicketLineEntity): TicketLine {
  return { lineNo: r.lineNo, sku: r.sku, quantity: r.quantity, listPriceFen: r.listPriceFen, floorPriceFen: 0, unitPriceFen: r.unitPriceFen, amountFen: r.amountFen, slipId: r.slipId };
}

function tenderOf(x: TillTicketTenderEntity): Tender {
  return {
    seq: x.seq, method: x.method, amountFen: x.amountFen, tenderedFen: x.tenderedFen, changeFen: x.changeFen, counterfeitChecked: x.counterfeitChecked, cards: x.cards,
    payer: x.payer, reference: x.reference,
  };
}

export function ticketView(t: TillTicketEntity, outletCode: string, lines: readonly TicketLine[], tenders: readonly Tender[]): TillTicketView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: t.id, outletCode, number: t.number, status: t.status, tableLabel: t.tableLabel, businessDate: t.businessDate, subtotalFen: t.subtotalFen, discountFen: t.discountFen,
    totalFen: t.totalFen, discountApprovedBy: t.discountApprovedBy, openedBy: t.openedBy, openedAt: iso(t.openedAt)!, cashier: t.cashier, paidAt: iso(t.paidAt),
    voidedBy: t.voidedBy, voidReason: t.voidReason, voidedAt: iso(t.voidedAt), changeFen: tenders.reduce((s, x) => s + x.changeFen, 0),
    lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, listPriceFen: l.listPriceFen, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, slipId: l.slipId })),
    tenders: tenders.map((x) => ({ ...x })),
  };
}
