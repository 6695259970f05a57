import { addDays, addMonths, DomainError, type BusinessDate } from '@ops/kernel';
import { chartAccount, CHART_OF_ACCOUNTS, type AccountClass, type ChartAccount } from './chart-of-accounts.js';

/**
 * The financial statements of a month (资产负债表, 利润表, 增值税汇总), built from what the journal holds per
 * account: plain sums of debits and credits, read for a span of business dates (`journal_entries.entry_date`).
 * Every amount is integer fen, as presented: an asset or an expense at its debit balance, a liability, equity or
 * revenue at its credit balance, a contra account (坏账准备, 累计折旧) as a deduction (negative).
 */

/** What the journal holds for one account over a span of dates. */
export interface AccountSum {
  account: string;
  debitFen: number;
  creditFen: number;
}

/** One line of a statement as it is printed: an account, a subtotal or a total. */
export interface StatementLine {
  section: string;
  kind: 'account' | 'subtotal' | 'total';
  /** The account's code, null for a subtotal, a total or a derived line. */
  code: string | null;
  /** A stable key for a line that is not an account (`total_assets`, `net_profit`…); the code for an account line. */
  key: string;
  label: string;
  amountFen: number;
}

/** The month a statement is for: its first and last day, the first day of its year. */
export interface StatementMonth {
  month: string;
  first: BusinessDate;
  last: BusinessDate;
  yearStart: BusinessDate;
  /** The last day of the month before, where the previous balance sheet stands. */
  previousEnd: BusinessDate;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The dates of a month `YYYY-MM`; a month after today's (on the business calendar) has no statements yet (422). */
export function statementMonth(month: string, today: BusinessDate): StatementMonth {
  const match = MONTH.exec(month);
  if (!match) throw new DomainError('invalid', 'invalid-month', `${month} is not a month (YYYY-MM)`, [{ field: 'month', message: 'must be YYYY-MM' }]);
  if (month > today.slice(0, 7)) {
    throw new DomainError('rule_violated', 'month-in-future', `${month} has not begun yet (today is ${today}); statements are for this month or an earlier one`, [
      { field: 'month', message: 'must not be after the current month' },
    ]);
  }
  const first = `${month}-01`;
  const last = addDays(addMonths(first, 1), -1);
  return { month, first, last, yearStart: `${match[1]}-01-01`, previousEnd: addDays(first, -1) };
}

/** The class of an account: the chart's, or for a code it does not know, the class its first digit gives (企业会计准则 numbering). */
export function accountOf(code: string): ChartAccount {
  const known = chartAccount(code);
  if (known) return known;
  const klass: AccountClass = code.startsWith('1') ? 'asset' : code.startsWith('2') ? 'liability' : code.startsWith('3') || code.startsWith('4') ? 'equity' : 'expense';
  return { code, name: code, class: klass, normalSide: klass === 'asset' || klass === 'expense' ? 'debit' : 'credit', ...(klass === 'asset' || klass === 'liability' ? { term: 'current' as const } : {}) };
}

const isProfitAndLoss = (code: string) => ['revenue', 'expense'].includes(accountOf(code).class);

/** debit − credit, the balance as an asset or an expense shows it. */
const debitBalance = (sums: ReadonlyMap<string, AccountSum>, code: string) => (sums.get(code)?.debitFen ?? 0) - (sums.get(code)?.creditFen ?? 0);
/** credit − debit, the balance as a liability, equity or revenue shows it. */
const creditBalance = (sums: ReadonlyMap<string, AccountSum>, code: string) => (sums.get(code)?.creditFen ?? 0) - (sums.get(code)?.debitFen ?? 0);

function byAccount(sums: readonly AccountSum[]): Map<string, AccountSum> {
  const map = new Map<string, AccountSum>();
  for (const s of sums) {
    const known = map.get(s.account) ?? { account: s.account, debitFen: 0, creditFen: 0 };
    map.set(s.account, { account: s.account, debitFen: known.debitFen + s.debitFen, creditFen: known.creditFen + s.creditFen });
  }
  return map;
}

/** The chart's accounts of a class and term, then any other code the journal holds that falls there, in code order. */
function accountsIn(sums: ReadonlyMap<string, AccountSum>, test: (a: ChartAccount) => boolean): ChartAccount[] {
  const chart = CHART_OF_ACCOUNTS.filter(test);
  const others = [...sums.keys()].filter((code) => !chartAccount(code)).map(accountOf).filter(test);
  return [...chart, ...others].sort((a, b) => a.code.localeCompare(b.code));
}

/** Profit earned and not yet closed into equity: every revenue and expense account's credit balance, summed. */
export function unclosedProfitFen(sums: readonly AccountSum[]): number {
  return sums.filter((s) => isProfitAndLoss(s.account)).reduce((total, s) => total + s.creditFen - s.debitFen, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Balance sheet

export const VAT_OUTPUT = '2221';
export const VAT_INPUT = '222101';
export const SALES_REVENUE = '6001';

export interface BalanceSheet {
  lines: StatementLine[];
  totals: {
    currentAssetsFen: number; nonCurrentAssetsFen: number; assetsFen: number;
    currentLiabilitiesFen: number; nonCurrentLiabilitiesFen: number; liabilitiesFen: number;
    equityFen: number; unclosedProfitFen: number; liabilitiesAndEquityFen: number;
  };
  /** Assets equal liabilities plus equity. */
  balanced: boolean;
}

/**
 * The balance sheet from every account's sums up to its date. Contra accounts are deductions within their
 * section; VAT input (222101) nets against VAT output (2221) as one line, taxes payable; equity holds the equity
 * accounts and the profit not yet closed into them (the cumulative net of every revenue and expense account).
 */
export function balanceSheet(sumsToDate: readonly AccountSum[]): BalanceSheet {
  const sums = byAccount(sumsToDate);
  const lines: StatementLine[] = [];
  const accountLine = (section: string, a: ChartAccount, amountFen: number): StatementLine => ({ section, kind: 'account', code: a.code, key: a.code, label: a.name, amountFen });
  const sum = (section: string) => lines.filter((l) => l.section === section && l.kind === 'account').reduce((t, l) => t + l.amountFen, 0);
  const subtotal = (section: string, key: string, label: string) => {
    const amountFen = sum(section);
    lines.push({ section, kind: 'subtotal', code: null, key, label, amountFen });
    return amountFen;
  };

  for (const a of accountsIn(sums, (a) => a.class === 'asset' && a.term !== 'non_current')) lines.push(accountLine('current_assets', a, debitBalance(sums, a.code)));
  const currentAssetsFen = subtotal('current_assets', 'total_current_assets', 'Total current assets (流动资产合计)');
  for (const a of accountsIn(sums, (a) => a.class === 'asset' && a.term === 'non_current')) lines.push(accountLine('non_current_assets', a, debitBalance(sums, a.code)));
  const nonCurrentAssetsFen = subtotal('non_current_assets', 'total_non_current_assets', 'Total non-current assets (非流动资产合计)');
  const assetsFen = currentAssetsFen + nonCurrentAssetsFen;
  lines.push({ section: 'assets', kind: 'total', code: null, key: 'total_assets', label: 'Total assets (资产总计)', amountFen: assetsFen });

  for (const a of accountsIn(sums, (a) => a.class === 'liability' && a.term !== 'non_current' && a.code !== VAT_INPUT)) {
    if (a.code === VAT_OUTPUT) {
      lines.push({ section: 'current_liabilities', kind: 'account', code: VAT_OUTPUT, key: 'taxes_payable', label: 'Taxes payable (应交税费)', amountFen: creditBalance(sums, VAT_OUTPUT) + creditBalance(sums, VAT_INPUT) });
    } else {
      lines.push(accountLine('current_liabilities', a, creditBalance(sums, a.code)));
    }
  }
  const currentLiabilitiesFen = subtotal('current_liabilities', 'total_current_liabilities', 'Total current liabilities (流动负债合计)');
  for (const a of accountsIn(sums, (a) => a.class === 'liability' && a.term === 'non_current')) lines.push(accountLine('non_current_liabilities', a, creditBalance(sums, a.code)));
  const nonCurrentLiabilitiesFen = subtotal('non_current_liabilities', 'total_non_current_liabilities', 'Total non-current liabilities (非流动负债合计)');
  const liabilitiesFen = currentLiabilitiesFen + nonCurrentLiabilitiesFen;
  lines.push({ section: 'liabilities', kind: 'total', code: null, key: 'total_liabilities', label: 'Total liabilities (负债合计)', amountFen: liabilitiesFen });

  for (const a of accountsIn(sums, (a) => a.class === 'equity')) lines.push(accountLine('equity', a, creditBalance(sums, a.code)));
  const profitFen = unclosedProfitFen([...sums.values()]);
  lines.push({ section: 'equity', kind: 'account', code: null, key: 'unclosed_profit', label: 'Profit for the period to date, not yet closed (本年利润/未分配利润)', amountFen: profitFen });
  const equityFen = subtotal('equity', 'total_equity', 'Total equity (所有者权益合计)');
  const liabilitiesAndEquityFen = liabilitiesFen + equityFen;
  lines.push({ section: 'liabilities_and_equity', kind: 'total', code: null, key: 'total_liabilities_and_equity', label: 'Total liabilities and equity (负债和所有者权益总计)', amountFen: liabilitiesAndEquityFen });

  return {
    lines,
    totals: { currentAssetsFen, nonCurrentAssetsFen, assetsFen, currentLiabilitiesFen, nonCurrentLiabilitiesFen, liabilitiesFen, equityFen, unclosedProfitFen: profitFen, liabilitiesAndEquityFen },
    balanced: assetsFen === liabilitiesAndEquityFen,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Income statement

export interface IncomeStatementLine extends StatementLine {
  yearToDateFen: number;
}

export interface IncomeStatement {
  lines: IncomeStatementLine[];
  totals: Record<'revenueFen' | 'costFen' | 'expensesFen' | 'operatingProfitFen' | 'profitBeforeTaxFen' | 'incomeTaxFen' | 'netProfitFen', { monthFen: number; yearToDateFen: number }>;
}

/** Where each revenue and expense account sits on the income statement, and the sign it adds with. */
const INCOME_LAYOUT: ReadonlyArray<{ section: string; codes: readonly string[]; sign: 1 | -1 }> = [
  { section: 'revenue', codes: ['6001', '6051'], sign: 1 },
  { section: 'cost', codes: ['6401', '6403'], sign: -1 },
  { section: 'expenses', codes: ['6601', '6602', '6603'], sign: -1 },
  { section: 'non_operating_income', codes: ['6301'], sign: 1 },
  { section: 'non_operating_expenses', codes: ['6711'], sign: -1 },
  { section: 'income_tax', codes: ['6801'], sign: -1 },
];
const LAID_OUT = new Set(INCOME_LAYOUT.flatMap((s) => s.codes));

/**
 * The income statement for a month and for the year to its end: revenue, cost, expenses, operating profit,
 * non-operating income and expenses, profit before tax, income tax, net profit. Each account line is shown at
 * its natural balance (revenue as credit − debit, cost and expense as debit − credit); a revenue or expense
 * code the layout does not name counts with the expenses (revenue with the revenue), so nothing is left out.
 */
export function incomeStatement(monthSums: readonly AccountSum[], yearToDateSums: readonly AccountSum[]): IncomeStatement {
  const month = byAccount(monthSums);
  const ytd = byAccount(yearToDateSums);
  const codes = new Set([...month.keys(), ...ytd.keys()]);
  const extra = [...codes].filter((c) => isProfitAndLoss(c) && !LAID_OUT.has(c)).sort();
  const layout = INCOME_LAYOUT.map((s) => ({
    ...s,
    codes: [...s.codes, ...extra.filter((c) => (s.section === 'revenue' && accountOf(c).class === 'revenue') || (s.section === 'expenses' && accountOf(c).class === 'expense'))],
  }));
  const lines: IncomeStatementLine[] = [];
  const sectionTotal = (section: string) => {
    const of = lines.filter((l) => l.section === section && l.kind === 'account');
    return { monthFen: of.reduce((t, l) => t + l.amountFen, 0), yearToDateFen: of.reduce((t, l) => t + l.yearToDateFen, 0) };
  };
  const push = (section: string, kind: 'subtotal' | 'total', key: string, label: string, v: { monthFen: number; yearToDateFen: number }) =>
    lines.push({ section, kind, code: null, key, label, amountFen: v.monthFen, yearToDateFen: v.yearToDateFen });
  const add = (a: { monthFen: number; yearToDateFen: number }, b: { monthFen: number; yearToDateFen: number }, sign: 1 | -1 = 1) => ({ monthFen: a.monthFen + sign * b.monthFen, yearToDateFen: a.yearToDateFen + sign * b.yearToDateFen });
  const section = (name: string) => {
    const spec = layout.find((s) => s.section === name)!;
    for (const code of spec.codes) {
      const a = accountOf(code);
      const natural = (sums: Map<string, AccountSum>) => (spec.sign === 1 ? creditBalance(sums, code) : debitBalance(sums, code));
      lines.push({ section: name, kind: 'account', code, key: code, label: a.name, amountFen: natural(month), yearToDateFen: natural(ytd) });
    }
    return sectionTotal(name);
  };

  const revenue = section('revenue');
  push('revenue', 'subtotal', 'operating_revenue', 'Operating revenue (营业收入)', revenue);
  const cost = section('cost');
  push('cost', 'subtotal', 'operating_cost', 'Operating costs and taxes (营业成本及税金)', cost);
  const expenses = section('expenses');
  push('expenses', 'subtotal', 'period_expenses', 'Period expenses (期间费用)', expenses);
  const operating = add(add(revenue, cost, -1), expenses, -1);
  push('operating_profit', 'total', 'operating_profit', 'Operating profit (营业利润)', operating);
  const nonOpIncome = section('non_operating_income');
  const nonOpExpenses = section('non_operating_expenses');
  const beforeTax = add(add(operating, nonOpIncome), nonOpExpenses, -1);
  push('profit_before_tax', 'total', 'profit_before_tax', 'Profit before tax (利润总额)', beforeTax);
  const tax = section('income_tax');
  const net = add(beforeTax, tax, -1);
  push('net_profit', 'total', 'net_profit', 'Net profit (净利润)', net);

  return {
    lines,
    totals: { revenueFen: revenue, costFen: cost, expensesFen: expenses, operatingProfitFen: operating, profitBeforeTaxFen: beforeTax, incomeTaxFen: tax, netProfitFen: net },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// VAT summary

/** What the journal holds for one account from one kind of source over the month. */
export interface SourceAccountSum extends AccountSum {
  sourceType: string;
}

export interface VatSummaryLine {
  /** The kind of document that posted it (`invoice`, `till_ticket`, `credit_note`, `invoice_void`, `payable`…), or `total`. */
  sourceType: string;
  /** Net sales (6001, credit − debit). */
  salesNetFen: number;
  /** Output VAT (2221, credit − debit: a void or credit note gives it back, negative). */
  outputVatFen: number;
  /** Input VAT (222101, debit − credit: a purchase return gives it back, negative). */
  inputVatFen: number;
}

export interface VatSummary {
  lines: VatSummaryLine[];
  salesNetFen: number;
  outputVatFen: number;
  inputVatFen: number;
  /** Output − input when positive, else 0. */
  payableFen: number;
  /** Input − output when positive (留抵, carried to the next month), else 0. */
  carriedForwardFen: number;
}

/** The month's VAT: output and input by the kind of source that posted them, and what is payable or carried forward. */
export function vatSummary(rows: readonly SourceAccountSum[]): VatSummary {
  const bySource = new Map<string, VatSummaryLine>();
  for (const r of rows) {
    if (![VAT_OUTPUT, VAT_INPUT, SALES_REVENUE].includes(r.account)) continue;
    const line = bySource.get(r.sourceType) ?? { sourceType: r.sourceType, salesNetFen: 0, outputVatFen: 0, inputVatFen: 0 };
    if (r.account === VAT_OUTPUT) line.outputVatFen += r.creditFen - r.debitFen;
    if (r.account === VAT_INPUT) line.inputVatFen += r.debitFen - r.creditFen;
    if (r.account === SALES_REVENUE) line.salesNetFen += r.creditFen - r.debitFen;
    bySource.set(r.sourceType, line);
  }
  const lines = [...bySource.values()].filter((l) => l.salesNetFen || l.outputVatFen || l.inputVatFen).sort((a, b) => a.sourceType.localeCompare(b.sourceType));
  const total = (k: 'salesNetFen' | 'outputVatFen' | 'inputVatFen') => lines.reduce((t, l) => t + l[k], 0);
  const [salesNetFen, outputVatFen, inputVatFen] = [total('salesNetFen'), total('outputVatFen'), total('inputVatFen')];
  const due = outputVatFen - inputVatFen;
  return {
    lines: [...lines, { sourceType: 'total', salesNetFen, outputVatFen, inputVatFen }],
    salesNetFen, outputVatFen, inputVatFen, payableFen: Math.max(due, 0), carriedForwardFen: Math.max(-due, 0),
  };
}
