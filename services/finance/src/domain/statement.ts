/** One journal entry as the customer's statement sees it: debits raise what they owe, credits lower it. */
export interface StatementEntry {
  date: string;
  entryNumber: string;
  sourceType: string;
  /** The receipt, invoice or refund number behind the entry. */
  documentNumber: string;
  memo: string;
  debitFen: number;
  creditFen: number;
}

/** Opening balance from everything before `from`, the period's lines with a running balance, and the closing balance. */
export function statement(entries: StatementEntry[], from: string, to: string) {
  const before = entries.filter((e) => e.date < from);
  const within = entries.filter((e) => e.date >= from && e.date <= to);
  const openingBalanceFen = before.reduce((s, e) => s + e.debitFen - e.creditFen, 0);
  let running = openingBalanceFen;
  const lines = within.map((e) => {
    running += e.debitFen - e.creditFen;
    return { ...e, balanceFen: running };
  });
  const totalDebitFen = within.reduce((s, e) => s + e.debitFen, 0);
  const totalCreditFen = within.reduce((s, e) => s + e.creditFen, 0);
  return { from, to, openingBalanceFen, lines, totalDebitFen, totalCreditFen, closingBalanceFen: openingBalanceFen + totalDebitFen - totalCreditFen };
}
