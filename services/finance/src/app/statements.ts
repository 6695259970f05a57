import { Inject, Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, type BalanceSheetView, type FinancialStatementRequest, type IncomeStatementView, type VatSummaryView,
} from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import {
  balanceSheet, incomeStatement, SALES_REVENUE, statementMonth, VAT_INPUT, VAT_OUTPUT, vatSummary, type AccountSum, type SourceAccountSum, type StatementMonth,
} from '../domain/statements.js';
import type { Seller } from '../domain/invoice.js';
import { SELLER } from '../infra/seller.js';

/**
 * The financial statements of a month (domain/statements.ts): read from the journal by business date, each in the
 * query's one snapshot so an entry committing meanwhile cannot unbalance the answer, labelled final when the
 * month is closed (accounting_periods) and provisional otherwise.
 */
@Injectable()
export class FinancialStatements {
  constructor(@Inject(SELLER) private readonly seller: Seller) {}

  private get company() {
    return { name: this.seller.name, taxId: this.seller.taxId };
  }

  @Handles(FinanceCatalog.getBalanceSheet)
  async getBalanceSheet(request: FinancialStatementRequest, { tx }: CommandContext): Promise<BalanceSheetView> {
    const month = statementMonth(request.month, businessDate());
    const sheet = balanceSheet(await accountSums(tx, null, month.last));
    const status = await periodStatus(tx, month);
    return { company: this.company, ...status, ...paged(sheet.lines.map((l) => ({ ...l, month: month.month, final: status.final })), request), asOf: month.last, totals: sheet.totals, balanced: sheet.balanced };
  }

  @Handles(FinanceCatalog.getIncomeStatement)
  async getIncomeStatement(request: FinancialStatementRequest, { tx }: CommandContext): Promise<IncomeStatementView> {
    const month = statementMonth(request.month, businessDate());
    const statement = incomeStatement(
      await accountSums(tx, month.first, month.last),
      await accountSums(tx, month.yearStart, month.last),
    );
    const status = await periodStatus(tx, month);
    const t = statement.totals;
    return {
      company: this.company, ...status, ...paged(statement.lines.map((l) => ({ ...l, month: month.month, final: status.final })), request), from: month.first, to: month.last,
      revenueFen: t.revenueFen.monthFen, operatingProfitFen: t.operatingProfitFen.monthFen, profitBeforeTaxFen: t.profitBeforeTaxFen.monthFen,
      netProfitFen: t.netProfitFen.monthFen, yearToDateNetProfitFen: t.netProfitFen.yearToDateFen,
    };
  }

  @Handles(FinanceCatalog.getVatSummary)
  async getVatSummary(request: FinancialStatementRequest, { tx }: CommandContext): Promise<VatSummaryView> {
    const month = statementMonth(request.month, businessDate());
    const rows: Array<{ source_type: string; account: string; debit: string; credit: string }> = await tx.query(
      `SELECT e.source_type, l.account, sum(l.debit_fen) AS debit, sum(l.credit_fen) AS credit
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE e.entry_date BETWEEN $1 AND $2 AND l.account = ANY($3::text[])
        GROUP BY e.source_type, l.account`,
      [month.first, month.last, [VAT_OUTPUT, VAT_INPUT, SALES_REVENUE]],
    );
    const summary = vatSummary(rows.map((r): SourceAccountSum => ({ sourceType: r.source_type, account: r.account, debitFen: Number(r.debit), creditFen: Number(r.credit) })));
    const status = await periodStatus(tx, month);
    return {
      company: this.company, ...status, ...paged(summary.lines.map((l) => ({ ...l, month: month.month, final: status.final })), request), from: month.first, to: month.last,
      salesNetFen: summary.salesNetFen, outputVatFen: summary.outputVatFen, inputVatFen: summary.inputVatFen, payableFen: summary.payableFen, carriedForwardFen: summary.carriedForwardFen,
    };
  }
}

/** Per account, the sums of the entries dated from `from` (null: the beginning) to `to`. */
async function accountSums(tx: EntityManager, from: string | null, to: string): Promise<AccountSum[]> {
  const rows: Array<{ account: string; debit: string; credit: string }> = await tx.query(
    `SELECT l.account, sum(l.debit_fen) AS debit, sum(l.credit_fen) AS credit
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
      WHERE ($1::date IS NULL OR e.entry_date >= $1::date) AND e.entry_date <= $2::date
      GROUP BY l.account`,
    [from, to],
  );
  return rows.map((r) => ({ account: r.account, debitFen: Number(r.debit), creditFen: Number(r.credit) }));
}

/** Whether the month is closed (final figures), and by whom and when. */
async function periodStatus(tx: EntityManager, month: StatementMonth): Promise<{ month: string; final: boolean; closedAt: string | null; closedBy: string | null }> {
  const [row]: Array<{ closed_by: string; closed_at: Date }> = await tx.query(`SELECT closed_by, closed_at FROM accounting_periods WHERE month = $1 AND status = 'closed'`, [month.month]);
  return { month: month.month, final: !!row, closedAt: row ? new Date(row.closed_at).toISOString() : null, closedBy: row?.closed_by ?? null };
}

/** The statement's lines as a page: 200 a page holds any statement whole, so CSV export reads one page. */
function paged<T>(lines: T[], query: { page?: number; pageSize?: number }) {
  const { page, pageSize, offset } = pageWindow({ page: query.page, pageSize: query.pageSize ?? 200 });
  return { items: lines.slice(offset, offset + pageSize), page, pageSize, total: lines.length };
}
