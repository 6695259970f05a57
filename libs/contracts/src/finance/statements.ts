import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { pageOf } from '../catalog.js';
import { PageQuery, type Page } from '../common.js';

/**
 * The financial statements of a month (domain.md, financial statements): the balance sheet at its last day, the
 * income statement for it and its year to date, and the VAT summary, read from the journal by business date
 * (`entry_date`, Asia/Shanghai). Each answers its printed lines as a page (so `Accept: text/csv` gives the same
 * lines as a table) and, beside them, whether the month is closed (`final`) and its totals.
 */

/** The company the statements are of, as its invoices name it. */
export class StatementCompanyView {
  @ApiProperty({ example: '示例贸易有限公司 (Demo Trading Co., Ltd.)' }) name: string;
  @ApiProperty({ example: '91310000MA1FL8XQ30' }) taxId: string;
}

export const STATEMENT_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The page of a statement's lines (`page`, `pageSize`: 200 lines take every line at once). */
export class FinancialStatementQuery extends PageQuery {}

export class FinancialStatementRequest extends FinancialStatementQuery {
  @Matches(STATEMENT_MONTH, { message: 'month must be YYYY-MM' }) month: string;
}

/** One printed line of the balance sheet; flat, so that `Accept: text/csv` gives the statement as a table. */
export class BalanceSheetLineView {
  @ApiProperty({
    enum: ['current_assets', 'non_current_assets', 'assets', 'current_liabilities', 'non_current_liabilities', 'liabilities', 'equity', 'liabilities_and_equity'],
  }) section: string;
  @ApiProperty({ enum: ['account', 'subtotal', 'total'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, example: '1122', description: 'The account; null for a subtotal, a total or the profit not yet closed' }) code: string | null;
  @ApiProperty({ example: '1122', description: 'The account\'s code, or the line\'s key (`taxes_payable`, `unclosed_profit`, `total_assets`…)' }) key: string;
  @ApiProperty({ example: 'Accounts receivable (应收账款)' }) label: string;
  @ApiProperty({ example: 11_300, description: 'At the month\'s last day; a contra account (1231, 1602) negative, as a deduction' }) amountFen: number;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ description: 'The month is closed' }) final: boolean;
}

export class BalanceSheetTotalsView {
  @ApiProperty() currentAssetsFen: number;
  @ApiProperty() nonCurrentAssetsFen: number;
  @ApiProperty() assetsFen: number;
  @ApiProperty() currentLiabilitiesFen: number;
  @ApiProperty() nonCurrentLiabilitiesFen: number;
  @ApiProperty() liabilitiesFen: number;
  @ApiProperty({ description: 'Equity accounts and the profit not yet closed into them' }) equityFen: number;
  @ApiProperty({ description: 'Every revenue and expense account\'s net up to the date (本年利润/未分配利润 not yet closed)' }) unclosedProfitFen: number;
  @ApiProperty() liabilitiesAndEquityFen: number;
}

export class BalanceSheetView extends (pageOf(BalanceSheetLineView) as new () => Page<BalanceSheetLineView>) {
  @ApiProperty({ type: StatementCompanyView }) company: StatementCompanyView;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ description: 'true when the month is closed (the figures are final); false: the month is open and the figures provisional' }) final: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the month was closed; null while open' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'fin.manager', description: 'Who closed it; null while open' }) closedBy: string | null;
  @ApiProperty({ example: '2026-11-30', description: 'The day the balances stand at: the month\'s last' }) asOf: string;
  @ApiProperty({ type: BalanceSheetTotalsView }) totals: BalanceSheetTotalsView;
  @ApiProperty({ description: 'Assets equal liabilities plus equity' }) balanced: boolean;
}

/** One printed line of the income statement; flat, so that `Accept: text/csv` gives the statement as a table. */
export class IncomeStatementLineView {
  @ApiProperty({ enum: ['revenue', 'cost', 'expenses', 'operating_profit', 'non_operating_income', 'non_operating_expenses', 'profit_before_tax', 'income_tax', 'net_profit'] }) section: string;
  @ApiProperty({ enum: ['account', 'subtotal', 'total'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, example: '6001' }) code: string | null;
  @ApiProperty({ example: '6001', description: 'The account\'s code, or the line\'s key (`operating_profit`, `net_profit`…)' }) key: string;
  @ApiProperty({ example: 'Sales revenue (主营业务收入)' }) label: string;
  @ApiProperty({ example: 10_000, description: 'For the month: revenue as credit − debit, cost and expenses as debit − credit, profits as computed' }) amountFen: number;
  @ApiProperty({ example: 10_000, description: 'From 1 January to the month\'s end' }) yearToDateFen: number;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() final: boolean;
}

export class IncomeStatementView extends (pageOf(IncomeStatementLineView) as new () => Page<IncomeStatementLineView>) {
  @ApiProperty({ type: StatementCompanyView }) company: StatementCompanyView;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() final: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: 10_000 }) revenueFen: number;
  @ApiProperty({ example: 9_000 }) operatingProfitFen: number;
  @ApiProperty({ example: 9_000 }) profitBeforeTaxFen: number;
  @ApiProperty({ example: 9_000, description: 'Net profit of the month' }) netProfitFen: number;
  @ApiProperty({ example: 9_000, description: 'Net profit from 1 January to the month\'s end' }) yearToDateNetProfitFen: number;
}

/** One kind of source of the month's VAT, or `total`; flat, so that `Accept: text/csv` gives the summary as a table. */
export class VatSummaryLineView {
  @ApiProperty({ example: 'invoice', description: 'What posted it (journal source type: `invoice`, `invoice_void`, `credit_note`, `till_ticket`, `till_void`, `payable`, `purchase_return`…), or `total`' }) sourceType: string;
  @ApiProperty({ example: 10_000, description: 'Net sales, 6001 credit − debit' }) salesNetFen: number;
  @ApiProperty({ example: 1_300, description: 'Output VAT, 2221 credit − debit (a void or credit note negative)' }) outputVatFen: number;
  @ApiProperty({ example: 650, description: 'Input VAT, 222101 debit − credit (a purchase return negative)' }) inputVatFen: number;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() final: boolean;
}

export class VatSummaryView extends (pageOf(VatSummaryLineView) as new () => Page<VatSummaryLineView>) {
  @ApiProperty({ type: StatementCompanyView }) company: StatementCompanyView;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() final: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: 10_000 }) salesNetFen: number;
  @ApiProperty({ example: 1_300 }) outputVatFen: number;
  @ApiProperty({ example: 650 }) inputVatFen: number;
  @ApiProperty({ example: 650, description: 'Output − input when positive, else 0' }) payableFen: number;
  @ApiProperty({ example: 0, description: 'Input − output when positive (留抵, carried to the next month), else 0' }) carriedForwardFen: number;
}
