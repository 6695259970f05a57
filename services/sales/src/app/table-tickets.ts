import { Injectable } from '@nestjs/common';
import { businessNow, DomainError } from '@ops/kernel';
import type { Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { openTicket, priceLines, retotal, totals, type TicketLine } from '../domain/till-ticket.js';
import { OutletEntity, TillTicketEntity, TillTicketLineEntity } from '../infra/persistence/outlet.entities.js';
import { TillTicketStore } from '../infra/persistence/till.stores.js';
import { outletPrices } from './till-prices.js';

/**
 * A table's running ticket at a bar: each served drinks slip lands on it (opened with the first, priced from the
 * outlet's list), and the guest settles it at the till with the pay command.
 */
@Injectable()
export class TableTickets {
  constructor(private readonly tickets: TillTicketStore) {}

  /**
   * Opens the table's ticket if it has none open and appends the slip's lines (slip_id set), in the caller's
   * transaction. `acting` carries the full actor and cause when the caller has them (history and audit); else the
   * username alone is recorded.
   */
  async addServedSlip(
    tx: EntityManager,
    slip: { outletId: string; tableLabel: string; slipId: string; businessDate: string; lines: Array<{ sku: string; quantity: number }> },
    actor: string,
    acting: Acting = { actor: { userId: actor, username: actor, roles: [] } },
  ): Promise<{ ticketId: string }> {
    const outlet = await tx.findOne(OutletEntity, { where: { id: slip.outletId } });
    if (!outlet) throw new DomainError('not_found', 'outlet-not-found', `No outlet ${slip.outletId}`);
    const ticket = await tx.findOne(TillTicketEntity, { where: { outletId: outlet.id, tableLabel: slip.tableLabel, status: 'open' }, lock: { mode: 'pessimistic_write' } });
    const prices = await outletPrices(tx, outlet, slip.businessDate);
    if (!ticket) {
      const lines = priceLines(slip.lines, prices, 1, slip.slipId);
      const opened = await ringUp(this.tickets, tx, { outletId: outlet.id, tableLabel: slip.tableLabel, businessDate: slip.businessDate, openedBy: actor, discountApprovedBy: null }, lines, `opened for table ${slip.tableLabel}`, acting);
      return { ticketId: opened.id };
    }
    const existing = await tx.find(TillTicketLineEntity, { where: { ticketId: ticket.id }, order: { lineNo: 'ASC' } });
    const added = priceLines(slip.lines, prices, existing.length + 1, slip.slipId);
    await insertLines(tx, ticket.id, added);
    const all = [...existing.map((l) => ({ ...l, floorPriceFen: 0 })), ...added];
    await this.tickets.apply(tx, ticket, (t) => retotal(t, all), acting);
    return { ticketId: ticket.id };
  }
}

/** A new open ticket at an outlet (rung up at the till, or a table's running ticket): its row and history, then its lines. */
export async function ringUp(
  tickets: TillTicketStore, tx: EntityManager,
  ticket: { outletId: string; tableLabel: string | null; businessDate: string; openedBy: string; discountApprovedBy: string | null },
  lines: readonly TicketLine[], reason: string, acting: Acting,
): Promise<TillTicketEntity> {
  const draft = tx.create(TillTicketEntity, {
    id: uuidv7(), number: null, openedAt: businessNow(), cashier: null, paidAt: null, voidedBy: null, voidReason: null, voidedAt: null, ...ticket, ...totals(lines),
  });
  const opened = await tickets.create(tx, openTicket(draft, reason), acting);
  await insertLines(tx, opened.id, lines);
  return opened;
}

async function insertLines(tx: EntityManager, ticketId: string, lines: readonly TicketLine[]): Promise<void> {
  await tx.insert(TillTicketLineEntity, lines.map((l) => ({
    ticketId, lineNo: l.lineNo, sku: l.sku, name: l.sku, quantity: l.quantity, listPriceFen: l.listPriceFen, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, slipId: l.slipId,
  })));
}
