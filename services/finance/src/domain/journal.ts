import { DomainError } from '@ops/kernel';
import type { ReceiptMethod } from './receipt-rules.js';

/**
 * Double-entry bookkeeping (domain.md §5): every money movement is one entry whose debits equal its
 * credits; entries are never changed, a correction is a reversing entry. Account codes follow the
 * Chinese chart of accounts (企业会计准则).
 */
export const ACCOUNTS = {
  cash: { code: '1001', name: 'Cash on hand (库存现金)' },
  bank: { code: '1002', name: 'Bank deposits (银行存款)' },
  posClearing: { code: '1012', name: 'POS clearing (其他货币资金)' },
  receivables: { code: '1122', name: 'Accounts receivable (应收账款)' },
  badDebtAllowance: { code: '1231', name: 'Bad-debt allowance (坏账准备)' },
  customerPrepayments: { code: '2203', name: 'Customer prepayments (预收账款)' },
  // Purchasing (supplier payables and payments, domain/payable.ts).
  inventory: { code: '1405', name: 'Inventory goods (库存商品)' },
  supplierPrepayments: { code: '1123', name: 'Supplier prepayments (预付账款)' },
  payables: { code: '2202', name: 'Accounts payable (应付账款)' },
  vatInput: { code: '222101', name: 'VAT input (应交税费-进项税额)' },
  vatOutput: { code: '2221', name: 'VAT output (应交税费-销项税额)' },
  revenue: { code: '6001', name: 'Sales revenue (主营业务收入)' },
  // The outlets (domain/outlet-money.ts): cash over or short at a till's handover, the cost of approved waste.
  nonOperatingIncome: { code: '6301', name: 'Non-operating income (营业外收入)' },
  sellingExpenses: { code: '6601', name: 'Selling expenses (销售费用)' },
  nonOperatingExpense: { code: '6711', name: 'Non-operating expenses (营业外支出)' },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

export interface JournalLine {
  account: AccountKey;
  debitFen: number;
  creditFen: number;
}

/** Prices include VAT at 13%; the tax is the part of the total above the net amount. */
export const VAT_RATE_PERCENT = 13;

export function splitVat(grossFen: number): { netFen: number; vatFen: number } {
  const netFen = Math.round((grossFen * 100) / (100 + VAT_RATE_PERCENT));
  return { netFen, vatFen: grossFen - netFen };
}

const debit = (account: AccountKey, fen: number): JournalLine => ({ account, debitFen: fen, creditFen: 0 });
const credit = (account: AccountKey, fen: number): JournalLine => ({ account, debitFen: 0, creditFen: fen });

/** Where money received lands, by the way it was paid. */
export const MONEY_ACCOUNT: Record<ReceiptMethod, AccountKey> = { cash: 'cash', transfer: 'bank', pos: 'posClearing' };

/**
 * Money received settles what the customer already owes on invoices (receivables) first; the rest is
 * owed to the customer until goods are invoiced: a prepayment.
 */
export function receiptEntry(method: ReceiptMethod, amountFen: number, toReceivablesFen = 0): JournalLine[] {
  return balanced([
    debit(MONEY_ACCOUNT[method], amountFen),
    ...(toReceivablesFen > 0 ? [credit('receivables', toReceivablesFen)] : []),
    ...(amountFen - toReceivablesFen > 0 ? [credit('customerPrepayments', amountFen - toReceivablesFen)] : []),
  ]);
}

/**
 * Invoicing recognises the sale: what the customer prepaid is used first, the rest becomes a
 * receivable; the total splits into revenue and VAT.
 */
export function invoiceEntry(totalFen: number, prepaidFen: number): JournalLine[] {
  const applied = Math.min(Math.max(prepaidFen, 0), totalFen);
  const { netFen, vatFen } = splitVat(totalFen);
  return balanced([
    ...(applied > 0 ? [debit('customerPrepayments', applied)] : []),
    ...(totalFen - applied > 0 ? [debit('receivables', totalFen - applied)] : []),
    credit('revenue', netFen),
    ...(vatFen > 0 ? [credit('vatOutput', vatFen)] : []),
  ]);
}

/**
 * A voided invoice takes the sale back: revenue and VAT reversed, what is still owed leaves receivables,
 * and the money that had covered the invoice is owed to the customer again (2203).
 */
export function invoiceVoidEntry(amountFen: number, stillOwedFen: number): JournalLine[] {
  const { netFen, vatFen } = splitVat(amountFen);
  return balanced([
    debit('revenue', netFen),
    ...(vatFen > 0 ? [debit('vatOutput', vatFen)] : []),
    ...(stillOwedFen > 0 ? [credit('receivables', stillOwedFen)] : []),
    ...(amountFen - stillOwedFen > 0 ? [credit('customerPrepayments', amountFen - stillOwedFen)] : []),
  ]);
}

/** A line naming its account by chart code (a voucher's), not by the automatic postings' key. */
export interface CodedJournalLine {
  accountCode: string;
  debitFen: number;
  creditFen: number;
}

export function balanced<L extends JournalLine | CodedJournalLine>(lines: L[]): L[] {
  for (const line of lines) {
    const oneSided = (line.debitFen > 0) !== (line.creditFen > 0);
    if (!oneSided || !Number.isSafeInteger(line.debitFen) || !Number.isSafeInteger(line.creditFen) || line.debitFen < 0 || line.creditFen < 0) {
      throw new DomainError('invalid', 'bad-journal-line', `A journal line needs one positive whole-fen amount on one side (${'account' in line ? line.account : line.accountCode})`);
    }
  }
  const debits = lines.reduce((s, l) => s + l.debitFen, 0);
  const credits = lines.reduce((s, l) => s + l.creditFen, 0);
  if (lines.length < 2 || debits !== credits) throw new DomainError('invalid', 'unbalanced-entry', `An entry must balance: debits ${debits}, credits ${credits}`);
  return lines;
}

/**
 * A refund paid for a cancelled order: the money owed to the customer since the cancellation (customer
 * prepayments, 2203) leaves the money account it is paid from — cash on hand (1001), the bank (1002) for a
 * transfer, or POS clearing (1012, other monetary funds) for card money given back through the terminal.
 */
export function refundEntry(method: ReceiptMethod, amountFen: number): JournalLine[] {
  return balanced([debit('customerPrepayments', amountFen), credit(MONEY_ACCOUNT[method], amountFen)]);
}

/** A doubtful receivable written off against the bad-debt allowance (9-06): it leaves receivables (1122). */
export function writeOffEntry(amountFen: number): JournalLine[] {
  return balanced([debit('badDebtAllowance', amountFen), credit('receivables', amountFen)]);
}

/** Money came for a written-off receivable: the write-off is reversed first, so the money settles a receivable again. */
export function writeOffRecoveryEntry(amountFen: number): JournalLine[] {
  return balanced([debit('receivables', amountFen), credit('badDebtAllowance', amountFen)]);
}
