/**
 * The chart of accounts (企业会计准则, the small-business subset this company uses). Every account the journal
 * may hold is here with its class, which side its balance normally sits on, and where it appears on the
 * statements. The automatic postings use the keys of `ACCOUNTS` (journal.ts); a voucher may name any account here.
 */
export type AccountClass = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export interface ChartAccount {
  code: string;
  name: string;
  class: AccountClass;
  /** The side a normal balance sits on; a contra account (坏账准备, 进项税额) sits on the other side of its class. */
  normalSide: 'debit' | 'credit';
  /** Current (within a year) or non-current, for the balance sheet's assets and liabilities. */
  term?: 'current' | 'non_current';
}

const account = (code: string, name: string, klass: AccountClass, normalSide: 'debit' | 'credit', term?: 'current' | 'non_current'): ChartAccount =>
  ({ code, name, class: klass, normalSide, ...(term ? { term } : {}) });

export const CHART_OF_ACCOUNTS: readonly ChartAccount[] = [
  account('1001', 'Cash on hand (库存现金)', 'asset', 'debit', 'current'),
  account('1002', 'Bank deposits (银行存款)', 'asset', 'debit', 'current'),
  account('1012', 'POS clearing (其他货币资金)', 'asset', 'debit', 'current'),
  account('1122', 'Accounts receivable (应收账款)', 'asset', 'debit', 'current'),
  account('1123', 'Supplier prepayments (预付账款)', 'asset', 'debit', 'current'),
  account('1221', 'Other receivables (其他应收款)', 'asset', 'debit', 'current'),
  account('1231', 'Bad-debt allowance (坏账准备)', 'asset', 'credit', 'current'),
  account('1405', 'Inventory goods (库存商品)', 'asset', 'debit', 'current'),
  account('1601', 'Fixed assets (固定资产)', 'asset', 'debit', 'non_current'),
  account('1602', 'Accumulated depreciation (累计折旧)', 'asset', 'credit', 'non_current'),
  account('2001', 'Short-term loans (短期借款)', 'liability', 'credit', 'current'),
  account('2202', 'Accounts payable (应付账款)', 'liability', 'credit', 'current'),
  account('2203', 'Customer prepayments (预收账款)', 'liability', 'credit', 'current'),
  account('2211', 'Wages payable (应付职工薪酬)', 'liability', 'credit', 'current'),
  account('2221', 'VAT output (应交税费-销项税额)', 'liability', 'credit', 'current'),
  account('222101', 'VAT input (应交税费-进项税额)', 'liability', 'debit', 'current'),
  account('2241', 'Other payables (其他应付款)', 'liability', 'credit', 'current'),
  account('4001', 'Paid-in capital (实收资本)', 'equity', 'credit'),
  account('4101', 'Surplus reserve (盈余公积)', 'equity', 'credit'),
  account('4103', 'Current-year profit (本年利润)', 'equity', 'credit'),
  account('4104', 'Retained earnings (利润分配)', 'equity', 'credit'),
  account('6001', 'Sales revenue (主营业务收入)', 'revenue', 'credit'),
  account('6051', 'Other operating income (其他业务收入)', 'revenue', 'credit'),
  account('6301', 'Non-operating income (营业外收入)', 'revenue', 'credit'),
  account('6401', 'Cost of goods sold (主营业务成本)', 'expense', 'debit'),
  account('6403', 'Taxes and surcharges (税金及附加)', 'expense', 'debit'),
  account('6601', 'Selling expenses (销售费用)', 'expense', 'debit'),
  account('6602', 'Administrative expenses (管理费用)', 'expense', 'debit'),
  account('6603', 'Financial expenses (财务费用)', 'expense', 'debit'),
  account('6711', 'Non-operating expenses (营业外支出)', 'expense', 'debit'),
  account('6801', 'Income tax expense (所得税费用)', 'expense', 'debit'),
];

const BY_CODE = new Map(CHART_OF_ACCOUNTS.map((a) => [a.code, a]));

/** The account of a code, or undefined when the chart has no such account. */
export function chartAccount(code: string): ChartAccount | undefined {
  return BY_CODE.get(code);
}
