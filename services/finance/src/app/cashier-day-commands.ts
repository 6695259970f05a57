import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type CashierDayIdRequest, type CashierDayView, type CountCashierDayRequest, type ListCashierDaysQuery, type Page,
} from '@ops/contracts';
import { addDays, businessDate } from '@ops/kernel';
import { rowsWhere } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { cashierDayOf, confirmDay, countDay, openCashierDate, unexplainedDocuments, unexplainedLines, type DayRecord, type OrderDocuments } from '../domain/cashier-day.js';
import type { ReceiptMethod } from '../domain/receipt-rules.js';
import { CashierDayEntity } from '../infra/persistence/finance.entities.js';
import { CashierDayStore } from '../infra/persistence/stores.js';
import { outletShiftsOfDays } from './outlet-money.js';

/** The cashier's day: counted by the cashier, confirmed by someone else in finance, then closed for good (domain/cashier-day.ts). */
@Injectable()
export class CashierDayCommands {
  constructor(private readonly days: CashierDayStore) {}

  @Handles(FinanceCatalog.countCashierDay)
  async countCashierDay(request: CountCashierDayRequest, { tx, actor, cause }: CommandContext): Promise<CashierDayView> {
    // One count of a cashier's day at a time: the row, or (first count) the day's advisory lock.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cashier-day:${actor.userId}:${request.businessDate}`]);
    const existing = await tx.findOne(CashierDayEntity, { where: { cashierId: actor.userId, businessDate: request.businessDate }, lock: { mode: 'pessimistic_write' } });
    const handedOverFen = existing ? await handedOver(tx, existing.id) : 0;
    const record = { ...(await recordOf(tx, actor.userId, request.businessDate)), handedOverCashFen: handedOverFen };
    const step = countDay(existing, { id: existing?.id ?? uuidv7(), cashierId: actor.userId, businessDate: request.businessDate }, record, {
      counted: { cash: request.cashFen, pos: request.posFen, transfer: request.transferFen },
      explanations: { ...request.explanations },
      documentExplanations: { ...request.documentExplanations },
    });
    const row = existing ? (await this.days.apply(tx, existing, () => step, { actor, cause })).row : await this.days.create(tx, step, { actor, cause });
    return cashierDayView(row, handedOverFen, (await outletShiftsOfDays(tx, [row.businessDate])).get(row.businessDate));
  }

  @Handles(FinanceCatalog.confirmCashierDay)
  async confirmCashierDay(request: CashierDayIdRequest, { tx, actor, cause }: CommandContext): Promise<CashierDayView> {
    const { row } = await this.days.change(tx, request.dayId, (day) => confirmDay(day, actor.userId), { actor, cause });
    return cashierDayView(row, await handedOver(tx, row.id), (await outletShiftsOfDays(tx, [row.businessDate])).get(row.businessDate));
  }

  @Handles(FinanceCatalog.listCashierDays)
  async listCashierDays(query: ListCashierDaysQuery, { tx }: CommandContext): Promise<Page<CashierDayView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<CashierDayEntity> = {};
    if (query.businessDate) where.businessDate = query.businessDate;
    if (query.cashierId) where.cashierId = query.cashierId;
    if (query.status) where.status = query.status;
    const [rows, total] = await tx.findAndCount(CashierDayEntity, { where, order: { businessDate: 'DESC', countedAt: 'DESC' }, skip: offset, take: pageSize });
    const handed = await handedOverByDay(tx, rows.map((r) => r.id));
    const outlets = await outletShiftsOfDays(tx, rows.map((r) => r.businessDate));
    return { items: rows.map((r) => cashierDayView(r, handed.get(r.id) ?? 0, outlets.get(r.businessDate))), page, pageSize, total };
  }
}

/** The business day new money of this cashier belongs to: today, or the next open one when today is closed. */
export async function cashierDateFor(tx: EntityManager, cashierId: string): Promise<string> {
  const today = businessDate();
  // Only closed days from today on matter (usually none): one indexed lookup per receipt.
  const closed = await rowsWhere(tx, CashierDayEntity, "{cashierId} = $1 AND {status} = 'closed' AND {businessDate} >= $2", [cashierId, today]);
  return openCashierDate(today, new Set(closed.map((d) => d.businessDate)));
}

/** What the books say the cashier took in on the day: receipts recorded less refunds paid, by way of payment. */
async function recordOf(tx: EntityManager, cashierId: string, date: string): Promise<DayRecord> {
  const receipts: Array<{ method: ReceiptMethod; fen: string; n: string }> = await tx.query(
    `SELECT method, SUM(amount_fen) AS fen, COUNT(*) AS n FROM receipts WHERE recorded_by = $1 AND cashier_date = $2 GROUP BY method`, [cashierId, date],
  );
  const refunds: Array<{ method: ReceiptMethod; fen: string }> = await tx.query(
    `SELECT paid_method AS method, SUM(amount_fen) AS fen FROM refunds WHERE paid_by = $1 AND paid_on = $2 GROUP BY paid_method`, [cashierId, date],
  );
  return {
    receiptsFen: Object.fromEntries(receipts.map((r) => [r.method, Number(r.fen)])),
    refundsFen: Object.fromEntries(refunds.map((r) => [r.method, Number(r.fen)])),
    receiptCount: receipts.reduce((sum, r) => sum + Number(r.n), 0),
    orders: await ordersOfDay(tx, cashierId, date),
  };
}

/** How far back an invoice issued after its day closed may still belong to a later day of the cashier. */
const INVOICE_LOOKBACK_DAYS = 31;

