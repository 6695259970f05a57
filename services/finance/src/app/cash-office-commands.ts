import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type BankDepositView, type CashHandoverIdRequest, type CashHandoverView, type HandOverCashRequest, type ListBankDepositsQuery,
  type ListCashHandoversQuery, type Page, type RecordBankDepositRequest, type ScheduleBankDepositRequest,
} from '@ops/contracts';
import { businessNow, businessYear } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { bankDepositEntry, recordDeposit, scheduleDeposit } from '../domain/bank-deposit.js';
import { confirmHandover, handOverCash } from '../domain/cash-handover.js';
import { BankDepositEntity, CashHandoverEntity } from '../infra/persistence/cash-office.entities.js';
import { BankDepositStore, CashHandoverStore } from '../infra/persistence/cash-office.stores.js';
import { CashierDayStore } from '../infra/persistence/stores.js';
import { handedOver } from './cashier-day-commands.js';
import { post } from './journal.js';

/**
 * The cash office after the cashier's day (domain/cash-handover.ts, domain/bank-deposit.ts): the cashier hands the
 * counted cash to the treasurer (a finance manager), who confirms receiving it; the treasurer takes cash to the bank
 * on runs security escorts, and the deposit moves it from cash on hand (1001) to the bank (1002).
 */
@Injectable()
export class CashOfficeCommands {
  constructor(private readonly days: CashierDayStore, private readonly handovers: CashHandoverStore, private readonly deposits: BankDepositStore) {}

  @Handles(FinanceCatalog.handOverCash)
  async handOverCash(request: HandOverCashRequest, { tx, actor, cause }: CommandContext): Promise<CashHandoverView> {
    // The day's row under lock: one handover (or recount) of a day at a time, so the limit holds.
    const day = await this.days.get(tx, request.dayId);
    const countedCashFen = day.lines.find((l) => l.method === 'cash')?.countedFen ?? 0;
    const step = handOverCash(
      { id: day.id, cashierId: day.cashierId, businessDate: day.businessDate, countedCashFen, handedFen: await handedOver(tx, day.id) },
      { id: uuidv7(), number: await nextDocumentNumber(tx, 'CH', businessYear()), amountFen: request.amountFen },
      actor.userId,
      businessNow(),
    );
    return handoverView(await this.handovers.create(tx, step, { actor, cause }));
  }

  @Handles(FinanceCatalog.confirmCashHandover)
  async confirmCashHandover(request: CashHandoverIdRequest, { tx, actor, cause }: CommandContext): Promise<CashHandoverView> {
    const { row } = await this.handovers.change(tx, request.handoverId, (h) => confirmHandover(h, actor.userId, businessNow()), { actor, cause });
    return handoverView(row);
  }

  @Handles(FinanceCatalog.listCashHandovers)
  async listCashHandovers(query: ListCashHandoversQuery, { tx }: CommandContext): Promise<Page<CashHandoverView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<CashHandoverEntity> = {};
    if (query.status) where.status = query.status;
    if (query.businessDate) where.businessDate = query.businessDate;
    if (query.dayId) where.dayId = query.dayId;
    const [rows, total] = await tx.findAndCount(CashHandoverEntity, { where, order: { handedAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(handoverView), page, pageSize, total };
  }

  @Handles(FinanceCatalog.scheduleBankDeposit)
  async scheduleBankDeposit(request: ScheduleBankDepositRequest, { tx, actor, cause }: CommandContext): Promise<BankDepositView> {
    // One run scheduled at a time, so two never take the same cash.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('finance:treasury'))`);
    const step = scheduleDeposit(
      { id: uuidv7(), number: await nextDocumentNumber(tx, 'BD', businessYear()), amountFen: request.amountFen, bank: request.bank, plannedAt: new Date(request.plannedAt) },
      await treasuryCash(tx),
      actor.userId,
      businessNow(),
    );
    return depositView(await this.deposits.create(tx, step, { actor, cause }), null);
  }

  @Handles(FinanceCatalog.recordBankDeposit)
  async recordBankDeposit(request: RecordBankDepositRequest, { tx, actor, cause }: CommandContext): Promise<BankDepositView> {
    const { row } = await this.deposits.change(tx, request.depositId, (d) => recordDeposit(d, request.bankSlipNumber, actor.userId, businessNow()), { actor, cause });
    const entryId = await post(tx, {
      sourceType: 'bank_deposit', sourceId: row.id, customerId: null, postedBy: actor.userId,
      memo: `Deposit run ${row.number}: cash to ${row.bank}, slip ${row.bankSlipNumber}`, lines: bankDepositEntry(row.amountFen),
    });
    return depositView(row, entryId);
  }

  @Handles(FinanceCatalog.listBankDeposits)
  async listBankDeposits(query: ListBankDepositsQuery, { tx }: CommandContext): Promise<Page<BankDepositView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<BankDepositEntity> = {};
    if (query.status) where.status = query.status;
    const [rows, total] = await tx.findAndCount(BankDepositEntity, { where, order: { requestedAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    const entries: Array<{ id: string; source_id: string }> = rows.length
      ? await tx.query(`SELECT id, source_id FROM journal_entries WHERE source_type = 'bank_deposit' AND source_id = ANY($1::uuid[])`, [rows.map((r) => r.id)])
      : [];
    const entryOf = new Map(entries.map((e) => [e.source_id, e.id]));
    return { items: rows.map((r) => depositView(r, entryOf.get(r.id) ?? null)), page, pageSize, total };
  }
}

/** Cash the treasurer holds for the bank: what they confirmed receiving from cashiers less what deposit runs take. */
async function treasuryCash(tx: EntityManager): Promise<number> {
  const [{ fen }]: Array<{ fen: string }> = await tx.query(
    `SELECT (SELECT COALESCE(SUM(amount_fen), 0) FROM cash_handovers WHERE status = 'received') - (SELECT COALESCE(SUM(amount_fen), 0) FROM bank_deposits) AS fen`,
  );
  return Number(fen);
}

function handoverView(h: CashHandoverEntity): CashHandoverView {
  return {
    id: h.id, number: h.number, dayId: h.dayId, businessDate: h.businessDate, amountFen: h.amountFen, currency: 'CNY', status: h.status,
    handedBy: h.handedBy, handedAt: h.handedAt.toISOString(), receivedBy: h.receivedBy, receivedAt: h.receivedAt?.toISOString() ?? null,
  };
}

function depositView(d: BankDepositEntity, journalEntryId: string | null): BankDepositView {
  return {
    id: d.id, number: d.number, amountFen: d.amountFen, currency: 'CNY', bank: d.bank, plannedAt: d.plannedAt.toISOString(), status: d.status,
    requestedBy: d.requestedBy, requestedAt: d.requestedAt.toISOString(), bankSlipNumber: d.bankSlipNumber, depositedBy: d.depositedBy,
    depositedAt: d.depositedAt?.toISOString() ?? null, journalEntryId,
  };
}
