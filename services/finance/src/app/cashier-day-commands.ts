import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type CashierDayIdRequest, type CashierDayView, type CountCashierDayRequest, type ListCashierDaysQuery, type Page,
} from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { MoreThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { confirmDay, countDay, openCashierDate, unexplainedLines, type DayRecord } from '../domain/cashier-day.js';
import type { ReceiptMethod } from '../domain/receipt-rules.js';
import { CashierDayEntity } from '../infra/persistence/finance.entities.js';
import { CashierDayStore } from '../infra/persistence/stores.js';

/** The cashier's day: counted by the cashier, confirmed by someone else in finance, then closed for good (domain/cashier-day.ts). */
@Injectable()
export class CashierDayCommands {
  constructor(private readonly days: CashierDayStore) {}

  @Handles(FinanceCatalog.countCashierDay)
  async countCashierDay(request: CountCashierDayRequest, { tx, actor, cause }: CommandContext): Promise<CashierDayView> {
    // One count of a cashier's day at a time: the row, or (first count) the day's advisory lock.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cashier-day:${actor.userId}:${request.businessDate}`]);
    const existing = await tx.findOne(CashierDayEntity, { where: { cashierId: actor.userId, businessDate: request.businessDate }, lock: { mode: 'pessimistic_write' } });
    const step = countDay(existing, { id: existing?.id ?? uuidv7(), cashierId: actor.userId, businessDate: request.businessDate }, await recordOf(tx, actor.userId, request.businessDate), {
      counted: { cash: request.cashFen, pos: request.posFen, transfer: request.transferFen },
      explanations: { ...request.explanations },
    });
    const row = existing ? (await this.days.apply(tx, existing, () => step, { actor, cause })).row : await this.days.create(tx, step, { actor, cause });
    return cashierDayView(row);
  }

  @Handles(FinanceCatalog.confirmCashierDay)
  async confirmCashierDay(request: CashierDayIdRequest, { tx, actor, cause }: CommandContext): Promise<CashierDayView> {
    const { row } = await this.days.change(tx, request.dayId, (day) => confirmDay(day, actor.userId), { actor, cause });
    return cashierDayView(row);
  }

  @Handles(FinanceCatalog.listCashierDays)
  async listCashierDays(query: ListCashierDaysQuery, { tx }: CommandContext): Promise<Page<CashierDayView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<CashierDayEntity> = {};
    if (query.businessDate) where.businessDate = query.businessDate;
    if (query.cashierId) where.cashierId = query.cashierId;
    if (query.status) where.status = query.status;
    const [rows, total] = await tx.findAndCount(CashierDayEntity, { where, order: { businessDate: 'DESC', countedAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(cashierDayView), page, pageSize, total };
  }
}

/** The business day new money of this cashier belongs to: today, or the next open one when today is closed. */
export async function cashierDateFor(tx: EntityManager, cashierId: string): Promise<string> {
  const today = businessDate();
  // Only closed days from today on matter (usually none): one indexed lookup per receipt.
  const closed = await tx.find(CashierDayEntity, { select: { businessDate: true }, where: { cashierId, status: 'closed', businessDate: MoreThanOrEqual(today) } });
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
  };
}

export function cashierDayView(d: CashierDayEntity): CashierDayView {
  return {
    id: d.id, cashierId: d.cashierId, businessDate: d.businessDate, status: d.status, lines: d.lines, receiptCount: d.receiptCount,
    explained: unexplainedLines(d.lines).length === 0,
    countedAt: d.countedAt.toISOString(), confirmedBy: d.confirmedBy, confirmedAt: d.confirmedAt ? d.confirmedAt.toISOString() : null,
  };
}