/**
 * The orders whose documents the day's matching needs (domain/cashier-day.ts, `unmatchedDocuments`): those of the
 * receipts the cashier recorded on the day and of the invoices they issued that belong to it, each with all its
 * receipts and live invoices.
 */
async function ordersOfDay(tx: EntityManager, cashierId: string, date: string): Promise<OrderDocuments[]> {
  const closes: Array<{ businessDate: string; confirmedAt: Date | null }> = (await tx.query(
    `SELECT to_char(business_date, 'YYYY-MM-DD') AS "businessDate", confirmed_at AS "confirmedAt" FROM cashier_days
      WHERE cashier_id = $1 AND status = 'closed' AND business_date BETWEEN $2::date AND $3::date`,
    [cashierId, addDays(date, -INVOICE_LOOKBACK_DAYS), date],
  )).map((c: { businessDate: string; confirmedAt: Date | null }) => ({ businessDate: c.businessDate, confirmedAt: c.confirmedAt ? new Date(c.confirmedAt) : null }));
  const dayOf = (issuedBy: string | null, on: string, at: Date) => (issuedBy === cashierId ? cashierDayOf(on, at, closes) : on);
  const candidates: Array<{ order_id: string; issued_on: string; issued_at: Date }> = await tx.query(
    `SELECT order_id, to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS issued_on, issued_at FROM invoices
      WHERE issued_by = $1 AND status = 'issued' AND issued_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND issued_at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [cashierId, addDays(date, -INVOICE_LOOKBACK_DAYS), date],
  );
  const receiptOrders: Array<{ order_id: string }> = await tx.query(`SELECT DISTINCT order_id FROM receipts WHERE recorded_by = $1 AND cashier_date = $2`, [cashierId, date]);
  const orderIds = [...new Set([
    ...receiptOrders.map((r) => r.order_id),
    ...candidates.filter((c) => dayOf(cashierId, c.issued_on, new Date(c.issued_at)) === date).map((c) => c.order_id),
  ])];
  if (!orderIds.length) return [];
  const [accounts, receipts, invoices]: [
    Array<{ order_id: string; order_number: string }>,
    Array<{ id: string; number: string; order_id: string; amount_fen: string; recorded_by: string; cashier_date: string }>,
    Array<{ id: string; number: string; order_id: string; amount_fen: string; issued_by: string | null; issued_on: string; issued_at: Date }>,
  ] = [
    await tx.query(`SELECT order_id, order_number FROM order_accounts WHERE order_id = ANY($1::uuid[])`, [orderIds]),
    await tx.query(
      `SELECT id, number, order_id, amount_fen, recorded_by, to_char(cashier_date, 'YYYY-MM-DD') AS cashier_date FROM receipts
        WHERE order_id = ANY($1::uuid[]) ORDER BY recorded_at, number`, [orderIds],
    ),
    await tx.query(
      `SELECT id, number, order_id, amount_fen, issued_by, to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS issued_on, issued_at FROM invoices
        WHERE order_id = ANY($1::uuid[]) AND status = 'issued' ORDER BY issued_at, number`, [orderIds],
    ),
  ];
  const numbers = new Map(accounts.map((a) => [a.order_id, a.order_number]));
  return orderIds.map((orderId) => ({
    orderId, orderNumber: numbers.get(orderId) ?? orderId,
    receipts: receipts.filter((r) => r.order_id === orderId)
      .map((r) => ({ id: r.id, number: r.number, amountFen: Number(r.amount_fen), recordedBy: r.recorded_by, cashierDate: r.cashier_date })),
    invoices: invoices.filter((i) => i.order_id === orderId)
      .map((i) => ({ id: i.id, number: i.number, amountFen: Number(i.amount_fen), issuedBy: i.issued_by, cashierDate: dayOf(i.issued_by, i.issued_on, new Date(i.issued_at)) })),
  }));
}

/** Cash of a day handed to the treasurer so far (confirmed or not). */
export async function handedOver(tx: EntityManager, dayId: string): Promise<number> {
  return (await handedOverByDay(tx, [dayId])).get(dayId) ?? 0;
}

async function handedOverByDay(tx: EntityManager, dayIds: string[]): Promise<Map<string, number>> {
  if (!dayIds.length) return new Map();
  const rows: Array<{ day_id: string; fen: string }> = await tx.query(
    `SELECT day_id, SUM(amount_fen) AS fen FROM cash_handovers WHERE day_id = ANY($1::uuid[]) GROUP BY day_id`, [dayIds],
  );
  return new Map(rows.map((r) => [r.day_id, Number(r.fen)]));
}

/** The outlets' shifts of the day's date are part of it (app/outlet-money.ts): listed, with their takings and differences. */
type OutletDay = Pick<CashierDayView, 'outletShifts'> & { cashFen: number; posFen: number; transferFen: number; differenceFen: number };

export function cashierDayView(d: CashierDayEntity, handedOverFen = 0, outlets?: OutletDay): CashierDayView {
  return {
    id: d.id, cashierId: d.cashierId, businessDate: d.businessDate, status: d.status, lines: d.lines, receiptCount: d.receiptCount,
    documents: d.documents ?? [], handedOverFen,
    outletShifts: outlets?.outletShifts ?? [], outletCashFen: outlets?.cashFen ?? 0, outletPosFen: outlets?.posFen ?? 0, outletTransferFen: outlets?.transferFen ?? 0,
    outletDifferenceFen: outlets?.differenceFen ?? 0,
    explained: unexplainedLines(d.lines).length === 0 && unexplainedDocuments(d.documents ?? []).length === 0,
    countedAt: d.countedAt.toISOString(), confirmedBy: d.confirmedBy, confirmedAt: d.confirmedAt ? d.confirmedAt.toISOString() : null,
  };
}
