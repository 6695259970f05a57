import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type AgingGroupsQuery, type AgingGroupView, type CommissionQuery, type CommissionStatementRequest, type CommissionStatementView, type CommissionView,
  type DoubtfulRequest, type DunningPlanRequest, type ListReceivablesQuery, type Page, type ProblemReportRequest, type ReceivableView, type WriteOffRequest,
} from '@ops/contracts';
import { businessDate, DomainError } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { agingOn } from '../domain/aging.js';
import {
  approveWriteOff, collectionFacts, declareDoubtful, dueBeforeForStage, dunningPlanMissingCutoff, fileDunningPlan, fileProblemReport, unpaidCutoff,
} from '../domain/collection-ladder.js';
import { commissionLineOf, commissionOf, monthBounds, type CommissionLine } from '../domain/commission.js';
import { writeOffEntry } from '../domain/journal.js';
import { InvoiceEntity, ReceivableEntity } from '../infra/persistence/finance.entities.js';
import { ReceivableStore } from '../infra/persistence/stores.js';
import { CustomerLedger } from './customer-ledger.js';
import { post } from './journal.js';

/** The collection ladder's commands and what collectors read: receivables by stage, aging by group, commission (collection rules 9-05 to 9-08). */
@Injectable()
export class CollectionCommands {
  constructor(private readonly receivables: ReceivableStore, private readonly ledger: CustomerLedger) {}

  /** Receivables with their due date, days past due, collection stage and what is filed on them, each a fact of its own. */
  @Handles(FinanceCatalog.listReceivables)
  async listReceivables(query: ListReceivablesQuery, { tx }: CommandContext): Promise<Page<ReceivableView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    // The ladder's dates stay in the domain: each stage is "due before a cutoff" on today's date.
    const cut = {
      unpaid: unpaidCutoff(today), dunning: dueBeforeForStage('dunning', today), supply_stopped: dueBeforeForStage('supply_stopped', today), doubtful: dueBeforeForStage('doubtful', today),
    };
    const qb = tx.createQueryBuilder(ReceivableEntity, 'r').innerJoin(InvoiceEntity, 'i', 'i.id = r.invoice_id').addSelect('i.number', 'invoice_number').setParameters({ ...cut, today });
    if (query.customerId) qb.andWhere('r.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const byCalendar = `r.status = 'open' AND r.doubtful_reason IS NULL`;
    const stageWhere: Record<string, string> = {
      current: `${byCalendar} AND r.due_date >= :unpaid`,
      unpaid: `${byCalendar} AND r.due_date < :unpaid AND r.due_date >= :dunning`,
      dunning: `${byCalendar} AND r.due_date < :dunning AND r.due_date >= :supply_stopped`,
      supply_stopped: `${byCalendar} AND r.due_date < :supply_stopped AND r.due_date >= :doubtful`,
      doubtful: `r.status = 'open' AND (r.doubtful_reason IS NOT NULL OR r.due_date < :doubtful)`,
      written_off: `r.status = 'written_off'`,
    };
    if (query.stage) qb.andWhere(stageWhere[query.stage]);
    if (query.overdue === 'true') qb.andWhere(`r.status = 'open' AND r.due_date < :unpaid`);
    if (query.overdue === 'false') qb.andWhere(`NOT (r.status = 'open' AND r.due_date < :unpaid)`);
    if (query.pastDue === 'true') qb.andWhere(`r.status = 'open' AND r.due_date < :today`);
    if (query.pastDue === 'false') qb.andWhere(`NOT (r.status = 'open' AND r.due_date < :today)`);
    if (query.planMissing) qb.andWhere(`r.status = 'open' AND r.dunning_plan IS NULL AND r.due_date < :planCutoff`, { planCutoff: dunningPlanMissingCutoff(today) });
    if (query.problem) qb.andWhere(`r.status = 'open' AND (r.invoice_date + interval '3 months')::date <= :today`);
    if (query.reportMissing) qb.andWhere(`r.status = 'open' AND r.problem_report IS NULL AND (r.invoice_date + interval '3 months')::date + 5 < :today`);
    const total = await qb.getCount();
    const { entities, raw } = await qb.orderBy('r.due_date', 'ASC').addOrderBy('r.id', 'ASC').offset(offset).limit(pageSize).getRawAndEntities();
    return { items: entities.map((r, i) => receivableView(r, raw[i].invoice_number as string, today)), page, pageSize, total };
  }

