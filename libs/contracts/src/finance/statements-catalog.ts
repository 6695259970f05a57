import type { Role } from '@ops/kernel';
import type { OperationSpec } from '../catalog.js';
import { BalanceSheetView, IncomeStatementView, FinancialStatementRequest, FinancialStatementQuery, VatSummaryView } from './statements.js';

/** Finance's bookkeepers and managers read the statements (the auditor reads every query anyway). */
const READERS: readonly Role[] = ['accountant', 'finance_manager', 'general_manager'];

const MONTH_ERRORS = [
  { status: 400, description: 'The month is not `YYYY-MM` (naming `month`)' },
  { status: 422, description: 'The month has not begun yet on the business calendar (`month-in-future`, naming `month`)' },
] as const;

const FINALITY =
  'A closed month answers `final: true` with `closedAt` and `closedBy`; the current month or an earlier one not yet closed answers too, ' +
  'with `final: false`: its figures are provisional and may still change. Periods follow each entry\'s business date (`entry_date`, ' +
  'Asia/Shanghai). The printed lines are the page\'s `items` (200 a page takes them all); `Accept: text/csv` gives them as a table, ' +
  'each row with the month and whether it is final.';

/** The financial statements of a month in the finance catalogue. */
export const FINANCE_STATEMENT_OPERATIONS = {
  getBalanceSheet: {
    kind: 'query', roles: READERS, request: FinancialStatementRequest,
    http: { method: 'GET', path: 'finance/statements/:month/balance-sheet', params: { month: 'code' }, query: FinancialStatementQuery },
    answers: BalanceSheetView, summary: 'Balance sheet at a month\'s end (资产负债表; CSV too)', errors: MONTH_ERRORS,
    description:
      'Every balance up to the month\'s last day: assets (current, non-current; the bad-debt allowance 1231 and accumulated depreciation 1602 ' +
      'as deductions), liabilities (current, non-current; VAT input 222101 netted against VAT output 2221 as taxes payable), equity (the ' +
      'equity accounts and the profit not yet closed into them: every revenue and expense account\'s net to date), with totals and ' +
      '`balanced` (assets = liabilities + equity). ' + FINALITY,
  },
  getIncomeStatement: {
    kind: 'query', roles: READERS, request: FinancialStatementRequest,
    http: { method: 'GET', path: 'finance/statements/:month/income-statement', params: { month: 'code' }, query: FinancialStatementQuery },
    answers: IncomeStatementView, summary: 'Income statement for a month and its year to date (利润表; CSV too)', errors: MONTH_ERRORS,
    description:
      'Revenue (6001, 6051), operating costs and taxes (6401, 6403), period expenses (6601, 6602, 6603), operating profit, non-operating ' +
      'income (6301) and expenses (6711), profit before tax, income tax (6801) and net profit, for the month and from 1 January to its end. ' +
      'The month\'s net profit is the change in equity on the balance sheet between the previous month\'s end and this one\'s, when no entry ' +
      'touches the equity accounts directly. ' + FINALITY,
  },
  getVatSummary: {
    kind: 'query', roles: READERS, request: FinancialStatementRequest,
    http: { method: 'GET', path: 'finance/statements/:month/vat-summary', params: { month: 'code' }, query: FinancialStatementQuery },
    answers: VatSummaryView, summary: 'VAT summary for a month (增值税汇总; CSV too)', errors: MONTH_ERRORS,
    description:
      'Output VAT (2221 in the month, credit − debit, with the net sales 6001 they were charged on), input VAT (222101, debit − credit), ' +
      'VAT payable (output − input) or, when input exceeds output, the credit carried forward; one line per kind of source that posted ' +
      'them (invoices, till takings, credit notes, voids, supplier payables, purchase returns…) and a `total` line. ' + FINALITY,
  },
} satisfies Record<string, OperationSpec>;
