import { Inject, Injectable } from '@nestjs/common';
import {
  FinanceCatalog, OutletWasteApproved, OutletWasteCosted, pageWindow, ReceiptAudited, ShiftHandedOver, TillTicketPaid, TillTicketVoided,
  type EventEnvelope, type ListOutletShiftsQuery, type ListOutletTakingsQuery, type OutletShiftView, type OutletTakingsView, type OutletWasteApprovedData, type Page,
  type ReceiptAuditedData, type ShiftHandedOverData, type TillTicketPaidData, type TillTicketVoidedData,
} from '@ops/contracts';
import { DomainError, formatFen } from '@ops/kernel';
import { causedBy, type OutboxWriter } from '@ops/messaging';
import { Handles, OnEvent, OUTBOX, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { costWaste, netUnitCost, outletDayTotals, shiftDifferenceEntry, tenderTotals, tillTakingsEntry, tillVoidEntry, wasteLossEntry } from '../domain/outlet-money.js';
import { post } from './journal.js';

/**
 * What finance does with the outlets' events (libs/contracts sales/outlet-events.ts; rules in domain/outlet-money.ts):
 * books each paid till ticket and reverses a voided one, records each shift handed over and books its cash over or
 * short, and costs approved waste (emitting `finance.outlet-waste.costed`). Each document is booked once, however
 * often and under whatever event id it arrives (the tables' keys), besides the inbox. It also keeps the last purchase
 * price of each SKU from the audited receipts, to cost waste with.
 */
@Injectable()
export class OutletMoney {
  constructor(@Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  @OnEvent(TillTicketPaid, 'book-till-takings')
  async onTicketPaid(event: EventEnvelope<TillTicketPaidData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const lines = tillTakingsEntry(d.totalFen, d.tenders);
    if (!(await this.claimTicket(tx, 'paid', d))) return;
    const entryId = lines.length
      ? await post(tx, { sourceType: 'till_ticket', sourceId: d.ticketId, customerId: null, postedBy: event.actor.userId, memo: `Till ticket ${d.number} at ${d.outletCode}, ${d.businessDate}: ${formatFen(d.totalFen)}`, lines })
      : null;
    await tx.query(`UPDATE till_takings SET journal_entry_id = $2 WHERE ticket_id = $1 AND kind = 'paid'`, [d.ticketId, entryId]);
  }

  /** The paid ticket's entry reversed; a void heard before its ticket (separate consumers) is retried until the ticket is booked. */
  @OnEvent(TillTicketVoided, 'reverse-till-takings')
  async onTicketVoided(event: EventEnvelope<TillTicketVoidedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const [paid]: Array<{ journal_entry_id: string | null }> = await tx.query(`SELECT journal_entry_id FROM till_takings WHERE ticket_id = $1 AND kind = 'paid'`, [d.ticketId]);
    if (!paid) throw new DomainError('conflict', 'till-ticket-not-booked', `Ticket ${d.number} was voided before finance booked it: retried until it has`);
    const lines = tillVoidEntry(d.totalFen, d.tenders);
    if (!(await this.claimTicket(tx, 'voided', d))) return;
    const entryId = lines.length
      ? await post(tx, {
        sourceType: 'till_void', sourceId: d.ticketId, customerId: null, postedBy: event.actor.userId, reversalOf: paid.journal_entry_id,
        memo: `Till ticket ${d.number} at ${d.outletCode} voided by ${d.voidedBy}: ${d.reason}`, lines,
      })
      : null;
    await tx.query(`UPDATE till_takings SET journal_entry_id = $2 WHERE ticket_id = $1 AND kind = 'voided'`, [d.ticketId, entryId]);
  }

  @OnEvent(ShiftHandedOver, 'book-outlet-shift')
  async onShiftHandedOver(event: EventEnvelope<ShiftHandedOverData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.differenceFen !== d.countedCashFen - d.expectedCashFen) {
      throw new DomainError('rule_violated', 'shift-difference-wrong', `Handover ${d.handoverId}: counted − expected is ${d.countedCashFen - d.expectedCashFen}, not ${d.differenceFen}`);
    }
    const lines = shiftDifferenceEntry(d.differenceFen);
    // The same handover heard twice at once waits here, then finds it recorded.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`outlet-shift:${d.handoverId}`]);
    if ((await tx.query(`SELECT 1 FROM outlet_shifts WHERE handover_id = $1`, [d.handoverId])).length) return;
    const entryId = lines.length
      ? await post(tx, {
        sourceType: 'outlet_shift', sourceId: d.handoverId, customerId: null, postedBy: event.actor.userId,
        memo: `Outlet ${d.outletCode} handover ${d.businessDate} (${d.handedOverBy} → ${d.takenOverBy}): cash ${d.differenceFen > 0 ? 'over' : 'short'} ${formatFen(Math.abs(d.differenceFen))}${d.explanation ? `: ${d.explanation}` : ''}`,
        lines,
      })
      : null;
    await tx.query(
      `INSERT INTO outlet_shifts (handover_id, outlet_id, outlet_code, business_date, handed_over_by, taken_over_by, ticket_count, expected_cash_fen, counted_cash_fen,
                                  difference_fen, explanation, float_fen, pos_fen, transfer_fen, goods_checked, confirmed_at, journal_entry_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [d.handoverId, d.outletId, d.outletCode, d.businessDate, d.handedOverBy, d.takenOverBy, d.ticketCount, d.expectedCashFen, d.countedCashFen, d.differenceFen,
        d.explanation ?? null, d.floatFen, d.posFen, d.transferFen, d.goodsChecked, new Date(d.confirmedAt), entryId],
    );
  }

  /** Approved waste costed line by line, its loss booked, and the outlet told the cost: all in this transaction. */
  @OnEvent(OutletWasteApproved, 'cost-outlet-waste')
  async onWasteApproved(event: EventEnvelope<OutletWasteApprovedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`outlet-waste:${d.wasteId}`]);
    if ((await tx.query(`SELECT 1 FROM outlet_waste_costs WHERE waste_id = $1`, [d.wasteId])).length) return;
    const prices: Array<{ sku: string; unit_net_fen: string }> = await tx.query(`SELECT sku, unit_net_fen FROM purchase_prices WHERE sku = ANY($1::text[])`, [d.lines.map((l) => l.sku)]);
    const last = new Map(prices.map((p) => [p.sku, Number(p.unit_net_fen)]));
    const costed = costWaste(d.lines, (sku) => last.get(sku));
    const lines = wasteLossEntry(costed.costFen);
    let entry: { id: string; number: string } | null = null;
    if (lines.length) {
      const id = await post(tx, {
        sourceType: 'outlet_waste', sourceId: d.wasteId, customerId: null, postedBy: event.actor.userId,
        memo: `Waste ${d.number} at ${d.outletCode}, approved by ${d.approvedBy}: ${formatFen(costed.costFen)} at cost`, lines,
      });
      const [row]: Array<{ number: string }> = await tx.query(`SELECT number FROM journal_entries WHERE id = $1`, [id]);
      entry = { id, number: row.number };
    }
    await tx.query(
      `INSERT INTO outlet_waste_costs (waste_id, number, outlet_code, business_date, lines, cost_fen, journal_entry_id, journal_entry_number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [d.wasteId, d.number, d.outletCode, d.businessDate, JSON.stringify(costed.lines), costed.costFen, entry?.id ?? null, entry?.number ?? null],
    );
    await this.outbox.append(tx, OutletWasteCosted, {
      aggregateId: d.wasteId, actor: event.actor, cause: causedBy(event),
      // Waste of no cost books nothing: there is no entry to name.
      data: { wasteId: d.wasteId, number: d.number, outletCode: d.outletCode, lines: costed.lines, costFen: costed.costFen, journalEntryNumber: entry?.number ?? null },
    });
  }

  /** The last purchase price finance booked per SKU (the newest audit wins, whichever order the receipts arrive in). */
  @OnEvent(ReceiptAudited, 'note-purchase-prices')
  async onReceiptAudited(event: EventEnvelope<ReceiptAuditedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    // One price per SKU of the receipt: the last line of it.
    const bySku = new Map(d.lines.map((l) => [l.sku, l.unitPriceFen]));
    if (!bySku.size) return;
    const skus = [...bySku.keys()];
    await tx.query(
      `INSERT INTO purchase_prices (sku, unit_price_fen, unit_net_fen, receipt_id, receipt_number, audited_at)
       SELECT sku, price, net, $4, $5, $6 FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS l(sku, price, net)
       ON CONFLICT (sku) DO UPDATE SET unit_price_fen = EXCLUDED.unit_price_fen, unit_net_fen = EXCLUDED.unit_net_fen, receipt_id = EXCLUDED.receipt_id,
         receipt_number = EXCLUDED.receipt_number, audited_at = EXCLUDED.audited_at
       WHERE (purchase_prices.audited_at, purchase_prices.receipt_id) < (EXCLUDED.audited_at, EXCLUDED.receipt_id)`,
      [skus, skus.map((s) => bySku.get(s)!), skus.map((s) => netUnitCost(bySku.get(s)!)), d.receiptId, d.receiptNumber, new Date(d.auditedAt)],
    );
  }

  @Handles(FinanceCatalog.listOutletShifts)
  async listOutletShifts(query: ListOutletShiftsQuery, { tx }: CommandContext): Promise<Page<OutletShiftView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { where, params } = filtersOf(query, 's.');
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM outlet_shifts s ${where}`, params);
    return { items: await shiftsWhere(tx, where, params, `LIMIT ${pageSize} OFFSET ${offset}`), page, pageSize, total };
  }

  @Handles(FinanceCatalog.listOutletTakings)
  async listOutletTakings(query: ListOutletTakingsQuery, { tx }: CommandContext): Promise<Page<OutletTakingsView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { where, params } = filtersOf(query, '');
    const grouped = `SELECT outlet_code, business_date,
                            count(*) FILTER (WHERE kind = 'paid')::int AS tickets, count(*) FILTER (WHERE kind = 'voided')::int AS voided,
                            sum(CASE kind WHEN 'paid' THEN 1 ELSE -1 END * cash_fen) AS cash, sum(CASE kind WHEN 'paid' THEN 1 ELSE -1 END * pos_fen) AS pos,
                            sum(CASE kind WHEN 'paid' THEN 1 ELSE -1 END * transfer_fen) AS transfer, sum(CASE kind WHEN 'paid' THEN 1 ELSE -1 END * total_fen) AS total
                       FROM till_takings ${where} GROUP BY outlet_code, business_date`;
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM (${grouped}) g`, params);
    const rows: Array<Record<string, any>> = await tx.query(
      `SELECT outlet_code, to_char(business_date, 'YYYY-MM-DD') AS business_date, tickets, voided, cash, pos, transfer, total FROM (${grouped}) g
        ORDER BY business_date DESC, outlet_code LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        outletCode: r.outlet_code, businessDate: r.business_date, ticketCount: r.tickets, voidedCount: r.voided,
        cashFen: Number(r.cash), posFen: Number(r.pos), transferFen: Number(r.transfer), totalFen: Number(r.total),
      })),
      page, pageSize, total,
    };
  }

  /** Claims a ticket's booking (paid or voided) with its takings; false when it was booked already. */
  private async claimTicket(tx: EntityManager, kind: 'paid' | 'voided', d: TillTicketPaidData | TillTicketVoidedData): Promise<boolean> {
    const t = tenderTotals(d.tenders);
    const rows: unknown[] = await tx.query(
      `INSERT INTO till_takings (ticket_id, kind, number, outlet_id, outlet_code, business_date, cash_fen, pos_fen, transfer_fen, total_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (ticket_id, kind) DO NOTHING RETURNING ticket_id`,
      [d.ticketId, kind, d.number, d.outletId, d.outletCode, d.businessDate, t.cash, t.pos, t.transfer, d.totalFen],
    );
    return rows.length > 0;
  }
}

function filtersOf(query: { date?: string; outletCode?: string }, alias: string): { where: string; params: unknown[] } {
  const filters: string[] = [];
  const params: unknown[] = [];
  if (query.date) filters.push(`${alias}business_date = $${params.push(query.date)}`);
  if (query.outletCode) filters.push(`${alias}outlet_code = $${params.push(query.outletCode)}`);
  return { where: filters.length ? `WHERE ${filters.join(' AND ')}` : '', params };
}

async function shiftsWhere(tx: EntityManager, where: string, params: unknown[], limit = ''): Promise<OutletShiftView[]> {
  const rows: Array<Record<string, any>> = await tx.query(
    `SELECT s.*, to_char(s.business_date, 'YYYY-MM-DD') AS day, e.number AS entry_number
       FROM outlet_shifts s LEFT JOIN journal_entries e ON e.id = s.journal_entry_id ${where}
      ORDER BY s.business_date DESC, s.outlet_code, s.confirmed_at, s.handover_id ${limit}`,
    params,
  );
  return rows.map((r) => ({
    handoverId: r.handover_id, outletId: r.outlet_id, outletCode: r.outlet_code, businessDate: r.day, handedOverBy: r.handed_over_by, takenOverBy: r.taken_over_by,
    ticketCount: r.ticket_count, expectedCashFen: Number(r.expected_cash_fen), countedCashFen: Number(r.counted_cash_fen), differenceFen: Number(r.difference_fen),
    explanation: r.explanation, floatFen: Number(r.float_fen), posFen: Number(r.pos_fen), transferFen: Number(r.transfer_fen), goodsChecked: r.goods_checked,
    confirmedAt: new Date(r.confirmed_at).toISOString(), journalEntryNumber: r.entry_number ?? null,
  }));
}

/** What the outlets' shifts of each date add to the cashier's day close (cashier-day-commands.ts). */
export async function outletShiftsOfDays(tx: EntityManager, dates: string[]): Promise<Map<string, { outletShifts: OutletShiftView[]; cashFen: number; posFen: number; transferFen: number; differenceFen: number }>> {
  const out = new Map<string, { outletShifts: OutletShiftView[]; cashFen: number; posFen: number; transferFen: number; differenceFen: number }>();
  const unique = [...new Set(dates)];
  if (!unique.length) return out;
  const shifts = await shiftsWhere(tx, 'WHERE s.business_date = ANY($1::date[])', [unique]);
  for (const date of unique) {
    const of = shifts.filter((s) => s.businessDate === date);
    out.set(date, { outletShifts: of, ...outletDayTotals(of) });
  }
  return out;
}