  @Handles(FinanceCatalog.fileDunningPlan)
  async fileDunningPlan(request: DunningPlanRequest, { tx, actor, cause }: CommandContext): Promise<ReceivableView> {
    const { row } = await this.receivables.apply(tx, await this.receivables.get(tx, request.receivableId), (r) => fileDunningPlan(r, { reasons: request.reasons, plan: request.plan }, actor.userId, businessDate()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(FinanceCatalog.fileProblemReport)
  async fileProblemReport(request: ProblemReportRequest, { tx, actor, cause }: CommandContext): Promise<ReceivableView> {
    const { row } = await this.receivables.apply(tx, await this.receivables.get(tx, request.receivableId), (r) => fileProblemReport(r, request.report, actor.userId, businessDate()), { actor, cause });
    return this.view(tx, row);
  }

  /** Bankrupt or seized: every open receivable of the customer is doubtful now, and supply stops. */
  @Handles(FinanceCatalog.declareCustomerDoubtful)
  async declareCustomerDoubtful(request: DoubtfulRequest, { tx, actor, cause }: CommandContext): Promise<Page<ReceivableView>> {
    const open = await tx.find(ReceivableEntity, { where: { customerId: request.customerId, status: 'open' }, order: { dueDate: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    if (open.length === 0) throw new DomainError('conflict', 'nothing-open', 'The customer owes nothing on an open receivable');
    const reason = `${request.kind}: ${request.note}`;
    const moved: ReceivableEntity[] = [];
    for (const receivable of open) moved.push((await this.receivables.apply(tx, receivable, (r) => declareDoubtful(r, reason, businessDate()), { actor, cause })).row);
    await this.ledger.followCollection(tx, request.customerId, `customer ${reason}`, { actor, cause });
    const items = await Promise.all(moved.map((r) => this.view(tx, r)));
    return { items, page: 1, pageSize: items.length, total: items.length };
  }

  /** One of the write-off's two approvals; the second writes it off against the bad-debt allowance. */
  @Handles(FinanceCatalog.approveWriteOff)
  async approveWriteOff(request: WriteOffRequest, { tx, actor, cause }: CommandContext): Promise<ReceivableView> {
    const today = businessDate();
    const { row, step } = await this.receivables.apply(tx, await this.receivables.get(tx, request.receivableId), (r) => approveWriteOff(r, actor, request.reason, today), { actor, cause });
    if (step.writtenOffFen > 0) {
      const invoice = await tx.findOneByOrFail(InvoiceEntity, { id: row.invoiceId });
      await post(tx, {
        sourceType: 'write_off', sourceId: row.id, customerId: row.customerId, postedBy: actor.userId,
        memo: `Invoice ${invoice.number} written off: ${row.writeOff!.reason}`, lines: writeOffEntry(step.writtenOffFen),
      });
      await this.ledger.reportReceivables(tx, row.customerId, `invoice ${invoice.number} written off`, { actor, cause });
    }
    return this.view(tx, row);
  }

  /** Open receivables per customer, rep or region, by days past due on today's business date (domain/aging.ts buckets them). */
  @Handles(FinanceCatalog.listAgingGroups)
  async listAgingGroups(query: AgingGroupsQuery, { tx }: CommandContext): Promise<Page<AgingGroupView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const key = { customer: 'r.customer_id::text', rep: `COALESCE(a.sales_rep, '(none)')`, region: `COALESCE(a.region, '(none)')` }[query.by];
    const name = query.by === 'customer' ? 'max(a.customer_name)' : key;
    const rows: Array<{ key: string; name: string; due_date: string; receivables: number; open_fen: string }> = await tx.query(
      `SELECT ${key} AS key, ${name} AS name, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, count(*)::int AS receivables, sum(r.amount_fen - r.settled_fen) AS open_fen
         FROM receivables r JOIN order_accounts a ON a.order_id = r.order_id
        WHERE r.status = 'open' AND r.amount_fen > r.settled_fen GROUP BY 1, r.due_date${query.by === 'customer' ? '' : ', 2'}`,
    );
    const groups = new Map<string, { name: string; rows: Array<{ dueDate: string; receivables: number; openFen: number }> }>();
    for (const row of rows) {
      const group = groups.get(row.key) ?? { name: row.name, rows: [] };
      group.rows.push({ dueDate: row.due_date, receivables: row.receivables, openFen: Number(row.open_fen) });
      groups.set(row.key, group);
    }
    const all = [...groups].map(([groupKey, group]) => {
      const aging = agingOn(group.rows, today);
      const fen = (bucket: string) => aging.buckets.find((b) => b.bucket === bucket)!.openFen;
      return {
        key: groupKey, name: group.name, receivables: aging.buckets.reduce((sum, b) => sum + b.receivables, 0),
        notDueFen: fen('not_due'), days1To30Fen: fen('days_1_30'), days31To60Fen: fen('days_31_60'), days61To90Fen: fen('days_61_90'), over90Fen: fen('over_90'), totalOpenFen: aging.totalOpenFen,
      };
    }).sort((a, b) => b.totalOpenFen - a.totalOpenFen || a.key.localeCompare(b.key));
    return { items: all.slice(offset, offset + pageSize), page, pageSize, total: all.length };
  }

  @Handles(FinanceCatalog.listCommissions)
  async listCommissions(query: CommissionQuery, { tx }: CommandContext): Promise<Page<CommissionView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const byRep = await commissionLines(tx, query.month, query.rep);
    const all = [...byRep].sort(([a], [b]) => a.localeCompare(b)).map(([rep, lines]) => ({ month: query.month, rep, ...commissionOf(lines) }));
    return { items: all.slice(offset, offset + pageSize), page, pageSize, total: all.length };
  }

  @Handles(FinanceCatalog.getCommissionStatement)
  async getCommissionStatement(request: CommissionStatementRequest, { tx }: CommandContext): Promise<CommissionStatementView> {
    const lines = (await commissionLines(tx, request.month, request.rep)).get(request.rep) ?? [];
    return {
      month: request.month, rep: request.rep, ...commissionOf(lines),
      lines: lines.map(({ badDebt: _, ...line }) => line),
    };
  }

  private async view(tx: EntityManager, r: ReceivableEntity): Promise<ReceivableView> {
    const invoice = await tx.findOneByOrFail(InvoiceEntity, { id: r.invoiceId });
    return receivableView(r, invoice.number, businessDate());
  }
}

export function receivableView(r: ReceivableEntity, invoiceNumber: string, today: string): ReceivableView {
  return {
    id: r.id, invoiceId: r.invoiceId, invoiceNumber, orderId: r.orderId, customerId: r.customerId, amountFen: r.amountFen, settledFen: r.settledFen,
    openFen: r.status === 'open' ? r.amountFen - r.settledFen : 0, status: r.status, invoiceDate: r.invoiceDate, stageRevision: r.stageRevision,
    ...collectionFacts(r, today), dunningPlan: r.dunningPlan, problemReport: r.problemReport, doubtfulReason: r.doubtfulReason, writeOff: r.writeOff,
  };
}

type StatementLine = CommissionLine & Omit<CommissionStatementView['lines'][number], 'collectibleFen' | 'collectedFen'>;

/**
 * Each rep's receivables due by the month's end, invoiced by then and not voided, with what was settled in
 * and since the month; domain/commission.ts decides what each counts for.
 */
async function commissionLines(tx: EntityManager, month: string, rep?: string): Promise<Map<string, StatementLine[]>> {
  const { from, to } = monthBounds(month);
  const rows: Array<{
    id: string; sales_rep: string; amount_fen: string; settled_fen: string; due_date: string; doubtful_reason: string | null;
    write_off: ReceivableEntity['writeOff']; invoice_number: string; order_number: string; customer_name: string; settled_since: string; settled_in: string;
  }> = await tx.query(
    `SELECT r.id, a.sales_rep, r.amount_fen, r.settled_fen, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.doubtful_reason, r.write_off,
            i.number AS invoice_number, a.order_number, a.customer_name,
            COALESCE((SELECT sum(s.amount_fen) FROM receivable_settlements s WHERE s.receivable_id = r.id AND s.settled_on >= $1), 0) AS settled_since,
            COALESCE((SELECT sum(s.amount_fen) FROM receivable_settlements s WHERE s.receivable_id = r.id AND s.settled_on BETWEEN $1 AND $2), 0) AS settled_in
       FROM receivables r JOIN order_accounts a ON a.order_id = r.order_id JOIN invoices i ON i.id = r.invoice_id
      WHERE a.sales_rep IS NOT NULL AND ($3::text IS NULL OR a.sales_rep = $3) AND r.status <> 'voided' AND r.due_date <= $2 AND r.invoice_date <= $2
      ORDER BY r.due_date, r.id`,
    [from, to, rep ?? null],
  );
  const byRep = new Map<string, StatementLine[]>();
  for (const row of rows) {
    const line = commissionLineOf({
      amountFen: Number(row.amount_fen), settledFen: Number(row.settled_fen), settledSinceFen: Number(row.settled_since), settledInFen: Number(row.settled_in),
      dueDate: row.due_date, doubtfulReason: row.doubtful_reason, writeOff: row.write_off,
    }, month);
    if (!line) continue;
    const { stageAtEnd, ...figures } = line;
    const lines = byRep.get(row.sales_rep) ?? [];
    lines.push({ receivableId: row.id, invoiceNumber: row.invoice_number, orderNumber: row.order_number, customerName: row.customer_name, dueDate: row.due_date, ...figures, stage: stageAtEnd });
    byRep.set(row.sales_rep, lines);
  }
  return byRep;
}
